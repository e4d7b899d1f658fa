/** `set-calendar`: replaces the calendar (seasons, closures, hours) of a crossing service or link. */
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

export function resolve(m: Op<'set-calendar'>, d: Draft, site: Site): Edit | null {
  const t = resolveTarget(d, site, m.target);
  if (!t) return null;
  return t.replace(
    { ...t.thing, calendar: m.calendar } as Link | CrossingService,
    `${targetName(m.target)}: calendar set`,
  );
}

export const apply = applyEdit;
