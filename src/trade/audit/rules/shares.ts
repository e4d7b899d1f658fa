/**
 * Printed shares: against value / total, the total taken from another column,
 * another source, the text, or (when none) the total the other rows' shares
 * agree on. `shares-over-100`: shares of one total that add to more than 100%
 * even at the top of their rounding (overlapping categories);
 * `parts-exceed-total`: the same for the values. Comparisons with outside
 * totals are evaluated by the scale rule.
 */

import type { PrintedCell } from '../../printed-table.ts';
import { keyEvidence } from '../evidence-texts.ts';
import type { Finding } from '../findings.ts';
import { type FlowKey, keyStr } from '../flow-key.ts';
import { expectedOf, fmt, fmtRange } from '../format.ts';
import {
  add,
  div,
  type Interval,
  largestCommon,
  mid,
  overlaps,
  point,
  printedInterval,
  scaleBy,
} from '../interval.ts';
import type { AuditContext, RuleResult } from '../model.ts';
import { shareSeverity } from '../severity.ts';
import { ivParam, said, saying } from '../texts.ts';

export async function sharesRule(ctx: AuditContext): Promise<RuleResult> {
  const { spec, cells, cellAt, cellIv, correction, denKeyOf } = ctx;
  const findings: Finding[] = [];
  let checks = 0;
  let passed = 0;
  const shareCells = cells.filter((c) => c.role === 'share');
  const shareGroups = new Map<string, ShareGroup>();
  for (const s of shareCells) {
    const sc = spec.columns[s.column_name];
    if (sc?.role !== 'share') continue;
    const num = cellAt(s.row_key, s.of_column!);
    if (!num || num.value === null) continue;
    if (typeof sc.in === 'string') {
      // a share of another column of the table
      const den = cellAt(s.row_key, sc.in);
      if (s.value === null || !den || den.value === null) continue;
      checks++;
      const exp = scaleBy(div(cellIv(num), cellIv(den)), 100);
      const pr = printedInterval(s.value, s.decimals ?? 0);
      if (overlaps(exp, pr)) passed++;
      else
        findings.push({
          severity: shareSeverity(exp, s.printed),
          kind: 'share',
          row: s.row_key,
          column: s.column_name,
          printed: s.printed,
          expected: expectedOf(exp),
          ...saying(
            said('share.in-table', {
              printed: s.printed,
              part: num.printed,
              total: den.printed,
              estimate: fmt(mid(exp), 3),
              range: fmtRange(exp),
            }),
            correction(s.row_key, s.column_name),
          ),
        });
      continue;
    }
    const dk = denKeyOf(num, sc.in, spec)!;
    const gk = `${s.column_name}|${keyStr(dk)}`;
    if (!shareGroups.has(gk)) shareGroups.set(gk, { col: s.column_name, den: dk, cells: [] });
    shareGroups.get(gk)!.cells.push(s);
  }
  const out: RuleResult = { findings, checks, passed, comparisons: [] };
  for (const group of shareGroups.values()) await checkShareGroup(ctx, group, out);
  return out;
}

interface ShareGroup {
  col: string;
  den: FlowKey | null;
  cells: PrintedCell[];
}

/** The shares of one total outside the table: each against that total, their sum, and their values' sum. */
async function checkShareGroup(ctx: AuditContext, group: ShareGroup, out: RuleResult): Promise<void> {
  const { knownByKey, usdFactor, cellAt, cellIv, correction } = ctx;
  const findings = out.findings;
  const cross = out.comparisons;
  const dk = group.den!;
  // the total by what it is (the spec's own label is English)
  const label = keyEvidence(dk);
  // the total from elsewhere: other sources, the text, or derived from them
  const external = (knownByKey.get(keyStr(dk)) ?? []).filter((k) => k.dep === 0);
  const printedShares = group.cells.filter((s) => s.value !== null);
  // the total the rows' own values and shares agree on (used when nothing else is known)
  const implied = printedShares.map((s) => {
    const num = cellAt(s.row_key, s.of_column!)!;
    return { s, num, den: div(cellIv(num), scaleBy(printedInterval(s.value!, s.decimals ?? 0), 0.01)) };
  });
  let consensus: Interval | null = null;
  if (external.length === 0 && implied.length >= 3) {
    consensus = largestCommon(implied.map((x) => x.den));
  }
  for (const x of implied) {
    const pr = printedInterval(x.s.value!, x.s.decimals ?? 0);
    if (external.length > 0) {
      for (const ext of external) {
        const numCur = x.num.currency ?? 'USD';
        const u = await usdFactor(numCur, x.num.year);
        if (!u || ext.currency !== 'USD') continue;
        cross.push({
          kind: 'share',
          row: x.s.row_key,
          column: x.s.column_name,
          printed: x.s.printed,
          dep: true,
          report: true,
          shareOf: (v) => scaleBy(div(scaleBy(v, (x.num.scale ?? 1) * u), ext.iv), 100),
          evaluate: (f) => {
            const exp = scaleBy(div(scaleBy(cellIv(x.num), u * f), ext.iv), 100);
            return {
              pass: overlaps(exp, pr),
              expected: exp,
              ...saying(
                said('share.outside-total', {
                  printed: x.s.printed,
                  part: x.num.printed,
                  scale: (x.num.scale ?? 1) * f,
                  estimate: fmt(mid(exp), 3),
                  range: fmtRange(exp),
                  label,
                  total: ivParam(ext.iv),
                  how: ext.how,
                }),
              ),
            };
          },
        });
      }
    } else if (consensus) {
      out.checks++;
      const exp = scaleBy(div(cellIv(x.num), consensus), 100);
      if (overlaps(exp, pr)) {
        out.passed++;
        continue;
      }
      findings.push({
        severity: shareSeverity(exp, x.s.printed),
        kind: 'share',
        row: x.s.row_key,
        column: x.s.column_name,
        printed: x.s.printed,
        expected: expectedOf(exp),
        ...saying(
          said('share.agreed-total', {
            printed: x.s.printed,
            part: x.num.printed,
            estimate: fmt(mid(exp), 3),
            range: fmtRange(exp),
            label,
            total: fmtRange(scaleBy(consensus, 1 / (x.num.scale ?? 1))),
          }),
          correction(x.s.row_key, x.s.column_name),
        ),
      });
    }
  }
  // shares of one total that add to more than 100%
  if (printedShares.length >= 2) {
    out.checks++;
    const sum = printedShares.reduce((a, s) => add(a, printedInterval(s.value!, s.decimals ?? 0)), point(0));
    const total = printedShares.reduce((a, s) => a + s.value!, 0);
    if (sum.lo > 100 + 1e-9)
      findings.push({
        severity: 'warning',
        kind: 'shares-over-100',
        row: null,
        column: group.col,
        printed: fmt(total, 6),
        expected: { value: 100, min: 0, max: 100 },
        ...saying(
          said('share.over-100', {
            count: printedShares.length,
            label,
            total: fmt(total, 6),
            low: fmt(sum.lo, 6),
          }),
        ),
      });
    else out.passed++;
  }
  // values that add up to more than the total
  const den = external.length > 0 ? external[0].iv : consensus;
  if (den && group.cells.length >= 2) {
    const nums = group.cells.map((s) => cellAt(s.row_key, s.of_column!)!).filter((n) => n.value !== null);
    const u = await usdFactor(nums[0].currency, nums[0].year);
    const sumIv = nums.reduce((a, n) => add(a, cellIv(n)), point(0));
    const sumUsd = external.length > 0 && u ? scaleBy(sumIv, u) : sumIv;
    out.checks++;
    if (sumUsd.lo > den.hi * (1 + 1e-9)) {
      const scale = nums[0].scale ?? 1;
      findings.push({
        severity: 'warning',
        kind: 'parts-exceed-total',
        row: null,
        column: nums[0].column_name,
        printed: fmt(mid(scaleBy(sumIv, 1 / scale)), 6),
        expected: expectedOf(scaleBy(den, external.length > 0 && u ? 1 / (u * scale) : 1 / scale)),
        ...saying(
          said(external.length > 0 ? 'share.parts-exceed' : 'share.parts-exceed-agreed', {
            count: nums.length,
            sum: fmt(mid(scaleBy(sumIv, 1 / scale)), 6),
            label,
            range: fmtRange(scaleBy(den, external.length > 0 && u ? 1 / (u * scale) : 1 / scale)),
            how: external.length > 0 ? external[0].how : null,
          }),
        ),
      });
    } else out.passed++;
  }
}
