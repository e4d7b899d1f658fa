/**
 * The gazetteer: finds atlas records by any of their names.
 *
 * `searchAtlas(atlas, text)` ranks places, crossings, zones and corridors
 * (and links, when asked) by how well `text` matches:
 *
 * - the id (`heihe`, `heihe-blagoveshchensk`);
 * - English, Chinese and Russian names and the alternative spellings;
 * - pinyin derived from every Chinese name with `pinyin-pro`, without tones or
 *   spaces, so `Heihe`, `Hei He`, `Hēihé` and `hei1he2` all match 黑河; every
 *   reading of a polyphonic character is indexed (珲春 → huichun, hunchun);
 * - transliterations of every Russian name in the usual systems (BGN/PCGN,
 *   GOST 7.79 B, ISO 9, scholarly, ICAO passport, and two informal press
 *   spellings), so Blagoveshchensk, Blagoveschensk, Blagoveshensk and
 *   Blagovescensk all match Благовещенск;
 * - the UN/LOCODE, with or without its space (`RUVVO`, `RU VVO`);
 * - the parts of a compound name (`Heihe – Blagoveshchensk` → `Heihe`), and
 *   for a crossing the names of its two sides, so `黑河`, `Благовещенск` and
 *   `heihe` all find the crossing `heihe-blagoveshchensk`;
 * - with a typo (Levenshtein distance, `fastest-levenshtein`): `Harbn`.
 *
 * Text is compared folded: Unicode NFKD, diacritics and tone marks removed,
 * lower case, and everything but letters and digits dropped.
 *
 * The index is built once per atlas object (cached in a WeakMap).
 * `resolvePlace(atlas, text)` turns user text into exactly one place, or throws
 * a `GazetteerError` that lists the ranked candidates.
 */
import { createRequire } from 'node:module';
import { distance } from 'fastest-levenshtein';
import { z } from 'zod';
import { AmurError } from '../errors.ts';
import {
  type Atlas,
  type Corridor,
  type Crossing,
  Id,
  type Link,
  type Names,
  type Place,
  type RecordKind,
  type Zone,
} from './schema.ts';

export type SearchKind = Exclude<RecordKind, 'source'>;
export const SEARCH_KINDS: readonly SearchKind[] = ['place', 'crossing', 'zone', 'corridor', 'link'];
/** What `searchAtlas` looks at when no `kinds` are given (links have no names of their own). */
export const DEFAULT_SEARCH_KINDS: readonly SearchKind[] = ['place', 'crossing', 'zone', 'corridor'];

/** How a candidate matched, from the strongest to the weakest. */
export const MatchType = z.enum(['id', 'exact', 'part', 'side', 'prefix', 'tokens', 'substring', 'fuzzy']);
export type MatchType = z.infer<typeof MatchType>;

/**
 * One search result, as `searchAtlas` returns it, `amur atlas search --json`
 * prints it and `GET /api/search` answers it.
 */
export const Candidate = z
  .object({
    id: Id,
    kind: z.enum(SEARCH_KINDS as unknown as [SearchKind, ...SearchKind[]]),
    names: z.object({ en: z.string(), zh: z.string(), ru: z.string() }),
    score: z.number().min(0).max(1).describe('0…1, higher is better; 1 is an exact id'),
    match: MatchType.describe('how it matched, from the strongest (id) to the weakest (fuzzy)'),
    matched: z.string().describe('what matched, e.g. names.ru "Благовещенск" or side blagoveshchensk: …'),
  })
  .describe('A gazetteer candidate');
export type Candidate = z.infer<typeof Candidate>;

export interface SearchOptions {
  /** Record kinds to search (default place, crossing, zone, corridor). */
  kinds?: readonly SearchKind[];
  /** Most candidates returned (default 10). */
  limit?: number;
  /** Candidates scoring lower are dropped (default 0.45). */
  minScore?: number;
}

// ---------------------------------------------------------------- text folding

const UNFOLDABLE: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ð: 'd',
  þ: 'th',
};

/** Folded form used for comparison: NFKD, no diacritics, lower case, letters and digits only. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøđßæœıðþ]/g, (c) => UNFOLDABLE[c] ?? c)
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The words of a text, each folded (empty ones dropped). */
function foldWords(text: string): string[] {
  return text
    .split(/[\s\-–—/,;:()（）、·・_.'’"“”«»]+/u)
    .map(foldText)
    .filter((w) => w.length > 0);
}

const HAN = /\p{Script=Han}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

function isCjk(folded: string): boolean {
  return HAN.test(folded);
}

// ---------------------------------------------------------------- pinyin

const MAX_PINYIN_VARIANTS = 32;

// pinyin-pro (~0.1 s to load) is needed only to build an index, which the
// atlas cache (cache.ts) usually brings ready-made: loaded on first use.
const require = createRequire(import.meta.url);
type PinyinPro = typeof import('pinyin-pro');
let pinyinPro: PinyinPro | undefined;
function pinyin(...args: Parameters<PinyinPro['pinyin']>): ReturnType<PinyinPro['pinyin']> {
  pinyinPro ??= require('pinyin-pro') as PinyinPro;
  return pinyinPro.pinyin(...args);
}

/**
 * Pinyin of the Chinese characters in `text`, folded (no tones, no spaces):
 * first the reading pinyin-pro chooses in context, then the other readings of
 * polyphonic characters (at most 32 combinations). Non-Chinese characters are
 * dropped. Empty when `text` has no Chinese characters.
 */
export function pinyinVariants(text: string): string[] {
  if (!HAN.test(text)) return [];
  const chars = pinyin(text, { toneType: 'none', type: 'all' });
  const zh = chars.filter((c) => c.isZh);
  if (zh.length === 0) return [];
  const primary = zh.map((c) => foldText(c.pinyin)).join('');
  let combos: string[] = [''];
  for (const c of zh) {
    const readings = [...new Set([c.pinyin, ...c.polyphonic].map(foldText).filter((r) => r.length > 0))];
    const next: string[] = [];
    for (const prefix of combos) for (const r of readings) next.push(prefix + r);
    combos = next.slice(0, MAX_PINYIN_VARIANTS);
  }
  return [...new Set([primary, ...combos])].filter((p) => p.length > 0);
}

// ---------------------------------------------------------------- Russian transliteration

/**
 * Romanisation systems for Russian (and the few Kazakh and Mongolian Cyrillic
 * letters found in names of the China–Europe routes). Each maps a lower-case
 * letter to Latin; letters not listed use `COMMON`. Output is folded
 * afterwards, so diacritics of ISO 9 and the scholarly system (ž, š, č, ŝ)
 * become their base letters, as people type them.
 */
const COMMON: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Kazakh and Mongolian letters
  қ: 'k',
  ғ: 'g',
  ң: 'ng',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
  ә: 'a',
  ө: 'o',
};

interface TranslitSystem {
  name: string;
  letters: Record<string, string>;
  /** BGN/PCGN: е, ё → ye, yë at the start of a word and after a vowel, й, ъ or ь. */
  yeRule?: boolean;
  /** Informal English spelling of the adjective ending -ий/-ый as -y (Ussuriysky). */
  adjectiveY?: boolean;
}

export const TRANSLIT_SYSTEMS: readonly TranslitSystem[] = [
  { name: 'BGN/PCGN', letters: { ё: 'ë' }, yeRule: true },
  {
    name: 'GOST 7.79 B',
    letters: { ё: 'yo', й: 'j', х: 'x', ц: 'cz', щ: 'shh', ы: 'y', э: 'e' },
  },
  {
    name: 'ISO 9',
    letters: { ё: 'ë', ж: 'ž', й: 'j', х: 'h', ц: 'c', ч: 'č', ш: 'š', щ: 'ŝ', ю: 'û', я: 'â', э: 'è' },
  },
  {
    name: 'scholarly',
    letters: { ё: 'ë', ж: 'ž', й: 'j', х: 'x', ц: 'c', ч: 'č', ш: 'š', щ: 'šč', ю: 'ju', я: 'ja', э: 'è' },
  },
  { name: 'ICAO passport', letters: { ё: 'e', й: 'i', ъ: 'ie', ю: 'iu', я: 'ia' } },
  { name: 'informal (sch, h)', letters: { ё: 'yo', й: 'i', х: 'h', щ: 'sch' } },
  { name: 'informal (sh, -y)', letters: { ё: 'yo', щ: 'sh' }, adjectiveY: true },
];

const RU_VOWELS = new Set('аеёиоуыэюяіүөұә');

/** Transliterates Cyrillic text with one system (other characters pass through). */
export function transliterate(text: string, system: TranslitSystem): string {
  const lower = text.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i];
    const prev = i > 0 ? lower[i - 1] : ' ';
    const next = lower[i + 1];
    const afterNext = lower[i + 2];
    if (system.adjectiveY && (c === 'и' || c === 'ы') && next === 'й' && !/\p{L}/u.test(afterNext ?? ' ')) {
      out += 'y';
      i++;
      continue;
    }
    if (
      system.yeRule &&
      (c === 'е' || c === 'ё') &&
      (!/\p{L}/u.test(prev) || RU_VOWELS.has(prev) || 'йъь'.includes(prev))
    ) {
      out += c === 'е' ? 'ye' : 'yë';
      continue;
    }
    if (system.name === 'GOST 7.79 B' && c === 'ц' && next && 'еёиыйія'.includes(next)) {
      out += 'c';
      continue;
    }
    const mapped = system.letters[c] ?? COMMON[c];
    out += mapped ?? c;
  }
  return out;
}

/** Folded transliterations of the Cyrillic in `text`, one per distinct result. */
export function translitVariants(text: string): string[] {
  if (!CYRILLIC.test(text)) return [];
  return [...new Set(TRANSLIT_SYSTEMS.map((s) => foldText(transliterate(text, s))))].filter(
    (v) => v.length > 0,
  );
}

// ---------------------------------------------------------------- display names

type Named = { en: string; zh: string; ru: string };

function pickNames(n: Names | Partial<Names> | undefined): Named {
  return { en: n?.en ?? '', zh: n?.zh ?? '', ru: n?.ru ?? '' };
}

/**
 * Names to show for a link, which has none of its own: its two ends joined
 * by a dash in each language, e.g. `Harbin – Suifenhe`, `哈尔滨—绥芬河`.
 */
export function linkNames(atlas: Atlas, link: Link): Named {
  const places = placeMap(atlas);
  const a = places.get(link.from)?.names;
  const b = places.get(link.to)?.names;
  return {
    en: `${a?.en ?? link.from} – ${b?.en ?? link.to}`,
    zh: `${a?.zh ?? link.from}—${b?.zh ?? link.to}`,
    ru: `${a?.ru ?? link.from} — ${b?.ru ?? link.to}`,
  };
}

const placeMaps = new WeakMap<Atlas, Map<string, Place>>();
function placeMap(atlas: Atlas): Map<string, Place> {
  let m = placeMaps.get(atlas);
  if (!m) {
    m = new Map(atlas.places.map((p) => [p.id, p]));
    placeMaps.set(atlas, m);
  }
  return m;
}

// ---------------------------------------------------------------- index

interface Key {
  /** Folded text compared with the query. */
  text: string;
  /** What it is, for `matched`: `names.ru "Благовещенск"`. */
  label: string;
  /** Multiplies the match score: 1 for an id, 0.95 for a name, lower for derived and indirect keys. */
  weight: number;
  /** The kind of key: an exact hit on it counts as this match type. */
  type: 'id' | 'exact' | 'part' | 'side';
  /** A reading other than the one pinyin-pro chooses in context (hanbu for 汉堡): no typo is measured against it. */
  alternate?: boolean;
}

interface Entry {
  id: string;
  kind: SearchKind;
  names: Named;
  keys: Key[];
  /** Folded words of every name, for multi-word queries. */
  words: Set<string>;
}

interface Index {
  entries: Entry[];
}

const W_ID = 1;
const W_NAME = 0.95;
const W_DERIVED = 0.93;
const W_DERIVED_ALT = 0.9;
const W_PART = 0.85;
const W_SIDE = 0.82;
const W_LINE = 0.7;

const NAME_FIELDS = ['en', 'zh', 'ru'] as const;

/** Keys for one name string: itself, its pinyin or transliterations, and its parts when compound. */
function nameKeys(text: string, field: string, weight: number, type: Key['type'], out: Key[]): void {
  const folded = foldText(text);
  if (!folded) return;
  const shown = `${field} "${text}"`;
  out.push({ text: folded, label: shown, weight, type });
  const derivedWeight = type === 'exact' ? W_DERIVED : weight * 0.98;
  pinyinVariants(text).forEach((p, i) => {
    out.push({
      text: p,
      label: `${shown} (pinyin ${p})`,
      weight: i === 0 ? derivedWeight : Math.min(derivedWeight, W_DERIVED_ALT),
      type,
      ...(i === 0 ? {} : { alternate: true }),
    });
  });
  for (const t of translitVariants(text))
    out.push({ text: t, label: `${shown} (romanised ${t})`, weight: derivedWeight, type });
  if (type === 'exact') {
    const parts = text.split(/\s*[–—/,;()（）、·・]\s*|\s+-\s+|\s+/u).filter((p) => foldText(p).length >= 2);
    // A part of a short name ("Heihe – Blagoveshchensk") weighs a little more than one of a long name.
    const partWeight = Math.max(W_PART - 0.005 * (parts.length - 2), W_PART - 0.04);
    if (parts.length > 1) for (const part of parts) nameKeys(part, `${field} part`, partWeight, 'part', out);
  }
}

function namesKeys(names: Partial<Names>, prefix: string, weight: number, type: Key['type'], out: Key[]) {
  for (const f of NAME_FIELDS) {
    const v = names[f];
    if (v) nameKeys(v, `${prefix}names.${f}`, weight, type, out);
  }
  names.alt?.forEach((a, i) => {
    nameKeys(a, `${prefix}names.alt[${i}]`, weight, type, out);
  });
}

function wordsOf(keys: Key[], names: Partial<Names>): Set<string> {
  const words = new Set<string>();
  for (const f of NAME_FIELDS) for (const w of foldWords(names[f] ?? '')) words.add(w);
  for (const a of names.alt ?? []) for (const w of foldWords(a)) words.add(w);
  for (const k of keys) if (k.type !== 'side') words.add(k.text);
  return words;
}

function placeKeys(p: Place, out: Key[], prefix = '', weight = W_NAME, type: Key['type'] = 'exact') {
  namesKeys(p.names, prefix, weight, type, out);
  if (p.unlocode)
    out.push({ text: foldText(p.unlocode), label: `${prefix}unlocode ${p.unlocode}`, weight, type });
}

function buildIndex(atlas: Atlas): Index {
  const places = placeMap(atlas);
  const entries: Entry[] = [];
  const add = (id: string, kind: SearchKind, names: Named, keys: Key[], own: Partial<Names>) => {
    keys.unshift({ text: foldText(id), label: `id ${id}`, weight: W_ID, type: 'id' });
    entries.push({ id, kind, names, keys, words: wordsOf(keys, own) });
  };
  for (const p of atlas.places) {
    const keys: Key[] = [];
    placeKeys(p, keys);
    add(p.id, 'place', pickNames(p.names), keys, p.names);
  }
  for (const c of atlas.crossings as Crossing[]) {
    const keys: Key[] = [];
    namesKeys(c.names, '', W_NAME, 'exact', keys);
    for (const s of c.services) if (s.names) namesKeys(s.names, `service ${s.id}: `, W_PART, 'part', keys);
    for (const sideId of c.sides) {
      const side = places.get(sideId);
      keys.push({ text: foldText(sideId), label: `side ${sideId}`, weight: W_SIDE, type: 'side' });
      if (side) placeKeys(side, keys, `side ${sideId}: `, W_SIDE, 'side');
    }
    add(c.id, 'crossing', pickNames(c.names), keys, c.names);
  }
  for (const z of atlas.zones as Zone[]) {
    const keys: Key[] = [];
    namesKeys(z.names, '', W_NAME, 'exact', keys);
    add(z.id, 'zone', pickNames(z.names), keys, z.names);
  }
  for (const c of atlas.corridors as Corridor[]) {
    const keys: Key[] = [];
    namesKeys(c.names, '', W_NAME, 'exact', keys);
    add(c.id, 'corridor', pickNames(c.names), keys, c.names);
  }
  for (const l of atlas.links) {
    const keys: Key[] = [];
    if (l.line) namesKeys(l.line, 'line.', W_LINE, 'part', keys);
    add(l.id, 'link', linkNames(atlas, l), keys, l.line ?? {});
  }
  return { entries };
}

const indexes = new WeakMap<Atlas, Index>();

function indexOf(atlas: Atlas): Index {
  let idx = indexes.get(atlas);
  if (!idx) {
    idx = buildIndex(atlas);
    indexes.set(atlas, idx);
  }
  return idx;
}

/** The search index of an atlas: plain data, built once per atlas object (the atlas cache stores it). */
export type GazetteerIndex = Index;

/** The search index of `atlas` (built now unless it was built or adopted before). */
export function gazetteerIndex(atlas: Atlas): GazetteerIndex {
  return indexOf(atlas);
}

/** Uses `index` — built by `gazetteerIndex` from an atlas equal to this one — for `atlas` from now on. */
export function adoptGazetteerIndex(atlas: Atlas, index: GazetteerIndex): void {
  indexes.set(atlas, index);
}

// ---------------------------------------------------------------- matching

/** Edits tolerated for a query of this length (none for short or Chinese text). */
function allowedEdits(q: string): number {
  if (isCjk(q)) return 0;
  if (q.length >= 12) return 3;
  if (q.length >= 8) return 2;
  if (q.length >= 5) return 1;
  return 0;
}

function minFragment(q: string): number {
  return isCjk(q) ? 2 : 3;
}

interface Hit {
  score: number;
  match: MatchType;
  key: Key;
}

/** Score of one folded query against one key, before the key's weight. */
function matchKey(q: string, key: Key): { score: number; match: MatchType } | undefined {
  const k = key.text;
  if (q === k) return { score: 1, match: key.type };
  const ratio = q.length / k.length;
  if (q.length >= minFragment(q) && k.startsWith(q)) return { score: 0.6 + 0.3 * ratio, match: 'prefix' };
  const edits = allowedEdits(q);
  if (edits > 0 && Math.abs(k.length - q.length) <= edits) {
    const d = distance(q, k);
    if (d <= edits) return { score: 0.8 * (1 - d / Math.max(q.length, k.length)), match: 'fuzzy' };
  }
  if (q.length >= minFragment(q) && k.includes(q)) return { score: 0.45 + 0.3 * ratio, match: 'substring' };
  return undefined;
}

function bestHit(queries: string[], entry: Entry): Hit | undefined {
  let best: Hit | undefined;
  for (const q of queries) {
    for (const key of entry.keys) {
      const m = matchKey(q, key);
      if (!m) continue;
      const score = m.score * key.weight;
      if (!best || score > best.score) best = { score, match: m.match, key };
    }
  }
  return best;
}

/** Every query word must match a word or key of the entry; the score is their mean, scaled. */
function tokensHit(words: string[], entry: Entry): Hit | undefined {
  if (words.length < 2) return undefined;
  let sum = 0;
  for (const w of words) {
    let best = 0;
    for (const ew of entry.words) {
      if (w === ew) best = 1;
      else if (w.length >= minFragment(w) && ew.startsWith(w))
        best = Math.max(best, 0.6 + 0.3 * (w.length / ew.length));
      else {
        const edits = allowedEdits(w);
        if (edits > 0 && Math.abs(ew.length - w.length) <= edits && distance(w, ew) <= edits)
          best = Math.max(best, 0.8 * (1 - distance(w, ew) / Math.max(w.length, ew.length)));
      }
      if (best === 1) break;
    }
    if (best === 0) return undefined;
    sum += best;
  }
  return {
    score: 0.85 * (sum / words.length),
    match: 'tokens',
    key: { text: words.join(' '), label: `words ${words.join(', ')}`, weight: 1, type: 'exact' },
  };
}

/** The folded forms of a query: as typed, and without pinyin tone numbers (`hei1he2` → `heihe`). */
function queryForms(text: string): string[] {
  const folded = foldText(text);
  const forms = [folded];
  if (/^[a-zü]+[1-5](?:[a-zü]+[1-5]?)*$/iu.test(text.replace(/\s+/g, ''))) {
    forms.push(foldText(text.replace(/(?<=\p{L})[1-5]/gu, '')));
  }
  return [...new Set(forms)].filter((f) => f.length > 0);
}

const KIND_RANK: Record<SearchKind, number> = { place: 0, crossing: 1, zone: 2, corridor: 3, link: 4 };

/**
 * Ranked candidates for `text` among the atlas records of `opts.kinds`:
 * best score first, then places before crossings, zones, corridors, links,
 * then by id.
 */
export function searchAtlas(atlas: Atlas, text: string, opts: SearchOptions = {}): Candidate[] {
  const kinds = new Set(opts.kinds ?? DEFAULT_SEARCH_KINDS);
  const limit = opts.limit ?? 10;
  const minScore = opts.minScore ?? 0.45;
  const forms = queryForms(text);
  if (forms.length === 0) return [];
  const words = text.split(/\s+/).length > 1 ? foldWords(text) : [];
  const out: Candidate[] = [];
  for (const entry of indexOf(atlas).entries) {
    if (!kinds.has(entry.kind)) continue;
    let hit = bestHit(forms, entry);
    const t = tokensHit(words, entry);
    if (t && (!hit || t.score > hit.score)) hit = t;
    if (!hit || hit.score < minScore) continue;
    out.push({
      id: entry.id,
      kind: entry.kind,
      names: entry.names,
      score: Math.round(hit.score * 1000) / 1000,
      match: hit.match,
      matched: hit.key.label,
    });
  }
  out.sort((a, b) => b.score - a.score || KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.id.localeCompare(b.id));
  return out.slice(0, limit);
}

// ---------------------------------------------------------------- resolving one place

/** `heihe (Heihe 黑河 Хэйхэ)` */
export function describeCandidate(c: Pick<Candidate, 'id' | 'names'>): string {
  return `${c.id} (${[c.names.en, c.names.zh, c.names.ru].filter(Boolean).join(' ')})`;
}

/** Raised when user text names no place, or more than one. */
export class GazetteerError extends AmurError {
  constructor(
    readonly query: string,
    readonly reason: 'unknown' | 'ambiguous',
    readonly candidates: Candidate[],
    what = 'place',
  ) {
    const list = candidates.map(describeCandidate).join(', ');
    super(
      'input',
      reason === 'ambiguous'
        ? `ambiguous ${what} "${query}": did you mean ${list}?`
        : candidates.length > 0
          ? `unknown ${what} "${query}"; did you mean: ${list}? (give an id, or a name in English, Chinese or Russian, pinyin, a transliteration or a UN/LOCODE)`
          : `unknown ${what} "${query}" (give an id, or a name in English, Chinese or Russian, pinyin, a transliteration or a UN/LOCODE)`,
      candidates.length > 0 ? { valid: candidates.map(describeCandidate) } : {},
    );
    this.name = 'GazetteerError';
  }
}

/** Score of a `tokens` match whose every word is exactly a word of the record's names (0.85 × 1). */
const TOKENS_ALL_EXACT = 0.85 - 1e-9;

/** Most edits a typo-level match may have to be accepted without asking: 1, or 2 from 10 characters on. */
export function acceptedTypoEdits(folded: string): number {
  if (isCjk(folded) || folded.length < 5) return 0;
  return folded.length >= 10 ? 2 : 1;
}

/**
 * How a text was resolved: the record, and whether it was certain (an id, an
 * exact name in any script, pinyin, a transliteration, a UN/LOCODE) or a
 * typo-level match, in which case `note` says what it matched
 * (`"Harbn" → Harbin (harbin): 1 edit from names.en "Harbin"`).
 */
export interface Resolution<T> {
  record: T;
  query: string;
  match: MatchType;
  /** What matched, e.g. `names.ru "Благовещенск"`. */
  matched: string;
  /** Set when the match was not exact: the line to show the user. */
  note?: string;
}

/**
 * Resolves user text to exactly one place, and only when certain:
 *
 * 1. an exact id;
 * 2. an exact name in any script, its pinyin or transliteration, or its
 *    UN/LOCODE, held by exactly one place (held by several: an error listing
 *    them);
 * 3. one word of a compound name (`Luobei` for "Luobei (Mingshan port)")
 *    when no other place has that word, or several words that are all words
 *    of the names of one place only;
 * 4. a typo-level match (`Harbn`): at most 1 edit (2 from 10 characters on)
 *    from a name of exactly one place, with no other place within one more
 *    edit. The resolution's `note` says what it matched.
 *
 * A prefix, a substring, or a typo that is close to more than one place never
 * resolves: it throws a `GazetteerError` with the ranked candidates
 * (`unknown place "Chongqing"; did you mean: …`).
 */
export function resolvePlaceMatch(atlas: Atlas, text: string): Resolution<Place> {
  return resolveRecord(atlas, text, 'place') as Resolution<Place>;
}

/** The place `text` names, with certainty (see `resolvePlaceMatch`); throws a `GazetteerError` otherwise. */
export function resolvePlace(atlas: Atlas, text: string): Place {
  return resolvePlaceMatch(atlas, text).record;
}

/** Like `resolvePlace`, for a crossing. */
export function resolveCrossing(atlas: Atlas, text: string): Crossing {
  return resolveRecord(atlas, text, 'crossing').record as Crossing;
}

/** Least edit distance from any query form to a key of the entry that is a name (not a side or a line). */
function nameEdits(forms: string[], entry: Entry, cap: number): { edits: number; key?: Key } {
  // keys further than `cap` edits do not matter: their length alone rules most of them out
  let best: { edits: number; key?: Key } = { edits: cap + 1 };
  for (const q of forms) {
    for (const key of entry.keys) {
      if ((key.type !== 'exact' && key.type !== 'id') || key.alternate) continue;
      if (Math.abs(key.text.length - q.length) > Math.min(best.edits, cap)) continue;
      const d = distance(q, key.text);
      // On a tie, name the name rather than the id.
      if (d < best.edits || (d === best.edits && best.key?.type === 'id')) best = { edits: d, key };
    }
  }
  return best;
}

function resolveRecord(atlas: Atlas, text: string, kind: 'place' | 'crossing'): Resolution<Place | Crossing> {
  const list: (Place | Crossing)[] = kind === 'place' ? atlas.places : atlas.crossings;
  const get = (id: string) => list.find((r) => r.id === id)!;
  const byId = list.find((r) => r.id === text.trim());
  if (byId) return { record: byId, query: text, match: 'id', matched: `id ${byId.id}` };
  const candidates = searchAtlas(atlas, text, { kinds: [kind], limit: 8 });
  const nearest = () =>
    candidates.length > 0
      ? candidates.slice(0, 6)
      : searchAtlas(atlas, text, { kinds: [kind], limit: 5, minScore: 0.3 });

  const exact = candidates.filter((c) => c.match === 'id' || c.match === 'exact');
  if (exact.length === 1)
    return { record: get(exact[0].id), query: text, match: exact[0].match, matched: exact[0].matched };
  if (exact.length > 1) throw new GazetteerError(text, 'ambiguous', exact, kind);

  const parts = candidates.filter((c) => c.match === 'part');
  if (parts.length === 1) {
    const c = parts[0];
    return {
      record: get(c.id),
      query: text,
      match: 'part',
      matched: c.matched,
      note: `"${text}" → ${describeCandidate(c)}: a word of its ${c.matched}`,
    };
  }
  if (parts.length > 1) throw new GazetteerError(text, 'ambiguous', parts, kind);

  // Every word of a multi-word query is a word of the names of exactly one record ("Tongjiang railway bridge").
  const allWords = candidates.filter((c) => c.match === 'tokens' && c.score >= TOKENS_ALL_EXACT);
  if (allWords.length === 1) {
    const c = allWords[0];
    return {
      record: get(c.id),
      query: text,
      match: 'tokens',
      matched: c.matched,
      note: `"${text}" → ${describeCandidate(c)}: every word is a word of its names`,
    };
  }
  if (allWords.length > 1) throw new GazetteerError(text, 'ambiguous', allWords, kind);

  // Typo-level: close to exactly one record's name, and no other record nearly as close.
  const forms = queryForms(text);
  const limit = Math.max(0, ...forms.map(acceptedTypoEdits));
  if (limit > 0) {
    const scored = indexOf(atlas)
      .entries.filter((e) => e.kind === kind)
      .map((e) => ({ entry: e, ...nameEdits(forms, e, limit + 1) }))
      .filter((x) => x.edits <= limit + 1)
      .sort((a, b) => a.edits - b.edits);
    const [first, second] = scored;
    if (first && first.edits <= limit && (!second || second.edits >= first.edits + 2)) {
      const c = { id: first.entry.id, names: first.entry.names };
      const label = first.key?.label ?? `id ${first.entry.id}`;
      return {
        record: get(first.entry.id),
        query: text,
        match: 'fuzzy',
        matched: label,
        note: `"${text}" → ${describeCandidate(c)}: ${first.edits} edit${first.edits === 1 ? '' : 's'} from ${label}`,
      };
    }
  }
  throw new GazetteerError(text, 'unknown', nearest(), kind);
}
