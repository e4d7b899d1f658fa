import { describe, expect, it } from 'vitest';
import { RECORD_KINDS } from '../atlas/query.ts';
import { Corridor, CrossingMode, LinkMode, PlaceKind, SourceKind, ZoneKind } from '../atlas/schema.ts';
import {
  ATLAS_LINES,
  ATLAS_MODE_NAMES,
  ATLAS_WORDS,
  CORRIDOR_KIND_NAMES,
  codeName,
  PLACE_KIND_NAMES,
  RECORD_KIND_NAMES,
  SOURCE_KIND_NAMES,
  ZONE_KIND_NAMES,
} from './atlas-lines.ts';
import { LANGS } from './messages.ts';

const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Latin words but the unit "km". */
const latin = (t: string) => t.replace(/\{\w+\}|\bkm\b/g, '').match(/[A-Za-z]{2,}/g);

describe("amur atlas's words in en, zh and ru", () => {
  it('has every line in every language with the same placeholders, and no English word in zh or ru', () => {
    for (const [key, texts] of Object.entries({ ...ATLAS_LINES, ...ATLAS_WORDS }))
      for (const l of LANGS) {
        expect(texts[l], `${key}.${l}`).toMatch(/\S/);
        expect(placeholders(texts[l]), `${key}.${l}`).toEqual(placeholders(texts.en));
        if (l !== 'en') expect(latin(texts[l]), `${key}.${l}`).toBeNull();
      }
  });

  it('says every code of the schema (a new one fails here until it is translated); English by the code', () => {
    const tables = [
      [RECORD_KIND_NAMES, RECORD_KINDS],
      [ATLAS_MODE_NAMES, [...new Set([...CrossingMode.options, ...LinkMode.options])]],
      [PLACE_KIND_NAMES, PlaceKind.options],
      [ZONE_KIND_NAMES, ZoneKind.options],
      [CORRIDOR_KIND_NAMES, Corridor.shape.kind.options],
      [SOURCE_KIND_NAMES, SourceKind.options],
    ] as const;
    for (const [table, codes] of tables) {
      expect(Object.keys(table).sort()).toEqual([...codes].sort());
      for (const code of codes) {
        expect(table[code].en).toBe(code);
        for (const l of ['zh', 'ru'] as const) expect(latin(table[code][l]), `${code}.${l}`).toBeNull();
        // two codes of one table are never said alike
        for (const l of LANGS) expect(new Set(codes.map((c) => table[c][l])).size).toBe(codes.length);
      }
    }
    expect(codeName(PLACE_KIND_NAMES, 'spaceport', 'zh')).toBe('spaceport');
  });
});
