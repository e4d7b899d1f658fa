/**
 * Values the text states for a period ("1998–2013: US$24.873 billion", "over
 * the 12th five-year plan, trade with Russia totalled US$7.25 billion"):
 * - against the sum of the values known for every year of the period (the
 *   table, other tables, the store), a comparison like any other;
 * - for a partner's trade, related to the reporter's trade with the world
 *   over the same years: the share it implies (7.25 / 13.85 = 52%) is held
 *   against the text's share claims for that partner — a claim for a year in
 *   the period (or for no year) that the implied share contradicts is a
 *   warning, one for another year a note beside it.
 */
import type { TextFact } from '../../printed-table.ts';
import type { Finding } from '../findings.ts';
import { type FlowKey, keyStr } from '../flow-key.ts';
import { expectedOf, fmt, fmtMoney, fmtMoneyIv, fmtRange } from '../format.ts';
import { add, div, type Interval, mid, overlaps, point, printedInterval, scaleBy } from '../interval.ts';
import type { AuditContext, CrossCheck, Known, RuleResult } from '../model.ts';

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

interface PeriodSum {
  iv: Interval;
  dep: 0 | 1;
  how: string;
}

/** The sum over year..to — from one kind of evidence per year, all of the table's own when it has them. */
function periodSum(
  ctx: AuditContext,
  key: FlowKey,
  from: number,
  to: number,
  fid?: string,
): PeriodSum | null {
  let iv = point(0);
  let dep: 0 | 1 = 0;
  const parts: string[] = [];
  for (let y = from; y <= to; y++) {
    const all = (ctx.knownByKey.get(keyStr({ ...key, year: y })) ?? []).filter(
      (k) => k.currency === 'USD' && (!fid || !k.facts.includes(fid)) && k.origin !== 'implied-prior',
    );
    const k: Known | undefined = all.find((x) => x.cell) ?? all.find((x) => x.origin === 'store') ?? all[0];
    if (!k || !Number.isFinite(k.iv.lo) || !Number.isFinite(k.iv.hi)) return null;
    iv = add(iv, k.iv);
    if (k.dep) dep = 1;
    parts.push(k.cell ? k.cell.printed : fmtMoneyIv(k.iv));
  }
  return { iv, dep, how: `${parts.join(' + ')} (${from}–${to})` };
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
        message: `${ctx.factLabel(f)} gives ${fmtMoney(mid(claim))} for ${f.year}–${f.to_year}; the years add up to ${fmtMoneyIv(v)} (${sum.how})`,
      };
    },
  };
}

/** The share of the world a partner's period value implies, against the text's share claims for that partner. */
function relateToWorld(ctx: AuditContext, f: TextFact, claim: Interval, out: RuleResult): void {
  const worldKey: FlowKey = { ...ctx.factKey(f, f.year!), partner: 'WLD' };
  const world = periodSum(ctx, worldKey, f.year!, f.to_year!);
  if (!world) return;
  const implied = scaleBy(div(claim, world.iv), 100);
  const period = `${f.year}–${f.to_year}`;
  const base = `${ctx.factLabel(f)}: ${fmtMoney(mid(claim))} with ${f.partner_code} over ${period} is ${fmt(mid(implied), 3)}% (${fmtRange(implied)}%) of ${f.reporter_code}'s trade with the world in those years, ${fmtMoneyIv(world.iv)} (${world.how})`;
  const claims = ctx.facts.filter(
    (s) =>
      s.kind === 'share' &&
      s.source_id === f.source_id &&
      s.value !== null &&
      s.reporter_code === f.reporter_code &&
      s.partner_code === f.partner_code &&
      s.flow === f.flow &&
      s.in_partner_code === 'WLD' &&
      (s.in_reporter_code ?? s.reporter_code) === f.reporter_code,
  );
  const notes: string[] = [];
  let contradicted = false;
  for (const s of claims) {
    const sIv = printedInterval(s.value!, s.decimals ?? 0);
    const inPeriod = s.year === null || (s.year >= f.year! && s.year <= f.to_year!);
    const fits =
      s.comparison === 'at-least'
        ? implied.hi >= sIv.lo
        : s.comparison === 'at-most'
          ? implied.lo <= sIv.hi
          : overlaps(implied, sIv);
    if (inPeriod) {
      out.checks++;
      if (fits) out.passed++;
      else contradicted = true;
    }
    const when = s.year === null ? 'with no year' : `for ${s.year}${inPeriod ? '' : `, outside ${period}`}`;
    notes.push(
      `${fits ? 'fits' : 'does not fit'} ${ctx.factLabel(s)}: ${s.comparison === 'about' ? '' : `${s.comparison} `}${s.printed}% ${when}`,
    );
  }
  const finding: Finding = {
    severity: contradicted ? 'warning' : 'info',
    kind: 'text',
    row: period,
    column: `text:${f.fact_id}`,
    printed: f.printed,
    expected: expectedOf(implied),
    message: notes.length ? `${base}; that ${notes.join('; ')}` : base,
  };
  out.findings.push(finding);
}
