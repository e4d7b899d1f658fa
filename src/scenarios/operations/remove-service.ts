/** `remove-service`: a crossing's service goes; a crossing keeps at least one. */
import { applyEdit, type Draft, type Edit, indexOf, type Op, type Site, serviceIndex } from './context.ts';

export function resolve(m: Op<'remove-service'>, d: Draft, site: Site): Edit | null {
  const ci = indexOf(d, site, 'crossings', m.crossing, 'crossing');
  if (ci < 0) return null;
  const c = d.atlas.crossings[ci];
  const si = serviceIndex(c, m.service, site, 'service');
  if (si < 0) return null;
  if (c.services.length === 1) {
    site.fail('service', `crossing ${c.id} would have no service left (remove the crossing instead)`);
    return null;
  }
  const services = [...c.services];
  services.splice(si, 1);
  return { list: 'crossings', index: ci, record: { ...c, services }, change: `${c.id}/${m.service} removed` };
}

export const apply = applyEdit;
