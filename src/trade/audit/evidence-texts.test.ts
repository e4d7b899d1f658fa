import { describe, expect, it } from 'vitest';
import {
  EVIDENCE_CODES,
  EVIDENCE_TEXTS,
  type Evidence,
  type EvidenceParam,
  evidence,
  evidencePieces,
  evidenceText,
  keyEvidence,
  type RegionNames,
} from './evidence-texts.ts';

const placeholders = (t: string) => [...t.matchAll(/\{(\w+(?::\w+)?)\}/g)].map((m) => m[1]).sort();
const names: RegionNames = {
  'CN-HL': { en: 'Heilongjiang', zh: '黑龙江省', ru: 'Хэйлунцзян' },
  RUS: { en: 'Russia', zh: '俄罗斯', ru: 'Россия' },
};

/** A value for a placeholder of each type (nested evidence for `ev`, a list for `sum`/`list`). */
function sample(type: string | undefined): EvidenceParam {
  switch (type) {
    case 'ev':
      return evidence('source.this');
    case 'sum':
    case 'list':
      return [evidence('value.printed', { printed: '3.28' }), evidence('value.money', { value: [1e9, 2e9] })];
    case 'region':
      return 'CN-HL';
    case 'regions':
      return ['RUS', 'CN-HL'];
    case 'money':
      return 22.9e9;
    case 'moneyIv':
      return [1e8, null];
    case 'scale':
      return 1e6;
    case 'currency':
      return 'USD';
    case 'cite':
      return 'Da Zhigang';
    case 'id':
      return 'total_volume';
    default:
      return '91.9';
  }
}

describe('audit evidence texts', () => {
  it('has every code in en, zh and ru with the same placeholders', () => {
    for (const code of EVIDENCE_CODES) {
      const t = EVIDENCE_TEXTS[code];
      for (const l of ['zh', 'ru'] as const) {
        expect(t[l], `${code}.${l}`).toMatch(/\S/);
        // the unit is said as printed in English, by its scale and currency in zh and ru
        if (code !== 'unit.printed') expect(placeholders(t[l]), `${code}.${l}`).toEqual(placeholders(t.en));
      }
    }
  });

  it('fills every placeholder of every code, and says nothing in English in zh/ru but ids and citations', () => {
    for (const code of EVIDENCE_CODES) {
      const params: Record<string, EvidenceParam> = {};
      for (const l of ['en', 'zh', 'ru'] as const)
        for (const m of EVIDENCE_TEXTS[code][l].matchAll(/\{(\w+)(?::(\w+))?\}/g))
          params[m[1]] = sample(m[2]);
      const e: Evidence = { ev: code, params };
      for (const lang of ['en', 'zh', 'ru'] as const) {
        const text = evidenceText(e, lang, names);
        expect(text, `${code}.${lang}`).not.toMatch(/\{\w+|undefined|NaN|null|\[object/);
        if (lang === 'en') continue;
        const latin = evidencePieces(e, lang, names)
          .filter((p) => p.kind === 'text')
          .flatMap((p) => p.text.match(/[A-Za-z]{3,}/g) ?? []);
        expect(latin, `${code}.${lang}: ${text}`).toEqual([]);
      }
    }
  });

  it('says a flow by its regions’ names, a region without a name by its code (kept as written)', () => {
    const k = { reporter: 'CN-HL', partner: 'RUS', flow: 'export', year: 2016 };
    expect(evidenceText(keyEvidence(k), 'en', names)).toBe("Heilongjiang's exports with Russia in 2016");
    expect(evidenceText(keyEvidence(k), 'zh', names)).toBe('2016 年黑龙江省与俄罗斯的出口');
    expect(evidenceText(keyEvidence(k), 'ru', names)).toBe('экспорт (Хэйлунцзян — Россия, 2016 г.)');
    expect(
      evidenceText(keyEvidence({ ...k, partner: 'WLD', flow: 'total', year: undefined }), 'zh', names),
    ).toBe('黑龙江省对世界的贸易');
    const unnamed = evidencePieces(
      keyEvidence({ ...k, reporter: 'atlas:heihe-blagoveshchensk' }),
      'ru',
      names,
    );
    expect(unnamed).toContainEqual({ text: 'atlas:heihe-blagoveshchensk', kind: 'literal' });
  });

  it('says nested evidence: a growth carried on from a cell of another table, by a text fact', () => {
    const how = evidence('how.then-growth', {
      how: evidence('how.cell', {
        source: evidence('source.other', { id: 'heihe-foreign-trade-2011-2015' }),
        row: '2015',
        column: 'export_volume',
        printed: '0.46',
      }),
      growth: '-37.57',
      year: 2016,
      fact: evidence('fact.text', { fact: 'heihe-trade-2016' }),
    });
    expect(evidenceText(how, 'en')).toBe(
      '[heihe-foreign-trade-2011-2015], 2015 export_volume = 0.46, then -37.57% in 2016 (the text [heihe-trade-2016])',
    );
    expect(evidenceText(how, 'ru')).toBe(
      '[heihe-foreign-trade-2011-2015], 2015 export_volume = 0.46, затем -37.57% в 2016 г. (текст [heihe-trade-2016])',
    );
    expect(
      evidencePieces(how, 'zh')
        .filter((p) => p.kind === 'literal')
        .map((p) => p.text),
    ).toEqual(['heihe-foreign-trade-2011-2015', '2015', 'export_volume', 'heihe-trade-2016']);
  });
});
