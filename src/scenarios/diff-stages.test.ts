import { describe, expect, it } from 'vitest';
import { changeOf, type PairDiff, type RouteSummary, yearlyEffect } from './diff.ts';

const summary = (over: Partial<RouteSummary> = {}): RouteSummary => ({
  hours: 100,
  days: 4.2,
  costUsd: 2000,
  co2eKg: 500,
  km: 1000,
  waitHours: 0,
  crossings: ['heihe/bridge'],
  corridors: ['c1'],
  lines: ['Binsui railway'],
  modes: ['rail'],
  links: ['l1', 'l2'],
  summary: '',
  ...over,
});

describe('changeOf', () => {
  it('tells same links, other links on the same crossings, and other crossings, corridors or lines apart', () => {
    expect(changeOf(summary(), summary({ links: ['l2', 'l1'] }))).toBe('same');
    expect(changeOf(summary(), summary({ links: ['l1', 'l3'] }))).toBe('rerouted');
    expect(changeOf(summary(), summary({ crossings: ['tongjiang/rail'] }))).toBe('switched');
    expect(changeOf(summary(), summary({ corridors: ['c2'] }))).toBe('switched');
    expect(changeOf(summary(), summary({ lines: [] }))).toBe('switched');
  });

  it('names a route found, lost or missing on both sides', () => {
    expect(changeOf(null, summary())).toBe('new-route');
    expect(changeOf(summary(), null)).toBe('lost-route');
    expect(changeOf(null, null)).toBe('no-route');
  });
});

describe('yearlyEffect', () => {
  const diff = (over: Partial<PairDiff>): PairDiff => ({
    from: 'a',
    to: 'b',
    cargo: 'bulk',
    date: '2020-01-15',
    before: null,
    after: null,
    delta: null,
    switched: false,
    change: 'no-route',
    ...over,
  });

  it('is undefined when no pair carries tonnes', () => {
    expect(yearlyEffect([{ from: 'a', to: 'b', cargo: 'bulk' }], [], { bulk: 1 }, 1)).toBeUndefined();
  });

  it('spreads tonnes over the dates and scales deltas per unit by the units they make', () => {
    const pairs = [{ from: 'a', to: 'b', cargo: 'bulk' as const, tonnesPerYear: 1200 }];
    const diffs = [
      diff({ delta: { hours: -10, costUsd: -5, co2eKg: 2 }, switched: true, change: 'switched' }),
      diff({ date: '2020-07-15' }),
    ];
    expect(yearlyEffect(pairs, diffs, { bulk: 60 }, 2)).toEqual({
      tonnes: 1200,
      comparedTonnes: 600,
      switchedTonnes: 600,
      deltaCostUsd: -50,
      deltaCo2eKg: 20,
      deltaTonneHours: -6000,
    });
  });
});
