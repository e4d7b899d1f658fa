/**
 * Every indicator against values computed by hand on small fixtures (the
 * arithmetic is in the comments), and the refusals when data is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import { fixtureStore, insertFlows, insertWorldTotals } from './fixtures.ts';
import { computeIndicator, IndicatorError, listIndicators } from './index.ts';

let store: Store;

const row = (rows: Record<string, unknown>[], match: Record<string, unknown>) => {
  const r = rows.find((x) => Object.entries(match).every(([k, v]) => x[k] === v));
  if (!r) throw new Error(`no row ${JSON.stringify(match)} in ${JSON.stringify(rows)}`);
  return r;
};

beforeAll(async () => {
  store = await fixtureStore();
  await insertFlows(store, [
    // growth: AAA exports to WLD 100, 130, 121, 150 in 2017–2020
    { reporter: 'AAA', year: 2017, flow: 'export', value_usd: 100 },
    { reporter: 'AAA', year: 2018, flow: 'export', value_usd: 130 },
    { reporter: 'AAA', year: 2019, flow: 'export', value_usd: 121 },
    { reporter: 'AAA', year: 2020, flow: 'export', value_usd: 150 },
    // monthly and year to date
    { reporter: 'AAA', year: 2019, month: 3, period_kind: 'month', flow: 'import', value_usd: 40 },
    { reporter: 'AAA', year: 2020, month: 3, period_kind: 'month', flow: 'import', value_usd: 50 },
    { reporter: 'AAA', year: 2019, month: 3, period_kind: 'ytd', flow: 'import', value_usd: 100 },
    { reporter: 'AAA', year: 2020, month: 3, period_kind: 'ytd', flow: 'import', value_usd: 90 },
    // structure of BBB in 2020: exports to WLD by product and total, and by partner
    { reporter: 'BBB', year: 2020, flow: 'export', value_usd: 200 },
    { reporter: 'BBB', year: 2020, flow: 'export', commodity: '01', value_usd: 100 },
    { reporter: 'BBB', year: 2020, flow: 'export', commodity: '02', value_usd: 60 },
    { reporter: 'BBB', year: 2020, flow: 'export', commodity: '03', value_usd: 40 },
    { reporter: 'BBB', partner: 'CCC', year: 2020, flow: 'export', value_usd: 80 },
    { reporter: 'BBB', partner: 'DDD', year: 2020, flow: 'export', value_usd: 120 },
    // imports of BBB (balance, dependence, Grubel–Lloyd)
    { reporter: 'BBB', year: 2020, flow: 'import', value_usd: 100 },
    { reporter: 'BBB', year: 2020, flow: 'import', commodity: '01', value_usd: 20 },
    { reporter: 'BBB', year: 2020, flow: 'import', commodity: '02', value_usd: 60 },
    { reporter: 'BBB', year: 2020, flow: 'import', commodity: '04', value_usd: 20 },
    { reporter: 'BBB', partner: 'CCC', year: 2020, flow: 'import', value_usd: 20 },
    // marginal IIT: 2019 exports/imports of product 01
    { reporter: 'BBB', year: 2019, flow: 'export', commodity: '01', value_usd: 90 },
    { reporter: 'BBB', year: 2019, flow: 'import', commodity: '01', value_usd: 5 },
    // CCC: imports by product (complementarity, specialisation), total imports (intensity)
    { reporter: 'CCC', year: 2020, flow: 'import', value_usd: 1000 },
    { reporter: 'CCC', year: 2020, flow: 'import', commodity: '01', value_usd: 300 },
    { reporter: 'CCC', year: 2020, flow: 'import', commodity: '02', value_usd: 500 },
    { reporter: 'CCC', year: 2020, flow: 'import', commodity: '05', value_usd: 200 },
    // a city and its province (share of a reporter in its parent region)
    {
      reporter: 'CN-HL-HEIHE',
      reporter_level: 'city',
      partner: 'RUS',
      year: 2016,
      flow: 'total',
      value_usd: 10,
    },
    {
      reporter: 'CN-HL',
      reporter_level: 'province',
      partner: 'RUS',
      year: 2016,
      flow: 'total',
      value_usd: 40,
    },
    // unit values and value against volume
    {
      reporter: 'EEE',
      year: 2019,
      flow: 'import',
      commodity: '2716',
      value_usd: 100,
      quantity: 10,
      quantity_unit: 'kWh',
    },
    {
      reporter: 'EEE',
      year: 2020,
      flow: 'import',
      commodity: '2716',
      value_usd: 150,
      quantity: 12,
      quantity_unit: 'kWh',
    },
    { reporter: 'EEE', year: 2020, flow: 'import', commodity: '4403', value_usd: 80, net_weight_kg: 400 },
    // mirror: CHN's imports from RUS (CHN's report) and RUS's exports to CHN (RUS's report)
    { source_id: 'mirror', reporter: 'CHN', partner: 'RUS', year: 2020, flow: 'import', value_usd: 110 },
    { source_id: 'mirror', reporter: 'RUS', partner: 'CHN', year: 2020, flow: 'export', value_usd: 100 },
  ]);
});

afterAll(() => store?.close());

describe('listing', () => {
  it('lists every indicator with a definition, a unit and what it needs', () => {
    const list = listIndicators();
    expect(list.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        'growth',
        'average-growth',
        'share',
        'balance',
        'dependence',
        'hhi',
        'diversification',
        'rca',
        'specialisation',
        'intensity',
        'complementarity',
        'grubel-lloyd',
        'unit-value',
        'value-volume',
        'mirror',
      ]),
    );
    for (const d of list) {
      expect(d.definition.length).toBeGreaterThan(20);
      expect(d.unit).not.toBe('');
      expect(d.needs).not.toBe('');
    }
  });

  it('refuses unknown names and parameters the indicator does not read', async () => {
    await expect(computeIndicator(store, 'nope')).rejects.toThrow(/no indicator "nope" \(one of growth/);
    await expect(computeIndicator(store, 'balance', { by: 'partner' })).rejects.toThrow(/does not use --by/);
    await expect(computeIndicator(store, 'growth', { from: 2020, to: 2010 })).rejects.toThrow(/after --to/);
  });

  it('names each refused parameter, its problem and what is valid, one a line', async () => {
    const err = await computeIndicator(store, 'growth', {
      period: 'week',
      level: 0,
      reporters: ['AAA'],
    }).catch((e) => e);
    expect(err).toBeInstanceOf(IndicatorError);
    expect(err.message.split('\n')).toEqual([
      'growth: parameter level: Too small: expected number to be >=1 (minimum 1)',
      'growth: parameter period: invalid value "week" (valid: "year", "month", "ytd")',
      'growth: parameter reporters: unknown field "reporters" (did you mean "reporter"?)',
    ]);
  });
});

describe('growth', () => {
  it('year on year: 130 / 100 − 1 = 30%, 121 / 130 − 1 = −6.92%', async () => {
    const r = await computeIndicator(store, 'growth', { reporter: ['AAA'], flow: 'export' });
    expect(r.rows).toHaveLength(3);
    expect(row(r.rows, { year: 2018 }).growth_pct).toBeCloseTo(30, 10);
    expect(row(r.rows, { year: 2019 }).growth_pct).toBeCloseTo((121 / 130 - 1) * 100, 10);
    expect(r.unit).toBe('%');
  });

  it('uses the year before --from as the base', async () => {
    const r = await computeIndicator(store, 'growth', { reporter: ['AAA'], flow: 'export', year: 2020 });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0].growth_pct).toBeCloseTo((150 / 121 - 1) * 100, 10);
  });

  it('months against the same month a year before, and year to date', async () => {
    const m = await computeIndicator(store, 'growth', { reporter: ['AAA'], period: 'month' });
    expect(m.rows[0].growth_pct).toBeCloseTo(25, 10); // 50 / 40 − 1
    const y = await computeIndicator(store, 'growth', { reporter: ['AAA'], period: 'ytd' });
    expect(y.rows[0].growth_pct).toBeCloseTo(-10, 10); // 90 / 100 − 1
  });

  it('average growth: CAGR (150/100)^(1/3) − 1 = 14.47%, least squares e^b − 1 = 12.13%', async () => {
    const r = await computeIndicator(store, 'average-growth', { reporter: ['AAA'], flow: 'export' });
    const a = r.rows[0];
    expect(a.cagr_pct).toBeCloseTo((1.5 ** (1 / 3) - 1) * 100, 8);
    // slope of ln v on t with t centred at −1.5, −0.5, 0.5, 1.5: Σ t·ln v / Σ t² (Σ t² = 5)
    const b = (-1.5 * Math.log(100) - 0.5 * Math.log(130) + 0.5 * Math.log(121) + 1.5 * Math.log(150)) / 5;
    expect(a.least_squares_pct).toBeCloseTo((Math.exp(b) - 1) * 100, 8);
    expect(Number(a.least_squares_pct)).toBeCloseTo(12.127, 2);
    await expect(
      computeIndicator(store, 'average-growth', { reporter: ['AAA'], flow: 'export', year: 2020 }),
    ).rejects.toThrow(/needs a range of years/);
  });

  it('mirror rows loaded later are not counted as the reporter’s own (the store’s traits are probed again)', async () => {
    const mirrorFree = await fixtureStore();
    try {
      await insertFlows(mirrorFree, [
        { reporter: 'AAA', year: 2019, flow: 'export', value_usd: 100 },
        { reporter: 'AAA', year: 2020, flow: 'export', value_usd: 120 },
      ]);
      const before = await computeIndicator(mirrorFree, 'growth', { reporter: ['AAA'] });
      expect(before.rows[0].growth_pct).toBeCloseTo(20, 10);
      await insertFlows(mirrorFree, [
        { reporter: 'AAA', year: 2020, flow: 'export', value_usd: 500, reported_by: 'partner' },
      ]);
      const after = await computeIndicator(mirrorFree, 'growth', { reporter: ['AAA'] });
      expect(after.rows[0].growth_pct).toBeCloseTo(20, 10);
    } finally {
      mirrorFree.close();
    }
  });

  it('refuses when there is no previous year', async () => {
    await expect(computeIndicator(store, 'growth', { reporter: ['CCC'] })).rejects.toThrow(IndicatorError);
  });
});

describe('shares, balance, dependence', () => {
  it('product shares of the TOTAL row: 100/200 = 50%, 60/200 = 30%, 40/200 = 20%', async () => {
    const r = await computeIndicator(store, 'share', { reporter: ['BBB'], flow: 'export', year: 2020 });
    expect(row(r.rows, { commodity: '01' }).share_pct).toBeCloseTo(50, 10);
    expect(row(r.rows, { commodity: '03' }).share_pct).toBeCloseTo(20, 10);
    expect(row(r.rows, { commodity: '01' }).total_from).toBe('TOTAL row');
  });

  it('partner shares of the WLD row: 80/200 = 40%, 120/200 = 60%', async () => {
    const r = await computeIndicator(store, 'share', { of: 'partner', reporter: ['BBB'], flow: 'export' });
    expect(row(r.rows, { partner: 'CCC' }).share_pct).toBeCloseTo(40, 10);
    expect(row(r.rows, { partner: 'DDD' }).share_pct).toBeCloseTo(60, 10);
  });

  it('a city in its province: 10/40 = 25%', async () => {
    const r = await computeIndicator(store, 'share', { of: 'reporter', reporter: ['CN-HL-HEIHE'] });
    expect(r.rows[0].in).toBe('CN-HL');
    expect(r.rows[0].share_pct).toBeCloseTo(25, 10);
  });

  it('trade balance 200 − 100 = 100, normalised 100/300 = 33.3%', async () => {
    const r = await computeIndicator(store, 'balance', { reporter: ['BBB'], commodity: ['TOTAL'] });
    const b = row(r.rows, { partner: 'WLD' });
    expect(b.balance_usd).toBeCloseTo(100, 10);
    expect(b.normalised_pct).toBeCloseTo(100 / 3, 8);
  });

  it('dependence of BBB on CCC: (80 + 20) / (200 + 100) = 33.3%', async () => {
    const r = await computeIndicator(store, 'dependence', { reporter: ['BBB'], partner: ['CCC'] });
    expect(r.rows[0].dependence_pct).toBeCloseTo(100 / 3, 8);
    expect(r.rows[0].basis).toBe('exports + imports');
  });
});

describe('concentration', () => {
  it('HHI by product: shares .5 .3 .2 → .38; normalised (.38 − 1/3)/(2/3) = .07; UNCTAD (√.38 − √(1/3))/(1 − √(1/3))', async () => {
    const r = await computeIndicator(store, 'hhi', {
      reporter: ['BBB'],
      flow: 'export',
      level: 2,
      year: 2020,
    });
    const h = r.rows[0];
    expect(h.n).toBe(3);
    expect(h.hhi).toBeCloseTo(0.38, 12);
    expect(h.hhi_normalised).toBeCloseTo(0.07, 12);
    expect(h.unctad_concentration).toBeCloseTo(
      (Math.sqrt(0.38) - Math.sqrt(1 / 3)) / (1 - Math.sqrt(1 / 3)),
      12,
    );
  });

  it('HHI by partner: .4² + .6² = .52', async () => {
    const r = await computeIndicator(store, 'hhi', { by: 'partner', reporter: ['BBB'], flow: 'export' });
    expect(r.rows[0].hhi).toBeCloseTo(0.52, 12);
  });

  it('diversification: refuses without world totals, then ½ Σ |h_ik − h_k|', async () => {
    await expect(
      computeIndicator(store, 'diversification', { reporter: ['BBB'], year: 2020 }),
    ).rejects.toThrow(/world exports by HS2 product .* not the world/);
    const count = await computeIndicator(store, 'diversification', {
      reporter: ['BBB'],
      year: 2020,
      method: 'count',
    });
    expect(count.rows[0].products).toBe(3);
    expect(count.rows[0].equivalent_products).toBeCloseTo(1 / 0.38, 10);
  });
});

describe('comparative indicators with world totals', () => {
  let withWorld: Store;
  beforeAll(async () => {
    withWorld = await fixtureStore();
    await insertFlows(withWorld, [
      { reporter: 'III', year: 2020, flow: 'export', commodity: '01', value_usd: 60 },
      { reporter: 'III', year: 2020, flow: 'export', commodity: '02', value_usd: 40 },
      { reporter: 'III', year: 2020, flow: 'export', value_usd: 200 },
      { reporter: 'III', partner: 'JJJ', year: 2020, flow: 'export', value_usd: 50 },
      { reporter: 'JJJ', year: 2020, flow: 'import', commodity: '01', value_usd: 30 },
      { reporter: 'JJJ', year: 2020, flow: 'import', commodity: '02', value_usd: 50 },
      { reporter: 'JJJ', year: 2020, flow: 'import', commodity: '03', value_usd: 20 },
      { reporter: 'JJJ', year: 2020, flow: 'import', value_usd: 1000 },
    ]);
  });
  afterAll(() => withWorld?.close());

  it('RCA refuses without world totals, never summing the loaded reporters', async () => {
    await expect(computeIndicator(withWorld, 'rca', { year: 2020 })).rejects.toThrow(
      /world_totals.*never used as the world/,
    );
  });

  it('RCA = (x_ik/X_i)/(w_k/W): (60/100)/(200/1000) = 3, (40/100)/(800/1000) = 0.5', async () => {
    await insertWorldTotals(withWorld, [
      { year: 2020, flow: 'export', commodity: '01', value_usd: 200 },
      { year: 2020, flow: 'export', commodity: '02', value_usd: 800 },
      { year: 2020, flow: 'export', value_usd: 10000 },
      { year: 2020, flow: 'import', commodity: '01', value_usd: 500 },
      { year: 2020, flow: 'import', commodity: '02', value_usd: 500 },
    ]);
    const r = await computeIndicator(withWorld, 'rca', { reporter: ['III'], year: 2020 });
    expect(row(r.rows, { commodity: '01' }).rca).toBeCloseTo(3, 12);
    expect(row(r.rows, { commodity: '02' }).rca).toBeCloseTo(0.5, 12);
  });

  it('export specialisation against JJJ’s imports: (60/100)/(30/100) = 2; against the world (60/100)/(500/1000) = 1.2', async () => {
    const r = await computeIndicator(withWorld, 'specialisation', { reporter: ['III'], partner: ['JJJ'] });
    expect(row(r.rows, { commodity: '01' }).specialisation).toBeCloseTo(2, 12);
    const w = await computeIndicator(withWorld, 'specialisation', { reporter: ['III'] });
    expect(row(w.rows, { commodity: '01' }).specialisation).toBeCloseTo(1.2, 12);
  });

  it('trade intensity (50/200)/(1000/10000) = 2.5', async () => {
    const r = await computeIndicator(withWorld, 'intensity', { reporter: ['III'], partner: ['JJJ'] });
    expect(r.rows[0].intensity).toBeCloseTo(2.5, 12);
  });

  it('complementarity 100·(1 − ½(|.3 − .6| + |.5 − .4| + |.2 − 0|)) = 70', async () => {
    const r = await computeIndicator(withWorld, 'complementarity', { reporter: ['III'], partner: ['JJJ'] });
    expect(row(r.rows, { exporter: 'III', importer: 'JJJ' }).complementarity).toBeCloseTo(70, 10);
  });

  it('diversification ½(|.6 − .2| + |.4 − .8|) = 0.4', async () => {
    const r = await computeIndicator(withWorld, 'diversification', { reporter: ['III'], year: 2020 });
    expect(r.rows[0].diversification).toBeCloseTo(0.4, 12);
  });
});

describe('intra-industry trade (Grubel–Lloyd)', () => {
  it('by product: 01 x100 m20 → 1 − 80/120; 02 x60 m60 → 1; 04 m20 only → 0', async () => {
    const r = await computeIndicator(store, 'grubel-lloyd', { reporter: ['BBB'], year: 2020, level: 2 });
    expect(row(r.rows, { commodity: '01' }).gl).toBeCloseTo(1 - 80 / 120, 12);
    expect(row(r.rows, { commodity: '02' }).gl).toBeCloseTo(1, 12);
    expect(row(r.rows, { commodity: '04' }).gl).toBeCloseTo(0, 12);
  });

  it('aggregate: Σ(x + m − |x − m|)/Σ(x + m) = (40 + 120 + 0 + 0)/(120 + 120 + 40 + 20) = 160/300', async () => {
    const r = await computeIndicator(store, 'grubel-lloyd', {
      reporter: ['BBB'],
      year: 2020,
      level: 2,
      method: 'aggregate',
    });
    expect(r.rows[0].gl).toBeCloseTo(160 / 300, 12);
  });

  it('marginal (Brülhart A) 2019→2020 of product 01: ΔX 10, ΔM 15 → 1 − 5/25 = 0.8', async () => {
    const r = await computeIndicator(store, 'grubel-lloyd', {
      reporter: ['BBB'],
      commodity: ['01'],
      from: 2019,
      to: 2020,
      level: 2,
      method: 'marginal',
    });
    expect(r.rows[0].marginal_gl).toBeCloseTo(0.8, 12);
    await expect(
      computeIndicator(store, 'grubel-lloyd', { reporter: ['BBB'], method: 'marginal', year: 2020 }),
    ).rejects.toThrow(/--from 2010 --to 2015/);
  });
});

describe('unit values', () => {
  it('US$ per kWh 150/12 = 12.5 and per kg 80/400 = 0.2', async () => {
    const r = await computeIndicator(store, 'unit-value', { reporter: ['EEE'], year: 2020 });
    expect(row(r.rows, { commodity: '2716' }).usd_per_unit).toBeCloseTo(12.5, 12);
    expect(row(r.rows, { commodity: '2716' }).quantity_unit).toBe('kWh');
    expect(row(r.rows, { commodity: '4403' }).usd_per_kg).toBeCloseTo(0.2, 12);
  });

  it('value +50%, volume +20%, unit value (15/12.5... ) 12.5/10 − 1 = +25%', async () => {
    const r = await computeIndicator(store, 'value-volume', { reporter: ['EEE'] });
    expect(r.rows[0].value_growth_pct).toBeCloseTo(50, 10);
    expect(r.rows[0].volume_growth_pct).toBeCloseTo(20, 10);
    expect(r.rows[0].unit_value_growth_pct).toBeCloseTo(25, 10);
  });

  it('refuses without quantities', async () => {
    await expect(computeIndicator(store, 'unit-value', { reporter: ['BBB'] })).rejects.toThrow(
      /need quantities or net weights/,
    );
  });
});

describe('mirror', () => {
  it('CHN imports 110 against RUS exports 100: discrepancy 10 (10%), CIF/FOB 1.1', async () => {
    const r = await computeIndicator(store, 'mirror', { reporter: ['CHN'], partner: ['RUS'] });
    const m = row(r.rows, { importer: 'CHN', exporter: 'RUS' });
    expect(m.discrepancy_usd).toBeCloseTo(10, 12);
    expect(m.discrepancy_pct).toBeCloseTo(10, 12);
    expect(m.cif_fob_ratio).toBeCloseTo(1.1, 12);
  });

  it('refuses with one side only', async () => {
    await expect(computeIndicator(store, 'mirror', { reporter: ['BBB'] })).rejects.toThrow(/both reports/);
  });
});
