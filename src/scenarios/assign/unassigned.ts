/**
 * Conservation: the demand the assignment could not place, per demand row
 * with its reason (no path in the network at all; a path, but closed — no
 * itinerary opens within the horizon — all year; or closed in some months),
 * and the totals by commodity, which add up to the demand of the months
 * assigned.
 */
import { MODE_CODE, type Network } from '../../network/types.ts';
import type { SearchContext } from '../../routing/search.ts';
import type { DemandTable } from '../schema.ts';
import type { AonLoader } from './aon.ts';
import { type ExpandedDemand, monthShare, type Od } from './demand.ts';
import type { AssignSearch } from './search.ts';
import type { AssignResult, Unassigned } from './types.ts';

const GATE = MODE_CODE.gate;

/** The demand rows of flows that found no path in some months, with the tonnes of those months and why. */
export function unassignedRows(
  net: Network,
  table: DemandTable,
  demand: ExpandedDemand,
  aon: AonLoader,
  search: AssignSearch,
  months: number[],
): Unassigned[] {
  const out: Unassigned[] = [];
  demand.ods.forEach((o, oi) => {
    const ms = aon.unassignedMonths[oi];
    if (ms.length === 0) return;
    const reason: Unassigned['reason'] = !aon.reachable[oi]
      ? staticallyConnected(net, o, search.ctxFor(months[0], o.cargo, o.avoid))
        ? 'closed-all-year'
        : 'no-path'
      : 'closed-some-months';
    for (const ri of o.rows) {
      const r = table.rows[ri];
      const share = o.tonnes > 0 ? r.tonnesPerYear / o.tonnes : 0;
      let t = 0;
      for (const m of ms) t += monthShare(o, m) * share;
      out.push({
        from: r.from,
        to: r.to,
        commodity: r.commodity,
        cargo: r.cargo,
        tonnes: t,
        reason,
        months: ms,
      });
    }
  });
  return out;
}

/** Demand, assigned and unassigned tonnes, in all and by commodity, over the months assigned. */
export function demandTotals(
  table: DemandTable,
  unassigned: Unassigned[],
  months: number[],
): AssignResult['totals'] {
  const byCommodity: AssignResult['totals']['byCommodity'] = {};
  let demandT = 0;
  let unassignedT = 0;
  const monthFraction = months.length / 12;
  table.rows.forEach((r) => {
    const b = byCommodity[r.commodity] ?? { demand: 0, assigned: 0, unassigned: 0 };
    b.demand += r.tonnesPerYear * monthFraction;
    byCommodity[r.commodity] = b;
    demandT += r.tonnesPerYear * monthFraction;
  });
  for (const u of unassigned) {
    byCommodity[u.commodity].unassigned += u.tonnes;
    unassignedT += u.tonnes;
  }
  for (const b of Object.values(byCommodity)) b.assigned = b.demand - b.unassigned;
  return { demand: demandT, assigned: demandT - unassignedT, unassigned: unassignedT, byCommodity };
}

/** Is there a path at all, ignoring calendars (static reachability on allowed edges)? */
export function staticallyConnected(net: Network, o: Od, ctx: SearchContext): boolean {
  const seen = new Uint8Array(net.nodeCount);
  const source = net.gateNode[o.from];
  const target = net.gateNode[o.to];
  const stack = [source];
  seen[source] = 1;
  while (stack.length > 0) {
    const v = stack.pop() as number;
    if (v === target) return true;
    if (v !== source && net.nodeMode[v] === GATE) continue;
    for (let i = net.offsets[v]; i < net.offsets[v + 1]; i++) {
      if (!ctx.allowed[i]) continue;
      const u = net.targets[i];
      if (!seen[u]) {
        seen[u] = 1;
        stack.push(u);
      }
    }
  }
  return false;
}
