/** How serious a failed check is. */
import type { CrossCheck } from './context.ts';
import type { Severity } from './findings.ts';
import { type Interval, mid } from './interval.ts';

/** A printed share off by more than 2 percentage points or 20% of itself is an error, a smaller gap a warning. */
export function shareSeverity(expected: Interval | null, printed: string | null): Severity {
  if (!expected || printed === null) return 'warning';
  const p = Number(printed);
  const diff = Math.abs(p - mid(expected));
  return diff > 2 || diff > 0.2 * Math.abs(mid(expected)) ? 'error' : 'warning';
}

/**
 * A failed comparison with something outside the table: a share by the share
 * rule, a part above its whole is an error, a text figure off by a power of
 * ten (a decimal-point slip) or otherwise off is a warning.
 */
export function comparisonSeverity(c: CrossCheck, r: ReturnType<CrossCheck['evaluate']>): Severity {
  if (c.kind === 'share') return shareSeverity(r.expected, c.printed);
  const slip = c.kind === 'text' && /decimal-point slip/.test(r.message);
  if (slip) return 'warning';
  return c.kind === 'part-whole' ? 'error' : 'warning';
}
