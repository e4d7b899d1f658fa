/**
 * Rule: sea and river links are geography. Every cargo unit sails between
 * two ports that handle it, on the vessel class that carries it: the link's
 * `vessel` when it suits the cargo, else the profile's `vesselByCargo`.
 *
 * Atlas: seaports p (CN) and q (RU, no border crossing needed at sea) joined
 * by a container-feeder lane of 1 200 km; river ports r and s (CN) joined by
 * a river-container link of 480 km. Test profile: sea 1 200 km/day, $0.5/km;
 * river 480 km/day, $0.5/km; 1 t per unit; emission rows per vessel class
 * (g CO2e/t-km): container feeder 5, bulk carrier 3, tanker 4; river container
 * vessel 20, barge 10.
 * - p → q: 24 h, $600 for every unit; CO2e: FEU 6 kg, bulk 3.6 kg, liquid 4.8 kg;
 * - r → s: 24 h, $240; CO2e: FEU 9.6 kg, bulk 4.8 kg.
 */
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/costs/profile.ts';
import { atlasOf, link, place, testProfile } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

const row = (id: string, mode: 'sea' | 'river', g: number): Profile['emissions']['rows'][number] => ({
  id,
  mode,
  label: id,
  wtwGPerTkm: g,
  ttwGPerTkm: g,
  basis: 'assumption',
  sources: ['amur-assumption'],
  version: 'test',
});

const profile = () =>
  testProfile((p) => {
    p.emissions.rows.push(
      row('t-feeder', 'sea', 5),
      row('t-bulk', 'sea', 3),
      row('t-tanker', 'sea', 4),
      row('t-river-container', 'river', 20),
      row('t-barge', 'river', 10),
    );
    p.emissions.select.sea = {
      default: 't-sea',
      'container-feeder': 't-feeder',
      bulk: 't-bulk',
      tanker: 't-tanker',
    };
    p.emissions.select.river = {
      default: 't-river',
      'river-container': 't-river-container',
      'river-barge': 't-barge',
    };
    p.modes.sea.vesselByCargo = {
      teu: 'container-feeder',
      feu: 'container-feeder',
      bulk: 'bulk',
      liquid: 'tanker',
    };
    p.modes.river.vesselByCargo = {
      teu: 'river-container',
      feu: 'river-container',
      bulk: 'river-barge',
      liquid: 'river-barge',
    };
  });

const port = {
  kinds: ['city' as const, 'seaport' as const],
  capabilities: ['container' as const, 'bulk' as const, 'liquid-bulk' as const],
};
const atlas = atlasOf({
  places: [
    place('p', 'CN', 121, 31, port),
    place('q', 'RU', 132, 43, port),
    place('r', 'CN', 126, 46, { kinds: ['city', 'river-port'], capabilities: ['container', 'bulk'] }),
    place('s', 'CN', 130, 47, { kinds: ['city', 'river-port'], capabilities: ['container', 'bulk'] }),
  ],
  links: [
    link('pq', 'p', 'q', 'sea', 1200, { vessel: 'container-feeder' }),
    link('rs', 'r', 's', 'river', 480, { vessel: 'river-container' }),
  ],
});

const q = { date: '2023-06-01', optimize: 'time' as const };

export function seaCargoRule(name: string, impl: RouteImpl): void {
  describe(`${name}: sea and river lanes carry every cargo, each on its own vessel class`, () => {
    it('sails containers, bulk and liquid bulk over a container lane (24 h, $600; 6 / 3.6 / 4.8 kg CO2e)', () => {
      const expected = { feu: 6, bulk: 3.6, liquid: 4.8 } as const;
      for (const cargo of ['feu', 'bulk', 'liquid'] as const) {
        const r = impl(atlas, profile(), { ...q, from: 'p', to: 'q', cargo, modes: ['sea'] });
        expect(r.itineraries, `${cargo}: ${r.message}`).toHaveLength(1);
        const it0 = r.itineraries[0];
        expect(it0.legs.map((l) => l.mode)).toEqual(['sea']);
        expect(it0.totals.hours).toBeCloseTo(24, 6);
        expect(it0.totals.costUsd).toBeCloseTo(600, 6);
        expect(it0.totals.co2eKg).toBeCloseTo(expected[cargo], 6);
      }
    });

    it('carries bulk on a river-container link by barge (24 h, $240, 4.8 kg; containers 9.6 kg)', () => {
      const bulk = impl(atlas, profile(), { ...q, from: 'r', to: 's', cargo: 'bulk', modes: ['river'] })
        .itineraries[0];
      expect(bulk.totals.hours).toBeCloseTo(24, 6);
      expect(bulk.totals.costUsd).toBeCloseTo(240, 6);
      expect(bulk.totals.co2eKg).toBeCloseTo(4.8, 6);
      const feu = impl(atlas, profile(), { ...q, from: 'r', to: 's', cargo: 'feu', modes: ['river'] })
        .itineraries[0];
      expect(feu.totals.co2eKg).toBeCloseTo(9.6, 6);
    });

    it('still loads only what a port handles: no liquid bulk through a port without liquid-bulk', () => {
      const dry = atlasOf({
        places: [
          place('p', 'CN', 121, 31, { ...port, capabilities: ['container', 'bulk'] }),
          place('q', 'RU', 132, 43, port),
        ],
        links: [link('pq', 'p', 'q', 'sea', 1200, { vessel: 'container-feeder' })],
      });
      expect(impl(dry, profile(), { ...q, from: 'p', to: 'q', cargo: 'liquid' }).itineraries).toHaveLength(0);
    });
  });
}
