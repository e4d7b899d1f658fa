/**
 * Golden itineraries: a handful of representative routes on the bundled
 * atlas with the default profile, as the route result's JSON (`route`, the
 * CLI's `--json`) without what varies from run to run or is bulky: the
 * search's timings (`stats`) and each leg's line geometry (its kind is
 * kept; `test/atlas-geo.test.ts` and the geometry tests cover the lines), in
 * `test/golden/itinerary-<name>.json`. They change whenever the atlas or
 * `data/profiles/default.yaml` does: regenerate with
 * `AMUR_UPDATE_GOLDEN=1 npx vitest run test/itineraries.golden.test.ts`
 * and review the diff (every number in it should move for a reason).
 */
import { describe, expect, it } from 'vitest';
import { loadAtlas } from '../src/atlas/load.ts';
import { loadProfile } from '../src/costs/profile.ts';
import { compileNetwork } from '../src/network/compile.ts';
import { route } from '../src/routing/index.ts';
import type { RouteQueryInput, RouteResult } from '../src/routing/schema.ts';
import { expectGolden } from './golden.ts';

const { atlas } = loadAtlas();
const net = compileNetwork(atlas, loadProfile());

/** The routes, by golden file name. */
const ROUTES: Record<string, RouteQueryInput> = {
  // the Binsui railway to Suifenhe, gauge change at Grodekovo
  'harbin-vladivostok-rail': {
    from: 'harbin',
    to: 'vladivostok',
    date: '2023-06-01',
    cargo: 'feu',
    modes: ['rail'],
    optimize: 'time',
  },
  // before the road bridge opened (2022): the winter pontoon bridge on the ice
  'heihe-blagoveshchensk-ice': {
    from: 'heihe',
    to: 'blagoveshchensk',
    date: '2021-01-20',
    cargo: 'teu',
    optimize: 'time',
  },
  'qingdao-vladivostok-sea': {
    from: 'qingdao',
    to: 'vladivostok',
    date: '2023-06-01',
    cargo: 'feu',
    modes: ['sea'],
    optimize: 'time',
  },
  'chongqing-duisburg-rail': {
    from: 'chongqing',
    to: 'duisburg',
    date: '2023-06-01',
    cargo: 'feu',
    modes: ['rail'],
    optimize: 'time',
  },
};

/** The result without its timings and leg lines. */
function stable(r: RouteResult): unknown {
  return {
    query: r.query,
    message: r.message,
    itineraries: r.itineraries.map((i) => ({ ...i, legs: i.legs.map(({ geometry: _, ...leg }) => leg) })),
  };
}

describe('itineraries on the bundled atlas (golden)', () => {
  for (const [name, query] of Object.entries(ROUTES))
    it(name, () => {
      const r = route(net, query);
      expect(r.itineraries.length, r.message).toBeGreaterThan(0);
      expectGolden(new URL(`./golden/itinerary-${name}.json`, import.meta.url), stable(r));
    });
});
