import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsvText } from '../csv.ts';
import { referenceDataHooks } from '../first-use.ts';
import { openStore, type Store } from '../store.ts';
import { ImportError, ImportFileError } from './common.ts';
import { fcsRegionCodes, importFcs } from './fcs.ts';
import { importGacc, isGaccFile } from './gacc.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

let store: Store;
beforeEach(async () => {
  store = await openStore(':memory:', { hooks: referenceDataHooks });
});
afterEach(() => store.close());

interface Flow {
  reporter_level: string;
  reporter_code: string;
  partner_code: string;
  year: number;
  month: number;
  flow: string;
  commodity_code: string;
  value: number;
  currency: string;
  value_usd: number | null;
  quantity: number | null;
  quantity_unit: string | null;
  net_weight_kg: number | null;
  basis: string;
  trade_mode: string | null;
}
const flows = (sourceId: string) =>
  store.query<Flow>('SELECT * FROM flows WHERE source_id = $1 ORDER BY row_no', [sourceId]);

describe('FCS regional open data', () => {
  it('maps every federal subject: 83 of Russia plus Crimea and Sevastopol, codes unique', async () => {
    const codes = fcsRegionCodes();
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
    expect(codes.filter((c) => c.region.startsWith('RU-'))).toHaveLength(83);
    const known = new Set(
      (await store.query<{ code: string }>("SELECT code FROM regions WHERE level = 'province'")).map(
        (r) => r.code,
      ),
    );
    for (const c of codes) expect(known.has(c.region), c.region).toBe(true);
  });

  it('imports months × partners × HS10 × federal subjects, with OKATO codes mapped to ISO 3166-2', async () => {
    const r = await importFcs(store, fixture('fcs-regional-2023-01.csv'));
    expect(r).toMatchObject({ importer: 'fcs-regional', rows: 10, alreadyImported: false });
    const rows = await flows(r.sourceId);
    expect(rows.map((f) => `${f.reporter_code} ${f.flow} ${f.partner_code}`)).toEqual([
      'RU-AMU export CHN',
      'RU-AMU export CHN',
      'RU-AMU import CHN',
      'RU-PRI export CHN',
      'RU-PRI import KOR',
      'RU-KHA export CHN',
      'RU-BU import MNG',
      'RU-MOW import DEU',
      'RU-NEN export CHN',
      'RU-YAN export CHN',
    ]);
    expect(rows[0]).toMatchObject({
      reporter_level: 'province',
      year: 2023,
      month: 1,
      commodity_code: '4407119300',
      value: 1834512,
      currency: 'USD',
      value_usd: 1834512,
      quantity: 11230,
      quantity_unit: 'MTQ',
      net_weight_kg: 3120456,
      basis: 'FOB',
    });
    expect(rows[1]).toMatchObject({ quantity: null, quantity_unit: null }); // no UM: no quantity
    expect(rows[2]).toMatchObject({ basis: 'CIF', quantity_unit: 'PCE NMB' });
    expect(rows[3].commodity_code).toBe('0303690000');
  });

  it('names the file, line and column of an unknown federal subject, and what would be valid', async () => {
    const file = fixture('fcs-regional-bad-region.csv');
    const e = await importFcs(store, file).catch((err) => err);
    expect(e).toBeInstanceOf(ImportError);
    expect((e as Error).message).toBe(
      `${file}:3:REGION: "99999 - NOWHERE": unknown federal subject (an OKATO subject code and name, e.g. "10000 - AMUR REGION" or "05000 - PRIMORSKY TERRITORY" (data/trade/regions/fcs-regions.csv))`,
    );
    expect((await store.query<{ n: number }>('SELECT count(*)::INT AS n FROM flows'))[0].n).toBe(0);
  });
});

describe('China customs (GACC) online query exports', () => {
  it('reads the GB18030 export by province, partner, trade mode and HS8, mapping 23 to Heilongjiang and a city by name', async () => {
    const r = await importGacc(store, fixture('gacc-exports-by-province-2022.csv'), { flow: 'export' });
    expect(r).toMatchObject({ importer: 'gacc-query', rows: 6 });
    expect(r.notes.join(' ')).toContain('read as GB18030');
    const rows = await flows(r.sourceId);
    expect(
      rows.map(
        (f) =>
          `${f.reporter_level} ${f.reporter_code} → ${f.partner_code} ${f.year}-${f.month} ${f.commodity_code}`,
      ),
    ).toEqual([
      'province CN-HL → RUS 2022-1 12019010',
      'province CN-HL → RUS 2022-1 12019010',
      'province CN-HL → RUS 2022-1 84295211',
      'city CN-HL-HEIHE → RUS 2022-1 08081000',
      'province CN-HL → RUS 2022-2 12019010',
      'province CN-LN → JPN 2022-1 03036300',
    ]);
    expect(rows[0]).toMatchObject({
      flow: 'export',
      value: 76150000,
      currency: 'CNY',
      quantity: 15230000,
      quantity_unit: '千克',
      net_weight_kg: 15230000,
      basis: 'FOB',
    });
    // 第二数量 in kg gives the net weight when the first unit is not kg
    expect(rows[2]).toMatchObject({ quantity: 26, quantity_unit: '台', net_weight_kg: 845000 });
    // yuan converted with the store's CNY rate for 2022
    const [{ per_usd }] = await store.query<{ per_usd: number }>(
      "SELECT per_usd FROM exchange_rates WHERE currency = 'CNY' AND year = 2022 ORDER BY month NULLS FIRST LIMIT 1",
    );
    expect(rows[0].value_usd).toBeCloseTo(76150000 / per_usd, 3);
  });

  it('keeps the trade mode (贸易方式) in flows.trade_mode: 10 general, 19 border-petty, 14/15 processing, others other', async () => {
    const r = await importGacc(store, fixture('gacc-exports-by-province-2022.csv'), { flow: 'export' });
    expect((await flows(r.sourceId)).map((f) => f.trade_mode)).toEqual([
      'border-petty',
      'general',
      'general',
      'border-petty',
      'border-petty',
      'general',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'amur-test-'));
    try {
      const [header, row] = new TextDecoder('gb18030')
        .decode(readFileSync(fixture('gacc-exports-by-province-2022.csv')))
        .split('\n');
      const withMode = (code: string) => row.replace(',19,边境小额贸易,', `,${code},x,`);
      const file = join(dir, 'modes.csv');
      writeFileSync(file, [header, ...['14', '15', '33', ''].map(withMode), ''].join('\n'));
      const modes = await importGacc(store, file, { flow: 'import' });
      expect((await flows(modes.sourceId)).map((f) => f.trade_mode)).toEqual([
        'processing',
        'processing',
        'other',
        null,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // no trade-mode column: trade in all modes (NULL), as in every other importer
    const national = await importGacc(store, fixture('gacc-national-usd-2023-01.csv'));
    expect(new Set((await flows(national.sourceId)).map((f) => f.trade_mode))).toEqual(new Set([null]));
    const fcs = await importFcs(store, fixture('fcs-regional-2023-01.csv'));
    expect(new Set((await flows(fcs.sourceId)).map((f) => f.trade_mode))).toEqual(new Set([null]));
  });

  it('reads a national export in US dollars with a 进出口 column (UTF-8 with BOM), partners by GACC name', async () => {
    const r = await importGacc(store, fixture('gacc-national-usd-2023-01.csv'));
    const rows = await flows(r.sourceId);
    expect(
      rows.map((f) => `${f.reporter_code} ${f.flow} ${f.partner_code} ${f.value_usd} ${f.basis}`),
    ).toEqual([
      'CHN export RUS 312400000 FOB',
      'CHN import RUS 4980000000 CIF',
      'CHN import JPN 96500000 CIF',
      'CHN export HKG 412000 FOB',
    ]);
  });

  it('reads the platform’s XLSX download (first sheet) the same way, detected from its header', async () => {
    const file = fixture('gacc-imports-by-province-2022.xlsx');
    expect(await isGaccFile(file)).toBe(true);
    const r = await importGacc(store, file, { flow: 'import' });
    expect(r).toMatchObject({ importer: 'gacc-query-xlsx', rows: 3 });
    const rows = await flows(r.sourceId);
    expect(
      rows.map(
        (f) => `${f.reporter_code} ${f.flow} ${f.partner_code} ${f.commodity_code} ${f.value} ${f.basis}`,
      ),
    ).toEqual([
      'CN-HL import RUS 12019010 76150000 CIF',
      'CN-JL import RUS 44071100 118500000 CIF',
      'CN-HL-HEIHE import RUS 12019010 15500000 CIF',
    ]);
    expect(rows[1]).toMatchObject({ quantity: 42000000, quantity_unit: '千克', net_weight_kg: 42000000 });
    expect(await isGaccFile(fixture('fcs-regional-2023-01.csv'))).toBe(false);
  });

  it('maps GACC partner codes (贸易伙伴编码) to ISO3, before the name, and refuses a code and a name of two countries', async () => {
    const table = parseCsvText(
      readFileSync(
        fileURLToPath(new URL('../../../data/trade/regions/gacc-partner-codes.csv', import.meta.url)),
        'utf8',
      ),
    );
    expect(table.length).toBeGreaterThan(200);
    expect(new Set(table.map((r) => r.code)).size).toBe(table.length);
    const countries = new Set(
      (await store.query<{ code: string }>("SELECT code FROM regions WHERE level = 'country'")).map(
        (r) => r.code,
      ),
    );
    expect(table.filter((r) => !countries.has(r.region))).toEqual([]);
    expect(
      Object.fromEntries(
        table
          .filter((r) => ['344', '116', '110', '124', '502'].includes(r.code))
          .map((r) => [r.code, r.region]),
      ),
    ).toEqual({
      '110': 'HKG',
      '116': 'JPN',
      '124': 'MNG',
      '344': 'RUS',
      '502': 'USA',
    });

    const dir = mkdtempSync(join(tmpdir(), 'amur-gacc-'));
    try {
      const header = '数据年月,进出口,商品编码,商品名称,贸易伙伴编码,贸易伙伴名称,第一数量,第一计量单位,美元';
      const file = join(dir, 'codes.csv');
      writeFileSync(
        file,
        [
          header,
          // a name no table knows, a code that does
          '202301,出口,85171300,智能手机,344,Russian Fed.,1,台,100',
          // a code the table leaves out (other Asian areas): the name decides
          '202301,出口,85171300,智能手机,199,蒙古,1,台,200',
          '202301,进口,27090000,原油,124,蒙古国,1,千克,300',
          '',
        ].join('\n'),
      );
      const r = await importGacc(store, file);
      expect((await flows(r.sourceId)).map((f) => `${f.partner_code} ${f.value_usd}`)).toEqual([
        'RUS 100',
        'MNG 200',
        'MNG 300',
      ]);

      const clash = join(dir, 'clash.csv');
      writeFileSync(
        clash,
        [
          header,
          '202301,出口,85171300,智能手机,344,俄罗斯联邦,1,台,1',
          '202301,出口,85171300,智能手机,116,俄罗斯联邦,1,台,1',
          '',
        ].join('\n'),
      );
      const e = await importGacc(store, clash).catch((err) => err);
      expect(e).toBeInstanceOf(ImportError);
      expect((e as Error).message).toBe(
        `${clash}:3:贸易伙伴编码: "116 (JPN) beside 俄罗斯联邦 (RUS)": the partner code and the partner name name different countries (a code and a name of the same country (data/trade/regions/gacc-partner-codes.csv), e.g. 344 俄罗斯联邦)`,
      );
      expect(await store.query('SELECT * FROM sources WHERE file_name = $1', ['clash.csv'])).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('asks for the flow when the export does not say, and names an unknown partner by line', async () => {
    const file = fixture('gacc-exports-by-province-2022.csv');
    await expect(importGacc(store, file)).rejects.toThrow(ImportFileError);
    await expect(importGacc(store, file)).rejects.toThrow(
      /give the flow \(amur trade import --format gacc --flow import\|export\)/,
    );
    const bad = fixture('gacc-bad-partner.csv');
    const e = await importGacc(store, bad, { flow: 'export' }).catch((err) => err);
    expect(e).toBeInstanceOf(ImportError);
    expect((e as Error).message).toMatch(
      new RegExp(
        `^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:贸易伙伴名称: "亚特兰蒂斯": unknown trade partner`,
      ),
    );
  });
});
