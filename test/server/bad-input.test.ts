/**
 * Bad input at every endpoint: malformed JSON, oversized bodies, unknown
 * places, impossible dates, huge matrices, path-like strings and junk in
 * every parameter. The endpoints are read from the server's own OpenAPI
 * document, so a new route is covered without editing this file. Each answer
 * must be a clean 4xx in the API's error shape (or a 2xx where the input
 * happens to be valid, e.g. a search for "../../etc/passwd" that finds
 * nothing): never a 5xx, never a stack trace or a server path, and the server
 * must still answer afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isApiError, type TestServer, testServer } from './helpers.ts';

const TOKEN = 'bad-input-token-0123456789';

const PATH_LIKE = [
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc/passwd',
];
const JUNK = [
  '',
  ' ',
  'x'.repeat(5000),
  '<script>alert(1)</script>',
  "'; DROP TABLE flows; --",
  '-1',
  'NaN',
  '1e309',
  '[]',
  '{}',
  'null',
  '\u0000',
  '%00',
  '%ZZ',
  '黑河',
  'Благовещенск',
];
const BAD_DATES = [
  '2023-02-30',
  '2023-13-01',
  '2023-00-10',
  '20230101',
  '99999-01-01',
  '2023-1-1',
  'yesterday',
];

/** A valid value for each parameter name, so that the other parameters of a request are not what fails. */
const VALID: Record<string, string> = {
  q: 'heihe',
  from: 'harbin',
  to: 'vladivostok',
  date: '2024-03-20',
  source: 'heilongjiang-russia-2008-2018',
  format: 'csv',
  name: 'data.csv',
  a: 'before-bridges',
  b: 'current',
};

function validId(path: string): string {
  if (path.includes('/crossings/')) return 'heihe-blagoveshchensk';
  if (path.includes('/places/')) return 'heihe';
  if (path.includes('/sources/')) return 'heilongjiang-russia-2008-2018';
  return 'heihe';
}

interface Operation {
  method: 'GET' | 'POST';
  path: string;
  params: { name: string; in: 'path' | 'query'; required?: boolean }[];
  body: boolean;
}

describe('bad input at every endpoint', () => {
  let s: TestServer;
  let operations: Operation[] = [];
  const seen: { what: string; status: number }[] = [];

  beforeAll(async () => {
    s = await testServer({ apiToken: TOKEN });
    const doc = (await s.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: unknown }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([m]) => m === 'get' || m === 'post')
        .map(([m, op]) => ({
          method: m.toUpperCase() as 'GET' | 'POST',
          path,
          params: op.parameters ?? [],
          body: op.requestBody !== undefined,
        })),
    );
  });

  afterAll(async () => {
    await s?.close();
  });

  function urlOf(op: Operation, override: Record<string, string> = {}, raw = false): string {
    let path = op.path;
    const query = new URLSearchParams();
    for (const p of op.params) {
      const value =
        override[p.name] ?? (p.in === 'path' ? validId(op.path) : p.required ? VALID[p.name] : undefined);
      if (value === undefined) continue;
      if (p.in === 'path') path = path.replace(`{${p.name}}`, raw ? value : encodeURIComponent(value));
      else query.set(p.name, value);
    }
    const qs = query.toString();
    return qs ? `${path}?${qs}` : path;
  }

  async function fire(
    what: string,
    req: { method: 'GET' | 'POST'; url: string; payload?: string | Buffer; headers?: Record<string, string> },
  ) {
    const r = await s.app.inject({
      method: req.method,
      url: req.url,
      payload: req.payload,
      headers: { authorization: `Bearer ${TOKEN}`, ...req.headers },
    });
    seen.push({ what, status: r.statusCode });
    expect(r.statusCode, `${what}: ${r.body.slice(0, 300)}`).toBeLessThan(500);
    if (r.statusCode >= 400) {
      const body = r.json();
      expect(isApiError(body), `${what}: error shape: ${r.body.slice(0, 300)}`).toBe(true);
      expect(r.body, `${what}: no stack trace`).not.toMatch(/\bat [\w.<>]+ \(|\.ts:\d+:\d+/);
      expect(r.body, `${what}: no server path`).not.toContain(process.cwd());
    }
    expect(r.body, `${what}: no file contents`).not.toMatch(/root:x:0:0|"devDependencies"/);
    return r;
  }

  it('reads the endpoints from the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(15);
    expect(operations.some((o) => o.method === 'POST' && o.body)).toBe(true);
  });

  it('answers junk and path-like strings in every parameter with a clean 4xx (or a 2xx when valid)', async () => {
    for (const op of operations) {
      for (const p of op.params) {
        // the values of one parameter at once: the searches and the store work in parallel
        await Promise.all(
          [...JUNK, ...PATH_LIKE].map(async (v) => {
            const raw = PATH_LIKE.includes(v) && v.includes('%');
            const r = await fire(`${op.method} ${op.path} ${p.name}=${JSON.stringify(v.slice(0, 20))}`, {
              method: op.method,
              url: urlOf(op, { [p.name]: v }, raw),
              payload: op.body
                ? JSON.stringify({ from: 'harbin', to: 'vladivostok', date: '2024-03-20' })
                : undefined,
              headers: op.body ? { 'content-type': 'application/json' } : {},
            });
            if (p.in === 'path' && PATH_LIKE.includes(v)) {
              expect(r.statusCode, `${op.path} with ${v}`).toBeGreaterThanOrEqual(400);
            }
          }),
        );
        // the same parameter twice
        if (p.in === 'query') {
          const url = urlOf(op);
          const sep = url.includes('?') ? '&' : '?';
          await fire(`${op.method} ${op.path} duplicated ${p.name}`, {
            method: op.method,
            url: `${url}${sep}${p.name}=a&${p.name}=b`,
            payload: op.body ? '{}' : undefined,
            headers: op.body ? { 'content-type': 'application/json' } : {},
          });
        }
      }
    }
  }, 180_000);

  it('refuses impossible dates wherever a date is taken', async () => {
    for (const op of operations.filter((o) => o.params.some((p) => p.name === 'date'))) {
      for (const d of BAD_DATES) {
        const r = await fire(`${op.method} ${op.path} date=${d}`, {
          method: op.method,
          url: urlOf(op, { date: d }),
        });
        expect(r.statusCode, `${op.path} date=${d}`).toBe(400);
        expect(r.json().parameter).toBe('date');
      }
    }
    for (const d of BAD_DATES) {
      for (const url of ['/api/route', '/api/matrix']) {
        const body =
          url === '/api/route'
            ? { from: 'harbin', to: 'vladivostok', date: d }
            : { from: ['harbin'], to: ['vladivostok'], date: d };
        const r = await fire(`POST ${url} date=${d}`, {
          method: 'POST',
          url,
          payload: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        });
        expect(r.statusCode).toBe(400);
        expect(r.json().parameter).toBe('body.date');
      }
    }
  });

  it('refuses malformed, mistyped and oversized bodies on every endpoint that takes one', async () => {
    const bodies = operations.filter((o) => o.body);
    expect(bodies.length).toBeGreaterThan(1);
    for (const op of bodies) {
      const url = urlOf(op);
      for (const payload of [
        '{',
        '{"from": "harbin",',
        '{"from": }',
        "{'from': 'harbin'}",
        '\u0000\u0001',
        'null',
      ]) {
        const r = await fire(`POST ${op.path} body ${JSON.stringify(payload)}`, {
          method: 'POST',
          url,
          payload,
          headers: { 'content-type': 'application/json' },
        });
        expect(r.statusCode, `${op.path} ${payload}`).toBe(400);
      }
      for (const payload of [
        '[]',
        '"x"',
        '42',
        'true',
        '{}',
        '{"from": 1, "to": [], "date": {}}',
        '{"unknown": 1}',
      ]) {
        const r = await fire(`POST ${op.path} body ${payload}`, {
          method: 'POST',
          url,
          payload,
          headers: { 'content-type': 'application/json' },
        });
        expect(r.statusCode, `${op.path} ${payload}`).toBe(400);
        expect(r.json().parameter).toMatch(/^body/);
      }
      const huge = await fire(`POST ${op.path} 2 MiB`, {
        method: 'POST',
        url,
        payload: JSON.stringify({
          from: 'harbin',
          to: 'vladivostok',
          date: '2024-03-20',
          pad: 'x'.repeat(2 * 1024 * 1024),
        }),
        headers: { 'content-type': 'application/json' },
      });
      expect(huge.statusCode).toBe(413);
      const deep = await fire(`POST ${op.path} deeply nested`, {
        method: 'POST',
        url,
        payload: `${'['.repeat(5000)}${']'.repeat(5000)}`,
        headers: { 'content-type': 'application/json' },
      });
      expect(deep.statusCode).toBeGreaterThanOrEqual(400);
      const wrongType = await fire(`POST ${op.path} text/plain`, {
        method: 'POST',
        url,
        payload: 'from=harbin',
        headers: { 'content-type': 'text/plain' },
      });
      expect(wrongType.statusCode).toBe(415);
    }
  });

  it('names unknown places, with candidates where there are some', async () => {
    for (const [from, to] of [
      ['Atlantis', 'harbin'],
      ['harbin', 'Атлантида'],
      ['harbn', 'nowhere-at-all'],
      ['../../etc/passwd', 'harbin'],
    ]) {
      const r = await fire(`GET /api/route ${from} → ${to}`, {
        method: 'GET',
        url: `/api/route?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&date=2024-03-20`,
      });
      expect(r.statusCode).toBe(400);
      expect(['from', 'to']).toContain(r.json().parameter);
      const p = await fire(`POST /api/route ${from} → ${to}`, {
        method: 'POST',
        url: '/api/route',
        payload: JSON.stringify({ from, to, date: '2024-03-20' }),
        headers: { 'content-type': 'application/json' },
      });
      expect(p.statusCode).toBe(400);
      expect(['body.from', 'body.to']).toContain(p.json().parameter);
    }
    const m = await fire('POST /api/matrix unknown place', {
      method: 'POST',
      url: '/api/matrix',
      payload: JSON.stringify({ from: ['harbin', 'Atlantis'], to: ['vladivostok'], date: '2024-03-20' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(m.statusCode).toBe(400);
    expect(m.json().parameter).toBe('body.from[1]');
  });

  it('refuses huge matrices and too many alternatives with 422', async () => {
    for (const n of [51, 200, 2000]) {
      const ids = Array.from({ length: n }, () => 'harbin');
      const r = await fire(`POST /api/matrix ${n}×${n}`, {
        method: 'POST',
        url: '/api/matrix',
        payload: JSON.stringify({ from: ids, to: ids, date: '2024-03-20' }),
        headers: { 'content-type': 'application/json' },
      });
      expect(r.statusCode).toBe(422);
    }
    for (const k of ['6', '10']) {
      const r = await fire(`GET /api/route alternatives=${k}`, {
        method: 'GET',
        url: `/api/route?from=harbin&to=vladivostok&date=2024-03-20&alternatives=${k}`,
      });
      expect(r.statusCode).toBe(422);
    }
    const r = await fire('GET /api/route alternatives=11', {
      method: 'GET',
      url: '/api/route?from=harbin&to=vladivostok&date=2024-03-20&alternatives=11',
    });
    expect(r.statusCode).toBe(400);
  });

  it('serves nothing outside the app for path-like URLs', async () => {
    for (const url of [
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fetc%2fpasswd',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/api/../../etc/passwd',
      '/api/atlas/places/..%2F..%2Fpackage.json',
      '/api/trade/audit/..%2F..%2Fetc%2Fpasswd',
      '/api/trade/export/..%2Fcsv',
      '/docs/..%2f..%2fpackage.json',
      '/api/%00',
      `/${'a/'.repeat(2000)}`,
    ]) {
      const r = await fire(`GET ${url.slice(0, 60)}`, { method: 'GET', url });
      expect(r.statusCode, url).toBeGreaterThanOrEqual(400);
    }
  });

  it('refuses bad uploads cleanly and writes nothing', async () => {
    const before = (await s.app.inject({ method: 'GET', url: '/api/trade/sources' })).json() as unknown[];
    for (const [name, payload] of [
      ['x.csv', 'not,a,trade,file\n1,2,3,4\n'],
      ['x.csv', ''],
      ['../../x.csv', 'a,b\n'],
      ['x.exe', 'MZ'],
      ['x.json', '{"data": [{"refYear": "abc"}]}'],
    ] as const) {
      const r = await fire(`POST /api/trade/import ${name}`, {
        method: 'POST',
        url: `/api/trade/import?name=${encodeURIComponent(name)}`,
        payload,
        headers: { 'content-type': name.endsWith('.json') ? 'application/json' : 'text/csv' },
      });
      expect(r.statusCode, name).toBeGreaterThanOrEqual(400);
    }
    const after = (await s.app.inject({ method: 'GET', url: '/api/trade/sources' })).json() as unknown[];
    expect(after).toEqual(before);
  });

  it('still answers after all of it', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    const route = await s.app.inject({
      method: 'GET',
      url: '/api/route?from=heihe&to=blagoveshchensk&date=2023-08-01',
    });
    expect(route.statusCode).toBe(200);
    expect(seen.length).toBeGreaterThan(300);
    expect(seen.filter((x) => x.status >= 500)).toEqual([]);
  });
});
