/**
 * The diff's one schema matches what `diffScenarios` returns: every field,
 * no more (strict objects), with and without yearly tonnes, a lost route
 * with its message, and the generalised-cost variant.
 */
import { describe, expect, it } from 'vitest';
import { getAtlas } from '../atlas/load.ts';
import { loadProfile } from '../costs/profile.ts';
import { buildScenario } from './apply.ts';
import { diffScenarios } from './diff.ts';
import { PairDiff, ScenarioDiff } from './diff-schema.ts';
import { loadScenario } from './load.ts';

const atlas = getAtlas();
const profile = loadProfile();

describe('ScenarioDiff schema', () => {
  it('parses the diff of before-bridges and current as it is, and refuses a field it does not know', () => {
    const a = buildScenario(atlas, profile, loadScenario('before-bridges'));
    const b = buildScenario(atlas, profile, loadScenario('current'));
    const pairs = [
      { from: 'blagoveshchensk', to: 'harbin', cargo: 'teu' as const, tonnesPerYear: 120_000 },
      { from: 'birobidzhan', to: 'jiamusi', cargo: 'bulk' as const },
    ];
    for (const optimize of ['cost', 'generalised'] as const) {
      const d = diffScenarios(a, b, pairs, { dates: ['2024-04-15', '2024-11-15'], optimize });
      const parsed = ScenarioDiff.safeParse(JSON.parse(JSON.stringify(d)));
      expect(parsed.error?.issues ?? [], optimize).toEqual([]);
      expect(d.summary.yearly?.tonnes).toBe(120_000);
    }
    const d = diffScenarios(a, b, pairs.slice(1), { dates: ['2024-04-15'] });
    expect(d.summary.yearly).toBeUndefined();
    expect(ScenarioDiff.safeParse(d).success).toBe(true);
    expect(ScenarioDiff.safeParse({ ...d, extra: 1 }).success).toBe(false);
    expect(PairDiff.safeParse({ ...d.pairs[0], change: 'moved' }).success).toBe(false);
  }, 120_000);
});
