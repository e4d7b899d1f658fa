/**
 * Flows matching the filters of `amur trade query`: `GET /trade/query` (JSON,
 * one page at a time) and `GET /trade/export/:format` (a file per page).
 */
import { z } from 'zod';
import { ExportFormat, exportFilled, exportQuery } from '../../trade/export.ts';
import { flowQuerySql } from '../../trade/flow-query.ts';
import { CIF_FOB_FACTOR, withFilledFlows } from '../../trade/mirror.ts';
import type { Store } from '../../trade/store.ts';
import { defineRoute } from '../api.ts';
import { CONTENT_TYPE, flowQueryOf, markPage, pageSql, sendFile, type TradeRoutes } from './trade-common.ts';
import { fillFactorOf, fillHeaders, querySelectionFill } from './trade-mirror.ts';
import { FlowRow, MAX_PAGE_ROWS, QueryFilters } from './trade-params.ts';

/**
 * One page of rows as the kept answer `{"more":…,"headers":…,"rows":[…]}`.
 * DuckDB writes the page's JSON in its own threads: the event loop receives
 * one string instead of converting and serialising thousands of rows itself.
 */
async function pageJson(
  store: Store,
  sql: string,
  limit: number,
  headers: Record<string, string> | null,
): Promise<string> {
  const [page] = await store.query<{ n: number; j: string }>(
    `WITH page AS (SELECT row_number() OVER () AS i, to_json(p)::VARCHAR AS j FROM (${sql}) p)
     SELECT (SELECT count(*) FROM page)::INTEGER AS n,
            '[' || coalesce((SELECT string_agg(j, ',' ORDER BY i) FROM page WHERE i <= ${limit}), '') || ']' AS j`,
  );
  return `{"more":${Number(page.n) > limit},"headers":${JSON.stringify(headers)},"rows":${page.j}}`;
}

export function registerFlowRoutes({ app, ctx, trade }: TradeRoutes): void {
  defineRoute(app, {
    method: 'GET',
    url: '/trade/query',
    tags: ['trade'],
    summary: 'Flows matching the filters (as `amur trade query --json`), one page at a time',
    description: `At most ${MAX_PAGE_ROWS} rows (\`limit\`) per answer. X-Amur-Complete says whether the answer holds every matching row; when it does not, X-Amur-Next-Cursor (and Link rel=next) name the next page (\`cursor=\`). With \`fillMirror=true\` (as \`--fill-mirror\`) each row says whose report it is (\`fill\`: reported or mirror) and X-Amur-Fill-Mirror, X-Amur-Mirror-Rows, X-Amur-Matching-Rows and X-Amur-Mirror-Value-Share how much of every matching row (all pages) is mirror data.`,
    querystring: QueryFilters,
    response: z.array(FlowRow),
    handler: async ({ query, request, reply }) => {
      const limit = query.limit ?? MAX_PAGE_ROWS;
      const factor = fillFactorOf(query);
      const key = `${request.routeOptions.url} ${request.url}`;
      const json = await trade.readText(
        key,
        async (store) => {
          const q = await flowQueryOf(store, query, 1);
          if (query.fillMirror !== 'true') return pageJson(store, pageSql(q, query.cursor), limit, null);
          const f = factor ?? CIF_FOB_FACTOR.factor;
          const fill = { mark: 'partner' as const, factor: f, reporters: q.reporter, partners: q.partner };
          return withFilledFlows(store, fill, async () =>
            pageJson(
              store,
              pageSql(q, query.cursor, { fill: true }),
              limit,
              fillHeaders(await querySelectionFill(store, q, f), f),
            ),
          );
        },
        ctx.deadline(reply),
      );
      reply.type('application/json; charset=utf-8');
      // the kept answer is {more, headers, rows}: the page goes out as the rows, the rest as headers
      const at = json.indexOf(',"rows":');
      const head = JSON.parse(`${json.slice(0, at)}}`) as {
        more: boolean;
        headers: Record<string, string> | null;
      };
      if (head.headers) reply.headers(head.headers);
      markPage(reply, request, head.more ? (query.cursor ?? 0) + limit : null);
      return json.slice(at + 8, -1);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/trade/export/:format',
    tags: ['trade'],
    summary: 'Flows matching the filters as a file: csv, xlsx, json or parquet, one page at a time',
    description: `At most ${MAX_PAGE_ROWS} rows (\`limit\`) per file; X-Amur-Complete and X-Amur-Next-Cursor say whether more rows match and where the next page starts (\`cursor=\`). \`amur trade export\` writes every row. With \`fillMirror=true\` (as \`--fill-mirror\`) the file is of the filled series: every row keeps \`reported_by\` and gains the column \`fill\` (reported or mirror), and the headers of \`GET /trade/query\` say how much of every matching row is mirror data.`,
    params: z.object({ format: ExportFormat }),
    querystring: QueryFilters,
    produces: Object.values(CONTENT_TYPE),
    handler: ({ params, query, request, reply }) => {
      const factor = fillFactorOf(query);
      return trade.use(async (store) => {
        const q = await flowQueryOf(store, query);
        const cursor = query.cursor ?? 0;
        const limit = q.limit ?? MAX_PAGE_ROWS;
        const next = await store.query(`${flowQuerySql({ ...q, limit: 1 })} OFFSET ${cursor + limit}`);
        markPage(reply, request, next.length > 0 ? cursor + limit : null);
        if (query.fillMirror !== 'true')
          return sendFile(reply, 'amur-flows', params.format, (file) =>
            exportQuery(store, pageSql(q, query.cursor), params.format, file),
          );
        const f = factor ?? CIF_FOB_FACTOR.factor;
        const fill = { factor: f, reporters: q.reporter, partners: q.partner };
        return sendFile(reply, 'amur-flows', params.format, async (file) => {
          await exportFilled(store, fill, pageSql(q, query.cursor, { fill: true }), params.format, file);
          // the share of every matching row (all pages), as GET /trade/query says it
          const selection = await withFilledFlows(store, { ...fill, mark: 'partner' }, () =>
            querySelectionFill(store, q, f),
          );
          reply.headers(fillHeaders(selection, f));
        });
      }, ctx.deadline(reply));
    },
  });
}
