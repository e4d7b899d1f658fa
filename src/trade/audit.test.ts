/**
 * The audit on the seed tables: findings checked by hand (the arithmetic is in
 * the comments), no finding that rounding explains, and the interval
 * arithmetic underneath.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDetail } from './audit/findings.ts';
import {
  AuditError,
  type AuditResult,
  auditSource,
  decimalSlip,
  div,
  type Finding,
  growthPct,
  largestCommon,
  overlaps,
  printedInterval,
  writeAnnotated,
} from './audit.ts';
import { openTradeStore } from './first-use.ts';
import { deleteWideSource } from './importers/wide.ts';
import { insertFlows } from './indicators/fixtures.ts';
import type { Store } from './store.ts';

describe('interval arithmetic', () => {
  it('a printed number stands for ± half a unit of its last digit', () => {
    expect(printedInterval(15.9, 1)).toEqual({ lo: 15.85, hi: 15.950000000000001 });
    const b = printedInterval(3.28, 2, 1e9);
    expect(b.lo).toBeCloseTo(3.275e9, 0);
    expect(b.hi).toBeCloseTo(3.285e9, 0);
  });

  it('growth from two rounded values: 3.81 / 3.28 − 1 lies in [3.805/3.285 − 1, 3.815/3.275 − 1]', () => {
    const g = growthPct(printedInterval(3.81, 2), printedInterval(3.28, 2));
    expect(g.lo).toBeCloseTo((3.805 / 3.285 - 1) * 100, 10);
    expect(g.hi).toBeCloseTo((3.815 / 3.275 - 1) * 100, 10);
  });

  it('division by an interval around zero is unbounded', () => {
    expect(div({ lo: 1, hi: 2 }, { lo: -1, hi: 1 })).toEqual({ lo: -Infinity, hi: Infinity });
  });

  it('a lost decimal point: 159 where 15.9 fits', () => {
    expect(decimalSlip(159, 0, { lo: 15.83, hi: 16.49 })).toEqual({
      text: '15.9',
      what: 'a lost decimal point',
    });
    expect(decimalSlip(6, 0, { lo: 25.9, hi: 26.8 })).toBeNull();
  });

  it('the total most rows agree on', () => {
    const c = largestCommon([
      { lo: 321, hi: 328 },
      { lo: 315, hi: 326 },
      { lo: 1296, hi: 1532 },
      { lo: 310, hi: 333 },
    ]);
    expect(c).toEqual({ lo: 321, hi: 326 });
  });
});

let store: Store;
const audits = new Map<string, AuditResult>();
const audit = async (id: string) => {
  if (!audits.has(id)) audits.set(id, await auditSource(store, id));
  return audits.get(id)!;
};
const find = (r: AuditResult, f: Partial<Finding>) =>
  r.findings.filter((x) =>
    Object.entries(f).every(([k, v]) => (x as unknown as Record<string, unknown>)[k] === v),
  );

beforeAll(async () => {
  store = await openTradeStore(':memory:'); // loads the seed tables (first-use hook)
});
afterAll(() => store?.close());

describe('Song (2019) Table 1: Heilongjiang–Russia trade 2008–2018', () => {
  it('2011: 43.5 + 146.4 = 189.9 and 189.9 / 74.7 − 1 = 154.2% ∈ [153.98, 154.45] meets 154.0 ± 0.05: no finding', async () => {
    const r = await audit('heilongjiang-russia-2008-2018');
    expect(find(r, { row: '2011', column: 'total_volume' })).toEqual([]);
    expect(find(r, { row: '2011', column: 'total_yoy_pct' })).toEqual([]);
    // by hand: [189.85 / 74.75, 189.95 / 74.65] − 1
    const g = growthPct(printedInterval(189.9, 1), printedInterval(74.7, 1));
    expect(overlaps(g, printedInterval(154.0, 1))).toBe(true);
  });

  it('2014: exports 89.3 + imports 143.5 = 232.8 (232.7…232.9), printed total 232.6 — beyond rounding', async () => {
    const r = await audit('heilongjiang-russia-2008-2018');
    const [f] = find(r, { kind: 'components', row: '2014' });
    expect(f).toMatchObject({ severity: 'warning', column: 'total_volume', printed: '232.6' });
    expect(f.expected).toEqual({ value: 232.8, min: 232.7, max: 232.9 });
  });

  it('2016 exports: 17.0 / 20.8 − 1 = −18.3%, printed −27.7%: an error', async () => {
    const r = await audit('heilongjiang-russia-2008-2018');
    const [f] = find(r, { kind: 'growth', row: '2016', column: 'export_yoy_pct' });
    expect(f.severity).toBe('error');
    expect(f.expected!.value).toBeCloseTo((17.0 / 20.8 - 1) * 100, 3);
  });

  it('2013 total: 223.6 / 213.1 − 1 = 4.93%, printed 5.8%: a small discrepancy (warning)', async () => {
    const r = await audit('heilongjiang-russia-2008-2018');
    expect(find(r, { kind: 'growth', row: '2013', column: 'total_yoy_pct' })[0].severity).toBe('warning');
  });

  it('"million US dollars" is a scale slip: 110.6 million would be 0.48% of the province’s US$22.9 billion, not 48.3%; at ×100 it is', async () => {
    const r = await audit('heilongjiang-russia-2008-2018');
    const [s] = find(r, { kind: 'scale', severity: 'error' });
    expect(s.printed).toBe('million US dollars');
    expect(s.expected!.value).toBe(1e8);
    expect(s.message).toMatch(/hundreds of millions .*×100.*the spec corrects the unit/);
    // by hand: 110.6e6 / 22.9e9 = 0.483%; 110.6e8 / 22.9e9 = 48.3%
    expect((110.6e6 / 22.9e9) * 100).toBeCloseTo(0.483, 3);
    expect((110.6e8 / 22.9e9) * 100).toBeCloseTo(48.3, 1);
    expect(
      s.details!.some((d) =>
        /2008 share_of_province_trade_pct: printed 48.3% .*0\.483%/.test(formatDetail(d)),
      ),
    ).toBe(true);
    // and Heihe's own US$580 million of trade with Russia in 2016 exceeds the printed 91.9 "million"
    expect(
      s.details!.some((d) =>
        /Heihe's trade with Russia in 2016, US\$580 million .* exceeds Heilongjiang's trade with Russia in 2016, US\$91\.9 million/.test(
          formatDetail(d),
        ),
      ),
    ).toBe(true);
  });

  it('audited as corrected, the scale finding is gone and the growth findings stay', async () => {
    const r = await auditSource(store, 'heilongjiang-russia-2008-2018', { variant: 'as-corrected' });
    expect(find(r, { kind: 'scale' })).toEqual([]);
    expect(find(r, { kind: 'growth', row: '2016', column: 'export_yoy_pct' })).toHaveLength(1);
  });
});

describe('against other sources in the store', () => {
  it('a province total from an imported source (not a paper) joins the evidence on the unit', async () => {
    const other = await openTradeStore(':memory:');
    try {
      // 213.1 × 10^8 / 56.3% = US$37.85 billion: consistent with the table in hundreds of millions, not in millions
      await insertFlows(other, [
        {
          source_id: 'yearbook',
          reporter: 'CN-HL',
          partner: 'WLD',
          year: 2012,
          flow: 'total',
          value_usd: 37.85e9,
        },
      ]);
      const r = await auditSource(other, 'heilongjiang-russia-2008-2018');
      const [s] = find(r, { kind: 'scale', severity: 'error' });
      expect(
        s.details!.some((d) =>
          /^2012 share_of_province_trade_pct: .*US\$37\.85 billion \(\[yearbook\]\)/.test(formatDetail(d)),
        ),
      ).toBe(true);
      expect(find(r, { kind: 'share', row: '2012' })).toEqual([]);
    } finally {
      other.close();
    }
  });
});

describe('figures the text gives for a period', () => {
  it("relates Heihe's US$7.25 billion with Russia over the 12th plan to Table 1's five-year US$13.85 billion and to the text's share claims", async () => {
    const r = await audit('heihe-foreign-trade-2011-2015');
    const [f] = find(r, {
      kind: 'text',
      row: '2011–2015',
      column: 'text:heihe-russia-trade-12th-plan',
      printed: '7.25',
    });
    // 7.25 / (3.28 + 3.81 + 4.19 + 1.78 + 0.79) = 7.25 / 13.85 = 52.3%; 7.245 / 13.875 … 7.255 / 13.825 = 52.2…52.5%
    expect(f.expected!.value).toBeCloseTo(52.35, 1);
    expect(f.expected!.min).toBeCloseTo(52.22, 2);
    expect(f.expected!.max).toBeCloseTo(52.48, 2);
    expect(f.message).toMatch(/US\$13\.85 billion/);
    expect(f.message).toMatch(
      /does not fit the text \[heihe-russia-trade-2016\]: 95% for 2016, outside 2011–2015/,
    );
    // the province's trade with Russia over 2011–2015, from the Heilongjiang table's 10^8 dollars:
    // 189.9 + 213.1 + 223.6 + 232.6 + 108.5 = 967.7 → 7.25 / 96.77 = 7.49%, held against "1/3" in 1993
    expect(f.message).toMatch(
      /it is 7\.49% \(7\.48…7\.5%\) of Heilongjiang's trade with Russia over 2011–2015, US\$96\.77 billion/,
    );
    expect(f.message).toMatch(
      /does not fit the text \[heihe-russia-trade-1993\]: 33% for 1993, outside 2011–2015/,
    );
    // the province's trade with the world, from its Russia trade and printed shares: 7.25 / 177.4 = 4.09%,
    // against "more than 90 percent of Heilongjiang's foreign trade" (no year: a contradiction, so a warning)
    expect(f.message).toMatch(
      /it is 4\.09% \(4\.08…4\.09%\) of Heilongjiang's trade with the world over 2011–2015/,
    );
    expect(f.message).toMatch(/does not fit the text \[heihe-share-of-province\]: at-least 90% with no year/);
    expect(f.severity).toBe('warning');
  });

  it('"1.5 times that of the previous five-year plan": 2006–2010 is 7.25 / 1.5 = US$4.83 billion (4.67…5.00), unchecked without 2006–2010 values', async () => {
    const r = await audit('heihe-foreign-trade-2011-2015');
    const [f] = find(r, { kind: 'text', row: '2011–2015', printed: '1.5' });
    expect(f.column).toBe('text:heihe-russia-trade-12th-plan');
    expect(f.severity).toBe('info');
    // 7.245 / 1.55 = 4.674, 7.255 / 1.45 = 5.003
    expect(f.message).toMatch(
      /is 1\.5 times that of 2006–2010, which makes 2006–2010 US\$4\.833 billion \(US\$4\.674 billion…US\$5\.003 billion\)/,
    );
    expect(f.message).toMatch(/so the ratio itself cannot be checked/);
    // a part of the text's 1998–2013 total
    expect(f.message).toMatch(
      /within US\$24\.87 billion for 1998–2013 \(the text \[heihe-russia-trade-1998-2013\]\)/,
    );
  });

  it('the ratio against 2006–2010 values in the store: consistent at 4.8, a warning at 6.0', async () => {
    const other = await openTradeStore(':memory:');
    try {
      const years = [2006, 2007, 2008, 2009, 2010];
      await insertFlows(
        other,
        years.map((year) => ({
          source_id: 'yearbook',
          reporter: 'CN-HL-HEIHE',
          reporter_level: 'city',
          partner: 'RUS',
          year,
          flow: 'total',
          value_usd: 0.96e9,
        })),
      );
      const r = await auditSource(other, 'heihe-foreign-trade-2011-2015');
      const [ok] = find(r, { kind: 'text', row: '2011–2015', printed: '1.5' });
      // 7.25 / 4.8 = 1.51 (7.245 / 4.8 … 7.255 / 4.8 = 1.509…1.511), within 1.45…1.55
      expect(ok.severity).toBe('info');
      expect(ok.message).toMatch(/2006–2010 is US\$4\.8 billion .*a ratio of 1\.51 .*: consistent/);
      const before = r.summary.passed;
      await other.run("UPDATE flows SET value_usd = 1.2e9 WHERE source_id = 'yearbook'");
      const r2 = await auditSource(other, 'heihe-foreign-trade-2011-2015');
      const [bad] = find(r2, { kind: 'text', row: '2011–2015', printed: '1.5' });
      // 7.25 / 6.0 = 1.21
      expect(bad.severity).toBe('warning');
      expect(bad.message).toMatch(/a ratio of 1\.21 .*: not 1\.5/);
      expect(r2.summary.passed).toBe(before - 1);
    } finally {
      other.close();
    }
  });

  it('a period total against the sum of its years, and a claim in the period that the implied share contradicts', async () => {
    const other = await openTradeStore(':memory:');
    try {
      // Heihe's trade with Russia 2011–2015 from a yearbook: 1.3 + 1.5 + 1.6 + 1.9 + 0.95 = 7.25
      const years = [2011, 2012, 2013, 2014, 2015];
      const values = [1.3e9, 1.5e9, 1.6e9, 1.9e9, 0.95e9];
      await insertFlows(
        other,
        years.map((year, i) => ({
          source_id: 'yearbook',
          reporter: 'CN-HL-HEIHE',
          reporter_level: 'city',
          partner: 'RUS',
          year,
          flow: 'total',
          value_usd: values[i],
        })),
      );
      const r = await auditSource(other, 'heihe-foreign-trade-2011-2015');
      expect(
        find(r, { kind: 'text', column: 'text:heihe-russia-trade-12th-plan', severity: 'warning' }).filter(
          (x) => /the years add up/.test(x.message),
        ),
      ).toEqual([]);
      const before = r.summary.passed;
      await other.run("UPDATE flows SET value_usd = 3e9 WHERE source_id = 'yearbook' AND year = 2014");
      const r2 = await auditSource(other, 'heihe-foreign-trade-2011-2015');
      const [sum] = find(r2, { kind: 'text', row: '2011–2015', severity: 'warning' }).filter((x) =>
        /the years add up/.test(x.message),
      );
      expect(sum.message).toMatch(
        /gives US\$7\.25 billion for 2011–2015; the years add up to US\$8\.35 billion/,
      );
      expect(r2.summary.passed).toBe(before - 1);
    } finally {
      other.close();
    }
  });
});

describe('a share the text gives for a group of partners', () => {
  it("Da Zhigang's 'Russia, Japan and the ROK … more than 60%': unchecked without Japan and the ROK, Russia alone a lower bound", async () => {
    const r = await audit('heilongjiang-russia-2008-2018');
    const [f] = find(r, { column: 'text:hlj-russia-japan-rok-share' });
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(
      /nothing in the table, the texts or the store gives Heilongjiang's trade with Japan, Republic of Korea, so the share cannot be checked/,
    );
    // Russia's printed shares of the province's trade: 29.3% (2010) … 69.8% (2018)
    expect(f.message).toMatch(
      /Russia alone is from 29\.3% \(2010\) to 69\.8% \(2018\) of Heilongjiang's trade with the world/,
    );
  });

  it('checked for a year the store holds Japan and the ROK: 48.3% + 2.0 / 22.9 + 1.0 / 22.9 = 61.4% fits; with 0.5 and 0.3 it is 51.8%', async () => {
    const other = await openTradeStore(':memory:');
    try {
      const flow = (partner: string, value_usd: number) => ({
        source_id: 'customs',
        reporter: 'CN-HL',
        partner,
        year: 2008,
        flow: 'total' as const,
        value_usd,
      });
      await insertFlows(other, [flow('JPN', 2.0e9), flow('KOR', 1.0e9)]);
      const r = await auditSource(other, 'heilongjiang-russia-2008-2018');
      const [f] = find(r, { column: 'text:hlj-russia-japan-rok-share' });
      // Russia 48.3% (Table 1's share column) + 2.0 / 22.9 (Da Zhigang's 2008 total) + 1.0 / 22.9 = 48.3 + 8.73 + 4.37
      expect(f.message).toMatch(/2008: 61\.4% \(61\.[23]…61\.[56]%\), fits/);
      const before = r.summary.passed;
      await other.run(
        "UPDATE flows SET value_usd = value_usd / 4 WHERE source_id = 'customs' AND partner_code = 'JPN'",
      );
      await other.run(
        "UPDATE flows SET value_usd = 0.3e9 WHERE source_id = 'customs' AND partner_code = 'KOR'",
      );
      const r2 = await auditSource(other, 'heilongjiang-russia-2008-2018');
      const [g] = find(r2, { column: 'text:hlj-russia-japan-rok-share' });
      expect(g.message).toMatch(/2008: 51\.8% .*does not fit/);
      expect(r2.summary.passed).toBe(before - 1);
    } finally {
      other.close();
    }
  });
});

describe('figures of the text that nothing checks', () => {
  it("Da Zhigang's 1978 and 2006 totals and Diao's 2020 China–Russia trade are said to be unchecked; a store with China–Russia 2020 checks Diao's", async () => {
    const r = await audit('heilongjiang-russia-2008-2018');
    const unchecked = find(r, { kind: 'unchecked', column: 'text:china-russia-trade-2020' });
    expect(unchecked).toHaveLength(1);
    expect(unchecked[0].code).toBe('text.value-unchecked');
    expect(unchecked[0].message).toMatch(
      /gives US\$107\.8 billion \(China – Russia, trade, 2020\): nothing in the table, the other tables and texts or the store gives that flow for 2020/,
    );
    expect(
      find(r, { kind: 'unchecked', column: 'text:hlj-foreign-trade-1978-2006' }).map((f) => f.row),
    ).toEqual(['1978', '2006']);
    // the 2008 total is checked (against the province total Song's shares imply), so not listed
    expect(find(r, { kind: 'unchecked', column: 'text:hlj-foreign-trade-2008' })).toEqual([]);
    const other = await openTradeStore(':memory:');
    try {
      await insertFlows(other, [
        {
          source_id: 'customs',
          reporter: 'CHN',
          partner: 'RUS',
          year: 2020,
          flow: 'total',
          value_usd: 107.765e9,
        },
      ]);
      const r2 = await auditSource(other, 'heilongjiang-russia-2008-2018');
      expect(find(r2, { column: 'text:china-russia-trade-2020' })).toEqual([]);
      expect(r2.summary.checks).toBe(r.summary.checks + 1);
    } finally {
      other.close();
    }
  });
});

describe('gaps against an outside total that revisions explain', () => {
  it('a share 0.2–0.3 pp off customs totals is a warning that says so; a gap of 21 pp stays an error', async () => {
    const other = await openTradeStore(':memory:');
    try {
      // 2017: 110.9 × 10^8 = US$11.09 billion; at US$19.022 billion it is 58.3% (printed 58.1)
      // 2018: 181.9 × 10^8 = US$18.19 billion; at US$26.17 billion it is 69.5% (printed 69.8)
      // 2016: 91.9 × 10^8 = US$9.19 billion; at US$12 billion it is 76.6% (printed 55.6: 21 pp, beyond 2 pp and 10%)
      await insertFlows(other, [
        {
          source_id: 'customs',
          reporter: 'CN-HL',
          partner: 'WLD',
          year: 2017,
          flow: 'total',
          value_usd: 19.022e9,
        },
        {
          source_id: 'customs',
          reporter: 'CN-HL',
          partner: 'WLD',
          year: 2018,
          flow: 'total',
          value_usd: 26.17e9,
        },
        {
          source_id: 'customs',
          reporter: 'CN-HL',
          partner: 'WLD',
          year: 2016,
          flow: 'total',
          value_usd: 12e9,
        },
      ]);
      const r = await auditSource(other, 'heilongjiang-russia-2008-2018', { variant: 'as-corrected' });
      for (const year of ['2017', '2018']) {
        const [f] = find(r, { kind: 'share', row: year, column: 'share_of_province_trade_pct' });
        expect(f.severity).toBe('warning');
        expect(f.message).toMatch(/revised or unrounded figures/);
      }
      const [big] = find(r, { kind: 'share', row: '2016', column: 'share_of_province_trade_pct' });
      expect(big.severity).toBe('error');
      expect(big.message).not.toMatch(/revised/);
    } finally {
      other.close();
    }
  });
});

describe('Heihe Table 1: foreign trade 2011–2015', () => {
  it('2012 total growth printed "159" is 15.9 with a lost decimal point (3.81 / 3.28 − 1 = 16.2%, 15.8…16.5%)', async () => {
    const r = await audit('heihe-foreign-trade-2011-2015');
    const [f] = find(r, { kind: 'growth', row: '2012', column: 'total_growth_pct' });
    expect(f).toMatchObject({ severity: 'error', printed: '159' });
    expect(f.expected!.min).toBeCloseTo(15.83, 2);
    expect(f.expected!.max).toBeCloseTo(16.49, 2);
    expect(f.message).toContain('15.9 fits: a lost decimal point (the spec corrects it to 15.9)');
  });

  it('2012 exports: 2.52 / 2.45 − 1 = 2.9%, printed 3 (2.5…3.5): rounding, no finding', async () => {
    const r = await audit('heihe-foreign-trade-2011-2015');
    expect(find(r, { row: '2012', column: 'export_growth_pct' })).toEqual([]);
    expect(find(r, { row: '2012', column: 'total_volume' })).toEqual([]); // 1.28 + 2.52 = 3.80 vs 3.81: within rounding
  });

  it('the billions agree with the text: 2013 = US$4.19 billion, and 2015’s 0.79 with 2016’s US$610 million down 23.16%', async () => {
    const r = await audit('heihe-foreign-trade-2011-2015');
    expect(
      r.findings.filter((f) => f.column === 'text:heihe-trade-2013' || f.column === 'text:heihe-trade-2016'),
    ).toEqual([]);
    expect(find(r, { kind: 'scale' })).toEqual([]);
    // by hand: 610 / (1 − 0.2316) = 793.9 million, inside 0.79 ± 0.005 billion
    expect(610 / (1 - 0.2316)).toBeGreaterThan(785);
    expect(610 / (1 - 0.2316)).toBeLessThan(795);
  });

  it('"more than 90 percent of Heilongjiang’s foreign trade" does not hold: US$580 million of US$16.5 billion is 3.5%', async () => {
    const r = await audit('heihe-foreign-trade-2011-2015');
    const [f] = find(r, { column: 'text:heihe-share-of-province' });
    expect(f.severity).toBe('warning');
    // 91.9e8 / 0.556 = 16.53 billion (the province's trade implied by Song's corrected table); 580e6 / 16.53e9
    expect(f.expected!.value).toBeCloseTo((580e6 / (91.9e8 / 0.556)) * 100, 1);
  });
});

describe('Heihe Table 2: top ten exports 2016', () => {
  it('the ten ratios add up to 109% (at least 104% at the bottom of their rounding): overlapping categories', async () => {
    const r = await audit('heihe-top-exports-2016');
    const [f] = find(r, { kind: 'shares-over-100' });
    expect(f).toMatchObject({ severity: 'warning', column: 'ratio_pct', printed: '109' });
    expect(55 + 28 + 9 + 8 + 2 + 2 + 2 + 1 + 1 + 1).toBe(109);
  });

  it('every ratio fits the city’s 2016 exports: US$0.46 billion in 2015 less 37.57% = 284…290 million', async () => {
    const r = await audit('heihe-top-exports-2016');
    expect(find(r, { kind: 'share' })).toEqual([]);
    // Clothing 159.66 / 287.2 = 55.6%, printed 55 (54.5…55.5): the intervals meet at the bottom of the total
    expect((159.66 / (465 * (1 - 0.37565))) * 100).toBeLessThan(55.5);
  });

  it('rubber tyres: the text says US$26.8 million, the table 2.68 — and the table’s own 1% fits 2.68, not 26.8 (9.3%)', async () => {
    const r = await audit('heihe-top-exports-2016');
    const [f] = find(r, { kind: 'text', row: 'Rubber Tire' });
    expect(f).toMatchObject({ severity: 'warning', column: 'value', printed: '2.68' });
    expect(f.message).toMatch(/a factor of 10/);
    expect(f.message).toMatch(/share fits 2\.68, not the text's figure \(9\.3%\)/);
  });

  it('the values add up to more than the exports: 318.87 > 290.3', async () => {
    const r = await audit('heihe-top-exports-2016');
    expect(find(r, { kind: 'parts-exceed-total' })[0].printed).toBe('318.87');
  });
});

describe('Heihe Table 3: main imports 2016', () => {
  it('"Grain 84.24 … ratio 6": 84.24 is 26% of the city’s imports (0.33 billion less 3.2% ≈ 319 million)', async () => {
    const r = await audit('heihe-top-imports-2016');
    const [f] = find(r, { kind: 'share', row: 'Grain' });
    expect(f).toMatchObject({ severity: 'error', column: 'ratio_pct', printed: '6' });
    expect(f.expected!.min).toBeGreaterThan(25.5);
    expect(f.expected!.max).toBeLessThan(27);
    expect(f.message).toContain('the spec corrects it to 26');
    // by hand: 84.24 / (330 × 0.968) = 26.4%
    expect((84.24 / (330 * 0.968)) * 100).toBeCloseTo(26.37, 1);
  });

  it('iron ore and pulp: the text’s 2.82 and 3.23 against the table’s 2.63 and 3.28', async () => {
    const r = await audit('heihe-top-imports-2016');
    expect(find(r, { kind: 'text', row: 'Iron Ore' })[0].expected!.value).toBe(2.82);
    expect(find(r, { kind: 'text', row: 'Pulp' })[0].expected!.value).toBe(3.23);
    // electricity, agricultural products, timber, grain and oil agree with the text
    for (const row of [
      'Electricity Product',
      'Agricultural and Sideline Products',
      'Timber',
      'Edible Vegetable Oil',
    ])
      expect(find(r, { row })).toEqual([]);
  });
});

describe('without the city’s totals in the store', () => {
  it('Grain is still caught: its ratio disagrees with the total the other rows agree on (321…326 million)', async () => {
    const alone = await openTradeStore(':memory:');
    try {
      await deleteWideSource(alone, 'heihe-foreign-trade-2011-2015');
      const r = await auditSource(alone, 'heihe-top-imports-2016');
      const [f] = find(r, { kind: 'share', row: 'Grain' });
      expect(f.severity).toBe('error');
      expect(f.message).toMatch(/the total the other rows' values and shares agree on/);
      // electricity 155.83 / [47.5, 48.5]% ∩ agricultural 92.92 / [28.5, 29.5]% ∩ timber 44.98 / [13.5, 14.5]% …
      expect(f.expected!.min).toBeGreaterThan(25.5);
      expect(find(r, { kind: 'share' })).toHaveLength(1);
    } finally {
      alone.close();
    }
  });
});

describe('no finding that rounding explains', () => {
  it('for every finding with an expected interval, the printed number’s own interval misses it', async () => {
    for (const id of [
      'heilongjiang-russia-2008-2018',
      'heihe-foreign-trade-2011-2015',
      'heihe-top-exports-2016',
      'heihe-top-imports-2016',
    ]) {
      const r = await audit(id);
      for (const f of r.findings) {
        if (!['growth', 'components', 'share'].includes(f.kind) || !f.expected || f.printed === null)
          continue;
        const decimals = f.printed.includes('.') ? f.printed.split('.')[1].length : 0;
        const printed = printedInterval(Number(f.printed), decimals);
        expect(
          overlaps(printed, { lo: f.expected.min, hi: f.expected.max }),
          `${id} ${f.row} ${f.column}`,
        ).toBe(false);
      }
    }
  });
});

describe('refusals and outputs', () => {
  it('refuses an unknown source and one imported without a spec', async () => {
    await expect(auditSource(store, 'nope')).rejects.toThrow(
      /no source "nope" in the store \(tables with a spec: /,
    );
    await insertFlows(store, [
      { source_id: 'plain', reporter: 'CHN', year: 2020, flow: 'export', value_usd: 1 },
    ]);
    await expect(auditSource(store, 'plain')).rejects.toThrow(AuditError);
    await expect(auditSource(store, 'plain')).rejects.toThrow(/was not imported with a spec/);
  });

  it('writes annotated CSV and XLSX copies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-audit-'));
    try {
      const r = await audit('heihe-top-imports-2016');
      await writeAnnotated(store, r, join(dir, 'a.csv'));
      const csv = readFileSync(join(dir, 'a.csv'), 'utf8').split('\n');
      expect(csv[0]).toBe('rank,product,value,yoy_pct,ratio_pct,audit');
      expect(csv[3]).toMatch(/^3,Grain,84\.24,-6,6,"E share ratio_pct: printed 6%/);
      expect(csv.some((l) => l.startsWith('(whole table),') && l.includes('parts-exceed-total'))).toBe(true);
      await writeAnnotated(store, r, join(dir, 'a.xlsx'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, 'a.xlsx'));
      const cell = wb.getWorksheet('table')!.getRow(4).getCell(5);
      expect(cell.value).toBe(6);
      expect((cell.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFF4B6B6');
      expect(String(cell.note)).toContain('printed 6%');
      expect(wb.getWorksheet('findings')!.rowCount).toBe(r.findings.length + 1);
      await expect(writeAnnotated(store, r, join(dir, 'a.txt'))).rejects.toThrow(/\.csv or \.xlsx/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
