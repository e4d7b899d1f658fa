/**
 * Comparative indicators: revealed comparative advantage, export
 * specialisation, trade intensity, trade complementarity.
 *
 * Product structures use HS codes of one level (`--level`, default the finest
 * present); a reporter's exports to the world are its rows for partner WLD
 * when the selection has any, else the sum over partner countries (stated in
 * the notes). World figures come from `world_totals` only — never from the sum
 * of the reporters that happen to be loaded — and each indicator refuses when
 * they are missing.
 *
 * `rca` — Balassa's revealed comparative advantage (WITS):
 *   RCA_ik = (x_ik / X_i) / (w_k / W)
 *   x_ik: i's exports of product k; X_i = Σ_k x_ik; w_k: world exports of k
 *   (world_totals); W = Σ_k w_k, over the products of the same HS level.
 *   RCA > 1: revealed advantage.
 *
 * `specialisation` — export specialisation (WITS "Export Specialization"):
 *   ES_ik,j = (x_ik / X_i) / (m_jk / M_j)
 *   the share of product k in i's exports over its share in partner j's imports
 *   (j's own import reports, partner WLD or the sum over partners). Without
 *   `--partner`, the world's imports (world_totals, flow import) take j's place.
 *
 * `intensity` — trade intensity index (WITS):
 *   TII_ij = (x_ij / X_i) / (x_wj / X_w)
 *   x_ij: i's exports to j; X_i: i's exports to the world; x_wj: the world's
 *   exports to j, measured by j's imports from the world (its own report, CIF:
 *   noted); X_w: world exports (world_totals, TOTAL). Values > 1: i exports
 *   more to j than j's weight in world trade.
 *
 * `complementarity` — trade complementarity index (Michaely 1996; WITS):
 *   TC_ij = 100 · (1 − ½ Σ_k |m_jk − x_ik|)
 *   x_ik: share of k in i's exports, m_jk: share of k in j's imports. As both
 *   sets of shares add up to 1, Σ_k |m_jk − x_ik| = 2 − 2 Σ_k min(m_jk, x_ik),
 *   so TC_ij = 100 · Σ_k min(x_ik, m_jk), computed over the products the two
 *   have in common. 0: no match, 100: i's exports mirror j's imports. A matrix
 *   over every exporter i (`--reporter`) and importer j (`--partner`), i ≠ j.
 */
import type { Store } from '../store.ts';
import {
  flowConditions,
  type IndicatorDef,
  IndicatorError,
  type IndicatorParams,
  indicatorNote,
  lit,
  productConditionFor,
  productLevel,
  queryRows,
  requireRows,
} from './common.ts';

/** Whether the selection has partner WLD rows (probed with LIMIT 1): decides how "to the world" is measured. */
async function hasWorldRows(store: Store, cond: string[]): Promise<boolean> {
  const r = await store.query(
    `SELECT 1 AS one FROM flows WHERE ${cond.join(' AND ')} AND partner_code = 'WLD' LIMIT 1`,
  );
  return r.length > 0;
}

/** Flows of reporters with the world: WLD rows, or partner countries to sum. */
function worldPartner(wld: boolean): string {
  return wld ? "partner_code = 'WLD'" : "partner_code <> 'WLD' AND partner_level = 'country'";
}

/** How the trade with the world was measured: the reporters' `WLD` rows, or the sum over their partners. */
const worldNote = (
  wld: boolean,
  trade: 'exports' | 'partner-imports' | 'exporter-exports' | 'importer-imports',
) => indicatorNote(wld ? 'world.partner-wld' : 'world.partner-sum', { trade });

async function structureSetup(
  store: Store,
  p: IndicatorParams,
  flow: 'export' | 'import',
  reporterField = true,
) {
  const cond = await flowConditions(
    store,
    { ...p, flow, partner: undefined, reporter: reporterField ? p.reporter : undefined },
    { partner: false },
  );
  const level = await productLevel(store, cond, p);
  if (level === null)
    throw new IndicatorError(
      "this indicator needs HS products; a source's own categories (commodity system SRC) are not a nomenclature",
    );
  const wld = await hasWorldRows(store, cond);
  return { cond, level, wld };
}

async function requireWorld(
  store: Store,
  flow: 'export' | 'import',
  level: number,
  p: IndicatorParams,
  what: string,
) {
  const years = p.year !== undefined ? `AND year = ${p.year}` : '';
  const r = await store.query<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM world_totals WHERE flow = ${lit(flow)} AND commodity_code <> 'TOTAL'
        AND length(commodity_code) = ${level} ${years}`,
  );
  if ((r[0]?.n ?? 0) === 0)
    throw new IndicatorError(
      `${what} needs world ${flow}s by HS${level} product${p.year !== undefined ? ` for ${p.year}` : ''} (table world_totals), which the store does not have. The sum of the loaded reporters is never used as the world: load true world totals (e.g. BACI or Comtrade world aggregates) first`,
    );
}

export const rca: IndicatorDef = {
  name: 'rca',
  title: 'Revealed comparative advantage (Balassa)',
  definition:
    'RCA_ik = (x_ik / X_i) / (w_k / W), X_i = Σ_k x_ik, w_k world exports of k from world_totals, W = Σ_k w_k at the same HS level (Balassa 1965; WITS)',
  unit: 'index (>1: revealed advantage)',
  needs:
    'the reporter’s exports by HS product and world exports by product (world_totals) for the same years and level',
  params: ['reporter', 'commodity', 'level', 'year', 'from', 'to', 'source', 'variant'],
  async compute(store: Store, p) {
    const { cond, level, wld } = await structureSetup(store, p, 'export');
    const pc = await productConditionFor(store, level);
    await requireWorld(store, 'export', level, p, 'RCA');
    const yc = p.year !== undefined ? `AND year = ${p.year}` : '';
    const sql = `
      WITH x AS (SELECT source_id, reporter_code, year, commodity_code, sum(value_usd) AS x
                   FROM flows WHERE ${cond.join(' AND ')} AND ${worldPartner(wld)} AND ${pc}
                  GROUP BY ALL),
      xt AS (SELECT source_id, reporter_code, year, sum(x) AS xt FROM x GROUP BY ALL),
      w AS (SELECT year, commodity_code, sum(value_usd) AS w FROM world_totals
             WHERE flow = 'export' AND commodity_code <> 'TOTAL' AND length(commodity_code) = ${level} ${yc} GROUP BY ALL),
      wt AS (SELECT year, sum(w) AS wt FROM w GROUP BY ALL)
      SELECT x.source_id AS source, x.reporter_code AS reporter, x.year, x.commodity_code AS commodity,
             x.x AS export_usd, xt.xt AS reporter_total_usd, w.w AS world_usd, wt.wt AS world_total_usd,
             (x.x / xt.xt) / (w.w / wt.wt) AS rca
        FROM x JOIN xt USING (source_id, reporter_code, year)
        JOIN w ON w.year = x.year AND w.commodity_code = x.commodity_code
        JOIN wt ON wt.year = x.year
       ORDER BY source, reporter, x.year, commodity`;
    const rows = requireRows(
      await queryRows(store, sql),
      `exports by HS${level} product in years with world totals`,
      p,
    );
    return {
      columns: [
        'source',
        'reporter',
        'year',
        'commodity',
        'export_usd',
        'reporter_total_usd',
        'world_usd',
        'world_total_usd',
        'rca',
      ],
      rows,
      notes: [worldNote(wld, 'exports'), indicatorNote('products.hs-totals', { level })],
    };
  },
};

export const specialisation: IndicatorDef = {
  name: 'specialisation',
  title: 'Export specialisation (WITS)',
  definition:
    'ES_ik,j = (x_ik / X_i) / (m_jk / M_j): share of product k in i’s exports over its share in partner j’s imports (j’s own reports), or in world imports (world_totals) without --partner',
  unit: 'index',
  needs:
    'the reporter’s exports by HS product and the partner’s imports by product (or world imports by product)',
  params: ['reporter', 'partner', 'commodity', 'level', 'year', 'from', 'to', 'source', 'variant'],
  async compute(store: Store, p) {
    const { cond, level, wld } = await structureSetup(store, p, 'export');
    const pc = await productConditionFor(store, level);
    const x = `x AS (SELECT source_id, reporter_code, year, commodity_code, sum(value_usd) AS x
                       FROM flows WHERE ${cond.join(' AND ')} AND ${worldPartner(wld)} AND ${pc} GROUP BY ALL),
               xs AS (SELECT *, x / sum(x) OVER (PARTITION BY source_id, reporter_code, year) AS sx FROM x)`;
    let m: string;
    const notes = [worldNote(wld, 'exports'), indicatorNote('products.hs', { level })];
    if (p.partner?.length) {
      const mc = await flowConditions(
        store,
        { ...p, flow: 'import', reporter: p.partner, partner: undefined },
        { partner: false },
      );
      const mw = await hasWorldRows(store, mc);
      m = `m AS (SELECT reporter_code AS market, year, commodity_code, sum(value_usd) AS m
                   FROM flows WHERE ${mc.join(' AND ')} AND ${worldPartner(mw)} AND ${pc} GROUP BY ALL),
           ms AS (SELECT *, m / sum(m) OVER (PARTITION BY market, year) AS sm FROM m)`;
      notes.push(worldNote(mw, 'partner-imports'));
    } else {
      await requireWorld(store, 'import', level, p, 'export specialisation without --partner');
      m = `m AS (SELECT 'WLD' AS market, year, commodity_code, sum(value_usd) AS m FROM world_totals
                  WHERE flow = 'import' AND commodity_code <> 'TOTAL' AND length(commodity_code) = ${level} GROUP BY ALL),
           ms AS (SELECT *, m / sum(m) OVER (PARTITION BY market, year) AS sm FROM m)`;
      notes.push(indicatorNote('specialisation.world-market'));
    }
    const sql = `WITH ${x}, ${m}
      SELECT xs.source_id AS source, xs.reporter_code AS reporter, ms.market AS partner, xs.year, xs.commodity_code AS commodity,
             xs.sx * 100 AS export_share_pct, ms.sm * 100 AS market_share_pct, xs.sx / ms.sm AS specialisation
        FROM xs JOIN ms ON ms.year = xs.year AND ms.commodity_code = xs.commodity_code AND ms.market <> xs.reporter_code
       ORDER BY source, reporter, partner, xs.year, commodity`;
    const rows = requireRows(
      await queryRows(store, sql),
      `the reporter's exports and the ${p.partner?.length ? "partner's" : "world's"} imports by HS${level} product in the same years`,
      p,
    );
    return {
      columns: [
        'source',
        'reporter',
        'partner',
        'year',
        'commodity',
        'export_share_pct',
        'market_share_pct',
        'specialisation',
      ],
      rows,
      notes,
    };
  },
};

export const intensity: IndicatorDef = {
  name: 'intensity',
  title: 'Trade intensity index',
  definition:
    'TII_ij = (x_ij / X_i) / (x_wj / X_w): share of j in i’s exports over j’s share of world trade; x_wj measured by j’s imports from the world, X_w world exports (world_totals TOTAL) (WITS)',
  unit: 'index (>1: more intense than j’s weight in world trade)',
  needs:
    'the reporter’s exports to the partner and to the world, the partner’s total imports from the world, and world exports (world_totals, TOTAL)',
  params: ['reporter', 'partner', 'year', 'from', 'to', 'source', 'variant'],
  async compute(store: Store, p) {
    const cond = await flowConditions(
      store,
      { ...p, flow: 'export', partner: undefined, commodity: ['TOTAL'] },
      {},
    );
    const mcond = await flowConditions(
      store,
      {
        ...p,
        reporter: p.partner,
        partner: ['WLD'],
        flow: 'import',
        commodity: ['TOTAL'],
        source: undefined,
      },
      {},
    );
    const wt = await store.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM world_totals WHERE flow = 'export' AND commodity_code = 'TOTAL'`,
    );
    if ((wt[0]?.n ?? 0) === 0)
      throw new IndicatorError(
        'the trade intensity index needs world exports (table world_totals, commodity TOTAL), which the store does not have; the sum of the loaded reporters is never used as the world',
      );
    const partners = p.partner?.length ? `AND b.partner_code IN (${p.partner.map(lit).join(', ')})` : '';
    const sql = `
      WITH e AS (SELECT source_id, reporter_code, partner_code, partner_level, year, sum(value_usd) AS v
                   FROM flows WHERE ${cond.join(' AND ')} GROUP BY ALL),
      xw AS (SELECT source_id, reporter_code, year,
                    coalesce(sum(v) FILTER (WHERE partner_code = 'WLD'), sum(v) FILTER (WHERE partner_level = 'country')) AS xw
               FROM e GROUP BY ALL),
      mj AS (SELECT reporter_code AS partner_code, year, max(value_usd) AS mj FROM flows WHERE ${mcond.join(' AND ')} GROUP BY ALL),
      w AS (SELECT year, sum(value_usd) AS w FROM world_totals WHERE flow = 'export' AND commodity_code = 'TOTAL' GROUP BY ALL)
      SELECT b.source_id AS source, b.reporter_code AS reporter, b.partner_code AS partner, b.year,
             b.v AS export_usd, xw.xw AS exports_world_usd, mj.mj AS partner_imports_usd, w.w AS world_exports_usd,
             (b.v / xw.xw) / (mj.mj / w.w) AS intensity
        FROM e b JOIN xw USING (source_id, reporter_code, year)
        JOIN mj ON mj.partner_code = b.partner_code AND mj.year = b.year
        JOIN w ON w.year = b.year
       WHERE b.partner_code <> 'WLD' ${partners}
       ORDER BY source, reporter, partner, b.year`;
    const rows = requireRows(
      await queryRows(store, sql),
      "the reporter's total exports to the partner and to the world, the partner's total imports from the world (partner WLD) and world exports, in the same years",
      p,
    );
    return {
      columns: [
        'source',
        'reporter',
        'partner',
        'year',
        'export_usd',
        'exports_world_usd',
        'partner_imports_usd',
        'world_exports_usd',
        'intensity',
      ],
      rows,
      notes: [indicatorNote('intensity.world-imports')],
    };
  },
};

export const complementarity: IndicatorDef = {
  name: 'complementarity',
  title: 'Trade complementarity index (Michaely)',
  definition:
    'TC_ij = 100 · (1 − ½ Σ_k |m_jk − x_ik|) = 100 · Σ_k min(x_ik, m_jk), x_ik share of k in i’s exports, m_jk share of k in j’s imports (Michaely 1996; WITS)',
  unit: 'index 0…100',
  needs:
    'exports by HS product of the exporters and imports by HS product of the importers, in the same years',
  params: ['reporter', 'partner', 'level', 'year', 'from', 'to', 'source', 'variant'],
  async compute(store: Store, p) {
    const { cond: xc, level, wld: xw } = await structureSetup(store, p, 'export');
    const pc = await productConditionFor(store, level);
    const mc = await flowConditions(
      store,
      { ...p, flow: 'import', reporter: p.partner, partner: undefined },
      { partner: false },
    );
    const mw = await hasWorldRows(store, mc);
    const sql = `
      WITH x AS (SELECT reporter_code, year, commodity_code, sum(value_usd) AS v
                   FROM flows WHERE ${xc.join(' AND ')} AND ${worldPartner(xw)} AND ${pc} GROUP BY ALL),
      xs AS (SELECT reporter_code, year, commodity_code, v / sum(v) OVER (PARTITION BY reporter_code, year) AS s FROM x),
      m AS (SELECT reporter_code, year, commodity_code, sum(value_usd) AS v
              FROM flows WHERE ${mc.join(' AND ')} AND ${worldPartner(mw)} AND ${pc} GROUP BY ALL),
      ms AS (SELECT reporter_code, year, commodity_code, v / sum(v) OVER (PARTITION BY reporter_code, year) AS s FROM m)
      SELECT xs.reporter_code AS exporter, ms.reporter_code AS importer, xs.year,
             100 * sum(least(xs.s, ms.s)) AS complementarity, count(*)::INTEGER AS common_products
        FROM xs JOIN ms ON ms.year = xs.year AND ms.commodity_code = xs.commodity_code AND ms.reporter_code <> xs.reporter_code
       GROUP BY ALL ORDER BY exporter, importer, xs.year`;
    const rows = requireRows(
      await queryRows(store, sql),
      `exports and imports by HS${level} product of at least two reporters in the same year`,
      p,
    );
    return {
      columns: ['exporter', 'importer', 'year', 'complementarity', 'common_products'],
      rows,
      notes: [
        worldNote(xw, 'exporter-exports'),
        worldNote(mw, 'importer-imports'),
        indicatorNote('products.common', { level }),
        ...(p.source?.length ? [] : [indicatorNote('complementarity.sources')]),
      ],
    };
  },
};

export const COMPARATIVE_INDICATORS = [rca, specialisation, intensity, complementarity];
