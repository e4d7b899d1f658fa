import { describe, expect, it } from 'vitest';
import { CARGO_UNITS } from '../costs/profile.ts';
import { MatrixResult } from '../routing/schema.ts';
import { MATRIX_LINES, MATRIX_PER_CARGO, MATRIX_UNITS } from './matrix-lines.ts';
import { LANGS } from './messages.ts';

const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("amur matrix's words in en, zh and ru", () => {
  it('has every line in every language with the same placeholders, and no English word in zh or ru', () => {
    for (const [key, texts] of Object.entries(MATRIX_LINES))
      for (const l of LANGS) {
        expect(texts[l], `${key}.${l}`).toMatch(/\S/);
        expect(placeholders(texts[l]), `${key}.${l}`).toEqual(placeholders(texts.en));
        if (l !== 'en')
          expect(texts[l].replace(/\{\w+\}/g, '').match(/[A-Za-z]{2,}/g), `${key}.${l}`).toBeNull();
      }
  });

  it('says every unit of a matrix and every cargo unit (a new one fails here until it is translated)', () => {
    expect(Object.keys(MATRIX_UNITS).sort()).toEqual([...MatrixResult.shape.unit.options].sort());
    expect(Object.keys(MATRIX_PER_CARGO).sort()).toEqual([...CARGO_UNITS].sort());
    for (const table of [MATRIX_UNITS, MATRIX_PER_CARGO])
      for (const [k, t] of Object.entries(table))
        for (const l of ['zh', 'ru'] as const) {
          // CO₂ is a chemical formula, not a word
          expect(t[l].replace('CO₂', '').match(/[A-Za-z]{2,}/g), `${k}.${l}`).toBeNull();
        }
    // English as the command has always printed it: the unit's id, the cargo's in capitals
    for (const [k, t] of Object.entries(MATRIX_UNITS)) expect(t.en).toBe(k);
    for (const [k, t] of Object.entries(MATRIX_PER_CARGO)) expect(t.en).toBe(k.toUpperCase());
  });
});
