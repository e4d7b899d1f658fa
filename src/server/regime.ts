/**
 * A crossing's regime on a date, for the map and the crossing panel: each
 * service's state that day (from `dayState` in `src/atlas/calendar.ts`) and
 * the days its state changes (`upcomingChanges`, same module), and the
 * crossing's look on the map:
 *
 * - `open`: a service without seasons is usable that day (a bridge, a land crossing);
 * - `seasonal`: only seasonal services are usable (a summer ferry, a winter ice road or pontoon);
 * - `planned`: every service is planned or under construction;
 * - `closed`: nothing is usable that day (between seasons, a closure, suspended).
 *
 * Opening hours are ignored here (a day is open if the service runs that day),
 * as `dayState` does.
 */
import { z } from 'zod';
import { dayState, type ServiceStateName, upcomingChanges } from '../atlas/calendar.ts';
import type { Atlas, Crossing, CrossingService } from '../atlas/schema.ts';
import { CrossingMode, Facility, IsoDate, Names } from '../atlas/schema.ts';

/** How far ahead the next change is looked for, days. */
export const NEXT_CHANGE_HORIZON_DAYS = 730;
/** The window and number of upcoming changes listed per service. */
export const UPCOMING_DAYS = 366;
export const UPCOMING_MAX = 8;

export const CrossingLook = z.enum(['open', 'seasonal', 'closed', 'planned']);
export type CrossingLook = z.infer<typeof CrossingLook>;

const StateName = z.enum([
  'open',
  'off-hours',
  'seasonal-closed',
  'closed',
  'planned',
  'under-construction',
  'suspended',
] satisfies ServiceStateName[]);

export const DayChange = z.object({
  date: IsoDate.describe('first day of the new state'),
  inDays: z.number().int().describe('days from the asked date'),
  state: StateName,
  usable: z.boolean(),
  reason: z.string(),
});
export type DayChange = z.infer<typeof DayChange>;

export const ServiceRegime = z.object({
  id: z.string(),
  mode: CrossingMode,
  facility: Facility,
  names: Names.partial({ zh: true, ru: true }).optional(),
  seasonal: z.boolean().describe('the service has seasons (ferry, ice road, pontoon)'),
  state: StateName,
  usable: z.boolean(),
  reason: z.string(),
  next: DayChange.nullable().describe(`the next change within ${NEXT_CHANGE_HORIZON_DAYS} days, or null`),
  changes: z
    .array(DayChange)
    .describe(`the changes within ${UPCOMING_DAYS} days (at most ${UPCOMING_MAX}), in order`),
});
export type ServiceRegime = z.infer<typeof ServiceRegime>;

export const CrossingRegime = z.object({
  id: z.string(),
  names: Names,
  sides: z.tuple([z.string(), z.string()]),
  date: IsoDate,
  look: CrossingLook,
  services: z.array(ServiceRegime),
  next: DayChange.extend({ service: z.string().describe('id of the service that changes') })
    .nullable()
    .describe('the nearest change of any service'),
});
export type CrossingRegime = z.infer<typeof CrossingRegime>;

function isSeasonal(s: CrossingService): boolean {
  return (s.calendar?.seasons?.length ?? 0) > 0 || (s.calendar?.observed?.length ?? 0) > 0;
}

export function crossingRegime(c: Crossing, date: string): CrossingRegime {
  const services = c.services.map((s) => {
    const st = dayState(s, date);
    const changes = upcomingChanges(s, date, {
      windowDays: UPCOMING_DAYS,
      max: UPCOMING_MAX,
      horizonDays: NEXT_CHANGE_HORIZON_DAYS,
    });
    return {
      id: s.id,
      mode: s.mode,
      facility: s.facility,
      ...(s.names ? { names: s.names } : {}),
      seasonal: isSeasonal(s),
      state: st.state,
      usable: st.usable,
      reason: st.reason,
      next: changes[0] ?? null,
      changes,
    };
  });
  let look: CrossingLook;
  const usable = services.filter((s) => s.usable);
  if (usable.some((s) => !s.seasonal)) look = 'open';
  else if (usable.length > 0) look = 'seasonal';
  else if (services.every((s) => s.state === 'planned' || s.state === 'under-construction')) look = 'planned';
  else look = 'closed';
  let next: CrossingRegime['next'] = null;
  for (const s of services) {
    if (s.next && (!next || s.next.inDays < next.inDays)) next = { ...s.next, service: s.id };
  }
  return { id: c.id, names: c.names, sides: c.sides, date, look, services, next };
}

/** Regimes of every crossing on a date, cached per atlas and date (the map asks often). */
export class RegimeCache {
  private readonly cache = new Map<string, CrossingRegime[]>();
  private atlas: Atlas | null = null;

  all(atlas: Atlas, date: string): CrossingRegime[] {
    if (atlas !== this.atlas) {
      this.cache.clear();
      this.atlas = atlas;
    }
    const hit = this.cache.get(date);
    if (hit) {
      this.cache.delete(date);
      this.cache.set(date, hit);
      return hit;
    }
    const out = atlas.crossings.map((c) => crossingRegime(c, date));
    this.cache.set(date, out);
    if (this.cache.size > 400) this.cache.delete(this.cache.keys().next().value as string);
    return out;
  }
}
