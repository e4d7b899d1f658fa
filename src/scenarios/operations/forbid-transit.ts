/** `forbid-transit`: cargo between two places of a country may not pass through the countries listed. */
import type { TransitRule } from '../transit.ts';
import type { Draft, Op, Site } from './context.ts';

export function resolve(m: Op<'forbid-transit'>, _d: Draft, site: Site): TransitRule {
  return { country: m.country, through: [...m.through], scenario: site.scenario };
}

export function apply(rule: TransitRule, d: Draft): void {
  d.rules.push(rule);
  d.changes.push(`cargo within ${rule.country} may not pass through ${rule.through.join(', ')}`);
}
