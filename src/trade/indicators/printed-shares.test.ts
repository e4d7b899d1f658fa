/**
 * Shares against the reporter's trade with the world: from a partner-WLD row,
 * else from the share the paper prints (Song 2019, Table 1: Russia's share in
 * Heilongjiang's trade, 29–70%), never from the sum of the partners present.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTradeStore } from '../first-use.ts';
import type { Store } from '../store.ts';
import { fixtureStore, insertFlows } from './fixtures.ts';
import { computeIndicator, IndicatorError } from './index.ts';

let seeded: Store;
beforeAll(async () => {
  seeded = await openTradeStore(':memory:');
});
afterAll(() => seeded.close());

describe('Heilongjiang–Russia from the printed shares', () => {
  it('dependence --reporter CN-HL --partner RUS gives the printed share of the province’s trade', async () => {
    const r = await computeIndicator(seeded, 'dependence', { reporter: ['CN-HL'], partner: ['RUS'] });
    const y2008 = r.rows.find((x) => x.year === 2008)!;
    expect(y2008.dependence_pct).toBe(48.3);
    expect(y2008.basis).toBe('printed share (share_of_province_trade_pct)');
    // as corrected (亿美元): US$11.06 billion at 48.3% implies US$22.9 billion of trade with the world
    expect(y2008.bilateral_usd).toBeCloseTo(11.06e9, -6);
    expect(y2008.world_usd).toBeCloseTo(11.06e9 / 0.483, -6);
    expect(r.rows.map((x) => x.year)).toEqual([
      2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018,
    ]);
    const pct = r.rows.map((x) => Number(x.dependence_pct));
    expect(Math.min(...pct)).toBeGreaterThanOrEqual(29);
    expect(Math.max(...pct)).toBeLessThanOrEqual(70);
    expect(r.notes.map((n) => n.message).join(' ')).toMatch(/share the source prints/);
  });

  it('share --of partner is the printed share too, not 100% of the partners present', async () => {
    const r = await computeIndicator(seeded, 'share', {
      of: 'partner',
      reporter: ['CN-HL'],
      partner: ['RUS'],
      flow: 'total',
    });
    const y2010 = r.rows.find((x) => x.year === 2010)!;
    expect(y2010.share_pct).toBe(29.3);
    expect(y2010.total_from).toBe('printed share (share_of_province_trade_pct)');
    expect(r.rows.every((x) => Number(x.share_pct) < 100)).toBe(true);
  });
});

describe('share --of partner without a world total', () => {
  it('leaves the share empty and says so, rather than dividing by the partners present', async () => {
    const store = await fixtureStore();
    try {
      await insertFlows(store, [
        { reporter: 'AAA', partner: 'CCC', year: 2020, flow: 'export', value_usd: 80 },
        { reporter: 'AAA', partner: 'DDD', year: 2020, flow: 'export', value_usd: 20 },
        { reporter: 'BBB', partner: 'WLD', year: 2020, flow: 'export', value_usd: 400 },
        { reporter: 'BBB', partner: 'CCC', year: 2020, flow: 'export', value_usd: 100 },
      ]);
      const r = await computeIndicator(store, 'share', { of: 'partner', flow: 'export' });
      expect(r.rows.find((x) => x.reporter === 'BBB')!.share_pct).toBeCloseTo(25, 10);
      const aaa = r.rows.filter((x) => x.reporter === 'AAA');
      expect(aaa.map((x) => x.share_pct)).toEqual([null, null]);
      expect(r.notes.map((n) => n.message).join(' ')).toMatch(/no world total for AAA 2020/);
      const only = computeIndicator(store, 'share', { of: 'partner', reporter: ['AAA'], flow: 'export' });
      await expect(only).rejects.toThrow(IndicatorError);
      await expect(
        computeIndicator(store, 'share', { of: 'partner', reporter: ['AAA'], flow: 'export' }),
      ).rejects.toThrow(/the sum over the partners present is not the world/);
    } finally {
      store.close();
    }
  });
});
