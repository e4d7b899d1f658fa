/** Reporting the comparisons with outside sources. */

import { scaleName } from '../vocabulary.ts';
import type { Finding } from './findings.ts';
import { expectedOf, fmt, fmtRange } from './format.ts';
import { mid, overlaps, printedInterval } from './interval.ts';
import type { AuditContext, CrossCheck, RuleResult } from './model.ts';
import type { ScaleVerdict } from './rules/scale.ts';
import { comparisonSeverity, REVISION_NOTE } from './severity.ts';

/**
 * Evaluates every comparison (shares of outside totals, text claims, parts
 * and wholes) at the printed unit and reports the failures the scale verdict
 * does not explain, with what a corrected unit would still leave off and,
 * for a text value against the table, which of the two the table's own share
 * supports.
 */
export function reportComparisons(ctx: AuditContext, cross: CrossCheck[], verdict: ScaleVerdict): RuleResult {
  const { cells, valueCells, cellAt, cellIv, withCorrection } = ctx;
  const { factor, explained } = verdict;
  const findings: Finding[] = [];
  let checks = 0;
  let passed = 0;
  for (const c of cross) {
    checks++;
    const r = c.evaluate(1);
    if (r.pass) {
      passed++;
      continue;
    }
    if (!c.report) continue;
    if (explained.has(c)) continue;
    const severity = comparisonSeverity(c, r);
    let message = r.message;
    if (c.kind === 'share' && severity === 'warning') message += `; ${REVISION_NOTE}`;
    if (factor !== 1 && c.dep) {
      const rf = c.evaluate(factor);
      if (!rf.pass && rf.expected)
        message += `; with the values in ${scaleName((valueCells[0]?.scale ?? 1) * factor)} it is still off: ${fmt(mid(rf.expected), 3)} (${fmtRange(rf.expected)})`;
    }
    // a text value against the table: does the table's own share say which is right?
    if (c.kind === 'text' && c.row !== null && c.column !== null && c.printed !== null && r.expected) {
      const share = cells.find((x) => x.row_key === c.row && x.role === 'share' && x.of_column === c.column);
      const shareCheck =
        share && cross.find((s) => s.kind === 'share' && s.row === c.row && s.column === share.column_name);
      const tableCell = cellAt(c.row, c.column);
      if (share && shareCheck?.shareOf && tableCell && share.value !== null) {
        const pr = printedInterval(share.value, share.decimals ?? 0);
        const byTable = overlaps(shareCheck.shareOf(cellIv(tableCell, false)), pr);
        const textShare = shareCheck.shareOf(r.expected);
        const byText = overlaps(textShare, pr);
        message +=
          byTable && !byText
            ? `; the table's own ${share.printed}% share fits ${c.printed}, not the text's figure (${fmt(mid(textShare), 2)}%)`
            : byText && !byTable
              ? `; the table's own ${share.printed}% share fits the text's figure, not ${c.printed}`
              : byTable
                ? `; the table's ${share.printed}% share fits both`
                : '';
      }
    }
    findings.push({
      severity,
      kind: c.kind,
      row: c.row,
      column: c.column,
      printed: c.printed,
      expected: expectedOf(r.expected),
      message: withCorrection(message, c.row, c.column),
    });
  }

  return { findings, checks, passed, comparisons: [] };
}
