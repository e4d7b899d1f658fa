/**
 * Realism checks on the bundled atlas with the default profile: distances and
 * transit times of well-known routes against published figures. Each case
 * names its sources. The bundled atlas is part of the product: a case whose
 * places are missing from it fails, naming them (it is never skipped).
 *
 * Sources
 * - Song 2019 (R-economy 5(1), doi 10.15826/recon.2019.5.1.002): Harbin–Warsaw
 *   China–Europe trains take 13 days.
 * - topchinaforwarder.com 2025: China–Europe rail transit 15–20 days;
 *   customized-sourcing.com Dec 2020: 13–20 days.
 * - Fact base ../shared/reference/border-facts.md §4: Harbin–Suifenhe 548 km
 *   (Binsui railway); Suifenhe–Vladivostok 190 km (herich.com.cn) or 230 km
 *   (CRI); Harbin–Manzhouli 934.8 km; Moscow–Zabaykalsk 6,626 km; Beijing–Harbin
 *   1,249 km; Harbin–Dalian 921 km.
 * - Beijing–Shanghai railway 1,318 km (high-speed) to 1,462 km (conventional),
 *   https://en.wikipedia.org/wiki/Beijing%E2%80%93Shanghai_railway.
 */
import { describe, expect, it } from 'vitest';
import { loadAtlas } from '../src/atlas/load.ts';
import { loadProfile } from '../src/costs/profile.ts';
import { compileNetwork } from '../src/network/compile.ts';
import { route } from '../src/routing/index.ts';
import type { RouteQueryInput } from '../src/routing/schema.ts';

const { atlas } = loadAtlas();
const net = compileNetwork(atlas, loadProfile());
/** A case on places of the bundled atlas: fails, naming them, when any is missing (never skips). */
const onPlaces =
  (...ids: string[]) =>
  (name: string, fn: () => void, timeout?: number) =>
    it(
      name,
      () => {
        const missing = ids.filter((id) => !net.placeIndex.has(id));
        expect(missing, `the bundled atlas has no place ${missing.join(', ')}`).toEqual([]);
        fn();
      },
      timeout,
    );
const best = (q: Omit<RouteQueryInput, 'date'> & { date?: string }) => {
  const r = route(net, { date: '2023-06-01', cargo: 'feu', optimize: 'time', ...q });
  expect(r.itineraries.length, r.message).toBeGreaterThan(0);
  return r.itineraries[0];
};

describe('realism on the bundled atlas', () => {
  onPlaces('harbin', 'vladivostok')(
    'Harbin → Vladivostok by rail: 548 + 190…230 km, via Suifenhe–Grodekovo',
    () => {
      const it0 = best({ from: 'harbin', to: 'vladivostok', modes: ['rail'] });
      expect(it0.totals.km).toBeGreaterThan(700);
      expect(it0.totals.km).toBeLessThan(850);
      expect(it0.crossings.map((c) => c.id)).toContain('suifenhe-grodekovo');
      expect(it0.crossings[0].gaugeChange).not.toBeNull();
      // no published door-to-door time was found: a plausibility bound (1–7 days)
      expect(it0.totals.days).toBeGreaterThan(1);
      expect(it0.totals.days).toBeLessThan(7);
    },
  );

  onPlaces('harbin', 'hamburg')(
    'Harbin → Hamburg by rail: 12–20 days (Song 2019: Harbin–Warsaw 13 days), two gauge changes',
    () => {
      const it0 = best({ from: 'harbin', to: 'hamburg', modes: ['rail'] });
      expect(it0.totals.days).toBeGreaterThanOrEqual(12);
      expect(it0.totals.days).toBeLessThanOrEqual(20);
      // ≥ 934.8 (Harbin–Manzhouli) + 6,626 (Zabaykalsk–Moscow) + Moscow–Hamburg
      expect(it0.totals.km).toBeGreaterThan(9000);
      expect(it0.totals.km).toBeLessThan(11000);
      const changes = it0.crossings
        .filter((c) => c.gaugeChange)
        .map((c) => `${c.gaugeChange?.fromGauge}→${c.gaugeChange?.toGauge}`);
      expect(changes).toEqual(['1435→1520', '1520→1435']);
    },
  );

  onPlaces('suifenhe', 'vladivostok')('Suifenhe → Vladivostok: 190–230 km, under 2 days', () => {
    const it0 = best({ from: 'suifenhe', to: 'vladivostok' });
    expect(it0.totals.km).toBeGreaterThan(180);
    expect(it0.totals.km).toBeLessThan(260);
    expect(it0.totals.days).toBeLessThan(2);
    expect(it0.crossings).toHaveLength(1);
  });

  onPlaces('harbin', 'shanghai')('Harbin → Shanghai by land: 1,249 + 1,318…1,462 km', () => {
    const it0 = best({ from: 'harbin', to: 'shanghai', modes: ['rail', 'road'] });
    expect(it0.totals.km).toBeGreaterThan(2400);
    expect(it0.totals.km).toBeLessThan(3000);
    expect(it0.crossings).toHaveLength(0);
  });

  onPlaces('harbin', 'shanghai')(
    'Harbin → Shanghai by the land-sea channel: rail to a port, then by sea',
    () => {
      const r = route(net, {
        from: 'harbin',
        to: 'shanghai',
        date: '2023-06-01',
        cargo: 'feu',
        optimize: 'pareto',
        modes: ['rail', 'sea'],
      });
      const landSea = r.itineraries.find((i) => i.legs.some((l) => l.mode === 'sea'));
      expect(landSea, 'a rail + sea itinerary in the Pareto set').toBeDefined();
      if (!landSea) return;
      expect(landSea.legs[0].mode).toBe('rail');
      // Harbin–Dalian 921 km by rail plus the coastal sea leg
      expect(landSea.totals.km).toBeGreaterThan(1700);
      expect(landSea.totals.km).toBeLessThan(3600);
      expect(landSea.totals.days).toBeLessThan(14);
      // slower but cheaper than the all-land route
      const land = r.itineraries.find((i) => i.legs.every((l) => l.mode === 'rail'));
      if (land) expect(landSea.totals.costUsd).toBeLessThan(land.totals.costUsd);
    },
  );

  onPlaces(
    'blagoveshchensk',
    'harbin',
    'heihe',
  )(
    'Blagoveshchensk → Harbin: 20 April 2019 (break-up, before the bridge) waits or detours; 20 April 2023 takes the Heihe bridge',
    () => {
      const q = { from: 'blagoveshchensk', to: 'harbin', cargo: 'feu' as const, optimize: 'pareto' as const };
      const y2019 = route(net, { ...q, date: '2019-04-20' });
      const y2023 = route(net, { ...q, date: '2023-04-20' });
      expect(y2019.itineraries.length).toBeGreaterThan(0);
      for (const it0 of y2019.itineraries) {
        const bridge = it0.crossings.find((c) => c.id === 'heihe-blagoveshchensk' && c.facility === 'bridge');
        expect(bridge, 'the Heihe road bridge opened 2022-06-10').toBeUndefined();
        const detour = it0.crossings.some((c) => c.id !== 'heihe-blagoveshchensk');
        expect(detour || it0.totals.waitHours > 24, it0.summary).toBe(true);
      }
      const fast = y2023.itineraries.find((i) => i.bestFor.includes('time'));
      expect(fast?.crossings.map((c) => `${c.id}/${c.facility}`)).toEqual(['heihe-blagoveshchensk/bridge']);
      expect(fast?.totals.waitHours).toBe(0);
      expect(fast?.summary).toMatch(/opened 2022-06-10/);
      const fastest2019 = Math.min(...y2019.itineraries.map((i) => i.totals.hours));
      expect(fast?.totals.hours).toBeLessThan(fastest2019);
    },
  );
  onPlaces('shanghai', 'vladivostok')(
    'Shanghai → Vladivostok: bulk sails the same sea lane as containers (sea links are geography, not container services)',
    () => {
      const feu = best({ from: 'shanghai', to: 'vladivostok', modes: ['sea', 'road'] });
      const bulk = best({ from: 'shanghai', to: 'vladivostok', modes: ['sea', 'road'], cargo: 'bulk' });
      expect(bulk.legs.some((l) => l.mode === 'sea')).toBe(true);
      expect(bulk.totals.km).toBeCloseTo(feu.totals.km, 0);
      // a tonne of bulk on a bulk carrier emits less per tonne-km than a loaded FEU on a feeder
      const seaLeg = (it: typeof bulk) => it.legs.find((l) => l.mode === 'sea');
      const feuTonnes = loadProfile().cargo.tonnesPerUnit.feu;
      expect((seaLeg(bulk)?.co2eKg ?? 0) * feuTonnes).toBeLessThan(seaLeg(feu)?.co2eKg ?? 0);
    },
  );
  onPlaces('birobidzhan', 'jiamusi')(
    'Bulk Birobidzhan → Jiamusi (1,000 t, March 2024, cheapest): by rail over the Tongjiang bridge, or the itinerary says why not',
    () => {
      const it0 = best({
        from: 'birobidzhan',
        to: 'jiamusi',
        cargo: 'bulk',
        qty: 1000,
        date: '2024-03-15',
        optimize: 'cost',
      });
      const railBridge = it0.crossings.some(
        (c) => c.id === 'tongjiang-nizhneleninskoye' && c.mode === 'rail',
      );
      const why = it0.warnings.find((w) => w.kind === 'note' && w.message.startsWith('rail not used'));
      expect(railBridge || why !== undefined, it0.summary).toBe(true);
    },
  );
  onPlaces('harbin', 'heihe')(
    'Bulk Harbin → Heihe (613 km, both rail yards load bulk): rail is cheaper than road per tonne',
    () => {
      const it0 = best({ from: 'harbin', to: 'heihe', cargo: 'bulk', qty: 100, optimize: 'cost' });
      expect(
        it0.legs.some((l) => l.mode === 'rail' && l.service === 'wagonload / bulk unit train'),
        it0.summary,
      ).toBe(true);
    },
  );
  onPlaces('harbin', 'vladivostok')(
    'Air cargo Harbin → Vladivostok flies in the belly of the scheduled flight at the TAC-derived rate; containers do not fly',
    () => {
      const profile = loadProfile();
      const it0 = best({
        from: 'harbin',
        to: 'vladivostok',
        modes: ['air'],
        cargo: 'air',
        qty: 2,
        date: '2024-05-15',
      });
      const air = it0.legs.filter((l) => l.mode === 'air');
      expect(air.length, it0.summary).toBe(1);
      expect(air[0].service).toBe('air belly hold (passenger flight)');
      // 2 t × great-circle km × the profile's per-tonne-km air rate (TAC Index) and DEFRA's air factor
      const km = air[0].km;
      expect(air[0].costUsd).toBeCloseTo(2 * km * profile.modes.air.runningUsdPerKm.air, 0);
      const factor = profile.emissions.rows.find((r) => r.id === 'air-belly')?.wtwGPerTkm ?? 0;
      expect(air[0].co2eKg).toBeCloseTo((2 * km * factor) / 1000, 0);
      // 508.7 km in hours, plus half the 56 h headway of three flights a week (28 h) on the belly leg
      expect(air[0].km).toBeLessThan(600);
      expect(it0.totals.hours).toBeGreaterThan(28);
      expect(it0.totals.days).toBeLessThan(3);
      const feu = route(net, {
        from: 'harbin',
        to: 'vladivostok',
        date: '2024-05-15',
        cargo: 'feu',
        modes: ['air'],
      });
      expect(feu.itineraries).toEqual([]);
    },
  );
  onPlaces('harbin', 'moscow')(
    'Air cargo Harbin → Moscow goes on the cargo charter (freighter), not by surface',
    () => {
      const it0 = best({ from: 'harbin', to: 'moscow', modes: ['air', 'road'], cargo: 'air', qty: 5 });
      expect(it0.legs.map((l) => l.service)).toContain('air freighter');
      expect(it0.totals.days).toBeLessThan(3);
    },
  );
  onPlaces('vladivostok', 'busan')(
    'Vladivostok → Busan by sea: a short-sea feeder leg takes days, not a week (published 2 days port to port)',
    () => {
      const it0 = best({ from: 'vladivostok', to: 'busan', modes: ['sea'] });
      expect(it0.legs.map((l) => l.service)).toEqual(['feeder (short-sea, transshipment at hubs)']);
      expect(it0.totals.days).toBeLessThan(4.5);
    },
  );
});
