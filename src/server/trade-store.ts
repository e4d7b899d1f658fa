/**
 * The server's access to the trade store: opened on first use (which loads
 * the seed tables into a new database), or opened read-only when the server
 * was started `--read-only`; one operation at a time on its one DuckDB
 * connection.
 *
 * Every operation has one deadline, from the request's arrival: time waiting
 * for the connection counts. Past it the caller gets a 503 with Retry-After
 * at once; a running query is interrupted and, once it has stopped, any
 * transaction it left open is rolled back, so that the next operation finds
 * the connection usable. At most `queueLength` operations wait; one more is
 * refused with a 503 at once.
 *
 * Answers to reads are kept (as JSON text, bounded in bytes) until the next
 * write: while the server holds the database file no other process can
 * write to it (DuckDB locks it), so a read answer stays true until this
 * server imports something.
 */
import { openTradeStore } from '../trade/first-use.ts';
import { type Store, StoreError } from '../trade/store.ts';
import { ByteCache } from './byte-cache.ts';
import { ApiError, publicMessage } from './errors.ts';

export interface TradeStoreOptions {
  /** DuckDB file (default: the store's own default). */
  path?: string;
  /** Deadline of an operation when the request gives none, ms. */
  deadlineMs: number;
  /** Most operations waiting for the connection. */
  queueLength: number;
  /** Bytes of kept read answers. */
  cacheBytes: number;
  /** Open the file read-only (shared with other readers; every write refused). */
  readOnly?: boolean;
}

/** JSON of DuckDB values, written once: BigInt as a number, a date as ISO 8601. */
function plainValue(_key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  return v;
}

export class TradeStore {
  private store: Promise<Store> | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private waiting = 0;
  /** Operations waiting or running. */
  private active = 0;
  private readonly answers: ByteCache;
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(private readonly opts: TradeStoreOptions) {
    this.answers = new ByteCache(opts.cacheBytes);
  }

  get readOnly(): boolean {
    return this.opts.readOnly === true;
  }

  private open(): Promise<Store> {
    if (!this.store) {
      this.store = openTradeStore(this.opts.path, { readOnly: this.readOnly }).catch((e) => {
        this.store = null;
        if (e instanceof StoreError) {
          const damaged = e.reason === 'corrupt';
          throw new ApiError(
            damaged ? 500 : 503,
            damaged ? 'data-broken' : 'unavailable',
            'store',
            `the trade store cannot be opened: ${publicMessage(e.message)}`,
            damaged
              ? 'the server operator restores the trade store file or starts the server with another --db'
              : 'retry later; the server operator closes the other process or starts the server with --read-only or another --db',
            damaged ? undefined : 10,
          );
        }
        throw e;
      });
    }
    return this.store;
  }

  /**
   * Runs `fn` with the store, after every operation queued before it, and
   * settles by `deadlineAt` (Date.now() clock; default `deadlineMs` from now).
   */
  use<T>(fn: (store: Store) => Promise<T>, deadlineAt = Date.now() + this.opts.deadlineMs): Promise<T> {
    if (this.closed) {
      return Promise.reject(
        new ApiError(503, 'unavailable', 'request', 'the server is shutting down', 'retry later', 5),
      );
    }
    // one operation runs, at most queueLength wait behind it
    if (this.active > this.opts.queueLength) {
      return Promise.reject(
        new ApiError(
          503,
          'busy',
          'request',
          `the trade store is busy: ${this.waiting} operations are already waiting`,
          'retry in a moment',
          2,
        ),
      );
    }
    this.waiting++;
    this.active++;
    let started = false;
    let timedOut = false;
    let store: Store | null = null;
    const work = this.tail.then(async () => {
      this.waiting--;
      if (timedOut) return undefined as T; // its deadline passed while it waited: never run
      started = true;
      store = await this.open();
      // past the deadline the operation's next statement fails, so that its transaction is rolled back below
      const guarded = new Proxy(store, {
        get(target, prop) {
          const v = Reflect.get(target, prop, target);
          if (typeof v !== 'function') return v;
          return (...args: unknown[]) => {
            if (timedOut) throw new Error('the operation was stopped at its deadline');
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      try {
        return await fn(guarded);
      } catch (e) {
        // an interrupted or failed write may leave its transaction open: end it before the next operation
        await store.query('ROLLBACK').catch(() => undefined);
        // an operation stopped on the filled series (`withFilledFlows`, fillMirror=true) could not drop its
        // TEMP view `flows`: drop it, or the next operation would read mirror data as the store's own
        await store.query('DROP VIEW IF EXISTS temp.main.flows').catch(() => undefined);
        throw e;
      }
    });
    // the next operation starts when this one has really stopped, whatever its outcome
    this.tail = work.catch(() => undefined).finally(() => this.active--);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          timedOut = true;
          if (started && store) {
            try {
              store.connection.interrupt();
            } catch {
              // nothing running
            }
          }
          reject(
            new ApiError(
              503,
              started ? 'timeout' : 'busy',
              'request',
              started
                ? 'the trade query did not finish within the request deadline and was stopped'
                : 'the trade store was busy with other requests until the request deadline',
              started ? 'a narrower query (a source, a reporter, a year)' : 'retry in a moment',
              5,
            ),
          );
        },
        Math.max(0, deadlineAt - Date.now()),
      );
      work.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });
  }

  /** A read, answered from the kept answers when the same read was made since the last write. */
  read(key: string, fn: (store: Store) => Promise<unknown>, deadlineAt?: number): Promise<string> {
    return this.readText(key, async (store) => JSON.stringify(await fn(store), plainValue), deadlineAt);
  }

  /** As `read`, for a read that writes its own JSON text (e.g. built by DuckDB, off the event loop). */
  readText(key: string, fn: (store: Store) => Promise<string>, deadlineAt?: number): Promise<string> {
    const hit = this.answers.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    const running = this.inflight.get(key);
    if (running) return running;
    const answer = this.use(fn, deadlineAt);
    this.inflight.set(key, answer);
    const generation = this.generation;
    answer.then(
      (json) => {
        this.inflight.delete(key);
        if (generation === this.generation) this.answers.set(key, json);
      },
      () => this.inflight.delete(key),
    );
    return answer;
  }

  private generation = 0;

  /** A write: runs alone like every operation, and forgets every kept answer. */
  async write<T>(fn: (store: Store) => Promise<T>, deadlineAt?: number): Promise<T> {
    if (this.readOnly) {
      throw new ApiError(
        403,
        'read-only',
        'request',
        'this server opened the trade store read-only (--read-only)',
        'a server started without --read-only and with an API token',
      );
    }
    try {
      return await this.use(fn, deadlineAt);
    } finally {
      this.generation++;
      this.answers.clear();
    }
  }

  /** Bytes of kept answers (for the tests and the benchmark). */
  get cachedBytes(): number {
    return this.answers.bytes;
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
