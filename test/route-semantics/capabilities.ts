/**
 * Rule: cargo changes mode only where the place can handle it (its
 * `capabilities`); sea nodes only at seaports, liquids by pipeline only where
 * a pipeline is.
 *
 * Atlas: a (city, no capabilities) —road 100— p (river port, bulk only)
 * —river 480— q (river port, bulk + container) —road 100— d, and a —road 1 000— d.
 * Test profile: road 50 km/h $2/km, river 20 km/h $0.5/km.
 * - bulk via the river: 2 h + 24 h + 2 h = 28 h, $640; by road: 20 h, $2 000.
 */
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../../src/network/compile.ts';
import { atlasOf, link, place, testProfile } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

const atlas = atlasOf({
  places: [
    place('a', 'CN', 125, 47, { kinds: ['city'], capabilities: [] }),
    place('p', 'CN', 126, 47, { kinds: ['river-port'], capabilities: ['bulk'] }),
    place('q', 'CN', 127, 47, { kinds: ['river-port'], capabilities: ['bulk', 'container'] }),
    place('d', 'CN', 128, 47, { kinds: ['city'], capabilities: [] }),
  ],
  links: [
    link('ap', 'a', 'p', 'road', 100),
    link('pq', 'p', 'q', 'river', 480),
    link('qd', 'q', 'd', 'road', 100),
    link('ad', 'a', 'd', 'road', 1000),
  ],
});

export function capabilitiesRule(name: string, impl: RouteImpl): void {
  describe(`${name}: transfers only where capabilities allow`, () => {
    it('ships bulk by river when cheapest ($640, 28 h, two transfers)', () => {
      const r = impl(atlas, testProfile(), {
        from: 'a',
        to: 'd',
        date: '2023-07-01',
        optimize: 'cost',
        cargo: 'bulk',
      });
      const it0 = r.itineraries[0];
      expect(it0.legs.map((l) => l.mode)).toEqual(['road', 'river', 'road']);
      expect(it0.totals.costUsd).toBeCloseTo(640, 6);
      expect(it0.totals.hours).toBeCloseTo(28, 6);
      expect(it0.totals.transfers).toBe(2);
      expect(it0.transfers.filter((t) => t.kind === 'tranship').map((t) => t.at)).toEqual(['p', 'q']);
    });

    it('never puts containers on the river where a port cannot handle them', () => {
      for (const optimize of ['cost', 'co2', 'pareto'] as const) {
        const r = impl(atlas, testProfile(), {
          from: 'a',
          to: 'd',
          date: '2023-07-01',
          optimize,
          cargo: 'feu',
        });
        expect(r.itineraries.length).toBeGreaterThan(0);
        for (const itin of r.itineraries) expect(itin.legs.map((l) => l.mode)).toEqual(['road']);
      }
    });

    it('sends liquids by tank truck, not through ports without liquid-bulk capability', () => {
      const r = impl(atlas, testProfile(), {
        from: 'a',
        to: 'd',
        date: '2023-07-01',
        optimize: 'cost',
        cargo: 'liquid',
      });
      expect(r.itineraries[0].legs.map((l) => l.mode)).toEqual(['road']);
    });

    it('moves only liquids through a pipeline', () => {
      const pipe = atlasOf({
        places: [
          place('w', 'RU', 124, 54, { kinds: ['pipeline-station'], capabilities: ['liquid-bulk'] }),
          place('z', 'CN', 124, 47, { kinds: ['pipeline-station'], capabilities: ['liquid-bulk'] }),
        ],
        links: [link('wz', 'w', 'z', 'pipeline', 900)],
      });
      const liquid = impl(pipe, testProfile(), {
        from: 'w',
        to: 'z',
        date: '2023-07-01',
        optimize: 'time',
        cargo: 'liquid',
      });
      expect(liquid.itineraries[0].legs.map((l) => l.mode)).toEqual(['pipeline']);
      const bulk = impl(pipe, testProfile(), {
        from: 'w',
        to: 'z',
        date: '2023-07-01',
        optimize: 'time',
        cargo: 'bulk',
      });
      expect(bulk.itineraries).toHaveLength(0);
      expect(bulk.message).toMatch(/not connected/);
    });

    it('compiles sea links only between seaports (the compiler names the dropped link)', () => {
      const sea = atlasOf({
        places: [place('port', 'RU', 131, 43, { kinds: ['seaport'] }), place('inland', 'CN', 126, 45)],
        links: [link('bad-sea', 'port', 'inland', 'sea', 900)],
      });
      const net = compileNetwork(sea, testProfile());
      expect(net.warnings.join('\n')).toMatch(
        /link bad-sea: sea link dropped: place "inland" is not a seaport/,
      );
      const r = impl(sea, testProfile(), {
        from: 'port',
        to: 'inland',
        date: '2023-07-01',
        optimize: 'time',
        cargo: 'feu',
      });
      expect(r.itineraries).toHaveLength(0);
    });
  });
}
