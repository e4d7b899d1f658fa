/**
 * Writes query rows to stdout as they arrive (chunks from
 * `src/trade/row-stream.ts`), so that `amur trade query` prints any number of
 * rows in bounded memory: JSON (the same array `printJson` prints), CSV, or a
 * text table printed in pages (columns widen when a later page needs it).
 */
import { once } from 'node:events';
import { csvExportField } from '../trade/csv.ts';
import type { Row } from '../trade/store.ts';

type Chunks = AsyncIterable<Row[]>;

/** Rows of a text table printed per page: the widths are those of the rows seen so far. */
export const TABLE_PAGE_ROWS = 10_000;

/** Writes to stdout, waiting for it to drain when its buffer is full. */
async function write(text: string): Promise<void> {
  if (process.stdout.write(text) === false) await once(process.stdout, 'drain');
}

/** A table cell: integers as they are, other numbers to 10 significant digits, nothing for null. */
export function tableCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
  return String(v);
}

/** A JSON array of the rows, formatted as `JSON.stringify(rows, null, 2)`. Returns the row count. */
export async function writeJsonRows(chunks: Chunks): Promise<number> {
  let n = 0;
  for await (const rows of chunks) {
    let text = '';
    for (const r of rows) {
      text += `${n === 0 ? '[\n' : ',\n'}  ${JSON.stringify(r, null, 2).replaceAll('\n', '\n  ')}`;
      n++;
    }
    await write(text);
  }
  await write(n === 0 ? '[]\n' : '\n]\n');
  return n;
}

/** CSV with a header line (spreadsheet-safe cells, `csvExportField`). Returns the row count. */
export async function writeCsvRows(chunks: Chunks, columns: readonly string[]): Promise<number> {
  await write(`${columns.join(',')}\n`);
  let n = 0;
  for await (const rows of chunks) {
    let text = '';
    for (const r of rows) text += `${columns.map((c) => csvExportField(r[c])).join(',')}\n`;
    n += rows.length;
    await write(text);
  }
  return n;
}

/**
 * A text table: the header, then the rows in pages of `TABLE_PAGE_ROWS`, each
 * page padded to the widest cell seen so far. Prints `empty` when there is no
 * row. Returns the row count.
 */
export async function writeTableRows(
  chunks: Chunks,
  columns: readonly string[],
  empty: string,
): Promise<number> {
  const widths = columns.map((c) => c.length);
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  let page: string[][] = [];
  let n = 0;
  const flush = async () => {
    for (const cells of page) for (const [i, v] of cells.entries()) widths[i] = Math.max(widths[i], v.length);
    if (n === page.length) await write(`${line([...columns])}\n`);
    await write(page.map((cells) => `${line(cells)}\n`).join(''));
    page = [];
  };
  for await (const rows of chunks) {
    for (const r of rows) {
      page.push(columns.map((c) => tableCell(r[c])));
      n++;
      if (page.length >= TABLE_PAGE_ROWS) await flush();
    }
  }
  if (page.length > 0) await flush();
  if (n === 0) await write(`${empty}\n`);
  return n;
}
