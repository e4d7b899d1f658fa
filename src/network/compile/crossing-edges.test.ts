import { describe, expect, it } from 'vitest';
import { atlasOf, crossing, place, service, testProfile } from '../../../test/route-semantics/fixtures.ts';
import type { Atlas, CrossingService } from '../../atlas/schema.ts';
import type { Profile } from '../../costs/profile.ts';
import { BULK, CONTAINERS } from './cargo.ts';
import { addCrossingEdges, crossingMode, weightLimitExclusion } from './crossing-edges.ts';
import { NetworkDraft } from './draft.ts';
import { placeNodes } from './place-nodes.ts';

function compileCrossings(atlas: Atlas, profile: Profile = testProfile()) {
  const draft = new NetworkDraft();
  const at = placeNodes(atlas, draft);
  addCrossingEdges(draft, atlas, profile, at);
  return draft;
}

const twoSides = (s: CrossingService, ru = {}, cn = {}) =>
  atlasOf({
    places: [place('ru', 'RU', 127.5, 50.3, ru), place('cn', 'CN', 127.5, 50.2, cn)],
    crossings: [crossing('x', ['ru', 'cn'], [s])],
  });

describe('crossing edges (compile stage 3)', () => {
  it('joins the sides each way, with a calendar read in each side’s zone', () => {
    const draft = compileCrossings(twoSides(service('bridge', 'road')));
    expect(draft.edges.map((e) => [e.tail, e.head, e.calendar, e.ref])).toEqual([
      [1, 3, 0, 0],
      [3, 1, 1, 0],
    ]);
    expect(draft.calendars.map((c) => c.timezone)).toEqual(['Asia/Yakutsk', 'Asia/Shanghai']);
    expect(draft.crossings).toHaveLength(1);
    expect(draft.crossings[0]).toMatchObject({ crossingId: 'x', serviceId: 'bridge', mode: 'road' });
    // ~11 km apart: the edge's km is the straight line between the sides
    expect(draft.edges[0].km).toBeGreaterThan(10);
    expect(draft.edges[0].km).toBeLessThan(12);
    expect(draft.crossings[0].estimatedLength).toBe(true);
  });

  it('takes a published passage length (a bridge with its approaches) instead of the straight line', () => {
    const long = service('bridge', 'road', { length: { basis: 'published', km: 19.9, sources: ['s'] } });
    const draft = compileCrossings(twoSides(long));
    expect(draft.edges.map((e) => e.km)).toEqual([19.9, 19.9]);
    expect(draft.crossings[0].estimatedLength).toBe(false);
    // running cost over the longer passage: dearer than over the straight line
    const straight = compileCrossings(twoSides(service('bridge', 'road')));
    expect(draft.edges[0].cost[1].usd).toBeGreaterThan(straight.edges[0].cost[1].usd);
  });

  it('puts trucks on ferries on road nodes and barges on river nodes (dropped where a side is no river port)', () => {
    expect(crossingMode(service('f', 'river-cargo', { facility: 'ferry' }))?.nodeMode).toBe('road');
    expect(crossingMode(service('b', 'river-cargo', { facility: 'barge' }))?.nodeMode).toBe('river');
    expect(crossingMode(service('p', 'pedestrian'))).toBeNull();
    const draft = compileCrossings(twoSides(service('b', 'river-cargo', { facility: 'barge' })));
    expect(draft.edges).toHaveLength(0);
    expect(draft.warnings).toEqual(['crossing x: service b (river) dropped: side "ru" is not a river-port']);
  });

  it('adds the gauge change to a rail service whose gauges differ, one record per direction', () => {
    const draft = compileCrossings(
      twoSides(service('rail', 'rail', { gauges: [1520, 1435], gaugeChange: { method: 'bogie-exchange' } })),
    );
    expect(draft.edges.map((e) => [draft.nodeGauge[e.tail], draft.nodeGauge[e.head]])).toEqual([
      [1520, 1435],
      [1435, 1520],
    ]);
    expect(draft.crossings.map((c) => c.gaugeChange)).toEqual([
      { method: 'bogie-exchange', from: '1520', to: '1435', hours: 4 },
      { method: 'bogie-exchange', from: '1435', to: '1520', hours: 4 },
    ]);
    const plain = compileCrossings(twoSides(service('rail', 'rail', { gauges: [1435, 1435] })));
    // bogie exchange: 4 h and 50 USD on top of the crossing itself (test profile)
    expect(draft.edges[0].cost[0].hours - plain.edges[0].cost[0].hours).toBeCloseTo(4, 9);
    expect(draft.edges[0].cost[0].usd - plain.edges[0].cost[0].usd).toBeCloseTo(50, 9);
  });

  it('runs dual-gauge track on one gauge into the yard, warning when the yard lacks that gauge', () => {
    const s = service('rail', 'rail', { gauges: [1520, 1435], gaugeChange: { method: 'dual-gauge-track' } });
    const draft = compileCrossings(twoSides(s, { gauges: [1520] }, { gauges: [1435], capabilities: [] }));
    expect(draft.edges.map((e) => [draft.nodeGauge[e.tail], draft.nodeGauge[e.head]])).toEqual([
      [1520, 1520],
      [1520, 1520],
    ]);
    expect(draft.crossings).toHaveLength(1);
    expect(draft.warnings).toEqual([
      'crossing x: service rail has dual-gauge track but the yard "cn" does not list gauge 1520 in its gauges; the 1520 mm track is taken to run into it',
      `crossing x: service rail: the yard "cn" where loads change gauge has no capability for the service's cargo, so nothing can change gauge there (add capabilities to the place)`,
    ]);
  });

  it('keeps trucks heavier than a weight limit off, and says once when the profile has no gross weights', () => {
    const s = service('ice', 'road', { weightLimitT: 30 });
    const draft = compileCrossings(twoSides(s));
    // default gross weights: teu 24, feu 32, bulk 40, liquid 40, air 40 t
    expect(draft.crossings[0].weightExcluded).toBe(0b01110); // air (bit 4) never crosses by truck here: not in the service's mask
    expect(draft.edges[0].mask & (CONTAINERS | BULK)).toBe(0b00001);
    const warnings: string[] = [];
    const noGross = testProfile((p) => {
      p.modes.road.grossWeightT = undefined;
    });
    const notice = { given: false };
    const c = crossing('x', ['ru', 'cn'], [s]);
    expect(weightLimitExclusion(noGross, c, s, warnings, notice)).toBe(0);
    expect(weightLimitExclusion(noGross, c, s, warnings, notice)).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/grossWeightT is not given, .*\(e.g. x ice: 30 t\)/);
  });

  it('joins holiday closures to the calendar and names an unknown holiday (the rule-level dates: route-semantics holidays)', () => {
    const s = service('bridge', 'road', {
      calendar: { closures: [{ from: '2024-01-01', to: '2024-01-02', sources: ['test'] }] },
      holidayClosures: [{ country: 'ZZ', holiday: 'Nothing Day', fromDay: 0, sources: ['test'] }],
    });
    const draft = compileCrossings(twoSides(s));
    expect(draft.calendars[0].thing.calendar?.closures).toHaveLength(1);
    expect(draft.calendars[0].thing).not.toBe(s);
    expect(draft.warnings).toEqual([
      'crossing x: service bridge: holidayClosures[0]: no public holiday "Nothing Day" in ZZ (date-holidays; valid: none: unknown country)',
    ]);
    const plain = service('bridge', 'road');
    expect(compileCrossings(twoSides(plain)).calendars[0].thing).toBe(plain);
  });
});
