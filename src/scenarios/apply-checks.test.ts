/**
 * The checks after all modifications of a scenario: source ids anywhere in
 * a modification, the scenario's own sources, problems the modifications
 * introduced into the atlas's references, and the changed profile.
 */
import { describe, expect, it } from 'vitest';
import { getAtlas } from '../atlas/load.ts';
import { loadProfile } from '../costs/profile.ts';
import { checkedProfile, introducedProblems, scenarioLabel, unknownSources } from './apply-checks.ts';
import { ScenarioError } from './load.ts';
import type { LoadedScenario, Modification } from './schema.ts';

const atlas = getAtlas();
const LINK = atlas.links[0];

function scenario(modifications: Modification[], sources: string[] = []): LoadedScenario {
  return {
    id: 't',
    file: `${process.cwd()}/data/scenarios/t.yaml`,
    name: 'T',
    description: 'test',
    sources,
    modifications,
    chain: [
      { id: 'base', file: null, modifications: [] },
      { id: 't', file: `${process.cwd()}/data/scenarios/t.yaml`, modifications },
    ],
  };
}

describe('checks after the modifications', () => {
  it('labels a scenario by its file relative to the working directory, else its id', () => {
    const s = scenario([]);
    expect(scenarioLabel(s, 't')).toBe('data/scenarios/t.yaml');
    expect(scenarioLabel(s, 'base')).toBe('base');
  });

  it('finds unknown source ids nested in status entries and capacities, and in the scenario’s sources', () => {
    const s = scenario(
      [
        {
          op: 'set-status',
          target: { link: LINK.id },
          status: [{ state: 'open' }, { state: 'closed', sources: ['x1'] }],
        },
        {
          op: 'set-capacity',
          target: { link: LINK.id },
          capacity: [{ value: 1, unit: 'Mt/yr', basis: 'design', sources: ['song-2019', 'x2'] }],
        },
        { op: 'change-profile', set: { 'x.sources': 'ignored' } },
      ],
      ['song-2019', 'x3'],
    );
    expect(unknownSources(atlas, s)).toEqual([
      'data/scenarios/t.yaml: modifications[0]: status[1].sources[0]: unknown source "x1" (an atlas source id, or add it with an add-source modification)',
      'data/scenarios/t.yaml: modifications[1]: capacity[0].sources[1]: unknown source "x2" (an atlas source id, or add it with an add-source modification)',
      'data/scenarios/t.yaml: sources[1]: unknown source "x3" (an atlas source id, or add it with an add-source modification)',
    ]);
  });

  it('reports only the reference problems the modifications introduced, and only after structural ones', () => {
    const without = { ...atlas, places: atlas.places.filter((p) => p.id !== LINK.from) };
    const structural = scenario([{ op: 'remove-place', id: LINK.from }]);
    const problems = introducedProblems(atlas, without, structural);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((p) => p.includes(`${LINK.id}: from: unknown place "${LINK.from}"`))).toBe(true);
    for (const p of problems)
      expect(p.startsWith('data/scenarios/t.yaml: after the modifications: ')).toBe(true);
    expect(introducedProblems(atlas, atlas, structural)).toEqual([]);
    // a status change keeps every reference: not checked at all
    expect(
      introducedProblems(
        atlas,
        without,
        scenario([{ op: 'close', target: { link: LINK.id }, from: '2999-01-01' }]),
      ),
    ).toEqual([]);
  });

  it('validates the changed profile, naming the scenario', () => {
    const p = structuredClone(loadProfile());
    expect(checkedProfile(p, scenario([]))).toEqual(loadProfile());
    p.cargo.tonnesPerUnit.teu = -1;
    expect(() => checkedProfile(p, scenario([]))).toThrow(ScenarioError);
    expect(() => checkedProfile(p, scenario([]))).toThrow(
      /scenario t \(change-profile\): cargo\.tonnesPerUnit\.teu/,
    );
  });
});
