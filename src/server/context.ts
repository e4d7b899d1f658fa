/**
 * What the routes share: the atlas, the trade store, the compute pool for
 * route and matrix searches, and the limits. Resources open on first use and
 * close with the server.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getAtlas } from '../atlas/load.ts';
import type { Atlas } from '../atlas/schema.ts';
import { ComputePool } from './compute.ts';
import { TradeStore } from './trade-store.ts';

export interface ServerLimits {
  /** Largest request body, bytes (413 above). */
  bodyBytes: number;
  /** Requests per minute per client address (429 above). */
  requestsPerMinute: number;
  /** Deadline of one route or matrix computation, ms (503 after). */
  computeMs: number;
  /** Longest wait for a free search worker (including their start), ms (503 after). */
  queueMs: number;
  /** Time to receive a whole request, ms. */
  requestMs: number;
  /** Largest matrix, origins × destinations (422 above). */
  matrixCells: number;
  /** Most alternatives a route query may ask for (422 above). */
  alternatives: number;
  /** Worker threads for route and matrix searches. */
  computeWorkers: number;
  /**
   * One deadline per request, end to end from its arrival (time queued plus
   * time running), ms: past it the answer is a 503 with Retry-After. Always
   * shorter than the socket's own idle timeout.
   */
  deadlineMs: number;
  /** Most requests waiting for a search worker, or for the trade store (503 at once when full). */
  queueLength: number;
  /** Bytes of kept answers (trade reads, rendered charts); the least recently used go first. */
  cacheBytes: number;
}

export interface ContextOptions {
  atlasDir?: string;
  dbPath?: string;
  /** Open the trade store read-only (`amur serve --read-only`). */
  readOnly?: boolean;
  limits: ServerLimits;
}

export class ServerContext {
  readonly limits: ServerLimits;
  readonly atlasDir: string | undefined;
  readonly dbPath: string | undefined;
  readonly readOnly: boolean;
  private readonly closers: Array<() => Promise<void> | void> = [];
  private pool: ComputePool | null = null;
  private store: TradeStore | null = null;

  /** Event-loop delay of the last complete window (ms): how long a ready callback waited for the thread. */
  private loopWindow = { p99Ms: 0, maxMs: 0 };
  static readonly LOOP_WINDOW_MS = 10_000;

  constructor(opts: ContextOptions) {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const timer = setInterval(() => {
      this.loopWindow = { p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 };
      loop.reset();
    }, ServerContext.LOOP_WINDOW_MS);
    timer.unref();
    this.onClose(() => {
      clearInterval(timer);
      loop.disable();
    });
    this.limits = opts.limits;
    this.atlasDir = opts.atlasDir;
    this.dbPath = opts.dbPath;
    this.readOnly = opts.readOnly === true;
    // Load now, so that a broken atlas stops the server at start with the list of problems.
    this.atlas();
  }

  /** The end of a request's deadline (Date.now() clock), from its arrival `elapsedTime` ms ago. */
  deadline(reply: { elapsedTime: number }): number {
    return Date.now() - reply.elapsedTime + this.limits.deadlineMs;
  }

  /** The event loop's delay over the last complete window of LOOP_WINDOW_MS. */
  eventLoopDelay(): { p99Ms: number; maxMs: number; windowS: number } {
    return {
      p99Ms: Math.round(this.loopWindow.p99Ms * 10) / 10,
      maxMs: Math.round(this.loopWindow.maxMs * 10) / 10,
      windowS: ServerContext.LOOP_WINDOW_MS / 1000,
    };
  }

  /** The base atlas (loaded once, cached by the loader). */
  atlas(): Atlas {
    return getAtlas(this.atlasDir);
  }

  /** The worker pool for route and matrix searches (started on first use). */
  compute(): ComputePool {
    if (!this.pool) {
      const pool = new ComputePool({
        size: this.limits.computeWorkers,
        atlasDir: this.atlasDir,
        queueMs: this.limits.queueMs,
        queueLength: this.limits.queueLength,
      });
      this.pool = pool;
      this.onClose(() => pool.close());
    }
    return this.pool;
  }

  /** The trade store (opened on first use). */
  trade(): TradeStore {
    if (!this.store) {
      const store = new TradeStore({
        path: this.dbPath,
        deadlineMs: this.limits.deadlineMs,
        queueLength: this.limits.queueLength,
        cacheBytes: this.limits.cacheBytes,
        readOnly: this.readOnly,
      });
      this.store = store;
      this.onClose(() => store.close());
    }
    return this.store;
  }

  /** Registers something to close with the server. */
  onClose(fn: () => Promise<void> | void): void {
    this.closers.push(fn);
  }

  async close(): Promise<void> {
    for (const fn of this.closers.splice(0).reverse()) {
      try {
        await fn();
      } catch {
        // closing is best effort: one failure must not keep the others open
      }
    }
  }
}
