/**
 * A period stated as a multiple of another ("Heihe's trade with Russia is 1.5
 * times that of the previous five-year plan, totaling $7.25 billion"): the
 * value of the period (a value claim for exactly that period, else the sum of
 * its years) divided by the multiple gives the other period's value, with
 * the interval the printed precision allows (7.25 / 1.5 = 4.83, 4.67…5.00).
 * Where something gives the other period's value (a claim, the sum of its
 * years) the ratio is checked (a warning when they do not meet); where
 * nothing does, the finding says so and states the implied value, held
 * against the text's values for longer periods that contain it (a part is no
 * larger than its whole).
 */

import type { TextFact } from '../../printed-table.ts';
import type { Evidence } from '../evidence-texts.ts';
import type { Finding } from '../findings.ts';
import type { FlowKey } from '../flow-key.ts';
import { expectedOf, fmt, fmtRange } from '../format.ts';
import { div, type Interval, mid, overlaps } from '../interval.ts';
import type { AuditContext, RuleResult } from '../model.ts';
import { type Said, said, saying } from '../texts.ts';
import { claimUsd, enclosingClaims, periodClaims, periodSum } from './period-sum.ts';

export async function ratiosRule(ctx: AuditContext): Promise<RuleResult> {
  const out: RuleResult = { findings: [], checks: 0, passed: 0, comparisons: [] };
  for (const f of ctx.facts) {
    if (
      f.kind !== 'ratio' ||
      f.source_id !== ctx.sourceId ||
      f.value === null ||
      f.year === null ||
      f.of_year === null ||
      f.trade_mode !== null
    )
      continue;
    const finding = await ratioFinding(ctx, f, out);
    if (finding) out.findings.push(finding);
  }
  return out;
}

const span = (from: number, to: number) => (from === to ? String(from) : `${from}–${to}`);

/** A period's value in US dollars: a text's claim for exactly that period, else the sum of its years. */
async function periodValue(
  ctx: AuditContext,
  key: FlowKey,
  from: number,
  to: number,
): Promise<{ iv: Interval; how: Evidence } | null> {
  for (const c of periodClaims(ctx, key, from, to)) {
    const iv = await claimUsd(ctx, c);
    if (iv) return { iv, how: ctx.factLabel(c) };
  }
  const sum = periodSum(ctx, key, from, to);
  return sum ? { iv: sum.iv, how: sum.how } : null;
}

async function ratioFinding(ctx: AuditContext, f: TextFact, out: RuleResult): Promise<Finding | null> {
  const to = f.to_year ?? f.year!;
  const ofTo = f.of_to_year ?? f.of_year!;
  const key = ctx.factKey(f, f.year!);
  const ratio = ctx.factIv(f);
  const period = span(f.year!, to);
  const other = span(f.of_year!, ofTo);
  const cur = await periodValue(ctx, key, f.year!, to);
  const flow = { reporter: key.reporter, partner: key.partner };
  const where = { kind: 'text' as const, row: period, column: `text:${f.fact_id}`, printed: f.printed };
  if (!cur)
    return {
      ...where,
      severity: 'info',
      kind: 'unchecked',
      expected: null,
      ...saying(
        said('ratio.unrelated', { fact: ctx.factLabel(f), printed: f.printed, other, ...flow, period }),
      ),
    };
  const implied = div(cur.iv, ratio);
  const point = mid(cur.iv) / f.value!;
  const head = said(cur.how.params.fact === f.fact_id ? 'ratio.head' : 'ratio.head-how', {
    fact: ctx.factLabel(f),
    ...flow,
    period,
    value: mid(cur.iv),
    how: cur.how,
    printed: f.printed,
    other,
    implied: point,
    low: implied.lo,
    high: implied.hi,
  });
  const prev = await periodValue(ctx, key, f.of_year!, ofTo);
  if (prev) {
    const r = div(cur.iv, prev.iv);
    const fits = overlaps(r, ratio);
    out.checks++;
    if (fits) out.passed++;
    return {
      ...where,
      severity: fits ? 'info' : 'warning',
      expected: expectedOf(r),
      ...saying(head, [
        said(fits ? 'clause.ratio-consistent' : 'clause.ratio-inconsistent', {
          other,
          value: mid(prev.iv),
          how: prev.how,
          ratio: fmt(mid(r), 3),
          range: fmtRange(r),
          printed: f.printed,
        }),
      ]),
    };
  }
  // no value for the other period: the parts-of-a-whole relations the texts allow
  const notes: Said[] = [];
  let contradicted = false;
  for (const w of enclosingClaims(ctx, key, f.of_year!, ofTo)) {
    const wIv = await claimUsd(ctx, w);
    if (!wIv) continue;
    // the other period alone, and the two periods together when the whole contains both
    const both = w.year! <= Math.min(f.year!, f.of_year!) && w.to_year! >= Math.max(to, ofTo);
    const part = both ? { lo: implied.lo + cur.iv.lo, hi: implied.hi + cur.iv.hi } : implied;
    const fits = part.lo <= wIv.hi;
    out.checks++;
    if (fits) out.passed++;
    else contradicted = true;
    if (notes.length) notes.push(said('clause.and'));
    notes.push(
      said(fits ? 'clause.ratio-within' : 'clause.ratio-more-than', {
        whole: mid(wIv),
        span: span(w.year!, w.to_year!),
        fact: ctx.factLabel(w),
      }),
    );
    if (both) notes.push(said('clause.ratio-together', { period }));
  }
  return {
    ...where,
    severity: contradicted ? 'warning' : 'info',
    // the implied value is in the message: `expected` is in the printed number's unit (a ratio)
    expected: null,
    ...saying(head, [
      said('clause.ratio-unchecked', { ...flow, other }),
      ...(notes.length ? [said('clause.ratio-implied', { other }), ...notes] : []),
    ]),
  };
}
