/**
 * Golden scenario diffs: the shipped `before-bridges` against `current` over
 * the default OD pairs (`data/demand/od-pairs.yaml`) and the default dates
 * (one in each crossing regime of 2024), on the router's least cost and on
 * the assignment's generalised cost — what `amur scenario diff before-bridges
 * current --json` prints, in a compact stable form (one line per route and
 * per crossing or link; the run's timings left out), so that a change in
 * any diff shows up as a file diff: `src/scenarios/golden/diff-*.json`.
 *
 * Regenerate with `AMUR_UPDATE_GOLDEN=1 npx vitest run src/scenarios/diff.golden.test.ts`
 * then `npx biome check --write src/scenarios/golden/` (it folds short arrays), and review the
 * change with `git diff` before committing it.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../test/golden.ts';
import { getAtlas } from '../atlas/load.ts';
import { loadProfile } from '../costs/profile.ts';
import { buildScenario } from './apply.ts';
import { DEFAULT_DIFF_DATES } from './default-dates.ts';
import { loadOdPairs } from './demand.ts';
import { type DiffOptions, diffScenarios, type RouteSummary, type ScenarioDiff } from './diff.ts';
import { loadScenario } from './load.ts';

const PAIRS = 'data/demand/od-pairs.yaml';

/** One line per route: its numbers, then what it uses. */
function route(r: RouteSummary | null): string | null {
  if (!r) return null;
  return [
    `${r.hours} h, ${r.days} d, $${r.costUsd}, ${r.co2eKg} kg CO2e, ${r.km} km, wait ${r.waitHours} h`,
    `modes ${r.modes.join(' ')}`,
    `crossings ${r.crossings.join(' ') || '-'}`,
    `corridors ${r.corridors.join(' ') || '-'}`,
    `lines ${r.lines.join('; ') || '-'}`,
    `links ${r.links.join(' ')}`,
  ].join(' | ');
}

/** The diff in a compact stable form: every field of every pair, crossing and link, the timings left out. */
function compactDiff(d: ScenarioDiff, input: Record<string, unknown>): unknown {
  const { stats, pairs, crossings, links, ...rest } = d;
  return {
    in: input,
    ...rest,
    routes: stats.routes,
    pairs: pairs.map((p) => ({
      pair: `${p.from} → ${p.to} (${p.cargo}) ${p.date}`,
      change: p.change,
      switched: p.switched,
      delta: p.delta ? `${p.delta.hours} h, $${p.delta.costUsd}, ${p.delta.co2eKg} kg CO2e` : null,
      before: route(p.before),
      after: route(p.after),
      ...(p.before ? { beforeSummary: p.before.summary } : { beforeMessage: p.beforeMessage }),
      ...(p.after ? { afterSummary: p.after.summary } : { afterMessage: p.afterMessage }),
    })),
    crossings: crossings.map((c) => `${c.id} (${c.name}): ${c.before} → ${c.after} (${c.delta})`),
    links: links.map((l) => `${l.id} (${l.name}): ${l.before} → ${l.after} (${l.delta})`),
  };
}

const atlas = getAtlas();
const profile = loadProfile();
const before = buildScenario(atlas, profile, loadScenario('before-bridges'));
const current = buildScenario(atlas, profile, loadScenario('current'));
const pairs = loadOdPairs(fileURLToPath(new URL(`../../${PAIRS}`, import.meta.url)), atlas);

describe('scenario diff before-bridges → current (golden)', () => {
  const runs: [string, Omit<DiffOptions, 'dates'>][] = [
    ['diff-before-bridges-current', { optimize: 'cost' }],
    ['diff-before-bridges-current-generalised', { optimize: 'generalised', votUsdPerTonneHour: 0.05 }],
  ];
  for (const [name, opts] of runs)
    it(name, () => {
      const d = diffScenarios(before, current, pairs, { dates: [...DEFAULT_DIFF_DATES], ...opts });
      expect(d.pairs).toHaveLength(pairs.length * DEFAULT_DIFF_DATES.length);
      const input = { a: 'before-bridges', b: 'current', pairs: PAIRS, dates: DEFAULT_DIFF_DATES, ...opts };
      expectGolden(fileURLToPath(new URL(`./golden/${name}.json`, import.meta.url)), compactDiff(d, input));
    });
});
