/**
 * Runs the route semantics suite against the search kernels that give no
 * itinerary (the matrix, the one-to-all kernel, the assignment's cost tree),
 * each through its adapter (kernels.ts): every rule whose needs the kernel
 * provides, on the same tiny atlases as the reference. Then the matrix on
 * worker threads (`matrixParallel`, asynchronous, so not a route
 * implementation) must give the single-threaded matrix's cells on every
 * of four atlases those rules planned on (the first of each set of places),
 * at the first departure and cargo planned on it, all places to all places.
 */
import { describe, expect, it } from 'vitest';
import type { Atlas } from '../../src/atlas/schema.ts';
import type { Profile } from '../../src/costs/profile.ts';
import { compileNetwork } from '../../src/network/compile.ts';
import { matrix } from '../../src/routing/index.ts';
import { matrixParallel } from '../../src/routing/matrix-parallel.ts';
import { type MatrixQueryInput, RouteQuery, type RouteQueryInput } from '../../src/routing/schema.ts';
import { costTreeKernel, matrixKernel, oneToAllKernel } from './kernels.ts';
import { routeSemanticsFor } from './suite.ts';

const planned = new Map<string, { atlas: Atlas; profile: Profile; query: MatrixQueryInput }>();

function remember(atlas: Atlas, profile: Profile, input: RouteQueryInput): void {
  const q = RouteQuery.parse(input);
  const ids = atlas.places.map((p) => p.id);
  const query: MatrixQueryInput = {
    from: ids,
    to: ids,
    date: q.date,
    time: q.time,
    cargo: q.cargo,
    modes: q.modes,
    avoid: q.avoid,
    horizonDays: q.horizonDays,
  };
  planned.set(JSON.stringify([atlas, profile, query]), { atlas, profile, query });
}

routeSemanticsFor(matrixKernel, remember);
routeSemanticsFor(oneToAllKernel);
routeSemanticsFor(costTreeKernel);

describe('matrix on worker threads (matrixParallel)', () => {
  // each call starts two worker threads (2–7 s on a busy machine): the first atlas of each of four sets of places
  it('gives the cells of the single-threaded matrix on the atlases of the rules above', async () => {
    const byAtlas = new Map<string, { atlas: Atlas; profile: Profile; query: MatrixQueryInput }>();
    for (const c of planned.values()) {
      const k = c.atlas.places.map((p) => p.id).join(',');
      if (!byAtlas.has(k) && byAtlas.size < 4) byAtlas.set(k, c);
    }
    expect(byAtlas.size).toBe(4);
    for (const { atlas, profile, query } of byAtlas.values()) {
      const q = { ...query, metric: 'time' as const };
      const par = await matrixParallel(atlas, profile, q, { workers: 2, minOriginsPerWorker: 1 });
      expect(par.stats?.workers).toBe(2);
      expect(par.values).toEqual(matrix(compileNetwork(atlas, profile), q).values);
    }
  }, 120_000);
});
