/**
 * Rule: a cargo unit moves in the service class the profile gives for its
 * mode, cargo and vessel; the itinerary names the class on each leg, and the
 * class's speed, dwell and port calls apply. A ship passing through a port
 * (arrives by sea, sails on by sea) pays the call there, once; the ports of
 * loading and discharge charge no call (their dwell and release do).
 *
 * Atlas: rail r1 —1 200 km— r2 (CN); seaports p, q, s (CN) with feeder lanes
 * p—q 600 km and q—s 600 km. Test profile: modes as in fixtures.ts (rail
 * 2 400 km/day, sea 1 200 km/day, no dwell) and three classes: container
 * block train (TEU/FEU, 1 200 km/day, dwell 6 h), bulk unit train (bulk,
 * 600 km/day, dwell 12 h), feeder (TEU/FEU on container-feeder, 1 200 km/day,
 * 6 h per call, $10 per call).
 * - r1 → r2 FEU: 6 h dwell + 24 h = 30 h, "container block train";
 * - r1 → r2 bulk: 12 h + 48 h = 60 h, "bulk unit train";
 * - p → s FEU: two lanes, 2 × 12 h + one 6 h call at q = 30 h, cost 2 × $300 + $10;
 *   the itinerary shows the call as a stop at q (6 h, $10) between the two legs;
 * - p → q FEU: one lane, 12 h, $300: no call at either end.
 *
 * A class a source names is routed with (`withServiceFirst`, as the
 * calibration does for an observation's `service`): a fourth class, "China–
 * Europe express" (TEU/FEU, 2 400 km/day, 20 h at each gauge-change station),
 * after the block train, is used only when named. Atlas: g1 —rail 1 200 km,
 * 1435— g2 | crossing g2→g3, transshipment 3 h | g3 —rail 1 200 km, 1520— g4.
 * - default: block train, 2 × 24 h on the lines;
 * - named: "China–Europe express", 2 × 12 h on the lines and 20 h more at the
 *   gauge change: 24 − 48 + 20 = 4 h sooner.
 */
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/costs/profile.ts';
import { serviceNamedBy, withServiceFirst } from '../../src/costs/service-choice.ts';
import { atlasOf, crossing, link, place, service, testProfile } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

const cite = { basis: 'assumption' as const, sources: ['amur-assumption'] };
const profile = () =>
  testProfile((p: Profile) => {
    p.services = [
      {
        id: 'cbt',
        label: 'container block train',
        mode: 'rail',
        cargo: ['teu', 'feu'],
        kmPerDay: 1200,
        dwellHours: 6,
        cite,
      },
      {
        id: 'but',
        label: 'bulk unit train',
        mode: 'rail',
        cargo: ['bulk'],
        kmPerDay: 600,
        dwellHours: 12,
        cite,
      },
      {
        id: 'cee',
        label: 'China–Europe express',
        mode: 'rail',
        cargo: ['teu', 'feu'],
        aliases: ['CR Express'],
        kmPerDay: 2400,
        dwellHours: 6,
        gaugeChangeDwellHours: 20,
        cite,
      },
      {
        id: 'feeder',
        label: 'feeder',
        mode: 'sea',
        cargo: ['teu', 'feu'],
        vessels: ['container-feeder'],
        kmPerDay: 1200,
        callHours: 6,
        callUsd: { teu: 10, feu: 10, bulk: 0, liquid: 0, air: 0 },
        cite,
      },
    ];
  });

const atlas = () =>
  atlasOf({
    places: [
      place('r1', 'CN', 120, 45),
      place('r2', 'CN', 130, 45),
      place('p', 'CN', 121, 30, { kinds: ['seaport'] }),
      place('q', 'CN', 122, 34, { kinds: ['seaport'] }),
      place('s', 'CN', 123, 38, { kinds: ['seaport'] }),
    ],
    links: [
      link('rail-1-2', 'r1', 'r2', 'rail', 1200),
      link('pq', 'p', 'q', 'sea', 600, { vessel: 'container-feeder' }),
      link('qs', 'q', 's', 'sea', 600, { vessel: 'container-feeder' }),
    ],
  });

const borderAtlas = () =>
  atlasOf({
    places: [
      place('g1', 'CN', 115, 45),
      place('g2', 'CN', 127, 48, { gauges: [1435] }),
      place('g3', 'RU', 127, 48, { gauges: [1520] }),
      place('g4', 'RU', 140, 50),
    ],
    links: [
      link('g12', 'g1', 'g2', 'rail', 1200, { gauge: 1435 }),
      link('g34', 'g3', 'g4', 'rail', 1200, { gauge: 1520 }),
    ],
    crossings: [
      crossing(
        'g23',
        ['g2', 'g3'],
        [
          service('rail', 'rail', {
            gauges: [1435, 1520],
            gaugeChange: { method: 'transshipment', hours: { typical: 3 } },
          }),
        ],
      ),
    ],
  });

export function serviceClassesRule(name: string, impl: RouteImpl): void {
  describe(`${name}: service classes by cargo, named on each leg; passing a port costs a call`, () => {
    it('runs containers in a block train and bulk in a unit train, each at its own speed and dwell', () => {
      const feu = impl(atlas(), profile(), {
        from: 'r1',
        to: 'r2',
        date: '2024-05-01',
        optimize: 'time',
        cargo: 'feu',
      });
      expect(feu.itineraries[0].legs.map((l) => l.service)).toEqual(['container block train']);
      expect(feu.itineraries[0].totals.hours).toBeCloseTo(30, 6);
      const bulk = impl(atlas(), profile(), {
        from: 'r1',
        to: 'r2',
        date: '2024-05-01',
        optimize: 'time',
        cargo: 'bulk',
      });
      expect(bulk.itineraries[0].legs.map((l) => l.service)).toEqual(['bulk unit train']);
      expect(bulk.itineraries[0].totals.hours).toBeCloseTo(60, 6);
    });

    it('routes with the class a source names, and says so on each rail leg; its gauge-change dwell applies', () => {
      const q = {
        from: 'g1',
        to: 'g4',
        date: '2024-05-01',
        optimize: 'time' as const,
        cargo: 'feu' as const,
      };
      const base = impl(borderAtlas(), profile(), q).itineraries[0];
      const named = serviceNamedBy(profile(), 'CR Express (Chongqing – Duisburg)');
      expect(named?.id).toBe('cee');
      const cee = impl(borderAtlas(), withServiceFirst(profile(), named?.id ?? ''), q).itineraries[0];
      const rail = (legs: typeof base.legs) => legs.filter((l) => l.linkId).map((l) => l.service);
      expect(rail(base.legs)).toEqual(['container block train', 'container block train']);
      expect(rail(cee.legs)).toEqual(['China–Europe express', 'China–Europe express']);
      expect(base.totals.hours - cee.totals.hours).toBeCloseTo(48 - 24 - 20, 6);
    });

    it('charges a call where a ship passes through a port (two lanes through q: one call, at q)', () => {
      const r = impl(atlas(), profile(), {
        from: 'p',
        to: 's',
        date: '2024-05-01',
        optimize: 'time',
        cargo: 'feu',
      });
      const it0 = r.itineraries[0];
      expect(it0.legs.every((l) => l.service === 'feeder')).toBe(true);
      expect(it0.totals.hours).toBeCloseTo(2 * 12 + 6, 6);
      expect(it0.totals.costUsd).toBeCloseTo(2 * 600 * 0.5 + 10, 6);
      // the call is a stop between the legs, so the times add up: not a transfer (the cargo stays aboard)
      expect(it0.legs.map((l) => [l.from, l.to])).toEqual([
        ['p', 'q'],
        ['q', 's'],
      ]);
      const calls = it0.transfers.filter((t) => t.kind === 'call');
      expect(calls).toEqual([
        expect.objectContaining({ at: 'q', fromMode: 'sea', toMode: 'sea', hours: 6, costUsd: 10 }),
      ]);
      expect(it0.totals.transfers).toBe(0);
    });

    it('charges no call at the port of loading or of discharge (one lane p → q)', () => {
      const r = impl(atlas(), profile(), {
        from: 'p',
        to: 'q',
        date: '2024-05-01',
        optimize: 'time',
        cargo: 'feu',
      });
      const it0 = r.itineraries[0];
      expect(it0.totals.hours).toBeCloseTo(12, 6);
      expect(it0.totals.costUsd).toBeCloseTo(600 * 0.5, 6);
      expect(it0.transfers.filter((t) => t.kind === 'call')).toEqual([]);
    });
  });
}
