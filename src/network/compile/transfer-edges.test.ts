import { describe, expect, it } from 'vitest';
import { atlasOf, link, place, testProfile } from '../../../test/route-semantics/fixtures.ts';
import type { Atlas } from '../../atlas/schema.ts';
import { serviceFor } from '../../costs/model.ts';
import { CARGO_UNITS, loadProfile } from '../../costs/profile.ts';
import { AIR, ALL_CARGO, BULK, CONTAINERS, LIQUID } from './cargo.ts';
import { NetworkDraft } from './draft.ts';
import { addLinkEdges } from './link-edges.ts';
import { placeNodes } from './place-nodes.ts';
import { addTransferEdges, feederOnlyPorts, modeNodesByPlace, transhipMask } from './transfer-edges.ts';

function transfers(atlas: Atlas) {
  const draft = new NetworkDraft();
  const at = placeNodes(atlas, draft);
  const profile = testProfile();
  addLinkEdges(draft, atlas, profile, at, null);
  const before = draft.edges.length;
  addTransferEdges(draft, atlas, profile, at);
  return { draft, edges: draft.edges.slice(before) };
}

describe('transfer edges (compile stage 5)', () => {
  it('loads and unloads at the gate for the place’s capabilities; road always carries everything', () => {
    const { draft, edges } = transfers(
      atlasOf({
        places: [place('a', 'RU', 131, 43, { capabilities: ['bulk'] }), place('b', 'RU', 132, 43)],
        links: [link('r', 'a', 'b', 'rail', 10)],
      }),
    );
    const atA = edges.filter((e) => draft.nodePlace[e.tail] === 0 || draft.nodePlace[e.head] === 0);
    expect(atA.map((e) => [e.kind, e.mode, e.mask])).toEqual([
      ['load', 'road', ALL_CARGO | AIR],
      ['unload', 'road', ALL_CARGO | AIR],
      ['tranship', 'rail', BULK],
      ['load', 'rail', BULK],
      ['unload', 'rail', BULK],
      ['tranship', 'road', BULK],
    ]);
  });

  it('changes gauge between a place’s rail nodes by transshipment, only for cargo it handles', () => {
    const gauges = (caps: Parameters<typeof place>[4]) => {
      const { draft, edges } = transfers(
        atlasOf({
          places: [place('y', 'RU', 131, 43, caps), place('a', 'RU', 130, 43), place('b', 'CN', 132, 43)],
          links: [
            link('ya', 'y', 'a', 'rail', 10, { gauge: 1520 }),
            link('yb', 'y', 'b', 'rail', 10, { gauge: 1435 }),
          ],
        }),
      );
      return edges.filter((e) => e.kind === 'gauge-change' && draft.nodePlace[e.tail] === 0);
    };
    const yard = gauges({ capabilities: ['container'] });
    expect(yard.map((e) => e.mask)).toEqual([CONTAINERS, CONTAINERS]);
    // transshipment: 10 h and 100 USD in the test profile
    expect(yard[0].cost[0]).toMatchObject({ hours: 10, usd: 100 });
    expect(gauges({ capabilities: [] })).toHaveLength(0);
  });

  it('lists each place’s mode nodes, gates and overlay junctions left out', () => {
    const draft = new NetworkDraft();
    placeNodes(atlasOf({ places: [place('a', 'RU', 131, 43)] }), draft);
    draft.junctions(2, 'rail', 1520);
    draft.node(0, 'rail', 1520);
    expect([...modeNodesByPlace(draft)]).toEqual([[0, [1, 4]]]);
  });

  it('tranships air cargo only between aircraft and truck at an airport, liquids by pipeline where one is', () => {
    expect(transhipMask('air', 'road', ALL_CARGO, 0, true)).toBe(AIR);
    expect(transhipMask('air', 'road', ALL_CARGO, 0, false)).toBe(0);
    expect(transhipMask('air', 'rail', ALL_CARGO, 0, true)).toBe(0);
    expect(transhipMask('pipeline', 'rail', ALL_CARGO, LIQUID, false)).toBe(LIQUID);
    expect(transhipMask('pipeline', 'rail', BULK, LIQUID, false)).toBe(0);
    expect(transhipMask('sea', 'rail', BULK, 0, false)).toBe(BULK);
  });
});

describe('the terminal dwell of the vessel class leaving a port', () => {
  const port = (id: string, lon: number) =>
    place(id, 'CN', lon, 30, { kinds: ['seaport'], capabilities: ['container'] });
  const atlas = atlasOf({
    places: [port('a', 120), port('b', 121), port('c', 122)],
    links: [
      link('ab', 'a', 'b', 'sea', 100, { vessel: 'container-feeder' }),
      link('bc', 'b', 'c', 'sea', 100, { vessel: 'container-mainline' }),
    ],
  });

  it('knows the ports that only feeders leave', () => {
    expect([...feederOnlyPorts(atlas, loadProfile())]).toEqual(['a']);
  });

  it("loads a ship at a feeder-only port with the feeder's dwell, elsewhere with the first container class's", () => {
    const profile = loadProfile();
    const draft = new NetworkDraft();
    const at = placeNodes(atlas, draft);
    addLinkEdges(draft, atlas, profile, at, null);
    addTransferEdges(draft, atlas, profile, at);
    const feu = CARGO_UNITS.indexOf('feu');
    const seaLoad = (p: number) =>
      draft.edges.find((e) => e.kind === 'load' && e.mode === 'sea' && draft.nodePlace[e.head] === p)?.cost[
        feu
      ].hours;
    expect(seaLoad(0)).toBe(serviceFor(profile, 'sea', 'feu', 'container-feeder')?.dwellHours);
    expect(seaLoad(1)).toBe(serviceFor(profile, 'sea', 'feu')?.dwellHours);
    expect(seaLoad(0)).not.toBe(seaLoad(1));
  });

  it("uses a port's own container dwell instead of the ship's dwell and release, once per use, containers only", () => {
    const portAtlas = (dwell: boolean) =>
      atlasOf({
        places: [
          place('p', 'RU', 132, 43, {
            kinds: ['seaport', 'rail-station'],
            ...(dwell
              ? {
                  containerDwell: {
                    hours: 58,
                    basis: 'published',
                    year: 2011,
                    quote: 'took 58 hours',
                    sources: ['t'],
                  },
                }
              : {}),
          }),
          place('q', 'RU', 135, 43, { kinds: ['seaport'] }),
          place('r', 'RU', 131, 44),
        ],
        links: [link('pq', 'p', 'q', 'sea', 300), link('pr', 'p', 'r', 'rail', 100)],
      });
    const hours = (dwell: boolean, cargo: 'feu' | 'bulk') => {
      const { draft, edges } = transfers(portAtlas(dwell));
      const i = CARGO_UNITS.indexOf(cargo);
      return edges
        .filter((e) => draft.nodePlace[e.tail] === 0 && draft.nodePlace[e.head] === 0)
        .map((e) => ({ kind: e.kind, mode: e.mode, hours: e.cost[i].hours }));
    };
    const profile = testProfile();
    const sea = (k: 'dwellHours' | 'releaseHours') => profile.modes.sea[k];
    const own = hours(true, 'feu');
    const base = hours(false, 'feu');
    expect(own.length).toBe(base.length);
    for (let k = 0; k < own.length; k++) {
      const e = base[k];
      const touchesSea = (e.kind === 'load' && e.mode === 'sea') || (e.kind === 'unload' && e.mode === 'sea');
      if (touchesSea) expect(own[k].hours).toBe(58);
    }
    const shift = own.map((e, k) => e.hours - base[k].hours);
    // load onto the ship and unload off it: 58 h each (not the class's); ship → rail or truck and back: the
    // ship's side of the transfer becomes 58 h once, the other mode's dwell or release stays
    const moved = shift.filter((d) => d !== 0);
    const onto = 58 - sea('dwellHours');
    const off = 58 - sea('releaseHours');
    expect(moved.sort()).toEqual([onto, onto, onto, off, off, off].sort());
    // bulk keeps the class's times
    expect(hours(true, 'bulk')).toEqual(hours(false, 'bulk'));
  });
});
