/**
 * Last stage of `compileNetwork`: the edge drafts packed into the CSR layout
 * of `types.ts` (by tail, edges of one tail in the order they were added),
 * with the reverse adjacency (by head) and the per-edge, per-cargo attribute
 * arrays.
 */
import { CARGO_COUNT, EDGE_KIND, MODE_CODE, type Network } from '../types.ts';
import type { EdgeDraft } from './draft.ts';

export type PackedEdges = Pick<
  Network,
  | 'offsets'
  | 'tail'
  | 'targets'
  | 'rOffsets'
  | 'rEdges'
  | 'kind'
  | 'mode'
  | 'km'
  | 'hours'
  | 'costUsd'
  | 'co2eKg'
  | 'co2eKgTtw'
  | 'cargoMask'
  | 'calendar'
  | 'ref'
>;

/** Packs `edges` over `n` nodes; an edge's id is its position in `targets`. */
export function packEdges(n: number, edges: readonly EdgeDraft[]): PackedEdges {
  const m = edges.length;
  const offsets = new Int32Array(n + 1);
  for (const e of edges) offsets[e.tail + 1]++;
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const cursor = offsets.slice(0, n);
  const p: PackedEdges = {
    offsets,
    tail: new Int32Array(m),
    targets: new Int32Array(m),
    rOffsets: new Int32Array(n + 1),
    rEdges: new Int32Array(m),
    kind: new Uint8Array(m),
    mode: new Uint8Array(m),
    km: new Float64Array(m),
    hours: new Float64Array(m * CARGO_COUNT),
    costUsd: new Float64Array(m * CARGO_COUNT),
    co2eKg: new Float64Array(m * CARGO_COUNT),
    co2eKgTtw: new Float64Array(m * CARGO_COUNT),
    cargoMask: new Uint8Array(m),
    calendar: new Int32Array(m),
    ref: new Int32Array(m),
  };
  for (const e of edges) {
    const i = cursor[e.tail]++;
    p.tail[i] = e.tail;
    p.targets[i] = e.head;
    p.kind[i] = EDGE_KIND[e.kind];
    p.mode[i] = MODE_CODE[e.mode];
    p.km[i] = e.km;
    for (let c = 0; c < CARGO_COUNT; c++) {
      p.hours[i * CARGO_COUNT + c] = e.cost[c].hours;
      p.costUsd[i * CARGO_COUNT + c] = e.cost[c].usd;
      p.co2eKg[i * CARGO_COUNT + c] = e.cost[c].co2eKg;
      p.co2eKgTtw[i * CARGO_COUNT + c] = e.cost[c].co2eKgTtw;
    }
    p.cargoMask[i] = e.mask;
    p.calendar[i] = e.calendar;
    p.ref[i] = e.ref;
  }
  const { rOffsets, rEdges, targets } = p;
  for (let i = 0; i < m; i++) rOffsets[targets[i] + 1]++;
  for (let v = 0; v < n; v++) rOffsets[v + 1] += rOffsets[v];
  const rCursor = rOffsets.slice(0, n);
  for (let i = 0; i < m; i++) rEdges[rCursor[targets[i]]++] = i;
  return p;
}
