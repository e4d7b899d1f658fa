/**
 * `scenarioInfo(scenario, built, id?)`: what `amur scenario show` and
 * `GET /api/scenarios/:id` say about a scenario — its description, chain,
 * sources, modifications, what they change, and how long applying and
 * compiling took (ms, two decimals); `names`/`descriptions` hold
 * the name and description by language (`en` always, `zh`/`ru` when the file
 * translates them). The one shape of both faces.
 */
import type { ScenarioNetwork } from './apply.ts';
import { inLanguages, type LoadedScenario } from './schema.ts';

export function scenarioInfo(s: LoadedScenario, built: ScenarioNetwork, id: string = s.id) {
  return {
    id,
    name: s.name,
    description: s.description,
    names: inLanguages(s.name, s.names),
    descriptions: inLanguages(s.description, s.descriptions),
    extends: s.extends ?? null,
    chain: s.chain.map((c) => c.id),
    sources: s.sources,
    modifications: s.modifications,
    changes: built.changes,
    rules: built.rules,
    applyMs: Math.round(built.applyMs * 100) / 100,
    compileMs: Math.round(built.compileMs * 100) / 100,
  };
}
