/**
 * The table's unit: off by a power of ten when most of the comparisons with
 * other sources and the text that depend on it fail at the printed unit and
 * pass at another (e.g. "million" where the values are hundreds of
 * millions). The comparisons it explains are then not reported again.
 */

import { scaleName } from '../../vocabulary.ts';
import { evidence } from '../evidence-texts.ts';
import type { Finding } from '../findings.ts';
import { fmt } from '../format.ts';
import type { AuditContext, CrossCheck } from '../model.ts';
import { said, saying } from '../texts.ts';

/** The factor (a power of ten) the table's values are off by, if any, and the comparisons it explains. */
export interface ScaleVerdict {
  findings: Finding[];
  factor: number;
  explained: Set<CrossCheck>;
}

export function scaleRule(ctx: AuditContext, cross: CrossCheck[]): ScaleVerdict {
  const { variant, table, printedCells, correctedCells, valueCells } = ctx;
  const findings: Finding[] = [];
  const depChecks = cross.filter((c) => c.dep);
  const atOne = depChecks.map((c) => c.evaluate(1).pass);
  const failing = atOne.filter((p) => !p).length;
  let factor = 1;
  let explained: Set<CrossCheck> = new Set();
  if (failing > 0) {
    let best = { n: 0, passes: atOne.filter(Boolean).length };
    for (const n of [-3, -2, -1, 1, 2, 3]) {
      const passes = depChecks.filter((c) => c.evaluate(10 ** n).pass).length;
      if (passes > best.passes || (passes === best.passes && best.n !== 0 && Math.abs(n) < Math.abs(best.n)))
        best = { n, passes };
    }
    const fixed = depChecks.filter((c, i) => !atOne[i] && c.evaluate(10 ** best.n).pass);
    if (best.n !== 0 && fixed.length >= 2) {
      factor = 10 ** best.n;
      explained = new Set(fixed);
      const scales = [...new Set(valueCells.map((c) => c.scale ?? 1))];
      const printedUnit = table.printed_unit ?? scaleName(scales[0]);
      // the unit as printed, and by its scale and currency (said in each language)
      const firstPrinted = printedCells.find((c) => c.role === 'value' && c.value !== null);
      const unit = evidence('unit.printed', {
        printed: printedUnit,
        scale: firstPrinted?.scale ?? scales[0],
        currency: firstPrinted?.currency ?? valueCells[0]?.currency ?? null,
      });
      const rescaled = correctedCells.find(
        (c) =>
          c.role === 'value' &&
          c.scale !== printedCells.find((p) => p.row_no === c.row_no && p.column_no === c.column_no)?.scale,
      );
      const fix =
        variant === 'as-printed' && rescaled
          ? [said('clause.spec-corrects-unit', { scale: rescaled.scale! })]
          : [];
      findings.push({
        severity: 'error',
        kind: 'scale',
        row: null,
        column: [...new Set(valueCells.map((c) => c.column_name))].join(', '),
        printed: printedUnit,
        expected: { value: scales[0] * factor, min: scales[0] * factor, max: scales[0] * factor },
        ...saying(
          said('scale.unit', {
            unit,
            failed: fixed.length,
            checks: depChecks.length,
            scale: scales[0] * factor,
            factor: fmt(factor),
            passes: best.passes,
          }),
          fix,
        ),
        // each comparison the unit explains, said as its own finding would be (code, params, clauses)
        details: fixed.map((c) => {
          const { code, params, clauses, message } = c.evaluate(1);
          return {
            row: c.row,
            column: c.column,
            message,
            ...(code ? { code, params: params ?? {} } : {}),
            ...(clauses?.length ? { clauses } : {}),
          };
        }),
      });
      findings.push({
        severity: 'info',
        kind: 'scale',
        row: null,
        column: null,
        printed: null,
        expected: null,
        ...saying(said('scale.listed', { count: fixed.length, unit, factor: fmt(factor) })),
      });
    }
  }
  return { findings, factor, explained };
}
