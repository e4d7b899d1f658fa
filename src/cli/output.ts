/** Shared helpers for CLI output: JSON printing and user-facing errors. */

/** An error caused by the user's input: printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Commander option parser for a repeatable flag: `--x a --x b` → `['a', 'b']`. */
export const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** Flattens repeated and comma-separated flag values: `['a,b', 'c']` → `['a', 'b', 'c']`. */
export const splitList = (vs: string[] | undefined): string[] | undefined =>
  vs
    ?.flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
