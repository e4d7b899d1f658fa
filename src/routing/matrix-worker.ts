/**
 * Worker thread for `matrixParallel`: compiles the network it is given and
 * computes its share of the matrix rows. Started with tsx's loader
 * (`execArgv: ['--import', 'tsx']`) so it runs the TypeScript sources.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Atlas } from '../atlas/schema.ts';
import type { Profile } from '../costs/profile.ts';
import { compileNetwork } from '../network/compile.ts';
import { matrix } from './index.ts';
import type { MatrixQueryInput } from './schema.ts';

interface Job {
  atlas: Atlas;
  profile: Profile;
  query: MatrixQueryInput;
  start: number;
  end: number;
}

const job = workerData as Job;
try {
  const net = compileNetwork(job.atlas, job.profile);
  const result = matrix(net, job.query, { start: job.start, end: job.end });
  parentPort?.postMessage({ ok: true, values: result.values });
} catch (e) {
  parentPort?.postMessage({ ok: false, error: (e as Error).message });
}
