/**
 * Structure indicators: shares, trade balance, bilateral dependence.
 *
 * `share` — a part of a larger total, in %:
 *   --of product  (default): s = 100 · x_ik / X_i, product k in reporter i's
 *     trade with the partner (WITS "Share of product in total exports").
 *     X_i is the reporter's TOTAL row from the same source; without one, the
 *     sum of the products at the chosen HS level (never for a source's own
 *     categories, which may overlap: refused).
 *   --of partner: s = 100 · x_ij / X_i,WLD, partner j in reporter i's trade
 *     with the world (WITS "Share of market in total exports"). X_i,WLD is the
 *     reporter's row for partner WLD; without one, the share the source prints
 *     of the reporter's trade with the world (a wide table's share column);
 *     without either the share is left empty and a note says so — the sum
 *     over the partners present is never taken for the world.
 *   --of reporter: s = 100 · x_r / x_R, reporter r in a larger reporter R
 *     (`--in`, default r's parent region: a city in its province, a province in
 *     its country), same partner, flow, commodity and year, from any source.
 *     `--in WLD` with exports gives the share of world exports from
 *     `world_totals` (WITS "Country's share of world exports").
 *
 * `balance` — trade balance X − M in US$, and the normalised balance
 *   100 · (X − M) / (X + M) in % (WITS "Exports, imports and trade balance").
 *   Needs exports and imports of the same reporter, partner, commodity and year.
 *
 * `dependence` — bilateral dependence of reporter i on partner j, in %:
 *   d_ij = 100 · (x_ij + m_ij) / (X_i + M_i)
 *   where X_i + M_i is i's trade with the world (partner WLD). Uses export and
 *   import rows, or `total` rows where a source gives only totals; without a
 *   WLD row, the share of i's trade with the world that the source prints.
 */
import type { Store } from '../store.ts';
import {
  flowConditions,
  type IndicatorDef,
  IndicatorError,
  indicatorNote,
  lit,
  ownCategoriesNote,
  productConditionFor,
  productLevel,
  queryRows,
  requireRows,
  usdNotes,
} from './common.ts';
import { impliedWorld, keyOf, printedWorldShares } from './printed-shares.ts';

export const share: IndicatorDef = {
  name: 'share',
  title: 'Share of a product, partner or reporter in a larger total',
  definition:
    'product: 100 · x_ik / X_i (WITS share of product in total exports); partner: 100 · x_ij / X_i,WLD (WITS share of market); reporter: 100 · x_r / x_R with R the enclosing region or `--in` (world: world_totals, WITS country share of world exports)',
  unit: '%',
  needs:
    'product: the reporter’s TOTAL row or HS products at one level; partner: the reporter’s trade with WLD or with country partners; reporter: the larger region’s flow (or world totals)',
  params: [
    'of',
    'in',
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
    const of = p.of ?? 'product';
    if (of === 'product') return productShare(store, p);
    if (of === 'partner') return partnerShare(store, p);
    return reporterShare(store, p);
  },
};

async function productShare(store: Store, p: Parameters<IndicatorDef['compute']>[1]) {
  const cond = await flowConditions(store, p, { commodity: false });
  const level = await productLevel(store, cond, p);
  const pc = await productConditionFor(store, level);
  const commodity = p.commodity?.length
    ? ` AND (${p.commodity.map((c) => (c.endsWith('*') ? `starts_with(commodity_code, ${lit(c.slice(0, -1))})` : `commodity_code = ${lit(c)}`)).join(' OR ')})`
    : '';
  const keys = 'source_id, reporter_code, partner_code, flow, year';
  const sql = `
    WITH f AS (SELECT * FROM flows WHERE ${cond.join(' AND ')}),
    tot AS (SELECT ${keys}, sum(value_usd) AS t FROM f WHERE commodity_code = 'TOTAL' GROUP BY ${keys}),
    parts AS (SELECT ${keys}, commodity_system, commodity_code, any_value(commodity_label) AS commodity_label,
                     sum(value_usd) AS x
                FROM f WHERE ${pc} GROUP BY ALL),
    sums AS (SELECT ${keys}, sum(x) AS s, bool_or(commodity_system = 'SRC') AS own FROM parts GROUP BY ${keys})
    SELECT parts.source_id AS source, parts.reporter_code AS reporter, parts.partner_code AS partner, parts.flow,
           parts.year, parts.commodity_code AS commodity, parts.commodity_label, parts.x AS value_usd,
           coalesce(tot.t, CASE WHEN NOT sums.own THEN sums.s END) AS total_usd,
           CASE WHEN tot.t IS NOT NULL THEN 'TOTAL row' WHEN NOT sums.own THEN 'sum of products' END AS total_from,
           100 * parts.x / coalesce(tot.t, CASE WHEN NOT sums.own THEN sums.s END) AS share_pct
      FROM parts JOIN sums USING (${keys}) LEFT JOIN tot USING (${keys})
     WHERE true${commodity}
     ORDER BY source, reporter, partner, parts.flow, parts.year, value_usd DESC`;
  const rows = requireRows(await queryRows(store, sql), 'flows by product', p);
  const missing = rows.filter((r) => r.total_usd === null);
  if (missing.length === rows.length)
    throw new IndicatorError(
      `share --of product needs the reporter's total (a TOTAL row from the same source): ${[...new Set(missing.map((r) => r.source))].join(', ')} give${missing.length === 1 ? 's' : ''} only its own categories, which may overlap, so their sum is not a total`,
    );
  const notes = await usdNotes(store, cond);
  if (missing.length) notes.push(indicatorNote('share.no-total', { count: missing.length }));
  if (rows.some((r) => r.total_from === 'sum of products'))
    notes.push(indicatorNote('share.sum-of-products', { level }));
  if (rows.some((r) => String(r.commodity).match(/^[a-z]/))) notes.push(ownCategoriesNote());
  return {
    columns: [
      'source',
      'reporter',
      'partner',
      'flow',
      'year',
      'commodity',
      'commodity_label',
      'value_usd',
      'total_usd',
      'total_from',
      'share_pct',
    ],
    rows,
    notes,
  };
}

async function partnerShare(store: Store, p: Parameters<IndicatorDef['compute']>[1]) {
  const cond = await flowConditions(store, p, { partner: false });
  const partner = p.partner?.length ? ` AND parts.partner_code IN (${p.partner.map(lit).join(', ')})` : '';
  const keys = 'source_id, reporter_code, flow, year, commodity_system, commodity_code';
  const sql = `
    WITH f AS (SELECT * FROM flows WHERE ${cond.join(' AND ')}),
    wld AS (SELECT ${keys}, sum(value_usd) AS t FROM f WHERE partner_code = 'WLD' GROUP BY ${keys}),
    parts AS (SELECT ${keys}, partner_code, sum(value_usd) AS x FROM f
               WHERE partner_code <> 'WLD' AND partner_level = 'country' GROUP BY ALL)
    SELECT parts.source_id AS source, parts.reporter_code AS reporter, parts.partner_code AS partner, parts.flow,
           parts.year, parts.commodity_code AS commodity, parts.x AS value_usd, wld.t AS total_usd,
           CASE WHEN wld.t IS NOT NULL THEN 'WLD row' END AS total_from,
           100 * parts.x / wld.t AS share_pct
      FROM parts LEFT JOIN wld USING (${keys})
     WHERE true${partner}
     ORDER BY source, reporter, parts.flow, parts.year, commodity, value_usd DESC`;
  const computed = await queryRows(store, sql);
  const printed = await printedWorldShares(
    store,
    cond.concat(p.partner?.length ? [inPartners(p.partner)] : []),
  );
  const fields = ['source', 'reporter', 'partner', 'flow', 'year', 'commodity'] as const;
  const byPrint = new Map(printed.map((r) => [keyOf(r as unknown as Record<string, unknown>, fields), r]));
  const rows = computed.map((r) => {
    const pr = r.share_pct === null ? byPrint.get(keyOf(r, fields)) : undefined;
    if (!pr) return r;
    byPrint.delete(keyOf(r, fields));
    return {
      ...r,
      total_usd: impliedWorld(pr),
      total_from: `printed share (${pr.column})`,
      share_pct: pr.share_pct,
    };
  });
  for (const pr of byPrint.values())
    rows.push({
      source: pr.source,
      reporter: pr.reporter,
      partner: pr.partner,
      flow: pr.flow,
      year: pr.year,
      commodity: pr.commodity,
      value_usd: pr.value_usd,
      total_usd: impliedWorld(pr),
      total_from: `printed share (${pr.column})`,
      share_pct: pr.share_pct,
    });
  requireRows(rows, 'flows by partner country', p);
  const missing = rows.filter((r) => r.share_pct === null);
  if (missing.length === rows.length)
    throw new IndicatorError(
      `share --of partner divides by the reporter's trade with the world (a partner WLD row, or a share the source prints): ${describeMissingWorld(missing)} has none, and the sum over the partners present is not the world`,
    );
  const notes = await usdNotes(store, cond);
  if (missing.length) notes.push(indicatorNote('share.no-world', { missing: describeMissingWorld(missing) }));
  if (rows.some((r) => String(r.total_from).startsWith('printed share')))
    notes.push(indicatorNote('share.printed'));
  return {
    columns: [
      'source',
      'reporter',
      'partner',
      'flow',
      'year',
      'commodity',
      'value_usd',
      'total_usd',
      'total_from',
      'share_pct',
    ],
    rows,
    notes,
  };
}

function inPartners(partners: string[]): string {
  return `partner_code IN (${partners.map(lit).join(', ')})`;
}

/** "CN-HL 2008–2018 (source heilongjiang-russia-2008-2018)". */
function describeMissingWorld(rows: Record<string, unknown>[]): string {
  const by = new Map<string, number[]>();
  for (const r of rows) {
    const k = `${r.reporter} (${r.source})`;
    by.set(k, [...(by.get(k) ?? []), Number(r.year)]);
  }
  return [...by]
    .map(
      ([k, ys]) =>
        `${k.split(' ')[0]} ${Math.min(...ys)}${Math.max(...ys) > Math.min(...ys) ? `–${Math.max(...ys)}` : ''} ${k.slice(k.indexOf(' ') + 1)}`,
    )
    .join(', ');
}

async function reporterShare(store: Store, p: Parameters<IndicatorDef['compute']>[1]) {
  if (!p.reporter?.length)
    throw new IndicatorError('share --of reporter needs --reporter (the part), e.g. --reporter CN-HL-HEIHE');
  const cond = await flowConditions(store, p, { reporter: false });
  const reps = p.reporter.map(lit).join(', ');
  if (p.in?.toUpperCase() === 'WLD') {
    const sql = `
      WITH x AS (SELECT source_id, reporter_code, year, flow, commodity_system, commodity_code, sum(value_usd) AS x
                   FROM flows WHERE ${cond.join(' AND ')} AND reporter_code IN (${reps}) AND partner_code = 'WLD'
                  GROUP BY ALL)
      SELECT x.source_id AS source, x.reporter_code AS reporter, 'WLD' AS "in", x.flow, x.year, x.commodity_code AS commodity,
             x.x AS value_usd, w.value_usd AS total_usd, w.source_id AS total_source, 100 * x.x / w.value_usd AS share_pct
        FROM x JOIN world_totals w ON w.year = x.year AND w.flow = x.flow
         AND w.commodity_code = x.commodity_code AND (w.commodity_code = 'TOTAL' OR w.commodity_system = x.commodity_system)
       ORDER BY source, reporter, x.flow, x.year`;
    const rows = await queryRows(store, sql);
    if (rows.length === 0)
      throw new IndicatorError(
        'share --of reporter --in WLD needs world totals (table world_totals) for the same years, flow and commodity, and the reporter’s trade with WLD; the sum of the loaded reporters is never used as the world',
      );
    return {
      columns: [
        'source',
        'reporter',
        'in',
        'flow',
        'year',
        'commodity',
        'value_usd',
        'total_usd',
        'total_source',
        'share_pct',
      ],
      rows,
      notes: [],
    };
  }
  const parentSql = p.in
    ? `SELECT code, ${lit(p.in)} AS parent FROM (SELECT unnest([${reps}]) AS code)`
    : `SELECT code, parent FROM regions WHERE code IN (${reps})`;
  const sql = `
    WITH f AS (SELECT * FROM flows WHERE ${cond.join(' AND ')}),
    par AS (${parentSql}),
    x AS (SELECT source_id, reporter_code, partner_code, flow, year, commodity_system, commodity_code, sum(value_usd) AS x
            FROM f WHERE reporter_code IN (${reps}) GROUP BY ALL),
    t AS (SELECT source_id, reporter_code, partner_code, flow, year, commodity_system, commodity_code, sum(value_usd) AS t
            FROM f WHERE reporter_code IN (SELECT parent FROM par) GROUP BY ALL)
    SELECT x.source_id AS source, x.reporter_code AS reporter, t.reporter_code AS "in", t.source_id AS total_source,
           x.partner_code AS partner, x.flow, x.year, x.commodity_code AS commodity,
           x.x AS value_usd, t.t AS total_usd, 100 * x.x / t.t AS share_pct
      FROM x JOIN par ON par.code = x.reporter_code
      JOIN t ON t.reporter_code = par.parent AND t.partner_code = x.partner_code AND t.flow = x.flow
       AND t.year = x.year AND t.commodity_code = x.commodity_code
     ORDER BY source, reporter, partner, x.flow, x.year`;
  const rows = await queryRows(store, sql);
  if (rows.length === 0)
    throw new IndicatorError(
      `share --of reporter needs the same flow (partner, flow, commodity, year) for ${p.reporter.join(', ')} and for ${p.in ?? 'its parent region'}; the store has no such pair (see \`amur trade query --reporter ${p.in ?? '…'}\`)`,
    );
  const notes = await usdNotes(store, cond);
  if (rows.some((r) => r.source !== r.total_source)) notes.push(indicatorNote('share.other-source'));
  return {
    columns: [
      'source',
      'reporter',
      'in',
      'total_source',
      'partner',
      'flow',
      'year',
      'commodity',
      'value_usd',
      'total_usd',
      'share_pct',
    ],
    rows,
    notes,
  };
}

export const balance: IndicatorDef = {
  name: 'balance',
  title: 'Trade balance',
  definition: 'B = X − M (US$); normalised 100 · (X − M) / (X + M) (WITS exports, imports and trade balance)',
  unit: 'US$ (balance_usd), % (normalised_pct)',
  needs: 'exports and imports of the same reporter, partner, commodity and year from one source',
  params: ['reporter', 'partner', 'commodity', 'year', 'from', 'to', 'source', 'variant'],
  async compute(store: Store, p) {
    const cond = await flowConditions(store, p, { flow: ['export', 'import'] });
    const sql = `
      SELECT source_id AS source, reporter_code AS reporter, partner_code AS partner, commodity_code AS commodity, year,
             sum(value_usd) FILTER (WHERE flow = 'export') AS export_usd,
             sum(value_usd) FILTER (WHERE flow = 'import') AS import_usd,
             export_usd - import_usd AS balance_usd,
             100 * (export_usd - import_usd) / (export_usd + import_usd) AS normalised_pct
        FROM flows WHERE ${cond.join(' AND ')}
       GROUP BY source_id, reporter_code, partner_code, commodity_system, commodity_code, year
      HAVING count(*) FILTER (WHERE flow = 'export') > 0 AND count(*) FILTER (WHERE flow = 'import') > 0
       ORDER BY source, reporter, partner, commodity, year`;
    const rows = requireRows(
      await queryRows(store, sql),
      'exports and imports of the same reporter, partner, commodity and year (a source with only total trade gives no balance)',
      p,
    );
    return {
      columns: [
        'source',
        'reporter',
        'partner',
        'commodity',
        'year',
        'export_usd',
        'import_usd',
        'balance_usd',
        'normalised_pct',
      ],
      rows,
      notes: await usdNotes(store, cond),
    };
  },
};

export const dependence: IndicatorDef = {
  name: 'dependence',
  title: 'Bilateral trade dependence',
  definition:
    'd_ij = 100 · (x_ij + m_ij) / (X_i + M_i): reporter i’s trade with partner j over its trade with the world (WLD); total rows where a source gives no exports and imports',
  unit: '%',
  needs: 'the reporter’s trade with the partner and with WLD (exports and imports, or totals) in one source',
  params: ['reporter', 'partner', 'commodity', 'year', 'from', 'to', 'source', 'variant'],
  async compute(store: Store, p) {
    const cond = await flowConditions(store, p, { partner: false, flow: false });
    const partner = p.partner?.length ? ` AND b.partner_code IN (${p.partner.map(lit).join(', ')})` : '';
    const commodity = p.commodity?.length ? '' : " AND commodity_code = 'TOTAL'";
    const sql = `
      WITH f AS (SELECT * FROM flows WHERE ${cond.join(' AND ')}${commodity}),
      t AS (SELECT source_id, reporter_code, partner_code, year, commodity_code,
                   coalesce(sum(value_usd) FILTER (WHERE flow IN ('export', 'import')),
                            sum(value_usd) FILTER (WHERE flow = 'total')) AS trade,
                   CASE WHEN count(*) FILTER (WHERE flow IN ('export', 'import')) > 0 THEN 'exports + imports' ELSE 'total' END AS basis
              FROM f GROUP BY ALL)
      SELECT b.source_id AS source, b.reporter_code AS reporter, b.partner_code AS partner, b.commodity_code AS commodity,
             b.year, b.trade AS bilateral_usd, w.trade AS world_usd, b.basis, 100 * b.trade / w.trade AS dependence_pct
        FROM t b JOIN t w ON w.source_id = b.source_id AND w.reporter_code = b.reporter_code AND w.partner_code = 'WLD'
         AND w.year = b.year AND w.commodity_code = b.commodity_code
       WHERE b.partner_code <> 'WLD'${partner}
       ORDER BY source, reporter, partner, commodity, year`;
    const rows = await queryRows(store, sql);
    // where the store has no world row, a share of the reporter's trade with the world that the source prints
    const seen = new Set(rows.map((r) => keyOf(r, ['source', 'reporter', 'partner', 'commodity', 'year'])));
    const printedCond = cond.concat(p.partner?.length ? [inPartners(p.partner)] : [], [
      "flow = 'total'",
      "partner_code <> 'WLD'",
    ]);
    if (!p.commodity?.length) printedCond.push("commodity_code = 'TOTAL'");
    for (const pr of await printedWorldShares(store, printedCond)) {
      const r = {
        source: pr.source,
        reporter: pr.reporter,
        partner: pr.partner,
        commodity: pr.commodity,
        year: pr.year,
        bilateral_usd: pr.value_usd,
        world_usd: impliedWorld(pr),
        basis: `printed share (${pr.column})`,
        dependence_pct: pr.share_pct,
      };
      if (!seen.has(keyOf(r, ['source', 'reporter', 'partner', 'commodity', 'year']))) rows.push(r);
    }
    requireRows(
      rows,
      "the reporter's trade with the partner and with the world (partner WLD) in the same source and year, or a share of the reporter's trade with the world that the source prints",
      p,
    );
    const notes = await usdNotes(store, cond);
    if (rows.some((r) => String(r.basis).startsWith('printed share')))
      notes.push(indicatorNote('dependence.printed'));
    return {
      columns: [
        'source',
        'reporter',
        'partner',
        'commodity',
        'year',
        'bilateral_usd',
        'world_usd',
        'basis',
        'dependence_pct',
      ],
      rows,
      notes,
    };
  },
};

export const SHARE_INDICATORS = [share, balance, dependence];
