import { createRequire } from 'node:module';
import type { Geometry, MultiPolygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import { describe, expect, it } from 'vitest';
import {
  BASEMAP_DECIMALS,
  buildBasemap,
  LIGHT,
  LIGHT_DECIMALS,
  LIGHT_FAR_TOLERANCE,
  LIGHT_TOLERANCE,
  roundGeometry,
} from './basemap-build.ts';

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

describe('the light basemap (drawn below DETAIL_ZOOM)', () => {
  const light = buildBasemap(topo, LIGHT);
  const points = (fc: typeof basemap, pick = (_: (typeof basemap.features)[number]) => true) =>
    fc.features.filter(pick).flatMap((f) => rings(f.geometry).flat());
  const country = (fc: typeof basemap, iso: string) => fc.features.find((f) => f.properties.iso === iso)!;

  it('keeps every large country, the boundaries and the coastline, with under a third of the points', () => {
    const isos = (fc: typeof basemap) =>
      new Set(fc.features.filter((f) => f.properties.layer === 'country').map((f) => f.properties.iso));
    for (const iso of ['156', '643', '496', '408', '410', '392', '840', '076'])
      expect(isos(light)).toContain(iso);
    expect(light.features.filter((f) => f.properties.layer === 'boundary')).toHaveLength(1);
    expect(light.features.filter((f) => f.properties.layer === 'coast')).toHaveLength(1);
    expect(points(light).length).toBeLessThan(points(basemap).length / 3);
    expect(JSON.stringify(light).length).toBeLessThan(JSON.stringify(basemap).length / 3);
  });

  it('rounds to its decimals and draws no ring across the antimeridian', () => {
    const scale = 10 ** LIGHT_DECIMALS;
    for (const p of points(light)) expect(Math.round(p[0] * scale) / scale).toBe(p[0]);
    for (const f of light.features.filter(
      (f) => f.properties.layer === 'country' && f.properties.iso !== '010',
    ))
      for (const r of rings(f.geometry))
        for (let i = 1; i < r.length; i++) expect(Math.abs(r[i][0] - r[i - 1][0])).toBeLessThanOrEqual(180);
  });

  it('departs from the full outline by at most its tolerance plus rounding (Mongolia near the region, Hungary far)', () => {
    const rounding = 0.5 * 10 ** -LIGHT_DECIMALS * Math.SQRT2 + 0.5 * 10 ** -BASEMAP_DECIMALS * Math.SQRT2;
    for (const [iso, tolerance] of [
      ['496', LIGHT_TOLERANCE],
      ['348', LIGHT_FAR_TOLERANCE],
    ] as const) {
      const segments = rings(country(light, iso).geometry).flatMap((r) =>
        r.slice(1).map((b, i) => [r[i], b] as const),
      );
      let worst = 0;
      for (const p of points(basemap, (f) => f.properties.iso === iso))
        worst = Math.max(worst, Math.min(...segments.map(([a, b]) => segmentDistance(p, a, b))));
      expect(worst, iso).toBeLessThanOrEqual(tolerance + rounding);
      expect(worst, iso).toBeGreaterThan(0);
    }
  });

  it('keeps one shared border: along the Amur, Ussuri and Tumen every boundary point is a corner of both countries', () => {
    const inBox = (p: Position) => p[0] >= 115 && p[0] <= 135 && p[1] >= 40 && p[1] <= 54;
    const owners = new Map<string, number>();
    for (const f of light.features.filter((f) => f.properties.layer === 'country'))
      for (const key of new Set(
        rings(f.geometry)
          .flat()
          .map((p) => `${p[0]},${p[1]}`),
      ))
        owners.set(key, (owners.get(key) ?? 0) + 1);
    const border = points(light, (f) => f.properties.layer === 'boundary').filter(inBox);
    expect(border.length).toBeGreaterThan(200);
    expect(border.filter((p) => (owners.get(`${p[0]},${p[1]}`) ?? 0) < 2)).toEqual([]);
  });
});

/** Distance (degrees, planar) from p to the segment ab. */
function segmentDistance(p: Position, a: Position, b: Position): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

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
