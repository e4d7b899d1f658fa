/**
 * The trade store as the `amur trade …` commands open it, written once for
 * `trade.ts` and `trade-analysis.ts`: the `--db` option, `withStore` (open,
 * run, close; a store error and the command's own input errors become
 * one-line CLI errors), the note on a stale read-only store, and region names
 * resolved to codes for `--reporter` and `--partner`.
 */
import { Option } from 'commander';
import { openTradeStore } from '../trade/first-use.ts';
import { resolveRegionCode } from '../trade/regions.ts';
import { type Store, StoreError } from '../trade/store.ts';
import { CliError, splitList } from './output.ts';

/** Options every trade sub-command understands. */
export interface StoreCliOptions {
  db?: string;
  json?: boolean;
}

/** `--db <file>`: the trade store (else `$AMUR_DB`, else the user's data directory). */
export const storeOption = (): Option =>
  new Option('--db <file>', 'the store (default: $AMUR_DB or the user data directory)');

/** Says on stderr that a store opened read-only lacks first-use data this user cannot add (`Store.stale`). */
export function noteStaleStore(store: Store): void {
  if (store.stale.length > 0)
    process.stderr.write(
      `amur: note: ${store.path} lacks ${store.stale.join(', ')} of this release and this user cannot write it; reading it as it is\n`,
    );
}

/** A class of error a command's work throws for bad input (an import's, an indicator's, …). */
// biome-ignore lint/suspicious/noExplicitAny: any constructor of an Error
export type ErrorClass = abstract new (...args: any[]) => Error;

/**
 * Opens the store named by `--db` (or `$AMUR_DB`, or the default), runs `fn`,
 * closes it. A store error becomes a one-line CLI error (exit 1), an error of
 * one of `inputErrors` one with exit 2. Read-only commands pass `readOnly` so
 * that they share the file with other readers and can read a store this user
 * cannot write (src/trade/store.ts `readOnlyPlan`).
 */
export async function withStore<T>(
  opts: StoreCliOptions,
  fn: (store: Store) => Promise<T>,
  access: { readOnly?: boolean } = {},
  inputErrors: readonly ErrorClass[] = [],
): Promise<T> {
  let store: Store;
  try {
    store = await openTradeStore(opts.db, access);
  } catch (e) {
    if (e instanceof StoreError) throw new CliError(e.message, 1);
    throw e;
  }
  noteStaleStore(store);
  try {
    return await fn(store);
  } catch (e) {
    if (inputErrors.some((c) => e instanceof c)) throw new CliError((e as Error).message, 2);
    throw e;
  } finally {
    store.close();
  }
}

/** The codes of the regions a repeated or comma-separated flag names; undefined when none. */
export async function resolveRegions(
  store: Store,
  flag: string,
  values: string[] | undefined,
): Promise<string[] | undefined> {
  const out: string[] = [];
  for (const v of splitList(values) ?? []) {
    const code = await resolveRegionCode(store, v);
    if (!code)
      throw new CliError(
        `--${flag} ${JSON.stringify(v)}: unknown region (a code such as CHN, RUS, CN-HL, CN-HL-HEIHE, WLD, or a name in English, Chinese or Russian)`,
      );
    out.push(code);
  }
  return out.length ? out : undefined;
}
