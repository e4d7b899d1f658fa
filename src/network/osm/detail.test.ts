import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAtlas } from '../../atlas/load.ts';
import type { Atlas, Link } from '../../atlas/schema.ts';
import { loadProfile } from '../../costs/profile.ts';
import { StaticShortestPath } from '../../graph/static.ts';
import { compileNetwork } from '../compile.ts';
import { type LoadedArtefact, loadArtefact } from './artefact.ts';
import { detailFromNetwork } from './detail.ts';
import { importOsm } from './import.ts';
import { PROFILES, profileGraph } from './profiles.ts';
import { snapAtlas } from './snap.ts';

/**
 * A small detailed network around the mini atlas (Harbin, Suifenhe, Ussuriysk,
 * Vladivostok): a 1520 mm railway Ussuriysk → Artyom → Vladivostok with a
 * longer branch, a 1435 mm shortcut the 1520 link must not use; a road
 * Harbin → Mudanjiang → Suifenhe with a shorter direct road closed to trucks.
 */
const NODES: [number, number, number, Record<string, string>?][] = [
  [1, 131.95, 43.8],
  [2, 132.19, 43.35],
  [3, 131.9, 43.1333],
  [4, 132.5, 43.6],
  [5, 131.93, 43.5],
  [11, 126.6, 45.7333],
  [12, 129.6, 44.58],
  [13, 131.1928, 44.4106],
  [14, 128.9, 45.1],
];
const WAYS: [number, number[], Record<string, string>][] = [
  [100, [1, 2], { railway: 'rail', gauge: '1520' }],
  [101, [2, 3], { railway: 'rail', gauge: '1520' }],
  [102, [1, 4, 3], { railway: 'rail', gauge: '1520', usage: 'branch' }],
  [103, [1, 5, 3], { railway: 'rail', gauge: '1435' }],
  [200, [11, 12], { highway: 'trunk' }],
  [201, [12, 13], { highway: 'trunk' }],
  [202, [11, 14, 13], { highway: 'secondary', hgv: 'no' }],
];

function xml(): string {
  const t = (tags: Record<string, string> = {}) =>
    Object.entries(tags)
      .map(([k, v]) => `<tag k="${k}" v="${v}"/>`)
      .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="amur-test">
${NODES.map(([id, lon, lat, tags]) => `<node id="${id}" version="1" lat="${lat}" lon="${lon}">${t(tags)}</node>`).join('\n')}
${WAYS.map(([id, refs, tags]) => `<way id="${id}" version="1">${refs.map((r) => `<nd ref="${r}"/>`).join('')}${t(tags)}</way>`).join('\n')}
</osm>
`;
}

describe('two levels: imported OSM detail for atlas links', () => {
  let art: LoadedArtefact;
  let atlas: Atlas;
  const road: Link = {
    id: 'harbin-suifenhe-road',
    from: 'harbin',
    to: 'suifenhe',
    mode: 'road',
    length: { basis: 'estimate', km: 600, method: 'test: great-circle × 1.3' },
    bidirectional: true,
    sources: ['unlocode'],
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-detail-'));
    const file = join(dir, 'corridor.osm');
    writeFileSync(file, xml());
    await importOsm([file], { name: 'corridor', dir });
    art = loadArtefact('corridor', dir);
    const mini = loadAtlas('src/atlas/fixtures/mini').atlas;
    atlas = { ...mini, links: [...mini.links, road] };
  }, 60_000);

  it('measures a link by the shortest path on the detailed graph of its profile (gauge honoured)', () => {
    const { details, report } = detailFromNetwork(atlas, art);
    const m = report.measured.find((x) => x.link === 'ussuriysk-vladivostok-rail')!;
    expect(m.profile).toBe('rail-1520');
    // the plain search on the detailed graph
    const g = profileGraph(art.network, 'rail-1520').graph;
    const plain = new StaticShortestPath(g).dijkstra(m.vertices[0], m.vertices[1]);
    expect(m.km).toBeCloseTo(plain.distance / 1000, 9);
    // the 1435 shortcut via node 5 is shorter but not on a 1520 link
    const std = profileGraph(art.network, 'rail-1435').graph;
    expect(new StaticShortestPath(std).dijkstra(m.vertices[0], m.vertices[1]).distance / 1000).toBeLessThan(
      m.km,
    );
    const d = details.get('ussuriysk-vladivostok-rail')!;
    expect(d.measured).toBe(true);
    expect(d.km).toBe(m.km);
    expect(d.coords).toContainEqual([132.19, 43.35]);
    expect(d.coords).not.toContainEqual([131.93, 43.5]);
    expect(d.source).toContain('OpenStreetMap');
  });

  it('keeps trucks off a road closed to them', () => {
    const { details, report } = detailFromNetwork(atlas, art);
    const m = report.measured.find((x) => x.link === 'harbin-suifenhe-road')!;
    expect(m.profile).toBe('truck');
    expect(m.drivingHours).toBeGreaterThan(0);
    expect(details.get(road.id)!.coords).toContainEqual([129.6, 44.58]);
    expect(details.get(road.id)!.coords).not.toContainEqual([128.9, 45.1]);
  });

  it('gives the atlas-level network the same km as the plain search on the detailed graph', () => {
    const { details, report } = detailFromNetwork(atlas, art);
    const profile = loadProfile();
    const net = compileNetwork(atlas, profile, { linkDetail: details });
    for (const m of report.measured) {
      const li = net.links.findIndex((l) => l.id === m.link);
      expect(net.links[li].estimated).toBe(false);
      const g = profileGraph(art.network, m.profile).graph;
      let plainKm = 0;
      const p = new StaticShortestPath(g).dijkstra(m.vertices[0], m.vertices[1]);
      for (const arc of p.arcs) plainKm += art.network.edgeMeters[g.arcIds[arc]] / 1000;
      let edges = 0;
      for (let e = 0; e < net.edgeCount; e++) {
        if (net.ref[e] !== li || net.kind[e] !== 0) continue;
        expect(net.km[e]).toBeCloseTo(plainKm, 9);
        edges++;
      }
      expect(edges).toBeGreaterThan(0);
    }
    // with nothing imported the atlas km stands
    const plainNet = compileNetwork(atlas, profile, { linkDetail: null });
    const li = plainNet.links.findIndex((l) => l.id === 'harbin-suifenhe-road');
    expect(plainNet.links[li].estimated).toBe(true);
  });

  it('snaps atlas places and crossing sides, warning by record beyond the threshold', () => {
    const graphs = Object.fromEntries(PROFILES.map((p) => [p, profileGraph(art.network, p).graph]));
    const r = snapAtlas(atlas, art.network, art.manifest.bbox, graphs, { warnKm: 2 });
    const at = (place: string, profile: string) =>
      r.snaps.find((x) => x.place === place && x.profile === profile);
    expect(at('vladivostok', 'rail-1520')!.km).toBeLessThan(0.01);
    expect(at('suifenhe', 'truck')!.km).toBeLessThan(0.01);
    // Grodekovo (131.3756, 44.4136) is ~15 km from the nearest road vertex (Suifenhe): a warning naming it and its crossing
    const g = at('grodekovo', 'truck')!;
    expect(g.km).toBeGreaterThan(10);
    expect(
      r.warnings.some((w) =>
        /place grodekovo \(a side of crossing [a-z-]+\): nearest truck vertex is 1\d\.\d\d km away/.test(w),
      ),
    ).toBe(true);
  });

  it('gives the same answer without a cached hierarchy (imported with --no-ch: plain Dijkstra)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-detail-noch-'));
    const file = join(dir, 'corridor.osm');
    writeFileSync(file, xml());
    await importOsm([file], { name: 'corridor', dir, contract: false });
    const noCh = loadArtefact('corridor', dir);
    expect(noCh.ch('truck')).toBeNull();
    const a = detailFromNetwork(atlas, art).report.measured;
    const b = detailFromNetwork(atlas, noCh).report.measured;
    expect(b.map((m) => m.link)).toEqual(a.map((m) => m.link));
    for (const [i, m] of b.entries()) expect(m.km).toBeCloseTo(a[i].km, 9);
  });
});
