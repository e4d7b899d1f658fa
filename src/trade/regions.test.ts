import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceDataHooks } from './first-use.ts';
import { perUsd, readExchangeRates } from './rates.ts';
import { allRegions, comtradeAreaCodes, resolveRegionCode } from './regions.ts';
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
