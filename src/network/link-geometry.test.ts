import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAtlas } from '../atlas/load.ts';
import { type LinkGeometryLayer, linkDetail, loadLinkGeometry, shareOfEstimatedKm } from './link-geometry.ts';

const MINI = 'src/atlas/fixtures/mini';

function layer(features: LinkGeometryLayer['features']): LinkGeometryLayer {
  return {
    type: 'FeatureCollection',
    metadata: { title: 't', builtBy: 'test', builtAt: '2026-12-04', datasets: [], notMeasured: [] },
    features,
  };
}

const line = (id: string, km: number): LinkGeometryLayer['features'][number] => ({
  type: 'Feature',
  id,
  properties: { link: id, mode: 'rail', km, source: 's', dataset: 'test lines', licence: 'CC0', method: 'm' },
  geometry: {
    type: 'LineString',
    coordinates: [
      [131.95, 43.8],
      [132.0, 43.5],
      [131.9, 43.1333],
    ],
  },
});

describe('link geometry layer', () => {
  const { atlas } = loadAtlas(MINI);

  it('replaces an estimated km by the measured one and keeps a published km, both with their line', () => {
    const d = linkDetail(
      atlas,
      layer([line('ussuriysk-vladivostok-rail', 120.5), line('harbin-suifenhe-rail', 560)]),
    );
    // estimate in the atlas (112 km): the measured km stands in
    expect(d.get('ussuriysk-vladivostok-rail')).toMatchObject({
      km: 120.5,
      measuredKm: 120.5,
      measured: true,
    });
    // published (548 km): stays the link's km, drawn along the line
    expect(d.get('harbin-suifenhe-rail')).toMatchObject({ km: 548, measuredKm: 560, measured: true });
    expect(d.get('harbin-suifenhe-rail')!.coords).toHaveLength(3);
    // a line for a link the atlas does not have is ignored
    expect(linkDetail(atlas, layer([line('no-such-link', 10)])).size).toBe(0);
  });

  it('gives the share of estimated freight km with and without the layer', () => {
    const before = shareOfEstimatedKm(atlas, null);
    const after = shareOfEstimatedKm(atlas, layer([line('ussuriysk-vladivostok-rail', 120.5)]));
    expect(before.share).toBeGreaterThan(after.share);
    expect(before.estimatedKm - after.estimatedKm).toBeCloseTo(112, 6);
  });

  it('names the feature and field of a bad layer file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-linkgeom-'));
    const file = join(dir, 'links.geojson');
    const bad = layer([line('ussuriysk-vladivostok-rail', 120.5)]);
    (bad.features[0].properties as { km: number }).km = -3;
    writeFileSync(file, JSON.stringify(bad));
    expect(() => loadLinkGeometry(file)).toThrow(
      /links\.geojson: feature 0, field properties\.km: .*scripts\/build-link-geometry\.ts/,
    );
  });

  it('ships a layer that parses and covers Russian rail, river and sea links', () => {
    const shipped = loadLinkGeometry()!;
    const modes = new Set(shipped.features.map((f) => f.properties.mode));
    expect([...modes].sort()).toEqual(['rail', 'river', 'sea']);
    expect(shipped.metadata.datasets.map((d) => d.licence)).toContain(
      'ODbL 1.0, © OpenStreetMap contributors',
    );
  });
});
