import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexedMinHeap } from './heap.ts';

describe('IndexedMinHeap', () => {
  it('pops in key order after pushes, decreases and increases', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 19 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
          maxLength: 80,
        }),
        (ops) => {
          const heap = new IndexedMinHeap(20);
          const model = new Map<number, number>();
          ops.forEach(([node, key], i) => {
            if (i % 3 === 0) {
              heap.set(node, key);
              model.set(node, key);
            } else {
              heap.push(node, key);
              // push lowers a key only when the new one is strictly smaller (so 0 after -0
              // keeps -0 and -0 after 0 keeps 0, where Math.min would pick -0 both times)
              const old = model.get(node);
              model.set(node, old === undefined || key < old ? key : old);
            }
          });
          expect(heap.size).toBe(model.size);
          for (const [node, key] of model) {
            expect(heap.contains(node)).toBe(true);
            expect(heap.keyOf(node)).toBe(key);
          }
          const popped: number[] = [];
          while (heap.size > 0) {
            const key = heap.topKey();
            const node = heap.pop();
            expect(model.get(node)).toBe(key);
            popped.push(key);
          }
          // the order of 0 and -0 between two nodes is free (they compare equal); `+ 0` makes -0 into 0
          const plusZero = (k: number) => k + 0;
          expect(popped.map(plusZero)).toEqual([...model.values()].sort((a, b) => a - b).map(plusZero));
          expect(heap.pop()).toBe(-1);
          expect(heap.topKey()).toBe(Number.POSITIVE_INFINITY);
        },
      ),
      {
        examples: [
          [
            [
              [0, 0],
              [0, -0],
            ],
          ],
          [
            [
              [0, -0],
              [0, 0],
              [1, 0],
              [2, -0],
            ],
          ],
        ],
      },
    );
  });

  it('grows past its capacity hint for ids it was not sized for (labels of a label search)', () => {
    const heap = new IndexedMinHeap(2);
    expect(heap.contains(5000)).toBe(false);
    expect(Number.isNaN(heap.keyOf(5000))).toBe(true);
    for (let id = 0; id < 5000; id++) heap.push(id, (id * 7919) % 5003);
    heap.push(2, -1); // a decrease-key after growing
    expect(heap.size).toBe(5000);
    expect(heap.pop()).toBe(2);
    let prev = Number.NEGATIVE_INFINITY;
    let n = 1;
    while (heap.size > 0) {
      const k = heap.topKey();
      expect(k).toBeGreaterThanOrEqual(prev);
      prev = k;
      heap.pop();
      n++;
    }
    expect(n).toBe(5000);
  });

  it('empties with clear and can be reused', () => {
    const heap = new IndexedMinHeap(8);
    heap.push(3, 1);
    heap.push(4, 0.5);
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.contains(3)).toBe(false);
    heap.push(3, 2);
    expect(heap.pop()).toBe(3);
  });
});
