/**
 * The seed tables: the four trade tables of the seed papers, transcribed with
 * their specs in `data/trade/seed/` (`heilongjiang-russia-2008-2018`,
 * `heihe-foreign-trade-2011-2015`, `heihe-top-exports-2016`,
 * `heihe-top-imports-2016`), loaded by a first-use hook so that a new store
 * has real data at once. The hook's version is a hash of the seed files: when
 * they change, the next `openStore` replaces the seed sources (and only them).
 *
 * The hook is composed with the reference-data hooks in `first-use.ts`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importWideTable } from './importers/wide.ts';
import type { FirstUseHook, Store } from './store.ts';

export const SEED_DIR = fileURLToPath(new URL('../../data/trade/seed/', import.meta.url));

export const SEED_SOURCE_IDS = [
  'heilongjiang-russia-2008-2018',
  'heihe-foreign-trade-2011-2015',
  'heihe-top-exports-2016',
  'heihe-top-imports-2016',
] as const;

/** The spec files of the seed tables, in load order. */
export function seedSpecFiles(dir: string = SEED_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/** A hash of every file in the seed folder (and of the importer's format version). */
export function seedVersion(dir: string = SEED_DIR): string {
  const h = createHash('sha256').update('wide-importer-1');
  for (const f of readdirSync(dir).sort())
    h.update(f)
      .update('\0')
      .update(readFileSync(join(dir, f)));
  return h.digest('hex').slice(0, 16);
}

/** Loads (or reloads) every seed table into the store. */
export async function loadSeedTables(store: Store, dir: string = SEED_DIR): Promise<string[]> {
  const ids: string[] = [];
  for (const spec of seedSpecFiles(dir)) {
    const r = await importWideTable(store, spec, undefined, { replace: true });
    ids.push(r.sourceId);
  }
  return ids;
}

export const seedTablesHook: FirstUseHook = {
  id: 'amur:seed-tables',
  version: () => seedVersion(),
  run: async (store) => {
    await loadSeedTables(store);
  },
};
