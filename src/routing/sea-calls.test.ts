/**
 * A ship's call on the bundled atlas and the default profile: paid where a
 * ship passes through a port (src/network/compile/sea-calls.ts), not at the
 * port of discharge. Busan → Vladivostok is one feeder lane: published 2 days
 * port to port (data/observations, busan-vladivostok-sea, a `check` row); with a
 * call at Vladivostok it came out 2.5 days.
 */
import { describe, expect, it } from 'vitest';
import { atlasOf, link, place } from '../../test/route-semantics/fixtures.ts';
import { getAtlas } from '../atlas/load.ts';
import { CARGO_INDEX, loadProfile } from '../costs/profile.ts';
import { compileNetwork } from '../network/compile.ts';
import { EDGE_KIND } from '../network/types.ts';
import { route } from './index.ts';
import { guardedPlaces } from './search.ts';

const net = compileNetwork(getAtlas(), loadProfile());
const hoursBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 3_600_000;

describe('sea calls on the bundled atlas', () => {
  it('sails Busan → Vladivostok in about 2 days port to port, with no call at either end', () => {
    const it0 = route(net, {
      from: 'busan',
      to: 'vladivostok',
      date: '2024-05-01',
      modes: ['sea'],
      cargo: 'teu',
      optimize: 'time',
    }).itineraries[0];
    expect(it0.legs.map((l) => [l.from, l.to])).toEqual([['busan', 'vladivostok']]);
    expect(it0.transfers.map((t) => t.kind)).toEqual(['load', 'unload']);
    const leg = it0.legs[0];
    expect(hoursBetween(leg.depart, leg.arrive) / 24).toBeCloseTo(2, 0);
    expect(Math.abs(hoursBetween(leg.depart, leg.arrive) / 48 - 1)).toBeLessThan(0.15);
  });

  it('shows a call as a stop where lanes chain through a port, and the times add up', () => {
    const it0 = route(net, {
      from: 'shenzhen',
      to: 'vladivostok',
      date: '2024-05-01',
      modes: ['sea'],
      cargo: 'feu',
      optimize: 'time',
    }).itineraries[0];
    const calls = it0.transfers.filter((t) => t.kind === 'call');
    expect(calls.length).toBeGreaterThan(0);
    const call = loadProfile().services.find((s) => s.id === 'feeder');
    for (const c of calls) {
      expect(c).toMatchObject({
        fromMode: 'sea',
        toMode: 'sea',
        hours: call?.callHours,
        costUsd: call?.callUsd?.feu,
      });
      // the leg into the port ends, the call's hours pass, the next leg leaves
      const i = it0.legs.findIndex((l) => l.to === c.at);
      expect(hoursBetween(it0.legs[i].arrive, it0.legs[i + 1].depart)).toBeCloseTo(c.hours, 6);
    }
    expect(it0.totals.transfers).toBe(0);
  });
});

describe('guarded places and calls', () => {
  it('does not guard a seaport for its transfers off and onto ships: the call is the direct move', () => {
    // p (seaport, rail) —sea— q (seaport): at p, arrival → rail and rail → departure are matched by the call
    // (bulk: the container classes' scoped rail layers guard a port for reasons of their own)
    const atlas = atlasOf({
      places: [
        place('p', 'CN', 121, 30, { kinds: ['seaport'], capabilities: ['bulk'] }),
        place('q', 'CN', 122, 34, { kinds: ['seaport'], capabilities: ['bulk'] }),
        place('r', 'CN', 121, 31),
      ],
      links: [
        link('pq', 'p', 'q', 'sea', 600, { vessel: 'bulk' }),
        link('pr', 'p', 'r', 'rail', 100, { gauge: 1435 }),
      ],
    });
    const fixture = compileNetwork(atlas, loadProfile(), { linkDetail: null });
    const bulk = CARGO_INDEX.bulk;
    const p = fixture.placeIndex.get('p') ?? -1;
    expect([...fixture.kind].includes(EDGE_KIND.call)).toBe(true);
    expect(guardedPlaces(fixture, bulk)[p]).toBe(0);
  });
});
