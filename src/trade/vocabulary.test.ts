import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceDataHooks } from './first-use.ts';
import { importTidy, mappingFromFlags } from './importers/tidy.ts';
import { WideSpec } from './spec.ts';
import { openStore } from './store.ts';
import { Scale, SourceId, scaleName, scaleOfWord, sourceIdFrom } from './vocabulary.ts';

const dir = mkdtempSync(join(tmpdir(), 'amur-vocabulary-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Scale', () => {
  it('reads numbers, the English words and the Chinese and Russian ones', () => {
    expect(Scale.parse(1e6)).toBe(1e6);
    expect(Scale.parse('1e4')).toBe(1e4);
    expect(Scale.parse('unit')).toBe(1);
    expect(Scale.parse('thousand')).toBe(1e3);
    expect(Scale.parse('ten-thousand')).toBe(1e4);
    expect(Scale.parse('万')).toBe(1e4);
    expect(Scale.parse('Million')).toBe(1e6);
    expect(Scale.parse('hundred-million')).toBe(1e8);
    expect(Scale.parse('亿')).toBe(1e8);
    expect(Scale.parse('billion')).toBe(1e9);
    expect(Scale.parse('млрд')).toBe(1e9);
    expect(scaleOfWord('lots')).toBeNull();
  });

  it('refuses what is not a scale, saying what would be', () => {
    for (const bad of [0, -5, 'lots', 'NaN', ''])
      expect(() => Scale.parse(bad)).toThrow(/not a scale; a positive number .* hundred-million \(亿\)/);
  });

  it('names multipliers in messages', () => {
    expect(scaleName(1e8)).toBe('hundreds of millions (亿)');
    expect(scaleName(1e4)).toBe('tens of thousands (万)');
    expect(scaleName(3)).toBe('×3');
  });

  it('is the same vocabulary in a wide spec and in a tidy mapping (words in a column or a constant)', async () => {
    const place = { level: 'province', code: 'CN-HL' };
    const defaults = WideSpec.shape.defaults.parse({
      reporter: place,
      partner: place,
      currency: 'CNY',
      scale: '亿',
    });
    expect(defaults.scale).toBe(1e8);
    const csv = join(dir, 'scales.csv');
    writeFileSync(csv, 'year,value,scale\n2016,1.5,亿\n2017,2,billion\n2018,3,ten-thousand\n2019,4,1000\n');
    const store = await openStore(':memory:', { hooks: referenceDataHooks });
    try {
      const mapping = mappingFromFlags(
        undefined,
        ['year=year', 'value=value', 'scale=scale'],
        ['reporter=CN-HL', 'partner=RUS', 'flow=export', 'currency=USD'],
      );
      await importTidy(store, csv, { mapping });
      const rows = await store.query<{ scale: number }>('SELECT scale FROM flows ORDER BY year');
      expect(rows.map((r) => r.scale)).toEqual([1e8, 1e9, 1e4, 1e3]);
      writeFileSync(csv, 'year,value,scale\n2016,1.5,lots\n');
      await expect(importTidy(store, csv, { mapping, source: { id: 'bad-scale' } })).rejects.toThrow(
        /scale.*lots.*not a scale.*hundred-million/s,
      );
    } finally {
      store.close();
    }
  });
});

describe('SourceId', () => {
  it('is lower-case dash-separated words, derived the same way from file names', () => {
    expect(SourceId.safeParse('heihe-top-exports-2016').success).toBe(true);
    for (const bad of ['Heihe', 'a--b', '-a', 'a_b', 'a.b', 'x'.repeat(81)])
      expect(SourceId.safeParse(bad).success).toBe(false);
    expect(sourceIdFrom('Comtrade 2019 (CHN).csv')).toBe('comtrade-2019-chn');
    expect(SourceId.safeParse(sourceIdFrom(`${'a '.repeat(40)}.csv`)).success).toBe(true);
    expect(sourceIdFrom('...')).toBe('source');
  });
});
