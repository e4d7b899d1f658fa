/**
 * Route and matrix searches run in worker threads with a deadline: the event
 * loop stays free for other requests, and a search that runs past its
 * deadline is stopped by terminating its worker (answered 503; a fresh worker
 * takes its place). A crash inside a worker fails that one request only.
 *
 * Each worker loads the atlas and the cost profile and compiles the network
 * once (and once per scenario), then answers tasks in turn.
 */
import { Worker } from 'node:worker_threads';
import { AmurError, type ErrorKind } from '../errors.ts';
import { workerBoot } from '../worker-boot.ts';
import { ApiError } from './errors.ts';

/** A scenario: a shipped one by id, or an uploaded one by its file. */
export interface ScenarioRef {
  id: string;
  file?: string;
}

export type ComputeTask =
  | { kind: 'warm' }
  /** `from`/`to` may be names: the worker resolves them; `prefix` names their parameter (`body.`). */
  | { kind: 'route'; query: unknown; prefix?: string; scenario?: ScenarioRef }
  | { kind: 'matrix'; query: unknown; prefix?: string; scenario?: ScenarioRef }
  | { kind: 'scenario-show'; scenario: ScenarioRef }
  | { kind: 'chart-render'; option: unknown; format: 'svg' | 'png'; width: number; height: number }
  | {
      kind: 'scenario-diff';
      a: ScenarioRef;
      b: ScenarioRef;
      dates: string[];
      optimize: 'time' | 'cost' | 'co2';
      pairsFile: string;
    };

/** An error raised by the library inside the worker, carried back as data. */
export interface WorkerError {
  name: string;
  /** The `AmurError` kind of a library error (absent: an unexpected failure). */
  kind?: ErrorKind;
  message: string;
  parameter?: string;
  valid?: string | readonly string[];
  candidates?: { id: string; names: { en: string; zh: string; ru: string } }[];
}

/** A failure inside a worker, as the error base on this side: its kind and parameter kept. */
export class ComputeError extends AmurError {
  constructor(readonly detail: WorkerError) {
    super(detail.kind ?? 'internal', detail.message, { parameter: detail.parameter, valid: detail.valid });
    this.name = detail.name;
  }
}

type Reply =
  | { id: number; ok: true; json: string }
  | { id: number; ok: false; error: WorkerError }
  | { ready: true }
  | { ready: false; error: WorkerError };

/** A result as JSON text, serialised in the worker: the route answers it as it is. */
export interface JsonText {
  json: string;
}

interface Job {
  id: number;
  task: ComputeTask;
  /** Time allowed to compute, from when a worker takes the job. */
  computeMs: number;
  /** End of the request's deadline (Date.now() clock): queued plus running never passes it. */
  deadlineAt: number;
  /** When it was queued (Date.now() clock). */
  queuedAt: number;
  /** Queued before any worker of the pool was ready (the start-up does not count against it). */
  cold: boolean;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer?: ReturnType<typeof setTimeout>;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  ready: boolean;
}

export interface ComputePoolOptions {
  size: number;
  /** Longest wait in the queue (including workers starting up), ms, when the request gives no deadline. */
  queueMs: number;
  /** Most jobs waiting for a worker; one more is refused with a 503 at once. */
  queueLength?: number;
  atlasDir?: string;
  /** Cost profile file (default: the bundled profile). */
  profileFile?: string;
}

/** Worker bootstrap: loads the worker module from the sources (tsx) or the build (dist/). */
const BOOTSTRAP = workerBoot(new URL('./compute-worker-main.ts', import.meta.url));

export class ComputePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private startError: WorkerError | null = null;
  private failedStarts = 0;
  /** A worker of this pool has been ready once: after that, a replaced worker's start-up counts against requests. */
  private everReady = false;

  constructor(private readonly opts: ComputePoolOptions) {
    for (let i = 0; i < Math.max(1, opts.size); i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { atlasDir: this.opts.atlasDir, profileFile: this.opts.profileFile },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const slot: Slot = { worker, job: null, ready: false };
    worker.on('message', (msg: Reply) => {
      if ('ready' in msg) {
        if (msg.ready) {
          slot.ready = true;
          this.everReady = true;
          this.failedStarts = 0;
          this.pump();
        } else {
          // the data cannot be loaded: every waiting job fails with the reason
          this.startError = msg.error;
          for (const job of this.queue.splice(0)) {
            if (job.timer) clearTimeout(job.timer);
            job.reject(new ComputeError(msg.error));
          }
        }
        return;
      }
      const job = slot.job;
      if (!job || job.id !== msg.id) return;
      this.finish(slot, job);
      if (msg.ok) job.resolve({ json: msg.json } satisfies JsonText);
      else job.reject(new ComputeError(msg.error));
      this.pump();
    });
    const lost = (why: string) => {
      const job = slot.job;
      if (!slot.ready && ++this.failedStarts >= 3) {
        // workers die as they start: stop trying, and say why to every request
        this.startError = { name: 'WorkerStartError', message: `the search workers cannot start (${why})` };
        for (const j of this.queue.splice(0)) {
          if (j.timer) clearTimeout(j.timer);
          j.reject(new ComputeError(this.startError));
        }
        return;
      }
      this.replace(slot);
      if (job) {
        this.finish(slot, job);
        job.reject(
          new ApiError(
            500,
            'internal',
            'request',
            `the search failed (${why}); the server is still running`,
            'retry, or report the query that caused it',
          ),
        );
      }
      this.pump();
    };
    worker.on('error', (e) => lost(e.message));
    worker.on('exit', (code) => {
      if (!this.closed && slot.worker === worker) lost(`worker exited with code ${code}`);
    });
    return slot;
  }

  private replace(slot: Slot): void {
    const old = slot.worker;
    old.removeAllListeners('exit');
    void old.terminate();
    if (this.closed) return;
    const fresh = this.spawn();
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots[i] = fresh;
  }

  private finish(slot: Slot, job: Job): void {
    if (job.timer) clearTimeout(job.timer);
    if (slot.job === job) slot.job = null;
  }

  /**
   * Runs a task; resolves with its result as JSON text. Rejects with a 503
   * ApiError at once when `queueLength` jobs are already waiting; when no
   * worker takes it before `deadlineAt` (default: `queueMs` from now); or
   * when it is not done within `computeMs` of a worker taking it or by
   * `deadlineAt`, whichever comes first (the worker is then stopped).
   */
  run(task: ComputeTask, computeMs: number, deadlineAt = Date.now() + this.opts.queueMs): Promise<JsonText> {
    if (this.closed)
      return Promise.reject(
        new ApiError(503, 'unavailable', 'request', 'the server is shutting down', 'retry later', 5),
      );
    if (this.startError) return Promise.reject(new ComputeError(this.startError));
    const limit = this.opts.queueLength ?? Number.POSITIVE_INFINITY;
    const idle = this.slots.filter((s) => s.ready && !s.job).length;
    if (this.queue.length - idle >= limit) {
      return Promise.reject(
        new ApiError(
          503,
          'busy',
          'request',
          `the server is busy: ${this.queue.length} searches are already waiting for a worker`,
          'retry in a moment',
          2,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        task,
        computeMs,
        deadlineAt,
        queuedAt: Date.now(),
        cold: !this.everReady,
        resolve: resolve as (v: unknown) => void,
        reject,
      };
      job.timer = setTimeout(() => this.expire(job, 'queue'), Math.max(0, deadlineAt - Date.now()));
      this.queue.push(job);
      this.pump();
    });
  }

  /** Jobs waiting for a worker, and workers busy (for the health answer and the tests). */
  load(): { queued: number; running: number; workers: number } {
    return {
      queued: this.queue.length,
      running: this.slots.filter((s) => s.job).length,
      workers: this.slots.length,
    };
  }

  private expire(job: Job, where: 'queue' | 'compute'): void {
    // while the pool starts (no worker has loaded the atlas yet) a request waits up to queueMs: the
    // start-up is the server's, not the request's (`amur serve` warms the workers before it listens)
    const startUpEnds = job.queuedAt + this.opts.queueMs;
    if (where === 'queue' && !this.everReady && !this.startError && Date.now() < startUpEnds) {
      job.timer = setTimeout(() => this.expire(job, 'queue'), startUpEnds - Date.now());
      return;
    }
    const err =
      where === 'queue'
        ? new ApiError(
            503,
            'busy',
            'request',
            "the server is busy: no search worker was free before the request's deadline",
            'retry in a moment',
            5,
          )
        : new ApiError(
            503,
            'timeout',
            'request',
            `the search did not finish within its deadline (${(job.computeMs / 1000).toFixed(1)} s of computing at most) and was stopped`,
            'a narrower query: fewer alternatives, a smaller matrix, optimize=time, or fewer modes',
            5,
          );
    const q = this.queue.indexOf(job);
    if (q >= 0) {
      this.queue.splice(q, 1);
      job.reject(err);
      return;
    }
    const slot = this.slots.find((s) => s.job === job);
    if (slot) {
      slot.job = null;
      this.replace(slot);
      job.reject(err);
      this.pump();
    }
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job || !slot.ready) continue;
      const job = this.queue.shift()!;
      if (job.timer) clearTimeout(job.timer);
      // a job that waited for the pool to start may use the start-up allowance (queueMs from when it was queued)
      const end = job.cold ? Math.max(job.deadlineAt, job.queuedAt + this.opts.queueMs) : job.deadlineAt;
      const left = Math.max(0, Math.min(job.computeMs, end - Date.now()));
      job.timer = setTimeout(() => this.expire(job, 'compute'), left);
      slot.job = job;
      slot.worker.postMessage({ id: job.id, task: job.task });
    }
  }

  /** Resolves when every worker has loaded the atlas and compiled the network (or failed to). */
  warm(): Promise<unknown> {
    return Promise.all(this.slots.map(() => this.run({ kind: 'warm' }, 60_000, Date.now() + 120_000)));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      if (job.timer) clearTimeout(job.timer);
      job.reject(new ApiError(503, 'unavailable', 'request', 'the server is shutting down', 'retry later'));
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
