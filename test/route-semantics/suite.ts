/**
 * The route semantics suite: rules every search and network backend must
 * pass, each checked on tiny hand-made atlases with answers worked out by
 * hand (one file per rule), plus property tests against brute force.
 * Like graphology's spec suite, it takes the implementation as a parameter:
 *
 *   import { routeSemantics } from '../test/route-semantics/suite.ts';
 *   routeSemantics('my backend', (atlas, profile, query) => myRoute(atlas, profile, query));
 */
import type { Atlas } from '../../src/atlas/schema.ts';
import type { Profile } from '../../src/costs/profile.ts';
import type { RouteQueryInput, RouteResult } from '../../src/routing/schema.ts';
import { alternativesRule } from './alternatives.ts';
import { calendarTimezoneRule } from './calendar-timezone.ts';
import { capabilitiesRule } from './capabilities.ts';
import { closedCrossingRule } from './closed-crossing.ts';
import { gaugeChangeRule } from './gauge-change.ts';
import { holidaysRule } from './holidays.ts';
import { linkCargoRule } from './link-cargo.ts';
import { paretoRule } from './pareto.ts';
import { placeResolutionRule } from './place-resolution.ts';
import { propertiesRule } from './properties.ts';
import { seaCargoRule } from './sea-cargo.ts';
import { seasonalRiskRule } from './seasonal-risk.ts';
import { serviceClassesRule } from './service-classes.ts';
import { statusDatesRule } from './status-dates.ts';
import { waitVsDetourRule } from './wait-vs-detour.ts';
import { weightLimitRule } from './weight-limit.ts';

/** A route implementation under test: plans `query` on `atlas` with `profile`. */
export type RouteImpl = (atlas: Atlas, profile: Profile, query: RouteQueryInput) => RouteResult;

export function routeSemantics(name: string, impl: RouteImpl): void {
  gaugeChangeRule(name, impl);
  closedCrossingRule(name, impl);
  waitVsDetourRule(name, impl);
  capabilitiesRule(name, impl);
  paretoRule(name, impl);
  statusDatesRule(name, impl);
  linkCargoRule(name, impl);
  calendarTimezoneRule(name, impl);
  seaCargoRule(name, impl);
  weightLimitRule(name, impl);
  seasonalRiskRule(name, impl);
  alternativesRule(name, impl);
  holidaysRule(name, impl);
  serviceClassesRule(name, impl);
  placeResolutionRule(name, impl);
  propertiesRule(name, impl);
}
