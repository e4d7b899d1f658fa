/**
 * The HTTP API against the bundled atlas, the real router and a temporary
 * trade store (seeded on first use). Answers are checked with the library's
 * own schemas, so the API and the CLI cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Crossing, Source } from '../../src/atlas/schema.ts';
import { MatrixResult, RouteResult } from '../../src/routing/schema.ts';
import { CrossingRegime } from '../../src/server/regime.ts';
import { isApiError, type TestServer, testServer } from './helpers.ts';

const TOKEN = 'test-token-0123456789abcdef';

describe('HTTP API', () => {
  let s: TestServer;

  beforeAll(async () => {
    s = await testServer({ apiToken: TOKEN });
  });
  afterAll(async () => {
    await s?.close();
  });

  const get = (url: string) => s.app.inject({ method: 'GET', url });
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    s.app.inject({
      method: 'POST',
      url,
      payload: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('answers health with the atlas counts, limits and security headers', async () => {
    const r = await get('/api/health');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.ok).toBe(true);
    expect(body.writable).toBe(true);
    expect(body.atlas.crossings).toBeGreaterThan(0);
    expect(body.features.routing).toBe(true);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain('worker-src');
    expect(csp).not.toMatch(/https?:\/\//);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-ratelimit-limit']).toBeDefined();
  });

  it('describes every route in OpenAPI 3.1 and serves the docs page from this server', async () => {
    const r = await get('/openapi.json');
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/health',
      '/api/search',
      '/api/atlas/{kind}',
      '/api/atlas/{kind}/{id}',
      '/api/atlas/crossings/{id}/state',
      '/api/atlas/geojson',
      '/api/route',
      '/api/matrix',
      '/api/trade/sources',
      '/api/trade/query',
      '/api/trade/audit/{source}',
      '/api/trade/export/{format}',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(
      doc.paths['/api/route'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('optimize');
    expect(doc.paths['/api/route'].get.parameters.map((p: { name: string }) => p.name)).toContain('from');
    const docs = await get('/docs/');
    expect([200, 302]).toContain(docs.statusCode);
    const page = docs.statusCode === 302 ? await get(String(docs.headers.location)) : docs;
    expect(page.statusCode).toBe(200);
    // nothing loads from another host
    expect(page.body).not.toMatch(/(src|href)="https?:\/\//);
  });

  it('finds places in any script', async () => {
    for (const [q, id] of [
      ['黑河', 'heihe'],
      ['Благовещенск', 'blagoveshchensk'],
      ['Hei He', 'heihe'],
      ['Blagoveschensk', 'blagoveshchensk'],
    ]) {
      const r = await get(`/api/search?q=${encodeURIComponent(q)}`);
      expect(r.statusCode).toBe(200);
      const found = r.json() as { id: string; kind: string; names: { en: string } }[];
      expect(found[0]?.id, q).toBe(id);
    }
  });

  it('lists the atlas and shows one record with its sources', async () => {
    const list = await get('/api/atlas/crossings');
    expect(list.statusCode).toBe(200);
    const crossings = list.json() as unknown[];
    expect(crossings.length).toBeGreaterThan(5);
    for (const c of crossings) Crossing.parse(c);
    const one = await get('/api/atlas/crossings/heihe-blagoveshchensk');
    expect(one.statusCode).toBe(200);
    const body = one.json();
    expect(body.id).toBe('heihe-blagoveshchensk');
    expect(body.kind).toBe('crossing');
    Crossing.parse({ ...body, sources: body.sourceIds });
    expect(body.sources.length).toBeGreaterThan(0);
    for (const src of body.sources) Source.parse(src);
    const missing = await get('/api/atlas/crossings/heihe-nowhere');
    expect(missing.statusCode).toBe(404);
    expect(isApiError(missing.json())).toBe(true);
  });

  it("resolves a crossing's regime on a date: before and after the Heihe bridge", async () => {
    const before = await get('/api/atlas/crossings/heihe-blagoveshchensk/state?date=2021-08-01');
    const after = await get('/api/atlas/crossings/heihe-blagoveshchensk/state?date=2023-08-01');
    expect(before.statusCode).toBe(200);
    expect(after.statusCode).toBe(200);
    const b = CrossingRegime.parse(before.json());
    const a = CrossingRegime.parse(after.json());
    const bridge = (r: typeof a) => r.services.find((x) => x.facility === 'bridge');
    expect(bridge(a)?.usable).toBe(true);
    expect(bridge(b)?.usable).toBe(false);
    // the next change of the bridge before it opened is its opening
    expect(bridge(b)?.next?.usable).toBe(true);
    const all = await get('/api/atlas/crossings/state?date=2023-08-01');
    expect(all.statusCode).toBe(200);
    const list = all.json().crossings as unknown[];
    for (const c of list) CrossingRegime.parse(c);
  });

  it('gives the atlas as GeoJSON layers', async () => {
    const r = await get('/api/atlas/geojson?kinds=place,crossing');
    expect(r.statusCode).toBe(200);
    const fc = r.json();
    expect(fc.type).toBe('FeatureCollection');
    const kinds = new Set(fc.features.map((f: { properties: { kind: string } }) => f.properties.kind));
    expect([...kinds].sort()).toEqual(['crossing', 'place']);
  });

  it('plans a route by names in any script (GET) and by the full query (POST)', async () => {
    const r = await get(
      `/api/route?from=${encodeURIComponent('黑河')}&to=${encodeURIComponent('Благовещенск')}&date=2023-08-01&cargo=feu`,
    );
    expect(r.statusCode).toBe(200);
    const res = RouteResult.parse(r.json());
    expect(res.query.from).toBe('heihe');
    expect(res.query.to).toBe('blagoveshchensk');
    expect(res.itineraries.length).toBeGreaterThan(0);
    expect(res.itineraries[0].crossings.length).toBeGreaterThan(0);

    const p = await post('/api/route', {
      from: 'harbin',
      to: 'Vladivostok',
      date: '2024-03-20',
      optimize: 'time',
    });
    expect(p.statusCode).toBe(200);
    const pr = RouteResult.parse(p.json());
    expect(pr.itineraries.length).toBe(1);
    expect(pr.itineraries[0].totals.hours).toBeGreaterThan(0);
  });

  it('names the parameter and the candidates for an unknown place', async () => {
    const r = await get('/api/route?from=Atlantis&to=harbin&date=2024-03-20');
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(isApiError(body)).toBe(true);
    expect(body.parameter).toBe('from');
    expect(body.message).toContain('Atlantis');
    const p = await post('/api/route', { from: 'harbin', to: 'Atlantis', date: '2024-03-20' });
    expect(p.statusCode).toBe(400);
    expect(p.json().parameter).toBe('body.to');
  });

  it('computes a matrix and refuses one beyond the limit (422)', async () => {
    const r = await post('/api/matrix', {
      from: ['harbin', 'heihe'],
      to: ['vladivostok', 'blagoveshchensk'],
      date: '2024-03-20',
    });
    expect(r.statusCode).toBe(200);
    const m = MatrixResult.parse(r.json());
    expect(m.values).toHaveLength(2);
    expect(m.values[0]).toHaveLength(2);
    const big = Array.from({ length: 60 }, () => 'harbin');
    const huge = await post('/api/matrix', { from: big, to: big, date: '2024-03-20' });
    expect(huge.statusCode).toBe(422);
    expect(isApiError(huge.json())).toBe(true);
    expect(huge.json().valid).toContain('2500');
  });

  it('refuses too many alternatives (422) and too large a body (413)', async () => {
    const r = await get('/api/route?from=harbin&to=vladivostok&date=2024-03-20&alternatives=9');
    expect(r.statusCode).toBe(422);
    expect(r.json().parameter).toBe('alternatives');
    const body = JSON.stringify({
      from: 'harbin',
      to: 'vladivostok',
      date: '2024-03-20',
      pad: 'x'.repeat(1_200_000),
    });
    const big = await post('/api/route', body);
    expect(big.statusCode).toBe(413);
    expect(isApiError(big.json())).toBe(true);
  });

  it('serves the seed trade tables, queries, exports and audits them', async () => {
    const r = await get('/api/trade/sources');
    expect(r.statusCode).toBe(200);
    const ids = (r.json() as { id: string; rows: number }[]).map((x) => x.id);
    for (const id of [
      'heilongjiang-russia-2008-2018',
      'heihe-foreign-trade-2011-2015',
      'heihe-top-exports-2016',
      'heihe-top-imports-2016',
    ])
      expect(ids).toContain(id);
    const detail = await get('/api/trade/sources/heilongjiang-russia-2008-2018');
    expect(detail.statusCode).toBe(200);
    expect(detail.json().years).toContain(2018);
    expect(detail.json().audit).toBe(true);
    const q = await get('/api/trade/query?source=heilongjiang-russia-2008-2018&flow=export&year=2010-2012');
    expect(q.statusCode).toBe(200);
    const rows = q.json() as { year: number; flow: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.flow).toBe('export');
      expect(row.year).toBeGreaterThanOrEqual(2010);
      expect(row.year).toBeLessThanOrEqual(2012);
    }
    const a = await get('/api/trade/audit/heilongjiang-russia-2008-2018');
    expect(a.statusCode).toBe(200);
    expect(a.json().source).toBe('heilongjiang-russia-2008-2018');
    expect(Array.isArray(a.json().findings)).toBe(true);
    // the evidence by its code on the wire, and the regions' names: faces say them in the reader's language
    expect(a.json().names['CN-HL'].zh).toBe('黑龙江省');
    const scale = a
      .json()
      .findings.find((f: { kind: string; severity: string }) => f.kind === 'scale' && f.severity === 'error');
    expect(scale.params.unit.ev).toBe('unit.printed');
    expect(scale.details.length).toBeGreaterThan(0);
    expect(scale.details.every((d: { code?: string }) => typeof d.code === 'string')).toBe(true);
    const csv = await get('/api/trade/export/csv?source=heihe-top-exports-2016');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toContain('source_id');
    const xlsx = await get('/api/trade/audit/heihe-foreign-trade-2011-2015/annotated/xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('writes only with the API token', async () => {
    const file = readFileSync(
      new URL('../../src/trade/importers/fixtures/comtrade-legacy.csv', import.meta.url),
    );
    const send = (headers: Record<string, string>) =>
      s.app.inject({
        method: 'POST',
        url: '/api/trade/import?name=comtrade-legacy.csv',
        payload: file,
        headers: { 'content-type': 'text/csv', ...headers },
      });
    const none = await send({});
    expect(none.statusCode).toBe(401);
    expect(none.json().parameter).toBe('authorization');
    const wrong = await send({ authorization: 'Bearer wrong-token-wrong-token' });
    expect(wrong.statusCode).toBe(401);
    const ok = await send({ authorization: `Bearer ${TOKEN}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().rows).toBeGreaterThan(0);
    const again = await send({ authorization: `Bearer ${TOKEN}` });
    expect(again.statusCode).toBe(200);
    expect(again.json().alreadyImported).toBe(true);
  });
});

describe('HTTP API safety', () => {
  it('is read-only without a token (403 on writes)', async () => {
    const s = await testServer();
    try {
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/trade/import?name=x.csv',
        payload: 'a,b\n1,2\n',
        headers: { 'content-type': 'text/csv' },
      });
      expect(r.statusCode).toBe(403);
      expect(r.json().error).toBe('read-only');
    } finally {
      await s.close();
    }
  });

  it('stops a search past its deadline with a 503 and keeps serving', async () => {
    const s = await testServer({ limits: { computeMs: 1 } });
    try {
      const r = await s.app.inject({
        method: 'GET',
        url: '/api/route?from=harbin&to=hamburg&date=2024-03-20',
      });
      expect(r.statusCode).toBe(503);
      expect(r.json().error).toBe('timeout');
      expect(isApiError(r.json())).toBe(true);
      const h = await s.app.inject({ method: 'GET', url: '/api/health' });
      expect(h.statusCode).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('limits the request rate (429 with the error shape)', async () => {
    const s = await testServer({ limits: { requestsPerMinute: 3 } });
    try {
      const codes: number[] = [];
      let last: unknown;
      for (let i = 0; i < 5; i++) {
        const r = await s.app.inject({ method: 'GET', url: '/api/health' });
        codes.push(r.statusCode);
        last = r.json();
      }
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      expect(isApiError(last)).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('listens on loopback and closes cleanly', async () => {
    const s = await testServer();
    const address = await s.app.listen({ host: '127.0.0.1', port: 0 });
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await fetch(`${address}/api/health`);
    expect(r.status).toBe(200);
    await s.close();
    await expect(fetch(`${address}/api/health`)).rejects.toThrow();
  });
});
