/**
 * Capacities of links and crossing services for the assignment: a published
 * capacity in tonnes a year (`capacityTonnes`, with the stated assumptions of
 * `DEFAULT_CAPACITY_ASSUMPTIONS`), the one an assignment uses
 * (`chooseCapacity`), and what it can carry month by month by the days the
 * element is open (`monthlyCapacity`).
 */
import { dayState, daysFromCivil, isoFromDays } from '../../atlas/calendar.ts';
import type { Capacity } from '../../atlas/schema.ts';
import type { CapacityAssumptions, CapacityUsed } from './types.ts';

/** Stated assumptions, not published figures: see docs/scenarios.md. */
export const DEFAULT_CAPACITY_ASSUMPTIONS: CapacityAssumptions = {
  truckPayloadTonnes: 20,
  vehicleTruckShare: 0.5,
  trainTonnes: 3000,
  daysPerYear: 365,
  tonnesPerTeu: 10,
};

const CAPACITY_ORDER: Record<string, number> = {
  'Mt/yr': 0,
  'kt/yr': 0,
  't/day': 0,
  'TEU/yr': 1,
  'trains/day': 2,
  'trucks/day': 2,
  'vehicles/day': 3,
};

/** Converts a published capacity to tonnes a year, or null when it is not a freight capacity. */
export function capacityTonnes(c: Capacity, a: CapacityAssumptions): { tonnes: number; how: string } | null {
  switch (c.unit) {
    case 'Mt/yr':
      return { tonnes: c.value * 1e6, how: `${c.value} Mt/yr` };
    case 'kt/yr':
      return { tonnes: c.value * 1e3, how: `${c.value} kt/yr` };
    case 't/day':
      return { tonnes: c.value * a.daysPerYear, how: `${c.value} t/day × ${a.daysPerYear} d` };
    case 'TEU/yr':
      return { tonnes: c.value * a.tonnesPerTeu, how: `${c.value} TEU/yr × ${a.tonnesPerTeu} t/TEU` };
    case 'trucks/day':
      return {
        tonnes: c.value * a.truckPayloadTonnes * a.daysPerYear,
        how: `${c.value} trucks/day × ${a.truckPayloadTonnes} t × ${a.daysPerYear} d`,
      };
    case 'vehicles/day':
      return {
        tonnes: c.value * a.vehicleTruckShare * a.truckPayloadTonnes * a.daysPerYear,
        how: `${c.value} vehicles/day × ${a.vehicleTruckShare} trucks/vehicle × ${a.truckPayloadTonnes} t × ${a.daysPerYear} d`,
      };
    case 'trains/day':
      return {
        tonnes: c.value * a.trainTonnes * a.daysPerYear,
        how: `${c.value} trains/day × ${a.trainTonnes} t × ${a.daysPerYear} d`,
      };
    default:
      return null;
  }
}

/**
 * The capacity an assignment uses: among the convertible entries, those not
 * `planned` if any (else the planned ones), tonnage units before TEU, trains
 * and trucks, then vehicles; the latest year first.
 */
export function chooseCapacity(list: Capacity[] | undefined, a: CapacityAssumptions): CapacityUsed | null {
  if (!list?.length) return null;
  const conv = list
    .map((c, i) => ({ c, i, t: capacityTonnes(c, a) }))
    .filter((x): x is { c: Capacity; i: number; t: { tonnes: number; how: string } } => x.t !== null);
  if (conv.length === 0) return null;
  // published figures before estimates made here, and what exists before what is planned
  const published = conv.filter((x) => x.c.basis !== 'estimate');
  const notPlanned = (published.length > 0 ? published : conv).filter((x) => x.c.basis !== 'planned');
  const pool = notPlanned.length > 0 ? notPlanned : published.length > 0 ? published : conv;
  pool.sort(
    (x, y) =>
      (CAPACITY_ORDER[x.c.unit] ?? 9) - (CAPACITY_ORDER[y.c.unit] ?? 9) ||
      (y.c.year ?? 0) - (x.c.year ?? 0) ||
      x.i - y.i,
  );
  const best = pool[0];
  return {
    tonnesPerYear: best.t.tonnes,
    value: best.c.value,
    unit: best.c.unit,
    basis: best.c.basis,
    year: best.c.year,
    how: best.t.how,
  };
}

const PER_DAY_UNITS = new Set(['t/day', 'trucks/day', 'vehicles/day', 'trains/day']);

/**
 * The tonnes an element can carry in each month of `year`, by the days it is
 * open (`dayState` of its status and calendar; opening hours are inside the
 * published daily rates): a daily rate × the open days of the month; a yearly
 * capacity × the month's share of the open days of the year. An element open
 * every day gets a twelfth-ish of a yearly figure each month.
 */
export function monthlyCapacity(
  used: CapacityUsed,
  thing: Parameters<typeof dayState>[0],
  year: number,
  a: CapacityAssumptions,
): number[] {
  const open = new Array(12).fill(0);
  const start = daysFromCivil(year, 1, 1);
  const end = daysFromCivil(year + 1, 1, 1);
  for (let d = start; d < end; d++) {
    const iso = isoFromDays(d);
    if (dayState(thing, iso).usable) open[Number(iso.slice(5, 7)) - 1]++;
  }
  const openYear = open.reduce((s, v) => s + v, 0);
  if (PER_DAY_UNITS.has(used.unit)) {
    const perDay = used.tonnesPerYear / a.daysPerYear;
    return open.map((n) => perDay * n);
  }
  return open.map((n) => (openYear > 0 ? (used.tonnesPerYear * n) / openYear : 0));
}
