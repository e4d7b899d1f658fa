import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../../test/cli.ts';

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
