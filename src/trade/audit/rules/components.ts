/**
 * Exports + imports against the printed total (error beyond 1% of the total,
 * warning below), and, for the first year, the previous year the printed
 * growth rates imply.
 */

import type { PrintedCell } from '../../printed-table.ts';
import type { Finding } from '../findings.ts';
import { expectedOf, fmt, fmtRange } from '../format.ts';
import { add, div, mid, overlaps, point, printedInterval, scaleBy } from '../interval.ts';
import type { AuditContext, CrossCheck, RuleResult } from '../model.ts';
import { said, saying } from '../texts.ts';

export async function componentsRule(ctx: AuditContext): Promise<RuleResult> {
  const { cells, rowsByKey, cellIv, correction } = ctx;
  const findings: Finding[] = [];
  const cross: CrossCheck[] = [];
  let checks = 0;
  let passed = 0;
  const componentSets: { row: string; total: PrintedCell; exp: PrintedCell; imp: PrintedCell }[] = [];
  for (const [row, list] of rowsByKey) {
    const vals = list.filter((c) => c.role === 'value' && c.value !== null);
    for (const t of vals.filter((c) => c.flow === 'total')) {
      const same = (c: PrintedCell) =>
        c.reporter_code === t.reporter_code &&
        c.partner_code === t.partner_code &&
        c.commodity_code === t.commodity_code &&
        c.year === t.year;
      const e = vals.find((c) => c.flow === 'export' && same(c));
      const i = vals.find((c) => c.flow === 'import' && same(c));
      if (e && i) componentSets.push({ row, total: t, exp: e, imp: i });
    }
  }
  for (const s of componentSets) {
    checks++;
    const sum = add(cellIv(s.exp, false), cellIv(s.imp, false));
    const tot = cellIv(s.total, false);
    if (overlaps(sum, tot)) {
      passed++;
      continue;
    }
    const rel = Math.abs(mid(sum) - s.total.value!) / Math.abs(s.total.value!);
    findings.push({
      severity: rel > 0.01 ? 'error' : 'warning',
      kind: 'components',
      row: s.row,
      column: s.total.column_name,
      printed: s.total.printed,
      expected: expectedOf(sum, s.exp.value! + s.imp.value!),
      ...saying(
        said('components.total', {
          total: s.total.printed,
          exportColumn: s.exp.column_name,
          importColumn: s.imp.column_name,
          exports: s.exp.printed,
          imports: s.imp.printed,
          sum: fmt(mid(sum), 6),
          range: fmtRange(sum, 6),
        }),
        correction(s.row, s.total.column_name),
      ),
    });
  }
  // the year before the table, implied by the first row's growth rates
  for (const s of componentSets) {
    const prevYear = s.total.year! - 1;
    if ([...rowsByKey.values()].some((l) => l.some((c) => c.year === prevYear && c.role === 'value')))
      continue;
    const g = (c: PrintedCell) =>
      cells.find((x) => x.role === 'growth' && x.row_key === c.row_key && x.of_column === c.column_name);
    const gs = [g(s.total), g(s.exp), g(s.imp)];
    if (gs.some((x) => !x || x.value === null)) continue;
    const prior = (c: PrintedCell, gc: PrintedCell) =>
      div(cellIv(c, false), add(point(1), scaleBy(printedInterval(gc.value!, gc.decimals ?? 0), 0.01)));
    const t = prior(s.total, gs[0]!);
    const sum = add(prior(s.exp, gs[1]!), prior(s.imp, gs[2]!));
    checks++;
    if (overlaps(sum, t)) {
      passed++;
      continue;
    }
    findings.push({
      severity: 'warning',
      kind: 'components',
      row: s.row,
      column: gs[0]!.column_name,
      printed: gs[0]!.printed,
      expected: null,
      ...saying(
        said('components.prior-year', {
          row: s.row,
          year: prevYear,
          exports: fmtRange(prior(s.exp, gs[1]!)),
          imports: fmtRange(prior(s.imp, gs[2]!)),
          sum: fmtRange(sum),
          total: fmtRange(t),
        }),
      ),
    });
  }

  return { findings, checks, passed, comparisons: cross };
}
