/**
 * Values the text states for a period ("1998–2013: US$24.873 billion", "over
 * the 12th five-year plan, trade with Russia totalled US$7.25 billion"):
 * - against the sum of the values known for every year of the period (the
 *   table, other tables, the store), a comparison like any other;
 * - for a partner's trade, related to the reporter's trade with the world
 *   over the same years: the share it implies (7.25 / 13.85 = 52%) is held
 *   against the text's share claims for that partner — a claim for a year in
 *   the period (or for no year) that the implied share contradicts is a
 *   warning, one for another year a note beside it; claims of a share of
 *   another total (the province's trade, the province's trade with the
 *   partner) are held against the share of that total over the same years.
 * Ratios to another period ("1.5 times the previous plan") are `ratios.ts`'s.
 */

import type { TextFact } from '../../printed-table.ts';
import { type Evidence, evidence, keyEvidence } from '../evidence-texts.ts';
import type { Finding } from '../findings.ts';
import { type FlowKey, keyStr } from '../flow-key.ts';
import { expectedOf, fmt, fmtRange } from '../format.ts';
import { div, type Interval, mid, overlaps, printedInterval, scaleBy } from '../interval.ts';
import type { AuditContext, CrossCheck, RuleResult } from '../model.ts';
import { ivParam, type Said, said, saying } from '../texts.ts';
import { type PeriodSum, periodSum } from './period-sum.ts';

export async function periodsRule(ctx: AuditContext): Promise<RuleResult> {
  const out: RuleResult = { findings: [], checks: 0, passed: 0, comparisons: [] };
  for (const f of ctx.facts) {
    if (
      f.kind !== 'value' ||
      f.to_year === null ||
      f.year === null ||
      f.value === null ||
      f.trade_mode !== null
    )
      continue;
    const u = await ctx.usdFactor(f.currency, f.year);
    if (!u) continue;
    const claim = scaleBy(ctx.factIv(f), u);
    const mine = f.source_id === ctx.sourceId;
    const sum = periodSum(ctx, ctx.factKey(f, f.year), f.year, f.to_year, `${f.source_id}/${f.fact_id}`);
    if (sum) out.comparisons.push(sumCheck(ctx, f, claim, sum, mine));
    if (mine && f.partner_code !== 'WLD') relateToWorld(ctx, f, claim, out);
  }
  return out;
}

function sumCheck(
  ctx: AuditContext,
  f: TextFact,
  claim: Interval,
  sum: PeriodSum,
  mine: boolean,
): CrossCheck {
  return {
    kind: 'text',
    row: `${f.year}–${f.to_year}`,
    column: `text:${f.fact_id}`,
    printed: f.printed,
    dep: sum.dep === 1,
    report: mine,
    evaluate: (fac) => {
      const v = sum.dep ? scaleBy(sum.iv, fac) : sum.iv;
      const pass =
        f.comparison === 'at-least'
          ? v.hi >= claim.lo
          : f.comparison === 'at-most'
            ? v.lo <= claim.hi
            : overlaps(v, claim);
      return {
        pass,
        expected: v,
        ...saying(
          said('periods.sum', {
            fact: ctx.factLabel(f),
            claim: mid(claim),
            from: f.year,
            to: f.to_year,
            sum: ivParam(v),
            how: sum.how,
          }),
        ),
      };
    },
  };
}

/** A share claim's denominator: its key, and how the paper names it. */
function denominatorOf(ctx: AuditContext, f: TextFact, s: TextFact): { key: FlowKey; label: Evidence } {
  const k = ctx.factKey(f, f.year!);
  const key: FlowKey = {
    ...k,
    reporter: s.in_reporter_code ?? k.reporter,
    partner: s.in_partner_code ?? k.partner,
    flow: s.in_flow ?? k.flow,
    system: s.in_commodity_system ?? k.system,
    code: s.in_commodity_code ?? k.code,
  };
  // the total by what it is, over the years (the paper's own label, `in_label`, is English)
  const label = keyEvidence({ ...key, year: undefined });
  return { key, label };
}

/**
 * The share a partner's period value implies of the reporter's trade with the world over the same years,
 * and of every other total the text's share claims for that partner name (the province's trade), each
 * held against those claims: a claim for a year in the period (or for no year) that the implied share
 * contradicts makes the finding a warning, one for another year is a note beside it.
 */
function relateToWorld(ctx: AuditContext, f: TextFact, claim: Interval, out: RuleResult): void {
  const period = `${f.year}–${f.to_year}`;
  const worldKey: FlowKey = { ...ctx.factKey(f, f.year!), partner: 'WLD' };
  const claims = ctx.facts.filter(
    (s) =>
      s.kind === 'share' &&
      s.source_id === f.source_id &&
      s.value !== null &&
      s.reporter_code === f.reporter_code &&
      s.partner_code === f.partner_code &&
      s.flow === f.flow &&
      s.commodity_code === f.commodity_code &&
      s.trade_mode === null,
  );
  // the world first (the message's subject), then every other total the claims name, in the order of the text
  const groups = new Map<string, { key: FlowKey; label: Evidence; claims: TextFact[] }>();
  groups.set(keyStr(worldKey), {
    key: worldKey,
    label: keyEvidence({ ...worldKey, year: undefined }),
    claims: [],
  });
  for (const s of claims) {
    const d = denominatorOf(ctx, f, s);
    const g = groups.get(keyStr(d.key)) ?? { ...d, claims: [] };
    g.claims.push(s);
    groups.set(keyStr(d.key), g);
  }
  const parts: Said[][] = [];
  let expected: Interval | null = null;
  let contradicted = false;
  for (const [k, g] of groups) {
    const isWorld = k === keyStr(worldKey);
    const sum = periodSum(ctx, g.key, f.year!, f.to_year!);
    if (!sum) {
      if (isWorld) continue;
      const names = g.claims.map((s) =>
        evidence('fact.share-of', { fact: ctx.factLabel(s), printed: s.printed, label: g.label }),
      );
      parts.push([
        said('periods.unrelated', { names, reporter: g.key.reporter, partner: g.key.partner, period }),
      ]);
      continue;
    }
    const implied = scaleBy(div(claim, sum.iv), 100);
    expected ??= implied;
    const notes: Said[] = [];
    for (const s of g.claims) {
      const r = fitsShare(s, implied, f);
      if (r.inPeriod) {
        out.checks++;
        if (r.fits) out.passed++;
        else contradicted = true;
      }
      if (notes.length) notes.push(said('clause.and'));
      notes.push(...r.note);
    }
    const values = {
      fact: ctx.factLabel(f),
      claim: mid(claim),
      partner: f.partner_code,
      reporter: f.reporter_code,
      period,
      share: fmt(mid(implied), 3),
      range: fmtRange(implied),
      label: g.label,
      sum: ivParam(sum.iv),
      how: sum.how,
    };
    const head = said(
      isWorld ? 'periods.world-share' : parts.length ? 'periods.other-share' : 'periods.other-share-lead',
      values,
    );
    parts.push(notes.length ? [head, said('clause.periods-that'), ...notes] : [head]);
  }
  if (!parts.length || expected === null) return;
  const finding: Finding = {
    severity: contradicted ? 'warning' : 'info',
    kind: 'text',
    row: period,
    column: `text:${f.fact_id}`,
    printed: f.printed,
    expected: expectedOf(expected),
    ...saying(
      parts[0][0],
      parts.flatMap((p, i) => (i === 0 ? p.slice(1) : [said('clause.and'), ...p])),
    ),
  };
  out.findings.push(finding);

  function fitsShare(
    s: TextFact,
    implied: Interval,
    v: TextFact,
  ): { fits: boolean; inPeriod: boolean; note: Said[] } {
    const sIv = printedInterval(s.value!, s.decimals ?? 0);
    const inPeriod = s.year === null || (s.year >= v.year! && s.year <= v.to_year!);
    const fits =
      s.comparison === 'at-least'
        ? implied.hi >= sIv.lo
        : s.comparison === 'at-most'
          ? implied.lo <= sIv.hi
          : overlaps(implied, sIv);
    const note = [
      said(fits ? 'clause.periods-fits' : 'clause.periods-misfit', {
        fact: ctx.factLabel(s),
        comparison: s.comparison,
        printed: s.printed,
      }),
      s.year === null
        ? said('clause.periods-no-year')
        : inPeriod
          ? said('clause.periods-year', { year: s.year })
          : said('clause.periods-year-outside', { year: s.year, period }),
    ];
    return { fits, inPeriod, note };
  }
}
