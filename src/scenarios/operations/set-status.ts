/** `set-status`: replaces the whole status history of a crossing service or link. */
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

export function resolve(m: Op<'set-status'>, d: Draft, site: Site): Edit | null {
  const t = resolveTarget(d, site, m.target);
  if (!t) return null;
  return t.replace(
    { ...t.thing, status: m.status } as Link | CrossingService,
    `${targetName(m.target)}: status set (${m.status.map((s) => s.state + (s.from ? ` from ${s.from}` : '')).join(', ')})`,
  );
}

export const apply = applyEdit;
