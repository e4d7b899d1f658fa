import { describe, expect, it } from 'vitest';
import { atlasOf, link, place, testProfile, twoCrossings } from '../../test/route-semantics/fixtures.ts';
import { compileNetwork } from '../network/compile.ts';
import { matrix, paretoFilter, RouteQueryError, route } from './index.ts';
import { matrixParallel } from './matrix-parallel.ts';
import { RouteResult } from './schema.ts';

// a —100— b =X= c —100— d  and  a —300— e =Y= f —300— d (road): the closed-crossing rules' fixture, both open
const atlas = twoCrossings({});
const net = compileNetwork(atlas, testProfile());
const base = { from: 'a', to: 'd', date: '2023-06-01', cargo: 'feu' as const };

describe('route', () => {
  it('returns a result that matches the shared schema', () => {
    const r = route(net, { ...base, optimize: 'time' });
    expect(RouteResult.safeParse(r).success).toBe(true);
    expect(r.itineraries[0].crossings.map((c) => c.id)).toEqual(['x']);
  });

  it('finds alternatives through other crossings', () => {
    const r = route(net, { ...base, optimize: 'time', alternatives: 2 });
    expect(r.itineraries.map((i) => i.crossings.map((c) => c.id).join())).toEqual(['x', 'y']);
  });

  it('scales money and CO2e with the quantity, not time', () => {
    const one = route(net, { ...base, optimize: 'time' }).itineraries[0].totals;
    const three = route(net, { ...base, optimize: 'time', qty: 3 }).itineraries[0].totals;
    expect(three.costUsd).toBeCloseTo(one.costUsd * 3, 6);
    expect(three.co2eKg).toBeCloseTo(one.co2eKg * 3, 6);
    expect(three.hours).toBeCloseTo(one.hours, 6);
  });

  it('avoids crossings, places and countries', () => {
    expect(route(net, { ...base, optimize: 'time', avoid: ['x'] }).itineraries[0].crossings[0].id).toBe('y');
    expect(route(net, { ...base, optimize: 'time', avoid: ['b'] }).itineraries[0].crossings[0].id).toBe('y');
    const none = route(net, { ...base, optimize: 'time', avoid: ['x', 'y'] });
    expect(none.itineraries).toHaveLength(0);
    expect(none.message).toMatch(/not connected/);
  });

  it('respects the latest arrival', () => {
    const start = route(net, { ...base, optimize: 'time' }).itineraries[0];
    expect(start.totals.hours).toBeCloseTo(4, 6);
    const r = route(net, { ...base, optimize: 'time', latestArrival: '2023-06-01T10:00+08:00' });
    expect(r.itineraries).toHaveLength(0);
  });

  it('names the parameter of a bad query and what would be valid', () => {
    expect(() => route(net, { ...base, from: 'nowhere' })).toThrow(RouteQueryError);
    expect(() => route(net, { ...base, from: 'nowhere' })).toThrow(/from: unknown place id "nowhere"/);
    expect(() => route(net, { ...base, avoid: ['zz'] })).toThrow(
      /avoid\[0\]: "zz" is not a place id, a crossing id or a country code/,
    );
    expect(() => route(net, { ...base, avoid: ['a'] })).toThrow(/excludes the origin/);
    expect(() => route(net, { ...base, date: '2023-02-30' })).toThrow(/date/);
    expect(() => route(net, { ...base, latestArrival: '2023-05-01T00:00+08:00' })).toThrow(
      /latestArrival: .* is not after the departure/,
    );
  });
});

describe('max transfers', () => {
  // a —road 100— p (river port) —river 480— q (river port) —road 100— d, and a —road 1 000— d
  const river = atlasOf({
    places: [
      place('a', 'CN', 125, 47, { kinds: ['city'], capabilities: [] }),
      place('p', 'CN', 126, 47, { kinds: ['river-port'], capabilities: ['bulk'] }),
      place('q', 'CN', 127, 47, { kinds: ['river-port'], capabilities: ['bulk'] }),
      place('d', 'CN', 128, 47, { kinds: ['city'], capabilities: [] }),
    ],
    links: [
      link('ap', 'a', 'p', 'road', 100),
      link('pq', 'p', 'q', 'river', 480),
      link('qd', 'q', 'd', 'road', 100),
      link('ad', 'a', 'd', 'road', 1000),
    ],
  });
  const rnet = compileNetwork(river, testProfile());
  const q = { from: 'a', to: 'd', date: '2023-07-01', cargo: 'bulk' as const, optimize: 'cost' as const };

  it('uses the river (2 transfers) when allowed and the road when transfers are limited', () => {
    expect(route(rnet, q).itineraries[0].totals.transfers).toBe(2);
    const limited = route(rnet, { ...q, maxTransfers: 1 }).itineraries[0];
    expect(limited.totals.transfers).toBe(0);
    expect(limited.legs.map((l) => l.mode)).toEqual(['road']);
  });
});

describe('paretoFilter', () => {
  it('drops dominated members and thins near-duplicates but keeps each optimum', () => {
    const items = [
      { id: 'fast', time: 10, cost: 100, co2: 50 },
      { id: 'cheap', time: 40, cost: 40, co2: 30 },
      { id: 'dominated', time: 12, cost: 120, co2: 60 },
      { id: 'near-fast', time: 10.2, cost: 101, co2: 49.9 },
    ];
    const kept = paretoFilter(items, 0.05).map((i) => i.id);
    expect(kept).toEqual(['fast', 'cheap']);
    expect(paretoFilter(items, 0).map((i) => i.id)).toEqual(['fast', 'near-fast', 'cheap']);
  });
});

describe('matrix', () => {
  const q = { from: ['a', 'e', 'b'], to: ['d', 'c', 'a'], date: '2023-06-01' };

  it('tabulates earliest arrival per pair, null when unreachable', () => {
    const m = matrix(net, q);
    expect(m.unit).toBe('hours');
    expect(m.values[0][0]).toBeCloseTo(4, 6); // a → d via x
    expect(m.values[0][2]).toBe(0);
    const cut = matrix(net, { ...q, avoid: ['x', 'y'] });
    expect(cut.values[0][0]).toBeNull();
  });

  it('gives the same matrix on worker threads', async () => {
    const single = matrix(net, { ...q, metric: 'cost' });
    const parallel = await matrixParallel(
      atlas,
      testProfile(),
      { ...q, metric: 'cost' },
      { workers: 2, minOriginsPerWorker: 1 },
    );
    expect(parallel.stats?.workers).toBe(2);
    expect(parallel.values).toEqual(single.values);
  });
});
