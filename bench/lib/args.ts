/**
 * The command-line flags of a benchmark, read by one table instead of a loop
 * per benchmark: `{ '--pairs': ['pairs', 'int'], '--src': ['src', 'switch'] }`.
 */

/** What a flag sets: a whole number (`parseInt`, base 10), a text, a comma-separated list, or `true` (a switch, no value). */
export type FlagKind = 'int' | 'text' | 'list' | 'switch';

/**
 * Reads `--flag value` arguments into an options object by `table`. A flag
 * whose value is missing is refused naming it; other arguments are ignored.
 */
export function parseFlags<O extends object>(
  argv: readonly string[],
  table: Readonly<Record<string, readonly [key: keyof O & string, kind: FlagKind]>>,
): O {
  const o: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const entry = Object.hasOwn(table, flag) ? table[flag] : undefined;
    if (!entry) continue;
    const [key, kind] = entry;
    if (kind === 'switch') {
      o[key] = true;
      continue;
    }
    const v = argv[++i];
    if (v === undefined) throw new Error(`${flag} needs a value`);
    o[key] = kind === 'int' ? Number.parseInt(v, 10) : kind === 'list' ? v.split(',') : v;
  }
  return o as O;
}
