/**
 * Transit rules: cargo between two places of a country that may not pass
 * through other countries (`forbid-transit`, lifted by `allow-transit`), and
 * the avoid list a shipment gets from them.
 */

/** Cargo between two places of `country` may not pass through `through`. */
export interface TransitRule {
  country: string;
  through: string[];
  scenario: string;
}

/** Avoid list for a shipment between two countries under the scenario's transit rules. */
export function transitAvoid(rules: TransitRule[], fromCountry: string, toCountry: string): string[] {
  if (fromCountry !== toCountry) return [];
  const out = new Set<string>();
  for (const r of rules) if (r.country === fromCountry) for (const c of r.through) out.add(c);
  return [...out];
}
