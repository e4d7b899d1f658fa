/**
 * A share the text gives for a group of partners ("the trade between
 * Heilongjiang Province and Russia, Japan and the ROK has exceeded 60% of the
 * total amount of foreign trade for the province"): the partner is a group
 * whose code lists its members' ISO3 codes (`RUS-JPN-KOR`, level `group`).
 * Where the audit knows every member's trade and the total for a year, the
 * share is checked; where it knows only some members, their share is a lower
 * bound on the group's (trade values are not negative), which can contradict
 * an "at most" claim but never an "at least" one: the finding says which
 * members the store lacks and what the known ones give.
 */
import type { TextFact } from '../../printed-table.ts';
import { keyEvidence } from '../evidence-texts.ts';
import type { Finding } from '../findings.ts';
import { type FlowKey, keyStr } from '../flow-key.ts';
import { fmt, fmtRange } from '../format.ts';
import { add, div, type Interval, overlaps, point, printedInterval, scaleBy } from '../interval.ts';
import type { AuditContext, Known, RuleResult } from '../model.ts';
import { type Said, said, saying } from '../texts.ts';

/** The members of a group partner written as ISO3 codes joined by '-', else null. */
export function groupMembers(level: string, code: string): string[] | null {
  if (level !== 'group' || !/^[A-Z]{3}(-[A-Z]{3})+$/.test(code)) return null;
  return code.split('-');
}

export async function groupSharesRule(ctx: AuditContext): Promise<RuleResult> {
  const out: RuleResult = { findings: [], checks: 0, passed: 0, comparisons: [] };
  for (const f of ctx.facts) {
    if (f.kind !== 'share' || f.source_id !== ctx.sourceId || f.value === null || f.trade_mode !== null)
      continue;
    const members = groupMembers(f.partner_level, f.partner_code);
    if (!members) continue;
    out.findings.push(groupFinding(ctx, f, members, out));
  }
  return out;
}

interface YearShare {
  year: number;
  /** the known members' share of the total, in % */
  iv: Interval;
  known: string[];
  missing: string[];
}

/** A member's value and the total, from evidence on the same footing (both the table's, or neither). */
function pairFor(ctx: AuditContext, nk: FlowKey, dk: FlowKey, fid: string): [Known, Known] | null {
  const usable = (k: Known) =>
    k.currency === 'USD' && !k.facts.includes(fid) && Number.isFinite(k.iv.lo) && Number.isFinite(k.iv.hi);
  const nums = (ctx.knownByKey.get(keyStr(nk)) ?? []).filter(usable);
  const dens = (ctx.knownByKey.get(keyStr(dk)) ?? []).filter(usable);
  const pairs = nums.flatMap((n) => dens.filter((d) => d.dep === n.dep).map((d) => [n, d] as [Known, Known]));
  return pairs.find(([n]) => n.cell) ?? pairs[0] ?? null;
}

function yearShare(ctx: AuditContext, f: TextFact, members: string[], year: number): YearShare | null {
  const k = ctx.factKey(f, year);
  const dk: FlowKey = {
    ...k,
    reporter: f.in_reporter_code ?? k.reporter,
    partner: f.in_partner_code ?? 'WLD',
    flow: f.in_flow ?? k.flow,
    system: f.in_commodity_system ?? k.system,
    code: f.in_commodity_code ?? k.code,
  };
  let iv = point(0);
  const known: string[] = [];
  const missing: string[] = [];
  for (const m of members) {
    const pair = pairFor(ctx, { ...k, partner: m }, dk, `${f.source_id}/${f.fact_id}`);
    if (!pair) {
      missing.push(m);
      continue;
    }
    iv = add(iv, scaleBy(div(pair[0].iv, pair[1].iv), 100));
    known.push(m);
  }
  return known.length ? { year, iv, known, missing } : null;
}

function groupFinding(ctx: AuditContext, f: TextFact, members: string[], out: RuleResult): Finding {
  const claim = printedInterval(f.value!, f.decimals ?? 0);
  const years =
    f.year !== null ? [f.year] : [...new Set(ctx.known.map((k) => k.key.year))].sort((a, b) => a - b);
  const shares = years.map((y) => yearShare(ctx, f, members, y)).filter((s): s is YearShare => s !== null);
  const claimed = said('group.claim', {
    fact: ctx.factLabel(f),
    comparison: f.comparison,
    printed: f.printed,
    members,
    year: f.year,
  });
  const where = {
    kind: 'text' as const,
    row: f.year === null ? null : String(f.year),
    column: `text:${f.fact_id}`,
    printed: f.printed,
  };
  if (!shares.length)
    return {
      ...where,
      severity: 'info',
      kind: 'unchecked',
      expected: null,
      ...saying(claimed, [said('clause.group-unchecked', { reporter: f.reporter_code, members })]),
    };
  const full = shares.filter((s) => s.missing.length === 0);
  const notes: Said[] = [];
  let contradicted = false;
  for (const s of full) {
    const fits =
      f.comparison === 'at-least'
        ? s.iv.hi >= claim.lo
        : f.comparison === 'at-most'
          ? s.iv.lo <= claim.hi
          : overlaps(s.iv, claim);
    out.checks++;
    if (fits) out.passed++;
    else if (f.year !== null) contradicted = true;
    notes.push(
      said(fits ? 'clause.group-year-fits' : 'clause.group-year-misfit', {
        year: s.year,
        share: fmt((s.iv.lo + s.iv.hi) / 2, 3),
        range: fmtRange(s.iv),
      }),
    );
  }
  const partial = shares.filter((s) => s.missing.length > 0);
  if (partial.length) {
    const mids = partial.map((s) => (s.iv.lo + s.iv.hi) / 2);
    const lo = partial[mids.indexOf(Math.min(...mids))];
    const hi = partial[mids.indexOf(Math.max(...mids))];
    const knownSet = [...new Set(partial.flatMap((s) => s.known))];
    const missingSet = [...new Set(partial.flatMap((s) => s.missing))];
    // the known members' share is a lower bound: only an "at most" claim below it is contradicted
    const below = f.comparison !== 'at-least' ? partial.filter((s) => s.iv.lo > claim.hi) : [];
    if (below.length && f.year !== null) contradicted = true;
    const pct = (s: YearShare) => fmt((s.iv.lo + s.iv.hi) / 2, 3);
    // the total by what it is (the paper's own label, `in_label`, is English)
    const label = keyEvidence({
      reporter: f.in_reporter_code ?? f.reporter_code,
      partner: f.in_partner_code ?? 'WLD',
      flow: f.in_flow ?? f.flow,
      code: f.in_commodity_code ?? f.commodity_code,
      system: f.in_commodity_system ?? f.commodity_system,
    });
    notes.push(
      said('clause.group-missing', {
        reporter: f.reporter_code,
        missing: missingSet,
        known: knownSet,
        verb: knownSet.length === 1 ? 'is' : 'are',
      }),
      partial.length === 1
        ? said('clause.group-span-one', { share: pct(lo), year: lo.year, label })
        : said('clause.group-span-range', {
            low: pct(lo),
            lowYear: lo.year,
            high: pct(hi),
            highYear: hi.year,
            label,
            count: partial.length,
          }),
      below.length
        ? said('clause.group-bound-above', { printed: f.printed, years: below.map((s) => s.year).join(', ') })
        : said(f.comparison === 'at-least' ? 'clause.group-bound-at-least' : 'clause.group-bound-fits'),
    );
  }
  return {
    ...where,
    severity: contradicted ? 'warning' : 'info',
    expected: null,
    ...saying(claimed, notes),
  };
}
