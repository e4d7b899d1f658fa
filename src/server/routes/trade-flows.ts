/**
 * Flows matching the filters of `amur trade query`: `GET /trade/query` (JSON,
 * one page at a time) and `GET /trade/export/:format` (a file per page).
 */
import { z } from 'zod';
import { ExportFormat, exportQuery } from '../../trade/export.ts';
import { flowQuerySql } from '../../trade/flow-query.ts';
import { defineRoute } from '../api.ts';
import { CONTENT_TYPE, flowQueryOf, markPage, pageSql, sendFile, type TradeRoutes } from './trade-common.ts';
import { FlowRow, MAX_PAGE_ROWS, TradeFilters } from './trade-params.ts';

export function registerFlowRoutes({ app, ctx, trade }: TradeRoutes): void {
  defineRoute(app, {
    method: 'GET',
    url: '/trade/query',
    tags: ['trade'],
    summary: 'Flows matching the filters (as `amur trade query --json`), one page at a time',
    description: `At most ${MAX_PAGE_ROWS} rows (\`limit\`) per answer. X-Amur-Complete says whether the answer holds every matching row; when it does not, X-Amur-Next-Cursor (and Link rel=next) name the next page (\`cursor=\`).`,
    querystring: TradeFilters,
    response: z.array(FlowRow),
    handler: async ({ query, request, reply }) => {
      const limit = query.limit ?? MAX_PAGE_ROWS;
      const key = `${request.routeOptions.url} ${request.url}`;
      const json = await trade.readText(
        key,
        async (store) => {
          // DuckDB writes the page's JSON in its own threads: the event loop receives one string
          // instead of converting and serialising thousands of rows itself
          const sql = pageSql(await flowQueryOf(store, query, 1), query.cursor);
          const [page] = await store.query<{ n: number; j: string }>(
            `WITH page AS (SELECT row_number() OVER () AS i, to_json(p)::VARCHAR AS j FROM (${sql}) p)
             SELECT (SELECT count(*) FROM page)::INTEGER AS n,
                    '[' || coalesce((SELECT string_agg(j, ',' ORDER BY i) FROM page WHERE i <= ${limit}), '') || ']' AS j`,
          );
          return `{"more":${Number(page.n) > limit},"rows":${page.j}}`;
        },
        ctx.deadline(reply),
      );
      reply.type('application/json; charset=utf-8');
      // the kept answer is {more, rows}: the page goes out as the rows, the rest as headers
      const more = json.startsWith('{"more":true');
      markPage(reply, request, more ? (query.cursor ?? 0) + limit : null);
      return json.slice(json.indexOf(',"rows":') + 8, -1);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/trade/export/:format',
    tags: ['trade'],
    summary: 'Flows matching the filters as a file: csv, xlsx, json or parquet, one page at a time',
    description: `At most ${MAX_PAGE_ROWS} rows (\`limit\`) per file; X-Amur-Complete and X-Amur-Next-Cursor say whether more rows match and where the next page starts (\`cursor=\`). \`amur trade export\` writes every row.`,
    params: z.object({ format: ExportFormat }),
    querystring: TradeFilters,
    produces: Object.values(CONTENT_TYPE),
    handler: ({ params, query, request, reply }) =>
      trade.use(async (store) => {
        const q = await flowQueryOf(store, query);
        const cursor = query.cursor ?? 0;
        const limit = q.limit ?? MAX_PAGE_ROWS;
        const next = await store.query(`${flowQuerySql({ ...q, limit: 1 })} OFFSET ${cursor + limit}`);
        markPage(reply, request, next.length > 0 ? cursor + limit : null);
        return sendFile(reply, 'amur-flows', params.format, (file) =>
          exportQuery(store, pageSql(q, query.cursor), params.format, file),
        );
      }, ctx.deadline(reply)),
  });
}
