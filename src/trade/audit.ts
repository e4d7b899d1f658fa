/**
 * The audit of a printed table: `auditSource(store, sourceId)` re-checks a
 * table imported with a spec (`src/trade/importers/wide.ts`) against itself
 * and against the other sources and text facts in the store.
 *
 * Every printed number stands for an interval: "15.9" for [15.85, 15.95],
 * "3.28" (billion) for [3.275, 3.285] billion. Recomputations propagate these
 * intervals (interval arithmetic), and a printed number is consistent when its
 * interval meets the recomputed one: a difference that rounding explains is
 * never a finding.
 *
 * Rules (each finding has a severity, a kind, the row's key as printed, the
 * column as imported, the printed text, the expected value or interval, and a
 * one-line message):
 * - `growth`: a printed year-on-year rate against the values it follows from
 *   (the previous year from the table, another source or the text). Error when
 *   off by more than 2 percentage points and 10% of the rate, or when a shifted
 *   decimal point explains it; warning otherwise.
 * - `components`: exports + imports against the printed total (and, for the
 *   first year, the previous year implied by the printed growth rates). Error
 *   beyond 1% of the total, warning below.
 * - `share`: a printed share against value / total, the total taken from
 *   another column, another source, the text, or (when none) the total the
 *   other rows' shares agree on. `shares-over-100`: shares of one total that
 *   add to more than 100% even at the top of their rounding (overlapping
 *   categories). `parts-exceed-total`: the same for the values.
 * - `text`: a value, growth or share stated in the running text (the spec's
 *   facts) against the table and the store; a value stated for a period
 *   (year..to_year) against the sum of its years, and a partner's period
 *   value as a share of the world total against the text's share claims.
 * - `part-whole`: a city's or partner's value above its province's or the
 *   world's (from the table, other sources, or totals implied by shares).
 * - `scale`: the table's unit is off by a power of ten when most of the
 *   comparisons with other sources and the text fail at the printed unit and
 *   pass at another (e.g. "million" where the values are hundreds of
 *   millions); the comparisons it explains are then reported as `info`.
 * - `unchecked` (info): printed numbers nothing in the store can check.
 *
 * The parts (`src/trade/audit/`): `interval.ts` (the arithmetic),
 * `context.ts` + `knowledge.ts` (what the audit loads, one context object),
 * `rules/*.ts` (one module per rule, `(ctx) → findings, checks and the
 * comparisons with outside sources`), `rules/scale.ts` + `comparisons.ts`
 * (the unit verdict, then every comparison reported once), `severity.ts`,
 * `format.ts` (numbers in messages), `findings.ts` (the result and its
 * one-line form) and `annotate.ts` (annotated CSV/XLSX copies).
 */

import { reportComparisons } from './audit/comparisons.ts';
import { loadAuditContext } from './audit/context.ts';
import { type AuditResult, SEVERITY_ORDER } from './audit/findings.ts';
import type { RuleResult, Variant } from './audit/model.ts';
import { namedMessages, regionNamesOf } from './audit/region-names.ts';
import { componentsRule } from './audit/rules/components.ts';
import { groupSharesRule } from './audit/rules/group-shares.ts';
import { growthRule } from './audit/rules/growth.ts';
import { partWholeRule } from './audit/rules/part-whole.ts';
import { periodsRule } from './audit/rules/periods.ts';
import { ratiosRule } from './audit/rules/ratios.ts';
import { scaleRule } from './audit/rules/scale.ts';
import { sharesRule } from './audit/rules/shares.ts';
import { textRule } from './audit/rules/text.ts';
import { uncheckedClaimsRule } from './audit/rules/unchecked-claims.ts';
import type { Store } from './store.ts';

export { writeAnnotated } from './audit/annotate.ts';
export {
  AuditError,
  type AuditResult,
  type Finding,
  formatFinding,
  type Severity,
} from './audit/findings.ts';
export { fmt, fmtMoney, fmtRange } from './audit/format.ts';
export {
  add,
  decimalSlip,
  div,
  growthPct,
  type Interval,
  largestCommon,
  mid,
  mul,
  overlaps,
  point,
  printedInterval,
  scaleBy,
  sub,
} from './audit/interval.ts';

export interface AuditOptions {
  /** Which variant of the table to audit (default: as printed). */
  variant?: Variant;
}

/** The rules, in the order their findings are listed (within a severity). */
const RULES = [
  growthRule,
  componentsRule,
  sharesRule,
  textRule,
  periodsRule,
  ratiosRule,
  groupSharesRule,
  uncheckedClaimsRule,
  partWholeRule,
];

/**
 * Audits a table imported with a spec. Throws `AuditError` when the source is
 * unknown or was not imported with a spec.
 */
export async function auditSource(
  store: Store,
  sourceId: string,
  opts: AuditOptions = {},
): Promise<AuditResult> {
  const ctx = await loadAuditContext(store, sourceId, opts.variant ?? 'as-printed');
  const results: RuleResult[] = [];
  for (const rule of RULES) results.push(await rule(ctx));
  const comparisons = results.flatMap((r) => r.comparisons);
  const verdict = scaleRule(ctx, comparisons);
  const reported = reportComparisons(ctx, comparisons, verdict);
  const findings = [...results.flatMap((r) => r.findings), ...verdict.findings, ...reported.findings];
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const all = [...results, reported];
  // the regions the findings name, by their names in each language (the English messages too)
  const names = await regionNamesOf(store, findings);
  return {
    source: sourceId,
    variant: ctx.variant,
    findings: namedMessages(findings, names),
    names,
    summary: {
      checks: all.reduce((n, r) => n + r.checks, 0),
      passed: all.reduce((n, r) => n + r.passed, 0),
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
    },
  };
}
