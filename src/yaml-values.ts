/**
 * The values of a parsed YAML document, with alias expansion bounded: a
 * document whose aliases expand without end (a "billion laughs") is refused
 * with a message that names the file, instead of the YAML library's bare
 * `ReferenceError`. Used by every loader of YAML data files.
 */
import type { Document } from 'yaml';
import { AmurError } from './errors.ts';

/** Most alias expansions a data file may use (the yaml library's own default). */
export const MAX_YAML_ALIASES = 100;

/** A YAML file refused because its aliases expand too far. */
export class YamlRefusedError extends AmurError {
  constructor(file: string) {
    super(
      'input',
      `${file}: refused: its aliases expand more than ${MAX_YAML_ALIASES} times (a "billion laughs" document)`,
      {
        file,
        valid: `YAML whose aliases (*name) expand at most ${MAX_YAML_ALIASES} times; write the values out`,
      },
    );
    this.name = 'YamlRefusedError';
  }
}

/** `doc.toJS()`, or a `YamlRefusedError` naming `file` when the aliases expand too far. */
export function yamlValues(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) throw new YamlRefusedError(file);
    throw e;
  }
}
