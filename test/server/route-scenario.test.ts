/**
 * `scenario=` on the API's route and matrix: the same query on `current` and
 * on the shipped `before-bridges` scenario gives different answers where the
 * Heihe – Blagoveshchensk road bridge (opened 2022-06-10) matters, and an
 * unknown scenario is a 400 naming the parameter and the valid ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioDiff } from '../../src/scenarios/diff-schema.ts';
import { isApiError, type TestServer, testServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await testServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const q = 'from=heihe&to=blagoveshchensk&date=2024-05-01&cargo=feu&optimize=time';

describe('scenario= on /api/route and /api/matrix', () => {
  it('plans on the scenario named by the request', async () => {
    const now = await server.app.inject({ url: `/api/route?${q}` });
    const before = await server.app.inject({ url: `/api/route?${q}&scenario=before-bridges` });
    expect(now.statusCode).toBe(200);
    expect(before.statusCode).toBe(200);
    const crossingOf = (body: string) =>
      (JSON.parse(body).itineraries[0]?.crossings ?? []).map((c: { service: string }) => c.service).join(',');
    expect(crossingOf(now.body)).toContain('road-bridge');
    expect(crossingOf(before.body)).not.toContain('road-bridge');
    const post = await server.app.inject({
      method: 'POST',
      url: '/api/route?scenario=before-bridges',
      payload: { from: 'heihe', to: 'blagoveshchensk', date: '2024-05-01', cargo: 'feu', optimize: 'time' },
    });
    expect(post.statusCode).toBe(200);
    expect(crossingOf(post.body)).toBe(crossingOf(before.body));
  }, 120_000);

  it('computes matrices on the scenario', async () => {
    const body = {
      from: ['heihe'],
      to: ['blagoveshchensk'],
      date: '2024-05-01',
      cargo: 'feu',
      metric: 'time',
    };
    const now = await server.app.inject({ method: 'POST', url: '/api/matrix', payload: body });
    const before = await server.app.inject({
      method: 'POST',
      url: '/api/matrix?scenario=before-bridges',
      payload: body,
    });
    expect(now.statusCode).toBe(200);
    expect(before.statusCode).toBe(200);
    const v = (b: string) => JSON.parse(b).values[0][0] as number | null;
    expect(v(now.body)).not.toBeNull();
    expect(v(before.body) ?? Number.POSITIVE_INFINITY).toBeGreaterThan(v(now.body) as number);
  }, 120_000);

  it('refuses an unknown scenario with the valid ids', async () => {
    const r = await server.app.inject({ url: `/api/route?${q}&scenario=atlantis` });
    expect(r.statusCode).toBe(400);
    const b = JSON.parse(r.body);
    expect(isApiError(b)).toBe(true);
    expect(b.parameter).toBe('scenario');
    expect(b.valid).toContain('before-bridges');
  });
});

describe('GET /api/scenarios/diff', () => {
  it('answers the library’s ScenarioDiff (its one schema, strict) and refuses an unknown criterion', async () => {
    const r = await server.app.inject({
      url: '/api/scenarios/diff?a=before-bridges&b=current&date=2024-04-15',
    });
    expect(r.statusCode, r.body).toBe(200);
    const parsed = ScenarioDiff.safeParse(JSON.parse(r.body));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.a.id).toBe('before-bridges');
    expect(parsed.data?.dates).toEqual(['2024-04-15']);
    const bad = await server.app.inject({
      url: '/api/scenarios/diff?a=before-bridges&b=current&optimize=pareto',
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).parameter).toBe('optimize');
  }, 180_000);
});
