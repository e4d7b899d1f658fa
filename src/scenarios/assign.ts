/**
 * Flow assignment of an OD demand table (tonnes per year by commodity group)
 * to a scenario network.
 *
 * Time: the year is spread over its twelve months; each month's demand
 * (annual / 12) departs on the 15th at 00:00 UTC and is routed with the
 * calendars of that date (a shipment may wait for a season up to
 * `horizonDays`), so seasonal closures shift flows month by month. Months are
 * assigned independently.
 *
 * Cost: generalised cost per tonne = (money + value of time × tonnes × hours
 * + carbon price × CO2e) / tonnes per cargo unit, waiting charged at the
 * profile's storage rate plus the value of time. One shortest-path tree per
 * origin, cargo unit and month on that cost (`costTree`, a one-to-all
 * Dijkstra over the router's network with its calendar rules: gates are
 * doors, no two transfers in a row).
 *
 * Capacity: crossing services and links with a published `capacity` are
 * capacitated elements. Capacities are converted to tonnes per year
 * (`capacityTonnes`, assumptions in `DEFAULT_CAPACITY_ASSUMPTIONS`) and taken
 * as the total over both directions. The capacity of a month is what the
 * element can carry in the days it is open that month (`monthlyCapacity`):
 * a daily rate (t/day, trucks/day, trains/day) times the open days, a yearly
 * figure spread over the open days of the year — so a winter ice road's
 * capacity falls in its months, not a twelfth in each. A BPR function adds
 * to every edge of an element a congestion cost per tonne g0 · α · (v/c)^β,
 * with g0 the element's free-flow generalised cost per tonne, v its monthly
 * load and c its monthly capacity.
 *
 * Overloads: BPR is a soft limit. Every element whose load in some month
 * exceeds that month's capacity is reported (`overloads`) with the excess
 * tonnes and where that flow would go instead: in its peak month the ODs
 * using it are rerouted with the element closed, at the final congested
 * costs, and the alternatives (the crossing services of the new paths, or a
 * domestic route) are listed with the tonnes they would take and the extra
 * generalised cost per tonne.
 *
 * Methods: `aon` (all-or-nothing at free-flow cost), `incremental` (N equal
 * slices, each all-or-nothing at the costs of the load so far) and `fw`
 * (Frank–Wolfe on the Beckmann objective with a bisection line search). The
 * relative gap (TSTC − SPTC) / TSTC is reported per iteration.
 *
 * Conservation: every OD row's tonnes are either assigned or unassigned with
 * a reason (no path in the network, or closed — no itinerary opens within the
 * horizon — in some months or all year); totals add up to the demand.
 */
import type { Atlas } from '../atlas/schema.ts';
import type { Network } from '../network/types.ts';
import { elementResults } from './assign/aggregate.ts';
import { AonLoader } from './assign/aon.ts';
import { DEFAULT_CAPACITY_ASSUMPTIONS } from './assign/capacity.ts';
import { expandDemand } from './assign/demand.ts';
import { capacityTables, Elements } from './assign/elements.ts';
import { loadMonths } from './assign/methods.ts';
import { findOverloads } from './assign/overloads.ts';
import { AssignSearch } from './assign/search.ts';
import type { AssignOptions, AssignResult, CapacityAssumptions } from './assign/types.ts';
import { demandTotals, unassignedRows } from './assign/unassigned.ts';
import type { DemandTable } from './schema.ts';

export {
  capacityTonnes,
  chooseCapacity,
  DEFAULT_CAPACITY_ASSUMPTIONS,
  monthlyCapacity,
} from './assign/capacity.ts';
export type {
  AssignMethod,
  AssignOptions,
  AssignResult,
  CapacityAssumptions,
  CapacityUsed,
  CrossingResult,
  Diversion,
  ElementResult,
  IterationReport,
  Overload,
  Unassigned,
} from './assign/types.ts';

/**
 * Assigns the demand to the network. `atlas` is the scenario's atlas (for the
 * capacities of links and crossing services). The stages, each in its module
 * under `assign/`: demand expansion (`demand.ts`), capacitated elements
 * (`elements.ts`), the month-by-month loading of the method (`methods.ts`,
 * all-or-nothing steps in `aon.ts`), unassigned demand and totals
 * (`unassigned.ts`), loads per link and crossing (`aggregate.ts`), overloads
 * and their diversions (`overloads.ts`).
 */
export function assign(
  net: Network,
  atlas: Atlas,
  demand: DemandTable,
  opts: AssignOptions = {},
): AssignResult {
  const t0 = performance.now();
  const method = opts.method ?? 'aon';
  const iterations = opts.iterations ?? (method === 'fw' ? 20 : method === 'incremental' ? 4 : 1);
  const year = opts.year ?? 2024;
  const vot = opts.votUsdPerTonneHour ?? 0.05;
  const carbon = opts.carbonUsdPerTonne ?? 0;
  const bpr = opts.bpr ?? { alpha: 0.15, beta: 4 };
  const capA: CapacityAssumptions = {
    ...DEFAULT_CAPACITY_ASSUMPTIONS,
    tonnesPerTeu: net.profile.cargo.tonnesPerUnit.teu,
    ...opts.capacity,
  };
  const horizonDays = opts.horizonDays ?? 120;
  const months = opts.months ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const gapTarget = opts.gapTarget ?? 1e-4;

  const flows = expandDemand(net, demand, opts.rules ?? [], months);
  const search = new AssignSearch(net, { year, horizonDays, vot, carbon });
  const caps = capacityTables(atlas, year, capA);
  const elements = new Elements(net, caps, search.gcFor('bulk'), bpr);
  const aon = new AonLoader(net, search, flows);
  const {
    load,
    loadC,
    iterations: iterReports,
  } = loadMonths(method, iterations, gapTarget, months, aon, elements);
  const unassigned = [...flows.unknown, ...unassignedRows(net, demand, flows, aon, search, months)];
  const totals = demandTotals(demand, unassigned, months);
  const { links, crossings } = elementResults(net, atlas, caps, months, load, loadC);
  const overloads = findOverloads({ net, elements, search, demand: flows, months, load });

  return {
    method,
    year,
    unit: 'tonnes/yr',
    totals,
    links,
    crossings,
    overloads,
    unassigned,
    iterations: iterReports,
    assumptions: {
      capacity: capA,
      votUsdPerTonneHour: vot,
      carbonUsdPerTonne: carbon,
      bpr,
      departures: `the 15th of each month at 00:00 UTC, ${year}; a twelfth of the yearly demand each month`,
    },
    stats: {
      trees: search.trees,
      ms: Math.round(performance.now() - t0),
      origins: flows.groups.length,
      odPairs: flows.ods.length,
    },
  };
}
