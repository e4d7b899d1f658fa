/** `remove-place`, `remove-link`, `remove-crossing`: the record goes (references to it are checked after all modifications). */
import { applyEdit, type Draft, type Edit, indexOf, type Op, type Site } from './context.ts';

export type RemoveRecord = Op<'remove-place' | 'remove-link' | 'remove-crossing'>;

export function resolve(m: RemoveRecord, d: Draft, site: Site): Edit | null {
  const list = `${m.op.slice(7)}s` as 'places' | 'links' | 'crossings';
  const idx = indexOf(d, site, list, m.id, 'id');
  if (idx < 0) return null;
  return { list, index: idx, record: null, change: `${m.op.slice(7)} ${m.id} removed` };
}

export const apply = applyEdit;
