/** Test servers: in-process on a random loopback port (or inject-only), with a temporary trade store. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from '../../src/server/app.ts';

export interface TestServer {
  app: FastifyInstance;
  dir: string;
  close: () => Promise<void>;
}

export async function testServer(opts: ServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'amur-server-test-'));
  const app = await buildServer({ dbPath: join(dir, 'trade.duckdb'), webDir: false, ...opts });
  await app.ready();
  return {
    app,
    dir,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The API's error shape, checked loosely: every field a non-empty string. */
export function isApiError(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const b = body as Record<string, unknown>;
  return ['error', 'parameter', 'message', 'valid'].every(
    (k) => typeof b[k] === 'string' && (b[k] as string).length > 0,
  );
}
