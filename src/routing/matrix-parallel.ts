/**
 * Many-to-many matrices on several cores: the origins are split into
 * contiguous blocks, each computed by a worker thread that compiles its own
 * copy of the network (compilation is fast; typed arrays are not shared).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Atlas } from '../atlas/schema.ts';
import type { Profile } from '../costs/profile.ts';
import { compileNetwork } from '../network/compile.ts';
import { workerBoot } from '../worker-boot.ts';
import { matrix } from './index.ts';
import { MatrixQuery, type MatrixQueryInput, type MatrixResult } from './schema.ts';

/** Worker bootstrap: loads the worker module from the sources (tsx) or the build (dist/). */
const WORKER_BOOT = workerBoot(new URL('./matrix-worker.ts', import.meta.url));

export interface ParallelOptions {
  /** Worker threads (default: the machine's parallelism, at most 2 rows each). */
  workers?: number;
  /** Below this many origins the matrix is computed on the calling thread (default 8). */
  minOriginsPerWorker?: number;
}

/** Computes `matrix` over the atlas with worker threads; same result as the single-threaded `matrix`. */
export async function matrixParallel(
  atlas: Atlas,
  profile: Profile,
  query: MatrixQueryInput,
  opts: ParallelOptions = {},
): Promise<MatrixResult> {
  const q = MatrixQuery.parse(query);
  const t0 = performance.now();
  const minRows = opts.minOriginsPerWorker ?? 8;
  const workers = Math.max(
    1,
    Math.min(opts.workers ?? availableParallelism(), Math.floor(q.from.length / minRows)),
  );
  if (workers <= 1) {
    const single = matrix(compileNetwork(atlas, profile), q);
    return single;
  }
  // validate names once on this thread so errors name the parameter
  const net = compileNetwork(atlas, profile);
  matrix(net, { ...q, from: q.from.slice(0, 1) });
  const block = Math.ceil(q.from.length / workers);
  const jobs: Promise<(number | null)[][]>[] = [];
  for (let w = 0; w < workers; w++) {
    const start = w * block;
    const end = Math.min(q.from.length, start + block);
    if (start >= end) break;
    jobs.push(
      new Promise((resolve, reject) => {
        const worker = new Worker(WORKER_BOOT, {
          eval: true,
          workerData: { atlas, profile, query: q, start, end },
        });
        worker.once('message', (m: { ok: boolean; values?: (number | null)[][]; error?: string }) => {
          if (m.ok && m.values) resolve(m.values);
          else reject(new Error(m.error ?? 'matrix worker failed'));
          void worker.terminate();
        });
        worker.once('error', reject);
      }),
    );
  }
  const parts = await Promise.all(jobs);
  return {
    query: q,
    unit: q.metric === 'time' ? 'hours' : q.metric === 'cost' ? 'usd' : 'kgCO2e',
    values: parts.flat(),
    stats: { searchMs: Math.round((performance.now() - t0) * 100) / 100, workers: jobs.length },
  };
}
