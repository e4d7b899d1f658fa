/** Reporting the comparisons with outside sources. */

import type { Finding } from './findings.ts';
import { expectedOf, fmt, fmtRange } from './format.ts';
import { mid, overlaps, printedInterval } from './interval.ts';
import type { AuditContext, CrossCheck, RuleResult } from './model.ts';
import type { ScaleVerdict } from './rules/scale.ts';
import { comparisonSeverity } from './severity.ts';
import { type Said, type Saying, said, saidText, saying } from './texts.ts';

/**
 * Evaluates every comparison (shares of outside totals, text claims, parts
 * and wholes) at the printed unit and reports the failures the scale verdict
 * does not explain, with what a corrected unit would still leave off and,
 * for a text value against the table, which of the two the table's own share
 * supports.
 */
export function reportComparisons(ctx: AuditContext, cross: CrossCheck[], verdict: ScaleVerdict): RuleResult {
  const { cells, valueCells, cellAt, cellIv, correction } = ctx;
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
    const clauses: Said[] = [...(r.clauses ?? [])];
    if (c.kind === 'share' && severity === 'warning') clauses.push(said('clause.small-gap-outside'));
    if (factor !== 1 && c.dep) {
      const rf = c.evaluate(factor);
      if (!rf.pass && rf.expected)
        clauses.push(
          said('clause.still-off', {
            scale: (valueCells[0]?.scale ?? 1) * factor,
            estimate: fmt(mid(rf.expected), 3),
            range: fmtRange(rf.expected),
          }),
        );
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
        const fits =
          byTable && !byText
            ? said('clause.share-fits-table', {
                share: share.printed,
                printed: c.printed,
                textShare: fmt(mid(textShare), 2),
              })
            : byText && !byTable
              ? said('clause.share-fits-text', { share: share.printed, printed: c.printed })
              : byTable
                ? said('clause.share-fits-both', { share: share.printed })
                : null;
        if (fits) clauses.push(fits);
      }
    }
    findings.push({
      severity,
      kind: c.kind,
      row: c.row,
      column: c.column,
      printed: c.printed,
      expected: expectedOf(r.expected),
      ...sayingOf(r, [...clauses, ...correction(c.row, c.column)]),
    });
  }

  return { findings, checks, passed, comparisons: [] };
}

/** A comparison's sentence with the clauses added to it (a rule without texts yet: its English message and the clauses in English). */
function sayingOf(
  r: Partial<Saying> & { message: string },
  clauses: Said[],
): Partial<Saying> & { message: string } {
  if (r.code) return saying({ code: r.code, params: r.params ?? {} }, clauses);
  return { message: r.message + clauses.map((s) => saidText(s, 'en')).join('') };
}
