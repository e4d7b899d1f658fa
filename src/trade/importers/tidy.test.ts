import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referenceDataHooks } from '../first-use.ts';
import { openStore, type Row, type Store } from '../store.ts';
import { ImportError, ImportFileError } from './common.ts';
import { importFile } from './index.ts';
import { columnLetter, importTidy, mappingFromFlags, parseTidyMapping, readTidyMapping } from './tidy.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'amur-tidy-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let store: Store;
beforeEach(async () => {
  store = await openStore(':memory:', { hooks: referenceDataHooks });
});
afterEach(() => store.close());

describe('tidy CSV with a mapping file', () => {
  it('maps Chinese headers and values, keeps the scale and currency, converts yuan to dollars once', async () => {
    const mapping = readTidyMapping(fixture('tidy-cny.mapping.yaml'));
    const r = await importTidy(store, fixture('tidy-cny.csv'), { mapping });
    expect(r.sourceId).toBe('tidy-cny-fixture');
    expect(r.rows).toBe(3);
    const rows = await store.query<Row>('SELECT * FROM flows ORDER BY row_no');
    // 2016 annual average: 6.6445 CNY per USD (data/trade/exchange-rates/annual.csv).
    expect(rows[0]).toMatchObject({
      reporter_code: 'CN-HL',
      reporter_level: 'province',
      partner_code: 'RUS',
      partner_level: 'country',
      flow: 'export',
      value: 100000,
      currency: 'CNY',
      scale: 10000,
      commodity_system: 'TOTAL',
      commodity_code: 'TOTAL',
      period_kind: 'year',
    });
    expect(rows[0].value_usd).toBeCloseTo((100000 * 10000) / 6.6445, 4);
    expect(rows[1]).toMatchObject({ flow: 'import', value: 250000.5 });
    expect(rows[1].value_usd).toBeCloseTo((250000.5 * 10000) / 6.6445, 4);
    expect(rows[2]).toMatchObject({
      reporter_code: 'CN-HL-HEIHE',
      reporter_level: 'city',
      flow: 'total',
      value: 3.5,
    });
  });

  it('understands region names in Chinese, English and Russian without a renaming', async () => {
    const mapping = mappingFromFlags(undefined, [
      'reporter=地区',
      'partner=伙伴',
      'year=年份',
      'flow=流向',
      'value=金额',
    ]);
    await importTidy(store, fixture('tidy-cny.csv'), { mapping });
    const rows = await store.query<{ r: string; p: string }>(
      'SELECT reporter_code AS r, partner_code AS p FROM flows ORDER BY row_no',
    );
    expect(rows).toEqual([
      { r: 'CN-HL', p: 'RUS' },
      { r: 'CN-HL', p: 'RUS' },
      { r: 'CN-HL-HEIHE', p: 'RUS' },
    ]);
  });

  it('takes the mapping from flags as well', async () => {
    const mapping = mappingFromFlags(
      readTidyMapping(fixture('tidy-cny.mapping.yaml')),
      [],
      ['currency=USD', 'scale=1'],
    );
    await importFile(store, fixture('tidy-cny.csv'), { mapping });
    const [{ v }] = await store.query<{ v: number }>('SELECT value_usd AS v FROM flows WHERE row_no = 2');
    expect(v).toBe(100000);
  });

  it('says which mapping column is missing from the header', async () => {
    const mapping = mappingFromFlags(readTidyMapping(fixture('tidy-cny.mapping.yaml')), ['value=Amount']);
    const err = await importTidy(store, fixture('tidy-cny.csv'), { mapping }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err.message).toContain(`the mapping's column for value, "Amount", is not in the header`);
  });

  it('rejects an unknown flag field', () => {
    expect(() => mappingFromFlags(undefined, ['valu=X'])).toThrow(
      /expected field=… with a field among reporter/,
    );
  });
});

describe('tidy XLSX', () => {
  async function writeBook(file: string, rows: unknown[][]): Promise<void> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('data');
    for (const r of rows) ws.addRow(r);
    await wb.xlsx.writeFile(file);
  }
  const mapping = mappingFromFlags(undefined, [
    'reporter=Reporter',
    'partner=Partner',
    'year=Year',
    'flow=Flow',
    'value=Value',
    'commodity=HS',
  ]);

  it('imports the first sheet, skipping blank rows, with row numbers as in the sheet', async () => {
    const file = join(dir, 'ok.xlsx');
    await writeBook(file, [
      ['Reporter', 'Partner', 'Year', 'Flow', 'Value', 'HS'],
      ['CHN', 'RUS', 2018, 'export', 1.5, '0101'],
      [],
      ['RUS', 'CHN', 2018, 'import', 2, '101'],
    ]);
    const r = await importTidy(store, file, { mapping });
    expect(r.importer).toBe('tidy-xlsx');
    const rows = await store.query<Row>(
      'SELECT row_no, commodity_system, commodity_code, value FROM flows ORDER BY row_no',
    );
    expect(rows).toEqual([
      { row_no: 2, commodity_system: 'HS', commodity_code: '0101', value: 1.5 },
      { row_no: 4, commodity_system: 'HS', commodity_code: '0101', value: 2 },
    ]);
  });

  it('names the sheet row and the column letter of a bad cell', async () => {
    const file = join(dir, 'bad.xlsx');
    await writeBook(file, [
      ['Reporter', 'Partner', 'Year', 'Flow', 'Value', 'HS'],
      ['CHN', 'RUS', 2018, 'export', 1.5, '0101'],
      [],
      ['CHN', 'RUS', 2018, 'export', 'n/a', '0101'],
    ]);
    const err = await importTidy(store, file, { mapping }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message).toBe(
      `${file}:4:E (Value): "n/a": not a number (a number, or empty when the source has none)`,
    );
  });

  it('column letters', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});

describe('a refused mapping', () => {
  it('names each field with its problem and what is valid, one a line; an unknown field says what was meant', () => {
    const err = (() => {
      try {
        parseTidyMapping({ colums: {}, columns: { valu: 'A', value: '' }, decimal_comma: 'yes' }, 'm.yaml');
      } catch (e) {
        return e as ImportFileError;
      }
    })();
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err?.message.split('\n').sort()).toEqual(
      [
        'm.yaml: columns.value: Too small: expected string to have >=1 characters (minimum 1)',
        'm.yaml: decimal_comma: wrong type "yes" (expected boolean)',
        'm.yaml: colums: unknown field "colums" (did you mean "columns"?)',
        'm.yaml: columns.valu: unknown field "valu" (did you mean "value"?)',
      ].sort(),
    );
  });
});
