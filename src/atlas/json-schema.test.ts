import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ATLAS_FILE_SCHEMA,
  DEFAULT_SCHEMA_DIR,
  generateJsonSchemas,
  staleJsonSchemas,
  writeJsonSchemas,
} from './json-schema.ts';

describe('JSON Schema for editors', () => {
  it('the committed files in data/atlas/schema equal a fresh generation (run `amur atlas schema` if not)', () => {
    const fresh = generateJsonSchemas();
    const committed = readdirSync(DEFAULT_SCHEMA_DIR)
      .filter((f) => f.endsWith('.schema.json'))
      .sort();
    expect(committed).toEqual([...fresh.keys()].sort());
    for (const [name, text] of fresh)
      expect(readFileSync(join(DEFAULT_SCHEMA_DIR, name), 'utf8'), name).toBe(text);
  });

  it('has one schema per record kind and one for an atlas file', () => {
    expect([...generateJsonSchemas().keys()].sort()).toEqual([
      ATLAS_FILE_SCHEMA,
      'corridor.schema.json',
      'crossing.schema.json',
      'link.schema.json',
      'place.schema.json',
      'source.schema.json',
      'zone.schema.json',
    ]);
  });

  it('describes the input an author writes: defaults optional, unknown fields rejected', () => {
    const place = JSON.parse(generateJsonSchemas().get('place.schema.json')!);
    expect(place.required).toContain('coords');
    expect(place.required).not.toContain('capabilities');
    expect(place.additionalProperties).toBe(false);
    expect(place.properties.names.additionalProperties).toBe(false);
    const file = JSON.parse(generateJsonSchemas().get(ATLAS_FILE_SCHEMA)!);
    expect(file.properties.crossings.items).toEqual({ $ref: '#/$defs/crossing' });
    expect(file.$defs.crossing.properties.services.items.required).toContain('status');
  });

  it('staleJsonSchemas finds a missing or edited file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-schema-'));
    expect(staleJsonSchemas(dir)).toHaveLength(7);
    writeJsonSchemas(dir);
    expect(staleJsonSchemas(dir)).toEqual([]);
    writeFileSync(join(dir, 'place.schema.json'), '{}\n');
    expect(staleJsonSchemas(dir)).toEqual(['place.schema.json']);
  });
});
