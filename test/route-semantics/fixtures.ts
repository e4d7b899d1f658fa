/**
 * Tiny hand-made atlases for the route semantics suite, and a test profile
 * whose numbers make answers easy to work out by hand:
 *
 * - every mode runs at 1 200 km/day (50 km/h) except rail at 2 400 km/day
 *   (100 km/h) and river at 480 km/day (20 km/h);
 * - running cost 1 USD per km for rail, 2 for road, 0.5 for river and sea (any cargo);
 * - no handling, fixed, dwell or waiting costs and no clearance time,
 *   unless a test sets them; border fees 0;
 * - gauge change: transshipment 10 h and 100 USD, bogie exchange 4 h and 50 USD;
 * - emissions: rail 10, road 100, river 20, sea 5 g per tonne-km (WTW),
 *   1 tonne per unit for every cargo kind.
 */
import type { Atlas, Crossing, CrossingService, Link, Place } from '../../src/atlas/schema.ts';
import { loadProfile, type PerCargo, type Profile } from '../../src/costs/profile.ts';

const all = (x: number): PerCargo => ({ teu: x, feu: x, bulk: x, liquid: x, air: x });

export function testProfile(patch: (p: Profile) => void = () => {}): Profile {
  const p: Profile = structuredClone(loadProfile());
  p.id = 'route-semantics';
  p.cargo.tonnesPerUnit = all(1);
  for (const m of ['rail', 'road', 'river', 'sea', 'air', 'pipeline'] as const) {
    const mp = p.modes[m];
    mp.runningUsdPerKm = all(m === 'rail' ? 1 : m === 'road' ? 2 : 0.5);
    mp.fixedUsdPerLeg = all(0);
    mp.handlingUsd = all(0);
    mp.dwellHours = 0;
    mp.releaseHours = 0;
    mp.kmPerDay = all(m === 'rail' ? 2400 : m === 'river' ? 480 : 1200);
    mp.kmPerDayBySubtype = undefined;
    mp.unitsPerVehicle = all(1);
  }
  // the semantics cases set their own speeds and dwells on the modes; service classes are tested in service-classes.ts
  p.services = [];
  for (const m of ['rail', 'road', 'river', 'sea', 'air', 'pipeline'] as const)
    p.modes[m].runningUsdPerKmByCountry = undefined;
  p.border.clearanceHours = { rail: 0, road: 0, river: 0, pipeline: 0 };
  p.border.feeUsdPerVehicle = { rail: 0, road: 0, river: 0, pipeline: 0 };
  p.gaugeChange.transshipment = { ...p.gaugeChange.transshipment, hours: 10, usd: all(100) };
  p.gaugeChange['bogie-exchange'] = { ...p.gaugeChange['bogie-exchange'], hours: 4, usd: all(50) };
  p.waiting.usdPerDay = all(0);
  const ids: Record<string, number> = { rail: 10, road: 100, river: 20, sea: 5, air: 500, pipeline: 1 };
  p.emissions.rows = Object.entries(ids).map(([mode, g]) => ({
    id: `t-${mode}`,
    mode: mode as Profile['emissions']['rows'][number]['mode'],
    label: `test ${mode}`,
    wtwGPerTkm: g,
    ttwGPerTkm: g,
    basis: 'assumption' as const,
    sources: ['amur-assumption'],
    version: 'test',
  }));
  p.emissions.hubs = p.emissions.hubs.map((h) => ({ ...h, wtwKgPerTonne: 0 }));
  p.emissions.select = {
    ...p.emissions.select,
    rail: { electric: { default: 't-rail' }, diesel: 't-rail', mixed: 't-rail', default: 't-rail' },
    road: { default: 't-road' },
    river: { default: 't-river' },
    sea: { default: 't-sea' },
    air: { default: 't-air' },
    pipeline: { default: 't-pipeline' },
  };
  patch(p);
  return p;
}

const SRC = ['test'];

/** A place at [lon, lat]; kinds default to a city with rail. */
export function place(
  id: string,
  country: 'CN' | 'RU' | 'MN' | 'KZ',
  lon: number,
  lat: number,
  extra: Partial<Place> = {},
): Place {
  return {
    id,
    names: { en: id[0].toUpperCase() + id.slice(1), zh: id, ru: id },
    country,
    region: country === 'CN' ? 'CN-HL' : 'RU-AMU',
    coords: [lon, lat],
    timezone: country === 'CN' ? 'Asia/Shanghai' : 'Asia/Yakutsk',
    kinds: ['city', 'rail-station'],
    capabilities: ['container', 'bulk'],
    sources: SRC,
    ...extra,
  };
}

export function link(
  id: string,
  from: string,
  to: string,
  mode: Link['mode'],
  km: number,
  extra: Partial<Link> = {},
): Link {
  return {
    id,
    from,
    to,
    mode,
    length: { basis: 'published', km, sources: SRC },
    bidirectional: true,
    ...(mode === 'rail' ? { gauge: 1435 as const } : {}),
    sources: SRC,
    ...extra,
  };
}

export function service(
  id: string,
  mode: CrossingService['mode'],
  extra: Partial<CrossingService> = {},
): CrossingService {
  return {
    id,
    mode,
    facility: mode === 'rail' ? 'rail-bridge' : 'bridge',
    status: [{ state: 'open' }],
    sources: SRC,
    ...extra,
  };
}

export function crossing(id: string, sides: [string, string], services: CrossingService[]): Crossing {
  return { id, names: { en: id, zh: id, ru: id }, sides, boundary: 'Amur', services, sources: SRC };
}

export function atlasOf(parts: { places: Place[]; links?: Link[]; crossings?: Crossing[] }): Atlas {
  return {
    sources: [{ id: 'test', title: 'test fixture', kind: 'other' }],
    places: parts.places,
    links: parts.links ?? [],
    crossings: parts.crossings ?? [],
    zones: [],
    corridors: [],
  };
}

/** The six places of the two-way fixtures: a and e in Russia, c, d and f in China (b on the Russian bank). */
export function twoWayPlaces(): Place[] {
  return [
    place('a', 'RU', 127, 50),
    place('b', 'RU', 128, 50),
    place('c', 'CN', 128, 50),
    place('d', 'CN', 129, 49),
    place('e', 'RU', 126, 49),
    place('f', 'CN', 126, 49),
  ];
}

/** Roads a —100— b, c —100— d (the direct way over b–c) and a — e, f — d of `detourKm` each (the way round over e–f). */
export function twoWayLinks(detourKm: number): Link[] {
  return [
    link('ab', 'a', 'b', 'road', 100),
    link('cd', 'c', 'd', 'road', 100),
    link('ae', 'a', 'e', 'road', detourKm),
    link('fd', 'f', 'd', 'road', detourKm),
  ];
}

/**
 * A → B ≈ C → D over crossing x (whose road bridge takes `x`), with a 600 km detour
 * A → E ≈ F → D over crossing y, always open: the fixture of the closed-crossing and
 * holiday rules.
 */
export function twoCrossings(x: Partial<CrossingService>): Atlas {
  return atlasOf({
    places: twoWayPlaces(),
    links: twoWayLinks(300),
    crossings: [
      crossing('x', ['b', 'c'], [service('bridge', 'road', x)]),
      crossing('y', ['e', 'f'], [service('bridge', 'road')]),
    ],
  });
}
