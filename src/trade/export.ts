/**
 * Exports of a query result to CSV, XLSX, JSON (an array of objects) or
 * Parquet. CSV, JSON and Parquet are written by DuckDB's `COPY … TO`
 * (streamed); XLSX by exceljs's streaming writer, one chunk at a time.
 *
 * CSV text cells that a spreadsheet would evaluate (starting with `=`, `+`,
 * `-`, `@`, tab or CR) are written with a leading `'` (OWASP, CSV
 * injection); XLSX cells are typed text and need nothing.
 */
import { z } from 'zod';
import { spreadsheetSafeSql } from './csv.ts';
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
