/**
 * `GET /trade/charts/:file`: the spec (for the web app, which builds the
 * ECharts option with the library's own `chartOption`), or the chart
 * rendered without a browser (SVG, PNG) in the compute pool. `fillMirror=true`
 * draws the series filled from partners' mirror reports (as `--fill-mirror`).
 */
import { z } from 'zod';
import { ChartError, type ChartParams, chartOption, chartSpec } from '../../trade/charts/index.ts';
import { defineRoute } from '../api.ts';
import { ComputeError } from '../compute.ts';
import { badRequest, fromLibraryError } from '../errors.ts';
import { resolveRegions, splitList, type TradeRoutes } from './trade-common.ts';
import { fillFactorOf } from './trade-mirror.ts';
import { ChartFile, ChartQuery } from './trade-params.ts';

export function registerChartRoutes({ app, ctx, trade }: TradeRoutes): void {
  defineRoute(app, {
    method: 'GET',
    url: '/trade/charts/:file',
    tags: ['trade'],
    summary:
      'A chart of trade series or structures: line, bar, area, treemap, sankey as .json (spec and ECharts option), .svg or .png',
    params: z.object({ file: ChartFile }),
    querystring: ChartQuery,
    produces: ['application/json', 'image/svg+xml', 'image/png'],
    handler: async ({ params, query, request, reply }) => {
      const { kind, format } = params.file;
      const cifFob = fillFactorOf(query);
      const json = await trade.read(
        `chart ${request.routeOptions.url} ${kind} ${JSON.stringify({ ...query, width: undefined, height: undefined })}`,
        async (store) => {
          const p: ChartParams = {
            source: splitList(query.source),
            reporter: await resolveRegions(store, query.reporter, 'reporter'),
            partner: await resolveRegions(store, query.partner, 'partner'),
            flow: query.flow && query.flow.length > 0 ? query.flow : undefined,
            year: query.year,
            from: query.from,
            to: query.to,
            variant: query.variant,
            lang: query.lang,
            // fillMirror=true: the filled series, mirror values drawn apart and counted in the subtitle
            fillMirror: query.fillMirror === 'true',
            cifFob,
          };
          let spec: Awaited<ReturnType<typeof chartSpec>>;
          try {
            spec = await chartSpec(store, kind, p);
          } catch (e) {
            if (e instanceof ChartError)
              throw badRequest(
                'query',
                e.message,
                'a selection with data for this chart (see GET /api/trade/query)',
              );
            throw e;
          }
          return { spec, option: chartOption(spec) };
        },
        ctx.deadline(reply),
      );
      if (format === 'json') {
        reply.type('application/json; charset=utf-8');
        return json;
      }
      // drawing runs in the compute pool (a large PNG takes seconds), under the request's deadline
      const rendered = await ctx
        .compute()
        .run(
          {
            kind: 'chart-render',
            option: (JSON.parse(json) as { option: unknown }).option,
            format,
            width: query.width ?? 800,
            height: query.height ?? 500,
          },
          ctx.limits.computeMs,
          ctx.deadline(reply),
        )
        .catch((e) => {
          throw e instanceof ComputeError ? fromLibraryError(e, '') : e;
        });
      const out = JSON.parse(rendered.json) as { svg?: string; png?: string; warnings?: string[] };
      const name = `amur-${kind}.${format}`;
      reply.header('content-disposition', `inline; filename="${name}"`);
      if (format === 'svg') return reply.type('image/svg+xml; charset=utf-8').send(out.svg);
      if (out.warnings?.length)
        reply.header('x-amur-warnings', out.warnings.join(' | ').replace(/[^\x20-\x7e]/g, '?'));
      return reply.type('image/png').send(Buffer.from(out.png ?? '', 'base64'));
    },
  });
}
