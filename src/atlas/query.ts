/**
 * Listing and showing atlas records: the one implementation behind
 * `amur atlas list|show --json` and the API's `GET /api/atlas/{kind}` and
 * `GET /api/atlas/{kind}/{id}`, so both speak the same JSON.
 *
 * - `listRecords(atlas, { kind?, country?, mode? })` → `ListedRecord[]`: each
 *   record as it is in the atlas, plus `kind` (the record kind; a zone's,
 *   corridor's or source's own kind moves to `zoneKind`, `corridorKind`,
 *   `sourceKind`), `names {en, zh, ru}` always (a link takes its ends' names,
 *   a source its title), and for crossings and links `countries` (of the sides
 *   or ends), for crossings `modes`.
 * - `showRecord(atlas, id, { kind?, byName?, origins? })` → `ShownRecord`: the
 *   listed record with `sources` resolved to source records (every source cited
 *   anywhere in it, its own first) and `sourceIds` keeping its own ids; a
 *   crossing adds `sidePlaces`, a link `endPlaces`, a corridor `linkRecords`
 *   and `crossingRecords`, a place `crossingsHere` and `linksHere`; `file`
 *   when the origins are known. An unknown id throws an `AtlasQueryError`
 *   naming the id and the nearest candidates from the gazetteer.
 *
 * The zod schemas `ListedRecord` and `ShownRecord` describe both outputs (the
 * API's OpenAPI document uses them).
 */
import { z } from 'zod';
import { AmurError } from '../errors.ts';
import {
  type Candidate,
  DEFAULT_SEARCH_KINDS,
  describeCandidate,
  linkNames,
  SEARCH_KINDS,
  type SearchKind,
  searchAtlas,
} from './gazetteer.ts';
import type { RecordOrigin } from './load.ts';
import { describeIssues } from './problems.ts';
import {
  type Atlas,
  Corridor,
  Crossing,
  CrossingMode,
  Id,
  KIND_OF_LIST,
  Link,
  LinkMode,
  Names,
  Place,
  type RecordKind,
  type RecordList,
  Source,
  SourceKind,
  SourceRefs,
  Zone,
  ZoneKind,
} from './schema.ts';

// ---------------------------------------------------------------- kinds, modes, countries

/** Every record kind, in the order `list` prints them. */
export const RECORD_KINDS: readonly RecordKind[] = [
  'place',
  'crossing',
  'link',
  'zone',
  'corridor',
  'source',
];
/** What `listRecords` lists when no kind is given: every kind but sources. */
export const DEFAULT_LIST_KINDS: readonly RecordKind[] = RECORD_KINDS.filter((k) => k !== 'source');
/** The record list (`places`, …) of each kind (`place`, …). */
export const LIST_OF_KIND = Object.fromEntries(
  Object.entries(KIND_OF_LIST).map(([list, kind]) => [kind, list as RecordList]),
) as Record<RecordKind, RecordList>;
/** The record lists, in the order of `RECORD_KINDS` (the API's `{kind}`). */
export const RECORD_LIST_NAMES = RECORD_KINDS.map((k) => LIST_OF_KIND[k]) as [RecordList, ...RecordList[]];

/** Modes a list can be filtered by: the crossing modes and the link modes (`river` also matches `river-*`). */
export const QUERY_MODES = [...new Set<string>([...CrossingMode.options, ...LinkMode.options])] as [
  string,
  ...string[],
];

/** The `mode` filter. */
export const ModeFilter = z
  .enum(QUERY_MODES)
  .describe(`records of or served by a mode: ${QUERY_MODES.join(', ')} (river also matches river-*)`);

/** The `country` filter: an ISO 3166-1 alpha-2 code, any case. */
export const CountryFilter = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code (e.g. CN, RU, MN)')
  .describe('ISO 3166-1 alpha-2 code: records in or touching that country (e.g. CN, RU)');

/** The filters of `listRecords` other than the kind (the API's query parameters). */
export const ListFilter = z.object({
  country: CountryFilter.optional(),
  mode: ModeFilter.optional(),
});
export type ListFilter = z.input<typeof ListFilter>;

export interface ListOptions extends ListFilter {
  /** Record kinds to list, in this order (default: every kind but sources). */
  kind?: RecordKind | readonly RecordKind[];
}

/** A query the atlas cannot answer as asked: names the parameter at fault and what would be valid. */
export class AtlasQueryError extends AmurError {
  constructor(
    /** `id`, `kind`, `country` or `mode`. */
    override readonly parameter: string,
    message: string,
    /** What would be valid. */
    override readonly valid: string,
    /** Records the user may have meant (for an unknown id). */
    readonly candidates: Candidate[] = [],
  ) {
    super(parameter === 'id' ? 'not-found' : 'input', message, { parameter, valid });
    this.name = 'AtlasQueryError';
  }
}

// ---------------------------------------------------------------- schemas

const ListedNames = Names.describe(
  'names in English, Chinese and Russian (a link: its ends; a source: its title)',
);
const CountryOrNull = z.string().nullable().describe('ISO 3166-1 alpha-2 code, null if the place is unknown');
const Countries = z.tuple([CountryOrNull, CountryOrNull]);

export const ListedPlace = Place.extend({ kind: z.literal('place'), names: ListedNames });
export const ListedCrossing = Crossing.extend({
  kind: z.literal('crossing'),
  names: ListedNames,
  countries: Countries.describe('the countries of the two sides'),
  modes: z.array(CrossingMode).describe('the modes of its services, each once'),
});
export const ListedLink = Link.extend({
  kind: z.literal('link'),
  names: ListedNames,
  countries: Countries.describe('the countries of the two ends'),
});
export const ListedZone = Zone.omit({ kind: true }).extend({
  kind: z.literal('zone'),
  zoneKind: ZoneKind,
  names: ListedNames,
});
export const ListedCorridor = Corridor.omit({ kind: true }).extend({
  kind: z.literal('corridor'),
  corridorKind: Corridor.shape.kind,
  names: ListedNames,
});
export const ListedSource = Source.omit({ kind: true }).extend({
  kind: z.literal('source'),
  sourceKind: SourceKind,
  names: ListedNames,
});

/** One record as `amur atlas list --json` prints it and `GET /api/atlas/{kind}` answers it. */
export const ListedRecord = z
  .discriminatedUnion('kind', [
    ListedPlace,
    ListedCrossing,
    ListedLink,
    ListedZone,
    ListedCorridor,
    ListedSource,
  ])
  .describe(
    'An atlas record as listed: the record, its kind, names in en/zh/ru (crossings and links: countries)',
  );
export type ListedRecord = z.infer<typeof ListedRecord>;

/** A record cited but absent from the atlas (only in an atlas with errors). */
const Missing = z.object({ id: z.string(), missing: z.literal(true) });
const SourceOrMissing = z.union([Source, Missing]);
const Resolved = {
  sources: z.array(SourceOrMissing).describe('every source cited anywhere in the record, its own first'),
  sourceIds: SourceRefs.describe("the record's own source ids"),
  file: z.string().optional().describe('the atlas file the record comes from'),
};

export const ShownPlace = ListedPlace.extend({
  ...Resolved,
  crossingsHere: z.array(Id).describe('crossings with a side here'),
  linksHere: z.array(Id).describe('links with an end here'),
});
export const ShownCrossing = ListedCrossing.extend({
  ...Resolved,
  sidePlaces: z.array(z.union([Place, Missing])).describe('the two side places'),
});
export const ShownLink = ListedLink.extend({
  ...Resolved,
  endPlaces: z.array(z.union([Place, Missing])).describe('the two end places'),
});
export const ShownZone = ListedZone.extend(Resolved);
export const ShownCorridor = ListedCorridor.extend({
  ...Resolved,
  linkRecords: z.array(z.union([Link, Missing])).describe('the chain of links, in order'),
  crossingRecords: z.array(z.union([Crossing, Missing])).describe('the crossings passed, in order'),
});
export const ShownSource = ListedSource.extend({ file: Resolved.file });

/** One record as `amur atlas show ID --json` prints it and `GET /api/atlas/{kind}/{id}` answers it. */
export const ShownRecord = z
  .discriminatedUnion('kind', [ShownPlace, ShownCrossing, ShownLink, ShownZone, ShownCorridor, ShownSource])
  .describe('An atlas record with its sources resolved and its neighbours (sides, ends, chain)');
export type ShownRecord = z.infer<typeof ShownRecord>;

// ---------------------------------------------------------------- records

type Named = { en: string; zh: string; ru: string };

/** Names of any record (links take their ends' names; sources their title). */
export function namesOf(atlas: Atlas, kind: RecordKind, rec: unknown): Named {
  if (kind === 'link') return linkNames(atlas, rec as Link);
  if (kind === 'source') {
    const t = (rec as Source).title;
    return { en: t, zh: t, ru: t };
  }
  const n = (rec as { names: Named }).names;
  return { en: n.en, zh: n.zh, ru: n.ru };
}

/** The records of one kind. */
export function recordsOfKind(atlas: Atlas, kind: RecordKind): { id: string }[] {
  return atlas[LIST_OF_KIND[kind]] as { id: string }[];
}

function placeIndex(atlas: Atlas): Map<string, Place> {
  return new Map(atlas.places.map((p) => [p.id, p]));
}

/** Countries a record touches, for the `country` filter. */
function countriesOf(atlas: Atlas, places: Map<string, Place>, kind: RecordKind, rec: unknown): string[] {
  const c = (id: string) => places.get(id)?.country;
  switch (kind) {
    case 'place':
      return [(rec as Place).country];
    case 'crossing':
      return (rec as Crossing).sides.map(c).filter((x): x is string => !!x);
    case 'link':
      return [c((rec as Link).from), c((rec as Link).to)].filter((x): x is string => !!x);
    case 'zone':
      return [(rec as Zone).country];
    case 'corridor': {
      const links = new Map(atlas.links.map((l) => [l.id, l]));
      return [
        ...new Set(
          (rec as Corridor).links.flatMap((id) => {
            const l = links.get(id);
            return l ? [c(l.from), c(l.to)].filter((x): x is string => !!x) : [];
          }),
        ),
      ];
    }
    default:
      return [];
  }
}

/** Whether a crossing mode or link mode matches a `mode` filter (`river` matches the river crossing modes). */
function modeMatches(mode: string, wanted: string): boolean {
  return mode === wanted || (wanted === 'river' && mode.startsWith('river-'));
}

/** Modes a record carries, for the `mode` filter (a place: the modes of the links and crossings that touch it). */
function modesOf(atlas: Atlas, kind: RecordKind, rec: unknown): string[] {
  switch (kind) {
    case 'crossing':
      return (rec as Crossing).services.map((s) => s.mode);
    case 'link':
      return [(rec as Link).mode];
    case 'place': {
      const id = (rec as Place).id;
      return [
        ...atlas.links.filter((l) => l.from === id || l.to === id).map((l) => l.mode),
        ...atlas.crossings.filter((c) => c.sides.includes(id)).flatMap((c) => c.services.map((s) => s.mode)),
      ];
    }
    case 'corridor': {
      const links = new Map(atlas.links.map((l) => [l.id, l]));
      return (rec as Corridor).links.map((id) => links.get(id)?.mode ?? '');
    }
    default:
      return [];
  }
}

/** One record as listed (see `ListedRecord`). */
export function listedRecord(
  atlas: Atlas,
  kind: RecordKind,
  rec: unknown,
  places = placeIndex(atlas),
): ListedRecord {
  const r = rec as Record<string, unknown>;
  const names = namesOf(atlas, kind, rec);
  const out: Record<string, unknown> = { id: r.id, kind, names };
  for (const [k, v] of Object.entries(r)) {
    if (k === 'id') continue;
    if (k === 'kind') out[`${kind}Kind`] = v;
    else if (k === 'names') out.names = { ...(v as object), ...names };
    else out[k] = v;
  }
  if (kind === 'crossing') {
    const c = rec as Crossing;
    out.countries = c.sides.map((s) => places.get(s)?.country ?? null);
    out.modes = [...new Set(c.services.map((s) => s.mode))];
  }
  if (kind === 'link') {
    const l = rec as Link;
    out.countries = [places.get(l.from)?.country ?? null, places.get(l.to)?.country ?? null];
  }
  return out as ListedRecord;
}

/**
 * Records of the given kinds (default every kind but sources) in or touching
 * a country and of or served by a mode. Throws an `AtlasQueryError` for a bad
 * country code or mode.
 */
export function listRecords(atlas: Atlas, opts: ListOptions = {}): ListedRecord[] {
  const kinds =
    opts.kind === undefined ? DEFAULT_LIST_KINDS : typeof opts.kind === 'string' ? [opts.kind] : opts.kind;
  for (const k of kinds)
    if (!RECORD_KINDS.includes(k))
      throw new AtlasQueryError('kind', `"${k}" is not a record kind`, `one of ${RECORD_KINDS.join(', ')}`);
  const given = { country: opts.country, mode: opts.mode };
  const parsed = ListFilter.safeParse(given);
  if (!parsed.success) {
    // the shared describer, on the value as given (before trimming and upper-casing)
    const issue = parsed.error.issues[0];
    const parameter = String(issue.path[0]) as keyof typeof given;
    const [[, problem]] = describeIssues([
      { ...issue, path: [], input: given[parameter] } as z.core.$ZodIssue,
    ]);
    throw new AtlasQueryError(
      parameter,
      `${parameter}: ${problem}`,
      parameter === 'country'
        ? 'an ISO 3166-1 alpha-2 code (e.g. CN, RU, MN)'
        : `one of ${QUERY_MODES.join(', ')}`,
    );
  }
  const { country, mode } = parsed.data;
  const places = placeIndex(atlas);
  const out: ListedRecord[] = [];
  for (const kind of kinds) {
    for (const rec of recordsOfKind(atlas, kind)) {
      if (country && !countriesOf(atlas, places, kind, rec).includes(country)) continue;
      if (mode && !modesOf(atlas, kind, rec).some((m) => modeMatches(m, mode))) continue;
      out.push(listedRecord(atlas, kind, rec, places));
    }
  }
  return out;
}

// ---------------------------------------------------------------- show

/** A record found by id or name. */
export interface FoundRecord {
  kind: RecordKind;
  record: { id: string };
}

export interface FindOptions {
  /** Only records of this kind. */
  kind?: RecordKind;
  /**
   * When no record has the id, take the one record whose name (or pinyin,
   * transliteration, UN/LOCODE) is exactly the text (default true).
   */
  byName?: boolean;
}

/**
 * Finds a record by exact id (optionally of one kind); otherwise, unless
 * `byName` is false, by a name held by exactly one record. Throws an
 * `AtlasQueryError` naming the id and the nearest candidates.
 */
export function findRecord(atlas: Atlas, text: string, opts: FindOptions = {}): FoundRecord {
  const { kind, byName = true } = opts;
  const kinds = kind ? [kind] : RECORD_KINDS;
  const byId: FoundRecord[] = [];
  for (const k of kinds) {
    const rec = recordsOfKind(atlas, k).find((r) => r.id === text);
    if (rec) byId.push({ kind: k, record: rec });
  }
  if (byId.length === 1) return byId[0];
  if (byId.length > 1) {
    const ks = byId.map((f) => f.kind);
    throw new AtlasQueryError(
      'kind',
      `"${text}" is the id of ${byId.length} records (${ks.join(', ')}): add --kind ${ks.join('|')}`,
      `one of ${ks.join(', ')}`,
    );
  }
  const searchKinds = (kind ? [kind] : DEFAULT_SEARCH_KINDS).filter((k): k is SearchKind =>
    (SEARCH_KINDS as string[]).includes(k),
  );
  const candidates = searchKinds.length > 0 ? searchAtlas(atlas, text, { kinds: searchKinds, limit: 6 }) : [];
  const exact = candidates.filter((c) => c.match === 'exact');
  if (byName && exact.length === 1) {
    const k = exact[0].kind;
    return { kind: k, record: recordsOfKind(atlas, k).find((r) => r.id === exact[0].id)! };
  }
  const near = exact.length > 1 ? exact : candidates;
  const what = kind ?? 'record';
  const list = near.map((c) => `${c.kind} ${describeCandidate(c)}`);
  const listed = kind ? `an id of a ${kind}` : 'a record id';
  throw new AtlasQueryError(
    'id',
    list.length > 0
      ? `no ${what} has the id "${text}"; did you mean ${list.join(', ')}?`
      : `no ${what} has the id "${text}", and no name matches`,
    near.length > 0 ? `${listed}, e.g. ${near.map((c) => c.id).join(', ')}` : listed,
    near,
  );
}

/** Every source id cited anywhere in a value, in order of first appearance. */
export function citedSources(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) citedSources(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'sources' || k === 'coordsSources') && Array.isArray(v))
        for (const id of v) out.add(String(id));
      else citedSources(v, out);
    }
  }
  return out;
}

/** A found record as shown (see `ShownRecord`); `file` from `origins` when given. */
export function shownRecord(
  atlas: Atlas,
  found: FoundRecord,
  origins?: ReadonlyMap<string, RecordOrigin>,
): ShownRecord {
  const { kind, record } = found;
  const places = placeIndex(atlas);
  const out = listedRecord(atlas, kind, record, places) as Record<string, unknown>;
  const sourceById = new Map(atlas.sources.map((s) => [s.id, s]));
  if (kind !== 'source') {
    out.sourceIds = (record as unknown as { sources: string[] }).sources;
    out.sources = [...citedSources(record)].map((id) => sourceById.get(id) ?? { id, missing: true });
  }
  if (kind === 'crossing')
    out.sidePlaces = (record as Crossing).sides.map((s) => places.get(s) ?? { id: s, missing: true });
  if (kind === 'link') {
    const l = record as Link;
    out.endPlaces = [l.from, l.to].map((s) => places.get(s) ?? { id: s, missing: true });
  }
  if (kind === 'corridor') {
    const c = record as Corridor;
    const links = new Map(atlas.links.map((l) => [l.id, l]));
    const crossings = new Map(atlas.crossings.map((x) => [x.id, x]));
    out.linkRecords = c.links.map((id) => links.get(id) ?? { id, missing: true });
    out.crossingRecords = (c.crossings ?? []).map((id) => crossings.get(id) ?? { id, missing: true });
  }
  if (kind === 'place') {
    const id = record.id;
    out.crossingsHere = atlas.crossings.filter((c) => c.sides.includes(id)).map((c) => c.id);
    out.linksHere = atlas.links.filter((l) => l.from === id || l.to === id).map((l) => l.id);
  }
  const file = origins?.get(`${LIST_OF_KIND[kind]}:${record.id}`)?.file;
  if (file) out.file = file;
  return out as ShownRecord;
}

export interface ShowOptions extends FindOptions {
  /** Where each record came from (`LoadedAtlas.origins`), to add `file`. */
  origins?: ReadonlyMap<string, RecordOrigin>;
}

/** One record by id (or exact name, see `findRecord`) with its sources resolved; throws `AtlasQueryError` when unknown. */
export function showRecord(atlas: Atlas, id: string, opts: ShowOptions = {}): ShownRecord {
  return shownRecord(atlas, findRecord(atlas, id, opts), opts.origins);
}
