/**
 * `add-source`, `add-place`, `add-link`, `add-crossing`: a new record,
 * validated with the atlas schema of its list; its id must be new.
 */
import type { z } from 'zod';
import { RecordSchemas } from '../../atlas/schema.ts';
import {
  type AtlasRecord,
  applyEdit,
  type Draft,
  type Edit,
  type Lists,
  type Op,
  type Site,
} from './context.ts';

export type AddRecord = Op<'add-source' | 'add-place' | 'add-link' | 'add-crossing'>;

export function resolve(m: AddRecord, d: Draft, site: Site): Edit | null {
  const list = (m.op === 'add-source' ? 'sources' : `${m.op.slice(4)}s`) as Lists;
  const rec =
    m.op === 'add-source'
      ? m.source
      : m.op === 'add-place'
        ? m.place
        : m.op === 'add-link'
          ? m.link
          : m.crossing;
  const field = m.op.slice(4);
  const parsed = site.parse(RecordSchemas[list] as z.ZodType<{ id: string }>, rec, field);
  if (!parsed) return null;
  if ((d.atlas[list] as { id: string }[]).some((r) => r.id === parsed.id)) {
    site.fail(`${field}.id`, `"${parsed.id}" already exists in the atlas (use change-${field} to change it)`);
    return null;
  }
  return { list, index: null, record: parsed as AtlasRecord, change: `${field} ${parsed.id} added` };
}

export const apply = applyEdit;
