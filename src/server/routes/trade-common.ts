/**
 * What the trade routes share: the route context (app, server context, the
 * store's queue and the cached JSON answer), region and source resolution,
 * the library's `FlowQuery` from URL filters, pages, downloads.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FlowQuery, flowQuerySql } from '../../trade/flow-query.ts';
import { resolveRegionCode } from '../../trade/regions.ts';
import type { Store } from '../../trade/store.ts';
import type { ServerContext } from '../context.ts';
import { badRequest, notFound, parseOr400 } from '../errors.ts';
import type { TradeStore } from '../trade-store.ts';
import { MAX_PAGE_ROWS, type TradeFilters } from './trade-params.ts';

/** What every group of trade routes is registered with. */
export interface TradeRoutes {
  app: FastifyInstance;
  ctx: ServerContext;
  trade: TradeStore;
  /** A read answered as JSON text, kept until the next import (see `TradeStore.read`). */
  answer: (
    request: FastifyRequest,
    reply: FastifyReply,
    fn: (store: Store) => Promise<unknown>,
  ) => Promise<string>;
}

export function tradeRoutes(app: FastifyInstance, ctx: ServerContext): TradeRoutes {
  const trade = ctx.trade();
  return {
    app,
    ctx,
    trade,
    answer: async (request, reply, fn) => {
      const json = await trade.read(`${request.routeOptions.url} ${request.url}`, fn, ctx.deadline(reply));
      reply.type('application/json; charset=utf-8');
      return json;
    },
  };
}

export const splitList = (s: string | undefined) =>
  s
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export async function resolveRegions(store: Store, text: string | undefined, parameter: string) {
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
export async function flowQueryOf(store: Store, f: TradeFilters, extra = 0): Promise<FlowQuery> {
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
export function pageSql(q: FlowQuery, cursor: number | undefined, opts: { fill?: boolean } = {}): string {
  return `${flowQuerySql(q, opts)}${cursor ? ` OFFSET ${cursor}` : ''}`;
}

/** Says where the next page starts (X-Amur-Next-Cursor, Link) when the answer stopped at a page's end. */
export function markPage(reply: FastifyReply, request: FastifyRequest, next: number | null): void {
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
export function plain<T>(rows: T[]): T[] {
  return JSON.parse(
    JSON.stringify(rows, (_k, v) =>
      typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString() : v,
    ),
  );
}

export const CONTENT_TYPE: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Writes a file with `write`, streams it to the client as a download, then removes it. */
export async function sendFile(
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
