/** `allow-transit`: lifts a `forbid-transit` rule of a scenario this one extends (for the countries listed). */
import type { Draft, Op, Site } from './context.ts';

export function resolve(m: Op<'allow-transit'>, d: Draft, site: Site): Op<'allow-transit'> | null {
  const found = d.rules.some((r) => r.country === m.country && r.through.some((c) => m.through.includes(c)));
  if (!found) {
    site.fail(
      'through',
      `no forbid-transit rule for ${m.country} through ${m.through.join(', ')} to lift in the scenarios this one extends`,
    );
    return null;
  }
  return m;
}

export function apply(m: Op<'allow-transit'>, d: Draft): void {
  const rules = d.rules;
  for (const r of rules)
    if (r.country === m.country) r.through = r.through.filter((c) => !m.through.includes(c));
  for (let k = rules.length - 1; k >= 0; k--) if (rules[k].through.length === 0) rules.splice(k, 1);
  d.changes.push(`cargo within ${m.country} may pass through ${m.through.join(', ')}`);
}
