/**
 * Loads the atlas: every `*.yaml` file under a directory (default: the
 * bundled `data/atlas/`), each record validated against its schema, then the
 * referential checks of `check.ts`. Problems come back as
 * `file: record id: field: problem (what would be valid)`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { AmurError } from '../errors.ts';
import { YamlRefusedError, yamlValues } from '../yaml-values.ts';
import { checkReferences } from './check.ts';
import {
  type AtlasProblem,
  describeIssue,
  describeIssues,
  describeUnknownField,
  formatProblem,
  pathToField,
  unknownFields,
} from './problems.ts';
import { type Atlas, AtlasFile, RECORD_LISTS, type RecordList, RecordSchemas } from './schema.ts';

export const DEFAULT_ATLAS_DIR = resolve(fileURLToPath(new URL('../../data/atlas', import.meta.url)));

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

const YAML_HINT =
  'valid YAML: indent with spaces, "key: value" pairs, quote text that contains ": " or " #" or starts with one of [ ] { } , & * ! | > \' " % @ `';

/** The first line of a YAML parser message, without its "at line L, column C:" (the file position says it). */
function yamlMessage(message: string): string {
  return message
    .split('\n')[0]
    .replace(/\s*at line \d+, column \d+:?\s*$/, '')
    .trim();
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
