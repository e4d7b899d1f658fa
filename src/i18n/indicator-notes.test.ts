import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listIndicators } from '../trade/indicators/index.ts';
import { indicatorNote } from '../trade/indicators/result.ts';
import {
  INDICATOR_NOTE_CODES,
  INDICATOR_NOTE_PARAMS,
  INDICATOR_NOTE_TEXTS,
  INDICATOR_UNITS,
  type IndicatorNoteCode,
  indicatorUnit,
  LITERAL_PARAMS,
  NOTE_TERMS,
  notePieces,
  noteText,
  TERM_PARAMS,
} from './indicator-notes.ts';
import { LANGS } from './messages.ts';

const placeholders = (t: string) => [...new Set([...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
const symbols = (t: string) => [...t.matchAll(/`([^`]*)`/g)].map((m) => m[1]).sort();
/** A template's words: what is left without its symbols and placeholders. */
const words = (t: string) => t.replace(/`[^`]*`/g, ' ').replace(/\{\w+\}/g, ' ');

/** A value for each parameter, as an indicator writes it. */
function sampleParams(code: IndicatorNoteCode): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const k of INDICATOR_NOTE_PARAMS[code])
    out[k] = TERM_PARAMS.has(k)
      ? Object.keys(NOTE_TERMS[k as keyof typeof NOTE_TERMS])[0]
      : LITERAL_PARAMS.has(k)
        ? 'CN-HL'
        : 6;
  return out;
}

describe('indicator notes in en, zh and ru', () => {
  it('has a template in every language for every code, with the same parameters and symbols', () => {
    for (const code of INDICATOR_NOTE_CODES) {
      const params = [...INDICATOR_NOTE_PARAMS[code]].sort();
      for (const l of LANGS) {
        const t = INDICATOR_NOTE_TEXTS[code][l];
        expect(t, `${code}.${l}`).toMatch(/\S/);
        // every parameter said, none the note does not carry
        expect(placeholders(t), `${code}.${l} placeholders`).toEqual(params);
        expect(symbols(t), `${code}.${l} symbols`).toEqual(symbols(INDICATOR_NOTE_TEXTS[code].en));
        expect(t.split('`').length % 2, `${code}.${l}: backticks in pairs`).toBe(1);
      }
      // no English word left in a Chinese or Russian template (symbols in backticks and parameters aside)
      for (const l of ['zh', 'ru'] as const)
        expect(words(INDICATOR_NOTE_TEXTS[code][l]).match(/[A-Za-z]{3,}/g), `${code}.${l}`).toBeNull();
    }
    expect(Object.keys(INDICATOR_NOTE_PARAMS).sort()).toEqual([...INDICATOR_NOTE_CODES].sort());
    for (const [name, terms] of Object.entries(NOTE_TERMS))
      for (const [k, v] of Object.entries(terms))
        for (const l of LANGS) expect(v[l], `${name}.${k}.${l}`).toMatch(/\S/);
  });

  it('fills every placeholder of every code, with symbols and ids kept as written and marked', () => {
    for (const code of INDICATOR_NOTE_CODES) {
      const note = indicatorNote(code, sampleParams(code));
      for (const l of LANGS) {
        const text = noteText(note, l);
        expect(text, `${code}.${l}`).not.toMatch(/[{}`]/);
        const literal = (notePieces(note, l) ?? []).filter((p) => p.literal).map((p) => p.text);
        for (const s of symbols(INDICATOR_NOTE_TEXTS[code][l]))
          expect(literal.join(' '), `${code}.${l}`).toContain(s);
        if (INDICATOR_NOTE_PARAMS[code].some((p) => LITERAL_PARAMS.has(p)))
          expect(literal.join(' '), `${code}.${l}`).toContain('CN-HL');
      }
      expect(note.message).toBe(noteText(note, 'en'));
    }
  });

  it('says a note in the language, terms included', () => {
    const n = indicatorNote('world.partner-sum', { trade: 'partner-imports' });
    expect(n.message).toBe(
      "the partner's imports to the world: the sum over partner countries (the selection has no partner WLD rows)",
    );
    expect(noteText(n, 'ru')).toBe(
      'импорт партнёра в мир: сумма по странам-партнёрам (в выборке нет строк с партнёром WLD)',
    );
    expect(notePieces(indicatorNote('usd-missing', { count: 3 }), 'zh')).toEqual([
      { text: '因没有美元金额（缺少该币种该年度的汇率）而未计入的流量：3 条' },
    ]);
    // a code of a newer server: no template, its English message stands
    expect(notePieces({ code: 'no-such-note', params: {} }, 'zh')).toBeNull();
    expect(noteText({ code: 'no-such-note', params: {}, message: 'as written' }, 'ru')).toBe('as written');
  });

  it('says every indicator’s unit in zh and ru (a new unit fails here until it is translated)', () => {
    for (const d of listIndicators())
      for (const l of ['zh', 'ru'] as const) {
        expect(INDICATOR_UNITS[d.unit]?.[l], `${d.name}: ${d.unit}`).toMatch(/\S/);
        // column names (snake_case) and "count" (the --method) kept; no other English word
        const words = indicatorUnit(d.unit, l).replace(/\w+_\w+|\bcount\b|ECI/g, '');
        expect(words.match(/[A-Za-z]{3,}/g), `${d.name}.${l}`).toBeNull();
      }
  });

  it('refuses a note whose parameters are not its code’s', () => {
    expect(() => indicatorNote('usd-missing', {})).toThrow(/usd-missing: params {2}\(expected count\)/);
    expect(() => indicatorNote('own-categories', { extra: 1 })).toThrow(/own-categories/);
  });
});

describe('every note the indicators write', () => {
  it('is a code with its params, and every code is written somewhere', () => {
    const dir = new URL('../trade/indicators/', import.meta.url);
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'fixtures.ts')
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    // a note written as an English string fails here until it has a code and templates
    expect(source.match(/notes(?:\.push\(|: \[)\s*['"`]/g) ?? []).toEqual([]);
    const written = new Set(
      [...source.matchAll(/(?:indicatorNote\(|\? |: )'([a-z-]+(?:\.[a-z-]+)?)'/g)].map((m) => m[1]),
    );
    const missing = INDICATOR_NOTE_CODES.filter((c) => !written.has(c));
    expect(missing).toEqual([]);
  });
});
