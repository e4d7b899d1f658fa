/**
 * Trade endpoints over the store: sources (with the reporters, partners,
 * flows and years each holds, named in en/zh/ru), flow queries with the
 * filters of `amur trade query`, exports (CSV, XLSX, JSON, Parquet),
 * indicators, charts, the audit of a printed table (JSON, or an annotated
 * CSV/XLSX copy) and, with the API token, imports. One function per group
 * of routes (in the order they are documented), their parameters in
 * `trade-params.ts`, what they share in `trade-common.ts`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Lang } from '../../i18n/lang.ts';
import { type TitleTranslations, titleIn } from '../../i18n/source-titles.ts';
import { sourceTitlesSql } from '../../trade/source-titles.ts';
import type { Store } from '../../trade/store.ts';
import { defineRoute, type PreHandler } from '../api.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { registerAuditRoutes } from './trade-audit.ts';
import { registerChartRoutes } from './trade-charts.ts';
import { plain, type TradeRoutes, tradeRoutes } from './trade-common.ts';
import { registerFlowRoutes } from './trade-flows.ts';
import { registerImportRoute } from './trade-import.ts';
import { registerIndicatorRoutes } from './trade-indicators.ts';
import { SourceId, SourceLangQuery, TradeSource, TradeSourceDetail } from './trade-params.ts';

export { SourceId, TradeFilters, TradeSource, TradeSourceDetail } from './trade-params.ts';

export function registerTradeRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  requireToken: PreHandler,
): void {
  const t = tradeRoutes(app, ctx);
  registerSourceRoutes(t);
  registerFlowRoutes(t);
  registerIndicatorRoutes(t);
  registerChartRoutes(t);
  registerAuditRoutes(t);
  registerImportRoute(t, requireToken);
}

/** The columns of a source (its translations NULL on a store made before migration 013, opened read-only as it is). */
const sourceColumns = async (store: Store) =>
  `id, title, ${await sourceTitlesSql(store)} AS titles, rows, importer, publisher, url, citation, licence`;

type SourceRow = Omit<z.output<typeof TradeSource>, 'titleLang' | 'titleOriginal' | 'titles'> & {
  titles: string | null;
};

/** A source as the API says it: `title` in `lang`, the printed one and every language's beside it. */
function sourceIn(row: SourceRow, lang: Lang): z.output<typeof TradeSource> {
  const stored = (row.titles === null ? null : JSON.parse(row.titles)) as TitleTranslations | null;
  const shown = titleIn(row.title, stored, lang);
  return {
    ...row,
    title: shown.text,
    titleLang: shown.lang,
    titleOriginal: row.title,
    titles: { en: row.title, zh: stored?.zh ?? null, ru: stored?.ru ?? null },
  };
}

async function sourceRows(store: Store, where: string, params: unknown[], lang: Lang) {
  const rows = plain(
    await store.query<SourceRow>(`SELECT ${await sourceColumns(store)} FROM sources ${where}`, params),
  );
  return rows.map((r) => sourceIn(r, lang));
}

/** `GET /trade/sources` and `GET /trade/sources/:id`. */
function registerSourceRoutes({ app, answer }: TradeRoutes): void {
  defineRoute(app, {
    method: 'GET',
    url: '/trade/sources',
    tags: ['trade'],
    summary:
      'The sources in the trade store, with their row counts; `title` in `lang` (the printed title in `titleOriginal`)',
    querystring: SourceLangQuery,
    response: z.array(TradeSource),
    handler: ({ query, request, reply }) =>
      answer(request, reply, (store) => sourceRows(store, 'ORDER BY imported_at, id', [], query.lang)),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/trade/sources/:id',
    tags: ['trade'],
    summary: 'One source with the reporters, partners, flows, years and commodities it holds',
    params: z.object({ id: SourceId }),
    querystring: SourceLangQuery,
    response: TradeSourceDetail,
    handler: ({ params, query, request, reply }) =>
      answer(request, reply, (store) => sourceDetail(store, params.id, query.lang)),
  });
}

/** One source and what it holds (the answer of `GET /trade/sources/:id`). */
async function sourceDetail(
  store: Store,
  id: string,
  lang: Lang,
): Promise<z.output<typeof TradeSourceDetail>> {
  const [source] = await sourceRows(store, 'WHERE id = $1', [id], lang);
  if (!source)
    throw notFound('id', `no trade source with id "${id}"`, 'an id listed by GET /api/trade/sources');
  const named = async (col: 'reporter' | 'partner') =>
    plain(
      await store.query<{ code: string; level: string; en: string; zh: string; ru: string }>(
        `SELECT DISTINCT f.${col}_code AS code, f.${col}_level AS level, r.name_en AS en, r.name_zh AS zh, r.name_ru AS ru
           FROM flows f LEFT JOIN regions r ON r.code = f.${col}_code
          WHERE f.source_id = $1 ORDER BY code`,
        [id],
      ),
    ).map((r) => ({
      code: r.code,
      level: r.level,
      names: { en: r.en ?? null, zh: r.zh ?? null, ru: r.ru ?? null },
    }));
  const distinct = async <T>(expr: string) =>
    plain(
      await store.query<{ v: T }>(
        `SELECT DISTINCT ${expr} AS v FROM flows WHERE source_id = $1 AND ${expr} IS NOT NULL ORDER BY v`,
        [id],
      ),
    ).map((r) => r.v);
  const commodities = plain(
    await store.query<{ code: string; label: string | null }>(
      `SELECT commodity_code AS code, any_value(commodity_label) AS label FROM flows
        WHERE source_id = $1 GROUP BY commodity_code ORDER BY commodity_code LIMIT 500`,
      [id],
    ),
  );
  const audit = (
    await store.query<{ n: number }>('SELECT count(*) AS n FROM wide_tables WHERE source_id = $1', [id])
  )[0];
  return {
    source,
    reporters: await named('reporter'),
    partners: await named('partner'),
    flows: await distinct<string>('flow'),
    years: await distinct<number>('year'),
    commodities,
    variants: await distinct<string>('variant'),
    audit: Number(audit?.n ?? 0) > 0,
  };
}
