import { describe, expect, it } from 'vitest';
import {
  ANNOTATE_LINES,
  FINDINGS_HEADER,
  KIND_WORD,
  SEVERITY_NOTE,
  SEVERITY_WORD,
} from './annotate-texts.ts';

const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const LANGS = ['en', 'zh', 'ru'] as const;

describe("the annotated copy's words in en, zh and ru", () => {
  it('has every line in every language with the same placeholders, and no English word in zh or ru', () => {
    for (const [key, texts] of Object.entries(ANNOTATE_LINES))
      for (const l of LANGS) {
        expect(texts[l], `${key}.${l}`).toMatch(/\S/);
        expect(placeholders(texts[l]), `${key}.${l}`).toEqual(placeholders(texts.en));
        if (l !== 'en')
          expect(texts[l].replace(/\{\w+\}/g, '').match(/[A-Za-z]{2,}/g), `${key}.${l}`).toBeNull();
      }
  });

  it('says every severity, kind and header cell in zh and ru, each apart from the others', () => {
    const kinds: string[] = [
      'growth',
      'components',
      'share',
      'shares-over-100',
      'parts-exceed-total',
      'text',
      'part-whole',
      'scale',
      'unchecked',
    ];
    expect(Object.keys(KIND_WORD).sort()).toEqual(kinds.sort());
    for (const table of [
      Object.values(SEVERITY_NOTE),
      Object.values(SEVERITY_WORD),
      Object.values(KIND_WORD),
      FINDINGS_HEADER,
    ])
      for (const l of ['zh', 'ru'] as const) {
        const said = table.map((t) => t[l]);
        for (const s of said) expect(s.match(/[A-Za-z]{2,}/g), s).toBeNull();
        // two different things are never said alike
        expect(new Set(said).size).toBe(said.length);
      }
    // English: the letters and codes the copy has always written
    expect(Object.values(SEVERITY_NOTE).map((t) => t.en)).toEqual(['E', 'W', 'I']);
    for (const [k, t] of Object.entries(KIND_WORD)) expect(t.en).toBe(k);
  });
});
