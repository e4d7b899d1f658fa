/**
 * Growth indicators.
 *
 * `growth` — year-on-year growth, in %:
 *   g_t = 100 · (v_t / v_{t−1} − 1)
 *   for each series (source, reporter, partner, flow, commodity). Monthly data
 *   compares a month with the same month a year before (`--period month`);
 *   year-to-date data compares January…m with January…m a year before
 *   (`--period ytd`). WITS "Country growth": growth with respect to the
 *   previous year, at current US dollars. Needs the series in two consecutive
 *   years (months); a missing previous period gives no row.
 *
 * `average-growth` — average annual growth over the years selected, in %:
 *   compound (CAGR): 100 · ((v_last / v_first)^(1 / (last − first)) − 1)
 *     (WITS Trade Outcomes "compound annual growth rate");
 *   least squares: fit ln v_t = a + b·t by ordinary least squares over every
 *     year with a positive value; rate = 100 · (e^b − 1) (the World Bank's
 *     least-squares growth rate, WDI "Statistical methods").
 *   Needs at least two years with positive values per series.
 */
import type { Store } from '../store.ts';
import {
  flowConditions,
  type IndicatorDef,
  IndicatorError,
  indicatorNote,
  queryRows,
  requireRows,
  SERIES,
  SERIES_COLUMNS,
  usdNotes,
  yearConditions,
} from './common.ts';

export const growth: IndicatorDef = {
  name: 'growth',
  title: 'Year-on-year growth',
  definition:
    'g_t = 100 · (v_t / v_{t−1} − 1) per series (source, reporter, partner, flow, commodity), current US$; months and year-to-date against the same period a year before (WITS "growth with respect to the previous year")',
  unit: '%',
  needs: 'the same flow in two consecutive years (or months) from one source',
  params: ['reporter', 'partner', 'flow', 'commodity', 'year', 'from', 'to', 'source', 'variant', 'period'],
  async compute(store: Store, p) {
    const period = p.period ?? 'year';
    // the previous period is needed even when it lies before `from`
    const cond = await flowConditions(store, p, { years: false, period });
    const yearCond = yearConditions(p, 'c');
    const sql = `
      WITH f AS (
        SELECT ${SERIES}, year, month, sum(value_usd) AS v, any_value(commodity_label) AS commodity_label
          FROM flows WHERE ${cond.join(' AND ')}
         GROUP BY ${SERIES}, year, month)
      SELECT c.source_id AS source, c.reporter_code AS reporter, c.partner_code AS partner, c.flow,
             c.commodity_code AS commodity, c.commodity_label, c.year, c.month,
             c.v AS value_usd, pr.v AS previous_usd, 100 * (c.v / pr.v - 1) AS growth_pct
        FROM f c JOIN f pr
          ON pr.source_id = c.source_id AND pr.reporter_code = c.reporter_code AND pr.partner_code = c.partner_code
         AND pr.flow = c.flow AND pr.commodity_system = c.commodity_system AND pr.commodity_code = c.commodity_code
         AND pr.year = c.year - 1 AND pr.month IS NOT DISTINCT FROM c.month
       WHERE pr.v <> 0${yearCond.length ? ` AND ${yearCond.join(' AND ')}` : ''}
       ORDER BY source, reporter, partner, flow, commodity, c.year, c.month`;
    const rows = requireRows(
      await queryRows(store, sql),
      `the same flow in two consecutive ${period === 'year' ? 'years' : 'years (same month)'}`,
      p,
    );
    const notes = await usdNotes(store, cond);
    return {
      columns: [...SERIES_COLUMNS, 'year', 'month', 'value_usd', 'previous_usd', 'growth_pct'],
      rows,
      notes,
    };
  },
};

export const averageGrowth: IndicatorDef = {
  name: 'average-growth',
  title: 'Average annual growth (compound and least squares)',
  definition:
    'CAGR = 100 · ((v_last / v_first)^(1/(last − first)) − 1) (WITS Trade Outcomes); least squares: ln v_t = a + b·t fitted over the years, rate = 100 · (e^b − 1) (World Bank WDI least-squares growth rate)',
  unit: '% per year',
  needs: 'a series with positive values in at least two years (annual data)',
  params: ['reporter', 'partner', 'flow', 'commodity', 'year', 'from', 'to', 'source', 'variant'],
  async compute(store: Store, p) {
    if (p.year !== undefined)
      throw new IndicatorError(
        'average-growth needs a range of years: give --from and --to (or neither), not --year',
      );
    const cond = await flowConditions(store, p, { period: 'year' });
    const sql = `
      WITH f AS (
        SELECT ${SERIES}, year, sum(value_usd) AS v, any_value(commodity_label) AS commodity_label
          FROM flows WHERE ${cond.join(' AND ')}
         GROUP BY ${SERIES}, year),
      s AS (
        SELECT ${SERIES}, any_value(commodity_label) AS commodity_label,
               count(*) FILTER (WHERE v > 0)::INTEGER AS years,
               min(year) AS first_year, max(year) AS last_year,
               arg_min(v, year) AS first_usd, arg_max(v, year) AS last_usd,
               regr_slope(ln(v), year) FILTER (WHERE v > 0) AS b,
               count(*) FILTER (WHERE v <= 0)::INTEGER AS non_positive
          FROM f GROUP BY ${SERIES})
      SELECT source_id AS source, reporter_code AS reporter, partner_code AS partner, flow,
             commodity_code AS commodity, commodity_label, first_year, last_year, years, first_usd, last_usd,
             CASE WHEN first_usd > 0 AND last_usd > 0 AND last_year > first_year
                  THEN 100 * (pow(last_usd / first_usd, 1.0 / (last_year - first_year)) - 1) END AS cagr_pct,
             CASE WHEN years >= 2 THEN 100 * (exp(b) - 1) END AS least_squares_pct,
             non_positive
        FROM s WHERE years >= 2
       ORDER BY source, reporter, partner, flow, commodity`;
    const rows = requireRows(
      await queryRows(store, sql),
      'a series with positive values in two years or more',
      p,
    );
    const notes = await usdNotes(store, cond);
    if (rows.some((r) => (r.non_positive as number) > 0)) notes.push(indicatorNote('growth.non-positive'));
    notes.push(indicatorNote('growth.least-squares'));
    return {
      columns: [
        ...SERIES_COLUMNS,
        'first_year',
        'last_year',
        'years',
        'first_usd',
        'last_usd',
        'cagr_pct',
        'least_squares_pct',
      ],
      rows,
      notes,
    };
  },
};

export const GROWTH_INDICATORS = [growth, averageGrowth];
