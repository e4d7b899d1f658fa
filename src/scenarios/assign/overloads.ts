/**
 * Capacity and overload detection, and the diversion report: every element
 * whose load in some month exceeds that month's capacity is reported with
 * the excess tonnes and where that flow would go instead — in its peak month
 * the flows using it (at the final congested costs; else with its own
 * congestion lifted; else at free flow) are rerouted with the element
 * closed, and the alternatives (the crossing services of the new paths, or a
 * domestic route) are listed with their share of the excess, the extra
 * generalised cost per tonne, and whether they are themselves overloaded.
 */
import { EDGE_KIND, type Network } from '../../network/types.ts';
import { r3 } from './aggregate.ts';
import { type ExpandedDemand, monthShare, type OriginGroup } from './demand.ts';
import type { Element, Elements } from './elements.ts';
import type { AssignSearch } from './search.ts';
import type { Diversion, Overload } from './types.ts';

export interface OverloadInputs {
  net: Network;
  elements: Elements;
  search: AssignSearch;
  demand: ExpandedDemand;
  months: number[];
  /** Tonnes on each edge, per month assigned. */
  load: Float64Array[];
}

/** A flow whose path crosses the element, with its monthly tonnes and its cost before. */
interface User {
  oi: number;
  tonnes: number;
  before: number;
  g: OriginGroup;
}

interface ViaTotal {
  tonnes: number;
  extraSum: number;
  extraTonnes: number;
  examples: string[];
  busy: boolean;
}

/** The months element k is loaded beyond capacity, the excess, and the month of the peak (index into months). */
export function overloadMonths(
  el: Element,
  k: number,
  volByMonth: Float64Array[],
  months: number[],
): { over: Overload['months']; peak: number; peakMi: number; excess: number } {
  const over: Overload['months'] = [];
  let peak = 0;
  let peakMi = -1;
  let excess = 0;
  months.forEach((m, mi) => {
    const v = volByMonth[mi][k];
    const c = el.capacityMonth[m];
    if (v > 1 && v > c * 1.001) {
      over.push({ month: m, load: r3(v), capacity: r3(c > 1e-6 ? c : 0) });
      excess += v - c;
      if (v / c > peak) {
        peak = v / c;
        peakMi = mi;
      }
    }
  });
  return { over, peak, peakMi, excess };
}

/** The flows whose path in month m at costs `costs` (null: free flow) crosses element k. */
function usersAt(inp: OverloadInputs, k: number, m: number, costs: Float64Array | null): User[] {
  const { net, demand, elements } = inp;
  const found: User[] = [];
  for (const g of demand.groups) {
    const buf = inp.search.tree(m, g, costs, demand.ods);
    for (const oi of g.ods) {
      const dest = net.gateNode[demand.ods[oi].to];
      if (!Number.isFinite(buf.cost[dest])) continue;
      const uses = buf.edgesTo(dest).some((e) => elements.edgeElement[e] === k);
      if (uses) found.push({ oi, tonnes: monthShare(demand.ods[oi], m), before: buf.cost[dest], g });
    }
  }
  return found;
}

/** The users of element k at the final costs `extra`; else with its own congestion lifted; else at free flow. */
function usersOf(inp: OverloadInputs, k: number, m: number, extra: Float64Array): User[] {
  let users = usersAt(inp, k, m, extra);
  if (users.length === 0) {
    // (and a token toll on every other edge, so that a tie with a parallel element goes its way)
    const E = inp.net.edgeCount;
    const favoured = new Float64Array(E);
    for (let e = 0; e < E; e++) favoured[e] = inp.elements.edgeElement[e] === k ? 0 : extra[e] + 1e-9;
    users = usersAt(inp, k, m, favoured);
  }
  if (users.length === 0) users = usersAt(inp, k, m, null);
  return users;
}

/**
 * Where the excess over element k in month m (index peakMi) goes with the element closed (`blocked`
 * costs): one tree per origin group of the users; the excess shared in proportion to their tonnes.
 */
function diversions(
  inp: OverloadInputs,
  m: number,
  peakVolumes: Float64Array,
  users: User[],
  excess: number,
  blocked: Float64Array,
): Diversion[] {
  const { net, demand, elements } = inp;
  const userTonnes = users.reduce((s, u) => s + u.tonnes, 0);
  const byVia = new Map<string, ViaTotal>();
  // one tree per origin group with the element closed; every user of that group reads it
  const groupsUsed = new Set(users.map((u) => u.g));
  for (const g of groupsUsed) {
    const buf = inp.search.tree(m, g, blocked, demand.ods);
    for (const u of users) {
      if (u.g !== g) continue;
      const o = demand.ods[u.oi];
      const dest = net.gateNode[o.to];
      let via: string;
      let extraCost: number | null = null;
      let busy = false;
      if (!Number.isFinite(buf.cost[dest])) via = 'no alternative';
      else {
        const used: string[] = [];
        for (const e of buf.edgesTo(dest)) {
          const ek = elements.edgeElement[e];
          if (ek >= 0 && peakVolumes[ek] > elements.list[ek].capacityMonth[m] * 1.001) busy = true;
          if (net.kind[e] !== EDGE_KIND.crossing) continue;
          const c = net.crossings[net.ref[e]];
          used.push(`${c.crossingId}/${c.serviceId}`);
        }
        via = used.length ? [...new Set(used)].join(' + ') : 'domestic route';
        extraCost = buf.cost[dest] - u.before;
      }
      const share = userTonnes > 0 ? u.tonnes / userTonnes : 0;
      let d = byVia.get(via);
      if (!d) {
        d = { tonnes: 0, extraSum: 0, extraTonnes: 0, examples: [], busy: false };
        byVia.set(via, d);
      }
      d.tonnes += excess * share;
      d.busy ||= busy;
      if (extraCost !== null) {
        d.extraSum += extraCost * u.tonnes;
        d.extraTonnes += u.tonnes;
      }
      const ex = `${net.places[o.from].id} → ${net.places[o.to].id} (${o.cargo})`;
      if (d.examples.length < 5 && !d.examples.includes(ex)) d.examples.push(ex);
    }
  }
  return [...byVia.entries()]
    .map(([via, d]) => ({
      via,
      tonnes: r3(d.tonnes),
      extraUsdPerTonne: d.extraTonnes > 0 ? Math.round((d.extraSum / d.extraTonnes) * 100) / 100 : null,
      examples: d.examples,
      alsoOverloaded: d.busy,
    }))
    .sort((p, q) => q.tonnes - p.tonnes);
}

/** Every element loaded beyond its capacity in some month, with where its excess would go; largest excess first. */
export function findOverloads(inp: OverloadInputs): Overload[] {
  const { elements, months } = inp;
  const K = elements.count;
  const overloads: Overload[] = [];
  const volByMonth = months.map((_, mi) => {
    const v = new Float64Array(K);
    elements.volumes(inp.load[mi], v);
    return v;
  });
  const extra = new Float64Array(inp.net.edgeCount);
  for (let k = 0; k < K; k++) {
    const el = elements.list[k];
    const { over, peak, peakMi, excess } = overloadMonths(el, k, volByMonth, months);
    if (over.length === 0) continue;
    const m = months[peakMi];
    elements.extraFrom(volByMonth[peakMi], extra, m);
    const blocked = Float64Array.from(extra);
    for (const e of el.edges) blocked[e] = Number.POSITIVE_INFINITY;
    const users = usersOf(inp, k, m, extra);
    overloads.push({
      kind: el.kind,
      id: el.key.slice(el.key.indexOf(':') + 1),
      name: elements.name(el),
      months: over,
      excessTonnes: r3(excess),
      peakUtilisation: Math.round(peak * 10000) / 10000,
      peakMonth: m,
      divertedTo: diversions(inp, m, volByMonth[peakMi], users, excess, blocked),
    });
  }
  overloads.sort((p, q) => q.excessTonnes - p.excessTonnes);
  return overloads;
}
