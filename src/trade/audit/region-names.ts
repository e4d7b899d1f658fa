/**
 * The names of the regions an audit's findings name by code (CN-HL, RUS,
 * CN-HL-HEIHE), in English, Chinese and Russian, from the store's `regions`
 * table; and the findings' English messages said again with them. A code the
 * store does not name (an atlas place, a group) stays a code.
 */
import type { Store } from '../store.ts';
import type { RegionNames } from './evidence-texts.ts';
import type { Finding } from './findings.ts';
import { findingText } from './texts.ts';

/** Every string anywhere in a finding's params, clauses and details (the candidates for a region code). */
function stringsOf(v: unknown, out: Set<string>): void {
  if (typeof v === 'string') out.add(v);
  else if (Array.isArray(v)) for (const x of v) stringsOf(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) stringsOf(x, out);
}

export async function regionNamesOf(store: Store, findings: Finding[]): Promise<RegionNames> {
  const strings = new Set<string>();
  for (const f of findings) stringsOf([f.params, f.clauses, f.details], strings);
  const codes = [...strings].filter((s) => /^[A-Z][A-Z0-9-]*$/.test(s));
  if (!codes.length) return {};
  const rows = await store.query<{
    code: string;
    name_en: string | null;
    name_zh: string | null;
    name_ru: string | null;
  }>(
    'SELECT code, name_en, name_zh, name_ru FROM regions WHERE code IN (SELECT unnest($1::VARCHAR[])) ORDER BY code',
    [codes] as unknown as unknown[],
  );
  const names: RegionNames = {};
  for (const r of rows) {
    const n = { en: r.name_en ?? undefined, zh: r.name_zh ?? undefined, ru: r.name_ru ?? undefined };
    if (n.en || n.zh || n.ru) names[r.code] = n;
  }
  return names;
}

/** The findings with their English messages (and their details') said with the regions' names. */
export function namedMessages(findings: Finding[], names: RegionNames): Finding[] {
  const en = <
    T extends {
      code?: Finding['code'];
      params?: Finding['params'];
      clauses?: Finding['clauses'];
      message: string;
    },
  >(
    f: T,
  ): T =>
    f.code ? { ...f, message: findingText({ ...f, code: f.code, params: f.params ?? {} }, 'en', names) } : f;
  return findings.map((f) => ({ ...en(f), ...(f.details ? { details: f.details.map(en) } : {}) }));
}
