/**
 * Annotated copies of an audited table: CSV (an `audit` column, and rows for
 * whole-table findings at the end; text cells made spreadsheet-safe) or XLSX
 * (cells coloured by severity with the messages as notes, an `audit` column,
 * and a `findings` sheet).
 */
import { csvExportField } from '../csv.ts';
import { readPrintedCells } from '../printed-table.ts';
import type { Store } from '../store.ts';
import { AuditError, type AuditResult, type Finding, SEVERITY_ORDER, type Severity } from './findings.ts';

const SEVERITY_LETTER: Record<Severity, string> = { error: 'E', warning: 'W', info: 'I' };

interface AnnotatedTable {
  header: string[];
  rows: { key: string; cells: { text: string; value: number | null; decimals: number | null }[] }[];
}

async function printedTable(store: Store, sourceId: string, variant: string): Promise<AnnotatedTable> {
  const cells = await readPrintedCells(store, { sourceId, variant });
  const header: string[] = [];
  const rows = new Map<number, AnnotatedTable['rows'][number]>();
  for (const c of cells) {
    header[c.column_no - 1] = c.column_name;
    if (!rows.has(c.row_no)) rows.set(c.row_no, { key: c.row_key, cells: [] });
    rows.get(c.row_no)!.cells[c.column_no - 1] = {
      text: c.printed,
      value: ['value', 'growth', 'share', 'quantity', 'rank'].includes(c.role) ? c.value : null,
      decimals: c.decimals,
    };
  }
  return { header, rows: [...rows.values()] };
}

/**
 * Writes a copy of the audited table with its findings: CSV (an `audit` column,
 * and rows for whole-table findings at the end) or XLSX (cells coloured by
 * severity with the messages as notes, an `audit` column, and a `findings` sheet).
 */
export async function writeAnnotated(store: Store, result: AuditResult, file: string): Promise<void> {
  const table = await printedTable(store, result.source, result.variant);
  const byRow = new Map<string, Finding[]>();
  const tableWide: Finding[] = [];
  for (const f of result.findings) {
    if (f.row !== null && table.rows.some((r) => r.key === f.row)) {
      if (!byRow.has(f.row)) byRow.set(f.row, []);
      byRow.get(f.row)!.push(f);
    } else tableWide.push(f);
  }
  const note = (f: Finding) =>
    `${SEVERITY_LETTER[f.severity]} ${f.kind}${f.column && !f.column.includes(',') ? ` ${f.column}` : ''}${f.row && !table.rows.some((r) => r.key === f.row) ? ` (${f.row})` : ''}: ${f.message}`;
  if (/\.csv$/i.test(file)) {
    const { writeFileSync } = await import('node:fs');
    const lines = [[...table.header, 'audit'].map(csvExportField).join(',')];
    for (const r of table.rows)
      lines.push(
        [...r.cells.map((c) => c?.text ?? ''), (byRow.get(r.key) ?? []).map(note).join(' | ')]
          .map(csvExportField)
          .join(','),
      );
    for (const f of tableWide)
      lines.push(
        [...table.header.map((_, i) => (i === 0 ? '(whole table)' : '')), note(f)]
          .map(csvExportField)
          .join(','),
      );
    writeFileSync(file, `${lines.join('\n')}\n`);
    return;
  }
  if (!/\.xlsx$/i.test(file))
    throw new AuditError(
      `${file}: the annotated copy is written as .csv or .xlsx (give --out annotated.csv or annotated.xlsx)`,
    );
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'amur trade audit';
  const ws = wb.addWorksheet('table');
  const fills: Record<Severity, string> = { error: 'FFF4B6B6', warning: 'FFFFE699', info: 'FFDDEBF7' };
  const head = ws.addRow([...table.header, 'audit']);
  head.font = { bold: true };
  for (const r of table.rows) {
    const fs = byRow.get(r.key) ?? [];
    const row = ws.addRow([
      ...r.cells.map((c) => (c?.value ?? c?.text ?? '') as string | number),
      fs.map(note).join('\n'),
    ]);
    r.cells.forEach((c, i) => {
      if (c?.value !== null && c?.value !== undefined && c.decimals !== null)
        row.getCell(i + 1).numFmt = c.decimals > 0 ? `0.${'0'.repeat(c.decimals)}` : '0';
      const here = fs.filter((f) => f.column === table.header[i]);
      if (here.length) {
        const worst = here.reduce(
          (a, f) => (SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[a] ? f.severity : a),
          'info' as Severity,
        );
        row.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fills[worst] } };
        row.getCell(i + 1).note = here.map(note).join('\n');
      }
    });
  }
  for (const f of tableWide) {
    const row = ws.addRow([...table.header.map((_, i) => (i === 0 ? '(whole table)' : '')), note(f)]);
    row.getCell(table.header.length + 1).fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: fills[f.severity] },
    };
  }
  ws.getColumn(table.header.length + 1).width = 100;
  const fsheet = wb.addWorksheet('findings');
  fsheet.addRow(['severity', 'kind', 'row', 'column', 'printed', 'expected', 'min', 'max', 'message']).font =
    {
      bold: true,
    };
  for (const f of result.findings)
    fsheet.addRow([
      f.severity,
      f.kind,
      f.row,
      f.column,
      f.printed,
      f.expected?.value ?? null,
      f.expected?.min ?? null,
      f.expected?.max ?? null,
      f.message,
    ]);
  fsheet.getColumn(9).width = 120;
  await wb.xlsx.writeFile(file);
}
