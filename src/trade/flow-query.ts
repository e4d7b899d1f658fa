/**
 * A query over `flows` from simple filters (the `amur trade query` and
 * `export` flags, and the HTTP API): reporter, partner, flow, year or period,
 * commodity, source, level, variant. Builds one SQL statement with the values
 * inlined as literals, so the same text can feed `COPY … TO` for exports.
 */
import { z } from 'zod';
import { FLOW_TABLE_COLUMNS } from './flow-columns.ts';
import { sqlLiteral } from './store.ts';
import { Flow } from './vocabulary.ts';

const List = z.array(z.string().min(1)).optional();

export const FlowQuery = z
  .object({
    /** region codes (resolve names first, e.g. with `resolveRegionCode`) */
    reporter: List,
    partner: List,
    flow: z.array(Flow).optional(),
    /** `2016` or `2010-2015` */
    year: z
      .string()
      .regex(/^\d{4}(-\d{4})?$/, 'a year like 2016 or a range like 2010-2015')
      .optional(),
    /** `2016` (any period in 2016), `2016-03` (March 2016) or `2016-ytd-03` (January–March 2016, year to date) */
    period: z
      .string()
      .regex(/^\d{4}(-\d{2}|-ytd-\d{2})?$/, 'a period like 2016, 2016-03 or 2016-ytd-03')
      .optional(),
    /** `TOTAL`, an HS code, or a prefix ending in `*` (`27*` = chapter 27 and below) */
    commodity: List,
    source: List,
    /** reporter level: country, province, city, … */
    level: z.enum(['world', 'country', 'province', 'city', 'port', 'group']).optional(),
    variant: z.enum(['as-reported', 'as-printed', 'as-corrected']).optional(),
    limit: z.number().int().positive().optional(),
  })
  .strict();
export type FlowQuery = z.infer<typeof FlowQuery>;

/**
 * The columns a query returns, in order: the table's, then `trade_mode`
 * (general, border-petty, processing, other; NULL = trade in all modes).
 */
export const FLOW_QUERY_COLUMNS = [...FLOW_TABLE_COLUMNS, 'trade_mode'] as const;

/**
 * On the filled series (`mirror.ts`, `mark: 'partner'`): whose report a row
 * is, `reported` (the reporter's own) or `mirror` (a partner's standing in).
 */
export const FILL_FLAG_SQL = `CASE WHEN reported_by = 'reporter' THEN 'reported' ELSE 'mirror' END`;

const inList = (col: string, values: readonly string[]) =>
  values.length === 1
    ? `${col} = ${sqlLiteral(values[0])}`
    : `${col} IN (${values.map(sqlLiteral).join(', ')})`;

/** The SQL of a flow query (values inlined as literals); `fill` adds the column `fill` (`FILL_FLAG_SQL`). */
export function flowQuerySql(q: FlowQuery, opts: { fill?: boolean } = {}): string {
  const where: string[] = [];
  if (q.reporter?.length) where.push(inList('reporter_code', q.reporter));
  if (q.partner?.length) where.push(inList('partner_code', q.partner));
  if (q.flow?.length) where.push(inList('flow', q.flow));
  if (q.source?.length) where.push(inList('source_id', q.source));
  if (q.level) where.push(`reporter_level = ${sqlLiteral(q.level)}`);
  if (q.variant) where.push(`variant = ${sqlLiteral(q.variant)}`);
  if (q.year) {
    const [a, b] = q.year.split('-').map(Number);
    where.push(b === undefined ? `year = ${a}` : `year BETWEEN ${Math.min(a, b)} AND ${Math.max(a, b)}`);
  }
  if (q.period) {
    const ytd = /^(\d{4})-ytd-(\d{2})$/.exec(q.period);
    const month = /^(\d{4})-(\d{2})$/.exec(q.period);
    if (ytd) where.push(`year = ${Number(ytd[1])} AND period_kind = 'ytd' AND month = ${Number(ytd[2])}`);
    else if (month)
      where.push(`year = ${Number(month[1])} AND period_kind = 'month' AND month = ${Number(month[2])}`);
    else where.push(`year = ${Number(q.period)}`);
  }
  if (q.commodity?.length) {
    const parts = q.commodity.map((c) =>
      c.endsWith('*')
        ? `starts_with(commodity_code, ${sqlLiteral(c.slice(0, -1))})`
        : `commodity_code = ${sqlLiteral(c.toUpperCase() === 'TOTAL' ? 'TOTAL' : c)}`,
    );
    where.push(`(${parts.join(' OR ')})`);
  }
  const columns = opts.fill ? [...FLOW_QUERY_COLUMNS, `${FILL_FLAG_SQL} AS fill`] : FLOW_QUERY_COLUMNS;
  return `SELECT ${columns.join(', ')} FROM flows${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
ORDER BY source_id, reporter_code, partner_code, year, month NULLS FIRST, flow, commodity_code, reported_by, variant, row_no${q.limit ? ` LIMIT ${q.limit}` : ''}`;
}
