/**
 * `change-profile`: cost-profile fields set by dotted path (e.g.
 * `modes.sea.kmPerDay.teu: 600`) on the draft's copy of the profile; each
 * path must exist and keep its type (the whole profile is validated again
 * after all modifications). Paths that pass are set even when another of the
 * same modification fails.
 */
import type { Draft, Op, Site } from './context.ts';

export interface ProfileAssignment {
  path: string;
  keys: string[];
  value: string | number | boolean;
}

export function resolve(m: Op<'change-profile'>, d: Draft, site: Site): ProfileAssignment[] {
  const out: ProfileAssignment[] = [];
  for (const [path, value] of Object.entries(m.set)) {
    const keys = path.split('.');
    let obj = d.profile as unknown as Record<string, unknown>;
    let ok = true;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      if (obj === null || typeof obj !== 'object' || !(key in obj)) {
        const valid = obj && typeof obj === 'object' ? Object.keys(obj).join(', ') : '(none)';
        site.fail(
          `set.${path}`,
          `no profile field "${keys.slice(0, k + 1).join('.')}" (valid here: ${valid})`,
        );
        ok = false;
        break;
      }
      if (k === keys.length - 1) {
        if (typeof obj[key] !== typeof value) {
          site.fail(
            `set.${path}`,
            `wrong type ${typeof value} (expected ${typeof obj[key]}, now ${JSON.stringify(obj[key])})`,
          );
          ok = false;
        }
      } else obj = obj[key] as Record<string, unknown>;
    }
    if (ok) out.push({ path, keys, value });
  }
  return out;
}

export function apply(assignments: ProfileAssignment[], d: Draft): void {
  const prof = d.ownProfile();
  for (const { path, keys, value } of assignments) {
    let obj = prof as unknown as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) obj = obj[key] as Record<string, unknown>;
    obj[keys[keys.length - 1]] = value;
    d.changes.push(`profile ${path} = ${value}`);
  }
}
