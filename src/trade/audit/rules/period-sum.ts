/**
 * A flow's value over a period (year..to, both included) from what the audit
 * knows: the sum of one kind of evidence per year (the table's own cells when
 * it has them), or a value the texts state for exactly that period. Shared by
 * the periods and ratios rules.
 */
import type { TextFact } from '../../printed-table.ts';
import { type Evidence, evidence } from '../evidence-texts.ts';
import { type FlowKey, keyStr } from '../flow-key.ts';
import { add, type Interval, point, scaleBy } from '../interval.ts';
import type { AuditContext, Known } from '../model.ts';
import { ivParam } from '../texts.ts';

export interface PeriodSum {
  iv: Interval;
  dep: 0 | 1;
  how: Evidence;
}

/** The sum over from..to — from one kind of evidence per year, all of the table's own when it has them. */
export function periodSum(
  ctx: AuditContext,
  key: FlowKey,
  from: number,
  to: number,
  fid?: string,
): PeriodSum | null {
  let iv = point(0);
  let dep: 0 | 1 = 0;
  const parts: Evidence[] = [];
  for (let y = from; y <= to; y++) {
    const all = (ctx.knownByKey.get(keyStr({ ...key, year: y })) ?? []).filter(
      (k) => k.currency === 'USD' && (!fid || !k.facts.includes(fid)) && k.origin !== 'implied-prior',
    );
    const k: Known | undefined = all.find((x) => x.cell) ?? all.find((x) => x.origin === 'store') ?? all[0];
    if (!k || !Number.isFinite(k.iv.lo) || !Number.isFinite(k.iv.hi)) return null;
    iv = add(iv, k.iv);
    if (k.dep) dep = 1;
    parts.push(
      k.cell
        ? evidence('value.printed', { printed: k.cell.printed })
        : evidence('value.money', { value: ivParam(k.iv) }),
    );
  }
  return { iv, dep, how: evidence('how.sum', { parts, from, to }) };
}

/** Whether a value claim is about the flow of `key` (any year). */
function sameFlow(f: TextFact, key: FlowKey): boolean {
  return (
    f.reporter_code === key.reporter &&
    f.partner_code === key.partner &&
    f.flow === key.flow &&
    f.commodity_system === key.system &&
    f.commodity_code === key.code &&
    f.trade_mode === null
  );
}

/** The value claims of the texts for the flow of `key` over exactly from..to (a single year when from = to). */
export function periodClaims(ctx: AuditContext, key: FlowKey, from: number, to: number): TextFact[] {
  return ctx.facts.filter(
    (f) =>
      f.kind === 'value' &&
      f.value !== null &&
      f.comparison === 'about' &&
      f.year === from &&
      (f.to_year ?? f.year) === to &&
      sameFlow(f, key),
  );
}

/** The value claims of the texts for the flow of `key` over a period that contains from..to (and is longer). */
export function enclosingClaims(ctx: AuditContext, key: FlowKey, from: number, to: number): TextFact[] {
  return ctx.facts.filter(
    (f) =>
      f.kind === 'value' &&
      f.value !== null &&
      f.year !== null &&
      f.to_year !== null &&
      f.year <= from &&
      f.to_year >= to &&
      f.to_year - f.year > to - from &&
      sameFlow(f, key),
  );
}

/** A value claim in US dollars (null without a rate). */
export async function claimUsd(ctx: AuditContext, f: TextFact): Promise<Interval | null> {
  const u = await ctx.usdFactor(f.currency, f.year);
  return u ? scaleBy(ctx.factIv(f), u) : null;
}
