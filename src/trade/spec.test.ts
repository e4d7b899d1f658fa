import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeShared, SHARED_DIR, sharedData } from '../../test/shared.ts';
import { SEED_DIR, SEED_SOURCE_IDS } from './seed.ts';
import { halfUlp, parsePrinted, parseWideSpec, SpecErrors, slug } from './spec.ts';

describe('printed numbers', () => {
  it('keep their decimals', () => {
    expect(parsePrinted('22.9')).toEqual({ value: 22.9, decimals: 1 });
    expect(parsePrinted('34.0')).toEqual({ value: 34, decimals: 1 });
    expect(parsePrinted('159')).toEqual({ value: 159, decimals: 0 });
    expect(parsePrinted('-6.4')).toEqual({ value: -6.4, decimals: 1 });
    expect(parsePrinted('\u22126.4')).toEqual({ value: -6.4, decimals: 1 }); // U+2212 MINUS SIGN, as typeset
    expect(parsePrinted('360,000')).toEqual({ value: 360000, decimals: 0 });
    expect(parsePrinted('1,234.50')).toEqual({ value: 1234.5, decimals: 2 });
    expect(parsePrinted('48%')).toEqual({ value: 48, decimals: 0 });
    expect(parsePrinted('3,5', ',')).toEqual({ value: 3.5, decimals: 1 });
    expect(parsePrinted('1S.9')).toBeNull();
    expect(parsePrinted('')).toBeNull();
    expect(parsePrinted('12,34')).toBeNull();
  });

  it('stand for ± half a unit of the last digit', () => {
    expect(halfUlp(1)).toBeCloseTo(0.05, 15);
    expect(halfUlp(0)).toBe(0.5);
    expect(halfUlp(2)).toBeCloseTo(0.005, 15);
  });

  it('category names become slugs', () => {
    expect(slug('Electromechanical Product')).toBe('electromechanical-product');
    expect(slug('New High-tech Product')).toBe('new-high-tech-product');
    expect(slug('  Grain ')).toBe('grain');
  });
});

describe('the spec schema', () => {
  it('accepts the four seed specs', () => {
    for (const id of SEED_SOURCE_IDS) {
      const file = join(SEED_DIR, `${id}.yaml`);
      const spec = parseWideSpec(readFileSync(file, 'utf8'), file);
      expect(spec.id).toBe(id);
      expect(spec.licence).not.toBe('');
    }
  });

  it('reads scale words: "million US dollars" is 1e6, hundred-million (亿) 1e8', () => {
    const file = join(SEED_DIR, 'heilongjiang-russia-2008-2018.yaml');
    const spec = parseWideSpec(readFileSync(file, 'utf8'), file);
    expect(spec.defaults.scale).toBe(1e6);
    expect(spec.corrections[0].scale).toBe(1e8);
  });

  it('reports each problem as file:line:column: value: why (what would be valid)', () => {
    const yaml = [
      'id: Bad_Id', //                                   1
      'title: x',
      'citation: y',
      'licence: z',
      'table: { file: a.csv }', //                        5
      'key: { column: year }',
      'defaults:',
      '  reporter: { level: province, code: CN-HL }',
      '  partner: { level: planet, code: RUS }', //       9
      '  currency: usd', //                              10
      '  scale: million',
      'columns:',
      '  year: { role: key }',
      '  v: { role: valu }', //                          14
      '  s: { role: share, of: v, in: { flo: export } }',
    ].join('\n');
    let err: SpecErrors | undefined;
    try {
      parseWideSpec(yaml, 'bad.yaml');
    } catch (e) {
      err = e as SpecErrors;
    }
    expect(err).toBeInstanceOf(SpecErrors);
    const lines = err!.message.split('\n');
    expect(lines).toContain(
      'bad.yaml:1:5: id = "Bad_Id": not valid (lower-case letters and digits in dash-separated words, at most 80 characters, e.g. "heihe-top-exports-2016")',
    );
    expect(lines).toContain(
      'bad.yaml:9:21: defaults.partner.level = "planet": not allowed (one of "world", "country", "province", "city", "port", "group")',
    );
    expect(lines.some((l) => l.startsWith('bad.yaml:10:13: defaults.currency = "usd"'))).toBe(true);
    expect(
      lines.some((l) => l.startsWith('bad.yaml:14:14: columns.v.role = "valu": no such role/kind')),
    ).toBe(true);
    expect(lines.some((l) => /^bad\.yaml:15:\d+: columns\.s\.in = .*unknown field flo/.test(l))).toBe(true);
  });

  it('reads the title in zh and ru beside the printed one; titles are optional, a bad one is named by file and field', () => {
    const file = join(SEED_DIR, 'heihe-foreign-trade-2011-2015.yaml');
    const spec = parseWideSpec(readFileSync(file, 'utf8'), file);
    expect(spec.title).toBe('Foreign trade of Heihe during the 12th five-year plan period (2011–2015)');
    expect(spec.titles).toEqual({
      zh: '“十二五”时期黑河市对外贸易（2011—2015年）',
      ru: 'Внешняя торговля Хэйхэ в годы 12-й пятилетки (2011–2015 гг.)',
    });
    for (const id of SEED_SOURCE_IDS) {
      const f = join(SEED_DIR, `${id}.yaml`);
      const t = parseWideSpec(readFileSync(f, 'utf8'), f).titles;
      expect(t?.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(t?.ru).toMatch(/[а-яё]/);
    }
    const base = `id: t
title: x
citation: y
licence: z
table: { file: a.csv }
key: { column: year }
defaults: { reporter: { level: country, code: CHN }, partner: { level: world, code: WLD }, currency: USD, scale: 1, flow: export }
columns:
  year: { role: key }
  v: { role: value }
`;
    expect(parseWideSpec(base, 's.yaml').titles).toBeUndefined();
    expect(parseWideSpec(`${base}titles: { zh: 标题 }\n`, 's.yaml').titles).toEqual({ zh: '标题' });
    expect(() => parseWideSpec(`${base}titles: { zh: 12 }\n`, 's.yaml')).toThrow(
      /s\.yaml:11:\d+: titles\.zh = 12: .*string/,
    );
    expect(() => parseWideSpec(`${base}titles: { de: Titel }\n`, 's.yaml')).toThrow(
      /s\.yaml:11:\d+: titles.*de/,
    );
    expect(() => parseWideSpec(`${base}titles: Heihe\n`, 's.yaml')).toThrow(
      /s\.yaml:11:\d+: titles = "Heihe"/,
    );
  });

  it('checks references between columns', () => {
    const yaml = `id: t
title: x
citation: y
licence: z
table: { file: a.csv }
key: { column: year }
defaults: { reporter: { level: country, code: CHN }, partner: { level: world, code: WLD }, currency: USD, scale: 1 }
columns:
  year: { role: key }
  v: { role: value }
  g: { role: growth, of: w }
`;
    expect(() => parseWideSpec(yaml, 's.yaml')).toThrow(
      /s\.yaml:11:\d+: columns\.g\.of = "w": "w" is not a value column \(one of v\)/,
    );
    expect(() => parseWideSpec(yaml, 's.yaml')).toThrow(/columns\.v\.flow .*needs a flow/);
  });
});

describeShared('the seed tables against ../shared/data/seed-tables', () => {
  it('are the same transcription, except Heihe Table 1’s 2012 growth, printed "159" in the paper', () => {
    for (const id of SEED_SOURCE_IDS) {
      const ours = readFileSync(join(SEED_DIR, `${id}.csv`), 'utf8')
        .replace(/\r/g, '')
        .trim()
        .split('\n');
      const shared = readFileSync(sharedData(`seed-tables/${id}.csv`), 'utf8')
        .replace(/\r/g, '')
        .trim()
        .split('\n');
      expect(ours.length, id).toBe(shared.length);
      const diff = ours.map((l, i) => [l, shared[i]]).filter(([a, b]) => a !== b);
      if (id === 'heihe-foreign-trade-2011-2015')
        expect(diff).toEqual([['2012,3.81,159,1.28,54.1,2.52,3', '2012,3.81,15.9,1.28,54.1,2.52,3']]);
      else expect(diff, id).toEqual([]);
    }
    // the paper itself prints 159 in Table 1 (the 2012 "Growth Rate" of "Import and Export")
    const paper = readFileSync(join(SHARED_DIR, 'seeds', '004_3199042183c8d759.txt'), 'utf8');
    expect(paper).toMatch(/and 3\.28 15 3\.81 159 4\.19 10\.1/);
  });
});
