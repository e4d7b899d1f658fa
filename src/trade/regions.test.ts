import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmurError } from '../errors.ts';
import { referenceDataHooks } from './first-use.ts';
import { perUsd, readExchangeRates } from './rates.ts';
import {
  allRegions,
  comtradeAreaCodes,
  comtradeSpecialAreas,
  REGIONS_DIR,
  resolveRegionCode,
  subdivisionRegions,
} from './regions.ts';
import { openStore, type Store } from './store.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:', { hooks: referenceDataHooks });
});
afterAll(() => store.close());

describe('regions', () => {
  it('has unique codes, the corridor provinces and cities with en/zh/ru names', () => {
    const regions = allRegions();
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length);
    const byCode = new Map(regions.map((r) => [r.code, r]));
    expect(byCode.get('CHN')).toMatchObject({
      level: 'country',
      m49: 156,
      name_zh: '中国',
      name_ru: 'Китай',
    });
    expect(byCode.get('RUS')).toMatchObject({ level: 'country', m49: 643, name_en: 'Russia' });
    expect(byCode.get('CN-HL')).toMatchObject({ level: 'province', parent: 'CHN', name_zh: '黑龙江省' });
    expect(byCode.get('RU-AMU')).toMatchObject({
      level: 'province',
      parent: 'RUS',
      name_ru: 'Амурская область',
    });
    expect(byCode.get('CN-HL-HEIHE')).toMatchObject({ level: 'city', parent: 'CN-HL', name_ru: 'Хэйхэ' });
    for (const r of regions)
      if (r.parent) expect(byCode.has(r.parent), `${r.code} parent ${r.parent}`).toBe(true);
  });

  it("maps Comtrade's own numeric codes and ISO numeric codes", () => {
    const m = new Map(comtradeAreaCodes().map((a) => [a.numeric_code, a.code]));
    expect([0, 156, 643, 842, 840, 251, 250, 381, 699, 757, 579, 490, 899].map((c) => m.get(c))).toEqual([
      'WLD',
      'CHN',
      'RUS',
      'USA',
      'USA',
      'FRA',
      'FRA',
      'ITA',
      'IND',
      'CHE',
      'NOR',
      'CT-490',
      'CT-899',
    ]);
  });

  it('resolves codes and names in three languages', async () => {
    const got = await Promise.all(
      ['chn', 'China', '中国', 'Китай', 'cn-hl', '黑龙江省', 'Благовещенск', '842', 'Atlantis'].map((t) =>
        resolveRegionCode(store, t),
      ),
    );
    expect(got).toEqual([
      'CHN',
      'CHN',
      'CHN',
      'CHN',
      'CN-HL',
      'CN-HL',
      'RU-AMU-BLAGOVESHCHENSK',
      'USA',
      null,
    ]);
  });
});

describe('exchange rates', () => {
  it('ships annual CNY and RUB averages, one per year, each with a source', () => {
    const rates = readExchangeRates();
    for (const cur of ['CNY', 'RUB']) {
      const years = rates.filter((r) => r.currency === cur && r.month === null).map((r) => r.year);
      expect(years).toEqual(Array.from({ length: 23 }, (_, i) => 2000 + i));
    }
    for (const r of rates) expect(r.source).toBe('wb-wdi-pa-nus-fcrf');
  });

  it('answers the rate for a period (USD is 1; unknown is null)', async () => {
    expect(await perUsd(store, 'CNY', 2016)).toBe(6.6445);
    expect(await perUsd(store, 'RUB', 2015, 6)).toBe(60.9376); // no monthly rate shipped: the annual average
    expect(await perUsd(store, 'usd', 1999)).toBe(1);
    expect(await perUsd(store, 'CNY', 1950)).toBeNull();
  });
});

describe('a broken reference file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amur-refdata-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The error a read throws, as `[kind, file, record, field, message]`. */
  function refusal(read: () => unknown): [string, string?, string?, string?, string?] {
    try {
      read();
    } catch (e) {
      if (!(e instanceof AmurError)) throw e;
      return [e.kind, e.file, e.record, e.field, e.message];
    }
    throw new Error('read without an error');
  }

  it('names file:line:field, the value as written and what is valid, one problem a line', () => {
    const file = join(dir, 'rates.csv');
    writeFileSync(file, 'currency,year,month,per_usd,source\nCNY,2016,,6.6445,wb\ncny,19x,,6.6,wb\n');
    const [kind, f, record, field, message] = refusal(() => readExchangeRates(dir));
    expect([kind, f, record, field]).toEqual(['data', file, 'line 3', 'currency']);
    expect(message?.split('\n')).toEqual([
      `${file}:3:currency: "cny" is not valid (expected an ISO 4217 code like CNY)`,
      `${file}:3:year: wrong type "19x" (expected number)`,
    ]);
  });

  it('says the value of a number out of range', () => {
    writeFileSync(join(dir, 'rates.csv'), 'currency,year,month,per_usd,source\nRUB,2016,13,67,wb\n');
    const message = refusal(() => readExchangeRates(dir))[4] ?? '';
    expect(message).toMatch(/rates\.csv:2:month: "13": .*\(maximum 12\)$/);
  });

  it('refuses a bad subdivision or Comtrade area the same way', () => {
    for (const name of ['subdivisions.csv', 'cities.csv', 'comtrade-areas.csv'])
      copyFileSync(join(REGIONS_DIR, name), join(dir, name));
    writeFileSync(
      join(dir, 'cities.csv'),
      'code,level,parent,name_en,name_zh,name_ru\nCN-HL-X,city,CN-HL,X,,Х\n',
    );
    expect(refusal(() => subdivisionRegions(dir)).slice(0, 4)).toEqual([
      'data',
      join(dir, 'cities.csv'),
      'line 2',
      'name_zh',
    ]);
    writeFileSync(
      join(dir, 'comtrade-areas.csv'),
      'numeric_code,code,level,name_en,note\n1000,XX,country,X,\n',
    );
    expect(refusal(() => comtradeSpecialAreas(dir))[4]).toMatch(
      /comtrade-areas\.csv:2:numeric_code: "1000": /,
    );
  });
});
