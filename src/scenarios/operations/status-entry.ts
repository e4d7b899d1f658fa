/**
 * `open`, `close`, `suspend`: a dated entry appended to the status history
 * of a crossing service or link (a history without entries counts as open);
 * its date must come after the last entry's.
 */
import type { CrossingService, Link, StatusEntry } from '../../atlas/schema.ts';
import {
  applyEdit,
  type Draft,
  type Edit,
  type Op,
  resolveTarget,
  type Site,
  targetName,
} from './context.ts';

export type StatusChange = Op<'open' | 'close' | 'suspend'>;

export function resolve(m: StatusChange, d: Draft, site: Site): Edit | null {
  const state = m.op === 'open' ? 'open' : m.op === 'close' ? 'closed' : 'suspended';
  const t = resolveTarget(d, site, m.target);
  if (!t) return null;
  const history: StatusEntry[] = t.thing.status ?? [{ state: 'open' }];
  const last = history[history.length - 1];
  if (last.from && last.from >= m.from) {
    site.fail(
      'from',
      `${m.from} is not after the last status entry (${last.state} from ${last.from}); valid: a date after ${last.from}, or use set-status`,
    );
    return null;
  }
  const entry: StatusEntry = { state, from: m.from };
  if (m.note) entry.note = m.note;
  if (m.sources) entry.sources = m.sources;
  return t.replace(
    { ...t.thing, status: [...history, entry] } as Link | CrossingService,
    `${targetName(m.target)}: ${state} from ${m.from}`,
  );
}

export const apply = applyEdit;
