/**
 * The month-by-month loading loop of each method, over the months assigned
 * (each month independent): `aon` (all-or-nothing at free-flow cost),
 * `incremental` (N equal slices, each all-or-nothing at the costs of the
 * load so far, with the relative gap after every slice) and `fw`
 * (Frank–Wolfe on the Beckmann objective with a bisection line search,
 * stopping when the relative gap (TSTC − SPTC) / TSTC falls below the
 * target). The first all-or-nothing of every method records which flows have
 * no path in which month.
 */
import type { AonLoader } from './aon.ts';
import type { Elements } from './elements.ts';
import type { AssignMethod, IterationReport } from './types.ts';

export interface Loads {
  /** Tonnes on each edge, per month assigned (same order as `months`). */
  load: Float64Array[];
  /** Of which in containers. */
  loadC: Float64Array[];
  iterations: IterationReport[];
}

interface LoopState {
  months: number[];
  aon: AonLoader;
  elements: Elements;
  load: Float64Array[];
  loadC: Float64Array[];
  /** Free-flow cost of each month's load so far. */
  perMonth: { F: number }[];
  iterations: IterationReport[];
}

/** Loads the months with `method` (`iterations`: slices or Frank–Wolfe iterations). */
export function loadMonths(
  method: AssignMethod,
  iterations: number,
  gapTarget: number,
  months: number[],
  aon: AonLoader,
  elements: Elements,
): Loads {
  const E = aon.net.edgeCount;
  const st: LoopState = {
    months,
    aon,
    elements,
    load: months.map(() => new Float64Array(E)),
    loadC: months.map(() => new Float64Array(E)),
    perMonth: months.map(() => ({ F: 0 })),
    iterations: [],
  };
  if (method === 'aon' || elements.count === 0) allOrNothing(st);
  else if (method === 'incremental') incremental(st, Math.max(1, iterations));
  else frankWolfe(st, iterations, gapTarget);
  return { load: st.load, loadC: st.loadC, iterations: st.iterations };
}

function allOrNothing(st: LoopState): void {
  const { months, elements } = st;
  const vx = new Float64Array(elements.count);
  const t1 = performance.now();
  let obj = 0;
  months.forEach((m, mi) => {
    const r = st.aon.load(m, null, 1, st.load[mi], st.loadC[mi], true);
    st.perMonth[mi].F = r.base;
    elements.volumes(st.load[mi], vx);
    obj += r.base + elements.beckmann(vx, m);
  });
  st.iterations.push({
    iteration: 1,
    relativeGap: null,
    lambda: null,
    objective: obj,
    ms: performance.now() - t1,
  });
}

/** Total system cost of month mi's load and the shortest-path cost of `share` of its demand at that load's costs. */
function systemCosts(
  st: LoopState,
  mi: number,
  share: number,
  s: { y: Float64Array; yc: Float64Array; extra: Float64Array; vx: Float64Array },
): { tstc: number; sptc: number; base: number } {
  const { elements } = st;
  const m = st.months[mi];
  elements.volumes(st.load[mi], s.vx);
  elements.extraFrom(s.vx, s.extra, m);
  const r = st.aon.load(m, s.extra, share, s.y, s.yc, false);
  let congX = 0;
  for (let k = 0; k < elements.count; k++) congX += elements.congestion(k, s.vx[k], m) * s.vx[k];
  return { tstc: st.perMonth[mi].F + congX, sptc: r.congested, base: r.base };
}

function incremental(st: LoopState, steps: number): void {
  const { months, elements } = st;
  const E = st.aon.net.edgeCount;
  const s = {
    y: new Float64Array(E),
    yc: new Float64Array(E),
    extra: new Float64Array(E),
    vx: new Float64Array(elements.count),
  };
  // relative gap of the loads so far against all-or-nothing of the same share of the demand
  const gapNow = (share: number): { gap: number; tstc: number; sptc: number } => {
    let tstc = 0;
    let sptc = 0;
    months.forEach((_, mi) => {
      const c = systemCosts(st, mi, share, s);
      tstc += c.tstc;
      sptc += c.sptc;
    });
    return { gap: tstc > 0 ? (tstc - sptc) / tstc : 0, tstc, sptc };
  };
  for (let step = 0; step < steps; step++) {
    const t1 = performance.now();
    let obj = 0;
    months.forEach((m, mi) => {
      elements.volumes(st.load[mi], s.vx);
      elements.extraFrom(s.vx, s.extra, m);
      const r = st.aon.load(m, step === 0 ? null : s.extra, 1 / steps, s.y, s.yc, step === 0);
      st.perMonth[mi].F += r.base;
      const x = st.load[mi];
      const xc = st.loadC[mi];
      for (let e = 0; e < E; e++) {
        x[e] += s.y[e];
        xc[e] += s.yc[e];
      }
      elements.volumes(x, s.vx);
      obj += st.perMonth[mi].F + elements.beckmann(s.vx, m);
    });
    const g = gapNow((step + 1) / steps);
    st.iterations.push({
      iteration: step + 1,
      relativeGap: g.gap,
      lambda: 1 / steps,
      objective: obj,
      ms: performance.now() - t1,
      tstc: g.tstc,
      sptc: g.sptc,
    });
  }
}

/**
 * The step λ in [0, 1] along the Frank–Wolfe direction where the derivative
 * of the objective `deriv(λ)` (increasing in λ) changes sign: 1 or 0 at the
 * ends, else by 40 bisections.
 */
export function lineSearch(deriv: (lam: number) => number): number {
  if (deriv(1) <= 0) return 1;
  if (deriv(0) >= 0) return 0;
  let lo = 0;
  let hi = 1;
  for (let b = 0; b < 40; b++) {
    const mid = (lo + hi) / 2;
    if (deriv(mid) > 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

function frankWolfe(st: LoopState, iterations: number, gapTarget: number): void {
  const { months, elements } = st;
  const E = st.aon.net.edgeCount;
  const K = elements.count;
  const s = {
    y: new Float64Array(E),
    yc: new Float64Array(E),
    extra: new Float64Array(E),
    vx: new Float64Array(K),
  };
  const vy = new Float64Array(K);
  months.forEach((m, mi) => {
    const r = st.aon.load(m, null, 1, st.load[mi], st.loadC[mi], true);
    st.perMonth[mi].F = r.base;
  });
  for (let it = 1; it <= iterations; it++) {
    const t1 = performance.now();
    let tstc = 0;
    let sptc = 0;
    let obj = 0;
    let lamSum = 0;
    months.forEach((m, mi) => {
      const x = st.load[mi];
      const xc = st.loadC[mi];
      const c = systemCosts(st, mi, 1, s);
      tstc += c.tstc;
      sptc += c.sptc;
      // line search: d/dλ of the Beckmann objective along y − x
      elements.volumes(s.y, vy);
      const dF = c.base - st.perMonth[mi].F;
      const lam = lineSearch((lam) => {
        let d = dF;
        for (let k = 0; k < K; k++) {
          const dv = vy[k] - s.vx[k];
          if (dv !== 0) d += elements.congestion(k, s.vx[k] + lam * dv, m) * dv;
        }
        return d;
      });
      lamSum += lam;
      for (let e = 0; e < E; e++) {
        x[e] += lam * (s.y[e] - x[e]);
        xc[e] += lam * (s.yc[e] - xc[e]);
      }
      st.perMonth[mi].F += lam * dF;
      elements.volumes(x, s.vx);
      obj += st.perMonth[mi].F + elements.beckmann(s.vx, m);
    });
    const gap = tstc > 0 ? (tstc - sptc) / tstc : 0;
    st.iterations.push({
      iteration: it,
      relativeGap: gap,
      lambda: lamSum / months.length,
      objective: obj,
      ms: performance.now() - t1,
      tstc,
      sptc,
    });
    if (gap < gapTarget) break;
  }
}
