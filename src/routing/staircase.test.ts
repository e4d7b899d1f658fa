import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SearchContext } from './search.ts';
import { insertByTime, insertLinear, LabelTree } from './tree.ts';

/** A context whose only use here is `isTransfer`: edges divisible by 3 are transfers. */
const ctx = { isTransfer: (e: number) => e % 3 === 0 } as unknown as SearchContext;

interface Offer {
  node: number;
  edge: number;
  value: number;
  time: number;
  guard: number;
}

/** Values and arrivals on a coarse grid (many ties and exact equalities) or anywhere (rounding). */
const number = (coarse: boolean) =>
  coarse
    ? fc.integer({ min: 0, max: 12 }).map((k) => k * 0.5)
    : fc.double({ min: 0, max: 1e5, noNaN: true, noDefaultInfinity: true });

const offers = (coarse: boolean) =>
  fc.array(
    fc.record({
      node: fc.integer({ min: 0, max: 2 }),
      edge: fc.integer({ min: -1, max: 8 }),
      value: number(coarse),
      time: number(coarse),
      guard: fc.integer({ min: -1, max: 2 }),
    }),
    { maxLength: 300 },
  );

const rates = fc.oneof(
  fc.constant(0),
  fc.constant(1),
  fc.constant(0.1),
  fc.double({ min: 0, max: 50, noNaN: true }),
);

/** Runs the same offers through the linear scan and the staircases; every decision and death must agree. */
function sideBySide(list: Offer[], w: number): void {
  const linear = new LabelTree(3);
  const stairs = new LabelTree(3);
  linear.reset();
  stairs.reset();
  list.forEach((o, n) => {
    const a = insertLinear(linear, ctx, o.node, o.edge, -1, o.value, 0, o.time, o.guard, true, w);
    const b = insertByTime(stairs, ctx, o.node, o.edge, -1, o.value, 0, o.time, o.guard, w);
    expect(b, `offer ${n} kept by one and not the other`).toBe(a);
    expect(Array.from(stairs.lDead.subarray(0, stairs.size)), `deaths after offer ${n}`).toEqual(
      Array.from(linear.lDead.subarray(0, linear.size)),
    );
  });
}

describe('staircase dominance', () => {
  it('keeps and drops exactly what the linear scan does, on a coarse grid', () => {
    fc.assert(
      fc.property(offers(true), rates, (list, w) => sideBySide(list, w)),
      { numRuns: 300 },
    );
  });

  it('keeps and drops exactly what the linear scan does, on any values', () => {
    fc.assert(
      fc.property(offers(false), rates, (list, w) => sideBySide(list, w)),
      { numRuns: 300 },
    );
  });

  it('keeps a long staircase of cheaper-but-later labels and drops one dominated by its latest step', () => {
    const T = new LabelTree(1);
    T.reset();
    for (let k = 0; k < 50; k++) expect(insertByTime(T, ctx, 0, 1, -1, 100 - k, 0, k, -1, 2)).toBe(k);
    // at 49.5 worth 51.9: the label at 49 (worth 51) charged 0.5 h at 2 is 52 > 51.9, the one at 48 is 54.
    expect(insertByTime(T, ctx, 0, 1, -1, 51.9, 0, 49.5, -1, 2)).toBe(50);
    // at 49.5 worth 52: the label at 49 is 52 ≤ 52.
    expect(insertByTime(T, ctx, 0, 1, -1, 52, 0, 49.5, -1, 2)).toBe(-1);
    // at 10 worth 80 kills the labels at k ≥ 10 worth 100 − k ≥ 80 + 2 × (k − 10): k = 10 … 13.
    expect(insertByTime(T, ctx, 0, 1, -1, 80, 0, 10, -1, 2)).toBe(51);
    const dead = Array.from(T.lDead.subarray(0, T.size)).flatMap((d, id) => (d ? [id] : []));
    expect(dead).toEqual([10, 11, 12, 13]);
  });
});
