/**
 * The route semantics suite: rules every search and network backend must
 * pass, each checked on tiny hand-made atlases with answers worked out by
 * hand (one file per rule), plus property tests against brute force.
 * Like graphology's spec suite, it takes the implementation as a parameter:
 *
 *   import { routeSemantics } from '../test/route-semantics/suite.ts';
 *   routeSemantics('my backend', (atlas, profile, query) => myRoute(atlas, profile, query));
 *
 * A search kernel that gives no itinerary (a matrix cell, a one-to-all tree)
 * runs, through an adapter (kernels.ts), every rule whose `needs` it
 * provides: `routeSemanticsFor(kernel)`; `kernels.test.ts` runs them all.
 */
import { alternativesRule } from './alternatives.ts';
import { calendarTimezoneRule } from './calendar-timezone.ts';
import { capabilitiesRule } from './capabilities.ts';
import { cheapButLateRule } from './cheap-but-late.ts';
import { closedCrossingRule } from './closed-crossing.ts';
import { gatesAndTransfersRule } from './gates-and-transfers.ts';
import { gaugeChangeRule } from './gauge-change.ts';
import { holidaysRule } from './holidays.ts';
import { type Capability, implOf, type Kernel, type RouteImpl } from './kernels.ts';
import { linkCargoRule } from './link-cargo.ts';
import { paretoRule } from './pareto.ts';
import { placeResolutionRule } from './place-resolution.ts';
import { propertiesRule } from './properties.ts';
import { scopedServicesRule } from './scoped-services.ts';
import { seaCargoRule } from './sea-cargo.ts';
import { seasonalRiskRule } from './seasonal-risk.ts';
import { serviceClassesRule } from './service-classes.ts';
import { statusDatesRule } from './status-dates.ts';
import { waitVsDetourRule } from './wait-vs-detour.ts';
import { weightLimitRule } from './weight-limit.ts';

export type { RouteImpl } from './kernels.ts';

/**
 * Every rule, with what it needs of a kernel. A rule whose answers worked out
 * by hand are reachability and best times, costs or CO2e (calendars, gates
 * and transfers, gauges, capabilities, limits, cargo on links and lanes,
 * service classes, the optima of a Pareto set, brute-force earliest arrival)
 * holds for any search: a kernel that tells whether the destination is
 * reached, and where it can the best time, cost or CO2e, runs it against the
 * reference (kernels.ts). Rules about what only an itinerary says (seasonal
 * warnings, alternatives and how they differ, place names) need itineraries.
 */
export const RULES: readonly {
  rule: (name: string, impl: RouteImpl) => void;
  needs: readonly Capability[];
}[] = [
  { rule: gaugeChangeRule, needs: ['reachability'] },
  { rule: closedCrossingRule, needs: ['reachability'] },
  { rule: gatesAndTransfersRule, needs: ['reachability'] },
  { rule: cheapButLateRule, needs: ['reachability'] },
  { rule: waitVsDetourRule, needs: ['reachability'] },
  { rule: capabilitiesRule, needs: ['reachability'] },
  { rule: paretoRule, needs: ['reachability'] },
  { rule: statusDatesRule, needs: ['reachability'] },
  { rule: linkCargoRule, needs: ['reachability'] },
  { rule: calendarTimezoneRule, needs: ['reachability'] },
  { rule: seaCargoRule, needs: ['reachability'] },
  { rule: weightLimitRule, needs: ['reachability'] },
  { rule: seasonalRiskRule, needs: ['itinerary'] },
  { rule: alternativesRule, needs: ['itinerary'] },
  { rule: holidaysRule, needs: ['reachability'] },
  { rule: serviceClassesRule, needs: ['reachability'] },
  { rule: scopedServicesRule, needs: ['reachability'] },
  { rule: placeResolutionRule, needs: ['itinerary'] },
  { rule: propertiesRule, needs: ['reachability'] },
];

/** Runs every rule `kernel` provides what it needs for; `observe` sees each query a rule plans. */
export function routeSemanticsFor(kernel: Kernel, observe?: (...args: Parameters<RouteImpl>) => void): void {
  const base = implOf(kernel);
  const impl: RouteImpl = observe
    ? (atlas, profile, query) => {
        observe(atlas, profile, query);
        return base(atlas, profile, query);
      }
    : base;
  for (const { rule, needs } of RULES)
    if (needs.every((c) => kernel.provides.includes(c))) rule(kernel.name, impl);
}

/** Runs every rule against a route implementation (a kernel that gives itineraries). */
export function routeSemantics(name: string, impl: RouteImpl): void {
  routeSemanticsFor({
    name,
    provides: ['itinerary', 'reachability', 'best-time', 'best-cost', 'best-co2'],
    route: impl,
  });
}
