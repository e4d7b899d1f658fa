/**
 * Pure cost, time and CO2e functions over a profile. They take the attributes
 * of one link, transfer or crossing and one cargo unit, and return hours, USD
 * and kg CO2e per unit (one TEU, one FEU, one tonne). They never walk the
 * graph; the network compiler calls them once per edge and cargo unit.
 */
import type { CrossingService, Fee } from '../atlas/schema.ts';
import type { CargoUnit, EmissionRow, FreightMode, PerCargo, Profile, ServiceClass } from './profile.ts';

export interface Cost {
  hours: number;
  usd: number;
  /** Well-to-wheel kg CO2e per cargo unit. */
  co2eKg: number;
  /** Tank-to-wheel kg CO2e per cargo unit. */
  co2eKgTtw: number;
}

export interface LinkAttributes {
  mode: FreightMode;
  km: number;
  /** Country of the link (for the electricity grid of electric rail). */
  country?: string;
  traction?: 'electric' | 'diesel' | 'mixed';
  roadClass?: string;
  vessel?: string;
  /** Published scheduled transit time, hours: used instead of the speed when given. */
  transitHours?: number;
  /** The atlas line the link belongs to (English name), for the profile's `laneFees`. */
  line?: string;
}

export function tonnesPerUnit(profile: Profile, cargo: CargoUnit): number {
  return profile.cargo.tonnesPerUnit[cargo];
}

/** The emission row that applies to a link (rail by traction and country, others by sub-type). */
export function emissionRowFor(profile: Profile, link: LinkAttributes): EmissionRow {
  const sel = profile.emissions.select;
  let id: string;
  if (link.mode === 'rail') {
    const traction = link.traction ?? 'default';
    if (traction === 'electric')
      id = sel.rail.electric[link.country ?? ''] ?? sel.rail.electric.default ?? sel.rail.default;
    else if (traction === 'diesel') id = sel.rail.diesel;
    else if (traction === 'mixed') id = sel.rail.mixed;
    else id = sel.rail.default;
  } else {
    const table = sel[link.mode];
    const sub = link.mode === 'road' ? link.roadClass : link.vessel;
    id = (sub && table[sub]) || table.default;
  }
  const row = profile.emissions.rows.find((r) => r.id === id);
  if (!row) throw new Error(`profile ${profile.id}: emissions.select points to unknown row "${id}"`);
  return row;
}

/**
 * The service class a cargo unit moves in on a mode: the profile's first
 * class for the mode and cargo whose vessels (if it lists any) include the
 * link's vessel class and that has no `scope` (a scoped class runs only on
 * the legs its scope names, compiled as a layer of its own:
 * `network/compile/service-layers.ts`); undefined when the profile has none
 * (mode defaults).
 */
export function serviceFor(
  profile: Profile,
  mode: FreightMode,
  cargo: CargoUnit,
  vessel?: string,
): ServiceClass | undefined {
  return profile.services.find(
    (s) =>
      s.mode === mode &&
      !s.scope &&
      s.cargo.includes(cargo) &&
      (!s.vessels || vessel === undefined || s.vessels.includes(vessel)),
  );
}

/**
 * Dwell before departure at a terminal: that of the service class departing
 * (by the vessel class of the terminal's lanes where the caller knows it, so a
 * feeder port keeps the feeder's dwell, not the liner's), or the mode's.
 */
function dwellHours(profile: Profile, mode: FreightMode, cargo: CargoUnit, vessel?: string): number {
  const s = serviceFor(profile, mode, cargo, vessel);
  return s?.dwellHours ?? profile.modes[mode].dwellHours;
}

/**
 * Half the headway of the link's own service (84 h / departures a week): the
 * average wait for the next departure. Charged on the link, where its vessel
 * (a belly hold or a freighter, a feeder or a liner) is known; a terminal's
 * dwell is not, since the class is chosen by the link.
 */
function headwayHours(service: ServiceClass | undefined): number {
  return service?.departuresPerWeek ? 84 / service.departuresPerWeek : 0;
}

function releaseHours(profile: Profile, mode: FreightMode, cargo: CargoUnit, vessel?: string): number {
  return serviceFor(profile, mode, cargo, vessel)?.releaseHours ?? profile.modes[mode].releaseHours;
}

function kmPerDay(profile: Profile, link: LinkAttributes, cargo: CargoUnit): number {
  const m = profile.modes[link.mode];
  const service = serviceFor(profile, link.mode, cargo, link.vessel);
  const byCountry = link.country ? service?.kmPerDayByCountry?.[link.country] : undefined;
  if (byCountry !== undefined) return byCountry;
  if (service?.kmPerDay !== undefined) return service.kmPerDay;
  const sub = link.mode === 'road' ? link.roadClass : link.vessel;
  const table: PerCargo = (sub && m.kmPerDayBySubtype?.[sub]) || m.kmPerDay;
  return table[cargo];
}

/**
 * Hours, cost and CO2e of moving one cargo unit along a link: running cost
 * by the link's country where the profile gives one (China Railway and RZD
 * tariffs differ), speed by the service class. A ship's call at a port it
 * passes through is not part of the lane: see `callCost`.
 */
export function linkCost(profile: Profile, link: LinkAttributes, cargo: CargoUnit): Cost {
  const m = profile.modes[link.mode];
  const perDay = kmPerDay(profile, link, cargo);
  const service = serviceFor(profile, link.mode, cargo, link.vessel);
  const hours = (link.transitHours ?? (perDay > 0 ? (link.km / perDay) * 24 : 0)) + headwayHours(service);
  const row = emissionRowFor(profile, link);
  const tkm = link.km * tonnesPerUnit(profile, cargo);
  const running =
    service?.runningUsdPerKm ||
    (link.country && m.runningUsdPerKmByCountry?.[link.country]) ||
    m.runningUsdPerKm;
  // a fee for passing the lane (e.g. icebreaker escort on the Northern Sea Route), per unit and passage
  const laneFee = link.line ? (profile.laneFees.find((f) => f.line === link.line)?.usd[cargo] ?? 0) : 0;
  return {
    hours,
    usd: link.km * running[cargo] + laneFee,
    co2eKg: (tkm * row.wtwGPerTkm) / 1000,
    co2eKgTtw: (tkm * row.ttwGPerTkm) / 1000,
  };
}

/**
 * A ship's call at a port it passes through (arrives by sea and sails on by
 * sea, the cargo staying aboard): the `callHours` and `callUsd` of the
 * service class the unit arrived in (by the arriving lane's vessel class).
 * Not charged where the cargo is loaded or discharged: the terminal's dwell,
 * release and handling already count those. No emissions are charged for
 * the call (the GLEC hub factors are for handling cargo, which stays aboard).
 */
export function callCost(profile: Profile, mode: FreightMode, cargo: CargoUnit, vessel?: string): Cost {
  const service = serviceFor(profile, mode, cargo, vessel);
  return {
    hours: service?.callHours ?? 0,
    usd: service?.callUsd?.[cargo] ?? 0,
    co2eKg: 0,
    co2eKgTtw: 0,
  };
}

/** Hub emissions (well-to-wake) of handling one unit of `cargo` at a terminal, kg. */
function hubKgPerUnit(profile: Profile, cargo: CargoUnit, seaport: boolean): number {
  return hubKgPerTonne(profile, cargo, seaport) * tonnesPerUnit(profile, cargo);
}

function hubKgPerTonne(profile: Profile, cargo: CargoUnit, seaport: boolean): number {
  const sel = profile.emissions.select.hub;
  // the maritime container-terminal factor is for containers; dry bulk at a seaport takes the ambient transshipment row
  const container = cargo === 'teu' || cargo === 'feu';
  const id = cargo === 'liquid' ? sel.liquid : seaport && container ? sel.seaport : sel.default;
  return profile.emissions.hubs.find((h) => h.id === id)?.wtwKgPerTonne ?? 0;
}

/**
 * Loading one unit onto a mode at a place (start of a leg): handling, the
 * leg's fixed cost, the terminal dwell and hub emissions. Road pick-up at the
 * door has no hub emissions. `vessel`: the vessel class sailing from a sea
 * terminal, when the caller knows it (its service class's dwell applies).
 */
export function loadCost(
  profile: Profile,
  mode: FreightMode,
  cargo: CargoUnit,
  atSeaport: boolean,
  vessel?: string,
): Cost {
  const m = profile.modes[mode];
  const hub = mode === 'road' ? 0 : hubKgPerUnit(profile, cargo, atSeaport && mode === 'sea');
  return {
    hours: dwellHours(profile, mode, cargo, mode === 'sea' ? vessel : undefined),
    usd: m.handlingUsd[cargo] + m.fixedUsdPerLeg[cargo],
    co2eKg: hub,
    co2eKgTtw: 0,
  };
}

/** Unloading one unit from a mode at the destination place (`vessel`: as for `loadCost`). */
export function unloadCost(
  profile: Profile,
  mode: FreightMode,
  cargo: CargoUnit,
  atSeaport: boolean,
  vessel?: string,
): Cost {
  const m = profile.modes[mode];
  const hub = mode === 'road' ? 0 : hubKgPerUnit(profile, cargo, atSeaport && mode === 'sea');
  return {
    hours: releaseHours(profile, mode, cargo, mode === 'sea' ? vessel : undefined),
    usd: m.handlingUsd[cargo],
    co2eKg: hub,
    co2eKgTtw: 0,
  };
}

/**
 * Transhipment of one unit from one mode to another at a place: release from
 * the incoming mode's terminal, handling on both sides, the outgoing leg's
 * fixed cost and the outgoing terminal's dwell. Never cheaper or faster than
 * unloading and loading again, so passing through an extra mode gains nothing.
 * `vessel`: the vessel class of the place's lanes, when known (as for `loadCost`).
 */
export function transferCost(
  profile: Profile,
  fromMode: FreightMode,
  toMode: FreightMode,
  cargo: CargoUnit,
  atSeaport: boolean,
  vessel?: string,
): Cost {
  const a = profile.modes[fromMode];
  const b = profile.modes[toMode];
  const seaside = atSeaport && (fromMode === 'sea' || toMode === 'sea');
  const hub = hubKgPerUnit(profile, cargo, seaside);
  return {
    hours:
      releaseHours(profile, fromMode, cargo, fromMode === 'sea' ? vessel : undefined) +
      dwellHours(profile, toMode, cargo, toMode === 'sea' ? vessel : undefined),
    usd: a.handlingUsd[cargo] + b.handlingUsd[cargo] + b.fixedUsdPerLeg[cargo],
    co2eKg: hub,
    co2eKgTtw: 0,
  };
}

export type GaugeChangeMethod = keyof Profile['gaugeChange'];

/**
 * A change of gauge for one unit: profile time and cost of the method, or the
 * atlas's hours when given, plus the dwell of the unit's rail service class at
 * a gauge-change station (`gaugeChangeDwellHours`: e.g. a China–Europe train
 * waiting there for its onward train).
 */
export function gaugeChangeCost(
  profile: Profile,
  method: GaugeChangeMethod,
  cargo: CargoUnit,
  atlasHours?: number,
): Cost {
  const g = profile.gaugeChange[method];
  const hub = method === 'transshipment' ? hubKgPerUnit(profile, cargo, false) : 0;
  const dwell = serviceFor(profile, 'rail', cargo)?.gaugeChangeDwellHours ?? 0;
  return { hours: (atlasHours ?? g.hours) + dwell, usd: g.usd[cargo], co2eKg: hub, co2eKgTtw: 0 };
}

/** Converts an atlas fee to USD per cargo unit (per-vehicle fees divided by the units a vehicle carries). */
export function feeUsdPerUnit(
  profile: Profile,
  fee: Fee,
  cargo: CargoUnit,
  mode: FreightMode,
): number | null {
  const rate = profile.fx.usdPer[fee.currency];
  if (rate === undefined) return null;
  const usd = fee.amount * rate;
  const units = profile.modes[mode].unitsPerVehicle[cargo];
  switch (fee.per) {
    case 'teu':
      return cargo === 'teu' ? usd : cargo === 'feu' ? usd * 2 : null;
    case 'feu':
      return cargo === 'feu' ? usd : cargo === 'teu' ? usd / 2 : null;
    case 'tonne':
      return usd * profile.cargo.tonnesPerUnit[cargo];
    case 'vehicle':
    case 'truck':
    case 'wagon':
    case 'crossing':
      return units > 0 ? usd / units : usd;
    case 'person':
      return 0;
    default:
      return null;
  }
}

export type CrossingModeKind = 'rail' | 'road' | 'river' | 'pipeline';

/**
 * Clearance, fees and time on the crossing itself for one unit (gauge change
 * is separate). `borderMode` picks the profile's default clearance and fee;
 * `moveMode` the running cost and emissions of moving `km` across (road for
 * trucks on a bridge, ferry, pontoon or ice road; null for a barge or pipeline).
 */
export function crossingCost(
  profile: Profile,
  service: Pick<CrossingService, 'clearance' | 'transitHours' | 'fees'>,
  borderMode: CrossingModeKind,
  moveMode: FreightMode | null,
  cargo: CargoUnit,
  km: number,
): Cost & { clearanceHours: number; feeUsd: number } {
  const clearanceHours = service.clearance?.typical ?? profile.border.clearanceHours[borderMode];
  const vehicleMode: FreightMode = moveMode ?? borderMode;
  let feeUsd = 0;
  let anyFee = false;
  for (const fee of service.fees ?? []) {
    const v = feeUsdPerUnit(profile, fee, cargo, vehicleMode);
    if (v !== null) {
      feeUsd += v;
      anyFee = true;
    }
  }
  if (!anyFee) {
    const units = profile.modes[vehicleMode].unitsPerVehicle[cargo];
    feeUsd = profile.border.feeUsdPerVehicle[borderMode] / (units > 0 ? units : 1);
  }
  const move = moveMode ? linkCost(profile, { mode: moveMode, km }, cargo) : null;
  return {
    hours: clearanceHours + (service.transitHours ?? 0),
    usd: feeUsd + (move?.usd ?? 0),
    co2eKg: move?.co2eKg ?? 0,
    co2eKgTtw: move?.co2eKgTtw ?? 0,
    clearanceHours,
    feeUsd,
  };
}

/** Storage cost of waiting `hours` for a calendar, per unit. */
export function waitCostUsd(profile: Profile, cargo: CargoUnit, hours: number): number {
  return (profile.waiting.usdPerDay[cargo] * hours) / 24;
}
