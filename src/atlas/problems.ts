/**
 * Problems in data files and how they are written: one `AtlasProblem` per
 * file, record and field, formatted as `file: record: field: problem`, and
 * the one describer of zod issues ("problem (what would be valid)"), of
 * unknown fields ("did you mean …?") and of field paths. Used by the atlas
 * loader and checks, scenarios, demand, profiles, observations and the
 * server alike.
 */
import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';

export interface AtlasProblem {
  file: string;
  /** Record id, or `#N` (1-based position in its list) where the record has no usable id. */
  record: string;
  field: string;
  problem: string;
  severity: 'error' | 'warning';
}

export function formatProblem(p: AtlasProblem): string {
  return `${p.file}: ${p.record}: ${p.field}: ${p.problem}`;
}

/** Turns a zod issue into the "problem (what would be valid)" part of a message. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & {
    expected?: string;
    values?: unknown[];
    keys?: string[];
    minimum?: number | bigint;
    maximum?: number | bigint;
    origin?: string;
    input?: unknown;
  };
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined
        ? `missing (required: ${i.expected})`
        : `wrong type ${describeValue(i.input)} (expected ${i.expected})`;
    case 'invalid_value':
      return `invalid value ${describeValue(i.input)} (valid: ${(i.values ?? []).map((v) => JSON.stringify(v)).join(', ')})`;
    case 'unrecognized_keys':
      return `unknown field${(i.keys ?? []).length > 1 ? 's' : ''} ${(i.keys ?? []).join(', ')} (remove or fix the spelling)`;
    case 'too_small':
      return `${i.message} (minimum ${String(i.minimum)}${i.origin === 'array' ? ' entries' : ''})`;
    case 'too_big':
      return `${i.message} (maximum ${String(i.maximum)})`;
    case 'invalid_format':
    case 'custom':
      return `${describeValue(i.input)} is not valid (expected ${i.message})`;
    case 'invalid_union':
      return `${describeValue(i.input)} matches none of the allowed shapes (${i.message})`;
    default:
      return i.message;
  }
}

/**
 * One problem per field: format checks failing together on one value (a
 * pattern and a refinement) are merged into one message; a missing `sources`
 * says what a source list is.
 */
export function describeIssues(issues: z.core.$ZodIssue[]): [field: string, problem: string][] {
  const out: [string, string][] = [];
  const formatAt = new Map<string, number>();
  for (const issue of issues) {
    const field = pathToField(issue.path);
    const last = issue.path[issue.path.length - 1];
    const input = (issue as { input?: unknown }).input;
    if (
      issue.code === 'invalid_type' &&
      input === undefined &&
      (last === 'sources' || last === 'coordsSources')
    ) {
      out.push([field, 'missing (every record names its sources: a list of source ids, e.g. [song-2019])']);
      continue;
    }
    if (issue.code === 'invalid_format' || issue.code === 'custom') {
      const at = formatAt.get(field);
      if (at !== undefined) {
        out[at][1] = out[at][1].replace(/\)$/, `; ${issue.message})`);
        continue;
      }
      formatAt.set(field, out.length);
    }
    out.push([field, describeIssue(issue)]);
  }
  return out;
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function pathToField(path: PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(record)';
}

type ZodDef = { type: string; [k: string]: unknown };
const defOf = (schema: unknown): ZodDef | undefined => (schema as { _zod?: { def: ZodDef } })?._zod?.def;

/**
 * The field names an object may have at `path` inside `schema` (the union of
 * the alternatives where the schema is a union). Empty when unknown.
 */
export function fieldsAt(schema: unknown, path: PropertyKey[]): string[] {
  const out = new Set<string>();
  const walk = (s: unknown, i: number) => {
    const def = defOf(s);
    if (!def) return;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        walk(def.innerType, i);
        return;
      case 'pipe':
        walk(def.in, i);
        return;
      case 'union':
        for (const o of def.options as unknown[]) walk(o, i);
        return;
      case 'object': {
        const shape = def.shape as Record<string, unknown>;
        if (i === path.length) for (const k of Object.keys(shape)) out.add(k);
        else if (typeof path[i] === 'string' && path[i] in shape) walk(shape[path[i] as string], i + 1);
        return;
      }
      case 'array':
        if (i < path.length && typeof path[i] === 'number') walk(def.element, i + 1);
        return;
      case 'record': {
        // a record keyed by an enum (z.record / z.partialRecord of z.enum): its keys are the enum's values
        const keys = defOf(def.keyType);
        if (i === path.length) {
          if (keys?.type === 'enum')
            for (const k of Object.values(keys.entries as object)) out.add(String(k));
        } else walk(def.valueType, i + 1);
        return;
      }
      case 'tuple':
        if (i < path.length && typeof path[i] === 'number')
          walk((def.items as unknown[])[path[i] as number] ?? def.rest, i + 1);
        return;
      default:
        return;
    }
  };
  walk(schema, 0);
  return [...out];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Fields present in the file but dropped by the schema (zod strips unknown
 * keys): found by walking the raw and the parsed record side by side.
 */
export function unknownFields(raw: unknown, parsed: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  const out: PropertyKey[][] = [];
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    raw.forEach((r, i) => {
      out.push(...unknownFields(r, parsed[i], [...path, i]));
    });
  } else if (isObject(raw) && isObject(parsed)) {
    for (const [k, v] of Object.entries(raw)) {
      if (!(k in parsed)) out.push([...path, k]);
      else out.push(...unknownFields(v, parsed[k], [...path, k]));
    }
  }
  return out;
}

/** "unknown field … (did you mean …? / valid fields here: …)" */
export function describeUnknownField(schema: unknown, path: PropertyKey[]): string {
  const key = String(path[path.length - 1]);
  const valid = fieldsAt(schema, path.slice(0, -1)).sort();
  const near = valid
    .map((v) => ({ v, d: distance(v.toLowerCase(), key.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(1, Math.floor(key.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  const hint = near
    ? `did you mean "${near.v}"?`
    : valid.length > 0
      ? `valid fields here: ${valid.join(', ')}`
      : 'remove it';
  return `unknown field "${key}" (${hint})`;
}
