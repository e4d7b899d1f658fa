import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { loadAtlas } from '../atlas/load.ts';
import { loadProfile } from '../costs/profile.ts';
import { compileNetwork } from '../network/compile.ts';
import { type LinkDetail, loadLinkGeometry } from '../network/link-geometry.ts';
import { route } from '../routing/index.ts';
import { legsToGeoJson, withLegGeometry } from './geometry.ts';

describe('leg geometry', () => {
  const { atlas } = loadAtlas();
  const profile = loadProfile();
  const query = { from: 'harbin', to: 'vladivostok', date: '2025-06-01', optimize: 'time' as const };
  const coordsOf = (id: string) => atlas.places.find((p) => p.id === id)!.coords;

  it('draws every leg straight and schematic when no link has a line', () => {
    const net = compileNetwork(atlas, profile, { linkDetail: null });
    const legs = route(net, query).itineraries[0].legs;
    expect(legs.length).toBeGreaterThan(0);
    for (const leg of legs) {
      expect(leg.geometryKind).toBe('schematic');
      const c = leg.geometry!.coordinates;
      expect(c[0]).toEqual(coordsOf(leg.from));
      expect(c[c.length - 1]).toEqual(coordsOf(leg.to));
    }
  });

  it('follows the measured lines of a leg, takes their km for estimated links and says it is measured', () => {
    const plain = route(compileNetwork(atlas, profile, { linkDetail: null }), query).itineraries[0].legs;
    const target = plain.find((l) => l.linkIds.length > 0)!;
    const detail = new Map<string, LinkDetail>();
    const bends: [number, number][] = [];
    for (const id of target.linkIds) {
      const link = atlas.links.find((l) => l.id === id)!;
      const a = coordsOf(link.from);
      const b = coordsOf(link.to);
      const bend: [number, number] = [(a[0] + b[0]) / 2 + 0.01, (a[1] + b[1]) / 2 + 0.01];
      bends.push(bend);
      const km = Math.round(link.length.km * 0.95);
      detail.set(id, { coords: [a, bend, b], measuredKm: km, km, measured: true, source: 'test line (CC0)' });
    }
    const legs = route(compileNetwork(atlas, profile, { linkDetail: detail }), query).itineraries[0].legs;
    const leg = legs.find((l) => l.linkIds.join() === target.linkIds.join())!;
    expect(leg.geometryKind).toBe('measured');
    for (const b of bends) expect(leg.geometry!.coordinates).toContainEqual(b);
    expect(leg.estimatedLength).toBe(false);
    const expectedKm = target.linkIds.reduce((s, id) => s + detail.get(id)!.km, 0);
    expect(leg.km).toBeCloseTo(expectedKm, 1);
    const fc = legsToGeoJson(legs);
    expect(fc.features.map((f) => f.properties.geometryKind)).toContain('measured');
  });

  it('keeps a leg across the antimeridian continuous (no jump from +180° to −180°)', () => {
    // a link of the shipped layer whose line crosses the antimeridian (the Northern Sea Route via the Bering Strait)
    const crossing = loadLinkGeometry()!.features.find((f) =>
      f.geometry.coordinates.some((p, i, c) => i > 0 && Math.abs(p[0] - c[i - 1][0]) > 180),
    );
    expect(crossing, 'a link line across the antimeridian').toBeDefined();
    const link = atlas.links.find((l) => l.id === crossing!.id)!;
    const net = compileNetwork(atlas, profile);
    const legs = withLegGeometry(net, [
      {
        mode: 'sea',
        from: link.from,
        to: link.to,
        fromName: '',
        toName: '',
        km: 0,
        depart: '',
        arrive: '',
        waitHours: 0,
        costUsd: 0,
        co2eKg: 0,
        line: null,
        corridor: null,
        linkId: link.id,
        linkIds: [link.id],
        crossing: null,
        estimatedLength: false,
      },
    ]);
    expect(legs[0].geometryKind).toBe('measured');
    const c = legs[0].geometry!.coordinates;
    for (let i = 1; i < c.length; i++) expect(Math.abs(c[i][0] - c[i - 1][0])).toBeLessThanOrEqual(180);
    expect(Math.max(...c.map((p) => Math.abs(p[0])))).toBeGreaterThan(180);
  });
});

describe('amur route --format geojson', () => {
  it('writes a FeatureCollection of LineStrings with the measured/schematic marker and a credit', async () => {
    const r = await runCli(['route', 'harbin', 'vladivostok', '--date', '2025-06-01', '--format', 'geojson']);
    expect(r.code).toBe(0);
    const fc = JSON.parse(r.stdout);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) {
      expect(f.geometry.type).toBe('LineString');
      expect(['measured', 'schematic']).toContain(f.properties.geometryKind);
    }
    // the shipped layer gives the Russian rail legs their real line
    expect(
      fc.features.some(
        (f: { properties: { geometryKind: string } }) => f.properties.geometryKind === 'measured',
      ),
    ).toBe(true);
    expect(typeof fc.attribution).toBe('string');
  });
});
