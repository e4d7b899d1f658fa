/**
 * Loads the atlas: every `*.yaml` file under a directory (default: the
 * bundled `data/atlas/`), each record validated against its schema, then the
 * referential checks of `check.ts`. Problems come back as
 * `file: record id: field: problem (what would be valid)`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distance } from 'fastest-levenshtein';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { AmurError } from '../errors.ts';
import { YamlRefusedError, yamlValues } from '../yaml-values.ts';
import { checkReferences } from './check.ts';
import { type Atlas, AtlasFile, RECORD_LISTS, type RecordList, RecordSchemas } from './schema.ts';

export const DEFAULT_ATLAS_DIR = resolve(fileURLToPath(new URL('../../data/atlas', import.meta.url)));

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

export class AtlasError extends AmurError {
  constructor(readonly problems: AtlasProblem[]) {
    super(
      'data',
      `the atlas has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems
          .slice(0, 50)
          .map((p) => `  ${formatProblem(p)}`)
          .join('\n') +
        (problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''),
    );
    this.name = 'AtlasError';
  }
}

/** Where each record came from, for error messages and `atlas show`. */
export interface RecordOrigin {
  file: string;
  list: RecordList;
  index: number;
}

export interface LoadedAtlas {
  atlas: Atlas;
  dir: string;
  origins: Map<string, RecordOrigin>;
  problems: AtlasProblem[];
}

function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) {
      if (name === 'schema') continue;
      out.push(...listYamlFiles(full));
    } else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
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

const YAML_HINT =
  'valid YAML: indent with spaces, "key: value" pairs, quote text that contains ": " or " #" or starts with one of [ ] { } , & * ! | > \' " % @ `';

/** The first line of a YAML parser message, without its "at line L, column C:" (the file position says it). */
function yamlMessage(message: string): string {
  return message
    .split('\n')[0]
    .replace(/\s*at line \d+, column \d+:?\s*$/, '')
    .trim();
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

/**
 * Parses and validates every YAML file under `dir` (or the one file `dir`
 * names); never throws on bad content (problems are returned).
 */
export function loadAtlas(dir: string = DEFAULT_ATLAS_DIR): LoadedAtlas {
  const atlas: Atlas = { sources: [], places: [], crossings: [], links: [], zones: [], corridors: [] };
  const origins = new Map<string, RecordOrigin>();
  const problems: AtlasProblem[] = [];
  let root = resolve(dir);
  let files: string[];
  try {
    if (statSync(root).isFile()) {
      files = [root];
      root = dirname(root);
    } else files = listYamlFiles(root);
  } catch (e) {
    problems.push({
      file: dir,
      record: '-',
      field: '-',
      problem: `cannot read the atlas directory (${(e as Error).message})`,
      severity: 'error',
    });
    return { atlas, dir: root, origins, problems };
  }
  if (files.length === 0) {
    problems.push({
      file: dir,
      record: '-',
      field: '-',
      problem: 'no .yaml files found (an atlas directory holds YAML files)',
      severity: 'error',
    });
  }
  for (const full of files) {
    const file = relative(process.cwd(), full) || full;
    const doc = parseDocument(readFileSync(full, 'utf8'), { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const [line, col] = err.linePos?.[0] ? [err.linePos[0].line, err.linePos[0].col] : [0, 0];
        problems.push({
          file: `${file}:${line}:${col}`,
          record: '-',
          field: '-',
          problem: `YAML syntax: ${yamlMessage(err.message)} (${YAML_HINT})`,
          severity: 'error',
        });
      }
      continue;
    }
    let data: unknown;
    try {
      data = yamlValues(doc, file) ?? {};
    } catch (e) {
      if (!(e instanceof YamlRefusedError)) throw e;
      problems.push({
        file,
        record: '-',
        field: '-',
        problem: e.message.replace(`${file}: `, ''),
        severity: 'error',
      });
      continue;
    }
    const top = AtlasFile.safeParse(data, { reportInput: true });
    if (!top.success) {
      for (const issue of top.error.issues) {
        problems.push({
          file,
          record: '-',
          field: pathToField(issue.path),
          problem: `${describeIssue(issue)}; a file holds lists named ${RECORD_LISTS.join(', ')}`,
          severity: 'error',
        });
      }
      continue;
    }
    for (const list of RECORD_LISTS) {
      const records = (top.data[list] ?? []) as unknown[];
      records.forEach((raw, index) => {
        const rawId = (raw as { id?: unknown } | null)?.id;
        const label = typeof rawId === 'string' && rawId ? rawId : `${list}[${index}]`;
        const parsed = (RecordSchemas[list] as z.ZodType).safeParse(raw, { reportInput: true });
        if (!parsed.success) {
          for (const [field, problem] of describeIssues(parsed.error.issues)) {
            problems.push({ file, record: label, field, problem, severity: 'error' });
          }
          return;
        }
        const rec = parsed.data as { id: string };
        for (const path of unknownFields(raw, parsed.data)) {
          problems.push({
            file,
            record: rec.id,
            field: pathToField(path),
            problem: describeUnknownField(RecordSchemas[list], path),
            severity: 'error',
          });
        }
        const key = `${list}:${rec.id}`;
        const prior = origins.get(key);
        if (prior) {
          problems.push({
            file,
            record: rec.id,
            field: 'id',
            problem: `duplicate id (already defined in ${prior.file}; ids are unique within each kind)`,
            severity: 'error',
          });
          return;
        }
        origins.set(key, { file, list, index });
        (atlas[list] as unknown[]).push(rec);
      });
    }
  }
  problems.push(...checkReferences(atlas, (list, id) => origins.get(`${list}:${id}`)?.file ?? '?'));
  return { atlas, dir: root, origins, problems };
}

const cache = new Map<string, LoadedAtlas>();

/**
 * Loads the atlas with where each record came from, throwing an `AtlasError`
 * listing every error. Cached per directory (the same object as `getAtlas`'s).
 */
export function getLoadedAtlas(dir: string = DEFAULT_ATLAS_DIR): LoadedAtlas {
  const key = resolve(dir);
  const hit = cache.get(key);
  if (hit) return hit;
  const loaded = loadAtlas(key);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new AtlasError(errors);
  cache.set(key, loaded);
  return loaded;
}

/** Loads and returns the atlas, throwing an `AtlasError` listing every error. Cached per directory. */
export function getAtlas(dir: string = DEFAULT_ATLAS_DIR): Atlas {
  return getLoadedAtlas(dir).atlas;
}
