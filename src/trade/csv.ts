/**
 * The trade layer's one reader of small CSV texts (reference data, seed
 * tables, the papers' wide tables, the header line of a file DuckDB reads)
 * and its one writer of CSV fields. Large files go through DuckDB's
 * `read_csv` (`importers/common.ts`), not here.
 *
 * RFC 4180 quoting (a quoted field may hold commas, quotes and line breaks);
 * a UTF-8 BOM is ignored; blank lines are skipped; every record keeps the
 * line it starts on (header = line 1), so errors can say `file:line:field`.
 */
import type { z } from 'zod';
import { describeIssues } from '../atlas/problems.ts';
import { csvField } from '../csv-field.ts';
import { AmurError } from '../errors.ts';

export interface CsvRecord {
  /** line of the record in the file (header = 1) */
  line: number;
  cells: string[];
}

/** Parses CSV text (fields split on `delimiter`, a comma unless told) into its header and records, each with its line number. */
export function parseCsvRecords(text: string, delimiter = ','): { header: string[]; records: CsvRecord[] } {
  const s = text.replace(/^\uFEFF/, '');
  const out: CsvRecord[] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    row.push(field);
    field = '';
    if (row.length > 1 || row[0] !== '') out.push({ line: rowLine, cells: row });
    row = [];
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) endRow();
  const [head, ...records] = out;
  return { header: head ? head.cells.map((h) => h.trim()) : [], records };
}

/** A record keyed by the header, with the line it starts on. */
export interface CsvRow {
  line: number;
  fields: Record<string, string>;
}

/** Parses CSV text into records keyed by the header (a missing cell reads as ''), with their line numbers. */
export function parseCsvRows(text: string): CsvRow[] {
  const { header, records } = parseCsvRecords(text);
  return records.map((r) => ({
    line: r.line,
    fields: Object.fromEntries(header.map((h, i) => [h, r.cells[i] ?? ''])),
  }));
}

/**
 * A record of a CSV data file the product ships that its schema refuses: a
 * `data` error listing `file:line:field: problem (what would be valid)`, one
 * issue a line, by the shared describer (`describeIssues`); each problem
 * names the value as written in the file (before any coercion).
 */
export function csvRecordError(file: string, row: CsvRow, issues: z.core.$ZodIssue[]): AmurError {
  const asWritten = issues.map((issue) => {
    const key = issue.path.length === 1 ? issue.path[0] : undefined;
    return typeof key === 'string' && key in row.fields
      ? ({ ...issue, input: row.fields[key] } as z.core.$ZodIssue)
      : issue;
  });
  const problems = describeIssues(asWritten).map(([field, problem]) => {
    const written = field in row.fields ? JSON.stringify(row.fields[field]) : undefined;
    return [field, written === undefined || problem.includes(written) ? problem : `${written}: ${problem}`];
  });
  return new AmurError('data', problems.map(([f, p]) => `${file}:${row.line}:${f}: ${p}`).join('\n'), {
    file,
    record: `line ${row.line}`,
    field: problems[0]?.[0],
  });
}

/** Parses CSV text into records keyed by the header (when the line numbers are not needed). */
export function parseCsvText(text: string): Record<string, string>[] {
  return parseCsvRows(text).map((r) => r.fields);
}

/** Writes one CSV field (quoted when needed): the one writer, `src/csv-field.ts`, shared with the atlas export. */
export { csvField };

/** The characters a spreadsheet reads as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain signed number ("-6", "+1.5", "-2e3"): nothing to evaluate, written as it is. */
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)(e[+-]?\d+)?%?$/i;

/**
 * A text cell made safe to open in a spreadsheet: one that starts with `=`,
 * `+`, `-`, `@`, tab or carriage return gets a leading `'`, as OWASP
 * recommends, so that `=HYPERLINK(…)` in a label stays text. Numbers, and
 * text that is only a signed number ("-6" as printed), are left alone.
 */
export function spreadsheetSafe(v: unknown): unknown {
  return typeof v === 'string' && FORMULA_START.test(v) && !PLAIN_NUMBER.test(v) ? `'${v}` : v;
}

/** A CSV field for a file people open in a spreadsheet: `csvField` of `spreadsheetSafe`. */
export function csvExportField(v: unknown): string {
  return csvField(spreadsheetSafe(v));
}

/** The same rule in SQL, for a VARCHAR expression (DuckDB `COPY … TO` exports). */
export function spreadsheetSafeSql(text: string): string {
  return `CASE WHEN regexp_matches(${text}, '^[=+\\-@\\t\\r]') AND NOT regexp_matches(${text}, '${PLAIN_NUMBER.source}', 'i') THEN '''' || ${text} ELSE ${text} END`;
}
