/**
 * A compute worker: answers `route` and `matrix` tasks from the pool in
 * `compute.ts` with the library's `route()` and `matrix()`. The atlas, the
 * profile and the compiled network are loaded once per worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { GazetteerError } from '../atlas/gazetteer.ts';
import { getAtlas } from '../atlas/load.ts';
import { loadProfile } from '../costs/profile.ts';
import { compileNetwork } from '../network/compile.ts';
import type { Network } from '../network/types.ts';
import { matrix, RouteQueryError, route } from '../routing/index.ts';
import type { ComputeTask, WorkerError } from './compute.ts';

const { atlasDir, profileFile } = workerData as { atlasDir?: string; profileFile?: string };
const networks = new Map<string, Network>();

function network(scenario: string | undefined): Network {
  const key = scenario ?? 'current';
  let net = networks.get(key);
  if (!net) {
    if (scenario && scenario !== 'current') {
      throw Object.assign(new Error(`scenario "${scenario}" is not available in this build`), {
        name: 'ScenarioUnavailable',
      });
    }
    net = compileNetwork(getAtlas(atlasDir), loadProfile(profileFile));
    networks.set(key, net);
  }
  return net;
}

function describe(e: unknown): WorkerError {
  if (e instanceof RouteQueryError) {
    return { name: e.name, message: e.message, parameter: e.parameter, valid: e.valid };
  }
  if (e instanceof GazetteerError) {
    return {
      name: e.name,
      message: e.message,
      candidates: e.candidates.map((c) => ({ id: c.id, names: c.names })),
    };
  }
  const err = e as Error;
  return { name: err?.name ?? 'Error', message: err?.message ?? String(e) };
}

function handle(task: ComputeTask): unknown {
  switch (task.kind) {
    case 'warm':
      network(task.scenario);
      return { ok: true };
    case 'route':
      return route(network(task.scenario), task.query as never);
    case 'matrix':
      return matrix(network(task.scenario), task.query as never);
  }
}

parentPort!.on('message', ({ id, task }: { id: number; task: ComputeTask }) => {
  try {
    // serialised here, so that the main thread only passes the text on
    parentPort!.postMessage({ id, ok: true, json: JSON.stringify(handle(task)) });
  } catch (e) {
    parentPort!.postMessage({ id, ok: false, error: describe(e) });
  }
});
