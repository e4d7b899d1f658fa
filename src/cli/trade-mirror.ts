/**
 * `--fill-mirror` for `amur trade query` and `amur trade indicator`: the
 * flags and how each command runs on the filled series (`src/trade/mirror.ts`).
 * Off by default. The query and the export flag each row (`fill`: reported or
 * mirror) and say on stderr how much of the result is mirror data; an indicator adds that
 * sentence and the filled cells to its notes.
 */
import { type Command, Option } from 'commander';
import { auditMirrorNote } from '../i18n/audit-mirror.ts';
import { type FlowQuery, flowQuerySql } from '../trade/flow-query.ts';
import type { IndicatorNote } from '../trade/indicators/result.ts';
import type { Store } from '../trade/store.ts';
import { CliError } from './output.ts';

export interface FillMirrorFlags {
  fillMirror?: boolean;
  cifFob?: string;
}

/** `--cif-fob <factor>`: the factor of `--fill-mirror` (each command says what its `--fill-mirror` does). */
export const cifFobOption = (): Option =>
  new Option('--cif-fob <factor>', 'with --fill-mirror: the CIF/FOB factor (default 1.06, IMF DOTS)');

/** Adds `--fill-mirror` and `--cif-fob` to a command. */
export function addFillMirrorFlags(cmd: Command): Command {
  return cmd
    .option(
      '--fill-mirror',
      "where a reporter's own report is missing, use its partners' reports (mirror data: flagged, CIF/FOB-adjusted)",
    )
    .addOption(cifFobOption());
}

function factorOf(o: FillMirrorFlags): number | undefined {
  if (o.cifFob === undefined) return undefined;
  if (!o.fillMirror) throw new CliError('--cif-fob applies only with --fill-mirror');
  const f = Number(o.cifFob);
  if (!(Number.isFinite(f) && f >= 1 && f <= 2))
    throw new CliError(`--cif-fob ${JSON.stringify(o.cifFob)}: expected a factor between 1 and 2, e.g. 1.06`);
  return f;
}

/** Runs a flow query on the filled series; rows gain `fill`; the summary goes to stderr. */
export async function queryFilled(
  store: Store,
  query: () => Promise<FlowQuery>,
  o: FillMirrorFlags,
): Promise<Record<string, unknown>[]> {
  const factor = factorOf(o);
  const q = await query();
  if (!o.fillMirror) return store.query(flowQuerySql(q));
  const { CIF_FOB_FACTOR, summarizeFill, withFilledFlows } = await import('../trade/mirror.ts');
  const fill = { mark: 'partner' as const, factor, reporters: q.reporter, partners: q.partner };
  const rows = await withFilledFlows(store, fill, async () =>
    (await store.query<Record<string, unknown>>(flowQuerySql(q))).map((r) => ({
      ...r,
      fill: r.reported_by === 'reporter' ? 'reported' : 'mirror',
    })),
  );
  process.stderr.write(`${summarizeFill(rows, factor ?? CIF_FOB_FACTOR.factor).text}\n`);
  return rows;
}

/**
 * Writes `amur trade export`, on the filled series with `--fill-mirror`: every
 * row keeps `reported_by` and gains `fill` (reported | mirror); the summary
 * goes to stderr.
 */
export async function exportFilledFlows(
  store: Store,
  query: () => Promise<FlowQuery>,
  format: import('../trade/export.ts').ExportFormat,
  out: string,
  o: FillMirrorFlags,
): Promise<{ rows: number; fill?: import('../trade/mirror.ts').FillSummary }> {
  const factor = factorOf(o);
  const q = await query();
  const { exportFilled, exportQuery } = await import('../trade/export.ts');
  if (!o.fillMirror) return { rows: await exportQuery(store, flowQuerySql(q), format, out) };
  const fill = { factor, reporters: q.reporter, partners: q.partner };
  const r = await exportFilled(store, fill, flowQuerySql(q, { fill: true }), format, out);
  process.stderr.write(`${r.fill.text}\n`);
  return r;
}

/** The reporters, partners and years whose fill is summarised: one year, or a range. */
function fillSpan(params: {
  reporter?: string[];
  partner?: string[];
  from?: number;
  to?: number;
  year?: number;
}) {
  return {
    reporter: params.reporter,
    partner: params.partner,
    from: params.year ?? params.from,
    to: params.year ?? params.to,
  };
}

/** Computes an indicator on the filled series and adds what was filled to its notes. */
export async function indicatorFilled<T extends { notes: IndicatorNote[]; indicator: string }>(
  store: Store,
  params: { reporter?: string[]; partner?: string[]; from?: number; to?: number; year?: number },
  o: FillMirrorFlags,
  name: string,
  compute: () => Promise<T>,
): Promise<T> {
  const factor = factorOf(o);
  if (!o.fillMirror) return compute();
  if (name === 'mirror')
    throw new CliError(
      '--fill-mirror does not apply to the mirror indicator (it compares both reports; a filled cell would compare a report with itself)',
    );
  const { CIF_FOB_FACTOR, fillSummaryOf, withFilledFlows } = await import('../trade/mirror.ts');
  return withFilledFlows(
    store,
    { mark: 'estimated', factor, reporters: params.reporter, partners: params.partner },
    async () => {
      const result = await compute();
      const f = factor ?? CIF_FOB_FACTOR.factor;
      const { fillNotes } = await import('../trade/indicators/result.ts');
      result.notes.push(...fillNotes(await fillSummaryOf(store, fillSpan(params), f), f));
      return result;
    },
  );
}

/**
 * Renders a chart, on the filled series with `--fill-mirror`: the library
 * draws the mirror values apart and says in the subtitle how many there are
 * (`ChartParams.fillMirror`, src/trade/charts/data.ts).
 */
export async function chartFilled(
  store: Store,
  kind: import('../trade/charts/index.ts').ChartKind,
  params: import('../trade/charts/index.ts').ChartParams & { lang?: 'en' | 'zh' | 'ru' },
  format: 'svg' | 'png',
  size: { width?: number; height?: number },
  o: FillMirrorFlags,
): Promise<import('../trade/charts/index.ts').RenderedChart> {
  const cifFob = factorOf(o);
  const charts = await import('../trade/charts/index.ts');
  return charts.renderChart(
    store,
    kind,
    { ...params, fillMirror: o.fillMirror === true, cifFob },
    format,
    size,
  );
}

/** What `--fill-mirror` changed in an audit. */
export interface AuditMirror {
  factor: number;
  factorSource: string;
  /** checks that compare with mirror data (they exist only on the filled series) */
  checks: number;
  /** findings that are new or different on the filled series, flagged `mirror: true` */
  findings: number;
  note: string;
}

/**
 * Runs an audit, with `--fill-mirror` on the filled series as well as on the
 * reporters' own reports: the checks only the filled series allows are
 * counted, and every finding that is new or different there is flagged
 * (`mirror: true`, its message prefixed "[mirror data]").
 */
export async function auditFilled<T extends { summary: { checks: number }; findings: { message: string }[] }>(
  store: Store,
  o: FillMirrorFlags,
  run: () => Promise<T>,
): Promise<T & { mirror?: AuditMirror }> {
  const factor = factorOf(o);
  if (!o.fillMirror) return run();
  const { CIF_FOB_FACTOR, withFilledFlows } = await import('../trade/mirror.ts');
  const f = factor ?? CIF_FOB_FACTOR.factor;
  const plain = await run();
  const filled = await withFilledFlows(store, { mark: 'estimated', factor }, run);
  const seen = new Set(plain.findings.map((x) => JSON.stringify(x)));
  let flagged = 0;
  const findings = filled.findings.map((x) => {
    if (seen.has(JSON.stringify(x))) return x;
    flagged++;
    return { ...x, mirror: true, message: `[mirror data] ${x.message}` };
  });
  const checks = Math.max(0, filled.summary.checks - plain.summary.checks);
  const counts = {
    checks,
    total: filled.summary.checks,
    factor: f,
    flagged,
    source: f === CIF_FOB_FACTOR.factor ? 'IMF DOTS' : null,
  };
  const note = auditMirrorNote(counts, 'en');
  return {
    ...filled,
    findings,
    mirror: { factor: f, factorSource: CIF_FOB_FACTOR.source, checks, findings: flagged, note },
  };
}
