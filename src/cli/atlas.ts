/**
 * `amur atlas …` — validate, summarise, list, show, search and export the
 * corridor atlas, and write its JSON Schema. Every command takes `--json`
 * (fixed shapes, documented in docs/atlas.md) and `--dir` (another atlas
 * directory or a single atlas file).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { stringify } from 'yaml';
import { loadAtlasCached } from '../atlas/cache.ts';
import { atlasToCsv, atlasToGeoJSON, EXPORT_KINDS, type ExportKind, GEO_KINDS } from '../atlas/export.ts';
import { type Candidate, linkNames, SEARCH_KINDS, type SearchKind, searchAtlas } from '../atlas/gazetteer.ts';
import { DEFAULT_SCHEMA_DIR, staleJsonSchemas, writeJsonSchemas } from '../atlas/json-schema.ts';
import { AtlasError, DEFAULT_ATLAS_DIR, type LoadedAtlas, loadAtlas } from '../atlas/load.ts';
import { formatProblem } from '../atlas/problems.ts';
import {
  AtlasQueryError,
  citedSources,
  DEFAULT_LIST_KINDS,
  type FoundRecord,
  findRecord,
  LIST_OF_KIND,
  listRecords,
  namesOf,
  QUERY_MODES,
  RECORD_KINDS,
  recordsOfKind,
  shownRecord,
} from '../atlas/query.ts';
import {
  type Atlas,
  type Corridor,
  type Crossing,
  KIND_OF_LIST,
  type Link,
  type Place,
  type RecordKind,
  type Source,
  type Zone,
} from '../atlas/schema.ts';
import {
  ATLAS_MODE_NAMES,
  ATLAS_WORDS,
  atlasLine,
  CORRIDOR_KIND_NAMES,
  codeName,
  PLACE_KIND_NAMES,
  RECORD_KIND_NAMES,
  SOURCE_KIND_NAMES,
  ZONE_KIND_NAMES,
} from '../i18n/atlas-lines.ts';
import { CliError, printJson } from './output.ts';
import { displayWidth } from './text-width.ts';

export { displayWidth };

// ---------------------------------------------------------------- shared helpers

type Lang = 'en' | 'zh' | 'ru';
const LANGS: Lang[] = ['en', 'zh', 'ru'];
const MODES: readonly string[] = QUERY_MODES;

interface CommonOpts {
  dir: string;
  json?: boolean;
  lang?: Lang;
}

const dirOption = () =>
  new Option('--dir <path>', 'atlas directory, or one atlas YAML file').default(
    DEFAULT_ATLAS_DIR,
    'data/atlas',
  );
const jsonOption = () => new Option('--json', 'print JSON instead of text');
const langOption = () =>
  new Option(
    '--lang <lang>',
    'text output in one language: names, headers, record kinds, modes and kinds in it (ids and codes as written)',
  ).choices(LANGS);

/** `--dir`, `--json` and `--lang`, in this order: the options of the commands that show records. */
function addViewOptions(cmd: Command): Command {
  return cmd.addOption(dirOption()).addOption(jsonOption()).addOption(langOption());
}

/** Parses `--kind a,b` (singular or plural names) into record kinds. */
function parseKinds(
  value: string | undefined,
  allowed: readonly RecordKind[],
  option = '--kind',
): RecordKind[] {
  if (!value) return [];
  return value.split(',').map((raw) => {
    const k = raw.trim().toLowerCase();
    const kind = (allowed as string[]).includes(k)
      ? (k as RecordKind)
      : ((KIND_OF_LIST as Record<string, RecordKind>)[k] ?? undefined);
    if (!kind || !allowed.includes(kind))
      throw new CliError(`${option} "${raw}" is not a record kind here (valid: ${allowed.join(', ')})`);
    return kind;
  });
}

/** A plain text table: header, rule, rows; columns padded to the widest cell. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - displayWidth(c))))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

type Named = { en: string; zh: string; ru: string };

function nameColumns(lang: Lang | undefined): { header: string[]; cells: (n: Named) => string[] } {
  if (lang)
    return {
      header: [lang === 'en' ? 'name (en)' : ATLAS_WORDS.name[lang]],
      cells: (n) => [n[lang] || n.en],
    };
  return { header: ['name (en)', 'name (zh)', 'name (ru)'], cells: (n) => [n.en, n.zh, n.ru] };
}

function oneName(n: Named, lang: Lang | undefined): string {
  return lang ? n[lang] || n.en : [n.en, n.zh, n.ru].filter(Boolean).join(' | ');
}

function placeIndex(atlas: Atlas): Map<string, Place> {
  return new Map(atlas.places.map((p) => [p.id, p]));
}

/** Short description column for `list` text output, its words and codes said in `lang` (ids as written). */
function detailOf(places: Map<string, Place>, kind: RecordKind, rec: unknown, lang: Lang = 'en'): string {
  const list = (xs: string[]) => xs.join(lang === 'zh' ? '、' : ', ');
  switch (kind) {
    case 'place': {
      const p = rec as Place;
      const kinds = list(p.kinds.map((k) => codeName(PLACE_KIND_NAMES, k, lang)));
      return `${p.country} ${p.region}; ${kinds}${p.unlocode ? `; ${p.unlocode}` : ''}`;
    }
    case 'crossing': {
      const c = rec as Crossing;
      const countries = c.sides.map((s) => places.get(s)?.country ?? '?').join('–');
      const modes = [...new Set(c.services.map((s) => s.mode))].map((m) =>
        codeName(ATLAS_MODE_NAMES, m, lang),
      );
      return `${countries} ${c.sides.join(' ↔ ')}; ${list(modes)}`;
    }
    case 'link': {
      const l = rec as Link;
      return atlasLine('link-detail', lang, {
        mode: codeName(ATLAS_MODE_NAMES, l.mode, lang),
        km: l.length.km,
        estimate: l.length.basis === 'estimate' ? atlasLine('link-estimate', lang) : '',
        gauge: l.gauge ? atlasLine('link-gauge', lang, { gauge: l.gauge }) : '',
      });
    }
    case 'zone': {
      const z = rec as Zone;
      return `${z.country} ${codeName(ZONE_KIND_NAMES, z.kind, lang)}`;
    }
    case 'corridor': {
      const c = rec as Corridor;
      return atlasLine('corridor-detail', lang, {
        kind: codeName(CORRIDOR_KIND_NAMES, c.kind, lang),
        count: c.links.length,
        via: c.crossings?.length
          ? atlasLine('corridor-via', lang, { crossings: c.crossings.join(', ') })
          : '',
      });
    }
    case 'source': {
      const s = rec as Source;
      return [codeName(SOURCE_KIND_NAMES, s.kind, lang), s.year, s.url].filter(Boolean).join(', ');
    }
    default:
      return '';
  }
}

// ---------------------------------------------------------------- summary

export interface AtlasSummary {
  places: number;
  crossings: number;
  links: number;
  zones: number;
  corridors: number;
  sources: number;
  /** Crossings per pair of countries (codes sorted), with the count of crossings offering each mode. */
  crossingsByCountryPair: {
    countries: [string, string];
    crossings: number;
    byMode: Record<string, number>;
  }[];
  corridorList: {
    id: string;
    names: Named;
    corridorKind: string;
    links: number;
    km: number;
    crossings: string[];
  }[];
  sourcesByKind: Record<string, number>;
}

export function summarize(atlas: Atlas): AtlasSummary {
  const places = placeIndex(atlas);
  const pairs = new Map<string, AtlasSummary['crossingsByCountryPair'][number]>();
  for (const c of atlas.crossings) {
    const countries = c.sides.map((s) => places.get(s)?.country ?? '?').sort() as [string, string];
    const key = countries.join('-');
    let entry = pairs.get(key);
    if (!entry) {
      entry = { countries, crossings: 0, byMode: {} };
      pairs.set(key, entry);
    }
    entry.crossings++;
    for (const m of new Set(c.services.map((s) => s.mode))) entry.byMode[m] = (entry.byMode[m] ?? 0) + 1;
  }
  const links = new Map(atlas.links.map((l) => [l.id, l]));
  const sourcesByKind: Record<string, number> = {};
  for (const s of atlas.sources) sourcesByKind[s.kind] = (sourcesByKind[s.kind] ?? 0) + 1;
  return {
    places: atlas.places.length,
    crossings: atlas.crossings.length,
    links: atlas.links.length,
    zones: atlas.zones.length,
    corridors: atlas.corridors.length,
    sources: atlas.sources.length,
    crossingsByCountryPair: [...pairs.values()].sort(
      (a, b) => b.crossings - a.crossings || a.countries.join().localeCompare(b.countries.join()),
    ),
    corridorList: atlas.corridors.map((c) => ({
      id: c.id,
      names: { en: c.names.en, zh: c.names.zh, ru: c.names.ru },
      corridorKind: c.kind,
      links: c.links.length,
      km: Math.round(c.links.reduce((sum, id) => sum + (links.get(id)?.length.km ?? 0), 0)),
      crossings: c.crossings ?? [],
    })),
    sourcesByKind,
  };
}

function printSummary(s: AtlasSummary, lang: Lang | undefined): void {
  const l = lang ?? 'en';
  const w = (k: keyof typeof ATLAS_WORDS) => ATLAS_WORDS[k][l];
  const counts = ['places', 'crossings', 'links', 'zones', 'corridors', 'sources'] as const;
  // English: ten columns, as always; other languages: the widest label and a space
  const width = l === 'en' ? 10 : Math.max(...counts.map((k) => displayWidth(w(k)))) + 1;
  for (const k of counts)
    console.log(`${w(k)}${' '.repeat(Math.max(0, width - displayWidth(w(k))))} ${s[k]}`);
  if (s.crossingsByCountryPair.length > 0) {
    const modes = MODES.filter((m) => s.crossingsByCountryPair.some((p) => p.byMode[m]));
    console.log(`\n${w('crossings-by-pair')}`);
    console.log(
      formatTable(
        [w('countries'), w('crossings'), ...modes.map((m) => codeName(ATLAS_MODE_NAMES, m, l))],
        s.crossingsByCountryPair.map((p) => [
          p.countries.join('–'),
          p.crossings,
          ...modes.map((m) => p.byMode[m] ?? 0),
        ]),
      ),
    );
  }
  if (s.corridorList.length > 0) {
    const names = nameColumns(lang);
    console.log(`\n${w('corridors')}`);
    console.log(
      formatTable(
        [w('id'), ...names.header, w('kind'), w('links'), 'km', w('crossings')],
        s.corridorList.map((c) => [
          c.id,
          ...names.cells(c.names),
          codeName(CORRIDOR_KIND_NAMES, c.corridorKind, l),
          c.links,
          c.km,
          c.crossings.join(', '),
        ]),
      ),
    );
  }
  const kinds = Object.entries(s.sourcesByKind)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${codeName(SOURCE_KIND_NAMES, k, l)} ${n}`)
    .join(l === 'zh' ? '、' : ', ');
  const kindsPart = kinds ? atlasLine('sources-kinds', l, { kinds }) : '';
  console.log(`\n${atlasLine('sources-line', l, { count: s.sources, kinds: kindsPart })}`);
}

// ---------------------------------------------------------------- show

/** Finds a record for `show`: by id, or a name held by one record; a user error when unknown. */
function findForShow(atlas: Atlas, text: string, kind: RecordKind | undefined): FoundRecord {
  try {
    return findRecord(atlas, text, { kind });
  } catch (e) {
    if (!(e instanceof AtlasQueryError)) throw e;
    const hint =
      e.parameter === 'id' && e.candidates.length === 0
        ? ` (try \`amur atlas search ${JSON.stringify(text)}\`)`
        : '';
    throw new CliError(`${e.message}${hint}`);
  }
}

function printShow(atlas: Atlas, found: FoundRecord, file: string | undefined, lang: Lang | undefined): void {
  const { kind, record } = found;
  const l = lang ?? 'en';
  const say = (key: Parameters<typeof atlasLine>[0], vars: Record<string, string | number> = {}) =>
    atlasLine(key, l, vars);
  const places = placeIndex(atlas);
  const placeLabel = (id: string) => {
    const p = places.get(id);
    return p
      ? say('show-place', { id, name: oneName(p.names, lang), country: p.country })
      : say('show-unknown-place', { id });
  };
  const name = oneName(namesOf(atlas, kind, record), lang);
  console.log(say('show-head', { kind: codeName(RECORD_KIND_NAMES, kind, l), id: record.id, name }));
  if (file) console.log(say('show-file', { file }));
  if (kind === 'crossing') {
    const c = record as Crossing;
    console.log(say('show-sides', { a: placeLabel(c.sides[0]), b: placeLabel(c.sides[1]) }));
  }
  if (kind === 'link') {
    const k = record as Link;
    console.log(say('show-ends', { a: placeLabel(k.from), b: placeLabel(k.to) }));
  }
  if (kind === 'place') {
    const here = atlas.crossings.filter((c) => c.sides.includes(record.id)).map((c) => c.id);
    const links = atlas.links.filter((k) => k.from === record.id || k.to === record.id).map((k) => k.id);
    if (here.length) console.log(say('show-crossings-here', { ids: here.join(', ') }));
    if (links.length) console.log(say('show-links-here', { ids: links.join(', ') }));
  }
  const { id: _id, ...body } = record as Record<string, unknown>;
  console.log('');
  console.log(stringify(body, { lineWidth: 100 }).trimEnd());
  if (kind === 'corridor') {
    const c = record as Corridor;
    const links = new Map(atlas.links.map((k) => [k.id, k]));
    console.log(`\n${say('show-chain')}`);
    for (const id of c.links) {
      const k = links.get(id);
      console.log(
        k
          ? say('show-chain-link', {
              id,
              name: oneName(linkNames(atlas, k), lang),
              mode: codeName(ATLAS_MODE_NAMES, k.mode, l),
              km: k.length.km,
              estimate: k.length.basis === 'estimate' ? say('show-chain-estimate') : '',
            })
          : say('show-unknown-link', { id }),
      );
    }
  }
  if (kind !== 'source') {
    const sourceById = new Map(atlas.sources.map((s) => [s.id, s]));
    console.log(`\n${say('show-sources')}`);
    for (const id of citedSources(record)) {
      const s = sourceById.get(id);
      const detail = s
        ? [s.title, [s.author, s.publisher, s.year].filter(Boolean).join(', '), s.url]
            .filter(Boolean)
            .join(' — ')
        : say('show-unknown-source');
      console.log(`  [${id}] ${detail}`);
    }
  }
}

// ---------------------------------------------------------------- commands

/** Loads the atlas for a command; any error stops the command with the list of problems. */
function loadChecked(dir: string): LoadedAtlas {
  const loaded = loadAtlasCached(resolve(dir));
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new AtlasError(errors);
  return loaded;
}

function loadForCommand(dir: string): Atlas {
  return loadChecked(dir).atlas;
}

export function registerAtlasCommands(program: Command): void {
  const atlas = program
    .command('atlas')
    .description('the corridor atlas: places, crossings, links, zones, corridors and their sources');
  registerValidate(atlas);
  registerSummary(atlas);
  registerList(atlas);
  registerShow(atlas);
  registerSearch(atlas);
  registerExport(atlas);
  registerSchema(atlas);
}

/** `amur atlas validate`: every problem of the atlas, exit 1 when one is an error. */
function registerValidate(atlas: Command): void {
  atlas
    .command('validate')
    .description('check every atlas file against the schema and the references between records')
    .addOption(dirOption())
    .addOption(jsonOption())
    .action(runValidate);
}

function runValidate(opts: CommonOpts): void {
  const loaded = loadAtlas(opts.dir);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  const a = loaded.atlas;
  const counts = {
    places: a.places.length,
    crossings: a.crossings.length,
    links: a.links.length,
    zones: a.zones.length,
    corridors: a.corridors.length,
    sources: a.sources.length,
  };
  if (opts.json)
    printJson({
      ok: errors.length === 0,
      errors: errors.length,
      warnings: loaded.problems.length - errors.length,
      counts,
      problems: loaded.problems.map((p) => ({ ...p, message: formatProblem(p) })),
    });
  else {
    for (const p of loaded.problems)
      console.log(`${p.severity === 'error' ? 'error' : 'warning'}: ${formatProblem(p)}`);
    console.log(
      `${errors.length === 0 ? 'ok' : `${errors.length} error(s)`}: ${counts.places} places, ${counts.crossings} crossings, ` +
        `${counts.links} links, ${counts.zones} zones, ${counts.corridors} corridors, ${counts.sources} sources`,
    );
  }
  if (errors.length > 0) process.exitCode = 1;
}

/** `amur atlas summary`: counts, crossings by country pair and mode, corridors, sources. */
function registerSummary(atlas: Command): void {
  addViewOptions(
    atlas
      .command('summary')
      .description(
        'counts of the records, crossings by country pair and mode, the corridors and the sources',
      ),
  ).action((opts: CommonOpts) => {
    const s = summarize(loadForCommand(opts.dir));
    if (opts.json) printJson(s);
    else printSummary(s, opts.lang);
  });
}

type ListOpts = CommonOpts & { kind?: string; country?: string; mode?: string };

/** `amur atlas list`: records filtered by kind, country and mode. */
function registerList(atlas: Command): void {
  addViewOptions(
    atlas
      .command('list')
      .description('list records, filtered by kind, country and mode')
      .option(
        '--kind <kinds>',
        `record kinds, comma-separated (${RECORD_KINDS.join(', ')}); default all but source`,
      )
      .option(
        '--country <code>',
        'ISO 3166-1 alpha-2 code: records in or touching that country (e.g. CN, RU)',
      )
      .option('--mode <mode>', `records of or served by a mode (${MODES.join(', ')})`),
  ).action(runList);
}

function runList(opts: ListOpts): void {
  const a = loadForCommand(opts.dir);
  const kinds = opts.kind ? parseKinds(opts.kind, RECORD_KINDS) : DEFAULT_LIST_KINDS;
  const country = opts.country?.toUpperCase();
  if (country && !/^[A-Z]{2}$/.test(country))
    throw new CliError(`--country "${opts.country}" is not an ISO 3166-1 alpha-2 code (e.g. CN, RU, MN)`);
  if (opts.mode && !MODES.includes(opts.mode))
    throw new CliError(`--mode "${opts.mode}" is not a mode (valid: ${MODES.join(', ')})`);
  const places = placeIndex(a);
  const listed = listRecords(a, { kind: kinds, country, mode: opts.mode });
  if (opts.json) {
    printJson(listed);
    return;
  }
  const rows = listed.map((r) => ({
    kind: r.kind,
    rec: recordsOfKind(a, r.kind).find((x) => x.id === r.id)!,
  }));
  const l = opts.lang ?? 'en';
  if (rows.length === 0) {
    console.log(ATLAS_WORDS['no-records'][l]);
    return;
  }
  const names = nameColumns(opts.lang);
  console.log(
    formatTable(
      [ATLAS_WORDS.kind[l], ATLAS_WORDS.id[l], ...names.header, ATLAS_WORDS.detail[l]],
      rows.map((r) => [
        codeName(RECORD_KIND_NAMES, r.kind, l),
        r.rec.id,
        ...names.cells(namesOf(a, r.kind, r.rec)),
        detailOf(places, r.kind, r.rec, l),
      ]),
    ),
  );
  console.log(atlasLine(rows.length === 1 ? 'records-one' : 'records-other', l, { count: rows.length }));
}

/** `amur atlas show ID`: one record with its file and sources. */
function registerShow(atlas: Command): void {
  addViewOptions(
    atlas
      .command('show')
      .description('one record with its sources (by id, or by a name that matches exactly one record)')
      .argument('<id>', 'record id (or a name)')
      .option('--kind <kind>', `record kind, where an id is shared (${RECORD_KINDS.join(', ')})`),
  ).action((id: string, opts: CommonOpts & { kind?: string }) => {
    const loaded = loadChecked(opts.dir);
    const a = loaded.atlas;
    const [kind] = parseKinds(opts.kind, RECORD_KINDS);
    const found = findForShow(a, id, kind);
    const file = loaded.origins.get(`${LIST_OF_KIND[found.kind]}:${found.record.id}`)?.file;
    if (opts.json) printJson(shownRecord(a, found, loaded.origins));
    else printShow(a, found, file, opts.lang);
  });
}

/** `amur atlas search TEXT…`: the gazetteer's candidates, best first. */
function registerSearch(atlas: Command): void {
  addViewOptions(
    atlas
      .command('search')
      .description(
        'find places, crossings, zones and corridors by any name: English, 中文, русский, pinyin, transliteration, UN/LOCODE, id; tolerates a typo',
      )
      .argument('<text...>', 'what to look for')
      .option('--kind <kinds>', `kinds to search, comma-separated (${SEARCH_KINDS.join(', ')})`)
      .option('--limit <n>', 'most candidates shown', '10'),
  ).action(runSearch);
}

function runSearch(words: string[], opts: CommonOpts & { kind?: string; limit: string }): void {
  const text = words.join(' ');
  const a = loadForCommand(opts.dir);
  const kinds = parseKinds(opts.kind, SEARCH_KINDS) as SearchKind[];
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new CliError(`--limit "${opts.limit}" is not a whole number of 1 or more`);
  const found: Candidate[] = searchAtlas(a, text, { kinds: kinds.length ? kinds : undefined, limit });
  if (opts.json) {
    printJson(found);
    return;
  }
  const l = opts.lang ?? 'en';
  if (found.length === 0) {
    console.log(atlasLine('nothing-matches', l, { text }));
    process.exitCode = 1;
    return;
  }
  const names = nameColumns(opts.lang);
  const w = (k: keyof typeof ATLAS_WORDS) => ATLAS_WORDS[k][l];
  console.log(
    formatTable(
      [w('score'), w('kind'), w('id'), ...names.header, w('matched')],
      found.map((c) => [
        c.score.toFixed(2),
        codeName(RECORD_KIND_NAMES, c.kind, l),
        c.id,
        ...names.cells(c.names),
        c.matched,
      ]),
    ),
  );
}

type ExportOpts = CommonOpts & {
  format: 'geojson' | 'csv';
  kind?: string;
  out?: string;
  crossingGeometry: 'point' | 'line';
};

/** `amur atlas export --format geojson|csv`: the atlas as GeoJSON or CSV, to a file, a directory or stdout. */
function registerExport(atlas: Command): void {
  atlas
    .command('export')
    .description('write the atlas as GeoJSON (RFC 7946) or CSV (one header per kind)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['geojson', 'csv']).makeOptionMandatory(),
    )
    .option(
      '--kind <kinds>',
      `record kinds, comma-separated (GeoJSON: ${GEO_KINDS.join(', ')}; CSV also source); default all`,
    )
    .option(
      '--out <path>',
      'output file (GeoJSON, or CSV of one kind) or directory (CSV of several kinds: KIND.csv each); default standard output',
    )
    .addOption(
      new Option(
        '--crossing-geometry <shape>',
        'GeoJSON crossings as the midpoint of their sides, or a line joining them',
      )
        .choices(['point', 'line'])
        .default('point'),
    )
    .addOption(dirOption())
    .addOption(new Option('--json', 'print a JSON report of what was written (needs --out)'))
    .action(runExport);
}

function runExport(opts: ExportOpts): void {
  const a = loadForCommand(opts.dir);
  if (opts.json && !opts.out)
    throw new CliError('--json prints a report of the files written: give --out FILE (or --out DIR for CSV)');
  const allowed = opts.format === 'geojson' ? GEO_KINDS : EXPORT_KINDS;
  const kinds: ExportKind[] = opts.kind ? parseKinds(opts.kind, allowed) : [...allowed];
  const written: { file: string; kind: string; records: number; bytes: number }[] = [];
  const write = (file: string, text: string, kind: string, records: number) => {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(file, text);
    written.push({ file, kind, records, bytes: Buffer.byteLength(text) });
  };
  if (opts.format === 'geojson') {
    const fc = atlasToGeoJSON(a, { kinds, crossingGeometry: opts.crossingGeometry });
    const text = `${JSON.stringify(fc)}\n`;
    if (opts.out) write(opts.out, text, kinds.join(','), fc.features.length);
    else process.stdout.write(text);
  } else if (kinds.length === 1) {
    const text = atlasToCsv(a, kinds[0]);
    const records = recordsOfKind(a, kinds[0]).length;
    if (opts.out) write(opts.out, text, kinds[0], records);
    else process.stdout.write(text);
  } else {
    if (!opts.out)
      throw new CliError(
        `CSV of several kinds (${kinds.join(', ')}) needs --out DIR (one KIND.csv each), or one --kind for standard output`,
      );
    for (const kind of kinds)
      write(
        join(opts.out, `${LIST_OF_KIND[kind]}.csv`),
        atlasToCsv(a, kind),
        kind,
        recordsOfKind(a, kind).length,
      );
  }
  if (opts.json) printJson({ format: opts.format, files: written });
  else if (opts.out)
    for (const w of written) console.error(`wrote ${w.file}: ${w.records} ${w.kind} records`);
}

/** `amur atlas schema`: the JSON Schema files for editors, written or checked (`--check`). */
function registerSchema(atlas: Command): void {
  atlas
    .command('schema')
    .description('write the JSON Schema of each record kind and of an atlas file (for editors)')
    .option('--out <dir>', 'output directory', DEFAULT_SCHEMA_DIR)
    .option('--check', 'only check that the files in --out are up to date (exit 1 if not)')
    .addOption(jsonOption())
    .action(runSchema);
}

function runSchema(opts: { out: string; check?: boolean; json?: boolean }): void {
  if (opts.check) {
    const stale = staleJsonSchemas(opts.out);
    if (opts.json) printJson({ dir: opts.out, upToDate: stale.length === 0, stale });
    else if (stale.length === 0) console.log(`ok: the JSON Schema files in ${opts.out} are up to date`);
    else
      console.log(
        `${opts.out}: ${stale.join(', ')} missing or stale (run \`amur atlas schema --out ${opts.out}\`)`,
      );
    if (stale.length > 0) process.exitCode = 1;
    return;
  }
  const files = writeJsonSchemas(opts.out);
  if (opts.json) printJson({ dir: opts.out, files });
  else for (const f of files) console.log(`wrote ${f}`);
}
