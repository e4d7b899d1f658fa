import { describe, expect, it } from 'vitest';
import { CARGO_COUNT, EDGE_KIND, MODE_CODE } from '../types.ts';
import type { EdgeDraft } from './draft.ts';
import { packEdges } from './pack.ts';

const edge = (tail: number, head: number, hours: number): EdgeDraft => ({
  tail,
  head,
  kind: 'link',
  mode: 'rail',
  km: hours * 100,
  cost: Array.from({ length: CARGO_COUNT }, (_, c) => ({
    hours: hours + c,
    usd: 1,
    co2eKg: 2,
    co2eKgTtw: 3,
  })),
  mask: 0b101,
  calendar: -1,
  ref: tail,
});

describe('CSR packing (compile, last stage)', () => {
  it('orders edges by tail, keeping the order they were added, with the reverse adjacency by head', () => {
    const p = packEdges(3, [edge(2, 0, 1), edge(0, 1, 2), edge(2, 1, 3), edge(0, 2, 4)]);
    expect([...p.offsets]).toEqual([0, 2, 2, 4]);
    expect([...p.tail]).toEqual([0, 0, 2, 2]);
    expect([...p.targets]).toEqual([1, 2, 0, 1]);
    expect([...p.km]).toEqual([200, 400, 100, 300]);
    expect([...p.rOffsets]).toEqual([0, 1, 3, 4]);
    expect([...p.rEdges]).toEqual([2, 0, 3, 1]);
    expect([...p.hours.subarray(CARGO_COUNT, 2 * CARGO_COUNT)]).toEqual([4, 5, 6, 7, 8]);
    expect(p.kind[0]).toBe(EDGE_KIND.link);
    expect(p.mode[0]).toBe(MODE_CODE.rail);
    expect([...p.ref]).toEqual([0, 0, 2, 2]);
    expect(p.co2eKgTtw.every((x) => x === 3)).toBe(true);
  });

  it('packs no edges into empty arrays', () => {
    const p = packEdges(2, []);
    expect([...p.offsets]).toEqual([0, 0, 0]);
    expect(p.targets.length).toBe(0);
  });
});
