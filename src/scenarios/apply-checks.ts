/**
 * The checks of a scenario after all its modifications: the changed cost
 * profile is validated again; every source id a scenario or modification
 * names (status entries, calendars and capacities included) resolves; and,
 * when records were added, removed or replaced wholesale, the atlas's
 * referential checks find no problem the modifications introduced. Problems
 * are formatted by `atlas/problems.ts` and name the scenario file.
 */
import { relative } from 'node:path';
import { checkReferences } from '../atlas/check.ts';
import { formatProblem } from '../atlas/problems.ts';
import type { Atlas } from '../atlas/schema.ts';
import { type Profile, ProfileError, parseProfile } from '../costs/profile.ts';
import { ScenarioError } from './load.ts';
import type { LoadedScenario } from './schema.ts';

/** A scenario file as shown in messages (relative to the working directory), or its id when it has none. */
export function scenarioLabel(scenario: LoadedScenario, id: string): string {
  const f = scenario.chain.find((c) => c.id === id)?.file;
  return f ? relative(process.cwd(), f) || f : id;
}

/** The profile after change-profile modifications, validated; its problems as a `ScenarioError`. */
export function checkedProfile(profile: Profile, scenario: LoadedScenario): Profile {
  try {
    return parseProfile(profile, `scenario ${scenario.id} (change-profile)`);
  } catch (e) {
    if (e instanceof ProfileError) throw new ScenarioError(e.problems.map((p) => `${e.file}: ${p}`));
    throw e;
  }
}

/** Every `sources` (or `coordsSources`) list anywhere in `v`, each id not in `known` reported with its field. */
function walkSources(
  v: unknown,
  path: string,
  known: Set<string>,
  report: (field: string, id: string) => void,
): void {
  if (Array.isArray(v)) {
    v.forEach((x, k) => {
      walkSources(x, `${path}[${k}]`, known, report);
    });
  } else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if ((k === 'sources' || k === 'coordsSources') && Array.isArray(x))
        x.forEach((id, j) => {
          if (typeof id === 'string' && !known.has(id)) report(`${p}[${j}]`, id);
        });
      else walkSources(x, p, known, report);
    }
}

/** Source ids named by the scenario and its modifications that neither the atlas nor an add-source has. */
export function unknownSources(atlas: Atlas, scenario: LoadedScenario): string[] {
  const problems: string[] = [];
  const known = new Set(atlas.sources.map((s) => s.id));
  const hint = '(an atlas source id, or add it with an add-source modification)';
  for (const step of scenario.chain) {
    step.modifications.forEach((m, i) => {
      if (m.op === 'add-source' || m.op === 'change-profile') return;
      walkSources(m, '', known, (field, id) =>
        problems.push(
          `${scenarioLabel(scenario, step.id)}: modifications[${i}]: ${field}: unknown source "${id}" ${hint}`,
        ),
      );
    });
  }
  scenario.sources.forEach((s, k) => {
    if (!known.has(s))
      problems.push(`${scenarioLabel(scenario, scenario.id)}: sources[${k}]: unknown source "${s}" ${hint}`);
  });
  return problems;
}

const baseProblems = new WeakMap<Atlas, Set<string>>();

function problemsOf(atlas: Atlas): string[] {
  return checkReferences(atlas, () => 'atlas')
    .filter((p) => p.severity === 'error')
    .map(formatProblem);
}

const STRUCTURAL = /^(add|remove|change)-(place|link|crossing|service)$/;

/**
 * Referential problems of `after` that `base` does not have, when a modification added, removed or
 * replaced records wholesale (status, calendar and capacity changes keep every reference).
 */
export function introducedProblems(base: Atlas, after: Atlas, scenario: LoadedScenario): string[] {
  const structural = scenario.chain.some((c) => c.modifications.some((m) => STRUCTURAL.test(m.op)));
  if (!structural) return [];
  let before = baseProblems.get(base);
  if (!before) {
    before = new Set(problemsOf(base));
    baseProblems.set(base, before);
  }
  const known = before;
  return problemsOf(after)
    .filter((p) => !known.has(p))
    .map(
      (p) => `${scenarioLabel(scenario, scenario.id)}: after the modifications: ${p.replace(/^atlas: /, '')}`,
    );
}
