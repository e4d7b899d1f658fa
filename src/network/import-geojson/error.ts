import { AmurError, type ErrorPlace } from '../../errors.ts';

/** A GeoJSON input error: names the file, the feature and the field, and what would be valid. */
export class LineNetworkError extends AmurError {
  constructor(message: string, place: ErrorPlace = {}) {
    super('input', message, place);
    this.name = 'LineNetworkError';
  }
}
