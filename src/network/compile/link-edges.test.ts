import { describe, expect, it } from 'vitest';
import { atlasOf, link, place, testProfile } from '../../../test/route-semantics/fixtures.ts';
import type { Atlas } from '../../atlas/schema.ts';
import { MODE_CODE } from '../types.ts';
import { AIR, ALL_CARGO, BULK } from './cargo.ts';
import { NetworkDraft } from './draft.ts';
import { addLinkEdges, linkCargoMask, linkGauges, linkVerdict } from './link-edges.ts';
import { placeNodes } from './place-nodes.ts';

function compileLinks(atlas: Atlas, details: Parameters<typeof addLinkEdges>[4] = null) {
  const draft = new NetworkDraft();
  const at = placeNodes(atlas, draft);
  addLinkEdges(draft, atlas, testProfile(), at, details);
  return draft;
}

describe('link edges (compile stage 2)', () => {
  it('adds a link both ways, or one way when it is not bidirectional', () => {
    const places = [place('a', 'RU', 131, 43), place('b', 'RU', 132, 43)];
    const both = compileLinks(atlasOf({ places, links: [link('r', 'a', 'b', 'road', 100)] }));
    expect(both.edges.map((e) => [e.tail, e.head])).toEqual([
      [1, 3],
      [3, 1],
    ]);
    const one = compileLinks(
      atlasOf({ places, links: [link('r', 'a', 'b', 'road', 100, { bidirectional: false })] }),
    );
    expect(one.edges.map((e) => [e.tail, e.head])).toEqual([[1, 3]]);
    // road at 2 USD/km and 50 km/h in the test profile
    expect(one.edges[0].cost[0].usd).toBeCloseTo(200, 6);
    expect(one.edges[0].cost[0].hours).toBeCloseTo(2, 6);
    expect(one.links[0]).toMatchObject({ id: 'r', estimated: false });
  });

  it('runs dual-gauge track on every standard gauge present at its ends', () => {
    const a = atlasOf({
      places: [place('a', 'RU', 131, 43, { gauges: [1435, 1520] }), place('b', 'RU', 132, 43)],
      links: [link('d', 'a', 'b', 'rail', 50, { gauge: 'dual' })],
    });
    const draft = compileLinks(a);
    const gauges = draft.edges.map((e) => [draft.nodeGauge[e.tail], draft.nodeGauge[e.head]]);
    expect(gauges).toEqual([
      [1435, 1435],
      [1435, 1435],
      [1520, 1520],
      [1520, 1520],
    ]);
    expect(linkGauges('dual', undefined, undefined)).toEqual([1435, 1520]);
    expect(linkGauges(1067, new Set([1435]), undefined)).toEqual([1067]);
  });

  it('uses the measured km of the geometry layer and marks an estimate measured', () => {
    const a = atlasOf({
      places: [place('a', 'RU', 131, 43), place('b', 'RU', 132, 43)],
      links: [link('r', 'a', 'b', 'rail', 100, { length: { basis: 'estimate', km: 100, method: 'test' } })],
    });
    const coords: [number, number][] = [
      [131, 43],
      [132, 43],
    ];
    const draft = compileLinks(
      a,
      new Map([['r', { km: 123, measuredKm: 123, measured: true, coords, source: 'test line' }]]),
    );
    expect(draft.edges.every((e) => e.km === 123)).toBe(true);
    expect(draft.links[0]).toMatchObject({ estimated: false, geometry: coords, lineSource: 'test line' });
    expect(compileLinks(a).links[0].estimated).toBe(true);
  });

  it('drops a sea link to a place that is no seaport, naming link and place', () => {
    const draft = compileLinks(
      atlasOf({
        places: [place('port', 'RU', 131, 43, { kinds: ['seaport'] }), place('town', 'RU', 132, 43)],
        links: [link('s', 'port', 'town', 'sea', 100)],
      }),
    );
    expect(draft.edges).toHaveLength(0);
    expect(draft.warnings).toEqual([
      `link s: sea link dropped: place "town" is not a seaport (add the kind to the place or fix the link's ends)`,
    ]);
    expect(draft.nodeMode.includes(MODE_CODE.sea)).toBe(false);
  });

  it('keeps a cross-border link without a crossing record, saying no clearance applies; drops one a crossing governs', () => {
    const ru = place('ru', 'RU', 131, 43);
    const cn = place('cn', 'CN', 131, 44);
    const l = link('x', 'ru', 'cn', 'rail', 10);
    expect(linkVerdict(l, ru, cn, new Map())).toEqual({
      dropped: false,
      warning: 'link x: rail link joins RU and CN without a crossing record: no border clearance is applied',
    });
    expect(linkVerdict(l, ru, cn, new Map([['cn|ru', 'bridge']]))?.dropped).toBe(true);
    expect(linkVerdict(link('y', 'ru', 'cn', 'sea', 10), ru, cn, new Map())?.warning).toMatch(
      /not a seaport/,
    );
    expect(linkVerdict(link('z', 'ru', 'ru2', 'road', 10), ru, ru, new Map())).toBeUndefined();
    const draft = compileLinks(atlasOf({ places: [ru, cn], links: [l] }));
    expect(draft.edges).toHaveLength(2);
    expect(draft.warnings).toHaveLength(1);
  });

  it("narrows a link's cargo by its own cargo list", () => {
    const l = (extra: Parameters<typeof link>[5], mode: Parameters<typeof link>[3] = 'rail') =>
      link('l', 'a', 'b', mode, 1, extra);
    expect(linkCargoMask(l({}))).toBe(ALL_CARGO);
    expect(linkCargoMask(l({ cargo: ['bulk'] }))).toBe(BULK);
    expect(linkCargoMask(l({ cargo: ['passenger'] }))).toBe(0);
    expect(linkCargoMask(l({}, 'road'))).toBe(ALL_CARGO | AIR);
    // a passenger flight still flies cargo in the belly
    expect(linkCargoMask(l({ cargo: ['passenger'] }, 'air'))).toBe(AIR);
  });
});
