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
});
