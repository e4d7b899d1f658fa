import { describe, expect, it } from 'vitest';
import { atlasOf, crossing, link, place, service, testProfile } from '../../test/route-semantics/fixtures.ts';
import { loadAtlas } from '../atlas/load.ts';
import { loadProfile } from '../costs/profile.ts';
import { compileNetwork } from './compile.ts';
import { CARGO_COUNT, EDGE_KIND, MODE_CODE } from './types.ts';

describe('compileNetwork', () => {
  it('builds a consistent CSR with per-mode nodes, gates and reverse adjacency', () => {
    const { atlas } = loadAtlas();
    const net = compileNetwork(atlas, loadProfile());
    expect(net.offsets[net.nodeCount]).toBe(net.edgeCount);
    for (let v = 0; v < net.nodeCount; v++) {
      for (let e = net.offsets[v]; e < net.offsets[v + 1]; e++) expect(net.tail[e]).toBe(v);
    }
    expect(net.rOffsets[net.nodeCount]).toBe(net.edgeCount);
    const seen = new Uint8Array(net.edgeCount);
    for (let v = 0; v < net.nodeCount; v++) {
      for (let i = net.rOffsets[v]; i < net.rOffsets[v + 1]; i++) {
        expect(net.targets[net.rEdges[i]]).toBe(v);
        seen[net.rEdges[i]] = 1;
      }
    }
    expect(seen.every((x) => x === 1)).toBe(true);
    for (let p = 0; p < net.places.length; p++) expect(net.nodeMode[net.gateNode[p]]).toBe(MODE_CODE.gate);
    for (let e = 0; e < net.edgeCount; e++) {
      for (let c = 0; c < CARGO_COUNT; c++) {
        expect(Number.isFinite(net.hours[e * CARGO_COUNT + c]) && net.hours[e * CARGO_COUNT + c] >= 0).toBe(
          true,
        );
        expect(net.costUsd[e * CARGO_COUNT + c]).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('puts sea nodes only at seaports and joins crossing sides by the service mode', () => {
    const a = atlasOf({
      places: [
        place('port', 'RU', 131, 43, { kinds: ['seaport', 'rail-station'], capabilities: ['container'] }),
        place('port2', 'RU', 133, 43, { kinds: ['seaport'], capabilities: ['container'] }),
        place('town', 'RU', 132, 44),
        place('cn', 'CN', 131, 44),
      ],
      links: [
        link('s', 'port', 'town', 'sea', 100),
        link('s2', 'port', 'port2', 'sea', 100),
        link('r', 'port', 'town', 'rail', 100, { gauge: 1520 }),
      ],
      crossings: [crossing('x', ['town', 'cn'], [service('road', 'road'), service('pax', 'pedestrian')])],
    });
    const net = compileNetwork(a, testProfile());
    const seaNodes = [...net.nodeMode.keys()].filter((v) => net.nodeMode[v] === MODE_CODE.sea);
    // each port: a departure node and an arrival node (sea-calls.ts)
    expect(seaNodes.map((v) => net.places[net.nodePlace[v]].id).sort()).toEqual([
      'port',
      'port',
      'port2',
      'port2',
    ]);
    expect(net.warnings.some((w) => w.startsWith('link s:'))).toBe(true);
    const crossingEdges = [...net.kind.keys()].filter((e) => net.kind[e] === EDGE_KIND.crossing);
    expect(crossingEdges).toHaveLength(2); // road service both ways; the pedestrian service carries no freight
    for (const e of crossingEdges) expect(net.mode[e]).toBe(MODE_CODE.road);
  });

  it('drops a road link that bypasses a crossing record, naming both', () => {
    const a = atlasOf({
      places: [place('ru', 'RU', 131, 43), place('cn', 'CN', 131, 44)],
      links: [link('bypass', 'ru', 'cn', 'road', 10)],
      crossings: [
        crossing('planned', ['cn', 'ru'], [service('road', 'road', { status: [{ state: 'planned' }] })]),
      ],
    });
    const net = compileNetwork(a, testProfile());
    expect(net.warnings.join('\n')).toMatch(
      /link bypass: .* dropped: the crossing planned governs that border passage/,
    );
    expect([...net.kind].filter((k) => k === EDGE_KIND.link)).toHaveLength(0);
  });
});
