import { createRequire } from 'node:module';
import type { Geometry, MultiPolygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import { describe, expect, it } from 'vitest';
import { BASEMAP_DECIMALS, buildBasemap, roundGeometry } from './basemap-build.ts';

const require = createRequire(import.meta.url);
const topo = require('world-atlas/countries-50m.json');
const basemap = buildBasemap(topo);

const rings = (g: Geometry): Position[][] =>
  g.type === 'Polygon'
    ? g.coordinates
    : g.type === 'MultiPolygon'
      ? g.coordinates.flat()
      : g.type === 'MultiLineString'
        ? g.coordinates
        : g.type === 'LineString'
          ? [g.coordinates]
          : [];

describe('the built basemap', () => {
  it('has every country with its ISO code, the boundaries and the coastline', () => {
    const countries = basemap.features.filter((f) => f.properties.layer === 'country');
    expect(countries.length).toBe(
      topo.objects.countries.geometries.filter((g: { type: string | null }) => g.type).length,
    );
    const byIso = new Map(countries.map((f) => [f.properties.iso, f]));
    expect(byIso.get('156')?.properties.name).toBe('China');
    expect(byIso.get('643')?.properties.name).toBe('Russia');
    expect(basemap.features.filter((f) => f.properties.layer === 'boundary')).toHaveLength(1);
    expect(basemap.features.filter((f) => f.properties.layer === 'coast')).toHaveLength(1);
  });

  it('keeps each polygon a polygon (rings of positions), with as many parts as the source', () => {
    const source = feature(topo, topo.objects.countries) as unknown as {
      features: { id: string; geometry: MultiPolygon }[];
    };
    const russia = source.features.find((f) => f.id === '643')!;
    const built = basemap.features.find((f) => f.properties.iso === '643')!.geometry as MultiPolygon;
    expect(built.type).toBe('MultiPolygon');
    expect(built.coordinates.length).toBe(russia.geometry.coordinates.length);
    for (const polygon of built.coordinates)
      for (const ring of polygon) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        for (const p of ring) expect(p).toHaveLength(2);
      }
  });

  it('draws no country ring across the antimeridian (Chukotka stays east of 180°)', () => {
    let jumps = 0;
    // Antarctica's ring goes round the whole globe: it cannot be unwrapped and is left as it is
    for (const f of basemap.features.filter(
      (f) => f.properties.layer === 'country' && f.properties.iso !== '010',
    ))
      for (const r of rings(f.geometry))
        for (let i = 1; i < r.length; i++) if (Math.abs(r[i][0] - r[i - 1][0]) > 180) jumps++;
    expect(jumps).toBe(0);
    const russia = basemap.features.find((f) => f.properties.iso === '643')!;
    expect(
      Math.max(
        ...rings(russia.geometry)
          .flat()
          .map((p) => p[0]),
      ),
    ).toBeGreaterThan(180);
  });

  it('rounds coordinates and drops repeated points', () => {
    const scale = 10 ** BASEMAP_DECIMALS;
    let unrounded = 0;
    let repeated = 0;
    let points = 0;
    for (const f of basemap.features)
      for (const r of rings(f.geometry))
        for (let i = 0; i < r.length; i++) {
          points++;
          if (
            Math.round(r[i][0] * scale) / scale !== r[i][0] ||
            Math.round(r[i][1] * scale) / scale !== r[i][1]
          )
            unrounded++;
          if (i > 0 && r[i][0] === r[i - 1][0] && r[i][1] === r[i - 1][1]) repeated++;
        }
    expect(points).toBeGreaterThan(100_000);
    expect(unrounded).toBe(0);
    expect(repeated).toBe(0);
  });
});

describe('roundGeometry', () => {
  it('keeps the nesting of multi-geometries and drops what collapses', () => {
    expect(
      roundGeometry({
        type: 'MultiLineString',
        coordinates: [
          [
            [1.00011, 2],
            [1.0002, 2],
          ],
          [
            [0, 0],
            [1, 1.23456],
          ],
        ],
      }),
    ).toEqual({
      type: 'MultiLineString',
      coordinates: [
        [
          [0, 0],
          [1, 1.235],
        ],
      ],
    });
    const square = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ];
    const tiny = [
      [5, 5],
      [5.0001, 5],
      [5, 5.0001],
      [5, 5],
    ];
    expect(roundGeometry({ type: 'MultiPolygon', coordinates: [[square], [tiny]] })).toEqual({
      type: 'MultiPolygon',
      coordinates: [[square]],
    });
  });
});
