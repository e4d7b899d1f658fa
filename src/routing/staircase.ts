/**
 * The label trees' dominance test on value and arrival without scanning a
 * node's whole bag (`tree.ts`: A dominates B when A arrives no later, is
 * worth no more once B's lateness is charged at the wait rate w, and may go
 * on wherever B may).
 *
 * A node's labels are kept in groups of one way to go on (guarded place,
 * arrived by a transfer or not), each sorted by arrival. Inside a group no
 * label dominates another, so, on the reduced value r = value − w·arrival,
 * a later label has a lower r than an earlier one: the group is a staircase.
 * A new label B is dominated by a group member only if one arriving no later
 * has r ≤ r(B); the latest such has the least r. So the scan starts there and
 * goes back, and stops as soon as a member's r is above r(B) by more than
 * twice the rounding room τ (every earlier member's r is then above r(B) by
 * more than τ and cannot dominate B). Killing goes forward from B's arrival
 * with the same stop. Every label looked at is tested with the very
 * expression of the linear scan (`va + w·(tb − ta) ≤ vb`), so the keep/drop
 * decisions are the linear scan's (test: staircase.test.ts, side by side on
 * random bags). τ bounds the rounding of both sides: the tests' and r's
 * round-off is a few units in the last place of |value| + w·|arrival| (at
 * most ~11·2⁻⁵³ of the largest in the tree); τ is 1e−12 of it. A NaN or an
 * infinite value makes τ NaN or infinite and the scans whole (still exact).
 */
import { grownArray } from './search.ts';

/** The label store the staircases index (`LabelTree`). */
export interface LabelView {
  lValue: Float64Array;
  lTime: Float64Array;
  lDead: Uint8Array;
}

/** Per node, its labels in groups of one way to go on, each sorted by arrival. */
export class Staircases {
  /** Per node: its first group, −1 when none. */
  private readonly first: Int32Array;
  private gNext = new Int32Array(256);
  private gGuard = new Int32Array(256);
  private gVia = new Uint8Array(256);
  /** Per group: its labels by arrival (arrays kept between searches). */
  private readonly gItems: number[][] = [];
  private groups = 0;
  /** The largest |value| + w·|arrival| of the search's labels (NaN once one is NaN). */
  private magnitude = 0;

  constructor(nodeCount: number) {
    this.first = new Int32Array(nodeCount).fill(-1);
  }

  reset(): void {
    this.first.fill(-1);
    this.groups = 0;
    this.magnitude = 0;
  }

  /**
   * Whether a label at `u` (value `v`, arrival `t`, guarded place `guard`,
   * arrived by a transfer `via`) is dominated by one there, under wait rate `w`.
   */
  dominated(L: LabelView, u: number, v: number, t: number, guard: number, via: boolean, w: number): boolean {
    const mag = Math.abs(v) + w * Math.abs(t);
    if (!(mag <= this.magnitude)) this.magnitude = mag;
    const stop = v - w * t + 2 * this.room();
    const { lValue, lTime } = L;
    for (let g = this.first[u]; g >= 0; g = this.gNext[g]) {
      const gg = this.gGuard[g];
      if ((gg >= 0 && gg !== guard) || (this.gVia[g] && !via)) continue;
      const items = this.gItems[g];
      for (let j = lastAtOrBefore(items, lTime, t); j >= 0; j--) {
        const a = items[j];
        const at = lTime[a];
        if (lValue[a] + w * (t - at) <= v) return true;
        if (lValue[a] - w * at > stop) break;
      }
    }
    return false;
  }

  /** Marks dead and takes out the labels at `u` the new label `id` (guard, via) dominates under `w`. */
  kill(L: LabelView, u: number, id: number, guard: number, via: boolean, w: number): void {
    const { lValue, lTime, lDead } = L;
    const v = lValue[id];
    const t = lTime[id];
    const stop = v - w * t - 2 * this.room();
    for (let g = this.first[u]; g >= 0; g = this.gNext[g]) {
      if ((guard >= 0 && guard !== this.gGuard[g]) || (via && !this.gVia[g])) continue;
      const items = this.gItems[g];
      let keep = lastAtOrBefore(items, lTime, t);
      if (keep >= 0 && lTime[items[keep]] === t) keep--;
      let j = keep + 1;
      for (; j < items.length; j++) {
        const k = items[j];
        const kt = lTime[k];
        if (v + w * (kt - t) <= lValue[k]) {
          lDead[k] = 1;
          continue;
        }
        items[++keep] = k;
        if (lValue[k] - w * kt < stop) {
          j++;
          break;
        }
      }
      if (keep + 1 < j) {
        for (; j < items.length; j++) items[++keep] = items[j];
        items.length = keep + 1;
      }
    }
  }

  /** Puts label `id` at `u` into its group (guard, via), after those arriving no later. */
  place(L: LabelView, u: number, id: number, guard: number, via: boolean): void {
    const items = this.gItems[this.group(u, guard, via)];
    const at = lastAtOrBefore(items, L.lTime, L.lTime[id]) + 1;
    if (at === items.length) items.push(id);
    else items.splice(at, 0, id);
  }

  private room(): number {
    return 1e-12 * this.magnitude;
  }

  private group(u: number, guard: number, via: boolean): number {
    const v = via ? 1 : 0;
    for (let g = this.first[u]; g >= 0; g = this.gNext[g])
      if (this.gGuard[g] === guard && this.gVia[g] === v) return g;
    if (this.groups === this.gNext.length) {
      const n = this.groups * 2;
      this.gNext = grownArray(this.gNext, n);
      this.gGuard = grownArray(this.gGuard, n);
      this.gVia = grownArray(this.gVia, n);
    }
    const g = this.groups++;
    if (g === this.gItems.length) this.gItems.push([]);
    else this.gItems[g].length = 0;
    this.gGuard[g] = guard;
    this.gVia[g] = v;
    this.gNext[g] = this.first[u];
    this.first[u] = g;
    return g;
  }
}

/** The index of the last item arriving at or before `t` (items sorted by arrival), −1 when none. */
function lastAtOrBefore(items: number[], time: Float64Array, t: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[items[mid]] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
