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
              model.set(node, Math.min(model.get(node) ?? Number.POSITIVE_INFINITY, key));
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
          expect(popped).toEqual([...model.values()].sort((a, b) => a - b));
          expect(heap.pop()).toBe(-1);
          expect(heap.topKey()).toBe(Number.POSITIVE_INFINITY);
        },
      ),
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
