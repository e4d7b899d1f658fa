import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { booleanClockwise } from '@turf/turf';
import type { LineString, MultiLineString, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { csvField } from '../csv-field.ts';
import { parseCsvRecords } from '../trade/csv.ts';
import {
  atlasRows,
  atlasToCsv,
  atlasToGeoJSON,
  EXPORT_COLUMNS,
  EXPORT_KINDS,
  splitAtAntimeridian,
} from './export.ts';
import { loadAtlas } from './load.ts';
import type { Atlas } from './schema.ts';

const MINI = fileURLToPath(new URL('./fixtures/mini/', import.meta.url));
const mini = loadAtlas(MINI).atlas;

/** The CSV as rows of fields, header first (read by the one small-CSV reader, RFC 4180). */
function parseCsv(text: string): string[][] {
  const { header, records } = parseCsvRecords(text);
  return [header, ...records.map((r) => r.cells)];
}

describe('atlasToGeoJSON', () => {
  const fc = atlasToGeoJSON(mini);
  const byId = new Map(fc.features.map((f) => [f.id, f]));

  it('is a FeatureCollection of every record with a geometry, id = record id', () => {
    expect(fc.type).toBe('FeatureCollection');
    const n =
      mini.places.length +
      mini.crossings.length +
      mini.links.length +
      mini.zones.length +
      mini.corridors.length;
    expect(fc.features).toHaveLength(n);
    for (const f of fc.features) {
      expect(f.type).toBe('Feature');
      expect(f.properties?.id).toBe(f.id);
    }
  });

  it('writes positions as [lon, lat] (RFC 7946)', () => {
    const heihe = byId.get('heihe')!.geometry as Point;
    expect(heihe).toEqual({ type: 'Point', coordinates: [127.4833, 50.2333] });
  });

  it('puts a crossing at the midpoint of its sides, or joins them with a line', () => {
    const p = byId.get('suifenhe-grodekovo')!.geometry as Point;
    expect(p.type).toBe('Point');
    expect(p.coordinates[0]).toBeCloseTo((131.1928 + 131.3756) / 2, 3);
    expect(p.coordinates[1]).toBeCloseTo((44.4106 + 44.4136) / 2, 2);
    const lines = atlasToGeoJSON(mini, { kinds: ['crossing'], crossingGeometry: 'line' });
    const line = lines.features.find((f) => f.id === 'suifenhe-grodekovo')!.geometry as LineString;
    expect(line).toEqual({
      type: 'LineString',
      coordinates: [
        [131.1928, 44.4106],
        [131.3756, 44.4136],
      ],
    });
  });

  it('draws links through their ends and corridors as MultiLineStrings of their links', () => {
    const link = byId.get('harbin-suifenhe-rail')!.geometry as LineString;
    expect(link.coordinates).toEqual([
      [126.6, 45.7333],
      [131.1928, 44.4106],
    ]);
    const corridor = byId.get('harbin-vladivostok-rail')!.geometry as MultiLineString;
    expect(corridor.type).toBe('MultiLineString');
    expect(corridor.coordinates).toHaveLength(3);
    expect(byId.get('harbin-vladivostok-rail')!.properties).toMatchObject({
      km: 763,
      km_basis: 'mixed',
      link_count: 3,
    });
  });

  it('draws a link along its real line when given one, marking each link measured or schematic', () => {
    const real: [number, number][] = [
      [126.6, 45.7333],
      [128.5, 45.1],
      [131.1928, 44.4106],
    ];
    const out = atlasToGeoJSON(mini, {
      kinds: ['link', 'corridor'],
      linkLines: new Map([['harbin-suifenhe-rail', real]]),
    });
    const got = new Map(out.features.map((f) => [f.id, f]));
    const measured = got.get('harbin-suifenhe-rail')!;
    expect((measured.geometry as LineString).coordinates).toEqual(real);
    expect(measured.properties?.geometryKind).toBe('measured');
    const others = out.features.filter(
      (f) => f.properties?.kind === 'link' && f.id !== 'harbin-suifenhe-rail',
    );
    expect(others.length).toBeGreaterThan(0);
    for (const f of others) expect(f.properties?.geometryKind).toBe('schematic');
    // the corridor through it follows the same line
    const corridor = got.get('harbin-vladivostok-rail')!.geometry as MultiLineString;
    expect(corridor.coordinates).toContainEqual(real);
    // without lines, no geometryKind (the export's columns stay as documented)
    expect(byId.get('harbin-suifenhe-rail')!.properties).not.toHaveProperty('geometryKind');
  });

  it('draws a zone of member places as a MultiPoint', () => {
    expect(byId.get('suifenhe-zone')!.geometry).toEqual({
      type: 'MultiPoint',
      coordinates: [[131.1928, 44.4106]],
    });
  });

  it('winds polygons counter-clockwise (RFC 7946 right-hand rule)', () => {
    const clockwise: Atlas = {
      ...mini,
      zones: [
        {
          ...mini.zones[0],
          geometry: {
            type: 'polygon',
            rings: [
              [
                [131.1, 44.3],
                [131.1, 44.5],
                [131.3, 44.5],
                [131.3, 44.3],
                [131.1, 44.3],
              ],
            ],
          },
        },
      ],
    };
    const poly = atlasToGeoJSON(clockwise, { kinds: ['zone'] }).features[0].geometry as Polygon;
    expect(booleanClockwise(poly.coordinates[0])).toBe(false);
  });

  it('keeps properties flat: strings, numbers, booleans or null', () => {
    for (const f of fc.features)
      for (const v of Object.values(f.properties ?? {}))
        expect(v === null || ['string', 'number', 'boolean'].includes(typeof v)).toBe(true);
    expect(byId.get('heihe-blagoveshchensk')!.properties).toMatchObject({
      kind: 'crossing',
      side_a: 'heihe',
      side_b: 'blagoveshchensk',
      countries: 'CN;RU',
      modes: 'road',
      services: 'road-bridge:open',
    });
  });

  it('refuses sources, which have no geometry', () => {
    expect(() => atlasToGeoJSON(mini, { kinds: ['source'] })).toThrow(/no geometry/);
  });
});

describe('splitAtAntimeridian', () => {
  it('cuts a line crossing ±180° into two parts meeting at the same latitude', () => {
    const parts = splitAtAntimeridian([
      [170, 60],
      [-170, 64],
    ]);
    expect(parts).toEqual([
      [
        [170, 60],
        [180, 62],
      ],
      [
        [-180, 62],
        [-170, 64],
      ],
    ]);
  });

  it('leaves other lines alone', () => {
    const line = [
      [126.6, 45.7],
      [131.2, 44.4],
    ];
    expect(splitAtAntimeridian(line)).toEqual([line]);
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    expect(csvField(548)).toBe('548');
  });

  it('has one header per kind and one row per record, round-tripping the values', () => {
    for (const kind of EXPORT_KINDS) {
      const rows = parseCsv(atlasToCsv(mini, kind));
      const header = EXPORT_COLUMNS[kind].map((c) => c.name);
      expect(rows[0], kind).toEqual(header);
      const flat = atlasRows(mini, kind);
      expect(rows.length - 1, kind).toBe(flat.length);
      flat.forEach((r, i) => {
        expect(rows[i + 1], kind).toEqual(header.map((h) => (r[h] === null ? '' : String(r[h]))));
      });
    }
  });

  it('writes lengths and their basis for links', () => {
    const rows = parseCsv(atlasToCsv(mini, 'link'));
    const h = rows[0];
    const r = rows.find((x) => x[0] === 'grodekovo-ussuriysk-rail')!;
    expect(r[h.indexOf('km')]).toBe('103');
    expect(r[h.indexOf('length_basis')]).toBe('estimate');
    expect(r[h.indexOf('length_method')]).toMatch(/great-circle/);
  });
});

describe('docs/atlas.md', () => {
  it('documents every export column', () => {
    const docs = readFileSync(fileURLToPath(new URL('../../docs/atlas.md', import.meta.url)), 'utf8');
    for (const kind of EXPORT_KINDS)
      for (const col of EXPORT_COLUMNS[kind])
        expect(docs, `${kind}.${col.name}`).toContain(`\`${col.name}\``);
  });
});
