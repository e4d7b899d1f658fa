/**
 * Applies a scenario to the atlas and the cost profile, copy-on-write: the
 * base atlas and profile are never mutated; the result shares every record
 * that no modification touched (structural sharing), and copies only the
 * lists and records it changes. A crossing service change copies the service,
 * its crossing and the `crossings` list — nothing else.
 *
 * Each operation lives in its own module under `operations/` (resolve against
 * the atlas as modified so far, then apply); the checks after all
 * modifications in `apply-checks.ts`.
 *
 * `buildScenario(base, profile, scenario)` applies and compiles the network
 * in one call (timed: `applyMs`, `compileMs`).
 */
import { relative } from 'node:path';
import type { Atlas } from '../atlas/schema.ts';
import type { Profile } from '../costs/profile.ts';
import { compileNetwork } from '../network/compile.ts';
import type { Network } from '../network/types.ts';
import { checkedProfile, introducedProblems, unknownSources } from './apply-checks.ts';
import { ScenarioError } from './load.ts';
import { applyModification, Draft, Site } from './operations/index.ts';
import type { LoadedScenario } from './schema.ts';
import type { TransitRule } from './transit.ts';

export { type TransitRule, transitAvoid } from './transit.ts';

export interface AppliedScenario {
  atlas: Atlas;
  profile: Profile;
  rules: TransitRule[];
  /** Human lines: what each modification did, e.g. "heihe-blagoveshchensk/road-bridge: status set (1 entry)". */
  changes: string[];
}

/** Applies the scenario's chain (root first) to copies of the atlas and profile. Throws `ScenarioError`. */
export function applyScenarioFull(atlas: Atlas, profile: Profile, scenario: LoadedScenario): AppliedScenario {
  const draft = new Draft(atlas, profile);
  const problems: string[] = [];
  for (const step of scenario.chain) {
    const fileLabel = step.file ? relative(process.cwd(), step.file) || step.file : step.id;
    step.modifications.forEach((m, i) => {
      applyModification(m, draft, new Site(`${fileLabel}: modifications[${i}]`, step.id, problems));
    });
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  const prof = draft.profileOwned ? checkedProfile(draft.profile, scenario) : draft.profile;
  // scenario sources and modification sources must resolve
  problems.push(...unknownSources(draft.atlas, scenario));
  if (problems.length > 0) throw new ScenarioError(problems);
  // referential checks: only problems the modifications introduced
  const introduced = introducedProblems(atlas, draft.atlas, scenario);
  if (introduced.length > 0) throw new ScenarioError(introduced);
  return { atlas: draft.atlas, profile: prof, rules: draft.rules, changes: draft.changes };
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
