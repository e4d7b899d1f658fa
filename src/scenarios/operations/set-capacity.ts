/** `set-capacity`: replaces the published capacities of a crossing service or link. */
import type { CrossingService, Link } from '../../atlas/schema.ts';
import {
  applyEdit,
  type Draft,
  type Edit,
  type Op,
  resolveTarget,
  type Site,
  targetName,
} from './context.ts';

export function resolve(m: Op<'set-capacity'>, d: Draft, site: Site): Edit | null {
  const t = resolveTarget(d, site, m.target);
  if (!t) return null;
  return t.replace(
    { ...t.thing, capacity: m.capacity } as Link | CrossingService,
    `${targetName(m.target)}: capacity ${m.capacity.map((c) => `${c.value} ${c.unit} (${c.basis})`).join(', ')}`,
  );
}

export const apply = applyEdit;
