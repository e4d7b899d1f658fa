/**
 * `fillMirror=true` on the trade query and indicator endpoints (as
 * `amur trade query|indicator --fill-mirror`): a store where Russia reports
 * its trade with China for 2019–2021 only and China for 2019–2023, imported
 * through the API; the 2022–2023 gap is filled from China's reports, each
 * row flagged, the share said. Also: the trade mode column in query answers,
 * and a fill stopped at its deadline leaves the store's own flows in place.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TradeStore } from '../../src/server/trade-store.ts';
import { CIF_FOB_FACTOR, withFilledFlows } from '../../src/trade/mirror.ts';
import { isApiError, type TestServer, testServer } from './helpers.ts';

const TOKEN = 'mirror-test-token-0123456789';
const fixture = (name: string) =>
  readFileSync(new URL(`../../src/trade/fetch/comtrade/fixtures/${name}`, import.meta.url));

interface Row {
  year: number;
  flow: string;
  value_usd: number;
  reported_by: string;
  source_id: string;
  trade_mode: string | null;
  fill?: string;
}

let s: TestServer;
const get = (url: string) => s.app.inject({ method: 'GET', url });

beforeAll(async () => {
  s = await testServer({ apiToken: TOKEN });
  for (const name of ['chn-rus-total-2019-2023.json', 'rus-chn-total-2019-2021.json']) {
    const r = await s.app.inject({
      method: 'POST',
      url: `/api/trade/import?name=${name}`,
      payload: fixture(name),
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${TOKEN}` },
    });
    expect(r.statusCode, r.body).toBe(200);
  }
}, 180_000);
afterAll(async () => {
  await s?.close();
});

const RUS_CHN = '/api/trade/query?reporter=RUS&partner=CHN';

describe('GET /api/trade/query?fillMirror=true', () => {
  it('fills Russia’s 2022–2023 gap from China’s reports, flags every row and says the share', async () => {
    const own = await get(RUS_CHN);
    expect(own.statusCode).toBe(200);
    const ownRows = own.json() as Row[];
    expect(ownRows.map((r) => r.year).sort()).toEqual([2019, 2019, 2020, 2020, 2021, 2021]);
    expect(ownRows.every((r) => !('fill' in r))).toBe(true);
    expect(own.headers['x-amur-mirror-rows']).toBeUndefined();

    const r = await get(`${RUS_CHN}&fillMirror=true`);
    expect(r.statusCode).toBe(200);
    const rows = r.json() as Row[];
    expect(rows).toHaveLength(10);
    expect(rows.every((x) => x.fill === 'reported' || x.fill === 'mirror')).toBe(true);
    const mirror = rows.filter((x) => x.fill === 'mirror');
    expect(mirror.map((x) => `${x.flow} ${x.year}`).sort()).toEqual([
      'export 2022',
      'export 2023',
      'import 2022',
      'import 2023',
    ]);
    expect(
      mirror.every((x) => x.reported_by === 'partner' && x.source_id === 'chn-rus-total-2019-2023'),
    ).toBe(true);
    // Russia's exports (FOB) = China's imports from Russia (CIF) / 1.06
    const chn = (
      await get('/api/trade/query?reporter=CHN&partner=RUS&flow=import&year=2022')
    ).json() as Row[];
    const x2022 = mirror.find((x) => x.flow === 'export' && x.year === 2022)!;
    expect(x2022.value_usd).toBeCloseTo(chn[0].value_usd / CIF_FOB_FACTOR.factor, 3);

    expect(r.headers['x-amur-mirror-rows']).toBe('4');
    expect(r.headers['x-amur-matching-rows']).toBe('10');
    expect(r.headers['x-amur-cif-fob']).toBe(String(CIF_FOB_FACTOR.factor));
    const share = Number(r.headers['x-amur-mirror-value-share']);
    const sum = (xs: Row[]) => xs.reduce((a, x) => a + x.value_usd, 0);
    expect(share).toBeCloseTo(sum(mirror) / sum(rows), 4);
    expect(r.headers['x-amur-fill-mirror']).toMatch(/4 of 10 rows \(40\.0%; [\d.]+% of the US\$ value\)/);

    // the store itself is unchanged afterwards
    expect((await get(`${RUS_CHN}&limit=100`)).json()).toHaveLength(6);
  });

  it('says the share of the whole selection on every page', async () => {
    const first = await get(`${RUS_CHN}&fillMirror=true&limit=3`);
    expect(first.json()).toHaveLength(3);
    expect(first.headers['x-amur-complete']).toBe('false');
    expect(first.headers['x-amur-mirror-rows']).toBe('4');
    expect(first.headers['x-amur-matching-rows']).toBe('10');
    const last = await get(`${RUS_CHN}&fillMirror=true&limit=3&cursor=9`);
    expect(last.json()).toHaveLength(1);
    expect(last.headers['x-amur-complete']).toBe('true');
  });

  it('applies a given CIF/FOB factor, and refuses one without fillMirror or out of range', async () => {
    const one = (await get(`${RUS_CHN}&fillMirror=true&cifFob=1`)).json() as Row[];
    const chn = (
      await get('/api/trade/query?reporter=CHN&partner=RUS&flow=import&year=2022')
    ).json() as Row[];
    expect(one.find((x) => x.flow === 'export' && x.year === 2022)?.value_usd).toBeCloseTo(
      chn[0].value_usd,
      3,
    );
    const alone = await get(`${RUS_CHN}&cifFob=1.1`);
    expect(alone.statusCode).toBe(400);
    expect(alone.json().parameter).toBe('cifFob');
    const big = await get(`${RUS_CHN}&fillMirror=true&cifFob=3`);
    expect(big.statusCode).toBe(400);
    expect(isApiError(big.json())).toBe(true);
  });

  it('answers the trade mode of every flow (null: all modes)', async () => {
    const rows = (await get(RUS_CHN)).json() as Row[];
    expect(rows.every((r) => 'trade_mode' in r && r.trade_mode === null)).toBe(true);
  });
});

describe('GET /api/trade/indicators/:name?fillMirror=true', () => {
  it('computes on the filled series and says which cells are mirror data', async () => {
    const own = await get('/api/trade/indicators/balance?reporter=RUS&partner=CHN');
    expect(own.statusCode).toBe(200);
    expect((own.json().rows as { year: number }[]).map((x) => x.year).sort()).toEqual([2019, 2020, 2021]);
    expect(own.json().mirror).toBeUndefined();

    const r = await get('/api/trade/indicators/balance?reporter=RUS&partner=CHN&fillMirror=true');
    expect(r.statusCode, r.body).toBe(200);
    const out = r.json();
    expect((out.rows as { year: number }[]).map((x) => x.year).sort()).toEqual([
      2019, 2020, 2021, 2022, 2023,
    ]);
    expect(out.mirror).toMatchObject({
      factor: CIF_FOB_FACTOR.factor,
      rows: 10,
      mirrorRows: 4,
      rowShare: 0.4,
    });
    expect(out.mirror.factorSource).toContain('IMF');
    expect(out.mirror.valueShare).toBeGreaterThan(0);
    expect(out.mirror.valueShare).toBeLessThan(1);
    expect(out.mirror.cells).toContain('RUS→CHN export 2022 TOTAL (from chn-rus-total-2019-2023)');
    expect(out.mirror.cells).toHaveLength(4);
    expect(out.mirror.spans).toEqual(['RUS→CHN export 2022–2023', 'RUS→CHN import 2022–2023']);
    expect(out.mirror.years).toEqual([2022, 2023]);
    expect(out.notes.map((n: { message: string }) => n.message).join('\n')).toMatch(
      /--fill-mirror: 4 of 10 rows/,
    );
    expect(out.notes.map((n: { code: string }) => n.code)).toEqual(['fill.summary', 'fill.cells']);
  });

  it('refuses fillMirror on the mirror indicator', async () => {
    const r = await get('/api/trade/indicators/mirror?reporter=RUS&partner=CHN&fillMirror=true');
    expect(r.statusCode).toBe(400);
    expect(r.json().parameter).toBe('fillMirror');
  });
});

describe('GET /api/trade/charts/:file?fillMirror=true', () => {
  it('draws the mirror values apart and counts them in the subtitle, in the asked language', async () => {
    const r = await get('/api/trade/charts/line.json?reporter=RUS&partner=CHN&fillMirror=true&lang=ru');
    expect(r.statusCode, r.body).toBe(200);
    const { spec, option } = r.json() as {
      spec: { mirror: { values: number; of: number; factor: number }; series: { mirror: boolean[] }[] };
      option: { title: { subtext: string }; series: { name: string; lineStyle: { type?: string } }[] };
    };
    expect(spec.mirror).toMatchObject({ values: 4, of: 10, factor: CIF_FOB_FACTOR.factor });
    expect(spec.series.map((x) => x.mirror)).toEqual([
      [false, false, false, true, true],
      [false, false, false, true, true],
    ]);
    expect(option.series.filter((x) => x.lineStyle.type === 'dashed')).toHaveLength(2);
    expect(option.title.subtext).toContain('4 из 10 значений');
    const plain = (await get('/api/trade/charts/line.json?reporter=RUS&partner=CHN')).json();
    expect(plain.spec.mirror).toBeUndefined();
    const svg = await get('/api/trade/charts/bar.svg?reporter=RUS&partner=CHN&fillMirror=true');
    expect(svg.statusCode).toBe(200);
    expect(svg.body).toContain('stroke-dasharray');
    const alone = await get('/api/trade/charts/line.json?reporter=RUS&cifFob=1.1');
    expect(alone.statusCode).toBe(400);
    expect(alone.json().parameter).toBe('cifFob');
  });
});

describe('GET /api/trade/export/:format?fillMirror=true', () => {
  it('writes the flag column beside reported_by and says the share in the headers', async () => {
    const r = await get(`/api/trade/export/csv?reporter=RUS&partner=CHN&fillMirror=true`);
    expect(r.statusCode, r.body).toBe(200);
    const [head, ...lines] = r.body.trim().split('\n');
    const cols = head.split(',');
    expect(cols).toContain('reported_by');
    expect(cols.at(-1)).toBe('fill');
    const at = (line: string, c: string) => line.split(',')[cols.indexOf(c)];
    expect(
      lines.filter((l) => at(l, 'fill') === 'mirror').map((l) => `${at(l, 'year')} ${at(l, 'reported_by')}`),
    ).toEqual(['2022 partner', '2022 partner', '2023 partner', '2023 partner']);
    expect(lines.filter((l) => at(l, 'fill') === 'reported')).toHaveLength(6);
    expect(r.headers['x-amur-mirror-rows']).toBe('4');
    expect(r.headers['x-amur-matching-rows']).toBe('10');
    const plain = await get('/api/trade/export/csv?reporter=RUS&partner=CHN');
    expect(plain.body.trim().split('\n')).toHaveLength(7);
    expect(plain.body.split('\n')[0].split(',')).not.toContain('fill');
    expect(plain.headers['x-amur-mirror-rows']).toBeUndefined();
  });
});

describe('a fill stopped at its deadline', () => {
  it('drops the filled view, so the next operation reads the store’s own flows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-mirror-deadline-'));
    const ts = new TradeStore({
      path: join(dir, 't.duckdb'),
      deadlineMs: 60_000,
      queueLength: 4,
      cacheBytes: 1 << 20,
    });
    try {
      const views = () =>
        ts.use((st) =>
          st.query<{ n: number }>(
            "SELECT count(*)::INT AS n FROM duckdb_views() WHERE temporary AND view_name = 'flows'",
          ),
        );
      expect((await views())[0].n).toBe(0);
      const stopped = ts.use(
        (st) =>
          withFilledFlows(st, { mark: 'partner' }, async () => {
            await new Promise((r) => setTimeout(r, 1500));
            return st.query('SELECT count(*) FROM flows');
          }),
        Date.now() + 300,
      );
      await expect(stopped).rejects.toMatchObject({ status: 503 });
      expect((await views())[0].n).toBe(0);
    } finally {
      await ts.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
