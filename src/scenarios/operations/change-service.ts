/** `change-service`: fields set on a crossing's service (a shallow merge), validated with the atlas schema; the id cannot change. */
import { CrossingService } from '../../atlas/schema.ts';
import { applyEdit, type Draft, type Edit, indexOf, type Op, type Site, serviceIndex } from './context.ts';

export function resolve(m: Op<'change-service'>, d: Draft, site: Site): Edit | null {
  const ci = indexOf(d, site, 'crossings', m.crossing, 'crossing');
  if (ci < 0) return null;
  const c = d.atlas.crossings[ci];
  const si = serviceIndex(c, m.service, site, 'service');
  if (si < 0) return null;
  if ('id' in m.set && m.set.id !== m.service) {
    site.fail('set.id', 'a service id cannot be changed (remove the service and add a new one)');
    return null;
  }
  const s = site.parse(CrossingService, { ...c.services[si], ...m.set }, 'set');
  if (!s) return null;
  const services = [...c.services];
  services[si] = s;
  return {
    list: 'crossings',
    index: ci,
    record: { ...c, services },
    change: `${c.id}/${m.service}: ${Object.keys(m.set).join(', ')} changed`,
  };
}

export const apply = applyEdit;
