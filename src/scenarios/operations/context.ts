/**
 * What every scenario operation works with: the `Draft` (the scenario's
 * atlas, profile, transit rules and change lines being built, copy-on-write
 * over the base: a list is copied the first time it changes, a record is
 * replaced, never edited), the `Site` of a modification (scenario file and
 * modification index, where its problems are written as `file:
 * modifications[i]: field: problem`, zod issues described by the one
 * describer of `atlas/problems.ts`), and the lookups operations share
 * (records by id, a crossing's service, a modification's target).
 *
 * An operation is resolved (checked against the draft, problems reported,
 * nothing changed) and then applied (the change stored). Most resolve to an
 * `Edit`: a record added to, replaced in or removed from an atlas list.
 */
import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { describeIssues } from '../../atlas/problems.ts';
import type { Atlas, Crossing, CrossingService, Link } from '../../atlas/schema.ts';
import type { Profile } from '../../costs/profile.ts';
import type { Modification, Target } from '../schema.ts';
import type { TransitRule } from '../transit.ts';

export type Lists = 'sources' | 'places' | 'links' | 'crossings';

/** A record of one of the atlas lists. */
export type AtlasRecord = Atlas[Lists][number];

/** The scenario's atlas, profile, rules and change lines, copy-on-write over the base. */
export class Draft {
  readonly atlas: Atlas;
  profile: Profile;
  /** True once the profile is a copy (a change-profile modification ran). */
  profileOwned = false;
  readonly rules: TransitRule[] = [];
  /** Human lines: what each modification did. */
  readonly changes: string[] = [];
  private readonly owned = new Set<Lists>();

  constructor(
    private readonly base: Atlas,
    profile: Profile,
  ) {
    this.atlas = { ...base };
    this.profile = profile;
  }

  /** The draft's own copy of an atlas list (copied from the base the first time). */
  own<L extends Lists>(list: L): Atlas[L] {
    if (!this.owned.has(list)) {
      (this.atlas as unknown as Record<string, unknown[]>)[list] = [...(this.base[list] as unknown[])];
      this.owned.add(list);
    }
    return this.atlas[list];
  }

  /** The draft's own copy of the profile (cloned the first time). */
  ownProfile(): Profile {
    if (!this.profileOwned) {
      this.profile = structuredClone(this.profile);
      this.profileOwned = true;
    }
    return this.profile;
  }
}

/** Where a modification sits: its problems are written there. */
export class Site {
  constructor(
    /** `file: modifications[i]` */
    readonly where: string,
    /** Id of the scenario the modification belongs to. */
    readonly scenario: string,
    private readonly problems: string[],
  ) {}

  fail(field: string, problem: string): void {
    this.problems.push(`${this.where}: ${field}: ${problem}`);
  }

  /** The value parsed with `schema`, or null with one problem per field (`field.path: problem`). */
  parse<T>(schema: z.ZodType<T>, value: unknown, field: string): T | null {
    const r = schema.safeParse(value, { reportInput: true });
    if (r.success) return r.data;
    for (const [f, p] of describeIssues(r.error.issues)) this.fail(`${field}.${f}`, p);
    return null;
  }
}

/** A record added to (`index` null), replaced in, or removed from (`record` null) an atlas list. */
export interface Edit {
  list: Lists;
  index: number | null;
  record: AtlasRecord | null;
  /** The change line. */
  change: string;
}

/** Stores an edit in the draft (copy-on-write) and notes its change line. */
export function applyEdit(e: Edit, d: Draft): void {
  const list = d.own(e.list) as AtlasRecord[];
  if (e.index === null) list.push(e.record as AtlasRecord);
  else if (e.record === null) list.splice(e.index, 1);
  else list[e.index] = e.record;
  d.changes.push(e.change);
}

/** The modifications of one op, e.g. `Op<'add-service'>`. */
export type Op<K extends Modification['op']> = Extract<Modification, { op: K }>;

/** A scenario operation: `resolve` checks the modification against the draft, `apply` stores it. */
export interface Operation<M extends Modification, R> {
  /** What the modification will do, or null when it cannot (its problems reported at `site`). */
  resolve(m: M, d: Draft, site: Site): R | null;
  apply(r: R, d: Draft): void;
}

/** " (valid ids include a, b, c, d)": the four ids nearest to `id`. */
export function nearest(ids: string[], id: string): string {
  const near = ids
    .map((v) => ({ v, d: distance(v, id) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 4)
    .map((x) => x.v);
  return near.length ? ` (valid ids include ${near.join(', ')})` : '';
}

/** Position of record `id` in a list of the draft, or -1 with an "unknown …" problem on `field`. */
export function indexOf(d: Draft, site: Site, list: Lists, id: string, field: string): number {
  const arr = d.atlas[list] as { id: string }[];
  const idx = arr.findIndex((r) => r.id === id);
  if (idx < 0)
    site.fail(
      field,
      `unknown ${list.slice(0, -1)} "${id}"${nearest(
        arr.map((r) => r.id),
        id,
      )}`,
    );
  return idx;
}

/** Position of service `id` in crossing `c`, or -1 with a problem on `field` listing the valid ones. */
export function serviceIndex(c: Crossing, id: string, site: Site, field: string): number {
  const si = c.services.findIndex((s) => s.id === id);
  if (si < 0)
    site.fail(
      field,
      `crossing ${c.id} has no service "${id}" (valid: ${c.services.map((s) => s.id).join(', ')})`,
    );
  return si;
}

/** A modification's target found in the draft: its record, and how to replace it. */
export interface TargetRef {
  thing: Link | CrossingService;
  /** The edit that replaces the target with `next`. */
  replace(next: Link | CrossingService, change: string): Edit;
}

/** The link or crossing service a target names, or null with a problem on `target.…`. */
export function resolveTarget(d: Draft, site: Site, target: Target): TargetRef | null {
  if ('link' in target) {
    const idx = indexOf(d, site, 'links', target.link, 'target.link');
    if (idx < 0) return null;
    return {
      thing: d.atlas.links[idx],
      replace: (next, change) => ({ list: 'links', index: idx, record: next as Link, change }),
    };
  }
  const ci = indexOf(d, site, 'crossings', target.crossing, 'target.crossing');
  if (ci < 0) return null;
  const c = d.atlas.crossings[ci];
  const si = serviceIndex(c, target.service, site, 'target.service');
  if (si < 0) return null;
  return {
    thing: c.services[si],
    replace: (next, change) => {
      const services = [...c.services];
      services[si] = next as CrossingService;
      return { list: 'crossings', index: ci, record: { ...c, services }, change };
    },
  };
}

/** `link <id>` or `<crossing>/<service>`. */
export function targetName(t: Target): string {
  return 'link' in t ? `link ${t.link}` : `${t.crossing}/${t.service}`;
}
