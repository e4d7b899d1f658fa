/**
 * CLI/API parity: for the same question, `amur atlas list|show|search --json`
 * and the API's `GET /api/atlas/{kind}`, `GET /api/atlas/{kind}/{id}` and
 * `GET /api/search` answer the same JSON (both call `src/atlas/query.ts` and
 * the gazetteer), and the schemas the OpenAPI document is built from describe
 * every field of it (parsing with them loses nothing). Runs the real CLI in
 * child processes against the bundled atlas, which the test server also serves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Candidate } from '../../src/atlas/gazetteer.ts';
import { ListedRecord, ShownRecord } from '../../src/atlas/query.ts';
import { runCli, runCliJson } from '../cli.ts';
import { isApiError, type TestServer, testServer } from './helpers.ts';

describe('CLI and API answer the same JSON', () => {
  let s: TestServer;

  beforeAll(async () => {
    s = await testServer();
  });
  afterAll(async () => {
    await s?.close();
  });

  const api = async (url: string) => {
    const r = await s.app.inject({ method: 'GET', url });
    return { status: r.statusCode, json: r.json() as unknown };
  };

  /** Both answers for one question: the CLI's exit 0, the API's 200, and equal JSON. */
  async function both(cliArgs: string[], url: string): Promise<unknown> {
    const [cli, http] = await Promise.all([runCliJson(cliArgs), api(url)]);
    expect(cli.code, `amur ${cliArgs.join(' ')}: ${cli.stderr}`).toBe(0);
    expect(http.status, `GET ${url}`).toBe(200);
    expect(http.json, `GET ${url} = amur ${cliArgs.join(' ')}`).toEqual(cli.json);
    return http.json;
  }

  it('list: every kind, and filtered by country and mode', async () => {
    const crossings = (await both(
      ['atlas', 'list', '--kind', 'crossing', '--json'],
      '/api/atlas/crossings',
    )) as ListedRecord[];
    expect(crossings.length).toBeGreaterThan(5);
    for (const c of crossings) {
      expect(c.kind).toBe('crossing');
      // the schema describes every field: parsing keeps the whole record
      expect(ListedRecord.parse(c)).toEqual(c);
    }
    const places = (await both(
      ['atlas', 'list', '--kind', 'places', '--country', 'ru', '--mode', 'river', '--json'],
      '/api/atlas/places?country=ru&mode=river',
    )) as ListedRecord[];
    expect(places.length).toBeGreaterThan(0);
    expect(places.length).toBeLessThan(((await api('/api/atlas/places')).json as unknown[]).length);
    for (const p of places) expect(p.kind === 'place' && p.country).toBe('RU');
    const links = (await both(
      ['atlas', 'list', '--kind', 'link', '--country', 'CN', '--mode', 'rail', '--json'],
      '/api/atlas/links?country=CN&mode=rail',
    )) as ListedRecord[];
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) {
      expect(l.kind === 'link' && l.mode).toBe('rail');
      expect(l.kind === 'link' && l.countries).toContain('CN');
    }
    for (const [kind, list] of [
      ['zone', 'zones'],
      ['corridor', 'corridors'],
      ['source', 'sources'],
    ]) {
      const records = (await both(
        ['atlas', 'list', '--kind', kind, '--json'],
        `/api/atlas/${list}`,
      )) as ListedRecord[];
      expect(records.length).toBeGreaterThan(0);
      for (const r of records) expect(ListedRecord.parse(r)).toEqual(r);
    }
  });

  it('show: one record of each kind, with its sources resolved', async () => {
    const cases: [string, string][] = [
      ['crossings', 'heihe-blagoveshchensk'],
      ['places', 'heihe'],
      ['corridors', 'primorye-1'],
      ['zones', 'heilongjiang-pilot-ftz-heihe'],
      ['links', 'tayshet-skovorodino-pipeline'],
      ['sources', 'osm-russian-railway-stations'],
    ];
    for (const [list, id] of cases) {
      const kind = list.replace(/s$/, '');
      const shown = (await both(
        ['atlas', 'show', id, '--kind', kind, '--json'],
        `/api/atlas/${list}/${id}`,
      )) as ShownRecord;
      expect(shown.id).toBe(id);
      expect(shown.kind).toBe(kind);
      expect(shown.file, id).toMatch(/^data\/atlas\/.+\.yaml$/);
      expect(ShownRecord.parse(shown)).toEqual(shown);
      if (shown.kind !== 'source') {
        expect(shown.sources.length).toBeGreaterThan(0);
        expect(shown.sources.map((x) => x.id)).toEqual(expect.arrayContaining(shown.sourceIds));
      }
      if (shown.kind === 'crossing') expect(shown.sidePlaces.map((p) => p.id)).toEqual(shown.sides);
      if (shown.kind === 'corridor') expect(shown.linkRecords.map((l) => l.id)).toEqual(shown.links);
    }
  });

  it('search: the same ranked candidates in any script', async () => {
    for (const q of ['黑河', 'Благовещенск', 'Blagoveschensk', 'Harbn']) {
      const found = (await both(
        ['atlas', 'search', q, '--limit', '5', '--json'],
        `/api/search?q=${encodeURIComponent(q)}&limit=5`,
      )) as Candidate[];
      expect(found.length, q).toBeGreaterThan(0);
      for (const c of found) expect(Candidate.parse(c)).toEqual(c);
    }
    const found = (await both(
      ['atlas', 'search', 'Suifenhe', '--kind', 'crossing', '--json'],
      '/api/search?q=Suifenhe&kinds=crossing',
    )) as Candidate[];
    expect(found.map((c) => c.kind)).toEqual(found.map(() => 'crossing'));
  });

  it('an unknown id: the same message, naming the id and the nearest records', async () => {
    const [cli, http] = await Promise.all([
      runCli(['atlas', 'show', 'blagovesh', '--kind', 'place']),
      api('/api/atlas/places/blagovesh'),
    ]);
    expect(cli.code).toBe(2);
    expect(http.status).toBe(404);
    const body = http.json as { parameter: string; message: string; valid: string };
    expect(isApiError(body)).toBe(true);
    expect(body.parameter).toBe('id');
    expect(body.message).toContain('"blagovesh"');
    expect(body.message).toContain('place blagoveshchensk');
    expect(body.valid).toContain('blagoveshchensk');
    expect(cli.stderr.trim()).toBe(`amur: ${body.message}`);
  });

  it('bad filters: a 400 naming the parameter and the valid values', async () => {
    const kind = await api('/api/atlas/ports');
    expect(kind.status).toBe(400);
    expect(kind.json).toMatchObject({ parameter: 'kind' });
    expect((kind.json as { valid: string }).valid).toContain('"crossings"');
    const mode = await api('/api/atlas/crossings?mode=ship');
    expect(mode.status).toBe(400);
    expect(mode.json).toMatchObject({ parameter: 'mode' });
    expect((mode.json as { valid: string }).valid).toContain('"river-cargo"');
    const country = await api('/api/atlas/crossings?country=Russia');
    expect(country.status).toBe(400);
    expect(country.json).toMatchObject({ parameter: 'country' });
    expect((country.json as { valid: string }).valid).toContain('ISO 3166-1 alpha-2');
    for (const r of [kind, mode, country]) expect(isApiError(r.json)).toBe(true);
  });

  it('the OpenAPI document describes the endpoints with the library schemas', async () => {
    const doc = (await api('/openapi.json')).json as {
      paths: Record<string, { get: { parameters: { name: string; in: string }[]; responses: unknown } }>;
    };
    const list = doc.paths['/api/atlas/{kind}'].get;
    expect(list.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
      'path:kind',
      'query:country',
      'query:mode',
    ]);
    const show = JSON.stringify(doc.paths['/api/atlas/{kind}/{id}'].get.responses);
    for (const field of ['sidePlaces', 'linkRecords', 'sourceIds', 'zoneKind', 'corridorKind', 'sourceKind'])
      expect(show).toContain(field);
    const search = JSON.stringify(doc.paths['/api/search'].get.responses);
    expect(search).toContain('matched');
  });
});
