/**
 * Intra-industry trade: Grubel–Lloyd indices.
 *
 * For reporter i and partner j (default the world), per product k at one HS
 * level (or the source's own categories):
 *
 * `--method product` (default): GL_k = 1 − |x_k − m_k| / (x_k + m_k)
 *   (Grubel & Lloyd 1975): 1 = all trade in k is two-way, 0 = one-way.
 * `--method aggregate`: GL = Σ_k (x_k + m_k − |x_k − m_k|) / Σ_k (x_k + m_k),
 *   the trade-weighted mean of GL_k, unadjusted for the overall imbalance.
 * `--method marginal`: Brülhart's A index of marginal intra-industry trade
 *   between a base year t0 (`--from`) and t (`--to` or `--year`):
 *   A_k = 1 − |ΔX_k − ΔM_k| / (|ΔX_k| + |ΔM_k|), ΔX_k = x_k,t − x_k,t0;
 *   aggregate A = Σ_k w_k A_k with w_k = (|ΔX_k| + |ΔM_k|) / Σ (|ΔX| + |ΔM|)
 *   (Brülhart 1994). Products with no change in either flow are left out.
 *
 * Needs exports and imports of the same reporter, partner and products.
 */
import type { Store } from '../store.ts';
import {
  flowConditions,
  type IndicatorDef,
  IndicatorError,
  indicatorNote,
  ownCategoriesNote,
  productConditionFor,
  productLevel,
  queryRows,
  requireRows,
} from './common.ts';

export const grubelLloyd: IndicatorDef = {
  name: 'grubel-lloyd',
  title: 'Grubel–Lloyd intra-industry trade (product, aggregate, marginal)',
  definition:
    'GL_k = 1 − |x_k − m_k|/(x_k + m_k); aggregate Σ(x_k + m_k − |x_k − m_k|)/Σ(x_k + m_k) (Grubel & Lloyd 1975); marginal A_k = 1 − |ΔX_k − ΔM_k|/(|ΔX_k| + |ΔM_k|), weighted by (|ΔX_k| + |ΔM_k|) (Brülhart 1994)',
  unit: 'index 0…1',
  needs: 'exports and imports by product of the same reporter and partner (two years for marginal)',
  params: ['method', 'reporter', 'partner', 'commodity', 'level', 'year', 'from', 'to', 'source', 'variant'],
  async compute(store: Store, p) {
    const method = p.method ?? 'product';
    if (!['product', 'aggregate', 'marginal'].includes(method))
      throw new IndicatorError(
        `grubel-lloyd --method ${method}: not a method (product, aggregate or marginal)`,
      );
    const partner = p.partner ?? ['WLD'];
    const base = { ...p, partner };
    let years = '';
    if (method === 'marginal') {
      const t1 = p.to ?? p.year;
      if (p.from === undefined || t1 === undefined || t1 <= p.from)
        throw new IndicatorError(
          'grubel-lloyd --method marginal needs a base year and a later year: --from 2010 --to 2015',
        );
      base.year = undefined;
      base.from = undefined;
      base.to = undefined;
      years = `AND year IN (${p.from}, ${t1})`;
    }
    const cond = await flowConditions(store, base, { flow: ['export', 'import'] });
    const level = await productLevel(store, cond, p);
    const pc = await productConditionFor(store, level);
    const xm = `
      WITH xm AS (SELECT source_id, reporter_code, partner_code, year, commodity_code, any_value(commodity_label) AS label,
                         coalesce(sum(value_usd) FILTER (WHERE flow = 'export'), 0) AS x,
                         coalesce(sum(value_usd) FILTER (WHERE flow = 'import'), 0) AS m,
                         bool_or(commodity_system = 'SRC') AS own
                    FROM flows WHERE ${cond.join(' AND ')} AND ${pc} ${years} GROUP BY ALL)`;
    const notes = [
      level === null
        ? indicatorNote('grubel-lloyd.own', { partners: partner.join(', ') })
        : indicatorNote('grubel-lloyd.hs', { partners: partner.join(', '), level }),
    ];
    let sql: string;
    let columns: string[];
    if (method === 'product') {
      sql = `${xm}
        SELECT source_id AS source, reporter_code AS reporter, partner_code AS partner, year, commodity_code AS commodity,
               label AS commodity_label, x AS export_usd, m AS import_usd, 1 - abs(x - m) / (x + m) AS gl, own
          FROM xm WHERE x + m > 0 ORDER BY source, reporter, partner, year, commodity`;
      columns = [
        'source',
        'reporter',
        'partner',
        'year',
        'commodity',
        'commodity_label',
        'export_usd',
        'import_usd',
        'gl',
      ];
    } else if (method === 'aggregate') {
      sql = `${xm}
        SELECT source_id AS source, reporter_code AS reporter, partner_code AS partner, year, count(*)::INTEGER AS products,
               sum(x) AS export_usd, sum(m) AS import_usd, sum(x + m - abs(x - m)) / sum(x + m) AS gl, bool_or(own) AS own
          FROM xm WHERE x + m > 0 GROUP BY ALL ORDER BY source, reporter, partner, year`;
      columns = ['source', 'reporter', 'partner', 'year', 'products', 'export_usd', 'import_usd', 'gl'];
    } else {
      const t1 = p.to ?? p.year;
      sql = `${xm},
        d AS (SELECT a.source_id, a.reporter_code, a.partner_code, a.commodity_code,
                     coalesce(b.x, 0) - coalesce(a.x, 0) AS dx, coalesce(b.m, 0) - coalesce(a.m, 0) AS dm, a.own OR b.own AS own
                FROM (SELECT * FROM xm WHERE year = ${p.from}) a
                FULL JOIN (SELECT * FROM xm WHERE year = ${t1}) b
                  USING (source_id, reporter_code, partner_code, commodity_code))
        SELECT source_id AS source, reporter_code AS reporter, partner_code AS partner, ${p.from} AS from_year, ${t1} AS to_year,
               count(*)::INTEGER AS products, sum(dx) AS delta_export_usd, sum(dm) AS delta_import_usd,
               sum(abs(dx) + abs(dm) - abs(dx - dm)) / sum(abs(dx) + abs(dm)) AS marginal_gl, bool_or(own) AS own
          FROM d WHERE abs(dx) + abs(dm) > 0 GROUP BY ALL ORDER BY source, reporter, partner`;
      columns = [
        'source',
        'reporter',
        'partner',
        'from_year',
        'to_year',
        'products',
        'delta_export_usd',
        'delta_import_usd',
        'marginal_gl',
      ];
    }
    const rows = requireRows(
      await queryRows(store, sql),
      `exports and imports by product of the same reporter and partner${method === 'marginal' ? ' in both years' : ''}`,
      p,
    );
    if (rows.some((r) => r.own)) notes.push(ownCategoriesNote());
    if (rows.every((r) => Number(r.export_usd ?? 1) === 0 || Number(r.import_usd ?? 1) === 0))
      notes.push(indicatorNote('grubel-lloyd.one-way'));
    return { columns, rows: rows.map(({ own: _, ...r }) => r), notes };
  },
};

export const INTRA_INDUSTRY_INDICATORS = [grubelLloyd];
