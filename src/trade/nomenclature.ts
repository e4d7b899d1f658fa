/**
 * Commodity nomenclature of the store (`commodities`): HS 2022 sections,
 * chapters and headings with their English labels, shipped with the product
 * in `data/trade/nomenclature/` (derived from datasets/harmonized-system,
 * ODC-PDDL-1.0, by `scripts/build-hs-nomenclature.ts`; see the SOURCES.md
 * there) and loaded by a first-use hook. The six-digit subheadings are not
 * shipped: `loadHsNomenclature(store, dir)` loads the full files
 * (`hs2022-harmonized-system.csv`, `hs2022-sections.csv` of that repository)
 * from any folder a user has them in.
 *
 * Rows: sections as `system 'HS2022', code 'I'…'XXI', level 0`; chapters
 * (level 2), headings (4) and subheadings (6) with `parent` the next level up
 * (a chapter's parent is its section).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRows } from './csv.ts';
import type { FirstUseHook, Store } from './store.ts';

/** The shipped nomenclature. */
export const NOMENCLATURE_DIR = fileURLToPath(new URL('../../data/trade/nomenclature/', import.meta.url));
export const NOMENCLATURE_FILE = 'hs2022-chapters-headings.csv';

/** Where the shipped file comes from (recorded in its SOURCES.md by the build script). */
export const HS_SOURCE = {
  repo: 'datasets/harmonized-system',
  codes: 'data/harmonized-system.csv',
  sections: 'data/sections.csv',
  commit: '905e5a0fa29f5700d62cb3cc1265f21bc8a92329',
  licence: 'ODC-PDDL-1.0 (public domain)',
};

const FILES = { codes: 'hs2022-harmonized-system.csv', sections: 'hs2022-sections.csv' };

export interface HsRow {
  system: string;
  code: string;
  parent: string | null;
  level: number;
  label_en: string;
}

/** Reads the two files of datasets/harmonized-system in `dir`. Throws `file:line:field: why` on a bad record. */
export function readHsNomenclature(dir: string): HsRow[] {
  const out: HsRow[] = [];
  const sectionsFile = join(dir, FILES.sections);
  for (const { line, fields: r } of parseCsvRows(readFileSync(sectionsFile, 'utf8'))) {
    if (!/^[IVX]+$/.test(r.section ?? ''))
      throw new Error(
        `${sectionsFile}:${line}:section: ${JSON.stringify(r.section)}: not a roman numeral I–XXI`,
      );
    out.push({ system: 'HS2022', code: r.section, parent: null, level: 0, label_en: r.name });
  }
  const codesFile = join(dir, FILES.codes);
  for (const { line, fields: r } of parseCsvRows(readFileSync(codesFile, 'utf8'))) {
    if (r.hscode === 'TOTAL') continue;
    const level = Number(r.level);
    if (![2, 4, 6].includes(level) || !/^\d+$/.test(r.hscode) || r.hscode.length !== level)
      throw new Error(
        `${codesFile}:${line}:hscode: ${JSON.stringify(r.hscode)}: not an HS code of the level ${JSON.stringify(r.level)} (2, 4 or 6 digits)`,
      );
    out.push({
      system: 'HS2022',
      code: r.hscode,
      parent: level === 2 ? r.section : r.parent,
      level,
      label_en: r.description,
    });
  }
  return out;
}

/** Reads the shipped nomenclature (sections, chapters, headings). */
export function readShippedNomenclature(file: string = join(NOMENCLATURE_DIR, NOMENCLATURE_FILE)): HsRow[] {
  return parseCsvRows(readFileSync(file, 'utf8')).map(({ line, fields: r }) => {
    const level = Number(r.level);
    if (![0, 2, 4].includes(level) || !r.code || !r.label_en)
      throw new Error(
        `${file}:${line}: ${JSON.stringify(r.code)}: a row needs code, level 0/2/4 and label_en`,
      );
    return { system: r.system, code: r.code, parent: r.parent || null, level, label_en: r.label_en };
  });
}

/** Replaces the HS 2022 rows of `commodities` with `rows`. Returns the number of rows. */
export async function writeNomenclature(store: Store, rows: HsRow[]): Promise<number> {
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

/** Replaces the HS 2022 rows of `commodities` with the full files of `dir` (subheadings included). */
export async function loadHsNomenclature(store: Store, dir: string): Promise<number> {
  return writeNomenclature(store, readHsNomenclature(dir));
}

export const hsNomenclatureHook: FirstUseHook = {
  id: 'amur:hs2022-nomenclature',
  version: () =>
    `shipped-${createHash('sha256')
      .update(readFileSync(join(NOMENCLATURE_DIR, NOMENCLATURE_FILE)))
      .digest('hex')
      .slice(0, 16)}`,
  run: async (store) => {
    await writeNomenclature(store, readShippedNomenclature());
  },
};
