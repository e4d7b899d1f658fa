import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referenceDataHooks } from './first-use.ts';
import { flowQuerySql } from './flow-query.ts';
import { importComtrade } from './importers/comtrade.ts';
import { computeIndicator } from './indicators/index.ts';
import { CIF_FOB_FACTOR, summarizeFill, withFilledFlows } from './mirror.ts';
import { openStore, type Store } from './store.ts';

const fixture = (name: string) =>
  fileURLToPath(new URL(`./fetch/comtrade/fixtures/${name}`, import.meta.url));

let store: Store;
beforeEach(async () => {
  store = await openStore(':memory:', { hooks: referenceDataHooks });
  await importComtrade(store, fixture('chn-rus-total-2019-2023.json')); // China reports 2019–2023
  await importComtrade(store, fixture('rus-chn-total-2019-2021.json')); // Russia only 2019–2021
});
afterEach(() => store.close());

interface FlowRow {
  year: number;
  flow: string;
  value_usd: number;
  basis: string;
  reported_by: string;
  estimated: boolean;
  source_id: string;
}

const rusSeries = () =>
  store.query<FlowRow>(
    `SELECT year, flow, value_usd, basis, reported_by, estimated, source_id FROM (${flowQuerySql({ reporter: ['RUS'], partner: ['CHN'] })}) ORDER BY flow, year`,
  );
const chn = (year: number, flow: string) =>
  store
    .query<{ v: number }>(
      `SELECT value_usd AS v FROM flows WHERE reporter_code = 'CHN' AND partner_code = 'RUS' AND year = ${year} AND flow = '${flow}'`,
    )
    .then((r) => r[0].v);

describe('--fill-mirror: a Russia-as-reporter gap filled from China’s reports', () => {
  it('fills 2022–2023 from China’s mirror rows, CIF/FOB-adjusted, flagged, and leaves Russia’s own years alone', async () => {
    expect((await rusSeries()).map((r) => r.year)).toEqual([2019, 2020, 2021, 2019, 2020, 2021]);
    const filled = await withFilledFlows(store, { mark: 'partner' }, rusSeries);
    expect(filled.map((r) => `${r.flow} ${r.year} ${r.reported_by}`)).toEqual([
      'export 2019 reporter',
      'export 2020 reporter',
      'export 2021 reporter',
      'export 2022 partner',
      'export 2023 partner',
      'import 2019 reporter',
      'import 2020 reporter',
      'import 2021 reporter',
      'import 2022 partner',
      'import 2023 partner',
    ]);
    const f = CIF_FOB_FACTOR.factor;
    const x2022 = filled.find((r) => r.flow === 'export' && r.year === 2022)!;
    // Russia's exports to China (FOB) = China's imports from Russia (CIF) / 1.06
    expect(x2022.value_usd).toBeCloseTo((await chn(2022, 'import')) / f, 3);
    expect(x2022.basis).toBe('FOB');
    expect(x2022.source_id).toBe('chn-rus-total-2019-2023');
    const m2023 = filled.find((r) => r.flow === 'import' && r.year === 2023)!;
    // Russia's imports from China (CIF) = China's exports to Russia (FOB) × 1.06
    expect(m2023.value_usd).toBeCloseTo((await chn(2023, 'export')) * f, 3);
    expect(m2023.basis).toBe('CIF');
    // Russia's own 2019 report is kept, not replaced by China's
    const x2019 = filled.find((r) => r.flow === 'export' && r.year === 2019)!;
    expect(x2019.source_id).toBe('rus-chn-total-2019-2021');
    expect(x2019.value_usd).not.toBeCloseTo((await chn(2019, 'import')) / f, 0);
    // the store is unchanged afterwards
    expect((await rusSeries()).length).toBe(6);
    expect((await store.query<{ n: number }>('SELECT count(*)::INT AS n FROM flows'))[0].n).toBe(16);
  });

  it('says how much of the series is mirror data', async () => {
    const rows = await withFilledFlows(store, { mark: 'partner' }, () =>
      store.query<Record<string, unknown>>(
        `SELECT *, CASE WHEN reported_by = 'reporter' THEN 'reported' ELSE 'mirror' END AS fill FROM (${flowQuerySql({ reporter: ['RUS'] })})`,
      ),
    );
    const s = summarizeFill(rows);
    expect([s.rows, s.mirrorRows]).toEqual([10, 4]);
    expect(s.mirrorValueUsd / s.valueUsd).toBeGreaterThan(0.4);
    expect(s.text).toMatch(
      /^--fill-mirror: 4 of 10 rows \(40\.0%; \d+\.\d% of the US\$ value\) are mirror data/,
    );
    expect(s.text).toContain('CIF/FOB-adjusted by 1.06 (IMF, Direction of Trade Statistics Yearbook 2017');
  });

  it('lets an indicator run on the filled series (balance: 5 years instead of 3)', async () => {
    const params = { reporter: ['RUS'], partner: ['CHN'] };
    const own = await computeIndicator(store, 'balance', params);
    expect(own.rows.map((r) => r.year)).toEqual([2019, 2020, 2021]);
    const filled = await withFilledFlows(store, { mark: 'estimated' }, () =>
      computeIndicator(store, 'balance', params),
    );
    // indicators work per source: the filled years carry China's source
    expect(filled.rows.map((r) => `${r.year} ${r.source}`).sort()).toEqual([
      '2019 rus-chn-total-2019-2021',
      '2020 rus-chn-total-2019-2021',
      '2021 rus-chn-total-2019-2021',
      '2022 chn-rus-total-2019-2023',
      '2023 chn-rus-total-2019-2023',
    ]);
    const b2023 = filled.rows.find((r) => r.year === 2023)!;
    const expected = (await chn(2023, 'import')) / 1.06 - (await chn(2023, 'export')) * 1.06;
    expect(b2023.balance_usd as number).toBeCloseTo(expected, 0);
  });

  it('has every column of flows (whatever the migrations add), plus fill', async () => {
    const cols = async () =>
      (await store.query<{ column_name: string }>('DESCRIBE SELECT * FROM flows')).map((r) => r.column_name);
    const table = await cols();
    expect(table).toContain('trade_mode');
    expect(await withFilledFlows(store, { mark: 'estimated' }, cols)).toEqual([...table, 'fill']);
  });

  it('uses a given factor, and 1 keeps the partner’s values', async () => {
    const rows = await withFilledFlows(store, { mark: 'partner', factor: 1 }, rusSeries);
    const x2023 = rows.find((r) => r.flow === 'export' && r.year === 2023)!;
    expect(x2023.value_usd).toBe(await chn(2023, 'import'));
    await expect(withFilledFlows(store, { mark: 'partner', factor: 0 }, rusSeries)).rejects.toThrow(
      /CIF\/FOB factor 0: expected a number > 0/,
    );
  });
});
