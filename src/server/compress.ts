/**
 * JSON answers compressed for the client (issue 14, Speed): the server
 * negotiates Accept-Encoding (br, then gzip) for JSON text of at least
 * COMPRESS_MIN_BYTES and says `Vary: Accept-Encoding`. The compressed bytes
 * are kept in a ByteCache keyed by the encoding and a digest of the text, so
 * an answer the server sends again (a cached atlas or trade answer) is
 * compressed once, not per request. Streams (paged trade exports), answers
 * already encoded, and bodiless answers (204, 304) pass unchanged.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ByteCache } from './byte-cache.ts';

/** Smaller answers go as they are: the headers would eat the gain. */
export const COMPRESS_MIN_BYTES = 1024;
/** Brotli quality for answers made per request: 4 is fast and near gzip-9 in size (measured in the report of issue 14). */
export const BROTLI_QUALITY = 4;
const GZIP_LEVEL = 6;

export type Encoding = 'br' | 'gzip';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Counts of compressions done and answers served from the kept bytes (tests and health read them). */
export interface CompressStats {
  compressed: number;
  reused: number;
}

/** The encoding to use for an Accept-Encoding header, or undefined (identity). q=0 refuses an encoding. */
export function chooseEncoding(accept: string | undefined): Encoding | undefined {
  if (!accept) return undefined;
  const q = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qp ? Number(qp.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const of = (e: string) => q.get(e) ?? q.get('*') ?? 0;
  if (of('br') > 0 && of('br') >= of('gzip')) return 'br';
  if (of('gzip') > 0) return 'gzip';
  return undefined;
}

async function compress(text: string, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'br') {
    return brotliAsync(Buffer.from(text), {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
      },
    });
  }
  return gzipAsync(Buffer.from(text), { level: GZIP_LEVEL });
}

function appendVary(reply: FastifyReply): void {
  const vary = reply.getHeader('vary');
  const list = vary === undefined ? '' : String(vary);
  if (/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(list)) return;
  reply.header('vary', list ? `${list}, Accept-Encoding` : 'Accept-Encoding');
}

const statsOf = new WeakMap<FastifyInstance, CompressStats>();

/** The counters of a server's compression (undefined if it has none). */
export function compressionStats(app: FastifyInstance): CompressStats | undefined {
  return statsOf.get(app);
}

/**
 * Installs the onSend hook that compresses JSON answers; returns its counters.
 * `cacheBytes` bounds the compressed answers kept.
 */
export function installCompression(app: FastifyInstance, cacheBytes = 64 * 1024 * 1024): CompressStats {
  const kept = new ByteCache<Buffer>(cacheBytes);
  const stats: CompressStats = { compressed: 0, reused: 0 };
  statsOf.set(app, stats);
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (typeof payload !== 'string') return payload; // streams and buffers pass unchanged
    const type = String(reply.getHeader('content-type') ?? '');
    if (!/^application\/([a-z.+-]*\+)?json/i.test(type)) return payload;
    if (reply.statusCode === 204 || reply.statusCode === 304) return payload;
    if (reply.getHeader('content-encoding') !== undefined) return payload;
    if (Buffer.byteLength(payload) < COMPRESS_MIN_BYTES) return payload;
    appendVary(reply);
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    if (!encoding) return payload;
    const key = `${encoding}:${createHash('sha256').update(payload).digest('base64')}`;
    let body = kept.get(key);
    if (body) stats.reused++;
    else {
      body = await compress(payload, encoding);
      stats.compressed++;
      kept.set(key, body);
    }
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return body;
  });
  return stats;
}
