/**
 * Interval arithmetic for printed numbers. Every printed number stands for
 * an interval ("15.9" for [15.85, 15.95]); recomputations propagate the
 * intervals, and a printed number is consistent with a recomputed one when
 * the two intervals meet, so a difference that rounding explains is never a
 * finding.
 */

/** A closed interval [lo, hi]; infinite bounds allowed. */
export interface Interval {
  lo: number;
  hi: number;
}

/** The interval a printed number stands for: value ± half a unit of its last printed digit, times scale. */
export function printedInterval(value: number, decimals: number, scale = 1): Interval {
  const h = 0.5 * 10 ** -decimals;
  const a = (value - h) * scale;
  const b = (value + h) * scale;
  return { lo: Math.min(a, b), hi: Math.max(a, b) };
}

export const point = (x: number): Interval => ({ lo: x, hi: x });

export function add(a: Interval, b: Interval): Interval {
  return { lo: a.lo + b.lo, hi: a.hi + b.hi };
}

export function sub(a: Interval, b: Interval): Interval {
  return { lo: a.lo - b.hi, hi: a.hi - b.lo };
}

export function mul(a: Interval, b: Interval): Interval {
  const p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi].filter((x) => !Number.isNaN(x));
  return { lo: Math.min(...p), hi: Math.max(...p) };
}

/** a / b; an interval of b that contains 0 gives (−∞, ∞). */
export function div(a: Interval, b: Interval): Interval {
  if (b.lo <= 0 && b.hi >= 0) return { lo: -Infinity, hi: Infinity };
  return mul(a, { lo: 1 / b.hi, hi: 1 / b.lo });
}

export function scaleBy(a: Interval, k: number): Interval {
  return k >= 0 ? { lo: a.lo * k, hi: a.hi * k } : { lo: a.hi * k, hi: a.lo * k };
}

export function overlaps(a: Interval, b: Interval, relTol = 1e-9): boolean {
  const tol = relTol * Math.max(Math.abs(a.lo), Math.abs(a.hi), Math.abs(b.lo), Math.abs(b.hi), 1);
  return a.lo <= b.hi + tol && b.lo <= a.hi + tol;
}

export const mid = (a: Interval): number =>
  Number.isFinite(a.lo) && Number.isFinite(a.hi) ? (a.lo + a.hi) / 2 : Number.isFinite(a.lo) ? a.lo : a.hi;

/** Growth in % from prev to cur: (cur / prev − 1) × 100. */
export function growthPct(cur: Interval, prev: Interval): Interval {
  return scaleBy(sub(div(cur, prev), point(1)), 100);
}

/**
 * A shifted decimal point that explains a printed number: "159" for 15.9
 * (a lost decimal point), or ×10^n. Returns the fitting text, or null.
 */
export function decimalSlip(
  value: number,
  decimals: number,
  expected: Interval,
): { text: string; what: string } | null {
  for (const n of [1, 2, -1]) {
    const v = value / 10 ** n;
    const d = Math.max(0, decimals + n);
    const iv = printedInterval(v, d);
    if (overlaps(iv, expected))
      return {
        text: v.toFixed(d),
        what: n > 0 ? 'a lost decimal point' : 'a decimal point one place too far left',
      };
  }
  return null;
}

/** The largest set of intervals with a common point: that common part (sweep over the endpoints). */
export function largestCommon(ivs: Interval[]): Interval | null {
  const ev: { x: number; open: boolean }[] = [];
  for (const iv of ivs) {
    if (!Number.isFinite(iv.lo) || !Number.isFinite(iv.hi)) continue;
    ev.push({ x: iv.lo, open: true }, { x: iv.hi, open: false });
  }
  ev.sort((a, b) => a.x - b.x || (a.open === b.open ? 0 : a.open ? -1 : 1));
  let depth = 0;
  let best = 0;
  let bestX = Number.NaN;
  for (const e of ev) {
    depth += e.open ? 1 : -1;
    if (e.open && depth > best) {
      best = depth;
      bestX = e.x;
    }
  }
  if (best < 2 || best <= ivs.length / 2) return null;
  const members = ivs.filter((iv) => iv.lo <= bestX && iv.hi >= bestX);
  return { lo: Math.max(...members.map((m) => m.lo)), hi: Math.min(...members.map((m) => m.hi)) };
}
