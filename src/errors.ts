/**
 * The one error base of the library and its faces. Every error a user can
 * cause (or that the product's own data causes) is an `AmurError`: a `kind`
 * that says what sort of failure it is, and where it is — the `file`, the
 * `record` and the `field`, or the request `parameter` — with what would be
 * `valid`. The kind is mapped once, here, to the CLI's exit code and the
 * HTTP status of the API, so that the faces never pick a status by an error's
 * class name or by a regular expression on its message.
 *
 * | kind          | meaning                                                    | exit | HTTP |
 * | ------------- | ---------------------------------------------------------- | ---- | ---- |
 * | `input`       | the user's query, flag or file is not valid                | 2    | 400  |
 * | `not-found`   | an id, a source, a scenario or a file that does not exist  | 2    | 404  |
 * | `too-large`   | valid, but beyond a configured bound                       | 2    | 422  |
 * | `data`        | the product's own data (atlas, profile) is broken          | 3    | 500  |
 * | `unavailable` | a resource is busy, locked or shutting down                | 4    | 503  |
 * | `timeout`     | the work did not finish within its deadline                | 4    | 503  |
 * | `internal`    | a bug: nothing the user can fix                            | 1    | 500  |
 */

export const ERROR_KINDS = [
  'input',
  'not-found',
  'too-large',
  'data',
  'unavailable',
  'timeout',
  'internal',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Where an error is: in a file (file, record, field) or a request (parameter), and what would be valid. */
export interface ErrorPlace {
  file?: string;
  record?: string;
  field?: string;
  parameter?: string;
  valid?: string | readonly string[];
}

export class AmurError extends Error {
  readonly kind: ErrorKind;
  readonly file?: string;
  readonly record?: string;
  readonly field?: string;
  readonly parameter?: string;
  readonly valid?: string | readonly string[];

  constructor(kind: ErrorKind, message: string, place: ErrorPlace = {}) {
    super(message);
    this.name = 'AmurError';
    this.kind = kind;
    if (place.file !== undefined) this.file = place.file;
    if (place.record !== undefined) this.record = place.record;
    if (place.field !== undefined) this.field = place.field;
    if (place.parameter !== undefined) this.parameter = place.parameter;
    if (place.valid !== undefined) this.valid = place.valid;
  }
}

/** The CLI's exit code of each kind (1 is kept for failures that are not an `AmurError`). */
export const EXIT_CODE: Readonly<Record<ErrorKind, number>> = {
  input: 2,
  'not-found': 2,
  'too-large': 2,
  data: 3,
  unavailable: 4,
  timeout: 4,
  internal: 1,
};

/** The HTTP status of each kind. */
export const HTTP_STATUS: Readonly<Record<ErrorKind, number>> = {
  input: 400,
  'not-found': 404,
  'too-large': 422,
  data: 500,
  unavailable: 503,
  timeout: 503,
  internal: 500,
};

/** The kind of any thrown value: an `AmurError`'s own, else `internal`. */
export function errorKind(e: unknown): ErrorKind {
  return e instanceof AmurError ? e.kind : 'internal';
}

/** The exit code the CLI ends with for a thrown value. */
export function exitCodeOf(e: unknown): number {
  return EXIT_CODE[errorKind(e)];
}

/** The HTTP status the API answers for a thrown value. */
export function httpStatusOf(e: unknown): number {
  return HTTP_STATUS[errorKind(e)];
}

/** The kind of an HTTP status (for errors raised by the HTTP face itself). */
export function kindOfStatus(status: number): ErrorKind {
  if (status === 404) return 'not-found';
  if (status === 413 || status === 414 || status === 422 || status === 431) return 'too-large';
  if (status === 408) return 'timeout';
  if (status === 429 || status === 503) return 'unavailable';
  if (status >= 400 && status < 500) return 'input';
  return 'internal';
}

/** `valid` as one sentence (a list of candidates joined). */
export function validText(valid: string | readonly string[] | undefined): string | undefined {
  if (valid === undefined) return undefined;
  if (typeof valid === 'string') return valid;
  return valid.length > 0 ? `one of ${valid.join(', ')}` : undefined;
}
