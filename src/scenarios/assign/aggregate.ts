/**
 * Result aggregation: the loads of the edges, month by month, summed per
 * link and per crossing service (both directions), with their TEU, the
 * capacity used, the utilisation over the months assigned and the months at
 * capacity; crossings carry their services, their capacity the sum of the
 * services' when every service has one. Sorted by load, heaviest first.
 */
import type { Atlas } from '../../atlas/schema.ts';
import { EDGE_KIND, type Network } from '../../network/types.ts';
import type { CapacityTables } from './elements.ts';
import type { CapacityUsed, CrossingResult, ElementResult } from './types.ts';

/** Rounded to three decimals (tonnes). */
export const r3 = (v: number): number => Math.round(v * 1000) / 1000;

interface Aggregate {
  name: string;
  byMonth: number[];
  teu: number;
}

interface ServiceAggregate extends Aggregate {
  crossing: string;
  service: string;
}

/** One element's result from its monthly loads and capacity, utilisation over the `months` assigned. */
export function elementResult(
  id: string,
  name: string,
  byMonth: number[],
  teu: number,
  cap: CapacityUsed | null | undefined,
  months: number[],
): ElementResult {
  const load = byMonth.reduce((s, v) => s + v, 0);
  const capacity = cap ? cap.tonnesPerYear : null;
  const capMonths = cap?.byMonth ?? (capacity ? new Array(12).fill(capacity / 12) : null);
  // what the element can carry in the months assigned
  const capAssigned = capMonths ? months.reduce((s, m) => s + capMonths[m], 0) : 0;
  return {
    id,
    name,
    load: r3(load),
    teu: r3(teu),
    byMonth: byMonth.map(r3),
    capacity,
    capacityUsed: cap ?? null,
    utilisation: capMonths ? (capAssigned > 0 ? Math.round((load / capAssigned) * 10000) / 10000 : 0) : null,
    monthsAtCapacity: capMonths ? byMonth.filter((v, m) => v > 1e-6 && v >= capMonths[m] * 0.999).length : 0,
  };
}

/** Monthly loads and TEU per link and per crossing service, from the edge loads of each month assigned. */
function aggregateEdges(
  net: Network,
  months: number[],
  load: Float64Array[],
  loadC: Float64Array[],
): { links: Map<string, Aggregate>; services: Map<string, ServiceAggregate> } {
  const tpuTeu = net.profile.cargo.tonnesPerUnit.teu;
  const links = new Map<string, Aggregate>();
  const services = new Map<string, ServiceAggregate>();
  months.forEach((_, mi) => {
    const x = load[mi];
    const xc = loadC[mi];
    for (let e = 0; e < net.edgeCount; e++) {
      if (x[e] <= 1e-9) continue;
      const kind = net.kind[e];
      let a: Aggregate | undefined;
      if (kind === EDGE_KIND.link) {
        const l = net.links[net.ref[e]];
        a = links.get(l.id);
        if (!a) {
          a = { name: l.line ?? l.id, byMonth: new Array(12).fill(0), teu: 0 };
          links.set(l.id, a);
        }
      } else if (kind === EDGE_KIND.crossing) {
        const c = net.crossings[net.ref[e]];
        const k = `${c.crossingId}/${c.serviceId}`;
        a = services.get(k);
        if (!a) {
          const s: ServiceAggregate = {
            crossing: c.crossingId,
            service: c.serviceId,
            name: `${c.crossingName} ${c.serviceName}`,
            byMonth: new Array(12).fill(0),
            teu: 0,
          };
          services.set(k, s);
          a = s;
        }
      } else continue;
      a.byMonth[months[mi]] += x[e];
      a.teu += xc[e] / tpuTeu;
    }
  });
  return { links, services };
}

/** A crossing's result from its services': loads summed, capacity summed when every service has one. */
function crossingTotal(c: CrossingResult, months: number[]): CrossingResult {
  const byMonth = new Array(12).fill(0);
  for (const s of c.services)
    s.byMonth.forEach((v, i) => {
      byMonth[i] += v;
    });
  const teu = c.services.reduce((s, x) => s + x.teu, 0);
  const capped = c.services.every((s) => s.capacity !== null);
  const cap = capped ? c.services.reduce((s, x) => s + (x.capacity ?? 0), 0) : null;
  // what the services can carry in the months assigned, by the days each is open
  const capAssigned = c.services.reduce(
    (s, x) => s + months.reduce((t, m) => t + (x.capacityUsed?.byMonth?.[m] ?? (x.capacity ?? 0) / 12), 0),
    0,
  );
  const base = elementResult(c.id, c.name, byMonth, teu, null, months);
  return {
    ...base,
    capacity: cap,
    utilisation: cap ? (capAssigned > 0 ? Math.round((base.load / capAssigned) * 10000) / 10000 : 0) : null,
    monthsAtCapacity: Math.max(0, ...c.services.map((s) => s.monthsAtCapacity)),
    services: c.services.sort((p, q) => q.load - p.load),
  };
}

/** The loaded links and crossings (with their services) of an assignment, heaviest first. */
export function elementResults(
  net: Network,
  atlas: Atlas,
  caps: CapacityTables,
  months: number[],
  load: Float64Array[],
  loadC: Float64Array[],
): { links: ElementResult[]; crossings: CrossingResult[] } {
  const agg = aggregateEdges(net, months, load, loadC);
  const links = [...agg.links.entries()]
    .map(([id, a]) => elementResult(id, a.name, a.byMonth, a.teu, caps.links.get(id), months))
    .sort((p, q) => q.load - p.load);
  const crossingMap = new Map<string, CrossingResult>();
  for (const [k, a] of agg.services) {
    const s = {
      ...elementResult(k, a.name, a.byMonth, a.teu, caps.services.get(k), months),
      service: a.service,
    };
    let c = crossingMap.get(a.crossing);
    if (!c) {
      const cr = atlas.crossings.find((x) => x.id === a.crossing);
      c = {
        ...elementResult(a.crossing, cr?.names.en ?? a.crossing, new Array(12).fill(0), 0, null, months),
        services: [],
      };
      crossingMap.set(a.crossing, c);
    }
    c.services.push(s);
  }
  const crossings = [...crossingMap.values()].map((c) => crossingTotal(c, months));
  crossings.sort((p, q) => q.load - p.load);
  return { links, crossings };
}
