/**
 * The server's access to the trade store: opened on first use (which loads
 * the seed tables into a new database), one operation at a time on its one
 * DuckDB connection, each with a deadline (the query is interrupted and the
 * request answered 503 when it is exceeded).
 *
 * Answers to reads are kept (as JSON text, the most recent 500) until the
 * next write: while the server holds the database file no other process can
 * write to it (DuckDB locks it), so a read answer stays true until this
 * server imports something.
 */
import { openTradeStore } from '../trade/first-use.ts';
import { type Store, StoreError } from '../trade/store.ts';
import { ApiError } from './errors.ts';

export class TradeStore {
  private store: Promise<Store> | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly answers = new Map<string, Promise<string>>();
  private static readonly MAX_ANSWERS = 500;

  constructor(
    private readonly path: string | undefined,
    private readonly deadlineMs: number,
  ) {}

  private open(): Promise<Store> {
    if (!this.store) {
      this.store = openTradeStore(this.path).catch((e) => {
        this.store = null;
        if (e instanceof StoreError) {
          throw new ApiError(
            503,
            'unavailable',
            'store',
            `the trade store cannot be opened: ${e.message}`,
            'start the server with --db FILE pointing at a writable DuckDB file not used by another process',
          );
        }
        throw e;
      });
    }
    return this.store;
  }

  /**
   * Runs `fn` with the store, after every operation queued before it. Past
   * `deadlineMs` the running query is interrupted and the caller gets a 503.
   */
  use<T>(fn: (store: Store) => Promise<T>, deadlineMs = this.deadlineMs): Promise<T> {
    if (this.closed) {
      return Promise.reject(
        new ApiError(503, 'unavailable', 'request', 'the server is shutting down', 'retry later'),
      );
    }
    const run = this.tail.then(async () => {
      const store = await this.open();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          try {
            store.connection.interrupt();
          } catch {
            // nothing running
          }
          reject(
            new ApiError(
              503,
              'timeout',
              'request',
              `the trade query did not finish within ${(deadlineMs / 1000).toFixed(1)} s and was stopped`,
              'a narrower query (a source, a reporter, a year)',
            ),
          );
        }, deadlineMs);
      });
      try {
        return await Promise.race([fn(store), deadline]);
      } finally {
        clearTimeout(timer);
      }
    });
    // the queue goes on whatever this operation's outcome
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** A read, answered from the kept answers when the same read was made since the last write. */
  read(key: string, fn: (store: Store) => Promise<unknown>): Promise<string> {
    const hit = this.answers.get(key);
    if (hit) {
      this.answers.delete(key);
      this.answers.set(key, hit);
      return hit;
    }
    const answer = this.use(async (store) => JSON.stringify(await fn(store)));
    this.answers.set(key, answer);
    answer.catch(() => this.answers.delete(key));
    if (this.answers.size > TradeStore.MAX_ANSWERS)
      this.answers.delete(this.answers.keys().next().value as string);
    return answer;
  }

  /** A write: runs alone like every operation, and forgets every kept answer. */
  async write<T>(fn: (store: Store) => Promise<T>, deadlineMs?: number): Promise<T> {
    try {
      return await this.use(fn, deadlineMs);
    } finally {
      this.answers.clear();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
    if (this.store) {
      try {
        (await this.store).close();
      } catch {
        // it never opened
      }
    }
  }
}
