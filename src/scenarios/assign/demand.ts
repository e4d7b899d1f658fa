/**
 * Stage 1 of the assignment, demand expansion: the demand table's rows
 * become origin–destination flows on the network (one per origin,
 * destination, cargo unit and transit-avoid list, the rows behind it kept),
 * grouped by origin (one shortest-path tree per group, month and cost), each
 * month taking a twelfth of the year's tonnes. Rows naming a place the
 * network does not have are unassigned at once (`unknown-place`).
 */
import type { CargoUnit } from '../../costs/profile.ts';
import type { Network } from '../../network/types.ts';
import type { DemandTable } from '../schema.ts';
import { type TransitRule, transitAvoid } from '../transit.ts';
import type { Unassigned } from './types.ts';

/** One origin–destination flow: the demand rows with the same places, cargo unit and avoid list. */
export interface Od {
  /** Place indices of the network. */
  from: number;
  to: number;
  cargo: CargoUnit;
  /** Countries the flow may not pass through, comma-joined ('' for none). */
  avoid: string;
  /** Tonnes a year. */
  tonnes: number;
  /** Indices of the demand rows behind it. */
  rows: number[];
  container: boolean;
}

/** The flows leaving one origin with one cargo unit and avoid list: they share a shortest-path tree. */
export interface OriginGroup {
  from: number;
  cargo: CargoUnit;
  avoid: string;
  /** Indices into the flow list. */
  ods: number[];
}

export interface ExpandedDemand {
  ods: Od[];
  groups: OriginGroup[];
  /** Rows naming a place the network lacks, with the tonnes of the months assigned. */
  unknown: Unassigned[];
}

/** Monthly tonnes of a flow: a twelfth, December taking the rounding rest. */
export function monthShare(o: Od, m: number): number {
  return m === 11 ? o.tonnes - 11 * (o.tonnes / 12) : o.tonnes / 12;
}

/** The demand table as flows on `net` under the transit `rules`, for the calendar `months` (0–11). */
export function expandDemand(
  net: Network,
  demand: DemandTable,
  rules: TransitRule[],
  months: number[],
): ExpandedDemand {
  const unknown: Unassigned[] = [];
  const ods: Od[] = [];
  const odKey = new Map<string, number>();
  demand.rows.forEach((r, i) => {
    const f = net.placeIndex.get(r.from);
    const t = net.placeIndex.get(r.to);
    if (f === undefined || t === undefined) {
      unknown.push({
        from: r.from,
        to: r.to,
        commodity: r.commodity,
        cargo: r.cargo,
        tonnes: (r.tonnesPerYear * months.length) / 12,
        reason: 'unknown-place',
        months: [...months],
      });
      return;
    }
    const avoid = transitAvoid(rules, net.places[f].country, net.places[t].country).join(',');
    const k = `${f}|${t}|${r.cargo}|${avoid}`;
    let idx = odKey.get(k);
    if (idx === undefined) {
      idx = ods.length;
      odKey.set(k, idx);
      ods.push({
        from: f,
        to: t,
        cargo: r.cargo,
        avoid,
        tonnes: 0,
        rows: [],
        container: r.cargo === 'teu' || r.cargo === 'feu',
      });
    }
    ods[idx].tonnes += r.tonnesPerYear;
    ods[idx].rows.push(i);
  });
  return { ods, groups: originGroups(ods), unknown };
}

/** Flows grouped by (origin, cargo, avoid), in the order of their first flow. */
export function originGroups(ods: Od[]): OriginGroup[] {
  const groups = new Map<string, OriginGroup>();
  ods.forEach((o, i) => {
    const k = `${o.from}|${o.cargo}|${o.avoid}`;
    let g = groups.get(k);
    if (!g) {
      g = { from: o.from, cargo: o.cargo, avoid: o.avoid, ods: [] };
      groups.set(k, g);
    }
    g.ods.push(i);
  });
  return [...groups.values()];
}
