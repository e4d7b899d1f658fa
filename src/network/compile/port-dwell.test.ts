import { describe, expect, it } from 'vitest';
import { atlasOf, link, place, testProfile } from '../../../test/route-semantics/fixtures.ts';
import { route } from '../../routing/index.ts';
import { compileNetwork } from '../compile.ts';

// port p has its own published container dwell; q is a port with the class's; r an inland rail station
const portAtlas = (dwell: boolean) =>
  atlasOf({
    places: [
      place('p', 'RU', 132, 43, {
        kinds: ['seaport', 'rail-station'],
        ...(dwell
          ? {
              containerDwell: {
                hours: 58,
                basis: 'published',
                year: 2011,
                quote: 'took 58 hours',
                sources: ['t'],
              },
            }
          : {}),
      }),
      place('q', 'RU', 135, 43, { kinds: ['seaport'] }),
      place('r', 'RU', 131, 44),
    ],
    links: [link('pq', 'p', 'q', 'sea', 300), link('pr', 'p', 'r', 'rail', 100)],
  });

const profile = testProfile();
const nets = {
  own: compileNetwork(portAtlas(true), profile),
  base: compileNetwork(portAtlas(false), profile),
};

/** Door-to-door hours of the fastest FEU itinerary, and its transfers at p. */
function trip(which: 'own' | 'base', from: string, to: string, modes: ('sea' | 'rail')[]) {
  const r = route(nets[which], { from, to, date: '2023-07-01', optimize: 'time', cargo: 'feu', modes });
  const it = r.itineraries[0];
  if (!it) throw new Error(`no itinerary ${from} → ${to}: ${r.message}`);
  return {
    hours: (Date.parse(it.arrive) - Date.parse(it.depart)) / 3_600_000,
    atP: it.transfers.filter((t) => t.at === 'p').map((t) => [t.kind, t.fromMode, t.toMode]),
    notes: it.warnings.filter((w) => w.code === 'port-dwell').map((w) => [w.params.placeId, w.params.hours]),
  };
}

describe("a port's own container dwell, at every kind of use", () => {
  const release = profile.modes.sea.releaseHours;
  const dwell = profile.modes.sea.dwellHours;
  it('origin port: the 58 h replace the ship’s dwell once', () => {
    const own = trip('own', 'p', 'q', ['sea']);
    expect(own.atP).toEqual([['load', null, 'sea']]);
    expect(own.hours - trip('base', 'p', 'q', ['sea']).hours).toBeCloseTo(58 - dwell, 6);
  });
  it('destination port: the 58 h replace the ship’s release once', () => {
    const own = trip('own', 'q', 'p', ['sea']);
    expect(own.atP).toEqual([['unload', 'sea', null]]);
    expect(own.hours - trip('base', 'q', 'p', ['sea']).hours).toBeCloseTo(58 - release, 6);
  });
  it('transshipment ship → train and train → ship: the 58 h once, the train’s dwell or release kept', () => {
    const off = trip('own', 'q', 'r', ['sea', 'rail']);
    expect(off.atP).toEqual([['tranship', 'sea', 'rail']]);
    // the itinerary says so once, with the port and its hours; not where the port has none
    expect(off.notes).toEqual([['p', 58]]);
    expect(trip('base', 'q', 'r', ['sea', 'rail']).notes).toEqual([]);
    expect(off.hours - trip('base', 'q', 'r', ['sea', 'rail']).hours).toBeCloseTo(58 - release, 6);
    const onto = trip('own', 'r', 'q', ['sea', 'rail']);
    expect(onto.atP).toEqual([['tranship', 'rail', 'sea']]);
    expect(onto.hours - trip('base', 'r', 'q', ['sea', 'rail']).hours).toBeCloseTo(58 - dwell, 6);
  });
});
