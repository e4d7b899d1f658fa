import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeShared, sharedData } from '../../../test/shared.ts';
import { ChQuery } from '../../graph/ch.ts';
import { StaticShortestPath } from '../../graph/static.ts';
import { listNetworks, loadArtefact } from './artefact.ts';
import type { OsmNetwork } from './build.ts';
import { type ImportOsmResult, importOsm } from './import.ts';
import { parseClip } from './osmium.ts';
import { profileGraph } from './profiles.ts';
import { EDGE_CLASS_CODE, FLAG, GAUGE_BIT, parseGauge, parseMaxweight } from './tags.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'amur-osm-'));

describeShared('import-osm: the Monaco extract end to end', () => {
  let r: ImportOsmResult;
  let dir: string;
  beforeAll(async () => {
    dir = tmp();
    r = await importOsm([sharedData('osm/monaco.osm.pbf')], { name: 'monaco', dir });
  }, 120_000);

  it('records the source, replication timestamp, licence and counts in the manifest', () => {
    const [m] = listNetworks(dir);
    expect(m.name).toBe('monaco');
    expect(m.sources[0].replicationTimestamp).toBe('2016-03-05T00:26:02Z');
    expect(m.licence).toContain('OpenStreetMap contributors');
    // osmium tags-filter keeps 692 of the extract's 27,377 ways (roads motorway…tertiary, ferries, railways)
    expect(m.counts.waysKept).toBe(692);
    expect(m.counts.vertices).toBe(r.network.vertexCount);
    expect(m.counts.edges).toBe(r.network.edgeCount);
    // compaction: far fewer vertices than way nodes
    expect(m.counts.vertices).toBeLessThan(m.counts.wayNodes / 5);
    expect(m.counts.kmByClass.rail).toBeGreaterThan(20);
    expect(m.profiles.truck.ch).not.toBeNull();
  });

  it('keeps each edge geometry from its start vertex to its end vertex, with its length', () => {
    const n = r.network;
    for (let e = 0; e < n.edgeCount; e++) {
      const a = n.geomOffsets[e];
      const b = n.geomOffsets[e + 1] - 1;
      expect(b).toBeGreaterThan(a);
      expect(n.geomLon[a]).toBe(n.vertexLon[n.edgeFrom[e]]);
      expect(n.geomLat[b]).toBe(n.vertexLat[n.edgeTo[e]]);
    }
  });

  it('honours oneways in the truck graph', () => {
    const n = r.network;
    const g = profileGraph(n, 'truck').graph;
    let checked = 0;
    for (let e = 0; e < n.edgeCount; e++) {
      if (!(n.edgeFlags[e] & FLAG.onewayForward) || n.edgeClass[e] === EDGE_CLASS_CODE.rail) continue;
      if (n.edgeFlags[e] & (FLAG.noHgv | FLAG.winter | FLAG.conditional)) continue;
      const u = n.edgeFrom[e];
      const v = n.edgeTo[e];
      const arcsOf = (x: number) => [...g.arcIds.subarray(g.offsets[x], g.offsets[x + 1])];
      expect(arcsOf(u)).toContain(e);
      expect(arcsOf(v)).not.toContain(e);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('answers from the cached hierarchy what a plain Dijkstra answers on the same graph', () => {
    const art = loadArtefact('monaco', dir);
    const g = profileGraph(art.network, 'truck').graph;
    const ch = art.ch('truck');
    expect(ch).not.toBeNull();
    const q = new ChQuery(ch!);
    const dj = new StaticShortestPath(g);
    let reachable = 0;
    for (let i = 0; i < 200; i++) {
      const s = (i * 7919) % g.nodeCount;
      const t = (i * 104_729 + 13) % g.nodeCount;
      const a = q.query(s, t);
      const b = dj.dijkstra(s, t);
      if (!Number.isFinite(b.distance)) {
        expect(a.distance).toBe(Number.POSITIVE_INFINITY);
        continue;
      }
      reachable++;
      expect(a.distance).toBeCloseTo(b.distance, 6);
      // the unpacked path is made of the graph's arcs and adds up to the distance
      let sum = 0;
      for (const arc of a.arcs) sum += g.weights[arc];
      expect(sum).toBeCloseTo(b.distance, 6);
    }
    expect(reachable).toBeGreaterThan(50);
  });

  it('clips to a bbox (ways cut where they leave it) and to a .poly polygon', async () => {
    const bbox: [number, number, number, number] = [7.41, 43.72, 7.44, 43.75];
    const d = tmp();
    const clipped = await importOsm([sharedData('osm/monaco.osm.pbf')], {
      name: 'monaco-centre',
      dir: d,
      clip: { kind: 'bbox', bbox },
      clipText: bbox.join(','),
    });
    expect(clipped.network.edgeCount).toBeGreaterThan(0);
    expect(clipped.network.edgeCount).toBeLessThan(r.network.edgeCount);
    const [w, s, e, n] = clipped.manifest.bbox!;
    expect(w).toBeGreaterThanOrEqual(bbox[0]);
    expect(s).toBeGreaterThanOrEqual(bbox[1]);
    expect(e).toBeLessThanOrEqual(bbox[2]);
    expect(n).toBeLessThanOrEqual(bbox[3]);
    expect(listNetworks(d)[0].clip).toBe(bbox.join(','));
    const poly = await importOsm([sharedData('osm/monaco.osm.pbf')], {
      name: 'monaco-poly',
      dir: d,
      clip: parseClip(sharedData('osm/monaco.poly')),
    });
    expect(poly.network.edgeCount).toBeGreaterThan(0);
    expect(poly.network.edgeCount).toBeLessThan(r.network.edgeCount);
  }, 60_000);
});

/** A small OSM XML file: nodes [id, lon, lat, tags?] and ways [id, refs, tags]. */
function osmXml(
  nodes: [number, number, number, Record<string, string>?][],
  ways: [number, number[], Record<string, string>][],
): string {
  const t = (tags: Record<string, string> = {}) =>
    Object.entries(tags)
      .map(([k, v]) => `<tag k="${k}" v="${v}"/>`)
      .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="amur-test">
${nodes.map(([id, lon, lat, tags]) => `<node id="${id}" version="1" lat="${lat}" lon="${lon}">${t(tags)}</node>`).join('\n')}
${ways.map(([id, refs, tags]) => `<way id="${id}" version="1">${refs.map((r) => `<nd ref="${r}"/>`).join('')}${t(tags)}</way>`).join('\n')}
</osm>
`;
}

async function importXml(xml: string): Promise<OsmNetwork> {
  const d = tmp();
  const file = join(d, 'fixture.osm');
  writeFileSync(file, xml);
  const r = await importOsm([file], { name: 'fixture', dir: d });
  return r.network;
}

function vertexOf(n: OsmNetwork, osmId: number): number {
  const v = n.vertexOsmId.indexOf(osmId);
  expect(v, `OSM node ${osmId} is a vertex`).toBeGreaterThanOrEqual(0);
  return v;
}

describe('import-osm: border-region tagging on small .osm fixtures', () => {
  it('keeps a ferry across a river and routes trucks over it', async () => {
    // Heihe (127.53, 50.25) road → ferry over the Amur → Blagoveshchensk road
    const n = await importXml(
      osmXml(
        [
          [1, 127.5, 50.24],
          [2, 127.52, 50.25],
          [3, 127.54, 50.26],
          [4, 127.56, 50.27],
          [9, 127.53, 50.3], // a footway node: dropped
        ],
        [
          [10, [1, 2], { highway: 'primary' }],
          [11, [2, 3], { route: 'ferry', name: 'Heihe–Blagoveshchensk ferry' }],
          [12, [3, 4], { highway: 'secondary' }],
          [13, [2, 9], { highway: 'footway' }],
        ],
      ),
    );
    expect(n.edgeCount).toBe(3);
    const ferry = [...n.edgeClass].indexOf(EDGE_CLASS_CODE.ferry);
    expect(ferry).toBeGreaterThanOrEqual(0);
    expect(n.strings[n.edgeName[ferry]]).toBe('Heihe–Blagoveshchensk ferry');
    const g = profileGraph(n, 'truck').graph;
    const path = new StaticShortestPath(g).dijkstra(vertexOf(n, 1), vertexOf(n, 4));
    expect(path.arcs.map((a) => g.arcIds[a])).toContain(ferry);
  });

  it('makes a border_control node a vertex and lists it', async () => {
    const n = await importXml(
      osmXml(
        [
          [1, 117.3, 49.6],
          [2, 117.4, 49.6, { barrier: 'border_control', name: 'Zabaykalsk' }],
          [3, 117.5, 49.6],
        ],
        [[10, [1, 2, 3], { highway: 'trunk' }]],
      ),
    );
    expect(n.borders).toHaveLength(1);
    expect(n.borders[0].name).toBe('Zabaykalsk');
    const v = vertexOf(n, 2);
    expect(n.vertexBorder[v]).toBe(1);
    expect(n.edgeCount).toBe(2); // split at the border node
  });

  it('keeps gauges apart: a 1435 line, a dual-gauge stretch and a 1520 line', async () => {
    const n = await importXml(
      osmXml(
        [
          [1, 117.3, 49.58],
          [2, 117.4, 49.58],
          [3, 117.45, 49.58],
          [4, 117.5, 49.58],
        ],
        [
          [10, [1, 2], { railway: 'rail', gauge: '1435', usage: 'main' }],
          [11, [2, 3], { railway: 'rail', gauge: '1435;1520' }],
          [12, [3, 4], { railway: 'rail', gauge: '1520', electrified: 'contact_line' }],
        ],
      ),
    );
    const std = profileGraph(n, 'rail-1435').graph;
    const broad = profileGraph(n, 'rail-1520').graph;
    const [a, b, c, d] = [1, 2, 3, 4].map((id) => vertexOf(n, id));
    expect(new StaticShortestPath(std).dijkstra(a, c).distance).toBeGreaterThan(0);
    expect(new StaticShortestPath(std).dijkstra(a, d).distance).toBe(Number.POSITIVE_INFINITY);
    expect(new StaticShortestPath(broad).dijkstra(b, d).distance).toBeGreaterThan(0);
    expect(new StaticShortestPath(broad).dijkstra(a, d).distance).toBe(Number.POSITIVE_INFINITY);
    const dual = [...n.edgeGauge].indexOf(GAUGE_BIT[1435] | GAUGE_BIT[1520]);
    expect(dual).toBeGreaterThanOrEqual(0);
    const main = [...n.edgeUsage].findIndex((u) => n.strings[u] === 'main');
    expect(main).toBeGreaterThanOrEqual(0);
    expect([...n.edgeFlags].some((f) => f & FLAG.electrified)).toBe(true);
  });

  it('marks an access:conditional ice road seasonal and keeps it out of the all-year truck graph', async () => {
    const n = await importXml(
      osmXml(
        [
          [1, 127.5, 50.24],
          [2, 127.52, 50.26],
          [3, 127.6, 50.3],
        ],
        [
          [
            10,
            [1, 2],
            {
              highway: 'tertiary',
              ice_road: 'yes',
              access: 'no',
              'access:conditional': 'yes @ (Dec 20-Mar 15)',
            },
          ],
          [11, [2, 3], { highway: 'tertiary', maxweight: '30' }],
        ],
      ),
    );
    const ice = [...n.edgeFlags].findIndex((f) => (f & FLAG.winter) !== 0);
    expect(ice).toBeGreaterThanOrEqual(0);
    expect(n.edgeFlags[ice] & FLAG.conditional).toBeTruthy();
    expect(n.strings[n.edgeConditional[ice]]).toBe('yes @ (Dec 20-Mar 15)');
    const pg = profileGraph(n, 'truck');
    expect(pg.graph.targets.length).toBe(0);
    expect(pg.excluded['seasonal (ice/winter road, access:conditional)']).toBe(1);
    expect(pg.excluded['maxweight below 40 t']).toBe(1);
  });
});

describe('import-osm: several extracts', () => {
  it('joins two overlapping extracts at their shared nodes and keeps a way seen in both once', async () => {
    const d = tmp();
    const china = join(d, 'china.osm');
    const russia = join(d, 'russia.osm');
    // Suifenhe (CN) → border node 2 → Grodekovo (RU); way 11 is in both extracts
    writeFileSync(
      china,
      osmXml(
        [
          [1, 131.15, 44.4],
          [2, 131.22, 44.41, { barrier: 'border_control' }],
          [3, 131.3, 44.41],
        ],
        [
          [10, [1, 2], { railway: 'rail', gauge: '1435;1520' }],
          [11, [2, 3], { railway: 'rail', gauge: '1520' }],
        ],
      ),
    );
    writeFileSync(
      russia,
      osmXml(
        [
          [2, 131.22, 44.41, { barrier: 'border_control' }],
          [3, 131.3, 44.41],
          [4, 131.38, 44.41],
        ],
        [
          [11, [2, 3], { railway: 'rail', gauge: '1520' }],
          [12, [3, 4], { railway: 'rail', gauge: '1520', usage: 'main' }],
        ],
      ),
    );
    const r = await importOsm([china, russia], { name: 'two', dir: d });
    expect(r.manifest.sources.map((s) => s.file)).toEqual([china, russia]);
    expect(r.manifest.counts.waysDuplicate).toBe(1);
    expect(r.manifest.counts.borderNodes).toBe(1);
    const n = r.network;
    const g = profileGraph(n, 'rail-1520').graph;
    const p = new StaticShortestPath(g).dijkstra(vertexOf(n, 1), vertexOf(n, 4));
    expect(p.arcs.length).toBeGreaterThanOrEqual(2);
    let km = 0;
    for (const a of p.arcs) km += n.edgeMeters[g.arcIds[a]] / 1000;
    expect(km).toBeGreaterThan(17);
    expect(km).toBeLessThan(20);
  });
});

describe('import-osm: degree-2 chains across ways', () => {
  it('joins ways that continue each other with the same attributes, keeps the others apart', async () => {
    const n = await importXml(
      osmXml(
        [
          [1, 131.0, 44.0],
          [2, 131.1, 44.0],
          [3, 131.2, 44.0],
          [4, 131.3, 44.0],
          [5, 131.4, 44.0],
        ],
        [
          // 1 → 2 → 3: one road split in two ways (a bridge tag): joined
          [10, [1, 2], { highway: 'primary', oneway: 'yes' }],
          [11, [2, 3], { highway: 'primary', oneway: 'yes', bridge: 'yes' }],
          // 3 → 4 drawn backwards with oneway=-1: the same direction of travel, joined too
          [12, [4, 3], { highway: 'primary', oneway: '-1' }],
          // 4 → 5 with another speed limit: kept apart
          [13, [4, 5], { highway: 'primary', oneway: 'yes', maxspeed: '50' }],
        ],
      ),
    );
    expect(n.edgeCount).toBe(2);
    expect([...n.vertexOsmId].sort()).toEqual([1, 4, 5]);
    const joined = [...n.edgeWayId].indexOf(10);
    expect(joined).toBeGreaterThanOrEqual(0);
    // the joined edge runs 1 → 4 through the geometry of all three ways, one way
    const a = n.geomOffsets[joined];
    const b = n.geomOffsets[joined + 1];
    expect(b - a).toBe(4);
    const g = profileGraph(n, 'truck').graph;
    const from1 = new StaticShortestPath(g).dijkstra(vertexOf(n, 1), vertexOf(n, 5));
    expect(from1.distance).toBeGreaterThan(0);
    expect(new StaticShortestPath(g).dijkstra(vertexOf(n, 5), vertexOf(n, 1)).distance).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});

describe('import-osm: tag and option parsing', () => {
  it('reads gauges, weights and clips, and rejects bad input with a clear message', () => {
    expect(parseGauge('1435;1520')).toBe(GAUGE_BIT[1435] | GAUGE_BIT[1520]);
    expect(parseGauge('1524')).toBe(GAUGE_BIT[1520]);
    expect(parseGauge(undefined)).toBe(0);
    expect(parseMaxweight('20000 kg')).toBe(20);
    expect(parseMaxweight('7.5')).toBe(7.5);
    expect(parseClip('7.40,43.72,7.44,43.75')).toEqual({ kind: 'bbox', bbox: [7.4, 43.72, 7.44, 43.75] });
    expect(() => parseClip('7.44,43.72,7.40,43.75')).toThrow(/minlon < maxlon/);
    expect(() => parseClip('area.shp')).toThrow(/\.poly or \.geojson/);
  });

  it('says which file is not an OSM file', async () => {
    const d = tmp();
    const file = join(d, 'broken.osm.pbf');
    writeFileSync(file, 'not a pbf');
    await expect(importOsm([file], { name: 'x', dir: d })).rejects.toThrow(/broken\.osm\.pbf/);
    expect(listNetworks(d)).toEqual([]);
  });
});
