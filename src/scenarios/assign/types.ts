/**
 * The shapes of the flow assignment: its options and its result (elements
 * loaded, overloads with their diversions, unassigned demand, iterations).
 * `assign.ts` re-exports them.
 */
import type { TransitRule } from '../transit.ts';

export type AssignMethod = 'aon' | 'incremental' | 'fw';

export interface CapacityAssumptions {
  /** Payload of a loaded truck, tonnes (trucks/day, vehicles/day). */
  truckPayloadTonnes: number;
  /** Share of "vehicles" that are loaded cargo trucks (vehicles/day counts cars and buses too). */
  vehicleTruckShare: number;
  /** Net cargo of a freight train, tonnes (trains/day). */
  trainTonnes: number;
  /** Operating days a year. */
  daysPerYear: number;
  /** Tonnes per TEU (TEU/yr capacities); the profile's loaded TEU. */
  tonnesPerTeu: number;
}

export interface AssignOptions {
  method?: AssignMethod;
  /** Frank–Wolfe iterations, or incremental slices (default 20 / 4). */
  iterations?: number;
  year?: number;
  /** Value of time, USD per tonne and hour (default 0.05: goods worth ~US$4,400/t at 10%/yr). */
  votUsdPerTonneHour?: number;
  /** Carbon price, USD per tonne CO2e (default 0). */
  carbonUsdPerTonne?: number;
  bpr?: { alpha: number; beta: number };
  capacity?: Partial<CapacityAssumptions>;
  rules?: TransitRule[];
  horizonDays?: number;
  /** Only these months (0–11); default all twelve. */
  months?: number[];
  /** Stop Frank–Wolfe when the relative gap falls below this (default 1e-4). */
  gapTarget?: number;
}

export interface CapacityUsed {
  tonnesPerYear: number;
  /** Tonnes it can carry in each month (January first), by the days it is open. */
  byMonth?: number[];
  value: number;
  unit: string;
  basis: string;
  year?: number;
  how: string;
}

export interface ElementResult {
  id: string;
  name: string;
  /** Tonnes a year (both directions). */
  load: number;
  /** Of which containers, TEU a year. */
  teu: number;
  byMonth: number[];
  capacity: number | null;
  capacityUsed: CapacityUsed | null;
  utilisation: number | null;
  /** Months whose load reaches the monthly capacity. */
  monthsAtCapacity: number;
}

/** Where the flow over an overloaded element would go with the element closed. */
export interface Diversion {
  /** The crossing services of the alternative paths (`crossing/service`), or `domestic route`, or `no alternative`. */
  via: string;
  /** Tonnes a year of the excess that would take this way (the excess shared in proportion to the ODs using the element). */
  tonnes: number;
  /** Extra generalised cost per tonne of the alternative over the element, at the final congested costs, USD. */
  extraUsdPerTonne: number | null;
  /** Origin–destination pairs behind it (up to five), `from → to (cargo)`. */
  examples: string[];
  /** Some element of the alternative is itself loaded beyond capacity in that month. */
  alsoOverloaded: boolean;
}

/** An element loaded beyond its capacity in some month. */
export interface Overload {
  kind: 'link' | 'crossing';
  /** Link id, or `crossing/service`. */
  id: string;
  name: string;
  /** Months (0–11) in which the load exceeds the capacity, with load and capacity, tonnes. */
  months: { month: number; load: number; capacity: number }[];
  /** Tonnes a year above capacity (sum over the overloaded months). */
  excessTonnes: number;
  /** Highest monthly load / capacity. */
  peakUtilisation: number;
  /** Month (0–11) of the peak, where the diversion was computed. */
  peakMonth: number;
  divertedTo: Diversion[];
}

export interface CrossingResult extends ElementResult {
  services: (ElementResult & { service: string })[];
}

export interface Unassigned {
  from: string;
  to: string;
  commodity: string;
  cargo: string;
  tonnes: number;
  reason: 'no-path' | 'closed-all-year' | 'closed-some-months' | 'unknown-place';
  months: number[];
}

export interface IterationReport {
  iteration: number;
  relativeGap: number | null;
  /** Step size (Frank–Wolfe), mean over months. */
  lambda: number | null;
  objective: number;
  ms: number;
  /** Total and shortest-path total system cost behind the gap (to merge month groups). */
  tstc?: number;
  sptc?: number;
}

export interface AssignResult {
  method: AssignMethod;
  year: number;
  unit: 'tonnes/yr';
  totals: {
    demand: number;
    assigned: number;
    unassigned: number;
    byCommodity: Record<string, { demand: number; assigned: number; unassigned: number }>;
  };
  links: ElementResult[];
  crossings: CrossingResult[];
  /** Elements loaded beyond their capacity in some month, with where the excess would go (empty: none). */
  overloads: Overload[];
  unassigned: Unassigned[];
  iterations: IterationReport[];
  assumptions: {
    capacity: CapacityAssumptions;
    votUsdPerTonneHour: number;
    carbonUsdPerTonne: number;
    bpr: { alpha: number; beta: number };
    departures: string;
  };
  stats: { trees: number; ms: number; origins: number; odPairs: number };
}
