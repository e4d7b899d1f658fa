/**
 * Rule: a gauge change happens only where gauges differ, at the crossing (or
 * yard) that says how, with its time and cost.
 *
 * Atlas: a —rail 200 km— b | crossing b→c | c —rail 300 km— d, b and c at the
 * same point (crossing length 0). Test profile: rail 100 km/h, $1/km;
 * transshipment 10 h, $100; bogie exchange 4 h, $50 (unless the atlas gives hours).
 */
import { describe, expect, it } from 'vitest';
import type { CrossingService, Gauge } from '../../src/atlas/schema.ts';
import { atlasOf, crossing, link, place, service, testProfile } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

function lineAtlas(g1: Gauge, g2: Gauge, svc: Partial<CrossingService>) {
  return atlasOf({
    places: [
      place('a', 'CN', 125, 47),
      place('b', 'CN', 127, 48, { gauges: [g1 === 'dual' ? 1435 : g1] }),
      place('c', 'RU', 127, 48, { gauges: [g2 === 'dual' ? 1520 : g2] }),
      place('d', 'RU', 130, 49),
    ],
    links: [
      link('ab', 'a', 'b', 'rail', 200, { gauge: g1 }),
      link('cd', 'c', 'd', 'rail', 300, { gauge: g2 }),
    ],
    crossings: [crossing('bc', ['b', 'c'], [service('rail', 'rail', svc)])],
  });
}

const query = {
  from: 'a',
  to: 'd',
  date: '2023-01-10',
  time: '08:00',
  cargo: 'feu' as const,
  optimize: 'time' as const,
};

export function gaugeChangeRule(name: string, impl: RouteImpl): void {
  describe(`${name}: gauge change only where gauges differ`, () => {
    it('changes gauge 1435 → 1520 at the crossing by transshipment: 2 h + 10 h + 3 h, $600', () => {
      const atlas = lineAtlas(1435, 1520, { gauges: [1435, 1520], gaugeChange: { method: 'transshipment' } });
      const it0 = impl(atlas, testProfile(), query).itineraries[0];
      expect(it0.totals.hours).toBeCloseTo(15, 6);
      expect(it0.totals.costUsd).toBeCloseTo(600, 6);
      expect(it0.totals.km).toBeCloseTo(500, 6);
      expect(it0.totals.transfers).toBe(1);
      expect(it0.crossings).toHaveLength(1);
      expect(it0.crossings[0].gaugeChange).toMatchObject({
        method: 'transshipment',
        fromGauge: '1435',
        toGauge: '1520',
      });
      expect(it0.warnings.some((w) => w.kind === 'gauge-change')).toBe(true);
    });

    it('takes the atlas hours of a bogie exchange: 2 h + 3 h + 3 h, $550', () => {
      const atlas = lineAtlas(1435, 1520, {
        gauges: [1435, 1520],
        gaugeChange: { method: 'bogie-exchange', hours: { typical: 3 } },
      });
      const it0 = impl(atlas, testProfile(), query).itineraries[0];
      expect(it0.totals.hours).toBeCloseTo(8, 6);
      expect(it0.totals.costUsd).toBeCloseTo(550, 6);
      expect(it0.crossings[0].gaugeChange?.method).toBe('bogie-exchange');
    });

    it('does not change gauge where both sides have the same gauge: 5 h, $500', () => {
      const atlas = lineAtlas(1435, 1435, { gauges: [1435, 1435] });
      const it0 = impl(atlas, testProfile(), query).itineraries[0];
      expect(it0.totals.hours).toBeCloseTo(5, 6);
      expect(it0.totals.costUsd).toBeCloseTo(500, 6);
      expect(it0.totals.transfers).toBe(0);
      expect(it0.crossings[0].gaugeChange).toBeNull();
      expect(it0.warnings.some((w) => w.kind === 'gauge-change')).toBe(false);
    });

    it('does not change gauge on dual-gauge track', () => {
      const atlas = lineAtlas(1520, 1520, { gauges: ['dual', 'dual'] });
      const it0 = impl(atlas, testProfile(), query).itineraries[0];
      expect(it0.totals.hours).toBeCloseTo(5, 6);
      expect(it0.crossings[0].gaugeChange).toBeNull();
    });

    it('dual-gauge track across a 1435/1520 border: the change happens at the yard (10 h, $100), never for free', () => {
      // Hunchun – Makhalino (Kamyshovaya) style: 1435 mm track runs into a combined-gauge yard at c,
      // where loads are transshipped to 1520: 2 h + 10 h + 3 h = 15 h, $200 + $100 + $300 = $600.
      const atlas = lineAtlas(1435, 1520, {
        gauges: [1435, 1520],
        gaugeChange: { method: 'dual-gauge-track', at: ['c'] },
      });
      atlas.places[2] = { ...atlas.places[2], gauges: [1520, 1435] };
      const it0 = impl(atlas, testProfile(), query).itineraries[0];
      expect(it0.totals.hours).toBeCloseTo(15, 6);
      expect(it0.totals.costUsd).toBeCloseTo(600, 6);
      expect(it0.totals.transfers).toBe(1);
      const change = it0.transfers.filter((t) => t.kind === 'gauge-change');
      expect(change).toHaveLength(1);
      expect(change[0].at).toBe('c');
      expect(change[0].hours).toBeCloseTo(10, 6);
      expect(it0.warnings.some((w) => w.kind === 'gauge-change' && w.message.includes('1435 → 1520'))).toBe(
        true,
      );
    });

    it('dual-gauge track into a yard that cannot handle the cargo: no route rather than a free change', () => {
      const atlas = lineAtlas(1435, 1520, {
        gauges: [1435, 1520],
        gaugeChange: { method: 'dual-gauge-track', at: ['c'] },
      });
      atlas.places[2] = { ...atlas.places[2], gauges: [1520, 1435], capabilities: ['bulk'] };
      expect(impl(atlas, testProfile(), query).itineraries).toHaveLength(0);
      expect(impl(atlas, testProfile(), { ...query, cargo: 'bulk' }).itineraries[0].totals.hours).toBeCloseTo(
        15,
        6,
      );
    });

    it('changes gauge inside a yard that has both gauges, by transshipment', () => {
      const atlas = atlasOf({
        places: [
          place('a', 'CN', 125, 47),
          place('y', 'CN', 126, 47, { gauges: [1435, 1520] }),
          place('d', 'CN', 127, 47),
        ],
        links: [
          link('ay', 'a', 'y', 'rail', 100, { gauge: 1435 }),
          link('yd', 'y', 'd', 'rail', 100, { gauge: 1520 }),
        ],
      });
      const it0 = impl(atlas, testProfile(), query).itineraries[0];
      expect(it0.totals.hours).toBeCloseTo(12, 6);
      expect(it0.transfers.filter((t) => t.kind === 'gauge-change')).toHaveLength(1);
      expect(it0.transfers.find((t) => t.kind === 'gauge-change')?.at).toBe('y');
    });
  });
}
