import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from './findings.ts';
import { formatFinding } from './findings.ts';
import {
  FINDING_CODES,
  FINDING_TEXTS,
  findingPieces,
  findingText,
  moneyIvText,
  moneyText,
  type RegionNames,
} from './texts.ts';

const placeholders = (t: string) => [...t.matchAll(/\{(\w+(?::\w+)?)\}/g)].map((m) => m[1]).sort();
// the English-only plural endings of growth.unchecked
const ENGLISH_ONLY = new Set(['s', 'ys', 'verb']);

/** Every finding (and detail) of the seed tables' golden audits (as printed and as corrected), with the audit's region names. */
function goldenFindings(): (Finding & { names?: RegionNames })[] {
  const dir = new URL('../golden/', import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.startsWith('audit-') && f.endsWith('.json'))
    .flatMap((f) => {
      const r = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Record<
        string,
        { findings: Finding[]; names?: RegionNames } | null
      >;
      return Object.values(r).flatMap((x) =>
        (x?.findings ?? []).flatMap((f) => [
          { ...f, names: x?.names },
          ...(f.details ?? []).map((d) => ({ ...d, names: x?.names }) as Finding & { names?: RegionNames }),
        ]),
      );
    });
}

describe('audit finding texts', () => {
  it('has every code in en, zh and ru with the same values', () => {
    for (const code of FINDING_CODES) {
      const t = FINDING_TEXTS[code];
      for (const l of ['zh', 'ru'] as const) {
        expect(t[l], `${code}.${l}`).toMatch(/\S/);
        expect(placeholders(t[l]), `${code}.${l}`).toEqual(
          placeholders(t.en).filter((p) => !ENGLISH_ONLY.has(p)),
        );
      }
    }
  });

  it('says every golden finding and detail in English exactly as its message, and in zh/ru with no English outside ids and citations', () => {
    const findings = goldenFindings();
    expect(findings.length).toBeGreaterThan(30);
    // a rule whose findings have no code (no texts in zh/ru) fails here once its goldens are written
    expect(findings.filter((f) => !f.code).map((f) => f.message)).toEqual([]);
    const codes = new Set<string>();
    for (const f of findings) {
      const s = { code: f.code!, params: f.params ?? {}, clauses: f.clauses };
      codes.add(f.code!);
      for (const c of f.clauses ?? []) codes.add(c.code);
      const names = f.names;
      expect(names, 'the audit names its regions').toBeDefined();
      expect(findingText(s, 'en', names)).toBe(f.message);
      for (const lang of ['zh', 'ru'] as const) {
        const text = findingText(s, lang, names);
        expect(text, text).not.toMatch(/\{\w+|undefined|NaN/);
        // only identifiers kept as written (fact ids, columns, source ids, row keys) and citations may be Latin
        const words = findingPieces(s, lang, names)
          .filter((p) => p.kind === 'text')
          .flatMap((p) => p.text.match(/[A-Za-z]{3,}/g) ?? []);
        expect(words, `${lang}: ${text}`).toEqual([]);
      }
      if (f.kind) expect(formatFinding(f as Finding, 'ru', names)).toContain(findingText(s, 'ru', names));
    }
    // the seed tables exercise most sentences and clauses
    expect(codes.size).toBeGreaterThanOrEqual(12);
  });

  it('writes money in each language as the English fmtMoney does', () => {
    expect(moneyText(11.06e9, 'en')).toBe('US$11.06 billion');
    expect(moneyText(11.06e9, 'zh')).toBe('110.6亿美元');
    expect(moneyText(580e6, 'ru')).toBe('580 млн долл. США');
    expect(moneyIvText([100, null], 'zh')).toBe('至少100美元');
    expect(moneyIvText([0, 5e6], 'en')).toBe('at most US$5 million');
  });
});
