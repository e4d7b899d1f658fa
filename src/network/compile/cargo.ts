/**
 * Cargo bit masks of the compiled network (bit `1 << cargo index`, CARGO_UNITS
 * order teu, feu, bulk, liquid, air) and what a place, a cargo list and a
 * vessel class allow.
 */
import type { CargoKind, Place } from '../../atlas/schema.ts';
import { CARGO_UNITS, type CargoUnit, type FreightMode, type Profile } from '../../costs/profile.ts';

/** The surface cargo units (containers, bulk, liquid bulk); air cargo flies, and goes by road to and from airports. */
export const ALL_CARGO = 0b01111;
export const CONTAINERS = 0b00011;
export const BULK = 0b00100;
export const LIQUID = 0b01000;
export const AIR = 0b10000;

const CAPABILITY_MASK: Record<string, number> = {
  container: CONTAINERS,
  reefer: CONTAINERS,
  bulk: BULK,
  'liquid-bulk': LIQUID,
};

/** The cargo a place can load, unload and tranship (its `capabilities`). */
export function capabilityMask(place: Place): number {
  let m = 0;
  for (const c of place.capabilities ?? []) m |= CAPABILITY_MASK[c] ?? 0;
  return m;
}

/** The cargo units of an atlas cargo list (`fallback` when there is none). */
export function cargoKindsMask(kinds: CargoKind[] | undefined, fallback: number): number {
  if (!kinds) return fallback;
  let m = 0;
  for (const k of kinds) {
    if (k === 'container' || k === 'reefer') m |= CONTAINERS;
    else if (k === 'bulk') m |= BULK;
    else if (k === 'liquid-bulk') m |= LIQUID;
    else if (k === 'ro-ro' || k === 'vehicles') m |= CONTAINERS | BULK;
  }
  return m;
}

/**
 * The vessel class a cargo unit sails on over a sea or river link: the link's
 * own vessel when it carries that cargo, else the profile's class for the
 * cargo (a bulk carrier on a container lane). A link without a vessel keeps
 * the mode's default row for containers.
 */
export function vesselFor(
  profile: Profile,
  mode: FreightMode,
  linkVessel: string | undefined,
  cargo: CargoUnit,
): string | undefined {
  const bit = 1 << CARGO_UNITS.indexOf(cargo);
  if (linkVessel && vesselMask(linkVessel) & bit) return linkVessel;
  if (!linkVessel && bit & CONTAINERS) return undefined;
  return profile.modes[mode].vesselByCargo?.[cargo] ?? linkVessel;
}

function vesselMask(vessel: string | undefined): number {
  switch (vessel) {
    case 'container-feeder':
    case 'container-mainline':
    case 'river-container':
      return CONTAINERS;
    case 'bulk':
      return BULK;
    case 'tanker':
      return LIQUID;
    case 'ro-ro':
      return CONTAINERS | BULK;
    default:
      return ALL_CARGO;
  }
}
