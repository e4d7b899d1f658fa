/**
 * Exports of a query result to CSV, XLSX, JSON (an array of objects) or
 * Parquet. CSV, JSON and Parquet are written by DuckDB's `COPY … TO`
 * (streamed); XLSX by exceljs's streaming writer, one chunk at a time.
 *
 * CSV text cells that a spreadsheet would evaluate (starting with `=`, `+`,
 * `-`, `@`, tab or CR) are written with a leading `'` (OWASP, CSV
 * injection); XLSX cells are typed text and need nothing.
 *
 * `exportFilled` writes a query on the series filled from partners' mirror
 * reports (`mirror.ts`): every row keeps `reported_by` (reporter | partner)
 * and gains `fill` (reported | mirror), so a downloaded filled series never
 * passes a mirror value off as the reporter's own.
 */
import { z } from 'zod';
import { spreadsheetSafeSql } from './csv.ts';
import { describeFill, type FillMirrorOptions, type FillSummary, withFilledFlows } from './mirror.ts';
import { type Store, sqlIdent, sqlLiteral } from './store.ts';

export const ExportFormat = z.enum(['csv', 'xlsx', 'json', 'parquet']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The most rows one XLSX sheet holds (1,048,576 including the header). */
export const XLSX_MAX_ROWS = 1_048_575;

/** The format a file name implies, or null. */
export function formatFromFileName(file: string): ExportFormat | null {
  const m = /\.(csv|xlsx|json|parquet)$/i.exec(file);
  return m ? (m[1].toLowerCase() as ExportFormat) : null;
}

/** Writes the result of `sql` (one SELECT, no parameters) to `out`. Returns the number of rows written. */
export async function exportQuery(
  store: Store,
  sql: string,
  format: ExportFormat,
  out: string,
): Promise<number> {
  const target = sqlLiteral(out);
  switch (format) {
    case 'csv':
      return copyCount(
        store,
        `COPY (${await spreadsheetSafeQuery(store, sql)}) TO ${target} (FORMAT csv, HEADER true)`,
      );
    case 'json':
      return copyCount(store, `COPY (${sql}) TO ${target} (FORMAT json, ARRAY true)`);
    case 'parquet':
      return copyCount(store, `COPY (${sql}) TO ${target} (FORMAT parquet, COMPRESSION zstd)`);
    case 'xlsx':
      return writeXlsx(store, sql, out);
  }
}

/**
 * `exportQuery` on the filled series (`withFilledFlows`, `mark: 'partner'`):
 * `sql` is a query of `flows` with the column `fill` (`flowQuerySql(q, { fill: true })`).
 * Returns the rows written and how many of them are mirror data.
 */
export async function exportFilled(
  store: Store,
  fill: Omit<FillMirrorOptions, 'mark'>,
  sql: string,
  format: ExportFormat,
  out: string,
): Promise<{ rows: number; fill: FillSummary }> {
  return withFilledFlows(store, { ...fill, mark: 'partner' }, async () => {
    const rows = await exportQuery(store, sql, format, out);
    const [c] = await store.query<{ n: number; m: number; v: number | null; mv: number | null }>(
      `SELECT count(*)::INT AS n, count(*) FILTER (WHERE fill = 'mirror')::INT AS m,
              sum(value_usd) AS v, sum(value_usd) FILTER (WHERE fill = 'mirror') AS mv FROM (${sql})`,
    );
    const summary = { rows: c.n, mirrorRows: c.m, valueUsd: c.v ?? 0, mirrorValueUsd: c.mv ?? 0 };
    return { rows, fill: describeFill(summary, fill.factor) };
  });
}

/** `sql` with every text column passed through `spreadsheetSafeSql`. */
async function spreadsheetSafeQuery(store: Store, sql: string): Promise<string> {
  const columns = await store.query<{ column_name: string; column_type: string }>(`DESCRIBE (${sql})`);
  const text = columns.filter((c) => c.column_type === 'VARCHAR').map((c) => sqlIdent(c.column_name));
  if (text.length === 0) return sql;
  return `SELECT * REPLACE (${text.map((c) => `${spreadsheetSafeSql(c)} AS ${c}`).join(', ')}) FROM (${sql})`;
}

async function copyCount(store: Store, sql: string): Promise<number> {
  const rows = await store.query<Record<string, unknown>>(sql);
  const first = rows[0] ? Object.values(rows[0])[0] : 0;
  return Number(first ?? 0);
}

async function writeXlsx(store: Store, sql: string, out: string): Promise<number> {
  const n = Number((await store.query<{ n: number }>(`SELECT count(*) AS n FROM (${sql})`))[0].n);
  if (n > XLSX_MAX_ROWS)
    throw new Error(
      `${out}: ${n} rows do not fit in one XLSX sheet (at most ${XLSX_MAX_ROWS}); narrow the query or export to csv or parquet`,
    );
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('flows');
  const result = await store.connection.stream(sql);
  const names = result.columnNames();
  ws.addRow(names).commit();
  let written = 0;
  for await (const rows of result.yieldRowsJs()) {
    for (const r of rows) {
      ws.addRow(r.map(xlsxCell)).commit();
      written++;
    }
  }
  ws.commit();
  await wb.commit();
  return written;
}

function xlsxCell(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v === undefined) return null;
  return v;
}
