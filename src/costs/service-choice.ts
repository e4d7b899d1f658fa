/**
 * Choosing a service class by name. A profile's classes are picked by mode,
 * cargo and vessel, the first match winning (`serviceFor` in `model.ts`);
 * a published transit time is for one named service (a China–Europe
 * express, the "Trans-Siberian in Seven Days" express, a scheduled container
 * train stopping at yards), so the calibration routes an observation with
 * the class its `service` text names.
 *
 * - `serviceNamedBy(profile, text)`: the class one of whose `aliases` (the
 *   proper names sources give a service, e.g. "Transib in Seven Days")
 *   occurs in the text, else the class whose label or id does (a generic
 *   description such as "container block train"); case-insensitive, dashes
 *   and quotes normalised, the longest occurring name winning within each
 *   tier. None: undefined.
 * - `servicesNamedBy(profile, text)`: every class the text names, one per
 *   mode (a rail and a sea class for "feeder, then container block train").
 * - `withServiceFirst(profile, ...ids)`: the same profile with those classes
 *   moved before every other class and their `scope` lifted, so each is the
 *   first match for its mode and the cargo it carries everywhere; compile a
 *   network with it to route with them.
 */
import type { FreightMode, Profile, ServiceClass } from './profile.ts';

/** Lower case, every dash as "-", curly quotes and apostrophes dropped, spaces collapsed. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/["'“”‘’«»]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The names a class answers to: its id, its label and its aliases. */
export function serviceNames(s: ServiceClass): string[] {
  return [s.id, s.label, ...(s.aliases ?? [])];
}

/** The class a service description names (longest matching name), or undefined; `mode`: of that mode only. */
export function serviceNamedBy(
  profile: Profile,
  text: string | undefined,
  mode?: FreightMode,
): ServiceClass | undefined {
  if (!text) return undefined;
  const t = normalise(text);
  const candidates = profile.services.filter((s) => !mode || s.mode === mode);
  const longest = (namesOf: (s: ServiceClass) => string[]): ServiceClass | undefined => {
    let best: { s: ServiceClass; len: number } | undefined;
    for (const s of candidates) {
      for (const name of namesOf(s)) {
        const n = normalise(name);
        if (n.length > 0 && t.includes(n) && (!best || n.length > best.len)) best = { s, len: n.length };
      }
    }
    return best?.s;
  };
  return longest((s) => s.aliases ?? []) ?? longest((s) => [s.id, s.label]);
}

/**
 * Every class a description names, one per mode ("feeder Busan – Vostochny,
 * then container block train" names a sea and a rail class), in profile order.
 */
export function servicesNamedBy(profile: Profile, text: string | undefined): ServiceClass[] {
  const modes = [...new Set(profile.services.map((s) => s.mode))];
  const named = modes.map((m) => serviceNamedBy(profile, text, m)).filter((s) => s !== undefined);
  return profile.services.filter((s) => named.includes(s));
}

/** The profile with the classes `ids` first (the first match for their mode and cargo); throws on an unknown id. */
export function withServiceFirst(profile: Profile, ...ids: string[]): Profile {
  const first = ids.map((id) => {
    const s = profile.services.find((x) => x.id === id);
    if (!s)
      throw new Error(
        `profile ${profile.id}: no service class "${id}" (classes: ${profile.services.map((x) => x.id).join(', ')})`,
      );
    return s;
  });
  // a named class runs wherever its mode and cargo go: its scope is lifted
  const lifted = first.map(({ scope: _scope, ...s }) => s);
  return { ...profile, services: [...lifted, ...profile.services.filter((x) => !first.includes(x))] };
}
