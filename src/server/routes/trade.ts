/**
 * Trade endpoints over the store: sources (with the reporters, partners,
 * flows and years each holds, named in en/zh/ru), flow queries with the
 * filters of `amur trade query`, exports (CSV, XLSX, JSON, Parquet), the
 * audit of a printed table (JSON, or an annotated CSV/XLSX copy) and, with
 * the API token, imports.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AuditError, auditSource, writeAnnotated } from '../../trade/audit.ts';
import {
  CHART_KINDS,
  ChartError,
  type ChartKind,
  type ChartParams,
  chartOption,
  chartSpec,
  LANGS,
} from '../../trade/charts/index.ts';
import { ExportFormat, exportQuery } from '../../trade/export.ts';
import { FlowQuery, flowQuerySql } from '../../trade/flow-query.ts';
import { ImportError, ImportFileError } from '../../trade/importers/common.ts';
import { importFile } from '../../trade/importers/index.ts';
import {
  computeIndicator,
  INDICATORS,
  IndicatorError,
  IndicatorParams,
  listIndicators,
} from '../../trade/indicators/index.ts';
import { resolveRegionCode } from '../../trade/regions.ts';
import type { Store } from '../../trade/store.ts';
import { FLOWS, SourceId as SourceIdRule } from '../../trade/vocabulary.ts';
import { defineRoute, type PreHandler } from '../api.ts';
import { ComputeError } from '../compute.ts';
import type { ServerContext } from '../context.ts';
import { badRequest, fromLibraryError, notFound, parseOr400 } from '../errors.ts';
import { csvEnum, text } from '../params.ts';

/** A source id: the library's one rule (`vocabulary.ts`). */
export const SourceId = SourceIdRule.describe('a source id as listed by GET /api/trade/sources');

/** Rows of one page of /trade/query and /trade/export: an answer is built in bounded memory. */
const MAX_PAGE_ROWS = 10_000;
const RegionList = text(500).describe(
  'comma-separated region codes or names in en/zh/ru: CHN, RUS, CN-HL, CN-HL-HEIHE, WLD, 黑龙江 …',
);

/** The filters of `amur trade query`, as URL parameters. */
export const TradeFilters = z
  .object({
    reporter: RegionList.optional(),
    partner: RegionList.optional(),
    flow: csvEnum(FLOWS, 'flows').optional(),
    year: FlowQuery.shape.year,
    period: FlowQuery.shape.period,
    commodity: text(500).optional().describe('comma-separated: TOTAL, HS codes, or prefixes like 27*'),
    source: text(500).optional().describe('comma-separated source ids'),
    level: FlowQuery.shape.level,
    variant: FlowQuery.shape.variant,
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_PAGE_ROWS)
      .optional()
      .describe(
        `rows per page (default and most ${MAX_PAGE_ROWS}); the next page is named by X-Amur-Next-Cursor`,
      ),
    cursor: z.coerce
      .number()
      .int()
      .min(0)
      .max(1_000_000_000)
      .optional()
      .describe('where the page starts: the X-Amur-Next-Cursor of the previous page (default 0)'),
  })
  .strict();
type TradeFilters = z.output<typeof TradeFilters>;

export const TradeSource = z.object({
  id: z.string(),
  title: z.string(),
  rows: z.number().nullable(),
  importer: z.string().nullable(),
  publisher: z.string().nullable(),
  url: z.string().nullable(),
  citation: z.string().nullable(),
  licence: z.string().nullable(),
});

const NamedCode = z.object({
  code: z.string(),
  level: z.string().nullable(),
  names: z.object({ en: z.string().nullable(), zh: z.string().nullable(), ru: z.string().nullable() }),
});

export const TradeSourceDetail = z.object({
  source: TradeSource,
  reporters: z.array(NamedCode),
  partners: z.array(NamedCode),
  flows: z.array(z.string()),
  years: z.array(z.number()),
  commodities: z.array(z.object({ code: z.string(), label: z.string().nullable() })),
  variants: z.array(z.string()),
  audit: z.boolean().describe('true when the source is a printed table that `audit` can check'),
});

const FlowRow = z
  .record(z.string(), z.unknown())
  .describe('one flow; columns as in `amur trade query --json`');

const IMPORT_BODY_BYTES = 64 * 1024 * 1024;

const splitList = (s: string | undefined) =>
  s
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

async function resolveRegions(store: Store, text: string | undefined, parameter: string) {
  const out: string[] = [];
  for (const v of splitList(text) ?? []) {
    const code = await resolveRegionCode(store, v);
    if (!code) {
      throw badRequest(
        parameter,
        `${parameter}: unknown region ${JSON.stringify(v)}`,
        'a region code such as CHN, RUS, CN-HL, CN-HL-HEIHE, WLD, or a name in English, Chinese or Russian',
      );
    }
    out.push(code);
  }
  return out.length > 0 ? out : undefined;
}

/** The library's FlowQuery from URL filters (region names resolved); `extra` more rows than a page. */
async function flowQueryOf(store: Store, f: TradeFilters, extra = 0): Promise<FlowQuery> {
  const raw = {
    reporter: await resolveRegions(store, f.reporter, 'reporter'),
    partner: await resolveRegions(store, f.partner, 'partner'),
    flow: f.flow && f.flow.length > 0 ? f.flow : undefined,
    year: f.year,
    period: f.period,
    commodity: splitList(f.commodity),
    source: splitList(f.source),
    level: f.level,
    variant: f.variant,
    limit: (f.limit ?? MAX_PAGE_ROWS) + extra,
  };
  await checkSources(store, raw.source);
  return parseOr400(FlowQuery, raw, '');
}

/** A source the store does not hold is a 404 (as in `amur trade query`), not an empty answer. */
async function checkSources(store: Store, ids: string[] | undefined): Promise<void> {
  if (!ids || ids.length === 0) return;
  const known = new Set(
    (
      await store.query<{ id: string }>('SELECT id FROM sources WHERE id IN (SELECT unnest($1::VARCHAR[]))', [
        ids,
      ])
    ).map((r) => r.id),
  );
  const missing = ids.find((id) => !known.has(id));
  if (missing !== undefined) {
    throw notFound(
      'source',
      `no trade source "${missing.length > 60 ? `${missing.slice(0, 57)}...` : missing}" in the store`,
      'source ids listed by GET /api/trade/sources',
    );
  }
}

/** The SQL of one page: the library's ordered query, from row `cursor`. */
function pageSql(q: FlowQuery, cursor: number | undefined): string {
  return `${flowQuerySql(q)}${cursor ? ` OFFSET ${cursor}` : ''}`;
}

/** Says where the next page starts (X-Amur-Next-Cursor, Link) when the answer stopped at a page's end. */
function markPage(reply: FastifyReply, request: FastifyRequest, next: number | null): void {
  if (next === null) {
    reply.header('x-amur-complete', 'true');
    return;
  }
  const url = new URL(request.url, 'http://x');
  url.searchParams.set('cursor', String(next));
  reply
    .header('x-amur-complete', 'false')
    .header('x-amur-next-cursor', String(next))
    .header('link', `<${url.pathname}${url.search}>; rel="next"`);
}

/** Plain JSON values from DuckDB rows (BigInt → number, Date → ISO string). */
function plain<T>(rows: T[]): T[] {
  return JSON.parse(
    JSON.stringify(rows, (_k, v) =>
      typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString() : v,
    ),
  );
}

const CONTENT_TYPE: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Writes a file with `write`, streams it to the client as a download, then removes it. */
async function sendFile(
  reply: FastifyReply,
  name: string,
  format: string,
  write: (file: string) => Promise<unknown>,
): Promise<FastifyReply> {
  const dir = await mkdtemp(join(tmpdir(), 'amur-export-'));
  const file = join(dir, `${randomUUID()}.${format}`);
  try {
    await write(file);
    const size = (await stat(file)).size;
    const stream = createReadStream(file);
    const cleanup = () => void rm(dir, { recursive: true, force: true });
    stream.on('close', cleanup);
    stream.on('error', cleanup);
    return reply
      .header('content-type', CONTENT_TYPE[format] ?? 'application/octet-stream')
      .header('content-length', size)
      .header('content-disposition', `attachment; filename="${name}.${format}"`)
      .send(stream);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

function auditFailure(e: unknown, source: string): never {
  if (e instanceof AuditError) {
    if (e.kind === 'not-found')
      throw notFound('source', e.message, 'a source id listed by GET /api/trade/sources');
    throw badRequest(
      'source',
      e.message,
      `a source imported with a spec (e.g. a seed table); "${source}" is not one`,
    );
  }
  throw e;
}

export function registerTradeRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  requireToken: PreHandler,
): void {
  const trade = ctx.trade();
  /** A read answered as JSON text, kept until the next import (see `TradeStore.read`). */
  const answer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    fn: (store: Store) => Promise<unknown>,
  ): Promise<string> => {
    const json = await trade.read(`${request.routeOptions.url} ${request.url}`, fn, ctx.deadline(reply));
    reply.type('application/json; charset=utf-8');
    return json;
  };

  defineRoute(app, {
    method: 'GET',
    url: '/trade/sources',
    tags: ['trade'],
    summary: 'The sources in the trade store, with their row counts',
    response: z.array(TradeSource),
    handler: ({ request, reply }) =>
      answer(request, reply, async (store) =>
        plain(
          await store.query(
            'SELECT id, title, rows, importer, publisher, url, citation, licence FROM sources ORDER BY imported_at, id',
          ),
        ),
      ),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/trade/sources/:id',
    tags: ['trade'],
    summary: 'One source with the reporters, partners, flows, years and commodities it holds',
    params: z.object({ id: SourceId }),
    response: TradeSourceDetail,
    handler: ({ params, request, reply }) =>
      answer(request, reply, async (store) => {
        const [source] = plain(
          await store.query(
            'SELECT id, title, rows, importer, publisher, url, citation, licence FROM sources WHERE id = $1',
            [params.id],
          ),
        );
        if (!source)
          throw notFound(
            'id',
            `no trade source with id "${params.id}"`,
            'an id listed by GET /api/trade/sources',
          );
        const named = async (col: 'reporter' | 'partner') =>
          plain(
            await store.query<{ code: string; level: string; en: string; zh: string; ru: string }>(
              `SELECT DISTINCT f.${col}_code AS code, f.${col}_level AS level, r.name_en AS en, r.name_zh AS zh, r.name_ru AS ru
                 FROM flows f LEFT JOIN regions r ON r.code = f.${col}_code
                WHERE f.source_id = $1 ORDER BY code`,
              [params.id],
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
              [params.id],
            ),
          ).map((r) => r.v);
        const commodities = plain(
          await store.query<{ code: string; label: string | null }>(
            `SELECT commodity_code AS code, any_value(commodity_label) AS label FROM flows
              WHERE source_id = $1 GROUP BY commodity_code ORDER BY commodity_code LIMIT 500`,
            [params.id],
          ),
        );
        const audit = (
          await store.query<{ n: number }>('SELECT count(*) AS n FROM wide_tables WHERE source_id = $1', [
            params.id,
          ])
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
      }),
  });

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

  const IndicatorName = z.enum(INDICATORS.map((d) => d.name) as [string, ...string[]]);
  const year = z.coerce.number().pipe(z.number().int().min(1900).max(2100));
  /** The indicator parameters as URL parameters (lists comma-separated, regions by code or name). */
  const IndicatorQuery = z
    .object({
      reporter: RegionList.optional(),
      partner: RegionList.optional(),
      year: year.optional(),
      from: year.optional(),
      to: year.optional(),
      flow: IndicatorParams.shape.flow,
      commodity: text(500).optional().describe('comma-separated: TOTAL, HS codes, or prefixes like 27*'),
      level: z.coerce.number().pipe(z.number().int().min(1).max(10)).optional(),
      source: text(500).optional().describe('comma-separated source ids'),
      variant: IndicatorParams.shape.variant,
      of: IndicatorParams.shape.of,
      in: text(100).optional().describe('`share` of a reporter: the region whose total is the denominator'),
      by: IndicatorParams.shape.by,
      period: IndicatorParams.shape.period,
      method: text(40).optional(),
    })
    .strict();

  defineRoute(app, {
    method: 'GET',
    url: '/trade/indicators',
    tags: ['trade'],
    summary: 'The indicators: name, title, definition, unit, what each needs and which parameters it reads',
    response: z.array(z.record(z.string(), z.unknown())),
    handler: () => listIndicators(),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/trade/indicators/:name',
    tags: ['trade'],
    summary: 'Compute an indicator (as `amur trade indicator NAME --json`)',
    params: z.object({ name: IndicatorName }),
    querystring: IndicatorQuery,
    response: z
      .object({
        indicator: z.string(),
        definition: z.string(),
        unit: z.string(),
        columns: z.array(z.string()),
        rows: z.array(z.record(z.string(), z.unknown())),
        notes: z.array(z.string()),
      })
      .describe('IndicatorResult'),
    handler: ({ params, query, request, reply }) =>
      answer(request, reply, async (store) => {
        const inRegion = query.in ? await resolveRegions(store, query.in, 'in') : undefined;
        const raw: Record<string, unknown> = {
          reporter: await resolveRegions(store, query.reporter, 'reporter'),
          partner: await resolveRegions(store, query.partner, 'partner'),
          year: query.year,
          from: query.from,
          to: query.to,
          flow: query.flow,
          commodity: splitList(query.commodity),
          level: query.level,
          source: splitList(query.source),
          variant: query.variant,
          of: query.of,
          in: inRegion?.[0],
          by: query.by,
          period: query.period,
          method: query.method,
        };
        for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
        const p = parseOr400(IndicatorParams, raw, '');
        const def = INDICATORS.find((d) => d.name === params.name)!;
        const unread = Object.keys(p).filter((k) => !(def.params as string[]).includes(k));
        if (unread.length > 0) {
          throw badRequest(
            unread[0],
            `${params.name} does not read the parameter ${unread[0]}`,
            `the parameters of ${params.name}: ${def.params.join(', ') || '(none)'}`,
          );
        }
        try {
          return plain([await computeIndicator(store, params.name, p)])[0];
        } catch (e) {
          if (e instanceof IndicatorError) {
            throw badRequest('name', e.message, `the data and parameters ${params.name} needs: ${def.needs}`);
          }
          throw e;
        }
      }),
  });

  // ---- charts: the spec (for the web app, which builds the ECharts option with the
  // library's own `chartOption`), or the chart rendered without a browser

  const ChartFile = z
    .string()
    .regex(
      new RegExp(`^(${CHART_KINDS.join('|')})\\.(json|svg|png)$`),
      `a chart file name KIND.FORMAT: kind ${CHART_KINDS.join(', ')}; format json, svg or png`,
    )
    .transform((f) => {
      const [kind, format] = f.split('.');
      return { kind: kind as ChartKind, format: format as 'json' | 'svg' | 'png' };
    });
  const ChartQuery = z
    .object({
      source: text(500).optional().describe('comma-separated source ids'),
      reporter: RegionList.optional(),
      partner: RegionList.optional(),
      flow: csvEnum(FLOWS, 'flows').optional(),
      year: year.optional(),
      from: year.optional(),
      to: year.optional(),
      variant: IndicatorParams.shape.variant,
      lang: z.enum(LANGS).default('en'),
      width: z.coerce.number().pipe(z.number().int().min(200).max(3000)).optional(),
      height: z.coerce.number().pipe(z.number().int().min(150).max(3000)).optional(),
    })
    .strict();

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

  const AuditQuery = z.object({ variant: z.enum(['as-printed', 'as-corrected']).optional() }).strict();

  defineRoute(app, {
    method: 'GET',
    url: '/trade/audit/:source',
    tags: ['trade'],
    summary:
      'Audit of a printed table: its growth rates, totals, shares, text facts, units and scale re-checked',
    params: z.object({ source: SourceId }),
    querystring: AuditQuery,
    response: z.object({ source: z.string(), findings: z.array(z.record(z.string(), z.unknown())) }).loose(),
    handler: ({ params, query, request, reply }) =>
      answer(request, reply, (store) =>
        auditSource(store, params.source, { variant: query.variant }).catch((e) =>
          auditFailure(e, params.source),
        ),
      ),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/trade/audit/:source/annotated/:format',
    tags: ['trade'],
    summary: 'The audited table with its findings marked: csv or xlsx',
    params: z.object({ source: SourceId, format: z.enum(['csv', 'xlsx']) }),
    querystring: AuditQuery,
    produces: [CONTENT_TYPE.csv, CONTENT_TYPE.xlsx],
    handler: ({ params, query, reply }) =>
      trade.use(async (store) => {
        const result = await auditSource(store, params.source, { variant: query.variant }).catch((e) =>
          auditFailure(e, params.source),
        );
        return sendFile(reply, `${params.source}-audit`, params.format, (file) =>
          writeAnnotated(store, result, file),
        );
      }),
  });

  // ---- writes (need the API token)

  const ImportQuery = z
    .object({
      name: z
        .string()
        .regex(
          /^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,119}\.(csv|json|xlsx)$/,
          'a file name ending in .csv, .json or .xlsx',
        )
        .describe('the uploaded file name (tells the format: .csv, .json, .xlsx)'),
      format: z
        .enum(['comtrade', 'baci'])
        .optional()
        .describe('force a format (default: detected from the header)'),
      skipBad: z.enum(['true', 'false']).optional(),
      mirror: z.enum(['true', 'false']).optional(),
      title: text(300).optional(),
    })
    .strict();

  app.addContentTypeParser(
    [
      'text/csv',
      'application/octet-stream',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_BYTES },
    (_request, body, done) => done(null, body),
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/trade/import',
      tags: ['trade'],
      summary: 'Import a Comtrade (JSON/CSV) or BACI file sent as the request body (needs the API token)',
      description:
        'Send the file as the body (Content-Type text/csv, application/json or application/octet-stream) and its name in `name`. The import is one transaction: a bad row stops it and nothing is written (unless skipBad=true).',
      querystring: ImportQuery,
      write: true,
      bodyLimit: IMPORT_BODY_BYTES,
      handler: async ({ query, request }) => {
        const body = request.body;
        const bytes = Buffer.isBuffer(body)
          ? body
          : typeof body === 'string'
            ? Buffer.from(body)
            : body !== undefined
              ? Buffer.from(JSON.stringify(body))
              : Buffer.alloc(0);
        if (bytes.length === 0)
          throw badRequest('body', 'the request body is empty', 'the file to import as the body');
        const dir = await mkdtemp(join(tmpdir(), 'amur-import-'));
        const file = join(dir, query.name);
        try {
          await writeFile(file, bytes);
          return await trade.write(
            (store) =>
              importFile(store, file, {
                format: query.format,
                skipBad: query.skipBad === 'true',
                mirror: query.mirror === 'true',
                reportFile: join(dir, 'skipped.csv'),
                ...(query.title ? { source: { title: query.title } } : {}),
              }),
            // an import may take longer than a query: the whole of requestMs from when its body arrived
            Date.now() + ctx.limits.requestMs,
          );
        } catch (e) {
          if (e instanceof ImportError) {
            throw badRequest('body', e.message.replace(file, query.name), e.valid);
          }
          if (e instanceof ImportFileError) {
            throw badRequest(
              'body',
              e.message.replace(file, query.name),
              'a Comtrade or BACI file (JSON or CSV)',
            );
          }
          throw e;
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    },
    requireToken,
  );
}
