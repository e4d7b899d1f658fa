/**
 * `assignParallel`: the assignment of `assign.ts` on several cores. Months
 * are assigned independently, so the twelve months are dealt to worker
 * threads in turn (January, March, … to the first; February, April, … to
 * the second), each compiling its own copy of the scenario network; the
 * results are merged: loads by month, totals, unassigned rows and the
 * relative gap per iteration (from the summed total and shortest-path
 * system costs). Frank–Wolfe runs all its iterations in every worker (no
 * early stop), so that the iteration lists line up.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Atlas } from '../atlas/schema.ts';
import type { Profile } from '../costs/profile.ts';
import { compileNetwork } from '../network/compile.ts';
import { workerBoot } from '../worker-boot.ts';
import {
  type AssignOptions,
  type AssignResult,
  assign,
  type CrossingResult,
  type ElementResult,
  type IterationReport,
  type Overload,
  type Unassigned,
} from './assign.ts';
import type { DemandTable } from './schema.ts';

/** Worker bootstrap: loads the worker module from the sources (tsx) or the build (dist/). */
const WORKER_BOOT = workerBoot(new URL('./assign-worker.ts', import.meta.url));

const r3 = (v: number) => Math.round(v * 1000) / 1000;

function mergeElements<T extends ElementResult>(parts: T[][], monthList: number[]): T[] {
  const months = new Set(monthList);
  const by = new Map<string, T>();
  for (const list of parts)
    for (const e of list) {
      const prior = by.get(e.id);
      if (!prior) {
        by.set(e.id, { ...e, byMonth: [...e.byMonth] });
        continue;
      }
      prior.byMonth = prior.byMonth.map((v, i) => v + e.byMonth[i]);
      prior.teu += e.teu;
      if (prior.capacity === null) {
        prior.capacity = e.capacity;
        prior.capacityUsed = e.capacityUsed;
      }
    }
  const out = [...by.values()];
  for (const e of out) {
    e.byMonth = e.byMonth.map(r3);
    e.load = r3(e.byMonth.reduce((s, v) => s + v, 0));
    e.teu = r3(e.teu);
    // capacity by month (by the days the element is open), else a twelfth of the year's
    const capMonths = e.capacity ? (e.capacityUsed?.byMonth ?? new Array(12).fill(e.capacity / 12)) : null;
    const capAssigned = capMonths ? capMonths.reduce((s, v, m) => s + (months.has(m) ? v : 0), 0) : 0;
    e.utilisation = capMonths
      ? capAssigned > 0
        ? Math.round((e.load / capAssigned) * 10000) / 10000
        : 0
      : null;
    e.monthsAtCapacity = capMonths
      ? e.byMonth.filter((v, m) => v > 1e-6 && v >= capMonths[m] * 0.999).length
      : 0;
  }
  return out.sort((a, b) => b.load - a.load);
}

/**
 * Merges the overloads of disjoint month groups: months joined, excess summed, the peak and its
 * diversions from the group where the peak was (their tonnes scaled to the whole excess).
 */
function mergeOverloads(parts: Overload[][]): Overload[] {
  const by = new Map<string, Overload[]>();
  for (const list of parts)
    for (const o of list) {
      const k = `${o.kind}:${o.id}`;
      by.set(k, [...(by.get(k) ?? []), o]);
    }
  return [...by.values()]
    .map((list) => {
      const peak = list.reduce((a, b) => (b.peakUtilisation > a.peakUtilisation ? b : a));
      const excess = list.reduce((s, o) => s + o.excessTonnes, 0);
      const scale = peak.excessTonnes > 0 ? excess / peak.excessTonnes : 1;
      return {
        ...peak,
        months: list.flatMap((o) => o.months).sort((a, b) => a.month - b.month),
        excessTonnes: r3(excess),
        divertedTo: peak.divertedTo.map((d) => ({ ...d, tonnes: r3(d.tonnes * scale) })),
      };
    })
    .sort((a, b) => b.excessTonnes - a.excessTonnes);
}

/** Merges results of disjoint month groups of one assignment. */
export function mergeResults(
  parts: AssignResult[],
  wallMs: number,
  monthsTotal = 12,
  monthList: number[] = Array.from({ length: monthsTotal }, (_, i) => i),
): AssignResult {
  const first = parts[0];
  const byCommodity: AssignResult['totals']['byCommodity'] = {};
  for (const p of parts)
    for (const [k, v] of Object.entries(p.totals.byCommodity)) {
      const b = byCommodity[k] ?? { demand: 0, assigned: 0, unassigned: 0 };
      b.demand += v.demand;
      b.assigned += v.assigned;
      b.unassigned += v.unassigned;
      byCommodity[k] = b;
    }
  const unassigned = new Map<string, Unassigned & { parts: number }>();
  for (const p of parts)
    for (const u of p.unassigned) {
      const k = `${u.from}|${u.to}|${u.commodity}|${u.cargo}`;
      const prior = unassigned.get(k);
      if (!prior) unassigned.set(k, { ...u, months: [...u.months], parts: 1 });
      else {
        prior.tonnes += u.tonnes;
        prior.months = [...prior.months, ...u.months].sort((a, b) => a - b);
        prior.parts++;
        if (u.reason !== prior.reason && prior.reason !== 'no-path' && prior.reason !== 'unknown-place')
          prior.reason = 'closed-some-months';
      }
    }
  const unassignedList: Unassigned[] = [...unassigned.values()].map(({ parts: n, ...u }) => ({
    ...u,
    // closed in every month of every group = closed all year
    reason:
      u.reason === 'closed-all-year' && (n < parts.length || u.months.length < monthsTotal)
        ? 'closed-some-months'
        : u.reason,
  }));
  const crossings = mergeElements(
    parts.map((p) => p.crossings),
    monthList,
  ) as CrossingResult[];
  // services: merge within each crossing
  for (const c of crossings) {
    const lists = parts.map((p) => p.crossings.find((x) => x.id === c.id)?.services ?? []);
    c.services = mergeElements(lists, monthList);
    c.monthsAtCapacity = Math.max(0, ...c.services.map((s) => s.monthsAtCapacity));
  }
  const iterations: IterationReport[] = first.iterations.map((it, i) => {
    const its = parts.map((p) => p.iterations[i]).filter((x): x is IterationReport => x !== undefined);
    const tstc = its.reduce((s, x) => s + (x.tstc ?? 0), 0);
    const sptc = its.reduce((s, x) => s + (x.sptc ?? 0), 0);
    const hasGap = its.every((x) => x.tstc !== undefined);
    const lambdas = its.map((x) => x.lambda).filter((x): x is number => x !== null);
    return {
      iteration: it.iteration,
      relativeGap: hasGap ? (tstc > 0 ? (tstc - sptc) / tstc : 0) : null,
      lambda: lambdas.length ? lambdas.reduce((s, x) => s + x, 0) / lambdas.length : null,
      objective: its.reduce((s, x) => s + x.objective, 0),
      ms: Math.max(...its.map((x) => x.ms)),
      ...(hasGap ? { tstc, sptc } : {}),
    };
  });
  const demand = parts.reduce((s, p) => s + p.totals.demand, 0);
  const unassignedT = parts.reduce((s, p) => s + p.totals.unassigned, 0);
  return {
    ...first,
    totals: { demand, assigned: demand - unassignedT, unassigned: unassignedT, byCommodity },
    links: mergeElements(
      parts.map((p) => p.links),
      monthList,
    ),
    overloads: mergeOverloads(parts.map((p) => p.overloads)),
    crossings,
    unassigned: unassignedList,
    iterations,
    stats: {
      trees: parts.reduce((s, p) => s + p.stats.trees, 0),
      ms: Math.round(wallMs),
      origins: first.stats.origins,
      odPairs: first.stats.odPairs,
    },
  };
}

/** Assigns on `workers` threads (default: the machine's parallelism, at most 12). */
export async function assignParallel(
  atlas: Atlas,
  profile: Profile,
  demand: DemandTable,
  opts: AssignOptions & { workers?: number } = {},
): Promise<AssignResult> {
  const t0 = performance.now();
  const { workers: w, ...rest } = opts;
  const months = rest.months ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const workers = Math.max(1, Math.min(w ?? availableParallelism(), months.length));
  const fwOpts: AssignOptions = rest.method === 'fw' ? { ...rest, gapTarget: 0 } : rest;
  if (workers === 1) return assign(compileNetwork(atlas, profile), atlas, demand, rest);
  const groups = Array.from({ length: workers }, (_, k) => months.filter((_, i) => i % workers === k));
  const parts = await Promise.all(
    groups.map(
      (group) =>
        new Promise<AssignResult>((resolve, reject) => {
          const worker = new Worker(WORKER_BOOT, {
            eval: true,
            workerData: { atlas, profile, demand, opts: { ...fwOpts, months: group } },
          });
          worker.once('message', (m: { ok: boolean; result?: AssignResult; error?: string }) => {
            if (m.ok && m.result) resolve(m.result);
            else reject(new Error(m.error ?? 'assignment worker failed'));
            void worker.terminate();
          });
          worker.once('error', reject);
        }),
    ),
  );
  return mergeResults(parts, performance.now() - t0, months.length, months);
}
