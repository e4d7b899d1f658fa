/**
 * Worker thread for `assignParallel`: compiles the scenario network it is
 * given and assigns the demand for its months.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Atlas } from '../atlas/schema.ts';
import type { Profile } from '../costs/profile.ts';
import { compileNetwork } from '../network/compile.ts';
import { type AssignOptions, assign } from './assign.ts';
import type { DemandTable } from './schema.ts';

interface Job {
  atlas: Atlas;
  profile: Profile;
  demand: DemandTable;
  opts: AssignOptions;
}

const job = workerData as Job;
try {
  const net = compileNetwork(job.atlas, job.profile);
  parentPort?.postMessage({ ok: true, result: assign(net, job.atlas, job.demand, job.opts) });
} catch (e) {
  parentPort?.postMessage({ ok: false, error: (e as Error).message });
}
