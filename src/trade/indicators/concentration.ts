/**
 * Concentration and diversification.
 *
 * `hhi` — Herfindahl–Hirschman index of a reporter's trade across products
 *   (`--by product`, default) or partners (`--by partner`), per source,
 *   reporter, flow and year:
 *     s_k = x_k / Σ x_k            (shares among the N products/partners with x_k > 0)
 *     HHI = Σ s_k² = Σ x_k² / (Σ x_k)²   (WITS "Hirschman Herfindahl index")
 *     normalised = (HHI − 1/N) / (1 − 1/N)        (0 when N = 1 is undefined: NULL)
 *     UNCTAD concentration = (√HHI − √(1/N)) / (1 − √(1/N))
 *   Products are HS codes of one level (`--level`, default the finest present)
 *   or a source's own categories (which may overlap); partners are countries
 *   (partner level `country`, never WLD or groups).
 *
 * `diversification` — how much a reporter's export structure differs from the
 *   world's (UNCTAD diversification index):
 *     DX_i = ½ Σ_k |h_ik − h_k|
 *   h_ik: share of product k in i's exports (to WLD, or the sum over partners),
 *   h_k: share of product k in world exports (table `world_totals`, the same HS
 *   level). 0 = the world's structure, 1 = nothing in common. Refuses without
 *   world totals; `--method count` gives the number of products exported and
 *   the equivalent number 1/HHI instead, which need no world data.
 */
import type { Store } from '../store.ts';
import {
  flowConditions,
  type IndicatorDef,
  IndicatorError,
  type IndicatorNote,
  indicatorNote,
  missingUsdNote,
  ownCategoriesNote,
  productConditionFor,
  productLevel,
  queryRows,
  requireRows,
} from './common.ts';

export const hhi: IndicatorDef = {
  name: 'hhi',
  title: 'Herfindahl–Hirschman concentration (products or partners)',
  definition:
    'HHI = Σ s_k², s_k = x_k / Σ x_k over products (one HS level) or partner countries; normalised (HHI − 1/N)/(1 − 1/N) (WITS); UNCTAD concentration (√HHI − √(1/N))/(1 − √(1/N))',
  unit: 'index 0…1',
  needs: 'a reporter’s flows by product (at one HS level) or by partner country',
  params: [
    'by',
    'reporter',
    'partner',
    'flow',
    'commodity',
    'level',
    'year',
    'from',
    'to',
    'source',
    'variant',
  ],
  async compute(store: Store, p) {
    const by = p.by ?? 'product';
    let cond: string[];
    let item: string;
    let where: string;
    const notes: IndicatorNote[] = [];
    if (by === 'product') {
      cond = await flowConditions(store, p, { partner: false });
      cond.push(
        `partner_code = ${p.partner?.length === 1 ? `'${p.partner[0].replaceAll("'", "''")}'` : "'WLD'"}`,
      );
      const level = await productLevel(store, cond, p);
      where = await productConditionFor(store, level);
      item = 'commodity_code';
      const partner = p.partner?.length === 1 ? p.partner[0] : 'WLD';
      notes.push(
        level === null
          ? indicatorNote('hhi.products-own', { partner })
          : indicatorNote('hhi.products-hs', { level, partner }),
      );
    } else {
      cond = await flowConditions(store, p, { partner: false, commodity: false });
      cond.push(
        p.commodity?.length === 1
          ? `commodity_code = '${p.commodity[0].replaceAll("'", "''")}'`
          : "commodity_code = 'TOTAL'",
      );
      where = "partner_level = 'country' AND partner_code <> 'WLD'";
      item = 'partner_code';
      notes.push(indicatorNote('hhi.partners'));
    }
    const sql = `
      WITH x AS (SELECT source_id, reporter_code, flow, year, ${item} AS item, bool_or(commodity_system = 'SRC') AS own,
                        sum(value_usd) AS x
                   FROM flows WHERE ${cond.join(' AND ')} AND ${where} GROUP BY source_id, reporter_code, flow, year, ${item}
                 HAVING sum(value_usd) > 0),
      -- Σ s² = Σ x² / (Σ x)²: no window needed
      h AS (SELECT source_id, reporter_code, flow, year, count(*)::INTEGER AS n, sum(x) AS total_usd,
                   sum(x * x) / (sum(x) * sum(x)) AS hhi, bool_or(own) AS own_categories
              FROM x GROUP BY source_id, reporter_code, flow, year)
      SELECT source_id AS source, reporter_code AS reporter, flow, year, n, total_usd, hhi,
             CASE WHEN n > 1 THEN (hhi - 1.0 / n) / (1 - 1.0 / n) END AS hhi_normalised,
             CASE WHEN n > 1 THEN (sqrt(hhi) - sqrt(1.0 / n)) / (1 - sqrt(1.0 / n)) END AS unctad_concentration,
             own_categories
        FROM h
       ORDER BY source, reporter, flow, year`;
    const rows = requireRows(
      await queryRows(store, sql),
      by === 'product' ? 'flows by product (HS codes or own categories)' : 'flows by partner country',
      p,
    );
    if (rows.some((r) => r.own_categories)) notes.push(ownCategoriesNote());
    const m = await missingUsdNote(store, cond);
    if (m) notes.push(m);
    return {
      columns: [
        'source',
        'reporter',
        'flow',
        'year',
        'n',
        'total_usd',
        'hhi',
        'hhi_normalised',
        'unctad_concentration',
      ],
      rows: rows.map(({ own_categories: _, ...r }) => r),
      notes,
    };
  },
};

export const diversification: IndicatorDef = {
  name: 'diversification',
  title: 'Export diversification (UNCTAD)',
  definition:
    'DX_i = ½ Σ_k |h_ik − h_k|, h_ik share of product k in i’s exports, h_k share of k in world exports (world_totals) (UNCTAD diversification index); --method count: products exported and 1/HHI',
  unit: 'index 0…1 (count: products)',
  needs:
    'the reporter’s exports by HS product and, for the UNCTAD index, world exports by product (world_totals) at the same level',
  params: ['method', 'reporter', 'level', 'year', 'from', 'to', 'source', 'variant'],
  async compute(store: Store, p) {
    const method = p.method ?? 'unctad';
    if (method !== 'unctad' && method !== 'count')
      throw new IndicatorError(`diversification --method ${method}: not a method (unctad or count)`);
    const cond = await flowConditions(store, { ...p, flow: 'export' }, { partner: false, commodity: false });
    const level = await productLevel(store, cond, p);
    const pc = await productConditionFor(store, level);
    if (level === null)
      throw new IndicatorError(
        "diversification needs HS products; a source's own categories (commodity system SRC) are not a nomenclature",
      );
    const x = `
      WITH raw AS (SELECT source_id, reporter_code, year, commodity_system, commodity_code, partner_code, value_usd
                     FROM flows WHERE ${cond.join(' AND ')} AND ${pc}),
      has_wld AS (SELECT source_id, reporter_code, year, bool_or(partner_code = 'WLD') AS w FROM raw GROUP BY ALL),
      x AS (SELECT r.source_id, r.reporter_code, r.year, r.commodity_system, r.commodity_code, sum(r.value_usd) AS x
              FROM raw r JOIN has_wld h USING (source_id, reporter_code, year)
             WHERE (h.w AND r.partner_code = 'WLD') OR (NOT h.w AND r.partner_code <> 'WLD')
             GROUP BY ALL HAVING sum(r.value_usd) > 0),
      xs AS (SELECT *, x / sum(x) OVER (PARTITION BY source_id, reporter_code, year) AS h FROM x)`;
    if (method === 'count') {
      const rows = requireRows(
        await queryRows(
          store,
          `${x}
          SELECT source_id AS source, reporter_code AS reporter, year, count(*)::INTEGER AS products,
                 1 / sum(h * h) AS equivalent_products
            FROM xs GROUP BY ALL ORDER BY source, reporter, year`,
        ),
        `exports by HS${level} product`,
        p,
      );
      return {
        columns: ['source', 'reporter', 'year', 'products', 'equivalent_products'],
        rows,
        notes: [indicatorNote('products.exported', { level })],
      };
    }
    const wt = await store.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM world_totals WHERE flow = 'export' AND commodity_code <> 'TOTAL' AND length(commodity_code) = ${level}`,
    );
    if ((wt[0]?.n ?? 0) === 0)
      throw new IndicatorError(
        `the UNCTAD diversification index needs world exports by HS${level} product (table world_totals), which the store does not have; the sum of the loaded reporters is not the world. Load world totals, or use --method count`,
      );
    const sql = `${x},
      w AS (SELECT year, commodity_system, commodity_code, value_usd AS w FROM world_totals
             WHERE flow = 'export' AND commodity_code <> 'TOTAL' AND length(commodity_code) = ${level}),
      ws AS (SELECT *, w / sum(w) OVER (PARTITION BY year) AS hw FROM w),
      reps AS (SELECT DISTINCT source_id, reporter_code, year FROM xs WHERE year IN (SELECT year FROM ws)),
      keys AS (SELECT source_id, reporter_code, year, commodity_code FROM xs WHERE year IN (SELECT year FROM ws)
               UNION
               SELECT r.source_id, r.reporter_code, r.year, ws.commodity_code FROM reps r JOIN ws ON ws.year = r.year),
      pairs AS (SELECT k.source_id, k.reporter_code, k.year, coalesce(xs.h, 0) AS h, coalesce(ws.hw, 0) AS hw
                  FROM keys k
                  LEFT JOIN xs ON xs.source_id = k.source_id AND xs.reporter_code = k.reporter_code
                              AND xs.year = k.year AND xs.commodity_code = k.commodity_code
                  LEFT JOIN ws ON ws.year = k.year AND ws.commodity_code = k.commodity_code)
      SELECT source_id AS source, reporter_code AS reporter, year, 0.5 * sum(abs(h - hw)) AS diversification,
             count(*) FILTER (WHERE h > 0)::INTEGER AS products
        FROM pairs GROUP BY ALL ORDER BY source, reporter, year`;
    const rows = requireRows(
      await queryRows(store, sql),
      `exports by HS${level} product in years with world totals`,
      p,
    );
    return {
      columns: ['source', 'reporter', 'year', 'diversification', 'products'],
      rows,
      notes: [indicatorNote('products.world-shares', { level })],
    };
  },
};

export const CONCENTRATION_INDICATORS = [hhi, diversification];
