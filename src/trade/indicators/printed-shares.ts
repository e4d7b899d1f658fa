/**
 * Shares a paper prints next to its values (`printed_cells` of role share):
 * where a table gives the share of a flow in the reporter's trade with the
 * world (the spec's share column `in: { partner: WLD }`), that printed share
 * answers `share --of partner` and `dependence` when the store holds no
 * partner-WLD row to divide by. The world total it implies
 * (value / share) is reported beside it, marked as implied.
 */
import type { Store } from '../store.ts';
import { lit, queryRows } from './common.ts';

export interface PrintedWorldShare {
  source: string;
  reporter: string;
  partner: string;
  flow: string;
  year: number;
  commodity: string;
  value_usd: number | null;
  share_pct: number;
  /** the printed share's column */
  column: string;
  printed: string;
}

type ShareIn = {
  reporter?: unknown;
  partner?: { code?: string };
  flow?: unknown;
  commodity?: unknown;
  year?: unknown;
};

/**
 * The printed shares of flows (selected by `cond`, the indicator's flow
 * filters) in their reporter's trade with the world.
 */
export async function printedWorldShares(store: Store, cond: string[]): Promise<PrintedWorldShare[]> {
  const specs = await store.query<{ id: string; spec: string | object }>(
    "SELECT id, spec FROM sources WHERE importer = 'wide'",
  );
  const worldColumns: string[] = [];
  for (const s of specs) {
    const spec = (typeof s.spec === 'string' ? JSON.parse(s.spec) : s.spec) as {
      columns: Record<string, { role: string; in?: ShareIn | string }>;
    };
    for (const [name, col] of Object.entries(spec.columns)) {
      const within = col.in;
      if (col.role !== 'share' || typeof within !== 'object' || within === null) continue;
      const onlyWorld =
        within.partner?.code === 'WLD' &&
        !within.reporter &&
        !within.flow &&
        !within.commodity &&
        !within.year;
      if (onlyWorld) worldColumns.push(`${s.id}|${name}`);
    }
  }
  if (worldColumns.length === 0) return [];
  // a source id has no '|' (lower-case words and dashes), so `id|column` names one share column
  const list = worldColumns.map(lit).join(', ');
  return (await queryRows(
    store,
    `WITH f AS (SELECT * FROM flows WHERE ${cond.join(' AND ')}),
     s AS (SELECT s.source_id, s.variant, s.row_no, s.of_column, s.column_name, s.value AS share_pct, s.printed
             FROM printed_cells s
            WHERE s.role = 'share' AND s.value IS NOT NULL AND s.source_id || '|' || s.column_name IN (${list}))
     SELECT f.source_id AS source, f.reporter_code AS reporter, f.partner_code AS partner, f.flow, f.year,
            f.commodity_code AS commodity, f.value_usd, s.share_pct, s.column_name AS "column", s.printed
       FROM f
       JOIN printed_cells v ON v.source_id = f.source_id AND v.variant = f.variant AND v.row_no = f.row_no
        AND v.role = 'value' AND v.reporter_code = f.reporter_code AND v.partner_code = f.partner_code
        AND v.flow = f.flow AND v.year = f.year AND v.commodity_code = f.commodity_code
       JOIN s ON s.source_id = v.source_id AND s.variant = v.variant AND s.row_no = v.row_no AND s.of_column = v.column_name
      ORDER BY source, reporter, partner, f.flow, f.year`,
  )) as unknown as PrintedWorldShare[];
}

/** The world total a printed share implies: value / share. */
export function impliedWorld(r: PrintedWorldShare): number | null {
  return r.value_usd === null || !(r.share_pct > 0) ? null : (100 * r.value_usd) / r.share_pct;
}

/** A row's key over `fields`, to tell which rows the store's own world totals already answer. */
export function keyOf(r: Record<string, unknown>, fields: readonly string[]): string {
  return fields.map((f) => String(r[f])).join('|');
}
