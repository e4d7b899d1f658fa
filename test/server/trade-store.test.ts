/**
 * The server's access to the trade store: a write stopped by its deadline is
 * rolled back before the next operation runs on the shared connection, a full
 * queue answers at once, and kept answers are bounded in bytes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ByteCache } from '../../src/server/byte-cache.ts';
import { ApiError } from '../../src/server/errors.ts';
import { TradeStore } from '../../src/server/trade-store.ts';

describe('TradeStore', () => {
  let dir: string;
  let ts: TradeStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'amur-trade-store-'));
    ts = new TradeStore({
      path: join(dir, 't.duckdb'),
      deadlineMs: 30_000,
      queueLength: 4,
      cacheBytes: 1 << 20,
    });
    await ts.write((s) => s.query('CREATE TABLE t (x INTEGER)'));
  }, 120_000);

  afterAll(async () => {
    await ts?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rolls back a write stopped by its deadline and leaves the connection usable', async () => {
    const stopped = ts.write(async (s) => {
      await s.query('BEGIN TRANSACTION');
      await s.query('INSERT INTO t VALUES (1)');
      await new Promise((r) => setTimeout(r, 800));
      await s.query('INSERT INTO t VALUES (2)');
      await s.query('COMMIT');
    }, Date.now() + 200);
    await expect(stopped).rejects.toBeInstanceOf(ApiError);
    await expect(stopped).rejects.toMatchObject({ status: 503 });
    const rows = await ts.use((s) => s.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM t'));
    expect(rows[0].n).toBe(0);
  });

  it('refuses at once when its queue is full', async () => {
    const slow = Array.from({ length: 5 }, () =>
      ts.use(() => new Promise((r) => setTimeout(r, 300))).catch((e) => e),
    );
    const refused = await ts.use(async () => 1).catch((e) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('busy');
    expect((refused as ApiError).retryAfterS).toBeGreaterThan(0);
    const settled = await Promise.all(slow);
    expect(settled.filter((x) => x instanceof ApiError)).toHaveLength(0);
  });

  it('keeps read answers within its byte budget', async () => {
    for (let i = 0; i < 20; i++) {
      await ts.read(`big ${i}`, async () => 'x'.repeat(60_000));
    }
    expect(ts.cachedBytes).toBeLessThanOrEqual(1 << 20);
    expect(ts.cachedBytes).toBeGreaterThan(0);
  });
});

describe('ByteCache', () => {
  it('evicts the least recently used past its budget and keeps nothing too large', () => {
    const c = new ByteCache(1000);
    expect(c.set('a', 'x'.repeat(40))).toBe(true);
    expect(c.set('b', 'y'.repeat(40))).toBe(true);
    c.get('a');
    for (let i = 0; i < 10; i++) c.set(`k${i}`, 'z'.repeat(40));
    expect(c.bytes).toBeLessThanOrEqual(1000);
    expect(c.get('b')).toBeUndefined();
    expect(c.set('huge', 'h'.repeat(200))).toBe(false);
    expect(c.get('huge')).toBeUndefined();
    c.clear();
    expect(c.bytes).toBe(0);
  });
});
