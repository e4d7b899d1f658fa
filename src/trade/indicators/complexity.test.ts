/**
 * Complexity on a small example: five places, six products. The golden
 * values were computed independently with NumPy 2.4 the way the Growth Lab's
 * py-ecomplexity does (np.linalg.eig of M̃pp, kc = D_d⁻¹ M kp, sign by the
 * correlation with diversity, both indices standardised with ECI's mean and
 * population standard deviation; proximity = min of the conditional
 * probabilities, density = M φ / Σφ). The second eigenvalue is exactly
 * 1/2 + √3/6.
 *
 * The conventions are the Growth Lab's, as its own package applies them
 * (cid-harvard/py-ecomplexity at d22c0f7, ecomplexity/ecomplexity.py and
 * ComplexityData.py): the sign makes ECI correlate positively with
 * diversity; PCI is standardised with ECI's mean and standard deviation
 * (numpy arrays: the population sd), not its own, which keeps ECI equal to
 * the mean PCI of a place's products — the maintainers' answer in
 * cid-harvard/ecomplexity#3, py-ecomplexity#19 and #23, where the Atlas
 * book's Technical Box 2.1 standardises PCI by its own moments.
 * No small published example with published ECI/PCI values was found
 * (py-ecomplexity ships no test data or expected outputs; the tests of
 * econci, Datawheel's py-economic-complexity and the R economiccomplexity
 * package check only construction or output sizes on full trade data), so
 * these goldens stay independent NumPy computations of that convention.
 */
import { describe, expect, it } from 'vitest';
import {
  ComplexityError,
  complexity,
  density,
  jacobiEigen,
  presence,
  proximity,
  rcaMatrix,
} from './complexity.ts';
import { fixtureStore, insertFlows } from './fixtures.ts';
import { computeIndicator, IndicatorError } from './index.ts';

const places = ['A', 'B', 'C', 'D', 'E'];
const products = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
const exports = [
  [120, 80, 60, 30, 10, 5],
  [100, 60, 0, 20, 0, 0],
  [90, 0, 40, 0, 0, 0],
  [50, 30, 0, 0, 0, 0],
  [10, 5, 70, 60, 50, 30],
];

const golden = {
  M: [
    [0, 1, 1, 0, 0, 0],
    [1, 1, 0, 0, 0, 0],
    [1, 0, 1, 0, 0, 0],
    [1, 1, 0, 0, 0, 0],
    [0, 0, 1, 1, 1, 1],
  ],
  eigenvalue: 0.5 + Math.sqrt(3) / 6,
  eci: [
    -0.10702610458171191, -0.8380279932152541, -0.10702610458171341, -0.8380279932152541, 1.8901081955939338,
  ],
  pci: [
    -0.8380279932152557, -0.8380279932152527, 0.623975784051829, 2.312152332774635, 2.312152332774635,
    2.312152332774635,
  ],
  phi: [
    [1, 2 / 3, 1 / 3, 0, 0, 0],
    [2 / 3, 1, 1 / 3, 0, 0, 0],
    [1 / 3, 1 / 3, 1, 1 / 3, 1 / 3, 1 / 3],
    [0, 0, 1 / 3, 1, 1, 1],
    [0, 0, 1 / 3, 1, 1, 1],
    [0, 0, 1 / 3, 1, 1, 1],
  ],
  density: [
    [0.5, 2 / 3, 0.5, 0.1, 0.1, 0.1],
    [5 / 6, 5 / 6, 0.25, 0, 0, 0],
    [2 / 3, 0.5, 0.5, 0.1, 0.1, 0.1],
    [5 / 6, 5 / 6, 0.25, 0, 0, 0],
    [1 / 6, 1 / 6, 0.75, 1, 1, 1],
  ],
};

const close = (a: number[], b: number[], digits = 9) => {
  for (const [i, x] of a.entries()) expect(x).toBeCloseTo(b[i], digits);
};
const M = presence(rcaMatrix(exports));

describe('economic complexity (Atlas conventions)', () => {
  it('builds M from Balassa RCA ≥ 1', () => {
    expect(M).toEqual(golden.M);
    expect(rcaMatrix(exports)[0][0]).toBeCloseTo(0.97829, 5);
  });

  it('eigenvector form: ECI and PCI as py-ecomplexity gives them', () => {
    const r = complexity(places, products, M);
    expect(r.eigenvalue).toBeCloseTo(golden.eigenvalue, 12);
    close(r.eci, golden.eci);
    close(r.pci, golden.pci);
    expect(r.diversity).toEqual([2, 2, 2, 2, 4]);
    expect(r.ubiquity).toEqual([3, 3, 3, 1, 1, 1]);
  });

  it('method of reflections converges to the same indices', () => {
    const r = complexity(places, products, M, { method: 'reflections' });
    expect(r.iterations).toBeGreaterThan(1);
    expect(r.eigenvalue).toBeCloseTo(golden.eigenvalue, 8);
    close(r.eci, golden.eci, 8);
    close(r.pci, golden.pci, 8);
  });

  it('keeps the conventions: ECI has mean 0 and sd 1, is the mean PCI of a place’s products, and rises with diversity', () => {
    const r = complexity(places, products, M);
    const mean = r.eci.reduce((a, b) => a + b, 0) / r.eci.length;
    const sd = Math.sqrt(r.eci.reduce((a, x) => a + (x - mean) ** 2, 0) / r.eci.length);
    expect(mean).toBeCloseTo(0, 12);
    expect(sd).toBeCloseTo(1, 12);
    M.forEach((row, c) => {
      const own = row.flatMap((x, p) => (x ? [r.pci[p]] : []));
      expect(own.reduce((a, b) => a + b, 0) / own.length).toBeCloseTo(r.eci[c], 12);
    });
    // the same matrix with places in another order gives the same answer (sign fixed by diversity, not by the solver)
    const rev = complexity([...places].reverse(), products, [...M].reverse());
    close([...rev.eci].reverse(), golden.eci);
  });

  it('proximity and density', () => {
    const phi = proximity(M);
    for (const [p, row] of phi.entries()) close(row, golden.phi[p], 12);
    for (const [c, row] of density(M, phi).entries()) close(row, golden.density[c], 12);
  });

  it('leaves out places and products without any presence, and says why a matrix has no ECI', () => {
    const withEmpty = complexity(
      [...places, 'Z'],
      [...products, 'p7'],
      [...M.map((r) => [...r, 0]), [0, 0, 0, 0, 0, 0, 0]],
    );
    expect(withEmpty.excluded).toEqual({ places: ['Z'], products: ['p7'] });
    close(withEmpty.eci, golden.eci);
    const apart = [
      [1, 1, 0, 0],
      [1, 0, 0, 0],
      [0, 0, 1, 1],
      [0, 0, 0, 1],
    ];
    expect(() => complexity(['a', 'b', 'c', 'd'], ['w', 'x', 'y', 'z'], apart)).toThrow(ComplexityError);
    expect(() => complexity(['a', 'b', 'c', 'd'], ['w', 'x', 'y', 'z'], apart)).toThrow(/falls apart/);
    expect(() => complexity(['a'], ['w', 'x'], [[1, 1]])).toThrow(/at least 2 places/);
  });

  it('Jacobi finds the eigenpairs of a symmetric matrix', () => {
    const { values, vectors } = jacobiEigen([
      [2, 1],
      [1, 2],
    ]);
    expect([...values].sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
    const i3 = values[0] > values[1] ? 0 : 1;
    expect(Math.abs(vectors[0][i3])).toBeCloseTo(Math.SQRT1_2, 12);
  });
});

describe('eci and pci over the store', () => {
  it('give the golden indices from exports to the world by HS product, and say what they need', async () => {
    const store = await fixtureStore();
    try {
      const codes = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE'];
      await insertFlows(
        store,
        exports.flatMap((row, c) =>
          row.flatMap((v, p) =>
            v > 0
              ? [{ reporter: codes[c], year: 2020, flow: 'export', commodity: `0${p + 1}`, value_usd: v }]
              : [],
          ),
        ),
      );
      const e = await computeIndicator(store, 'eci', { year: 2020 });
      const byCode = new Map(e.rows.map((r) => [r.reporter, r.eci as number]));
      close(
        codes.map((c) => byCode.get(c)!),
        golden.eci,
      );
      expect(e.rows[0].reporter).toBe('EEE');
      const p = await computeIndicator(store, 'pci', { year: 2020, method: 'reflections' });
      const byProduct = new Map(p.rows.map((r) => [r.commodity, r.pci as number]));
      close(
        products.map((_, i) => byProduct.get(`0${i + 1}`)!),
        golden.pci,
        8,
      );
      await expect(computeIndicator(store, 'eci', {})).rejects.toThrow(/one year: give --year/);
      await expect(computeIndicator(store, 'eci', { year: 2019 })).rejects.toThrow(IndicatorError);
    } finally {
      store.close();
    }
  });
});
