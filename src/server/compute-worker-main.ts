/**
 * A compute worker: answers the tasks of the pool in `compute.ts` with the
 * library — `route()`, `matrix()`, and the scenario functions (`buildScenario`,
 * `diffScenarios`). The atlas, the profile and the compiled networks (the
 * current atlas, and the last few scenarios) are kept between tasks.
 */
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { GazetteerError } from '../atlas/gazetteer.ts';
import { getAtlas } from '../atlas/load.ts';
import { loadProfile, type Profile } from '../costs/profile.ts';
import { compileNetwork } from '../network/compile.ts';
import type { Network } from '../network/types.ts';
import { matrix, RouteQueryError, route } from '../routing/index.ts';
import { buildScenario, type ScenarioNetwork } from '../scenarios/apply.ts';
import { loadOdPairs } from '../scenarios/demand.ts';
import { diffScenarios } from '../scenarios/diff.ts';
import { loadScenario, ScenarioError } from '../scenarios/load.ts';
import type { ComputeTask, ScenarioRef, WorkerError } from './compute.ts';

const { atlasDir, profileFile } = workerData as { atlasDir?: string; profileFile?: string };
let base: Network | null = null;
let profile: Profile | null = null;
const scenarios = new Map<string, ScenarioNetwork>();
const MAX_SCENARIOS = 6;

function theProfile(): Profile {
  profile ??= loadProfile(profileFile);
  return profile;
}

function scenarioNetwork(ref: ScenarioRef): ScenarioNetwork {
  const file = ref.file;
  const key = file ? `${file}@${statSync(file).mtimeMs}` : ref.id;
  let s = scenarios.get(key);
  if (s) {
    scenarios.delete(key);
    scenarios.set(key, s);
    return s;
  }
  s = buildScenario(getAtlas(atlasDir), theProfile(), loadScenario(file ?? ref.id));
  scenarios.set(key, s);
  if (scenarios.size > MAX_SCENARIOS) scenarios.delete(scenarios.keys().next().value as string);
  return s;
}

function network(ref: ScenarioRef | undefined): Network {
  if (ref && ref.id !== 'current') return scenarioNetwork(ref).network;
  base ??= compileNetwork(getAtlas(atlasDir), theProfile());
  return base;
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
  if (e instanceof ScenarioError) return { name: 'ScenarioError', message: e.message };
  const err = e as Error;
  return { name: err?.name ?? 'Error', message: err?.message ?? String(e) };
}

function handle(task: ComputeTask): unknown {
  switch (task.kind) {
    case 'warm':
      network(undefined);
      return { ok: true };
    case 'route':
      return route(network(task.scenario), task.query as never);
    case 'matrix':
      return matrix(network(task.scenario), task.query as never);
    case 'scenario-show': {
      const s = loadScenario(task.scenario.file ?? task.scenario.id);
      const built = scenarioNetwork(task.scenario);
      return {
        id: task.scenario.id,
        name: s.name,
        description: s.description,
        extends: s.extends ?? null,
        chain: s.chain.map((c) => c.id),
        sources: s.sources,
        modifications: s.modifications,
        changes: built.changes,
        rules: built.rules,
        applyMs: Math.round(built.applyMs * 100) / 100,
        compileMs: Math.round(built.compileMs * 100) / 100,
      };
    }
    case 'scenario-diff': {
      const pairs = loadOdPairs(task.pairsFile, getAtlas(atlasDir));
      const d = diffScenarios(scenarioNetwork(task.a), scenarioNetwork(task.b), pairs, {
        dates: task.dates,
        optimize: task.optimize,
      });
      // the uploaded scenarios' ids, not their temporary file names
      return { ...d, a: { ...d.a, id: task.a.id }, b: { ...d.b, id: task.b.id } };
    }
  }
}

// load the atlas and compile the network now, so that no request pays for it
try {
  network(undefined);
  parentPort!.postMessage({ ready: true });
} catch (e) {
  parentPort!.postMessage({ ready: false, error: describe(e) });
}

parentPort!.on('message', ({ id, task }: { id: number; task: ComputeTask }) => {
  try {
    // serialised here, so that the main thread only passes the text on
    parentPort!.postMessage({ id, ok: true, json: JSON.stringify(handle(task)) });
  } catch (e) {
    parentPort!.postMessage({ id, ok: false, error: describe(e) });
  }
});
