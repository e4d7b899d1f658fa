/** How serious a failed check is. */

import type { Severity } from './findings.ts';
import { decimalSlip, type Interval, mid } from './interval.ts';
import type { CrossCheck } from './model.ts';

/** A printed share off by more than 2 percentage points or 20% of itself is an error, a smaller gap a warning. */
export function shareSeverity(expected: Interval | null, printed: string | null): Severity {
  if (!expected || printed === null) return 'warning';
  const p = Number(printed);
  const diff = Math.abs(p - mid(expected));
  return diff > 2 || diff > 0.2 * Math.abs(mid(expected)) ? 'error' : 'warning';
}

/**
 * A printed share against a total from outside the table (another source,
 * the text) follows the rule of growth rates: a gap of the size that revised
 * or unrounded figures explain — at most 2 percentage points, or at most 10%
 * of the share — is a warning; a larger one, or a shifted decimal point, is
 * an error.
 */
export function outsideShareSeverity(expected: Interval | null, printed: string | null): Severity {
  if (!expected || printed === null) return 'warning';
  const p = Number(printed);
  const est = mid(expected);
  const diff = Math.abs(p - est);
  const decimals = /\.(\d+)/.exec(printed)?.[1].length ?? 0;
  if (decimalSlip(p, decimals, expected)) return 'error';
  return diff > 2 && diff > 0.1 * Math.abs(est) ? 'error' : 'warning';
}

/** What a warning for a small gap against an outside total says. */
export const REVISION_NOTE =
  'small: perhaps computed from revised or unrounded figures (outside totals are often revised after a paper is written)';

/**
 * A failed comparison with something outside the table: a share by
 * `outsideShareSeverity`, a part above its whole is an error, a text figure
 * off by a power of ten (a decimal-point slip) or otherwise off is a warning.
 */
export function comparisonSeverity(c: CrossCheck, r: ReturnType<CrossCheck['evaluate']>): Severity {
  if (c.kind === 'share') return outsideShareSeverity(r.expected, c.printed);
  const slip = c.kind === 'text' && /decimal-point slip/.test(r.message);
  if (slip) return 'warning';
  return c.kind === 'part-whole' ? 'error' : 'warning';
}
