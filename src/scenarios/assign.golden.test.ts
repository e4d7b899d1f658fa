/**
 * Golden flow assignments: the shipped demand table
 * `data/demand/heilongjiang-russia-2018.yaml` on the `current` and
 * `before-bridges` scenarios, all-or-nothing and Frank–Wolfe, in a compact
 * stable form (one line per link, crossing service, overload and iteration;
 * timings left out), so that a change in what the assignment does shows up
 * as a file diff: `src/scenarios/golden/assign-*.json`.
 *
 * Regenerate with `AMUR_UPDATE_GOLDEN=1 npx vitest run src/scenarios/assign.golden.test.ts`
 * then `npx biome check --write src/scenarios/golden/` (it folds short arrays), and review the
 * change with `git diff` before committing it.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../test/golden.ts';
import { getAtlas } from '../atlas/load.ts';
import { loadProfile } from '../costs/profile.ts';
import { buildScenario } from './apply.ts';
import { type AssignOptions, type AssignResult, assign, type ElementResult } from './assign.ts';
import { loadDemand } from './demand.ts';
import { loadScenario } from './load.ts';

const DEMAND = 'data/demand/heilongjiang-russia-2018.yaml';

/** Six significant digits (costs and gaps summed over many floating-point terms). */
const sig = (v: number | null | undefined): string =>
  v === null || v === undefined ? '-' : v.toPrecision(6);

function element(e: ElementResult): string {
  const cap = e.capacityUsed
    ? `, capacity ${e.capacityUsed.value} ${e.capacityUsed.unit} (${e.capacityUsed.basis})`
    : '';
  return `${e.id}: ${e.load} t, ${e.teu} TEU, by month ${e.byMonth.join(' ')}${cap}, utilisation ${e.utilisation ?? '-'}, ${e.monthsAtCapacity} months at capacity`;
}

/** The assignment in a compact stable form: every element, overload, unassigned row and iteration; no timings. */
function compactAssign(r: AssignResult, input: Record<string, unknown>): unknown {
  return {
    in: input,
    method: r.method,
    year: r.year,
    totals: {
      demand: sig(r.totals.demand),
      assigned: sig(r.totals.assigned),
      unassigned: sig(r.totals.unassigned),
      byCommodity: Object.entries(r.totals.byCommodity).map(
        ([k, v]) =>
          `${k}: ${sig(v.demand)} demand, ${sig(v.assigned)} assigned, ${sig(v.unassigned)} unassigned`,
      ),
    },
    links: r.links.map(element),
    crossings: r.crossings.map((c) => ({ crossing: element(c), services: c.services.map(element) })),
    overloads: r.overloads.map((o) => ({
      overload: `${o.kind} ${o.id}: excess ${o.excessTonnes} t, peak ${o.peakUtilisation} in month ${o.peakMonth}, months ${o.months.map((m) => `${m.month} (${m.load} / ${m.capacity})`).join(' ')}`,
      divertedTo: o.divertedTo.map(
        (d) =>
          `${d.via}: ${d.tonnes} t, +$${d.extraUsdPerTonne ?? '-'}/t${d.alsoOverloaded ? ', also overloaded' : ''} (${d.examples.join('; ')})`,
      ),
    })),
    unassigned: r.unassigned.map(
      (u) =>
        `${u.from} → ${u.to} ${u.commodity} (${u.cargo}): ${sig(u.tonnes)} t, ${u.reason}, months ${u.months.join(' ')}`,
    ),
    iterations: r.iterations.map(
      (i) => `${i.iteration}: gap ${sig(i.relativeGap)}, λ ${sig(i.lambda)}, objective ${sig(i.objective)}`,
    ),
    assumptions: r.assumptions,
    stats: { trees: r.stats.trees, origins: r.stats.origins, odPairs: r.stats.odPairs },
  };
}

const atlas = getAtlas();
const profile = loadProfile();
const demand = loadDemand(fileURLToPath(new URL(`../../${DEMAND}`, import.meta.url)), atlas);

describe('flow assignment of the Heilongjiang–Russia 2018 demand (golden)', () => {
  const runs: [string, string, AssignOptions][] = [
    ['assign-current-aon', 'current', { method: 'aon' }],
    ['assign-current-fw', 'current', { method: 'fw', iterations: 6, gapTarget: 0 }],
    ['assign-before-bridges-fw', 'before-bridges', { method: 'fw', iterations: 6, gapTarget: 0 }],
  ];
  for (const [name, scenario, opts] of runs)
    it(name, () => {
      const s = buildScenario(atlas, profile, loadScenario(scenario));
      const r = assign(s.network, s.atlas, demand, { ...opts, rules: s.rules });
      expect(r.totals.assigned + r.totals.unassigned).toBeCloseTo(r.totals.demand, 3);
      expectGolden(
        fileURLToPath(new URL(`./golden/${name}.json`, import.meta.url)),
        compactAssign(r, { scenario, demand: DEMAND, ...opts }),
      );
    });
});
