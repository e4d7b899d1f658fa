import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeShared, sharedData } from '../../../../test/shared.ts';
import { referenceDataHooks } from '../../first-use.ts';
import { openStore, type Store } from '../../store.ts';
import { ComtradeCallError, maskKey, retryAfterMs } from './client.ts';
import {
  type ComtradeFetchOptions,
  describePlan,
  type FetchEvent,
  importComtradeFetch,
  prepareComtradeFetch,
  runComtradeFetch,
} from './fetch.ts';
import { type ReplayServer, startReplayServer } from './fixtures/replay-server.ts';
import { COMTRADE_TIERS } from './limits.ts';
import { planCalls } from './plan.ts';
import { ComtradeRequestError, parsePeriods, toComtradeQuery } from './query.ts';

const EXAMPLE = { reporter: ['CHN'], partner: ['RUS'], period: '2019-2024', hs: '2' as const };
const KEY = 'k3y-0f-a-t3st-subscr1pt10n';

describe('the request in Comtrade codes', () => {
  it('translates ISO3 codes and names in en/zh/ru to M49 numbers, HS levels and flows', () => {
    const q = toComtradeQuery(EXAMPLE);
    expect(q).toMatchObject({
      typeCode: 'C',
      freqCode: 'A',
      clCode: 'HS',
      reporterCode: [156],
      partnerCode: [643],
      period: ['2019', '2020', '2021', '2022', '2023', '2024'],
      flowCode: ['M', 'X'],
      cmdCode: ['AG2'],
    });
    expect(
      toComtradeQuery({ reporter: ['中国'], partner: ['Russian Federation'], period: '2020' }).reporterCode,
    ).toEqual([156]);
    expect(toComtradeQuery({ reporter: ['France'], period: '2020' })).toMatchObject({
      reporterCode: [251], // Comtrade's own code for France, not ISO 250
      partnerCode: [0],
      cmdCode: ['TOTAL'],
    });
  });

  it('reads years and months, and refuses to mix them', () => {
    expect(parsePeriods('2023-11..2024-02')).toEqual({
      freqCode: 'M',
      period: ['202311', '202312', '202401', '202402'],
    });
    expect(parsePeriods('202303,2023-04').period).toEqual(['202303', '202304']);
    expect(() => parsePeriods('2023,2023-04')).toThrow(/mixes years and months/);
    expect(() => parsePeriods('2023-13')).toThrow(/month 13; a month is 01–12/);
    expect(() => parsePeriods('19')).toThrow(/not a period/);
  });

  it('refuses all reporters × all partners, unknown areas and bad codes, naming the parameter', () => {
    expect(() => toComtradeQuery({ reporter: ['all'], partner: ['all'], period: '2020' })).toThrow(
      /partner "all": all reporters × all partners is refused/,
    );
    const e = (() => {
      try {
        toComtradeQuery({ reporter: ['Atlantis'], period: '2020' });
      } catch (err) {
        return err as ComtradeRequestError;
      }
    })();
    expect(e).toBeInstanceOf(ComtradeRequestError);
    expect(e?.parameter).toBe('reporter');
    expect(e?.kind).toBe('input');
    expect(() => toComtradeQuery({ reporter: ['Heilongjiang'], period: '2020' })).toThrow(
      /reporter "Heilongjiang": CN-HL is a province or federal subject: Comtrade reports countries only/,
    );
    expect(() => toComtradeQuery({ reporter: ['CHN'], period: '2020', commodity: ['270'] })).toThrow(
      /commodity "270": not a commodity code/,
    );
  });

  it('refuses a request its schema refuses, naming the parameter, the value and what would be valid', () => {
    const refused = (request: unknown) => {
      try {
        toComtradeQuery(request as Parameters<typeof toComtradeQuery>[0]);
      } catch (err) {
        const e = err as ComtradeRequestError;
        return [e.parameter, e.message];
      }
      return [];
    };
    expect(refused({ reporter: ['CHN'], period: '2020', flow: ['weekly'] })).toEqual([
      'flow',
      'flow ["weekly"]: flow[0]: invalid value "weekly" (valid: "import", "export", "re-import", "re-export")',
    ]);
    expect(refused({ reporter: [], period: '2020' })).toEqual([
      'reporter',
      'reporter []: give at least one reporter (an ISO3 code such as CHN) (minimum 1 entries)',
    ]);
    expect(refused({ reporter: ['CHN'], period: '2020', partners: ['RUS'] })).toEqual([
      'partners',
      'partners ["RUS"]: unknown field "partners" (did you mean "partner"?)',
    ]);
  });
});

describe('the quota planner', () => {
  it('plans the example as one call on the free tier and three keyless preview calls', () => {
    const q = toComtradeQuery(EXAMPLE);
    const free = planCalls(q, COMTRADE_TIERS.free);
    expect(free.calls).toHaveLength(1);
    expect(free.calls[0].canonical).toBe(
      '/data/v1/get/C/A/HS?breakdownMode=classic&cmdCode=AG2&customsCode=C00&flowCode=M%2CX&includeDesc=true&maxRecords=100000&motCode=0&partner2Code=0&partnerCode=643&period=2019%2C2020%2C2021%2C2022%2C2023%2C2024&reporterCode=156',
    );
    const preview = planCalls(q, COMTRADE_TIERS.preview);
    expect(preview.calls.map((c) => c.params.period)).toEqual(['2019,2020', '2021,2022', '2023,2024']);
    expect(preview.calls.every((c) => c.estimatedRecords <= 500)).toBe(true);
  });

  it('keeps 12 periods per call, splits partners when a call would pass the record limit, and warns about the daily quota', () => {
    const months = toComtradeQuery({ reporter: ['CHN'], partner: ['RUS'], period: '2020-01..2021-06' });
    expect(
      planCalls(months, COMTRADE_TIERS.free).calls.map((c) => c.params.period.split(',').length),
    ).toEqual([12, 6]);
    const wide = toComtradeQuery({ reporter: ['all'], partner: ['RUS'], period: '2000-2023', hs: '6' });
    const plan = planCalls(wide, COMTRADE_TIERS.free);
    // 200 reporters × 5613 subheadings per year and flow is more than one call: one year and flow per call, still cut-prone
    expect(plan.calls).toHaveLength(48);
    expect(plan.warnings.join(' ')).toMatch(/may return more than 100,000 records/);
    const many = toComtradeQuery({
      reporter: ['CHN', 'RUS', 'MNG', 'KOR', 'JPN', 'PRK', 'KAZ', 'USA'],
      partner: ['all'],
      period: '1988-2023',
      hs: '6',
    });
    const big = planCalls(many, COMTRADE_TIERS.free);
    expect(big.calls).toHaveLength(8 * 36 * 2);
    expect(big.warnings.join(' ')).toMatch(/exceed the free tier's 500 calls per day/);
  });
});

describe('client helpers', () => {
  it('reads Retry-After as seconds, as a date, or from the APIM message', () => {
    expect(retryAfterMs('3', '')).toBe(3000);
    expect(
      retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', '', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    ).toBe(10_000);
    expect(retryAfterMs(null, 'Rate limit is exceeded. Try again in 2 seconds.')).toBe(2000);
    expect(retryAfterMs(null, 'nothing')).toBeNull();
    expect(maskKey(`key=${KEY}!`, KEY)).toBe('key=***!');
  });
});

describe('fetching from the recorded-response server', () => {
  let server: ReplayServer;
  let cacheDir: string;
  let store: Store;
  const waits: number[] = [];
  const opts = (o: Partial<ComtradeFetchOptions> = {}): ComtradeFetchOptions => ({
    baseUrl: server.url,
    cacheDir,
    minIntervalMs: 0,
    backoffBaseMs: 5,
    maxRetries: 3,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...o,
  });

  beforeEach(async () => {
    server = await startReplayServer({ key: KEY });
    cacheDir = mkdtempSync(join(tmpdir(), 'amur-comtrade-cache-'));
    store = await openStore(':memory:', { hooks: referenceDataHooks });
    waits.length = 0;
  });
  afterEach(async () => {
    store.close();
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('fetches the example with a key in one call, sends the key as a header and imports 72 flows in one source', async () => {
    const p = prepareComtradeFetch(EXAMPLE, opts({ key: KEY }));
    expect(describePlan(p)).toContain('1 call(s) planned, 0 already cached: 1 new call(s) to make');
    const r = await runComtradeFetch(p, opts({ key: KEY }));
    expect(r).toMatchObject({ calls: 1, cachedCalls: 0, records: 72 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].key).toBe(KEY);
    expect(server.requests[0].canonical).not.toContain(KEY);
    const imp = await importComtradeFetch(store, p);
    expect(imp).toMatchObject({
      rows: 72,
      alreadyImported: false,
      sourceId: 'comtrade-chn-rus-2019-2024-ag2',
    });
    const rows = await store.query<{ n: number; years: number; chapters: number; basis: string }>(
      `SELECT count(*)::INT AS n, count(DISTINCT year)::INT AS years, count(DISTINCT commodity_code)::INT AS chapters,
              string_agg(DISTINCT flow || ':' || basis, ',' ORDER BY flow || ':' || basis) AS basis
       FROM flows WHERE source_id = $1 AND reporter_code = 'CHN' AND partner_code = 'RUS'`,
      [imp.sourceId],
    );
    expect(rows[0]).toEqual({ n: 72, years: 6, chapters: 6, basis: 'export:FOB,import:CIF' });
    const [src] = await store.query<{ title: string; url: string; titles: string }>(
      'SELECT title, url, CAST(titles AS VARCHAR) AS titles FROM sources WHERE id = $1',
      [imp.sourceId],
    );
    expect(src.title).toContain('UN Comtrade+ API v1 (free): reporter CHN, partner RUS, 2019–2024, AG2');
    // the generated title in zh and ru too (src/i18n/source-titles.ts)
    expect(JSON.parse(src.titles).zh).toContain(
      'UN Comtrade+ API v1（free）：报告方 CHN，伙伴方 RUS，2019–2024，商品 AG2',
    );
    expect(JSON.parse(src.titles).ru).toContain(
      'UN Comtrade+ API v1 (free): отчитывающиеся CHN, партнёры RUS, 2019–2024, товары AG2',
    );
    expect(src.url).not.toContain(KEY);

    // a re-run: no call, and the same data is recognised as imported
    const again = prepareComtradeFetch(EXAMPLE, opts({ key: KEY }));
    expect(again.newCalls).toBe(0);
    const r2 = await runComtradeFetch(again, opts({ key: KEY }));
    expect(r2).toMatchObject({ calls: 0, cachedCalls: 1, records: 72 });
    expect(server.requests).toHaveLength(1);
    expect((await importComtradeFetch(store, again)).alreadyImported).toBe(true);
  });

  it('rides out 429 with Retry-After, a 500, a body cut mid-way and a truncated JSON, with progress events', async () => {
    server.faults.push(
      {
        kind: 'status',
        status: 429,
        retryAfter: '7',
        body: '{"statusCode":429,"message":"Rate limit is exceeded. Try again in 7 seconds."}',
      },
      { kind: 'status', status: 500 },
      { kind: 'truncate' },
      { kind: 'half' },
    );
    const events: FetchEvent[] = [];
    const p = prepareComtradeFetch(EXAMPLE, opts()); // no key: the preview endpoint, 3 calls
    expect(p.plan.tier.tier).toBe('preview');
    const r = await runComtradeFetch(p, opts({ maxRetries: 4 }), (e) => events.push(e));
    expect(r).toMatchObject({ calls: 3, records: 72, attempts: 7 });
    expect(server.requests).toHaveLength(7);
    expect(server.requests.every((q) => q.key === undefined)).toBe(true);
    const retries = events.filter((e) => e.type === 'retry');
    expect(retries.map((e) => (e.type === 'retry' ? e.reason.slice(0, 8) : ''))).toEqual([
      'HTTP 429',
      'HTTP 500',
      'network ',
      'incomple',
    ]);
    expect(waits.slice(0, 2)).toEqual([7000, 10]); // Retry-After honoured, then back-off doubles
    expect(
      events.filter((e) => e.type === 'call').map((e) => (e.type === 'call' ? `${e.done}/${e.total}` : '')),
    ).toEqual(['1/3', '2/3', '3/3']);
  });

  it('resumes an interrupted run from the cache without calling again for what it has', async () => {
    const p = prepareComtradeFetch(EXAMPLE, opts());
    // call 1 succeeds, call 2 fails on every attempt (1 + 3 retries)
    server.faults.push({ kind: 'pass' }, ...Array(4).fill({ kind: 'status', status: 503 }));
    const failed = await runComtradeFetch(p, opts()).catch((e) => e);
    expect(failed).toBeInstanceOf(ComtradeCallError);
    expect((failed as ComtradeCallError).reason).toBe('retries');
    expect((failed as Error).message).toMatch(
      /call 2 .*gave up after 4 attempts; last: HTTP 503.*run the same command again to resume/,
    );
    expect(server.requests).toHaveLength(5);

    const resumed = prepareComtradeFetch(EXAMPLE, opts());
    expect([resumed.cached, resumed.newCalls]).toEqual([1, 2]);
    const r = await runComtradeFetch(resumed, opts());
    expect(r).toMatchObject({ calls: 2, cachedCalls: 1, records: 72 });
    expect(server.requests).toHaveLength(7);

    const third = await runComtradeFetch(prepareComtradeFetch(EXAMPLE, opts()), opts());
    expect(third).toMatchObject({ calls: 0, cachedCalls: 3 });
    expect(server.requests).toHaveLength(7);
    expect((await importComtradeFetch(store, resumed)).rows).toBe(72);
  });

  it('stops at once on a refused key or an exhausted quota, never showing the key', async () => {
    const wrong = `${KEY}-wrong`;
    const failure = (o: ComtradeFetchOptions) =>
      runComtradeFetch(prepareComtradeFetch(EXAMPLE, o), o).then(
        () => {
          throw new Error('expected the fetch to fail');
        },
        (err: unknown) => err as ComtradeCallError,
      );
    const e = await failure(opts({ key: wrong }));
    expect(e.reason).toBe('key');
    expect(e.message).toMatch(/refused the subscription key \(HTTP 401/);
    expect(e.message).not.toContain(wrong);
    server.faults.push({
      kind: 'status',
      status: 403,
      body: '{"statusCode":403,"message":"Out of call volume quota. Quota will be replenished in 05:12:09."}',
    });
    const q = await failure(opts({ key: KEY }));
    expect(q.reason).toBe('quota');
    expect(q.kind).toBe('unavailable');
    expect(q.message).toContain('Quota will be replenished in 05:12:09');
    expect(server.requests).toHaveLength(2);
  });

  it('keeps to the calls per day: stops before the call over the limit, says when to go on, resumes from the cache', async () => {
    let clock = Date.parse('2026-01-10T08:00:00Z');
    const o = opts({ callsPerDay: 2, now: () => clock });
    const p = prepareComtradeFetch(EXAMPLE, o); // preview: 3 calls
    expect(describePlan(p)).toContain(
      '0 call(s) on this tier in the last 24 hours (from this machine): 2 left of 2; the run will stop there',
    );
    const e = await runComtradeFetch(p, o).then(
      () => {
        throw new Error('expected the run to stop at the daily limit');
      },
      (err: unknown) => err as ComtradeCallError,
    );
    expect(e.reason).toBe('quota');
    expect(e.message).toBe(
      'call 3 of 3 not made: 2 calls on the preview tier in the last 24 hours reach its 2 calls per day; the 2 calls before it are cached: run the same command again after 2026-01-11T08:00:00.000Z',
    );
    expect(server.requests).toHaveLength(2);
    clock += 24 * 3600 * 1000 + 1;
    const next = prepareComtradeFetch(EXAMPLE, o);
    expect([next.cached, next.newCalls, next.callsLast24h]).toEqual([2, 1, 0]);
    expect(await runComtradeFetch(next, o)).toMatchObject({ calls: 1, cachedCalls: 2, records: 72 });
    expect(server.requests).toHaveLength(3);
  });

  it('needs a key for the free and premium tiers', () => {
    expect(() => prepareComtradeFetch(EXAMPLE, opts({ tier: 'free' }))).toThrow(
      /tier "free": needs a subscription key/,
    );
  });
});

describeShared('fetching a real recorded v1 response (China with Argentina and Germany, 2010)', () => {
  it('imports the four records of the real response served for its query', async () => {
    const server = await startReplayServer({ key: KEY });
    const cacheDir = mkdtempSync(join(tmpdir(), 'amur-comtrade-cache-'));
    const store = await openStore(':memory:', { hooks: referenceDataHooks });
    try {
      const o: ComtradeFetchOptions = { baseUrl: server.url, cacheDir, key: KEY, minIntervalMs: 0 };
      const p = prepareComtradeFetch({ reporter: ['CHN'], partner: ['ARG', 'DEU'], period: '2010' }, o);
      server.route(
        p.plan.calls[0].canonical,
        sharedData('trade/comtrade-v1-get-C-A-HS-CHN-ARG-DEU-2010.json'),
      );
      const r = await runComtradeFetch(p, o);
      expect(r.records).toBe(4);
      const imp = await importComtradeFetch(store, p);
      const rows = await store.query<{ partner_code: string; flow: string; value_usd: number }>(
        'SELECT partner_code, flow, value_usd FROM flows WHERE source_id = $1 ORDER BY flow, partner_code',
        [imp.sourceId],
      );
      expect(rows).toEqual([
        { partner_code: 'ARG', flow: 'export', value_usd: 6115764185 },
        { partner_code: 'DEU', flow: 'export', value_usd: 68047133397 },
        { partner_code: 'ARG', flow: 'import', value_usd: 6804128143 },
        { partner_code: 'DEU', flow: 'import', value_usd: 74251272075 },
      ]);
    } finally {
      store.close();
      await server.close();
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
