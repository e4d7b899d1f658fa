/**
 * Applies a scenario to the atlas and the cost profile, copy-on-write: the
 * base atlas and profile are never mutated; the result shares every record
 * that no modification touched (structural sharing), and copies only the
 * lists and records it changes. A crossing service change copies the service,
 * its crossing and the `crossings` list — nothing else.
 *
 * `buildScenario(base, profile, scenario)` applies and compiles the network
 * in one call (timed: `applyMs`, `compileMs`).
 */
import { relative } from 'node:path';
import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { checkReferences } from '../atlas/check.ts';
import { describeIssues, formatProblem } from '../atlas/problems.ts';
import {
  type Atlas,
  type Crossing,
  CrossingService,
  Link,
  Place,
  RecordSchemas,
  type StatusEntry,
} from '../atlas/schema.ts';
import { type Profile, ProfileError, parseProfile } from '../costs/profile.ts';
import { compileNetwork } from '../network/compile.ts';
import type { Network } from '../network/types.ts';
import { ScenarioError } from './load.ts';
import type { LoadedScenario, Target } from './schema.ts';

/** Cargo between two places of `country` may not pass through `through`. */
export interface TransitRule {
  country: string;
  through: string[];
  scenario: string;
}

export interface AppliedScenario {
  atlas: Atlas;
  profile: Profile;
  rules: TransitRule[];
  /** Human lines: what each modification did, e.g. "heihe-blagoveshchensk/road-bridge: status set (1 entry)". */
  changes: string[];
}

type Lists = 'sources' | 'places' | 'links' | 'crossings';

const baseProblems = new WeakMap<Atlas, Set<string>>();

function problemsOf(atlas: Atlas): string[] {
  return checkReferences(atlas, () => 'atlas')
    .filter((p) => p.severity === 'error')
    .map(formatProblem);
}

function nearest(ids: string[], id: string): string {
  const near = ids
    .map((v) => ({ v, d: distance(v, id) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 4)
    .map((x) => x.v);
  return near.length ? ` (valid ids include ${near.join(', ')})` : '';
}

/** Applies the scenario's chain (root first) to copies of the atlas and profile. Throws `ScenarioError`. */
export function applyScenarioFull(atlas: Atlas, profile: Profile, scenario: LoadedScenario): AppliedScenario {
  const out: Atlas = { ...atlas };
  const owned = new Set<Lists>();
  const own = <L extends Lists>(list: L): Atlas[L] => {
    if (!owned.has(list)) {
      (out as unknown as Record<string, unknown[]>)[list] = [...(atlas[list] as unknown[])];
      owned.add(list);
    }
    return out[list];
  };
  let prof: Profile = profile;
  let profileOwned = false;
  const rules: TransitRule[] = [];
  const changes: string[] = [];
  const problems: string[] = [];

  for (const step of scenario.chain) {
    const fileLabel = step.file ? relative(process.cwd(), step.file) || step.file : step.id;
    step.modifications.forEach((m, i) => {
      const where = `${fileLabel}: modifications[${i}]`;
      const fail = (field: string, problem: string) => problems.push(`${where}: ${field}: ${problem}`);
      const parse = <T>(schema: z.ZodType<T>, value: unknown, field: string): T | null => {
        const r = schema.safeParse(value, { reportInput: true });
        if (r.success) return r.data;
        for (const [f, p] of describeIssues(r.error.issues)) fail(`${field}.${f}`, p);
        return null;
      };
      const indexOf = (list: 'places' | 'links' | 'crossings' | 'sources', id: string, field: string) => {
        const arr = out[list] as { id: string }[];
        const idx = arr.findIndex((r) => r.id === id);
        if (idx < 0)
          fail(
            field,
            `unknown ${list.slice(0, -1)} "${id}"${nearest(
              arr.map((r) => r.id),
              id,
            )}`,
          );
        return idx;
      };
      const replaceCrossing = (idx: number, c: Crossing) => {
        own('crossings')[idx] = c;
      };
      /** Calls `f` with the current target record; stores what it returns (copy-on-write). */
      const updateTarget = (
        target: Target,
        f: (thing: Link | CrossingService) => Link | CrossingService | null,
      ): void => {
        if ('link' in target) {
          const idx = indexOf('links', target.link, 'target.link');
          if (idx < 0) return;
          const next = f(out.links[idx]);
          if (next) own('links')[idx] = next as Link;
          return;
        }
        const ci = indexOf('crossings', target.crossing, 'target.crossing');
        if (ci < 0) return;
        const c = out.crossings[ci];
        const si = c.services.findIndex((s) => s.id === target.service);
        if (si < 0) {
          fail(
            'target.service',
            `crossing ${c.id} has no service "${target.service}" (valid: ${c.services.map((s) => s.id).join(', ')})`,
          );
          return;
        }
        const next = f(c.services[si]);
        if (!next) return;
        const services = [...c.services];
        services[si] = next as CrossingService;
        replaceCrossing(ci, { ...c, services });
      };
      const targetName = (t: Target) => ('link' in t ? `link ${t.link}` : `${t.crossing}/${t.service}`);

      switch (m.op) {
        case 'add-source':
        case 'add-place':
        case 'add-link':
        case 'add-crossing': {
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
          const parsed = parse(RecordSchemas[list] as z.ZodType<{ id: string }>, rec, field);
          if (!parsed) return;
          if ((out[list] as { id: string }[]).some((r) => r.id === parsed.id)) {
            fail(
              `${field}.id`,
              `"${parsed.id}" already exists in the atlas (use change-${field} to change it)`,
            );
            return;
          }
          (own(list) as { id: string }[]).push(parsed);
          changes.push(`${field} ${parsed.id} added`);
          return;
        }
        case 'remove-place':
        case 'remove-link':
        case 'remove-crossing': {
          const list = `${m.op.slice(7)}s` as 'places' | 'links' | 'crossings';
          const idx = indexOf(list, m.id, 'id');
          if (idx < 0) return;
          own(list).splice(idx, 1);
          changes.push(`${m.op.slice(7)} ${m.id} removed`);
          return;
        }
        case 'change-place':
        case 'change-link':
        case 'change-crossing': {
          const kind = m.op.slice(7) as 'place' | 'link' | 'crossing';
          const list = `${kind}s` as 'places' | 'links' | 'crossings';
          const idx = indexOf(list, m.id, 'id');
          if (idx < 0) return;
          if ('id' in m.set && m.set.id !== m.id) {
            fail('set.id', 'an id cannot be changed (remove the record and add a new one)');
            return;
          }
          const schema = (
            kind === 'place' ? Place : kind === 'link' ? Link : RecordSchemas.crossings
          ) as z.ZodType<{
            id: string;
          }>;
          const merged = parse(schema, { ...(out[list][idx] as object), ...m.set }, 'set');
          if (!merged) return;
          (own(list) as unknown[])[idx] = merged;
          changes.push(`${kind} ${m.id}: ${Object.keys(m.set).join(', ')} changed`);
          return;
        }
        case 'add-service': {
          const ci = indexOf('crossings', m.crossing, 'crossing');
          if (ci < 0) return;
          const s = parse(CrossingService, m.service, 'service');
          if (!s) return;
          const c = out.crossings[ci];
          if (c.services.some((x) => x.id === s.id)) {
            fail('service.id', `crossing ${c.id} already has a service "${s.id}" (use change-service)`);
            return;
          }
          replaceCrossing(ci, { ...c, services: [...c.services, s] });
          changes.push(`${c.id}/${s.id} added`);
          return;
        }
        case 'remove-service':
        case 'change-service': {
          const ci = indexOf('crossings', m.crossing, 'crossing');
          if (ci < 0) return;
          const c = out.crossings[ci];
          const si = c.services.findIndex((s) => s.id === m.service);
          if (si < 0) {
            fail(
              'service',
              `crossing ${c.id} has no service "${m.service}" (valid: ${c.services.map((s) => s.id).join(', ')})`,
            );
            return;
          }
          const services = [...c.services];
          if (m.op === 'remove-service') {
            if (services.length === 1) {
              fail('service', `crossing ${c.id} would have no service left (remove the crossing instead)`);
              return;
            }
            services.splice(si, 1);
            changes.push(`${c.id}/${m.service} removed`);
          } else {
            if ('id' in m.set && m.set.id !== m.service) {
              fail('set.id', 'a service id cannot be changed (remove the service and add a new one)');
              return;
            }
            const s = parse(CrossingService, { ...services[si], ...m.set }, 'set');
            if (!s) return;
            services[si] = s;
            changes.push(`${c.id}/${m.service}: ${Object.keys(m.set).join(', ')} changed`);
          }
          replaceCrossing(ci, { ...c, services });
          return;
        }
        case 'set-status':
          updateTarget(m.target, (t) => ({ ...t, status: m.status }) as Link | CrossingService);
          changes.push(
            `${targetName(m.target)}: status set (${m.status.map((s) => s.state + (s.from ? ` from ${s.from}` : '')).join(', ')})`,
          );
          return;
        case 'set-calendar':
          updateTarget(m.target, (t) => ({ ...t, calendar: m.calendar }) as Link | CrossingService);
          changes.push(`${targetName(m.target)}: calendar set`);
          return;
        case 'set-capacity':
          updateTarget(m.target, (t) => ({ ...t, capacity: m.capacity }) as Link | CrossingService);
          changes.push(
            `${targetName(m.target)}: capacity ${m.capacity.map((c) => `${c.value} ${c.unit} (${c.basis})`).join(', ')}`,
          );
          return;
        case 'open':
        case 'close':
        case 'suspend': {
          const state = m.op === 'open' ? 'open' : m.op === 'close' ? 'closed' : 'suspended';
          updateTarget(m.target, (t) => {
            const history: StatusEntry[] = t.status ?? [{ state: 'open' }];
            const last = history[history.length - 1];
            if (last.from && last.from >= m.from) {
              fail(
                'from',
                `${m.from} is not after the last status entry (${last.state} from ${last.from}); valid: a date after ${last.from}, or use set-status`,
              );
              return null;
            }
            const entry: StatusEntry = { state, from: m.from };
            if (m.note) entry.note = m.note;
            if (m.sources) entry.sources = m.sources;
            return { ...t, status: [...history, entry] } as Link | CrossingService;
          });
          changes.push(`${targetName(m.target)}: ${state} from ${m.from}`);
          return;
        }
        case 'change-profile': {
          if (!profileOwned) {
            prof = structuredClone(prof);
            profileOwned = true;
          }
          for (const [path, value] of Object.entries(m.set)) {
            const keys = path.split('.');
            let obj = prof as unknown as Record<string, unknown>;
            let ok = true;
            for (let k = 0; k < keys.length; k++) {
              const key = keys[k];
              if (obj === null || typeof obj !== 'object' || !(key in obj)) {
                const valid = obj && typeof obj === 'object' ? Object.keys(obj).join(', ') : '(none)';
                fail(
                  `set.${path}`,
                  `no profile field "${keys.slice(0, k + 1).join('.')}" (valid here: ${valid})`,
                );
                ok = false;
                break;
              }
              if (k === keys.length - 1) {
                if (typeof obj[key] !== typeof value) {
                  fail(
                    `set.${path}`,
                    `wrong type ${typeof value} (expected ${typeof obj[key]}, now ${JSON.stringify(obj[key])})`,
                  );
                  ok = false;
                } else obj[key] = value;
              } else obj = obj[key] as Record<string, unknown>;
            }
            if (ok) changes.push(`profile ${path} = ${value}`);
          }
          return;
        }
        case 'forbid-transit':
          rules.push({ country: m.country, through: [...m.through], scenario: step.id });
          changes.push(`cargo within ${m.country} may not pass through ${m.through.join(', ')}`);
          return;
        case 'allow-transit': {
          let found = false;
          for (const r of rules) {
            if (r.country !== m.country) continue;
            const before = r.through.length;
            r.through = r.through.filter((c) => !m.through.includes(c));
            if (r.through.length !== before) found = true;
          }
          if (!found) {
            fail(
              'through',
              `no forbid-transit rule for ${m.country} through ${m.through.join(', ')} to lift in the scenarios this one extends`,
            );
            return;
          }
          for (let k = rules.length - 1; k >= 0; k--) if (rules[k].through.length === 0) rules.splice(k, 1);
          changes.push(`cargo within ${m.country} may pass through ${m.through.join(', ')}`);
          return;
        }
      }
    });
  }
  if (problems.length > 0) throw new ScenarioError(problems);

  if (profileOwned) {
    try {
      prof = parseProfile(prof, `scenario ${scenario.id} (change-profile)`);
    } catch (e) {
      if (e instanceof ProfileError) throw new ScenarioError(e.problems.map((p) => `${e.file}: ${p}`));
      throw e;
    }
  }
  // scenario sources and modification sources must resolve
  const sourceIds = new Set(out.sources.map((s) => s.id));
  const fileOf = (id: string) => {
    const f = scenario.chain.find((c) => c.id === id)?.file;
    return f ? relative(process.cwd(), f) || f : id;
  };
  // every `sources` list anywhere in a modification (status entries, calendars, capacities too)
  const walkSources = (v: unknown, path: string, report: (field: string, id: string) => void): void => {
    if (Array.isArray(v)) {
      v.forEach((x, k) => {
        walkSources(x, `${path}[${k}]`, report);
      });
    } else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        if ((k === 'sources' || k === 'coordsSources') && Array.isArray(x))
          x.forEach((id, j) => {
            if (typeof id === 'string' && !sourceIds.has(id)) report(`${p}[${j}]`, id);
          });
        else walkSources(x, p, report);
      }
  };
  for (const step of scenario.chain) {
    step.modifications.forEach((m, i) => {
      if (m.op === 'add-source' || m.op === 'change-profile') return;
      walkSources(m, '', (field, id) =>
        problems.push(
          `${fileOf(step.id)}: modifications[${i}]: ${field}: unknown source "${id}" (an atlas source id, or add it with an add-source modification)`,
        ),
      );
    });
  }
  scenario.sources.forEach((s, k) => {
    if (!sourceIds.has(s))
      problems.push(
        `${fileOf(scenario.id)}: sources[${k}]: unknown source "${s}" (an atlas source id, or add it with an add-source modification)`,
      );
  });
  if (problems.length > 0) throw new ScenarioError(problems);

  // referential checks (only problems the modifications introduced), when records were added,
  // removed or replaced wholesale; status, calendar and capacity changes keep every reference
  const STRUCTURAL = /^(add|remove|change)-(place|link|crossing|service)$/;
  const structural = scenario.chain.some((c) => c.modifications.some((m) => STRUCTURAL.test(m.op)));
  if (structural) {
    let before = baseProblems.get(atlas);
    if (!before) {
      before = new Set(problemsOf(atlas));
      baseProblems.set(atlas, before);
    }
    const introduced = problemsOf(out).filter((p) => !before.has(p));
    if (introduced.length > 0)
      throw new ScenarioError(
        introduced.map(
          (p) => `${fileOf(scenario.id)}: after the modifications: ${p.replace(/^atlas: /, '')}`,
        ),
      );
  }
  return { atlas: out, profile: prof, rules, changes };
}

/** The scenario's atlas (copy-on-write; the base is never mutated). */
export function applyScenario(atlas: Atlas, scenario: LoadedScenario, profile?: Profile): Atlas {
  if (!profile) {
    // a profile is needed only for change-profile modifications; check none is present
    const needs = scenario.chain.some((s) => s.modifications.some((m) => m.op === 'change-profile'));
    if (needs)
      throw new ScenarioError([
        `scenario ${scenario.id}: has change-profile modifications: call applyScenarioFull with a profile`,
      ]);
  }
  return applyScenarioFull(atlas, profile ?? ({} as Profile), scenario).atlas;
}

export interface ScenarioNetwork extends AppliedScenario {
  id: string;
  name: string;
  network: Network;
  applyMs: number;
  compileMs: number;
}

/** Applies the scenario and compiles its network. */
export function buildScenario(base: Atlas, profile: Profile, scenario: LoadedScenario): ScenarioNetwork {
  const t0 = performance.now();
  const applied = applyScenarioFull(base, profile, scenario);
  const t1 = performance.now();
  const network = compileNetwork(applied.atlas, applied.profile);
  const t2 = performance.now();
  return {
    ...applied,
    id: scenario.id,
    name: scenario.name,
    network,
    applyMs: t1 - t0,
    compileMs: t2 - t1,
  };
}

/** Avoid list for a shipment between two countries under the scenario's transit rules. */
export function transitAvoid(rules: TransitRule[], fromCountry: string, toCountry: string): string[] {
  if (fromCountry !== toCountry) return [];
  const out = new Set<string>();
  for (const r of rules) if (r.country === fromCountry) for (const c of r.through) out.add(c);
  return [...out];
}
