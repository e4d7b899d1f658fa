/** How the audit writes numbers, money, intervals and flows in its messages. */
import { type Interval, mid } from './interval.ts';

/** A number with `digits` significant digits, without trailing zeros. */
export function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  const d = abs >= 10 ** digits ? 0 : Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return Number(x.toFixed(Math.min(d, 10))).toString();
}

export function fmtRange(iv: Interval, digits = 3): string {
  return `${fmt(iv.lo, digits)}…${fmt(iv.hi, digits)}`;
}

/** "US$11.06 billion", "US$610 million". */
export function fmtMoney(x: number, currency = 'USD'): string {
  const sym = currency === 'USD' ? 'US$' : `${currency} `;
  const abs = Math.abs(x);
  if (abs >= 1e9) return `${sym}${fmt(x / 1e9)} billion`;
  if (abs >= 1e6) return `${sym}${fmt(x / 1e6)} million`;
  if (abs >= 1e3) return `${sym}${fmt(x / 1e3)} thousand`;
  return `${sym}${fmt(x)}`;
}

export function fmtMoneyIv(iv: Interval, currency = 'USD'): string {
  if (!Number.isFinite(iv.hi)) return `at least ${fmtMoney(iv.lo, currency)}`;
  if (iv.lo <= 0 && Number.isFinite(iv.hi) && iv.lo === 0) return `at most ${fmtMoney(iv.hi, currency)}`;
  const m = mid(iv);
  return Math.abs(iv.hi - iv.lo) < 1e-9 * Math.abs(m) ? fmtMoney(m, currency) : `${fmtMoney(m, currency)}`;
}

/** The expected value (the point estimate from the printed values, else the middle of the interval) and its interval. */
export const expectedOf = (
  iv: Interval | null,
  point?: number,
): { value: number; min: number; max: number } | null =>
  iv
    ? {
        value: Number(fmt(point ?? mid(iv), 6)),
        min: Number(fmt(iv.lo, 6)),
        max: Number(fmt(iv.hi, 6)),
      }
    : null;
