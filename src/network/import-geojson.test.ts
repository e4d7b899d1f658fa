import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { describeShared, SHARED_DATA_DIR } from '../../test/shared.ts';
import { loadAtlas } from '../atlas/load.ts';
import type { Atlas, Place } from '../atlas/schema.ts';
import { loadProfile } from '../costs/profile.ts';
import { buildCsr } from '../graph/csr.ts';
import { StaticShortestPath } from '../graph/static.ts';
import { route } from '../routing/index.ts';
import { compileNetwork } from './compile.ts';
import {
  type ImportReport,
  importEurasianNetworks,
  importLineNetwork,
  LineNetworkError,
  loadTagCalendars,
  overlayFromJson,
  overlayToJson,
  readGeoJsonFile,
} from './import-geojson.ts';
import type { LineNetworkOverlay } from './overlay.ts';
import { EDGE_KIND, MODE_CODE, type Network } from './types.ts';

const SOURCE = { title: 'test', licence: 'CC0', file: 'test.geojson' };

function line(coords: number[][], properties: Record<string, unknown> = {}) {
  return { type: 'Feature', properties, geometry: { type: 'LineString', coordinates: coords } };
}
function fc(...features: unknown[]) {
  return { type: 'FeatureCollection', features };
}
function place(id: string, coords: [number, number], kinds: Place['kinds']): Place {
  return {
    id,
    names: { en: id, zh: id, ru: id },
    country: 'RU',
    region: 'RU-PRI',
    coords,
    timezone: 'Asia/Vladivostok',
    kinds,
    capabilities: [],
    sources: ['test'],
  };
}
function atlasOf(places: Place[]): Atlas {
  return { sources: [], places, crossings: [], links: [], zones: [], corridors: [] };
}
/** km of one degree of latitude (haversine, mean Earth radius 6371.0088 km). */
const DEG_KM = (Math.PI / 180) * 6371.0088;

describe('importLineNetwork', () => {
  it('makes nodes at endpoints and shared vertices only, edges with haversine km', () => {
    // A: (0,0)→(0,1)→(0,2); B: (0,2)→(1,2). Interior vertex (0,1) is not a node.
    const { overlay, report } = importLineNetwork(
      fc(
        line([
          [0, 0],
          [0, 1],
          [0, 2],
        ]),
        line([
          [0, 2],
          [1, 2],
        ]),
      ),
      { id: 't', mode: 'rail', gauge: 1520, source: SOURCE },
    );
    expect(report.nodes).toBe(3);
    expect(report.edges).toBe(2);
    expect(report.vertices).toBe(4);
    expect(overlay.edges.km[0]).toBeCloseTo(2 * DEG_KM, 6);
    expect(overlay.edges.km[1]).toBeCloseTo(DEG_KM * Math.cos((2 * Math.PI) / 180), 2);
    expect(report.components).toMatchObject({ count: 1, sizes: [3] });
    expect(report.snapping).toMatchObject({ dangling: 2, unsnapped: 2, toVertex: 0, toSegment: 0 });
    expect(overlay.gauge).toBe(1520);
    expect(overlay.tags).toEqual(['']);
  });

  it('splits lines at a vertex they share in their interiors', () => {
    const { report } = importLineNetwork(
      fc(
        line([
          [0, 0],
          [1, 1],
          [2, 2],
        ]),
        line([
          [0, 2],
          [1, 1],
          [2, 0],
        ]),
      ),
      { id: 't', mode: 'road', source: SOURCE },
    );
    expect(report.nodes).toBe(5);
    expect(report.edges).toBe(4);
    expect(report.components.count).toBe(1);
  });

  it('snaps a branch that starts off another line to the nearest segment point, within snapKm only', () => {
    // main line along the equator; a branch starting 0.5 km north of its middle, away from any vertex
    const branchStart = 0.5 / DEG_KM;
    const network = fc(
      line([
        [0, 0],
        [1, 0],
      ]),
      line([
        [0.5, branchStart],
        [0.5, 1],
      ]),
    );
    const snapped = importLineNetwork(network, { id: 't', mode: 'rail', snapKm: 1, source: SOURCE });
    expect(snapped.report.snapping).toMatchObject({ dangling: 4, toSegment: 1, toVertex: 0, unsnapped: 3 });
    expect(snapped.report.snapping.connectorKm).toBeCloseTo(0.5, 3);
    // main line split in two at the snap point, the branch, and the connector
    expect(snapped.report.nodes).toBe(5);
    expect(snapped.report.edges).toBe(4);
    expect(snapped.report.components.count).toBe(1);
    const total = Array.from(snapped.overlay.edges.km).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(DEG_KM + (DEG_KM - 0.5) + 0.5, 3);

    const apart = importLineNetwork(network, { id: 't', mode: 'rail', snapKm: 0.2, source: SOURCE });
    expect(apart.report.snapping.unsnapped).toBe(4);
    expect(apart.report.components).toMatchObject({ count: 2, sizes: [2, 2] });
  });

  it('snaps to a vertex when the nearest point is one', () => {
    const { report } = importLineNetwork(
      fc(
        line([
          [0, 0],
          [0.5, 0],
          [1, 0],
        ]),
        line([
          [0.5, 0.3 / DEG_KM],
          [0.5, 1],
        ]),
      ),
      { id: 't', mode: 'rail', source: SOURCE },
    );
    expect(report.snapping.toVertex).toBe(1);
    expect(report.nodes).toBe(5);
    expect(report.components.count).toBe(1);
  });

  it('joins atlas places of the mode’s kind to the nearest network point within joinKm', () => {
    const atlas = atlasOf([
      place('near-station', [0.25, 3 / DEG_KM], ['rail-station']),
      place('near-port', [0.75, 2 / DEG_KM], ['seaport']),
      place('far-station', [0.5, 30 / DEG_KM], ['rail-station']),
    ]);
    const network = fc(
      line([
        [0, 0],
        [1, 0],
      ]),
    );
    const rail = importLineNetwork(network, { id: 't', mode: 'rail', joinKm: 20, atlas, source: SOURCE });
    expect(rail.report.joins.map((j) => j.place)).toEqual(['near-station']);
    expect(rail.report.joins[0].km).toBeCloseTo(3, 3);
    expect(rail.report.unjoined).toEqual(['far-station']);
    // the join point became a node in the middle of the line
    const j = rail.overlay.joins[0];
    expect(rail.overlay.nodes.lon[j.node]).toBeCloseTo(0.25, 6);
    expect(rail.report.nodes).toBe(3);

    // a 1435 mm station is not joined to a 1520 mm network
    const standard = {
      ...place('standard-gauge', [0.5, 1 / DEG_KM], ['rail-station']),
      gauges: [1435 as const],
    };
    const broad = importLineNetwork(network, {
      id: 't',
      mode: 'rail',
      gauge: 1520,
      atlas: atlasOf([...atlas.places, standard]),
      source: SOURCE,
    });
    expect(broad.report.joins.map((x) => x.place)).toEqual(['near-station']);
    expect(broad.report.otherGauge).toEqual(['standard-gauge']);

    const sea = importLineNetwork(network, { id: 't', mode: 'sea', joinKm: 20, atlas, source: SOURCE });
    expect(sea.report.joins.map((x) => x.place)).toEqual(['near-port']);
    const road = importLineNetwork(network, { id: 't', mode: 'road', joinKm: 40, atlas, source: SOURCE });
    expect(road.report.joins.map((x) => x.place).sort()).toEqual([
      'far-station',
      'near-port',
      'near-station',
    ]);
  });

  it('prefers the largest component for a join when one is within reach', () => {
    const atlas = atlasOf([place('station', [0.5, 0.01], ['rail-station'])]);
    const network = fc(
      // a small fragment right next to the station
      line([
        [0.49, 0.012],
        [0.51, 0.012],
      ]),
      // the main network, 1.1 km away
      line([
        [0, 0],
        [0.5, 0],
        [1, 0],
        [2, 0],
      ]),
      line([
        [2, 0],
        [2, 1],
      ]),
    );
    const { report } = importLineNetwork(network, {
      id: 't',
      mode: 'rail',
      snapKm: 0.1,
      atlas,
      source: SOURCE,
    });
    expect(report.joins[0].componentSize).toBe(report.components.sizes[0]);
    expect(report.components.count).toBe(2);
  });

  it('tags edges from the pass property and keeps the calendars of tags present', () => {
    const { overlay, report } = importLineNetwork(
      fc(
        line(
          [
            [0, 70],
            [10, 70],
          ],
          { pass: 'northeast' },
        ),
        line(
          [
            [10, 70],
            [20, 70],
          ],
          { pass: null },
        ),
      ),
      {
        id: 't',
        mode: 'sea',
        source: SOURCE,
        tagCalendars: { northeast: { seasons: [{ from: '07-01', to: '11-15' }] }, suez: { closures: [] } },
      },
    );
    expect(overlay.tags).toEqual(['', 'northeast']);
    expect(Array.from(overlay.edges.tag)).toEqual([1, 0]);
    expect(report.tags).toEqual({ '': 1, northeast: 1 });
    expect(Object.keys(overlay.tagCalendars ?? {})).toEqual(['northeast']);
  });

  it('joins lines that meet on the antimeridian (−180 and 180 are one meridian)', () => {
    const { report } = importLineNetwork(
      fc(
        line([
          [179, 65],
          [180, 65],
        ]),
        line([
          [-180, 65],
          [-179, 65],
        ]),
      ),
      { id: 't', mode: 'sea', source: SOURCE },
    );
    expect(report.components.count).toBe(1);
    expect(report.nodes).toBe(3);
  });

  it('reads MultiLineStrings and reports features it cannot use', () => {
    const { report } = importLineNetwork(
      fc(
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'MultiLineString',
            coordinates: [
              [
                [0, 0],
                [1, 0],
              ],
              [
                [1, 0],
                [1, 1],
              ],
            ],
          },
        },
        { type: 'Feature', properties: {}, geometry: null },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } },
        line([
          [3, 3],
          [3, 3],
        ]),
      ),
      { id: 't', mode: 'road', source: SOURCE },
    );
    expect(report.lines).toBe(2);
    expect(report.edges).toBe(2);
    expect(report.skipped).toEqual([
      { feature: 1, reason: 'null geometry' },
      { feature: 2, reason: 'Point geometry (only LineString and MultiLineString are read)' },
      { feature: 3, reason: 'geometry.coordinates: fewer than two distinct positions' },
    ]);
  });

  it('names the file, feature and field of malformed input', () => {
    const opts = { id: 't', mode: 'rail' as const, source: SOURCE };
    expect(() => importLineNetwork({ type: 'Feature' }, opts)).toThrow(
      /test\.geojson: expected a GeoJSON FeatureCollection/,
    );
    expect(() =>
      importLineNetwork(
        fc(
          line([
            [0, 0],
            [1, 0],
          ]),
          line([
            [0, 0],
            [200, 0],
          ]),
        ),
        opts,
      ),
    ).toThrow(/test\.geojson: features\[1\]\.geometry\.coordinates\[1\] = \[200,0\]: expected \[lon, lat\]/);
    expect(() => importLineNetwork(fc({ type: 'Thing' }), opts)).toThrow(
      /features\[0\]: expected a GeoJSON Feature/,
    );
    expect(() => importLineNetwork(fc(), { ...opts, snapKm: -1 })).toThrow(LineNetworkError);
    expect(() => importLineNetwork(fc(), { ...opts, mode: 'sea', gauge: 1520 })).toThrow(
      /only a rail network/,
    );
  });
});

describe('overlay files and tag calendars', () => {
  it('round-trips an overlay through JSON and rejects a broken one', () => {
    const { overlay } = importLineNetwork(
      fc(
        line([
          [0, 0],
          [1, 0],
        ]),
      ),
      { id: 't', mode: 'river', source: SOURCE },
    );
    const back = overlayFromJson(JSON.parse(JSON.stringify(overlayToJson(overlay))), 'o.json');
    expect(back).toEqual(overlay);
    const broken = overlayToJson(overlay) as { edges: { to: number[] } };
    broken.edges.to[0] = 9;
    expect(() => overlayFromJson(broken, 'o.json')).toThrow(
      /o\.json: overlay t: edges\.to\[0\] = 9 is not a node index in 0…1/,
    );
    expect(() => overlayFromJson({ id: 'x' }, 'o.json')).toThrow(
      /^o\.json: overlay x: mode: invalid value nothing \(valid: "rail", "road", "sea", "river"\)\no\.json: overlay x: nodes: missing/,
    );
    try {
      overlayFromJson({ ...(overlayToJson(overlay) as object), mode: 'air' }, 'o.json');
    } catch (e) {
      expect(e).toMatchObject({ file: 'o.json', record: 'overlay t', field: 'mode' });
    }
    const negative = overlayToJson(overlay) as { edges: { km: number[] } };
    negative.edges.km = Array.from({ length: 12 }, () => -1);
    const lines = (() => {
      try {
        overlayFromJson(negative, 'o.json');
      } catch (e) {
        return (e as Error).message.split('\n');
      }
    })();
    expect(lines?.[0]).toMatch(/^o\.json: overlay t: edges\.km\[0\]: .*\(minimum 0\)$/);
    expect(lines?.slice(10)).toEqual(['o.json: … and 2 more problems']);
    expect.assertions(6);
  });

  it('reads gzip and plain GeoJSON files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-geojson-'));
    const data = fc(
      line([
        [0, 0],
        [1, 0],
      ]),
    );
    writeFileSync(join(dir, 'a.geojson'), JSON.stringify(data));
    writeFileSync(join(dir, 'a.geojson.gz'), gzipSync(JSON.stringify(data)));
    writeFileSync(join(dir, 'bad.geojson'), '{ nope');
    expect(readGeoJsonFile(join(dir, 'a.geojson'))).toEqual(data);
    expect(readGeoJsonFile(join(dir, 'a.geojson.gz'))).toEqual(data);
    expect(() => readGeoJsonFile(join(dir, 'bad.geojson'))).toThrow(/bad\.geojson: not valid JSON/);
    expect(() => readGeoJsonFile(join(dir, 'missing.geojson'))).toThrow(
      /missing\.geojson: cannot read \(ENOENT\)/,
    );
  });

  it('loads the shipped passage calendars (the Northern Sea Route is seasonal, with sources)', () => {
    const { tags, sources } = loadTagCalendars();
    expect(tags.northeast.seasons?.[0]).toMatchObject({ from: '07-01', to: '11-15' });
    expect(tags.northwest.seasons?.length).toBe(1);
    expect(sources.length).toBeGreaterThanOrEqual(3);
  });

  it('rejects a calendar citing an undefined source, naming the file and tag', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-tags-'));
    const file = join(dir, 'tags.yaml');
    writeFileSync(
      file,
      'tags:\n  suez:\n    closures: [{ from: "2021-03-23", to: "2021-03-29", sources: [nope] }]\n    sources: [nope]\n',
    );
    expect(() => loadTagCalendars(file)).toThrow(/tags\.yaml: tags\.suez: source "nope" is not defined/);
    writeFileSync(file, 'tags:\n  suez:\n    seasons: [{ from: "13-01", to: "01-01" }]\n');
    expect(() => loadTagCalendars(file)).toThrow(
      /tags\.yaml: tags\.suez: seasons\[0\]\.from: "13-01" is not valid \(expected /,
    );
    writeFileSync(file, 'sources: [{ id: s }]\ntags: {}\n');
    expect(() => loadTagCalendars(file)).toThrow(/tags\.yaml: sources\[0\]: title: missing/);
  });
});

// ---------------------------------------------------------------- the Eurasian graph on real data

/**
 * Published distances used below:
 * - Trans-Siberian timetable km from Moscow (kolejtranssyberyjska.pl, "Between Moscow and the Pacific Ocean –
 *   the trans-Siberian route", atlas source `kolej-trans-siberian`): Irkutsk 5,153, Khabarovsk 8,493,
 *   Vladivostok 9,259 (headline 9,288); Moscow–Zabaykalsk 6,626 (same site, "the trans-Manchurian trail").
 * - Sea, Europe ↔ Far East (Valdai Club infographic "The Northern Sea Route and its impact on world trade",
 *   https://valdaiclub.com/multimedia/infographics/the-northern-sea-route-and-its-impact-on-world-tra/):
 *   St Petersburg–Vladivostok 23,200 km via Suez, 14,280 km via the NSR (40% shorter). Shanghai, Yokohama and
 *   Busan → Rotterdam: the NSR saves 25–37% over Suez (cntracking.com, "In Depth: Sailing Through North").
 */
describeShared('the Eurasian multimodal graph (OSM Russian railways + MARNET 20 km + atlas)', () => {
  let built: {
    overlays: LineNetworkOverlay[];
    reports: ImportReport[];
    net: Network;
    atlasOnly: Network;
  };
  const build = () => {
    if (!built) {
      const { atlas } = loadAtlas();
      const { overlays, reports } = importEurasianNetworks(SHARED_DATA_DIR, atlas);
      const profile = loadProfile();
      built = {
        overlays,
        reports,
        net: compileNetwork(atlas, profile, { overlays }),
        atlasOnly: compileNetwork(atlas, profile),
      };
    }
    return built;
  };

  /** Shortest rail km between two places over rail links, crossings and gauge changes in `countries` (overlay junctions count as inside). */
  function railKm(net: Network, a: string, b: string, countries: string[]): number {
    const inside = (v: number) =>
      net.nodePlace[v] < 0 || countries.includes(net.places[net.nodePlace[v]].country);
    const from: number[] = [];
    const to: number[] = [];
    const weight: number[] = [];
    for (let e = 0; e < net.edgeCount; e++) {
      const k = net.kind[e];
      const usable = k === EDGE_KIND.link || k === EDGE_KIND.crossing || k === EDGE_KIND['gauge-change'];
      if (net.mode[e] === MODE_CODE.rail && usable && inside(net.tail[e]) && inside(net.targets[e])) {
        from.push(net.tail[e]);
        to.push(net.targets[e]);
        weight.push(net.km[e]);
      }
    }
    const sp = new StaticShortestPath(buildCsr(net.nodeCount, { from, to, weight }));
    const railNodes = (id: string) => {
      const p = net.placeIndex.get(id);
      expect(p, `place ${id} in the atlas`).toBeDefined();
      const out: number[] = [];
      for (let v = 0; v < net.nodeCount; v++)
        if (net.nodePlace[v] === p && net.nodeMode[v] === MODE_CODE.rail) out.push(v);
      return out;
    };
    let best = Number.POSITIVE_INFINITY;
    for (const s of railNodes(a))
      for (const t of railNodes(b)) best = Math.min(best, sp.dijkstra(s, t).distance);
    return best;
  }

  const within = (value: number, published: number, share: number) =>
    expect(
      Math.abs(value - published) / published,
      `${value.toFixed(0)} km vs ${published} km`,
    ).toBeLessThanOrEqual(share);

  it('imports both networks: mostly one rail component, one sea component, joined to the atlas', () => {
    const { reports } = build();
    const [rail, sea] = reports;
    expect(rail.components.largestShare).toBeGreaterThan(0.95);
    expect(rail.snapping.toSegment + rail.snapping.toVertex).toBeGreaterThan(300);
    for (const id of ['vladivostok', 'khabarovsk', 'irkutsk', 'moscow', 'zabaykalsk', 'grodekovo']) {
      expect(rail.joins.map((j) => j.place)).toContain(id);
    }
    // a 1435 mm station across the Amur is reached through its crossing, never by a join
    expect(rail.joins.map((j) => j.place)).not.toContain('heihe');
    expect(sea.components.count).toBe(1);
    expect(sea.tags.northeast).toBeGreaterThan(0);
    for (const id of ['vladivostok', 'rotterdam', 'hamburg', 'shanghai', 'busan']) {
      expect(sea.joins.map((j) => j.place)).toContain(id);
    }
  }, 120_000);

  it('gives Trans-Siberian rail distances within published ranges and close to the atlas-only network', () => {
    const { net, atlasOnly } = build();
    const cases: [string, string, number, number][] = [
      ['vladivostok', 'khabarovsk', 9259 - 8493, 0.02],
      ['vladivostok', 'irkutsk', 9259 - 5153, 0.02],
      ['zabaykalsk', 'moscow', 6626, 0.05],
      // the shortest path leaves the historical Trans-Siberian (via Perm, Yekaterinburg, Tyumen) for the
      // Kazan and Kurgan–Petropavl lines: a few % shorter than the timetable chainage
      ['vladivostok', 'moscow', 9259, 0.05],
    ];
    for (const [a, b, published, share] of cases) {
      const km = railKm(net, a, b, ['RU']);
      within(km, published, share);
      const atlasKm = railKm(atlasOnly, a, b, ['RU']);
      if (Number.isFinite(atlasKm)) within(km, atlasKm, 0.05);
    }
  }, 120_000);

  it('routes Vladivostok → Rotterdam by sea over the Northern Sea Route in August and via Suez in January', () => {
    const { net } = build();
    const summer = route(net, {
      from: 'vladivostok',
      to: 'rotterdam',
      date: '2024-08-01',
      modes: ['sea'],
      optimize: 'time',
    });
    const winter = route(net, {
      from: 'vladivostok',
      to: 'rotterdam',
      date: '2024-01-15',
      modes: ['sea'],
      optimize: 'time',
    });
    const nsrKm = summer.itineraries[0].totals.km;
    const suezKm = winter.itineraries[0].totals.km;
    expect(nsrKm).toBeGreaterThan(12_500);
    expect(nsrKm).toBeLessThan(15_000);
    expect(suezKm).toBeGreaterThan(19_500);
    expect(suezKm).toBeLessThan(23_500);
    const saving = 1 - nsrKm / suezKm;
    expect(saving).toBeGreaterThan(0.25);
    expect(saving).toBeLessThan(0.45);
  }, 120_000);

  it('closes the NSR on the sea overlay alone when its tag is excluded (no other Arctic short cut)', () => {
    const { overlays } = build();
    const sea = overlays[1];
    const km = (excluded: string[]) => {
      const keep = [...sea.edges.km.keys()].filter((e) => !excluded.includes(sea.tags[sea.edges.tag[e]]));
      const g = buildCsr(
        sea.nodes.lon.length,
        {
          from: keep.map((e) => sea.edges.from[e]),
          to: keep.map((e) => sea.edges.to[e]),
          weight: keep.map((e) => sea.edges.km[e]),
        },
        { undirected: true },
      );
      const node = (id: string) => sea.joins.find((j) => j.place === id)!.node;
      return new StaticShortestPath(g, g).dijkstra(node('busan'), node('rotterdam')).distance;
    };
    const open = km([]);
    const closed = km(['northeast', 'northwest']);
    const saving = 1 - open / closed;
    expect(saving).toBeGreaterThan(0.2);
    expect(saving).toBeLessThan(0.42);
  }, 120_000);
});
