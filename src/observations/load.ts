/**
 * Loads the calibration corpus: every `*.yaml` in a directory (default
 * `data/observations/`), validated with `ObservationFile`. Ids are unique
 * across the corpus and every `source` names a source of its file; an error
 * names the file, the record and the field, and what would be valid.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { describeIssues } from '../atlas/problems.ts';
import { AmurError } from '../errors.ts';
import { yamlValues } from '../yaml-values.ts';
import { type Claim, type Observation, ObservationFile, type ObservationSource } from './schema.ts';

export const DEFAULT_OBSERVATIONS_DIR = resolve(
  fileURLToPath(new URL('../../data/observations', import.meta.url)),
);

/** A corpus that cannot be used; each problem names the file, the record and the field. */
export class ObservationError extends AmurError {
  constructor(readonly problems: string[]) {
    super(
      'data',
      problems.length === 1 ? problems[0] : `${problems.length} problems:\n  ${problems.join('\n  ')}`,
    );
    this.name = 'ObservationError';
  }
}

export interface Corpus {
  sources: (ObservationSource & { file: string })[];
  observations: (Observation & { file: string })[];
  claims: (Claim & { file: string })[];
}

const shown = (file: string) => relative(process.cwd(), file) || file;

/** Reads and checks every corpus file in `dir`. Throws `ObservationError` listing all problems. */
export function loadObservations(dir: string = DEFAULT_OBSERVATIONS_DIR): Corpus {
  if (!existsSync(dir)) throw new ObservationError([`${shown(dir)}: directory not found`]);
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
  if (files.length === 0)
    throw new ObservationError([`${shown(dir)}: no observation files (*.yaml) in the directory`]);
  const corpus: Corpus = { sources: [], observations: [], claims: [] };
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const sourceIds = new Map<string, string>();
  for (const file of files) {
    const label = shown(file);
    const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors)
        problems.push(`${label}:${e.linePos?.[0]?.line ?? '?'}: YAML syntax: ${e.message.split('\n')[0]}`);
      continue;
    }
    const parsed = ObservationFile.safeParse(yamlValues(doc, label) ?? {});
    if (!parsed.success) {
      for (const [field, problem] of describeIssues(parsed.error.issues)) {
        problems.push(`${label}: ${recordOf(doc.toJS(), field)}${field}: ${problem}`);
      }
      continue;
    }
    const f = parsed.data;
    const local = new Set(f.sources.map((s) => s.id));
    for (const s of f.sources) {
      const other = sourceIds.get(s.id);
      if (other && other !== label)
        problems.push(`${label}: source ${s.id}: id also used in ${other} (give each source one id)`);
      sourceIds.set(s.id, label);
      corpus.sources.push({ ...s, file: label });
    }
    const check = (kind: string, rec: { id: string; source: string }) => {
      const other = seen.get(rec.id);
      if (other)
        problems.push(
          `${label}: ${kind} ${rec.id}: id: also used in ${other} (ids are unique in the corpus)`,
        );
      seen.set(rec.id, label);
      if (!local.has(rec.source))
        problems.push(
          `${label}: ${kind} ${rec.id}: source: unknown "${rec.source}" (valid: ${[...local].join(', ')})`,
        );
    };
    for (const o of f.observations) {
      check('observation', o);
      corpus.observations.push({ ...o, file: label });
    }
    for (const c of f.claims) {
      check('claim', c);
      corpus.claims.push({ ...c, file: label });
    }
  }
  if (problems.length > 0) throw new ObservationError(problems);
  return corpus;
}

/** "observation <id>: " for a field inside observations[i] or claims[i], when the record has an id. */
function recordOf(raw: unknown, field: string): string {
  const m = /^(observations|claims)\[(\d+)\]/.exec(field);
  if (!m) return '';
  const list = (raw as Record<string, unknown> | null)?.[m[1]];
  const id = Array.isArray(list) ? (list[Number(m[2])] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' ? `${m[1] === 'claims' ? 'claim' : 'observation'} ${id}: ` : '';
}
