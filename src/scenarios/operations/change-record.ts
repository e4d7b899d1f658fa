/**
 * `change-place`, `change-link`, `change-crossing`: fields set on a record
 * (a shallow merge), the result validated with the atlas schema; the id
 * cannot change.
 */
import type { z } from 'zod';
import { Link, Place, RecordSchemas } from '../../atlas/schema.ts';
import {
  type AtlasRecord,
  applyEdit,
  type Draft,
  type Edit,
  indexOf,
  type Op,
  type Site,
} from './context.ts';

export type ChangeRecord = Op<'change-place' | 'change-link' | 'change-crossing'>;

export function resolve(m: ChangeRecord, d: Draft, site: Site): Edit | null {
  const kind = m.op.slice(7) as 'place' | 'link' | 'crossing';
  const list = `${kind}s` as 'places' | 'links' | 'crossings';
  const idx = indexOf(d, site, list, m.id, 'id');
  if (idx < 0) return null;
  if ('id' in m.set && m.set.id !== m.id) {
    site.fail('set.id', 'an id cannot be changed (remove the record and add a new one)');
    return null;
  }
  const schema = (kind === 'place' ? Place : kind === 'link' ? Link : RecordSchemas.crossings) as z.ZodType<{
    id: string;
  }>;
  const merged = site.parse(schema, { ...(d.atlas[list][idx] as object), ...m.set }, 'set');
  if (!merged) return null;
  return {
    list,
    index: idx,
    record: merged as AtlasRecord,
    change: `${kind} ${m.id}: ${Object.keys(m.set).join(', ')} changed`,
  };
}

export const apply = applyEdit;
