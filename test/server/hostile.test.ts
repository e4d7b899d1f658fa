/**
 * The server under hostile input and load, on loopback only, with bounded
 * counts and times: over-long names and URLs, deep JSON, slow and malformed
 * clients, requests past their deadline or beyond a full queue, charts and
 * place names that used to run on the main thread, dotfiles and symlinks in
 * the web root, a damaged store, pages of a large query. Each answer must be
 * in the API's error shape, name no server path, and `/api/health` must be
 * answered within a generous bound while the expensive requests run.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isApiError, type TestServer, testServer } from './helpers.ts';

const TOKEN = 'hostile-test-token-0123456789';

/** Sends raw bytes to the server and reads until it closes the connection (or `ms` pass). */
function raw(
  port: number,
  send: (socket: ReturnType<typeof connect>) => void,
  ms = 15_000,
): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    const done = () => resolve({ text, closedAfterMs: Date.now() - started });
    const timer = setTimeout(() => {
      socket.destroy();
      done();
    }, ms);
    socket.on('data', (d) => {
      text += d.toString('utf8');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      done();
    });
    socket.on('connect', () => send(socket));
  });
}

/** The JSON body of a raw HTTP answer. */
function bodyOf(text: string): unknown {
  const at = text.indexOf('\r\n\r\n');
  try {
    return JSON.parse(text.slice(at + 4));
  } catch {
    return null;
  }
}

function expectClean(body: string): void {
  expect(body).not.toContain(tmpdir());
  expect(body).not.toContain(process.cwd());
  expect(body).not.toMatch(/PID \d+/);
}

describe('hostile input and load', () => {
  let s: TestServer;
  let port: number;

  beforeAll(async () => {
    s = await testServer({ apiToken: TOKEN, warm: true });
    const address = await s.app.listen({ host: '127.0.0.1', port: 0 });
    port = Number(new URL(address).port);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('bounds place names in POST as in GET and echoes only a short prefix', async () => {
    const long = 'Благовещенск'.repeat(20_000);
    for (const req of [
      {
        url: '/api/route',
        payload: { from: long, to: 'harbin', date: '2024-03-20' },
        parameter: 'body.from',
      },
      {
        url: '/api/matrix',
        payload: { from: ['harbin'], to: [long], date: '2024-03-20' },
        parameter: 'body.to[0]',
      },
    ]) {
      const r = await s.app.inject({ method: 'POST', url: req.url, payload: req.payload });
      expect(r.statusCode, r.body.slice(0, 200)).toBe(400);
      expect(isApiError(r.json())).toBe(true);
      expect(r.json().parameter).toBe(req.parameter);
      expect(r.body.length).toBeLessThan(2000);
    }
    const g = await s.app.inject({
      method: 'GET',
      url: `/api/route?from=${encodeURIComponent('x'.repeat(201))}&to=harbin`,
    });
    expect(g.statusCode).toBe(400);
    expect(g.json().parameter).toBe('from');
  });

  it('answers health within a generous bound while expensive requests run', async () => {
    const base = `http://127.0.0.1:${port}`;
    const long = 'Благовещенск Harbin Suifenhe '.repeat(20_000);
    const expensive = [
      ...Array.from({ length: 4 }, () =>
        fetch(`${base}/api/route`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ from: long, to: 'harbin', date: '2024-03-20' }),
        }).then((r) => r.status),
      ),
      // a large PNG took the event loop for seconds when it was drawn on the main thread
      fetch(
        `${base}/api/trade/charts/line.png?source=heilongjiang-russia-2008-2018&width=1600&height=1600`,
      ).then((r) => r.status),
    ];
    const waits: number[] = [];
    let running = true;
    const all = Promise.all(expensive).finally(() => {
      running = false;
    });
    while (running && waits.length < 200) {
      const t = Date.now();
      const h = await fetch(`${base}/api/health`);
      expect(h.status).toBe(200);
      waits.push(Date.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
    const statuses = await all;
    expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]);
    for (const st of statuses.slice(4)) expect([200, 503]).toContain(st);
    // generous: the work runs off the event loop, so health never waits for it
    expect(Math.max(...waits)).toBeLessThan(2000);
    // the server measures its own event-loop delay (perf_hooks) and says it in health
    const loop = ((await (await fetch(`${base}/api/health`)).json()) as { eventLoopDelay: unknown })
      .eventLoopDelay;
    expect(loop).toMatchObject({ p99Ms: expect.any(Number), maxMs: expect.any(Number), windowS: 10 });
  }, 120_000);

  it('validates GET and POST alike (dates, control characters) and answers an unknown source 404', async () => {
    for (const [payload, parameter] of [
      [{ from: 'harbin', to: 'heihe', date: '1800-01-01' }, 'body.date'],
      [{ from: 'har\u0007bin', to: 'heihe', date: '2024-03-20' }, 'body.from'],
    ] as const) {
      const r = await s.app.inject({ method: 'POST', url: '/api/route', payload });
      expect(r.statusCode, r.body.slice(0, 200)).toBe(400);
      expect(r.json().parameter).toBe(parameter);
    }
    const g = await s.app.inject({ method: 'GET', url: '/api/route?from=harbin&to=heihe&date=1800-01-01' });
    expect(g.statusCode).toBe(400);
    for (const url of [
      '/api/trade/query?source=no-such-source',
      '/api/trade/export/csv?source=no-such-source',
    ]) {
      const r = await s.app.inject({ method: 'GET', url });
      expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBe(404);
      expect(r.json().parameter).toBe('source');
    }
  });

  it('refuses deeply nested JSON with a 400 naming the body', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    for (const url of ['/api/route', '/api/trade/import?name=x.json', '/api/scenarios']) {
      const r = await s.app.inject({
        method: 'POST',
        url,
        payload: deep,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      });
      expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBe(400);
      expect(isApiError(r.json())).toBe(true);
      expect(r.json().parameter).toBe('body');
    }
  });

  it('answers an over-long URL in the API shape (414 below the head limit, 431 above)', async () => {
    const mid = await s.app.inject({ method: 'GET', url: `/api/search?q=${'a'.repeat(10_000)}` });
    expect(mid.statusCode).toBe(414);
    expect(isApiError(mid.json())).toBe(true);
    const huge = await raw(port, (socket) => {
      socket.write(`GET /api/search?q=${'a'.repeat(1024 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    });
    expect(huge.text).toMatch(/^HTTP\/1\.1 431 /);
    expect(isApiError(bodyOf(huge.text))).toBe(true);
  });

  it('answers oversized headers and malformed HTTP in the API shape', async () => {
    const big = await raw(port, (socket) => {
      socket.write(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(40_000)}\r\n\r\n`);
    });
    expect(big.text).toMatch(/^HTTP\/1\.1 431 /);
    expect(isApiError(bodyOf(big.text))).toBe(true);
    const junk = await raw(port, (socket) => socket.write('HELLO THERE\r\n\r\n'));
    expect(junk.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(isApiError(bodyOf(junk.text))).toBe(true);
  });

  it('stops a scenario id that no file name could hold with a 4xx', async () => {
    const r = await s.app.inject({ method: 'GET', url: `/api/scenarios/${'a'.repeat(190)}` });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    const up = await s.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: { id: 'a'.repeat(251), name: 'x', description: 'x', sources: ['x'], modifications: [] },
    });
    expect(up.statusCode).toBe(400);
    expect(isApiError(up.json())).toBe(true);
  });

  it('lists uploaded scenarios without re-reading them per request', async () => {
    const started = Date.now();
    const up = await s.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: {
        id: 'hostile-upload',
        name: 'Hostile upload',
        description: 'listed from its summary',
        sources: ['song-2019'],
        modifications: [],
      },
    });
    expect(up.statusCode, up.body.slice(0, 200)).toBe(200);
    // the uploaded file, damaged behind the server's back: the list must not read it again
    const dirs = readdirSync(tmpdir()).filter((d) => d.startsWith('amur-scenarios-'));
    const files = dirs
      .map((d) => join(tmpdir(), d, 'hostile-upload.yaml'))
      .filter((f) => existsSync(f) && statSync(f).mtimeMs >= started - 1000);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) writeFileSync(f, 'modifications: [ {{{ not yaml');
    const list = await s.app.inject({ method: 'GET', url: '/api/scenarios' });
    expect(list.statusCode, list.body.slice(0, 200)).toBe(200);
    const listed = list.json() as { id: string; names: Record<string, string> }[];
    expect(listed.some((x) => x.id === 'hostile-upload')).toBe(true);
    // names by language: the shipped ones translated, an untranslated upload in English only
    expect(listed.find((x) => x.id === 'current')?.names).toMatchObject({
      en: 'Current atlas',
      zh: '当前图集',
    });
    expect(listed.find((x) => x.id === 'hostile-upload')?.names).toEqual({ en: 'Hostile upload' });
  });

  it('keeps no server path in an import error', async () => {
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/trade/import?name=bad.csv',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      payload: 'not,a,comtrade,file\n1,2,3,4\n',
    });
    expect(r.statusCode).toBe(400);
    expectClean(r.body);
    expect(r.body).not.toMatch(/amur-import-/);
  });

  it('pages a large trade query with a cursor and says when it stops', async () => {
    const first = await s.app.inject({
      method: 'GET',
      url: '/api/trade/query?source=heilongjiang-russia-2008-2018&limit=5',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toHaveLength(5);
    expect(first.headers['x-amur-complete']).toBe('false');
    expect(first.headers['x-amur-next-cursor']).toBe('5');
    const second = await s.app.inject({
      method: 'GET',
      url: '/api/trade/query?source=heilongjiang-russia-2008-2018&limit=5&cursor=5',
    });
    expect(second.json()).toHaveLength(5);
    expect(second.json()[0]).not.toEqual(first.json()[0]);
    const all = await s.app.inject({
      method: 'GET',
      url: '/api/trade/query?source=heilongjiang-russia-2008-2018',
    });
    expect(all.headers['x-amur-complete']).toBe('true');
    const tooMany = await s.app.inject({ method: 'GET', url: '/api/trade/query?limit=100000' });
    expect(tooMany.statusCode).toBe(400);
    const exp = await s.app.inject({
      method: 'GET',
      url: '/api/trade/export/csv?source=heilongjiang-russia-2008-2018&limit=5',
    });
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['x-amur-next-cursor']).toBe('5');
    expect(exp.body.trim().split('\n')).toHaveLength(6);
  });
});

describe('deadlines and queues', () => {
  it('answers 503 with Retry-After once the request deadline has passed', async () => {
    // warm: the pool's start-up is the server's, not the request's
    const s = await testServer({ warm: true, limits: { deadlineMs: 1 } });
    try {
      for (const req of [
        { method: 'GET' as const, url: '/api/route?from=harbin&to=vladivostok&date=2024-03-20' },
        { method: 'GET' as const, url: '/api/trade/sources' },
        // a PNG chart is drawn under the same deadline (it used to have none)
        {
          method: 'GET' as const,
          url: '/api/trade/charts/line.png?source=heilongjiang-russia-2008-2018&width=2999&height=3000',
        },
      ]) {
        const r = await s.app.inject(req);
        expect(r.statusCode, `${req.url}: ${r.body.slice(0, 200)}`).toBe(503);
        expect(r.headers['retry-after']).toMatch(/^\d+$/);
        expect(isApiError(r.json())).toBe(true);
      }
      expect((await s.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('refuses at once when the queue is full', async () => {
    const s = await testServer({ limits: { queueLength: 0 } });
    try {
      let t = Date.now();
      const r = await s.app.inject({ method: 'GET', url: '/api/route?from=harbin&to=vladivostok' });
      // at once: well before any deadline (generous bound)
      expect(Date.now() - t).toBeLessThan(5_000);
      expect(r.statusCode).toBe(503);
      expect(r.json().error).toBe('busy');
      expect(r.headers['retry-after']).toBeDefined();
      // one trade operation runs (opening the store), the next finds no room to wait
      // (.then dispatches the injected request now: inject() alone is lazy)
      const opening = s.app.inject({ method: 'GET', url: '/api/trade/sources' }).then((x) => x);
      t = Date.now();
      const second = await s.app.inject({ method: 'GET', url: '/api/trade/query?limit=1' });
      expect(Date.now() - t).toBeLessThan(5_000);
      const first = await opening;
      expect(first.statusCode).toBe(200);
      expect(second.statusCode).toBe(503);
      expect(second.json().error).toBe('busy');
      expect(second.headers['retry-after']).toBeDefined();
    } finally {
      await s.close();
    }
  });

  it('keeps the idle socket open longer than any request deadline', async () => {
    const s = await testServer({ limits: { deadlineMs: 20_000, requestMs: 30_000 } });
    try {
      expect(s.app.server.timeout).toBeGreaterThan(20_000);
      expect(s.app.initialConfig.connectionTimeout).toBeGreaterThan(20_000);
    } finally {
      await s.close();
    }
  });

  it('closes a slow client soon after requestTimeout, with a 408 in the API shape', async () => {
    const s = await testServer({ limits: { requestMs: 1000 } });
    try {
      const address = await s.app.listen({ host: '127.0.0.1', port: 0 });
      const r = await raw(Number(new URL(address).port), (socket) => {
        socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
        // …and never the end of the head
      });
      expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
      expect(isApiError(bodyOf(r.text))).toBe(true);
      // Node's default check interval (30 s) let slow clients hold sockets for 48–78 s
      expect(r.closedAfterMs).toBeLessThan(10_000);
    } finally {
      await s.close();
    }
  }, 30_000);
});

describe('stores', () => {
  it('reports a damaged store as damaged, with no server path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-hostile-'));
    const db = join(dir, 'broken.duckdb');
    writeFileSync(db, Buffer.alloc(64 * 1024, 0x5a));
    const s = await testServer({ dbPath: db });
    try {
      const r = await s.app.inject({ method: 'GET', url: '/api/trade/sources' });
      expect(r.statusCode).toBe(500);
      expect(r.json().error).toBe('data-broken');
      expect(r.body).not.toMatch(/in use by another process/);
      expect(r.body).not.toContain(dir);
      expectClean(r.body);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves reads from a read-only store and refuses imports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-hostile-'));
    const db = join(dir, 'trade.duckdb');
    const writer = await testServer({ dbPath: db });
    await writer.app.inject({ method: 'GET', url: '/api/trade/sources' });
    await writer.close();
    const s = await testServer({ dbPath: db, readOnly: true, apiToken: TOKEN });
    try {
      const r = await s.app.inject({ method: 'GET', url: '/api/trade/sources' });
      expect(r.statusCode).toBe(200);
      const w = await s.app.inject({
        method: 'POST',
        url: '/api/trade/import?name=x.csv',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
        payload: 'a,b\n1,2\n',
      });
      expect(w.statusCode).toBe(403);
      expect(w.json().error).toBe('read-only');
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('static files', () => {
  let s: TestServer;
  let web: string;

  beforeAll(async () => {
    web = mkdtempSync(join(tmpdir(), 'amur-web-'));
    mkdirSync(join(web, 'assets'));
    mkdirSync(join(web, '.git'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Amur</title>');
    writeFileSync(join(web, '.env'), 'SECRET=1');
    writeFileSync(join(web, '.git', 'config'), '[core]');
    writeFileSync(join(web, 'assets', 'app-abc123.js'), 'console.log(1)');
    writeFileSync(join(web, 'assets', 'app-abc123.js.br'), Buffer.from([0x0b, 0x01, 0x80]));
    writeFileSync(join(web, 'assets', 'app-abc123.js.gz'), Buffer.from([0x1f, 0x8b]));
    symlinkSync('/etc', join(web, 'link-dir'));
    symlinkSync('/etc/hostname', join(web, 'host.txt'));
    s = await testServer({ webDir: web });
  });

  afterAll(async () => {
    await s?.close();
    rmSync(web, { recursive: true, force: true });
  });

  it('serves no dotfiles and follows no symlink out of the root', async () => {
    for (const url of ['/.env', '/.git/config', '/link-dir/passwd', '/host.txt', '/%2eenv']) {
      const r = await s.app.inject({ method: 'GET', url });
      expect(r.statusCode, `${url}: ${r.body.slice(0, 100)}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.body).not.toMatch(/SECRET|\[core\]|root:x:0:0/);
    }
  });

  it('sends precompressed assets with Content-Encoding and Vary, long-cached; index.html no-cache', async () => {
    const br = await s.app.inject({
      method: 'GET',
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toMatch(/immutable/);
    const gz = await s.app.inject({
      method: 'GET',
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await s.app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log(1)');
    const index = await s.app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
  });
});
