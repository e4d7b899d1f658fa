/**
 * A compute worker: answers the tasks of the pool in `compute.ts` with the
 * library — `route()`, `matrix()`, and the scenario functions (`buildScenario`,
 * `diffScenarios`). The atlas, the profile and the compiled networks (the
 * current atlas, and the last few scenarios) are kept between tasks.
 */
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { describeCandidate, GazetteerError, resolvePlace } from '../atlas/gazetteer.ts';
import { getAtlas } from '../atlas/load.ts';
import { loadProfile, type Profile } from '../costs/profile.ts';
import { AmurError } from '../errors.ts';
import { compileNetwork } from '../network/compile.ts';
import type { Network } from '../network/types.ts';
import { matrix, RouteQueryError, route } from '../routing/index.ts';
import { buildScenario, type ScenarioNetwork } from '../scenarios/apply.ts';
import { loadOdPairs } from '../scenarios/demand.ts';
import { diffScenarios } from '../scenarios/diff.ts';
import { scenarioInfo } from '../scenarios/info.ts';
import { loadScenario } from '../scenarios/load.ts';
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

/** A place name that does not resolve, with the request parameter it came from. */
class PlaceError extends AmurError {
  constructor(
    readonly gazetteer: GazetteerError,
    parameter: string,
  ) {
    super('input', gazetteer.message, {
      parameter,
      valid:
        gazetteer.candidates.length > 0
          ? `one of ${gazetteer.candidates.map(describeCandidate).join('; ')}`
          : 'a place id, or a name in English, Chinese or Russian, pinyin, a transliteration or a UN/LOCODE (see GET /api/search?q=)',
    });
    this.name = 'GazetteerError';
  }
}

/** Resolves a place name of the request (in the worker: a fuzzy search of a long name takes milliseconds). */
function place(text: string, parameter: string): string {
  try {
    return resolvePlace(getAtlas(atlasDir), text).id;
  } catch (e) {
    if (e instanceof GazetteerError) throw new PlaceError(e, parameter);
    throw e;
  }
}

function describe(e: unknown): WorkerError {
  if (e instanceof RouteQueryError) {
    return { name: e.name, kind: e.kind, message: e.message, parameter: e.parameter, valid: e.valid };
  }
  if (e instanceof PlaceError) {
    return {
      name: e.name,
      kind: e.kind,
      message: e.message,
      parameter: e.parameter,
      valid: e.valid,
      candidates: e.gazetteer.candidates.map((c) => ({ id: c.id, names: c.names })),
    };
  }
  if (e instanceof AmurError) {
    return { name: e.name, kind: e.kind, message: e.message, parameter: e.parameter, valid: e.valid };
  }
  const err = e as Error;
  return { name: err?.name ?? 'Error', message: err?.message ?? String(e) };
}

/** Places named in a query (`from`, `to`, as text or lists of text), resolved to ids. */
function withPlaces(query: unknown, prefix: string): unknown {
  const q = { ...(query as Record<string, unknown>) };
  for (const key of ['from', 'to'] as const) {
    const v = q[key];
    if (typeof v === 'string') q[key] = place(v, `${prefix}${key}`);
    else if (Array.isArray(v)) q[key] = v.map((t, i) => place(String(t), `${prefix}${key}[${i}]`));
  }
  return q;
}

let charts: typeof import('../trade/charts/index.ts') | null = null;

async function handle(task: ComputeTask): Promise<unknown> {
  switch (task.kind) {
    case 'warm':
      network(undefined);
      return { ok: true };
    case 'route':
      return route(network(task.scenario), withPlaces(task.query, task.prefix ?? '') as never);
    case 'matrix':
      return matrix(network(task.scenario), withPlaces(task.query, task.prefix ?? '') as never);
    case 'chart-render': {
      // ECharts and resvg load on the first chart, not with the worker
      charts ??= await import('../trade/charts/index.ts');
      const svg = charts.renderSvg(task.option as never, { width: task.width, height: task.height });
      if (task.format === 'svg') return { svg };
      const { png, warnings } = charts.renderPng(svg, { scale: 2 });
      return { png: png.toString('base64'), warnings };
    }
    case 'scenario-show': {
      const s = loadScenario(task.scenario.file ?? task.scenario.id);
      const built = scenarioNetwork(task.scenario);
      // the uploaded scenario's id, not its temporary file's
      return scenarioInfo(s, built, task.scenario.id);
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

parentPort!.on('message', async ({ id, task }: { id: number; task: ComputeTask }) => {
  try {
    // serialised here, so that the main thread only passes the text on
    parentPort!.postMessage({ id, ok: true, json: JSON.stringify(await handle(task)) });
  } catch (e) {
    parentPort!.postMessage({ id, ok: false, error: describe(e) });
  }
});
