/**
 * Commodity nomenclature of the store (`commodities`): HS 2022 sections,
 * chapters, headings and subheadings with their English labels.
 *
 * The HS 2022 files beside the repository (`../shared/data/trade/hs2022-*.csv`,
 * from datasets/harmonized-system, ODC-PDDL) are not copied into the project:
 * a first-use hook loads them into the store when they are present (the
 * folder is `$AMUR_SHARED_DIR/data/trade`, else `../shared/data/trade` beside
 * the repository). Without them `commodities` stays empty and flows keep the
 * labels their own files carry. `loadHsNomenclature(store, dir)` loads them
 * from any folder with the same two files.
 *
 * Rows: sections as `system 'HS2022', code 'I'…'XXI', level 0`; chapters
 * (level 2), headings (4) and subheadings (6) with `parent` the next level up
 * (a chapter's parent is its section).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvText } from './csv.ts';
import type { FirstUseHook, Store } from './store.ts';

/** Where the shared HS files are looked for. */
export function sharedTradeDir(env: NodeJS.ProcessEnv = process.env): string {
  const shared = env.AMUR_SHARED_DIR ?? fileURLToPath(new URL('../../../shared', import.meta.url));
  return resolve(shared, 'data', 'trade');
}

const FILES = { codes: 'hs2022-harmonized-system.csv', sections: 'hs2022-sections.csv' };

export interface HsRow {
  system: string;
  code: string;
  parent: string | null;
  level: number;
  label_en: string;
}

/** Reads the two HS 2022 files of `dir`. Throws `file:line:field: why` on a bad record. */
export function readHsNomenclature(dir: string): HsRow[] {
  const out: HsRow[] = [];
  const sectionsFile = join(dir, FILES.sections);
  parseCsvText(readFileSync(sectionsFile, 'utf8')).forEach((r, i) => {
    if (!/^[IVX]+$/.test(r.section ?? ''))
      throw new Error(
        `${sectionsFile}:${i + 2}:section: ${JSON.stringify(r.section)}: not a roman numeral I–XXI`,
      );
    out.push({ system: 'HS2022', code: r.section, parent: null, level: 0, label_en: r.name });
  });
  const codesFile = join(dir, FILES.codes);
  parseCsvText(readFileSync(codesFile, 'utf8')).forEach((r, i) => {
    if (r.hscode === 'TOTAL') return;
    const level = Number(r.level);
    if (![2, 4, 6].includes(level) || !/^\d+$/.test(r.hscode) || r.hscode.length !== level)
      throw new Error(
        `${codesFile}:${i + 2}:hscode: ${JSON.stringify(r.hscode)}: not an HS code of the level ${JSON.stringify(r.level)} (2, 4 or 6 digits)`,
      );
    out.push({
      system: 'HS2022',
      code: r.hscode,
      parent: level === 2 ? r.section : r.parent,
      level,
      label_en: r.description,
    });
  });
  return out;
}

/** Replaces the HS 2022 rows of `commodities` with the files of `dir`. Returns the number of rows. */
export async function loadHsNomenclature(store: Store, dir: string): Promise<number> {
  const rows = readHsNomenclature(dir);
  await store.transaction(async (s) => {
    await s.run("DELETE FROM commodities WHERE system = 'HS2022'");
    const a = await s.connection.createAppender('commodities');
    for (const r of rows) {
      a.appendVarchar(r.system);
      a.appendVarchar(r.code);
      if (r.parent === null) a.appendNull();
      else a.appendVarchar(r.parent);
      a.appendInteger(r.level);
      a.appendVarchar(r.label_en);
      a.appendNull();
      a.appendNull();
      a.endRow();
    }
    a.closeSync();
  });
  return rows.length;
}

function present(dir: string): boolean {
  return existsSync(join(dir, FILES.codes)) && existsSync(join(dir, FILES.sections));
}

export const hsNomenclatureHook: FirstUseHook = {
  id: 'amur:hs2022-nomenclature',
  version: () => {
    const dir = sharedTradeDir();
    if (!present(dir)) return 'absent';
    return `${statSync(join(dir, FILES.codes)).size}-${statSync(join(dir, FILES.sections)).size}`;
  },
  run: async (store) => {
    const dir = sharedTradeDir();
    if (present(dir)) await loadHsNomenclature(store, dir);
  },
};
