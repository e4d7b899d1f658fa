/**
 * The common result shape of every benchmark, and the table they print to.
 * A benchmark module exports `run(args): Promise<BenchRow[]>`; `bench/run.ts`
 * runs them and prints one table.
 */

export interface BenchRow {
  /** Benchmark name, e.g. "road-graph". */
  bench: string;
  /** What was measured within it, e.g. "Amur CH" or "pgr_dijkstra". */
  case: string;
  /** e.g. "query mean", "preprocessing", "memory per edge". */
  metric: string;
  value: number;
  /** e.g. "ms", "s", "B/edge", "count". */
  unit: string;
  /** Ratio to the reference of the benchmark (say which in the note). */
  ratio?: number;
  /** Short remark (why a peer did not run, what a ratio refers to). */
  note?: string;
}

/** Arithmetic mean (NaN for an empty list). */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Percentile by the nearest-rank method (p in 0…100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  if (a >= 0.01) return v.toFixed(3);
  return v.toPrecision(2);
}

function formatRatio(r: number | undefined): string {
  if (r === undefined || !Number.isFinite(r)) return '';
  return r >= 10 ? `${r.toFixed(0)}×` : r >= 1 ? `${r.toFixed(2)}×` : `${r.toPrecision(2)}×`;
}

/** A Markdown table of the rows (also readable in a terminal). */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['bench', 'case', 'metric', 'value', 'unit', 'ratio', 'note'];
  const body = rows.map((r) => [
    r.bench,
    r.case,
    r.metric,
    formatNumber(r.value),
    r.unit,
    formatRatio(r.ratio),
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 3 || i === 5 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const sep = `| ${widths.map((w, i) => (i === 3 || i === 5 ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), sep, ...body.map(line)].join('\n');
}
