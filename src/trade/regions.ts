/**
 * Places and regions of the trade store: countries (ISO 3166-1, from the
 * `i18n-iso-countries` package, names in en/zh/ru), Chinese provinces and
 * Russian federal subjects (ISO 3166-2), the corridor's border cities and
 * ports, and Comtrade's numeric area codes (France 251, Italy 381, USA 842,
 * former countries, "areas not specified"). Data files: `data/trade/regions/`
 * (see its SOURCES.md).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import ru from 'i18n-iso-countries/langs/ru.json' with { type: 'json' };
import zh from 'i18n-iso-countries/langs/zh.json' with { type: 'json' };
import { z } from 'zod';
import { csvRecordError, parseCsvRows, parseCsvText } from './csv.ts';
import type { FirstUseHook, Store } from './store.ts';

export const REGIONS_DIR = fileURLToPath(new URL('../../data/trade/regions/', import.meta.url));

countries.registerLocale(en);
countries.registerLocale(zh);
countries.registerLocale(ru);

export const RegionLevel = z.enum(['world', 'country', 'province', 'city', 'port', 'group']);
export type RegionLevel = z.infer<typeof RegionLevel>;

export const Region = z.object({
  code: z.string().min(2),
  level: RegionLevel,
  name_en: z.string().nullable(),
  name_zh: z.string().nullable(),
  name_ru: z.string().nullable(),
  iso2: z.string().nullable(),
  iso3: z.string().nullable(),
  m49: z.number().int().nullable(),
  parent: z.string().nullable(),
  source: z.string(),
});
export type Region = z.infer<typeof Region>;

const SubdivisionRow = z.object({
  code: z
    .string()
    .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}(-[A-Z0-9]+)?$/, 'an ISO 3166-2 code like CN-HL, or CN-HL-HEIHE'),
  level: RegionLevel,
  parent: z.string().min(2),
  name_en: z.string().min(1),
  name_zh: z.string().min(1),
  name_ru: z.string().min(1),
});

export const AreaCode = z.object({
  numeric_code: z.coerce.number().int().min(0).max(999),
  code: z.string().min(2),
  level: RegionLevel,
  name_en: z.string().min(1),
  note: z.string(),
});
export type AreaCode = z.infer<typeof AreaCode>;

/** Countries from ISO 3166-1 (i18n-iso-countries), plus the world. */
export function countryRegions(dir: string = REGIONS_DIR): Region[] {
  const out: Region[] = [
    {
      code: 'WLD',
      level: 'world',
      name_en: 'World',
      name_zh: '世界',
      name_ru: 'Мир',
      iso2: null,
      iso3: null,
      m49: 1,
      parent: null,
      source: 'M49',
    },
  ];
  const overrides = new Map(readCsvFile(join(dir, 'country-names.csv')).map((r) => [r.code, r] as const));
  for (const [alpha2, alpha3] of Object.entries(countries.getAlpha2Codes())) {
    const numeric = countries.alpha3ToNumeric(alpha3);
    const o = overrides.get(alpha3);
    out.push({
      code: alpha3,
      level: 'country',
      name_en: o?.name_en || (countries.getName(alpha3, 'en', { select: 'alias' }) ?? null),
      name_zh: o?.name_zh || (countries.getName(alpha3, 'zh', { select: 'official' }) ?? null),
      name_ru: o?.name_ru || (countries.getName(alpha3, 'ru', { select: 'alias' }) ?? null),
      iso2: alpha2,
      iso3: alpha3,
      m49: numeric ? Number(numeric) : null,
      parent: 'WLD',
      source: 'ISO 3166-1 via i18n-iso-countries',
    });
  }
  return out;
}

function readCsvFile(file: string): Record<string, string>[] {
  return parseCsvText(readFileSync(file, 'utf8'));
}

/** Provinces, federal subjects, cities and ports from `data/trade/regions/`. */
export function subdivisionRegions(dir: string = REGIONS_DIR): Region[] {
  const out: Region[] = [];
  for (const name of ['subdivisions.csv', 'cities.csv']) {
    const file = join(dir, name);
    parseCsvRows(readFileSync(file, 'utf8')).forEach((row) => {
      const r = SubdivisionRow.safeParse(row.fields);
      if (!r.success) throw csvRecordError(file, row, r.error.issues);
      out.push({
        code: r.data.code,
        level: r.data.level,
        name_en: r.data.name_en,
        name_zh: r.data.name_zh,
        name_ru: r.data.name_ru,
        iso2: null,
        iso3: null,
        m49: null,
        parent: r.data.parent,
        source: name === 'subdivisions.csv' ? 'ISO 3166-2' : 'Amur',
      });
    });
  }
  return out;
}

/** Comtrade's numeric codes that are not a current country's ISO numeric code. */
export function comtradeSpecialAreas(dir: string = REGIONS_DIR): AreaCode[] {
  const file = join(dir, 'comtrade-areas.csv');
  return parseCsvRows(readFileSync(file, 'utf8')).map((row) => {
    const r = AreaCode.safeParse(row.fields);
    if (!r.success) throw csvRecordError(file, row, r.error.issues);
    return r.data;
  });
}

/**
 * The full Comtrade/BACI numeric → region code table: every ISO 3166-1
 * numeric code of a current country, overridden by Comtrade's own codes.
 */
export function comtradeAreaCodes(dir: string = REGIONS_DIR): AreaCode[] {
  const byCode = new Map<number, AreaCode>();
  for (const [alpha3, numeric] of Object.entries(countries.getAlpha3Codes()).map(
    ([a3]) => [a3, countries.alpha3ToNumeric(a3)] as const,
  )) {
    if (!numeric) continue;
    byCode.set(Number(numeric), {
      numeric_code: Number(numeric),
      code: alpha3,
      level: 'country',
      name_en: countries.getName(alpha3, 'en') ?? alpha3,
      note: 'ISO 3166-1 numeric',
    });
  }
  for (const a of comtradeSpecialAreas(dir)) byCode.set(a.numeric_code, a);
  return [...byCode.values()].sort((a, b) => a.numeric_code - b.numeric_code);
}

/** Every region: world, countries, the special Comtrade areas, subdivisions, cities. */
export function allRegions(dir: string = REGIONS_DIR): Region[] {
  const out = countryRegions(dir);
  const known = new Set(out.map((r) => r.code));
  for (const a of comtradeSpecialAreas(dir)) {
    if (known.has(a.code)) continue;
    known.add(a.code);
    out.push({
      code: a.code,
      level: a.level,
      name_en: a.name_en,
      name_zh: null,
      name_ru: null,
      iso2: null,
      iso3: /^[A-Z]{3}$/.test(a.code) ? a.code : null,
      m49: a.numeric_code,
      parent: a.level === 'group' ? 'WLD' : null,
      source: 'UN Comtrade reference tables',
    });
  }
  for (const r of subdivisionRegions(dir)) {
    if (known.has(r.code)) throw new Error(`${dir}: region code ${r.code} is listed twice`);
    known.add(r.code);
    out.push(r);
  }
  return out;
}

function regionsVersion(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(REGIONS_DIR).sort()) h.update(f).update(readFileSync(join(REGIONS_DIR, f)));
  h.update(JSON.stringify(countries.getAlpha3Codes()));
  return h.digest('hex').slice(0, 16);
}

/** Replaces the `regions` and `area_codes` tables with the shipped data. */
export async function loadRegions(store: Store, dir: string = REGIONS_DIR): Promise<number> {
  const regions = allRegions(dir);
  const areas = comtradeAreaCodes(dir);
  await store.transaction(async (s) => {
    await s.run('DELETE FROM regions');
    await s.run('DELETE FROM area_codes');
    const ra = await s.connection.createAppender('regions');
    for (const r of regions) {
      ra.appendVarchar(r.code);
      ra.appendVarchar(r.level);
      for (const v of [r.name_en, r.name_zh, r.name_ru, r.iso2, r.iso3]) {
        if (v === null) ra.appendNull();
        else ra.appendVarchar(v);
      }
      if (r.m49 === null) ra.appendNull();
      else ra.appendInteger(r.m49);
      if (r.parent === null) ra.appendNull();
      else ra.appendVarchar(r.parent);
      ra.appendVarchar(r.source);
      ra.endRow();
    }
    ra.closeSync();
    const aa = await s.connection.createAppender('area_codes');
    for (const a of areas) {
      aa.appendVarchar('comtrade');
      aa.appendInteger(a.numeric_code);
      aa.appendVarchar(a.code);
      aa.appendVarchar(a.level);
      aa.appendVarchar(a.note);
      aa.endRow();
    }
    aa.closeSync();
    await s.run('DELETE FROM region_names');
    // One code per key: countries before provinces before cities and groups, then by code.
    await s.run(`INSERT INTO region_names
      SELECT key, arg_min(code, rank) FROM (
        SELECT k AS key, code, (CASE level WHEN 'world' THEN 0 WHEN 'country' THEN 1 WHEN 'province' THEN 2
                                 WHEN 'city' THEN 3 WHEN 'port' THEN 4 ELSE 5 END) * 1000 + src AS rank
        FROM (
          SELECT lower(code) AS k, code, level, 0 AS src FROM regions
          UNION ALL SELECT lower(name_en), code, level, 1 FROM regions WHERE name_en IS NOT NULL
          UNION ALL SELECT name_zh, code, level, 2 FROM regions WHERE name_zh IS NOT NULL
          UNION ALL SELECT lower(name_ru), code, level, 3 FROM regions WHERE name_ru IS NOT NULL
          UNION ALL SELECT regexp_replace(name_zh, '(省|市|县)$', ''), code, level, 4 FROM regions
            WHERE level IN ('province', 'city') AND regexp_matches(name_zh, '(省|市|县)$')
        ) WHERE k IS NOT NULL AND k <> ''
      ) GROUP BY key`);
  });
  return regions.length;
}

export const regionsHook: FirstUseHook = {
  id: 'amur:regions',
  version: regionsVersion,
  run: async (store) => {
    await loadRegions(store);
  },
};

/**
 * Resolves what a user typed (a code like `CHN`, `cn-hl`, `842` or a name in
 * English, Chinese or Russian) to a region code. Returns null when nothing matches.
 */
export async function resolveRegionCode(store: Store, text: string): Promise<string | null> {
  const t = text.trim();
  if (t === '') return null;
  const rows = await store.query<{ code: string }>(
    `SELECT code FROM (
       SELECT code, 0 AS o FROM region_names WHERE key = lower($1)
       UNION ALL SELECT code, 1 FROM regions WHERE iso2 = upper($1)
       UNION ALL SELECT code, 2 FROM area_codes WHERE scheme = 'comtrade' AND CAST(numeric_code AS VARCHAR) = $1
     ) ORDER BY o LIMIT 1`,
    [t],
  );
  return rows[0]?.code ?? null;
}
