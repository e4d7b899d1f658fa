/**
 * Options several commands declare alike, built once: each call returns a
 * new commander `Option` (an option belongs to one command), added with
 * `.addOption(…)` where the command lists it, so that help keeps its order.
 * The atlas and route options; the trade store's `--db` is in `trade-store.ts`
 * (so that `amur trade` does not load the atlas modules).
 */
import { Option } from 'commander';
import { DEFAULT_ATLAS_DIR } from '../atlas/load.ts';
import { CARGO_UNITS, loadProfile, type Profile, ProfileError } from '../costs/profile.ts';
import { LANGS } from '../i18n/messages.ts';
import { CliError } from './output.ts';

/** `--dir <path>`: the atlas directory (default: the shipped atlas). */
export const atlasDirOption = (): Option =>
  new Option('--dir <path>', 'atlas directory').default(DEFAULT_ATLAS_DIR);

/** `--profile <file>`: the cost and emission profile (default: the shipped one). */
export const profileOption = (): Option => new Option('--profile <file>', 'cost and emission profile (YAML)');

/** `--cargo <unit>`: one of `CARGO_UNITS` (default FEU). */
export const cargoOption = (): Option =>
  new Option('--cargo <unit>', 'cargo unit').choices([...CARGO_UNITS]).default('feu');

/** `--lang <lang>`: en, zh or ru, the language of a command's text output (`description` says what it covers). */
export const langOption = (description: string): Option =>
  new Option('--lang <lang>', description).choices([...LANGS]);

/** The profile `--profile` names (the shipped one without it); a bad profile is a `--profile:` error. */
export function profileFromFlag(file: string | undefined): Profile {
  try {
    return loadProfile(file);
  } catch (e) {
    if (e instanceof ProfileError) throw new CliError(`--profile: ${e.message}`);
    throw e;
  }
}
