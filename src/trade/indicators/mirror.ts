/**
 * Mirror statistics: what a reporter says it imported from a partner against
 * what the partner says it exported to the reporter.
 *
 * `mirror` — for reporter i and partner j, commodity k, year t:
 *   M_ij: i's imports from j as reported by i (usually CIF);
 *   X_ji: j's exports to i as reported by j (usually FOB) — either j's own rows
 *         (reporter j, partner i, export) or mirror rows stored with i's view
 *         (reporter i, partner j, import, reported_by = 'partner');
 *   discrepancy_usd = M_ij − X_ji;  discrepancy_pct = 100 · (M_ij − X_ji) / X_ji;
 *   cif_fob_ratio = M_ij / X_ji — the implied CIF/FOB factor (freight and
 *   insurance make it a little above 1, typically 1.0–1.1; IMF/OECD use about
 *   1.06 where nothing better is known); far from that, one side misreports,
 *   re-exports go through a third country, or the partner attribution differs.
 * Both directions (i's imports and i's exports) unless `--flow` picks one.
 * Needs both sides of the same flow.
 */
import type { Store } from '../store.ts';
import { flowConditions, type IndicatorDef, indicatorNote, lit, queryRows, requireRows } from './common.ts';

export const mirror: IndicatorDef = {
  name: 'mirror',
  title: 'Mirror discrepancy and implied CIF/FOB ratio',
  definition:
    'M_ij (i’s imports from j, i’s report, CIF) against X_ji (j’s exports to i, j’s report, FOB): discrepancy = M_ij − X_ji, 100·(M_ij − X_ji)/X_ji, cif_fob_ratio = M_ij / X_ji',
  unit: 'US$, %, ratio',
  needs: 'both reports of the same flow: the importer’s and the exporter’s (or mirror rows)',
  params: ['reporter', 'partner', 'flow', 'commodity', 'year', 'from', 'to', 'source', 'variant'],
  async compute(store: Store, p) {
    const cond = await flowConditions(
      store,
      { ...p, reporter: undefined, partner: undefined, flow: undefined },
      { reportedBy: null, flow: ['export', 'import'] },
    );
    const sides: string[] = [];
    // a row as (importer, exporter, commodity, year, side)
    const norm = `
      SELECT CASE WHEN flow = 'import' THEN reporter_code ELSE partner_code END AS importer,
             CASE WHEN flow = 'import' THEN partner_code ELSE reporter_code END AS exporter,
             commodity_system, commodity_code, year, source_id,
             CASE WHEN (flow = 'import') = (reported_by = 'reporter') THEN 'importer' ELSE 'exporter' END AS side,
             value_usd
        FROM flows WHERE ${cond.join(' AND ')} AND partner_code <> 'WLD' AND reporter_code <> 'WLD'`;
    if (p.flow !== 'export')
      sides.push(
        `(importer IN (SELECT r FROM sel_r)${p.partner?.length ? ' AND exporter IN (SELECT r FROM sel_p)' : ''})`,
      );
    if (p.flow !== 'import')
      sides.push(
        `(exporter IN (SELECT r FROM sel_r)${p.partner?.length ? ' AND importer IN (SELECT r FROM sel_p)' : ''})`,
      );
    const selR = p.reporter?.length
      ? `SELECT unnest([${p.reporter.map(lit).join(', ')}]) AS r`
      : `SELECT DISTINCT reporter_code AS r FROM flows WHERE ${cond.join(' AND ')}`;
    const selP = p.partner?.length
      ? `SELECT unnest([${p.partner.map(lit).join(', ')}]) AS r`
      : 'SELECT NULL AS r';
    const sql = `
      WITH sel_r AS (${selR}), sel_p AS (${selP}),
      n AS (${norm}),
      a AS (SELECT importer, exporter, commodity_code, year,
                   sum(value_usd) FILTER (WHERE side = 'importer') AS m, sum(value_usd) FILTER (WHERE side = 'exporter') AS x,
                   string_agg(DISTINCT source_id, ', ') AS sources
              FROM n WHERE ${sides.join(' OR ')} GROUP BY ALL)
      SELECT importer, exporter, commodity_code AS commodity, year, m AS import_reported_usd, x AS export_reported_usd,
             m - x AS discrepancy_usd, 100 * (m - x) / x AS discrepancy_pct, m / x AS cif_fob_ratio, sources
        FROM a WHERE m IS NOT NULL AND x IS NOT NULL
       ORDER BY importer, exporter, commodity, year`;
    const rows = requireRows(
      await queryRows(store, sql),
      "both reports of the same flow: the importer's imports from the exporter and the exporter's exports to the importer",
      p,
    );
    return {
      columns: [
        'importer',
        'exporter',
        'commodity',
        'year',
        'import_reported_usd',
        'export_reported_usd',
        'discrepancy_usd',
        'discrepancy_pct',
        'cif_fob_ratio',
        'sources',
      ],
      rows,
      notes: [indicatorNote('mirror.ratio')],
    };
  },
};

export const MIRROR_INDICATORS = [mirror];
