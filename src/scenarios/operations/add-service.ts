/** `add-service`: a new service on a crossing, validated with the atlas schema; its id must be new on that crossing. */
import { CrossingService } from '../../atlas/schema.ts';
import { applyEdit, type Draft, type Edit, indexOf, type Op, type Site } from './context.ts';

export function resolve(m: Op<'add-service'>, d: Draft, site: Site): Edit | null {
  const ci = indexOf(d, site, 'crossings', m.crossing, 'crossing');
  if (ci < 0) return null;
  const s = site.parse(CrossingService, m.service, 'service');
  if (!s) return null;
  const c = d.atlas.crossings[ci];
  if (c.services.some((x) => x.id === s.id)) {
    site.fail('service.id', `crossing ${c.id} already has a service "${s.id}" (use change-service)`);
    return null;
  }
  return {
    list: 'crossings',
    index: ci,
    record: { ...c, services: [...c.services, s] },
    change: `${c.id}/${s.id} added`,
  };
}

export const apply = applyEdit;
