/** JSON answers compressed by Accept-Encoding (issue 14): same JSON decoded, compressed once per answer. */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESS_MIN_BYTES, chooseEncoding, compressionStats } from '../../src/server/compress.ts';
import { isApiError, type TestServer, testServer } from './helpers.ts';

describe('compressed JSON answers', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer();
  });
  afterAll(async () => {
    await s?.close();
  });

  const get = (url: string, enc?: string) =>
    s.app.inject({ method: 'GET', url, headers: enc === undefined ? {} : { 'accept-encoding': enc } });

  it('decodes br and gzip answers to the same JSON as the plain one', async () => {
    const plain = await get('/api/atlas/geojson');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESS_MIN_BYTES);
    const br = await get('/api/atlas/geojson', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    const gz = await get('/api/atlas/geojson', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());
  });

  it('sends no Content-Encoding without Accept-Encoding or when it refuses both', async () => {
    expect((await get('/api/atlas/geojson')).headers['content-encoding']).toBeUndefined();
    expect((await get('/api/atlas/geojson', 'identity')).headers['content-encoding']).toBeUndefined();
    expect((await get('/api/atlas/geojson', 'br;q=0, gzip;q=0')).headers['content-encoding']).toBeUndefined();
  });

  it('leaves small answers uncompressed', async () => {
    const r = await get('/api/atlas/crossings/no-such-crossing', 'br, gzip');
    expect(r.rawPayload.length).toBeLessThan(COMPRESS_MIN_BYTES);
    expect(r.headers['content-encoding']).toBeUndefined();
  });

  it('compresses a repeated answer once and serves the kept bytes after', async () => {
    const stats = compressionStats(s.app);
    expect(stats).toBeDefined();
    const first = await get('/api/atlas/geojson', 'br');
    const after1 = { ...stats! };
    const second = await get('/api/atlas/geojson', 'br');
    const third = await get('/api/atlas/geojson', 'br');
    expect(stats!.compressed).toBe(after1.compressed);
    expect(stats!.reused).toBe(after1.reused + 2);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(third.rawPayload.equals(first.rawPayload)).toBe(true);
  });

  it('keeps the API error shape, compressed or not', async () => {
    const r = await get('/api/atlas/nonsense-kind', 'br');
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    const text =
      r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.rawPayload).toString() : r.body;
    expect(isApiError(JSON.parse(text))).toBe(true);
  });

  it('chooses br over gzip and honours q=0', () => {
    expect(chooseEncoding('gzip, br')).toBe('br');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('gzip;q=1, br;q=0.5')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
  });
});
