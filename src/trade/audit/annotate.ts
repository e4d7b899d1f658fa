/**
 * Annotated copies of an audited table: CSV (an `audit` column, and rows for
 * whole-table findings at the end; text cells made spreadsheet-safe) or XLSX
 * (cells coloured by severity with the messages as notes, an `audit` column,
 * and a `findings` sheet), in English, Chinese or Russian (annotate-texts.ts).
 */
import { csvExportField } from '../csv.ts';
import { readPrintedCells } from '../printed-table.ts';
import type { Store } from '../store.ts';
import { annotateLine, FINDINGS_HEADER, KIND_WORD, SEVERITY_NOTE, SEVERITY_WORD } from './annotate-texts.ts';
import type { AuditLang } from './evidence-texts.ts';
import {
  AuditError,
  type AuditResult,
  type Finding,
  SEVERITY_ORDER,
  type Severity,
  sentenceOf,
} from './findings.ts';

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

/** The pieces both copies write, in the language. */
interface Annotation {
  table: AnnotatedTable;
  byRow: Map<string, Finding[]>;
  tableWide: Finding[];
  /** A finding's note: severity, kind, where, and its sentence. */
  note(f: Finding): string;
  /** The first cell of a whole-table finding's row. */
  wholeTable: string;
  /** The header of the findings column. */
  auditColumn: string;
}

function annotation(table: AnnotatedTable, result: AuditResult, lang: AuditLang): Annotation {
  const byRow = new Map<string, Finding[]>();
  const tableWide: Finding[] = [];
  const inTable = (row: string) => table.rows.some((r) => r.key === row);
  for (const f of result.findings) {
    if (f.row !== null && inTable(f.row)) {
      if (!byRow.has(f.row)) byRow.set(f.row, []);
      byRow.get(f.row)!.push(f);
    } else tableWide.push(f);
  }
  const note = (f: Finding) =>
    annotateLine('note', lang, {
      severity: SEVERITY_NOTE[f.severity][lang],
      kind: KIND_WORD[f.kind][lang],
      column: f.column && !f.column.includes(',') ? annotateLine('column', lang, { column: f.column }) : '',
      row: f.row && !inTable(f.row) ? annotateLine('row', lang, { row: f.row }) : '',
      // English: the finding's own message, as the copy has always said it
      message: lang === 'en' ? f.message : sentenceOf(f, lang, result.names),
    });
  return {
    table,
    byRow,
    tableWide,
    note,
    wholeTable: annotateLine('whole-table', lang),
    auditColumn: annotateLine('audit-column', lang),
  };
}

/**
 * Writes a copy of the audited table with its findings: CSV (an `audit` column,
 * and rows for whole-table findings at the end) or XLSX (cells coloured by
 * severity with the messages as notes, an `audit` column, and a `findings` sheet).
 * `lang`: the findings' notes, the added columns' and sheets' names in that
 * language (the table's own column names and row keys stay as imported).
 */
export async function writeAnnotated(
  store: Store,
  result: AuditResult,
  file: string,
  lang: AuditLang = 'en',
): Promise<void> {
  const csv = /\.csv$/i.test(file);
  if (!csv && !/\.xlsx$/i.test(file))
    throw new AuditError(
      `${file}: the annotated copy is written as .csv or .xlsx (give --out annotated.csv or annotated.xlsx)`,
    );
  const table = await printedTable(store, result.source, result.variant);
  const a = annotation(table, result, lang);
  if (csv) await writeCsv(a, file);
  else await writeXlsx(a, result, lang, file);
}

async function writeCsv(a: Annotation, file: string): Promise<void> {
  const { table, byRow, note } = a;
  const { writeFileSync } = await import('node:fs');
  const lines = [[...table.header, a.auditColumn].map(csvExportField).join(',')];
  for (const r of table.rows)
    lines.push(
      [...r.cells.map((c) => c?.text ?? ''), (byRow.get(r.key) ?? []).map(note).join(' | ')]
        .map(csvExportField)
        .join(','),
    );
  for (const f of a.tableWide)
    lines.push(
      [...table.header.map((_, i) => (i === 0 ? a.wholeTable : '')), note(f)].map(csvExportField).join(','),
    );
  writeFileSync(file, `${lines.join('\n')}\n`);
}

async function writeXlsx(a: Annotation, result: AuditResult, lang: AuditLang, file: string): Promise<void> {
  const { table, byRow, note } = a;
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'amur trade audit';
  const ws = wb.addWorksheet(annotateLine('table-sheet', lang));
  const fills: Record<Severity, string> = { error: 'FFF4B6B6', warning: 'FFFFE699', info: 'FFDDEBF7' };
  const head = ws.addRow([...table.header, a.auditColumn]);
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
  for (const f of a.tableWide) {
    const row = ws.addRow([...table.header.map((_, i) => (i === 0 ? a.wholeTable : '')), note(f)]);
    row.getCell(table.header.length + 1).fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: fills[f.severity] },
    };
  }
  ws.getColumn(table.header.length + 1).width = 100;
  const fsheet = wb.addWorksheet(annotateLine('findings-sheet', lang));
  fsheet.addRow(FINDINGS_HEADER.map((h) => h[lang])).font = { bold: true };
  for (const f of result.findings)
    fsheet.addRow([
      SEVERITY_WORD[f.severity][lang],
      KIND_WORD[f.kind][lang],
      f.row,
      f.column,
      f.printed,
      f.expected?.value ?? null,
      f.expected?.min ?? null,
      f.expected?.max ?? null,
      lang === 'en' ? f.message : sentenceOf(f, lang, result.names),
    ]);
  fsheet.getColumn(9).width = 120;
  await wb.xlsx.writeFile(file);
}
