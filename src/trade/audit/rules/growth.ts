/**
 * Printed year-on-year growth rates against the values they follow from (the
 * previous year from the table, another source or the text). Error when off
 * by more than 2 percentage points and 10% of the rate, or when a shifted
 * decimal point explains it; warning otherwise. Rates nothing can check are
 * listed as `unchecked` notes.
 */

import type { Evidence } from '../evidence-texts.ts';
import type { Finding, Severity } from '../findings.ts';
import { keyStr } from '../flow-key.ts';
import { expectedOf, fmt, fmtRange } from '../format.ts';
import {
  decimalSlip,
  growthPct,
  type Interval,
  mid,
  overlaps,
  point,
  printedInterval,
  scaleBy,
} from '../interval.ts';
import type { AuditContext, CrossCheck, RuleResult } from '../model.ts';
import { ivParam, type Said, said, saying } from '../texts.ts';

export async function growthRule(ctx: AuditContext): Promise<RuleResult> {
  const { cells, valueByKey, knownByKey, usdFactor, cellAt, cellKey, cellIv, correction } = ctx;
  const findings: Finding[] = [];
  const cross: CrossCheck[] = [];
  let checks = 0;
  let passed = 0;
  const unchecked = new Map<string, { n: number; years: Set<number>; column: string }>();
  for (const g of cells.filter((c) => c.role === 'growth' && c.value !== null)) {
    const cur = cellAt(g.row_key, g.of_column!);
    if (!cur || cur.value === null) continue;
    const k = cellKey(cur);
    const prevKey = keyStr({ ...k, year: k.year - 1 });
    const prevCell = valueByKey.get(prevKey);
    let prevIv: Interval | null = null;
    let prevHow = '';
    let prevKnown: { iv: Interval; how: Evidence } | null = null;
    let curIv = cellIv(cur, false);
    if (prevCell) {
      prevIv = cellIv(prevCell, false);
      prevHow = `${prevCell.printed}`;
    } else {
      const ext = (knownByKey.get(prevKey) ?? []).find(
        (x) =>
          x.dep === 0 &&
          x.currency === 'USD' &&
          Number.isFinite(x.iv.lo) &&
          Number.isFinite(x.iv.hi) &&
          x.iv.lo > 0,
      );
      const u = await usdFactor(cur.currency, cur.year);
      if (ext && u) {
        prevIv = ext.iv;
        curIv = scaleBy(cellIv(cur), u);
        prevKnown = ext;
      }
    }
    if (!prevIv) {
      const u = unchecked.get(g.column_name) ?? { n: 0, years: new Set<number>(), column: g.column_name };
      u.n++;
      u.years.add(k.year - 1);
      unchecked.set(g.column_name, u);
      continue;
    }
    checks++;
    const exp = growthPct(curIv, prevIv);
    const est = growthPct(point(mid(curIv)), point(mid(prevIv))).lo;
    const pr = printedInterval(g.value!, g.decimals ?? 0);
    if (overlaps(exp, pr)) {
      passed++;
      continue;
    }
    const slip = decimalSlip(g.value!, g.decimals ?? 0, exp);
    const diff = Math.abs(g.value! - est);
    const severity: Severity = slip || (diff > 2 && diff > 0.1 * Math.abs(est)) ? 'error' : 'warning';
    const estimate = { printed: g.printed, estimate: fmt(est, 3), range: fmtRange(exp) };
    const main =
      prevCell || !prevKnown
        ? said('growth.mismatch', { ...estimate, from: `${cur.printed} / ${prevHow} − 1` })
        : said('growth.mismatch-known', {
            ...estimate,
            current: cur.printed,
            previous: ivParam(prevKnown.iv),
            how: prevKnown.how,
          });
    const clauses: Said[] = slip
      ? [said('clause.decimal-slip', { fits: slip.text, what: slip.what })]
      : severity === 'warning'
        ? [said('clause.small-gap')]
        : [];
    clauses.push(...correction(g.row_key, g.column_name));
    findings.push({
      severity,
      kind: 'growth',
      row: g.row_key,
      column: g.column_name,
      printed: g.printed,
      expected: expectedOf(exp, est),
      ...saying(main, clauses),
    });
  }
  for (const u of unchecked.values()) {
    findings.push({
      severity: 'info',
      kind: 'unchecked',
      row: null,
      column: u.column,
      printed: null,
      expected: null,
      ...saying(
        said('growth.unchecked', {
          count: u.n,
          s: u.n > 1 ? 's' : '',
          years: [...u.years].sort().join(', '),
          ys: u.years.size > 1 ? 's' : '',
        }),
      ),
    });
  }

  return { findings, checks, passed, comparisons: cross };
}
