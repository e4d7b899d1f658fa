import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../../test/cli.ts';
import { loadAtlas } from '../atlas/load.ts';
import type { Leg } from '../routing/schema.ts';

const MINI = 'src/atlas/fixtures/mini';

/** A tiny 1520 mm line through Ussuriysk (131.95, 43.8) to Vladivostok (131.9, 43.1333), plus a branch that misses it by ~300 m. */
function writeNetwork(): string {
  const dir = mkdtempSync(join(tmpdir(), 'amur-cli-network-'));
  const file = join(dir, 'lines.geojson');
  const line = (coordinates: number[][]) => ({
    type: 'Feature',
    properties: {},
    geometry: { type: 'LineString', coordinates },
  });
  writeFileSync(
    file,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        line([
          [131.95, 43.81],
          [131.92, 43.5],
          [131.9, 43.14],
        ]),
        line([
          [131.9227, 43.5],
          [132.3, 43.4],
        ]),
      ],
    }),
  );
  return file;
}

describe('amur network import', () => {
  it('prints the report as JSON, joins atlas stations and writes the overlay', async () => {
    const file = writeNetwork();
    const out = join(mkdtempSync(join(tmpdir(), 'amur-cli-out-')), 'overlay.json');
    const { code, json } = await runCliJson<{
      nodes: number;
      edges: number;
      snapping: { toVertex: number; toSegment: number };
      components: { count: number };
      joins: { place: string }[];
      otherGauge: string[];
    }>([
      'network',
      'import',
      file,
      '--mode',
      'rail',
      '--gauge',
      '1520',
      '--dir',
      MINI,
      '--out',
      out,
      '--json',
    ]);
    expect(code).toBe(0);
    expect(json.snapping.toVertex + json.snapping.toSegment).toBe(1);
    expect(json.components.count).toBe(1);
    // grodekovo and suifenhe are ~70 km away, beyond the 20 km join radius
    expect(json.joins.map((j) => j.place).sort()).toEqual(['ussuriysk', 'vladivostok']);
    expect(json.otherGauge).toEqual(['harbin']);
    const overlay = JSON.parse(readFileSync(out, 'utf8'));
    expect(overlay.mode).toBe('rail');
    expect(overlay.edges.from.length).toBe(json.edges);
    expect(overlay.nodes.lon.length).toBe(json.nodes);
  });

  it('prints a readable report', async () => {
    const r = await runCli([
      'network',
      'import',
      writeNetwork(),
      '--mode',
      'rail',
      '--dir',
      MINI,
      '--join-km',
      '5',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/rail network/);
    expect(r.stdout).toMatch(/components: 1 — largest \d+ nodes \(100\.0%\)/);
    expect(r.stdout).toMatch(
      /1 snapped to a vertex, 0 onto a segment|0 snapped to a vertex, 1 onto a segment/,
    );
    expect(r.stdout).toMatch(/ussuriysk\s+→ node/);
  });

  it('names the bad option or file', async () => {
    const bad = await runCli([
      'network',
      'import',
      writeNetwork(),
      '--mode',
      'rail',
      '--snap-km',
      'x',
      '--dir',
      MINI,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--snap-km "x" is not a distance in km/);
    const missing = await runCli([
      'network',
      'import',
      '/nonexistent.geojson',
      '--mode',
      'sea',
      '--dir',
      MINI,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/\/nonexistent\.geojson: cannot read \(ENOENT\)/);
    const gauge = await runCli([
      'network',
      'import',
      writeNetwork(),
      '--mode',
      'sea',
      '--gauge',
      '1520',
      '--dir',
      MINI,
    ]);
    expect(gauge.code).toBe(2);
    expect(gauge.stderr).toMatch(/only a rail network has a gauge/);
  });
});

describe('amur network import-osm / list', () => {
  /** A 1520 mm line and a trunk road near Ussuriysk and Vladivostok, with a border-control node. */
  function writeOsm(): string {
    const dir = mkdtempSync(join(tmpdir(), 'amur-cli-osm-'));
    const file = join(dir, 'primorye.osm');
    writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="amur-test">
<node id="1" version="1" lat="43.8" lon="131.95"/>
<node id="2" version="1" lat="43.5" lon="131.93"><tag k="barrier" v="border_control"/></node>
<node id="3" version="1" lat="43.1333" lon="131.9"/>
<way id="10" version="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="railway" v="rail"/><tag k="gauge" v="1520"/></way>
<way id="11" version="1"><nd ref="1"/><nd ref="3"/><tag k="highway" v="trunk"/><tag k="oneway" v="yes"/></way>
</osm>
`,
    );
    return file;
  }

  it('imports into the networks directory, snaps atlas places, and lists the manifest', async () => {
    const nets = mkdtempSync(join(tmpdir(), 'amur-cli-nets-'));
    const env = { AMUR_NETWORKS_DIR: nets };
    const { code, json } = await runCliJson<{
      path: string;
      manifest: { counts: { edges: number; borderNodes: number }; licence: string };
      snap: { snaps: { place: string; profile: string; km: number }[] };
    }>(['network', 'import-osm', writeOsm(), '--out', 'primorye', '--dir', MINI, '--json'], { env });
    expect(code).toBe(0);
    expect(json.path).toBe(join(nets, 'primorye'));
    expect(json.manifest.counts.borderNodes).toBe(1);
    expect(json.manifest.counts.edges).toBe(3);
    expect(json.manifest.licence).toContain('OpenStreetMap contributors');
    const snapped = json.snap.snaps.map((s) => `${s.place}/${s.profile}`);
    expect(snapped).toContain('vladivostok/rail-1520');
    expect(snapped).toContain('ussuriysk/truck');
    const list = await runCli(['network', 'list'], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^primorye\s+3 vertices, 3 edges/m);
    expect(list.stdout).toContain('© OpenStreetMap contributors, ODbL');
    const listed = await runCliJson<{ name: string; sources: { file: string }[] }[]>(
      ['network', 'list', '--json'],
      { env },
    );
    expect(listed.json.map((m) => m.name)).toEqual(['primorye']);
  });

  it('says what is wrong with a bad name, clip or file', async () => {
    const env = { AMUR_NETWORKS_DIR: mkdtempSync(join(tmpdir(), 'amur-cli-nets-')) };
    const name = await runCli(['network', 'import-osm', writeOsm(), '--out', 'Bad Name'], { env });
    expect(name.code).toBe(2);
    expect(name.stderr).toMatch(/network name "Bad Name" is not valid/);
    const clip = await runCli(['network', 'import-osm', writeOsm(), '--out', 'x', '--clip', '1,2,3'], {
      env,
    });
    expect(clip.code).toBe(2);
    expect(clip.stderr).toMatch(/--clip 1,2,3: expected a \.poly or \.geojson polygon file, or a bbox/);
    const missing = await runCli(['network', 'import-osm', '/nonexistent.osm.pbf', '--out', 'x'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/\/nonexistent\.osm\.pbf: no such file/);
    const none = await runCli(['network', 'list'], { env });
    expect(none.stdout).toMatch(/no imported networks/);
  });
});

describe('amur route --network: a link measured on an imported OSM network', () => {
  it('reports the measured km and the real line of the link the network covers', async () => {
    const { atlas } = loadAtlas();
    const at = (id: string) => atlas.places.find((p) => p.id === id)!.coords;
    const [ux, uy] = at('ussuriysk');
    const [gx, gy] = at('grodekovo');
    const bend: [number, number] = [(ux + gx) / 2, (uy + gy) / 2 + 0.1];
    const dir = mkdtempSync(join(tmpdir(), 'amur-cli-route-net-'));
    const file = join(dir, 'ussuri.osm');
    writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="amur-test">
<node id="1" version="1" lat="${uy}" lon="${ux}"/>
<node id="2" version="1" lat="${bend[1]}" lon="${bend[0]}"/>
<node id="3" version="1" lat="${gy}" lon="${gx}"/>
<way id="10" version="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="railway" v="rail"/><tag k="gauge" v="1520"/></way>
</osm>
`,
    );
    const env = { AMUR_NETWORKS_DIR: join(dir, 'nets') };
    const imported = await runCliJson<{ manifest: { counts: { kmByClass: { rail: number } } } }>(
      ['network', 'import-osm', file, '--out', 'ussuri', '--json'],
      { env },
    );
    expect(imported.code).toBe(0);
    const railKm = imported.json.manifest.counts.kmByClass.rail;
    const args = ['route', 'harbin', 'vladivostok', '--modes', 'rail', '--date', '2025-06-01', '--json'];
    const r = await runCliJson<{ itineraries: { legs: Leg[] }[] }>([...args, '--network', 'ussuri'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/network ussuri: 1 road\/rail link\(s\) measured/);
    const leg = r.json.itineraries[0].legs.find((l) => l.linkIds.includes('ussuriysk-grodekovo-rail'))!;
    expect(leg.geometryKind).toBe('measured');
    expect(leg.km).toBeCloseTo(railKm, 1);
    const near = (p: number[]) => Math.abs(p[0] - bend[0]) < 1e-6 && Math.abs(p[1] - bend[1]) < 1e-6;
    expect(leg.geometry!.coordinates.some(near)).toBe(true);
  });
});
