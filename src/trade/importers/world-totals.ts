/**
 * World totals (`world_totals`): the denominators of RCA, world shares and
 * the UNCTAD diversification index — true world trade by year, flow and
 * product, never the sum of the reporters that happen to be loaded.
 *
 * Two ways in:
 * - a CSV with the columns `year, flow, commodity_code, value_usd` and
 *   optionally `commodity_system` (headers matched case-insensitively;
 *   `commodity_code` TOTAL for all goods) — e.g. world exports by HS product
 *   from WITS or UN Comtrade's "World" aggregates;
 * - `worldTotalsFromSource`: the sums of a source that covers every
 *   exporter in the world — a CEPII BACI file is one (it reconciles all
 *   countries' reports) — by year and product, plus the all-goods total.
 */
import { basename } from 'node:path';
import type { Store } from '../store.ts';
import { sourceIdFrom } from '../vocabulary.ts';
import {
  assertReadable,
  csvColumns,
  freeSourceId,
  generatedOrGiven,
  headerIndex,
  ImportError,
  ImportFileError,
  type ImportOptions,
  type ImportResult,
  insertSource,
  lit,
  sha256File,
  sourceByHash,
} from './common.ts';

const FLOWS = ['export', 'import'];

/** True when a header looks like a world-totals table (and names no reporter). */
export function isWorldTotalsHeader(normalized: Set<string>): boolean {
  return (
    ['year', 'flow', 'commoditycode', 'valueusd'].every((h) => normalized.has(h)) &&
    !normalized.has('reporter') &&
    !normalized.has('reportercode')
  );
}

/** Imports a world-totals CSV (small: read whole). One transaction; bad rows stop it (or are skipped with `skipBad`). */
export async function importWorldTotals(
  store: Store,
  file: string,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  assertReadable(file);
  const hash = await sha256File(file);
  const known = await sourceByHash(store, hash);
  if (known)
    return {
      sourceId: known.id,
      file,
      importer: 'world-totals',
      rows: known.rows,
      alreadyImported: true,
      dropped: [],
      skippedBadRows: 0,
      notes: [`${basename(file)} was imported before as "${known.id}" (same sha256): nothing to do`],
    };
  const columns = await csvColumns(store, file);
  const h = headerIndex(columns);
  if (!isWorldTotalsHeader(new Set(h.keys())))
    throw new ImportFileError(
      file,
      `not a world-totals table: expected the columns year, flow, commodity_code, value_usd (and optionally commodity_system); found ${columns.join(', ')}`,
    );
  const col = (n: string) => h.get(n) as string;
  const q = (n: string) => `nullif(trim("${col(n).replaceAll('"', '""')}"), '')`;
  const raw = await store.query<Record<string, string | null>>(
    `SELECT CAST(ordinality AS BIGINT) + 1 AS line, ${q('year')} AS year, lower(${q('flow')}) AS flow,
            ${h.has('commoditysystem') ? `upper(${q('commoditysystem')})` : 'NULL'} AS system,
            ${q('commoditycode')} AS code, ${q('valueusd')} AS value
     FROM read_csv(${lit(file)}, all_varchar = true, header = true) WITH ORDINALITY ORDER BY line`,
  );
  const good: { year: number; flow: string; system: string; code: string; value: number }[] = [];
  const bad: ImportError[] = [];
  for (const r of raw) {
    const line = Number(r.line);
    const year = Number(r.year);
    const value = Number(r.value);
    const code = r.code === null ? null : r.code.toUpperCase() === 'TOTAL' ? 'TOTAL' : r.code;
    const problem =
      !Number.isInteger(year) || year < 1900 || year > 2100
        ? new ImportError(file, line, col('year'), r.year, 'not a year', 'a year between 1900 and 2100')
        : !FLOWS.includes(r.flow ?? '')
          ? new ImportError(file, line, col('flow'), r.flow, 'not a flow', 'export or import')
          : code === null || !(code === 'TOTAL' || /^\d{2,6}$/.test(code))
            ? new ImportError(
                file,
                line,
                col('commoditycode'),
                r.code,
                'not a commodity code',
                'TOTAL or an HS code of 2, 4 or 6 digits',
              )
            : r.value === null || !Number.isFinite(value) || value < 0
              ? new ImportError(
                  file,
                  line,
                  col('valueusd'),
                  r.value,
                  'not a value',
                  'a number ≥ 0 in US dollars',
                )
              : null;
    if (problem) {
      if (!opts.skipBad) throw problem;
      bad.push(problem);
      continue;
    }
    const c = code as string;
    const padded = c !== 'TOTAL' && c.length % 2 === 1 ? `0${c}` : c;
    good.push({
      year,
      flow: r.flow as string,
      system: c === 'TOTAL' ? 'TOTAL' : (r.system ?? 'HS'),
      code: padded,
      value,
    });
  }
  const meta = opts.source ?? {};
  return store.transaction(async (s) => {
    const id = await freeSourceId(s, meta.id ?? sourceIdFrom(basename(file)), meta.id !== undefined);
    await insertSource(s, {
      id,
      ...generatedOrGiven(meta, { code: 'world-totals', params: { file: basename(file) } }),
      publisher: meta.publisher,
      citation: meta.citation,
      url: meta.url,
      licence: meta.licence,
      file_name: basename(file),
      file_hash: hash,
      spec: { format: 'world-totals', columns: Object.fromEntries(h) },
      importer: 'world-totals',
      rows: good.length,
    });
    const a = await s.connection.createAppender('world_totals');
    for (const g of good) {
      a.appendInteger(g.year);
      a.appendVarchar(g.flow);
      a.appendVarchar(g.system);
      a.appendVarchar(g.code);
      a.appendDouble(g.value);
      a.appendVarchar(id);
      a.endRow();
    }
    a.closeSync();
    return {
      sourceId: id,
      file,
      importer: 'world-totals',
      rows: good.length,
      alreadyImported: false,
      dropped: [],
      skippedBadRows: bad.length,
      notes: [
        `${good.length} world totals written to world_totals`,
        ...bad.map((e) => `skipped ${e.message}`),
      ],
    };
  });
}

/**
 * Writes world export totals from a source that covers all the world's
 * exporters (a BACI file): by year and product, and the all-goods TOTAL per
 * year. Replaces the totals previously derived from the same source. Returns
 * the number of rows written.
 */
export async function worldTotalsFromSource(store: Store, sourceId: string): Promise<number> {
  const [src] = await store.query<{ importer: string }>('SELECT importer FROM sources WHERE id = $1', [
    sourceId,
  ]);
  if (!src) throw new ImportFileError(sourceId, 'no such source (see `amur trade sources`)');
  if (src.importer !== 'baci')
    throw new ImportFileError(
      sourceId,
      `world totals can be derived only from a source covering every exporter (a BACI file), not from a ${src.importer} source; the sum of some reporters is not the world`,
    );
  return store.transaction(async (s) => {
    await s.run('DELETE FROM world_totals WHERE source_id = $1', [sourceId]);
    const rows = await s.query<{ n: number }>(
      `INSERT INTO world_totals (year, flow, commodity_system, commodity_code, value_usd, source_id)
       SELECT year, 'export', commodity_system, commodity_code, sum(value_usd), $1 FROM flows
         WHERE source_id = $1 AND flow = 'export' GROUP BY year, commodity_system, commodity_code
       UNION ALL
       SELECT year, 'export', 'TOTAL', 'TOTAL', sum(value_usd), $1 FROM flows
         WHERE source_id = $1 AND flow = 'export' GROUP BY year`,
      [sourceId],
    );
    return Number(Object.values(rows[0] ?? { n: 0 })[0]);
  });
}
