/**
 * Economic complexity (Hidalgo & Hausmann 2009; Hausmann, Hidalgo et al.,
 * *The Atlas of Economic Complexity*, 2011/2013), with the conventions of the
 * Harvard Growth Lab's reference implementation (py-ecomplexity):
 *
 * - presence: `M[c][p] = 1` when the Balassa RCA ≥ 1 (`rcaMatrix`, `presence`);
 *   places without any product and products nobody has are left out (listed
 *   in `excluded`), since their indices are undefined;
 * - diversity `k_c0 = Σ_p M[c][p]`, ubiquity `k_p0 = Σ_c M[c][p]`;
 * - PCI is the eigenvector of the second-largest eigenvalue of
 *   `M̃pp = D_u⁻¹ Mᵀ D_d⁻¹ M`, and ECI the average of it over each place's
 *   products, `kc = D_d⁻¹ M kp` (`method: 'eigenvector'`); the method of
 *   reflections (`method: 'reflections'`) iterates
 *   `kc ← D_d⁻¹ M D_u⁻¹ Mᵀ kc`, standardising each step, and converges to
 *   the same vector;
 * - sign: an eigenvector's sign is arbitrary, so both are flipped when ECI
 *   correlates negatively with diversity (py-ecomplexity; phcsoares/econci#15);
 * - normalisation: ECI and PCI are both standardised with ECI's mean and
 *   (population) standard deviation, which keeps ECI = the mean PCI of a
 *   place's products (cid-harvard/ecomplexity#3; py-ecomplexity#19, #23);
 * - proximity `φ[p][q] = Σ_c M[c][p] M[c][q] / max(k_p0, k_q0)` (the smaller
 *   of the two conditional probabilities; 1 on the diagonal), and density
 *   `ω[c][p] = Σ_q M[c][q] φ[q][p] / Σ_q φ[q][p]`.
 *
 * The eigenvector is computed on the symmetric matrix
 * `S = D_d^-½ M D_u⁻¹ Mᵀ D_d^-½` (similar to `M̃cc`) with Jacobi rotations,
 * so no general eigen-solver is needed and the eigenvalues come out real.
 */
import { AmurError } from '../../errors.ts';

import type { Store } from '../store.ts';
import {
  flowConditions,
  type IndicatorDef,
  IndicatorError,
  type IndicatorParams,
  indicatorNote,
  productConditionFor,
  productLevel,
  queryRows,
} from './common.ts';

/** A place × product matrix of export values (rows: places, columns: products). */
export interface ExportMatrix {
  places: string[];
  products: string[];
  values: number[][];
}

/** The data cannot give an index (too few places or products, all alike): the user's selection is at fault. */
export class ComplexityError extends AmurError {
  override name = 'ComplexityError';
  constructor(message: string) {
    super('input', message);
  }
}

/** Balassa RCA: `(x_cp / Σ_p x_cp) / (Σ_c x_cp / Σ_cp x_cp)`; 0 where a place or product exports nothing. */
export function rcaMatrix(values: number[][]): number[][] {
  const rows = values.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = values[0]?.map((_, p) => values.reduce((a, r) => a + r[p], 0)) ?? [];
  const total = rows.reduce((a, b) => a + b, 0);
  return values.map((r, c) =>
    r.map((x, p) => (rows[c] > 0 && cols[p] > 0 ? x / rows[c] / (cols[p] / total) : 0)),
  );
}

/** `M[c][p] = 1` where `rca ≥ threshold` (1 by convention). */
export function presence(rca: number[][], threshold = 1): number[][] {
  return rca.map((r) => r.map((x) => (x >= threshold ? 1 : 0)));
}

export interface ComplexityResult {
  method: 'eigenvector' | 'reflections';
  places: string[];
  products: string[];
  /** normalised with ECI's mean and population standard deviation */
  eci: number[];
  pci: number[];
  diversity: number[];
  ubiquity: number[];
  /** the second-largest eigenvalue of M̃cc (= M̃pp) */
  eigenvalue: number;
  /** iterations of the method of reflections (0 for the eigenvector form) */
  iterations: number;
  /** places without any product and products nobody has: no index is defined for them */
  excluded: { places: string[]; products: string[] };
}

/** ECI and PCI of a presence matrix `m` (rows `places`, columns `products`). */
export function complexity(
  places: string[],
  products: string[],
  m: number[][],
  opts: { method?: 'eigenvector' | 'reflections'; tolerance?: number; maxIterations?: number } = {},
): ComplexityResult {
  const keepC = m.map((r) => r.some((x) => x > 0));
  const keepP = products.map((_, p) => m.some((r) => r[p] > 0));
  const M = m.filter((_, c) => keepC[c]).map((r) => r.filter((_, p) => keepP[p]));
  const C = M.length;
  const P = M[0]?.length ?? 0;
  if (C < 2 || P < 2)
    throw new ComplexityError(
      `complexity needs at least 2 places and 2 products with a revealed comparative advantage (have ${C} and ${P})`,
    );
  const d = M.map((r) => r.reduce((a, b) => a + b, 0));
  const u = Array.from({ length: P }, (_, p) => M.reduce((a, r) => a + r[p], 0));
  const { vector, eigenvalue, iterations } =
    opts.method === 'reflections'
      ? reflections(M, d, u, opts.tolerance ?? 1e-12, opts.maxIterations ?? 10_000)
      : secondEigenvector(M, d, u);
  // kp from kc, then kc as the mean of its products' kp (py-ecomplexity's order)
  const kp = Array.from({ length: P }, (_, p) => M.reduce((a, r, c) => a + r[p] * vector[c], 0) / u[p]);
  let kc = M.map((r, c) => r.reduce((a, x, p) => a + x * kp[p], 0) / d[c]);
  let kpSigned = kp;
  if (correlation(kc, d) < 0) {
    kc = kc.map((x) => -x);
    kpSigned = kp.map((x) => -x);
  }
  const mean = kc.reduce((a, b) => a + b, 0) / C;
  const sd = Math.sqrt(kc.reduce((a, x) => a + (x - mean) ** 2, 0) / C);
  if (!(sd > 0)) throw new ComplexityError('every place has the same complexity: ECI is undefined');
  return {
    method: opts.method ?? 'eigenvector',
    places: places.filter((_, c) => keepC[c]),
    products: products.filter((_, p) => keepP[p]),
    eci: kc.map((x) => (x - mean) / sd),
    pci: kpSigned.map((x) => (x - mean) / sd),
    diversity: d,
    ubiquity: u,
    eigenvalue,
    iterations,
    excluded: {
      places: places.filter((_, c) => !keepC[c]),
      products: products.filter((_, p) => !keepP[p]),
    },
  };
}

/** The eigenvector of M̃cc for its second-largest eigenvalue, via the symmetric similar matrix S. */
function secondEigenvector(M: number[][], d: number[], u: number[]) {
  const C = M.length;
  const S = Array.from({ length: C }, (_, i) =>
    Array.from(
      { length: C },
      (_, j) => M[i].reduce((a, x, p) => a + (x * M[j][p]) / u[p], 0) / Math.sqrt(d[i] * d[j]),
    ),
  );
  const { values, vectors } = jacobiEigen(S);
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const [l1, l2, l3] = order.map(([v]) => v);
  if (l2 > 1 - 1e-9 * Math.max(1, l1))
    throw new ComplexityError(
      'the place-product network falls apart into groups that share no product: ECI is not defined across them (compute it per group)',
    );
  if (l3 !== undefined && Math.abs(l2 - l3) < 1e-9)
    throw new ComplexityError('the second eigenvalue is repeated: ECI is not unique for this matrix');
  const i2 = order[1][1];
  // back from S's eigenvector w to M̃cc's: v = D_d^-½ w
  return { vector: vectors.map((row, c) => row[i2] / Math.sqrt(d[c])), eigenvalue: l2, iterations: 0 };
}

/** The method of reflections, standardised each step (two reflections per step, place side). */
function reflections(M: number[][], d: number[], u: number[], tolerance: number, maxIterations: number) {
  const P = u.length;
  let kc = standardise(d.slice());
  for (let n = 1; n <= maxIterations; n++) {
    const kp = Array.from({ length: P }, (_, p) => M.reduce((a, r, c) => a + r[p] * kc[c], 0) / u[p]);
    const raw = M.map((r, c) => r.reduce((a, x, p) => a + x * kp[p], 0) / d[c]);
    const lambda = norm(centre(raw)) / norm(centre(kc));
    const next = standardise(raw);
    const sign = next.reduce((a, x, c) => a + x * kc[c], 0) < 0 ? -1 : 1;
    const change = Math.max(...next.map((x, c) => Math.abs(sign * x - kc[c])));
    kc = next.map((x) => sign * x);
    if (change < tolerance) return { vector: kc, eigenvalue: lambda, iterations: n };
  }
  throw new ComplexityError(
    `the method of reflections did not converge in ${maxIterations} iterations (the second and third eigenvalues are too close); use the eigenvector form`,
  );
}

/** Proximity: `φ[p][q] = Σ_c M[c][p] M[c][q] / max(k_p0, k_q0)`. */
export function proximity(m: number[][]): number[][] {
  const P = m[0]?.length ?? 0;
  const u = Array.from({ length: P }, (_, p) => m.reduce((a, r) => a + r[p], 0));
  return Array.from({ length: P }, (_, p) =>
    Array.from({ length: P }, (_, q) => {
      const both = m.reduce((a, r) => a + r[p] * r[q], 0);
      const den = Math.max(u[p], u[q]);
      return den > 0 ? both / den : 0;
    }),
  );
}

/** Density: `ω[c][p] = Σ_q M[c][q] φ[q][p] / Σ_q φ[q][p]` (0 for a product close to nothing). */
export function density(m: number[][], phi: number[][]): number[][] {
  const P = phi.length;
  const colSum = Array.from({ length: P }, (_, p) => phi.reduce((a, r) => a + r[p], 0));
  return m.map((r) =>
    Array.from({ length: P }, (_, p) =>
      colSum[p] > 0 ? r.reduce((a, x, q) => a + x * phi[q][p], 0) / colSum[p] : 0,
    ),
  );
}

/** Eigenvalues and eigenvectors (columns) of a symmetric matrix, by cyclic Jacobi rotations. */
export function jacobiEigen(A: number[][]): { values: number[]; vectors: number[][] } {
  const n = A.length;
  const a = A.map((r) => r.slice());
  const v: number[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i][j] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
  }
  return { values: a.map((r, i) => r[i]), vectors: v };
}

function centre(x: number[]): number[] {
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  return x.map((v) => v - m);
}

function norm(x: number[]): number {
  return Math.sqrt(x.reduce((a, v) => a + v * v, 0));
}

function standardise(x: number[]): number[] {
  const c = centre(x);
  const sd = norm(c) / Math.sqrt(x.length);
  return sd > 0 ? c.map((v) => v / sd) : c;
}

function correlation(x: number[], y: number[]): number {
  const a = centre(x);
  const b = centre(y);
  return a.reduce((s, v, i) => s + v * b[i], 0) / (norm(a) * norm(b) || 1);
}

// ---------------------------------------------------------------- as indicators over the store

/**
 * `eci` / `pci` over the store: the exports of every country reporter to the
 * world (partner WLD, else the sum over partner countries) by HS product of
 * one level, for one year and one source, → Balassa RCA ≥ 1 → the indices
 * above (`--method reflections` for the method of reflections). Needs many
 * countries and products (a BACI or Comtrade file), not a province's table.
 */
async function complexityOfStore(store: Store, p: IndicatorParams) {
  if (p.year === undefined) throw new IndicatorError('eci and pci are computed for one year: give --year');
  const method = p.method ?? 'eigenvector';
  if (method !== 'eigenvector' && method !== 'reflections')
    throw new IndicatorError(`--method ${JSON.stringify(method)}: eigenvector (default) or reflections`);
  const cond = await flowConditions(store, { ...p, flow: 'export' }, { partner: false, reporter: false });
  cond.push("reporter_level = 'country'");
  const level = await productLevel(store, cond, p);
  const pc = await productConditionFor(store, level);
  const rows = (await queryRows(
    store,
    `WITH f AS (SELECT * FROM flows WHERE ${cond.join(' AND ')} AND ${pc} AND commodity_system LIKE 'HS%'),
          w AS (SELECT source_id, reporter_code, commodity_code, sum(value_usd) AS x FROM f WHERE partner_code = 'WLD' GROUP BY ALL),
          c AS (SELECT source_id, reporter_code, commodity_code, sum(value_usd) AS x FROM f WHERE partner_level = 'country' GROUP BY ALL)
     SELECT source_id AS source, reporter_code AS reporter, commodity_code AS product, x FROM w
     UNION ALL
     SELECT c.source_id, c.reporter_code, c.commodity_code, c.x FROM c
      WHERE NOT EXISTS (SELECT 1 FROM w WHERE w.source_id = c.source_id AND w.reporter_code = c.reporter_code)`,
  )) as { source: string; reporter: string; product: string; x: number }[];
  const sources = [...new Set(rows.map((r) => r.source))];
  if (sources.length === 0)
    throw new IndicatorError(
      `eci and pci need exports by HS product of many countries in ${p.year} (a BACI or Comtrade file); the selection has none`,
    );
  if (sources.length > 1)
    throw new IndicatorError(
      `eci and pci are computed within one source; the selection has ${sources.join(', ')}: give --source`,
    );
  const places = [...new Set(rows.map((r) => r.reporter))].sort();
  const products = [...new Set(rows.map((r) => r.product))].sort();
  const ci = new Map(places.map((c, i) => [c, i]));
  const pi = new Map(products.map((q, i) => [q, i]));
  const values = places.map(() => products.map(() => 0));
  for (const r of rows) values[ci.get(r.reporter)!][pi.get(r.product)!] += r.x ?? 0;
  let result: ComplexityResult;
  try {
    result = complexity(places, products, presence(rcaMatrix(values)), { method });
  } catch (e) {
    if (e instanceof ComplexityError) throw new IndicatorError(e.message);
    throw e;
  }
  const notes = [
    indicatorNote('complexity.basis', {
      countries: result.places.length,
      products: result.products.length,
      level,
      source: sources[0],
      year: p.year ?? null,
      method,
    }),
  ];
  if (result.excluded.places.length + result.excluded.products.length)
    notes.push(
      indicatorNote('complexity.excluded', {
        countries: result.excluded.places.length,
        products: result.excluded.products.length,
      }),
    );
  return { result, notes, source: sources[0] };
}

export const eci: IndicatorDef = {
  name: 'eci',
  title: 'Economic Complexity Index of countries',
  definition:
    'ECI: the eigenvector of the second-largest eigenvalue of D_d⁻¹ M D_u⁻¹ Mᵀ, M = [RCA ≥ 1], signed to rise with diversity and standardised (Hidalgo & Hausmann 2009; the Atlas of Economic Complexity; py-ecomplexity)',
  unit: 'standard deviations',
  needs: 'exports by HS product of many countries in one year, from one source (BACI, Comtrade)',
  params: ['year', 'level', 'source', 'method'],
  async compute(store, p) {
    const { result, notes, source } = await complexityOfStore(store, p);
    const rows = result.places
      .map((c, i) => ({
        source,
        reporter: c,
        year: p.year,
        diversity: result.diversity[i],
        eci: result.eci[i],
      }))
      .sort((a, b) => b.eci - a.eci);
    return { columns: ['source', 'reporter', 'year', 'diversity', 'eci'], rows, notes };
  },
};

export const pci: IndicatorDef = {
  name: 'pci',
  title: 'Product Complexity Index',
  definition:
    'PCI: the eigenvector of the second-largest eigenvalue of D_u⁻¹ Mᵀ D_d⁻¹ M, on the same sign and scale as ECI (standardised with ECI’s mean and sd, so that ECI = the mean PCI of a country’s products)',
  unit: 'standard deviations (of ECI)',
  needs: 'exports by HS product of many countries in one year, from one source (BACI, Comtrade)',
  params: ['year', 'level', 'source', 'method'],
  async compute(store, p) {
    const { result, notes, source } = await complexityOfStore(store, p);
    const rows = result.products
      .map((q, i) => ({
        source,
        commodity: q,
        year: p.year,
        ubiquity: result.ubiquity[i],
        pci: result.pci[i],
      }))
      .sort((a, b) => b.pci - a.pci);
    return { columns: ['source', 'commodity', 'year', 'ubiquity', 'pci'], rows, notes };
  },
};

export const COMPLEXITY_INDICATORS = [eci, pci];
