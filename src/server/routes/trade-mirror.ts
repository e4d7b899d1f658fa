/**
 * `fillMirror=true` on `GET /trade/query` and `GET /trade/indicators/:name`,
 * as `--fill-mirror` in `amur trade query|indicator`: where a reporter's own
 * report is missing, its partners' reports stand in (the library's filled
 * series, `src/trade/mirror.ts`, CIF/FOB-adjusted). A query's rows each say
 * whose report they are (`fill`: reported | mirror) and the answer's headers
 * how much of the selection is mirror data; an indicator's answer carries the
 * same sentence in its notes and the counts, share and filled cells in
 * `mirror`.
 */
import { z } from 'zod';
import { type FlowQuery, flowQuerySql } from '../../trade/flow-query.ts';
import { fillNotes, type IndicatorNote } from '../../trade/indicators/result.ts';
import { CIF_FOB_FACTOR, describeFill, type FillSummary, fillSummaryOf } from '../../trade/mirror.ts';
import { type Store, sqlLiteral } from '../../trade/store.ts';
import { badRequest } from '../errors.ts';

/** The URL parameters, added to the query's and the indicators' filters. */
export const FillMirrorParams = {
  fillMirror: z
    .enum(['true', 'false'])
    .optional()
    .describe(
      "true: where a reporter's own report is missing, its partners' reports stand in (mirror data, CIF/FOB-adjusted and flagged), as `--fill-mirror`",
    ),
  cifFob: z.coerce
    .number()
    .pipe(z.number().min(1).max(2))
    .optional()
    .describe(`with fillMirror=true: the CIF/FOB factor (default ${CIF_FOB_FACTOR.factor}, IMF DOTS)`),
};

/** What an indicator computed with fillMirror=true says of the mirror data it used. */
export const MirrorUse = z
  .object({
    factor: z.number().describe('the CIF/FOB factor applied'),
    factorSource: z.string(),
    rows: z.number().int().describe('flows matching the reporter, partner and years'),
    mirrorRows: z.number().int().describe('of them, mirror data (partners’ reports)'),
    rowShare: z.number().describe('mirrorRows / rows'),
    valueUsd: z.number(),
    mirrorValueUsd: z.number(),
    valueShare: z.number().describe('mirrorValueUsd / valueUsd'),
    cells: z
      .array(z.string())
      .describe('the filled cells (reporter→partner flow period commodity, source), at most 500'),
    spans: z.array(z.string()).describe('filled years by reporter, partner and flow'),
    years: z.array(z.number().int()).describe('the years that have mirror data'),
    text: z.string(),
  })
  .describe('MirrorUse');
export type MirrorUse = z.output<typeof MirrorUse>;

const MAX_CELLS = 500;
/** Filled cells named in an indicator's notes (as the CLI). */
const NOTE_CELLS = 12;

/** The factor asked for (undefined: the default); `cifFob` without `fillMirror=true` is a 400. */
export function fillFactorOf(q: { fillMirror?: 'true' | 'false'; cifFob?: number }): number | undefined {
  if (q.cifFob !== undefined && q.fillMirror !== 'true')
    throw badRequest('cifFob', 'cifFob applies only with fillMirror=true', 'fillMirror=true&cifFob=1.06');
  return q.cifFob;
}

const share = (a: number, b: number) => (b > 0 ? a / b : 0);

/**
 * Inside `withFilledFlows` (`mark: 'partner'`): how much of every row the
 * query selects (all pages) is mirror data.
 */
export async function querySelectionFill(store: Store, q: FlowQuery, factor: number): Promise<FillSummary> {
  const [c] = await store.query<{ n: number; m: number; v: number | null; mv: number | null }>(
    `SELECT count(*)::INT AS n, count(*) FILTER (WHERE fill = 'mirror')::INT AS m,
            sum(value_usd) AS v, sum(value_usd) FILTER (WHERE fill = 'mirror') AS mv
       FROM (${flowQuerySql({ ...q, limit: undefined }, { fill: true })})`,
  );
  return describeFill({ rows: c.n, mirrorRows: c.m, valueUsd: c.v ?? 0, mirrorValueUsd: c.mv ?? 0 }, factor);
}

/** The headers that say how much of a query's selection is mirror data. */
export function fillHeaders(s: FillSummary, factor: number): Record<string, string> {
  return {
    'x-amur-fill-mirror': s.text.replace(/[^\x20-\x7e]/g, '?'),
    'x-amur-mirror-rows': String(s.mirrorRows),
    'x-amur-matching-rows': String(s.rows),
    'x-amur-mirror-value-share': share(s.mirrorValueUsd, s.valueUsd).toFixed(4),
    'x-amur-cif-fob': String(factor),
  };
}

/** Inside `withFilledFlows`: the years of the reporter's and partner's flows that are mirror data. */
async function mirrorYears(
  store: Store,
  p: { reporter?: string[]; partner?: string[]; year?: number; from?: number; to?: number },
): Promise<number[]> {
  const w = [`fill = 'mirror'`];
  if (p.reporter?.length) w.push(`reporter_code IN (${p.reporter.map(sqlLiteral).join(', ')})`);
  if (p.partner?.length) w.push(`partner_code IN (${p.partner.map(sqlLiteral).join(', ')})`);
  const from = p.year ?? p.from;
  const to = p.year ?? p.to;
  if (from !== undefined) w.push(`year >= ${Number(from)}`);
  if (to !== undefined) w.push(`year <= ${Number(to)}`);
  const rows = await store.query<{ y: number }>(
    `SELECT DISTINCT year::INT AS y FROM flows WHERE ${w.join(' AND ')} ORDER BY y`,
  );
  return rows.map((r) => r.y);
}

/**
 * Inside `withFilledFlows` (`mark: 'estimated'`), after the indicator ran:
 * adds what was filled to its notes (the CLI's sentences) and `mirror`.
 */
export async function noteIndicatorFill<T extends { notes: IndicatorNote[] }>(
  store: Store,
  result: T,
  p: { reporter?: string[]; partner?: string[]; year?: number; from?: number; to?: number },
  factor: number,
): Promise<T & { mirror: MirrorUse }> {
  const s = await fillSummaryOf(
    store,
    { reporter: p.reporter, partner: p.partner, from: p.year ?? p.from, to: p.year ?? p.to },
    factor,
    MAX_CELLS,
  );
  const years = await mirrorYears(store, p);
  result.notes.push(...fillNotes(s, factor, NOTE_CELLS));
  return {
    ...result,
    mirror: {
      factor,
      factorSource:
        factor === CIF_FOB_FACTOR.factor ? CIF_FOB_FACTOR.source : 'given by the request (cifFob)',
      rows: s.rows,
      mirrorRows: s.mirrorRows,
      rowShare: share(s.mirrorRows, s.rows),
      valueUsd: s.valueUsd,
      mirrorValueUsd: s.mirrorValueUsd,
      valueShare: share(s.mirrorValueUsd, s.valueUsd),
      cells: s.cells,
      spans: s.spans,
      years,
      text: s.text,
    },
  };
}
