/**
 * The scenario operations, one module each (resolve + apply, as R5 keeps its
 * modifications), and the one step that runs a modification: resolve it
 * against the draft (problems reported at its site, nothing changed), then
 * apply what it resolved to.
 */
import type { Modification } from '../schema.ts';
import * as addRecord from './add-record.ts';
import * as addService from './add-service.ts';
import * as allowTransit from './allow-transit.ts';
import * as changeProfile from './change-profile.ts';
import * as changeRecord from './change-record.ts';
import * as changeService from './change-service.ts';
import type { Draft, Op, Operation, Site } from './context.ts';
import * as forbidTransit from './forbid-transit.ts';
import * as removeRecord from './remove-record.ts';
import * as removeService from './remove-service.ts';
import * as setCalendar from './set-calendar.ts';
import * as setCapacity from './set-capacity.ts';
import * as setStatus from './set-status.ts';
import * as statusEntry from './status-entry.ts';

export { Draft, Site } from './context.ts';

/** Every op of the scenario schema and the module that resolves and applies it. */
export const OPERATIONS: { [K in Modification['op']]: Operation<Op<K>, unknown> } = {
  'add-source': addRecord,
  'add-place': addRecord,
  'add-link': addRecord,
  'add-crossing': addRecord,
  'remove-place': removeRecord,
  'remove-link': removeRecord,
  'remove-crossing': removeRecord,
  'change-place': changeRecord,
  'change-link': changeRecord,
  'change-crossing': changeRecord,
  'add-service': addService,
  'remove-service': removeService,
  'change-service': changeService,
  'set-status': setStatus,
  'set-calendar': setCalendar,
  'set-capacity': setCapacity,
  open: statusEntry,
  close: statusEntry,
  suspend: statusEntry,
  'change-profile': changeProfile,
  'forbid-transit': forbidTransit,
  'allow-transit': allowTransit,
} as { [K in Modification['op']]: Operation<Op<K>, unknown> };

/** Resolves modification `m` against the draft and, when it can be done, applies it. */
export function applyModification(m: Modification, d: Draft, site: Site): void {
  const op = OPERATIONS[m.op] as Operation<Modification, unknown>;
  const resolved = op.resolve(m, d, site);
  if (resolved !== null) op.apply(resolved, d);
}
