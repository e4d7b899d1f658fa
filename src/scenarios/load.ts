/**
 * Loads scenario files (`data/scenarios/*.yaml`, or any file): validates them
 * with the `Scenario` schema and resolves the `extends` chain. Errors name the
 * file, the modification and the field: `file: modifications[2]: target: …`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { describeIssues, describeUnknownField, pathToField, unknownFields } from '../atlas/problems.ts';
import { AmurError } from '../errors.ts';
import { yamlValues } from '../yaml-values.ts';
import {
  inLanguages,
  type LoadedScenario,
  MODIFICATION_OPS,
  Scenario,
  type ScenarioFile,
  type Translations,
} from './schema.ts';

export const DEFAULT_SCENARIO_DIR = resolve(fileURLToPath(new URL('../../data/scenarios', import.meta.url)));

/** A scenario that cannot be used; every problem names the file, the modification and the field. */
export class ScenarioError extends AmurError {
  constructor(readonly problems: string[]) {
    super(
      'input',
      problems.length === 1 ? problems[0] : `${problems.length} problems:\n  ${problems.join('\n  ')}`,
    );
    this.name = 'ScenarioError';
  }
}

const shown = (file: string) => relative(process.cwd(), file) || file;

/** Ids of the scenarios in `dir` (file names without `.yaml`), sorted. */
export function scenarioIds(dir: string = DEFAULT_SCENARIO_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => f.replace(/\.ya?ml$/, ''))
    .sort();
}

/** Parses and validates one scenario file (without resolving `extends`). */
export function readScenarioFile(file: string): ScenarioFile & { id: string } {
  const label = shown(file);
  if (!existsSync(file)) throw new ScenarioError([`${label}: file not found`]);
  const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map(
        (e) => `${label}:${e.linePos?.[0]?.line ?? '?'}: YAML syntax: ${e.message.split('\n')[0]}`,
      ),
    );
  }
  const raw = yamlValues(doc, label) ?? {};
  const problems: string[] = [];
  // an unknown op gets its own clear message
  const mods = (raw as { modifications?: unknown }).modifications;
  if (Array.isArray(mods)) {
    mods.forEach((m, i) => {
      const op = (m as { op?: unknown } | null)?.op;
      if (typeof op !== 'string' || !(MODIFICATION_OPS as readonly string[]).includes(op))
        problems.push(
          `${label}: modifications[${i}]: op: ${op === undefined ? 'missing' : `unknown operation ${JSON.stringify(op)}`} (valid: ${MODIFICATION_OPS.join(', ')})`,
        );
    });
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  const parsed = Scenario.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new ScenarioError(
      describeIssues(parsed.error.issues).map(
        ([field, problem]) => `${label}: ${fieldLabel(field)}: ${problem}`,
      ),
    );
  }
  for (const path of unknownFields(raw, parsed.data))
    problems.push(`${label}: ${fieldLabel(pathToField(path))}: ${describeUnknownField(Scenario, path)}`);
  if (problems.length > 0) throw new ScenarioError(problems);
  const fileId = basename(file).replace(/\.ya?ml$/, '');
  if (parsed.data.id && parsed.data.id !== fileId)
    throw new ScenarioError([
      `${label}: id: "${parsed.data.id}" differs from the file name (valid: "${fileId}", or leave id out)`,
    ]);
  return { ...parsed.data, id: parsed.data.id ?? fileId };
}

/** `modifications[2].target.crossing` → `modifications[2]: target.crossing` */
export function fieldLabel(field: string): string {
  const m = /^(modifications\[\d+\])\.?(.*)$/.exec(field);
  return m ? `${m[1]}: ${m[2] || '(modification)'}` : field;
}

/**
 * Loads a scenario by id (from `dir`) or by file path, with the chain of the
 * scenarios it extends. Throws `ScenarioError`.
 */
export function loadScenario(idOrFile: string, dir: string = DEFAULT_SCENARIO_DIR): LoadedScenario {
  const isFile = /\.ya?ml$/.test(idOrFile) || idOrFile.includes('/');
  const file = isFile ? resolve(idOrFile) : join(dir, `${idOrFile}.yaml`);
  if (!isFile && !existsSync(file)) {
    const ids = scenarioIds(dir);
    throw new ScenarioError([
      `scenario "${idOrFile}": unknown (valid: ${ids.join(', ') || `none in ${shown(dir)}`}, or a path to a .yaml file)`,
    ]);
  }
  const chain: LoadedScenario['chain'] = [];
  const seen: string[] = [];
  let current = readScenarioFile(file);
  let currentFile = file;
  const top = current;
  for (;;) {
    if (seen.includes(current.id))
      throw new ScenarioError([
        `${shown(currentFile)}: extends: cycle ${[...seen, current.id].join(' → ')} (a scenario cannot extend itself)`,
      ]);
    seen.push(current.id);
    chain.unshift({ id: current.id, file: currentFile, modifications: current.modifications });
    if (!current.extends) break;
    const parentFile = join(isFile && dir === DEFAULT_SCENARIO_DIR ? dir : dir, `${current.extends}.yaml`);
    const sibling = join(resolve(currentFile, '..'), `${current.extends}.yaml`);
    const next = existsSync(sibling) ? sibling : parentFile;
    if (!existsSync(next))
      throw new ScenarioError([
        `${shown(currentFile)}: extends: unknown scenario "${current.extends}" (valid: ${scenarioIds(dir).join(', ')})`,
      ]);
    currentFile = next;
    current = readScenarioFile(next);
  }
  return {
    id: top.id,
    file,
    name: top.name,
    description: top.description,
    ...(top.names ? { names: top.names } : {}),
    ...(top.descriptions ? { descriptions: top.descriptions } : {}),
    sources: top.sources,
    extends: top.extends,
    modifications: top.modifications,
    chain,
  };
}

/** Every scenario in `dir`: `[{ id, name, description, names, descriptions, extends, modifications }]`. */
export function listScenarios(dir: string = DEFAULT_SCENARIO_DIR): {
  id: string;
  name: string;
  description: string;
  names: { en: string } & Translations;
  descriptions: { en: string } & Translations;
  extends?: string;
  modifications: number;
}[] {
  return scenarioIds(dir).map((id) => {
    const s = readScenarioFile(join(dir, `${id}.yaml`));
    return {
      id,
      name: s.name,
      description: s.description,
      names: inLanguages(s.name, s.names),
      descriptions: inLanguages(s.description, s.descriptions),
      extends: s.extends,
      modifications: s.modifications.length,
    };
  });
}
