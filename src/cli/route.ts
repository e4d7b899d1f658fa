/**
 * `amur route FROM TO …` and `amur matrix --from … --to …`: plan freight
 * across the corridor on a date, with time, cost and CO2e. Places resolve
 * through the gazetteer in any script (Благовещенск, 黑河, Heihe, RUBQS); an
 * unknown or ambiguous name is an error listing candidates.
 */

import { type Command, Option } from 'commander';
import { loadAtlasCached } from '../atlas/cache.ts';
import { localParts } from '../atlas/calendar.ts';
import { GazetteerError, resolveCrossing, resolvePlace, resolvePlaceMatch } from '../atlas/gazetteer.ts';
import type { Atlas } from '../atlas/schema.ts';
import { type CARGO_UNITS, FREIGHT_MODES, type FreightMode, type Profile } from '../costs/profile.ts';
import { atlasNames, type Lang } from '../i18n/messages.ts';
import { legNames } from '../i18n/route-lines.ts';
import { routeResultToGeoJson } from '../itinerary/geometry.ts';
import { compileNetwork } from '../network/compile.ts';
import { linkDetailWithNetworks } from '../network/osm/detail.ts';
import { RouteQueryError, route } from '../routing/index.ts';
import { matrixParallel } from '../routing/matrix-parallel.ts';
import type { MatrixResult, RouteResult } from '../routing/schema.ts';
import { applyScenarioFull, type TransitRule, transitAvoid } from '../scenarios/apply.ts';
import { loadScenario, ScenarioError } from '../scenarios/load.ts';
import { formatMatrix } from './matrix-text.ts';
import { atlasDirOption, cargoOption, langOption, profileFromFlag, profileOption } from './options.ts';
import { CliError, printJson } from './output.ts';
import { formatRouteResult } from './route-text.ts';

interface Loaded {
  atlas: Atlas;
  profile: Profile;
  /** Transit rules of the scenario (cargo between two places of a country may not pass through …). */
  rules: TransitRule[];
}

/** The atlas and profile, with the scenario (`--scenario ID|FILE`) applied when one is given. */
function loadInputs(dir: string, profileFile: string | undefined, scenario?: string): Loaded {
  const base = loadBase(dir, profileFile);
  if (!scenario || scenario === 'current') return { ...base, rules: [] };
  try {
    const applied = applyScenarioFull(base.atlas, base.profile, loadScenario(scenario));
    return { atlas: applied.atlas, profile: applied.profile, rules: applied.rules };
  } catch (e) {
    if (e instanceof ScenarioError) throw new CliError(`--scenario: ${e.message}`);
    throw e;
  }
}

function loadBase(dir: string, profileFile: string | undefined): Omit<Loaded, 'rules'> {
  const loaded = loadAtlasCached(dir);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (loaded.atlas.places.length === 0) {
    throw new CliError(`--dir ${dir}: no places could be loaded (run \`amur atlas validate --dir ${dir}\`)`);
  }
  if (errors.length > 0) {
    console.error(
      `amur: warning: the atlas has ${errors.length} problem${errors.length === 1 ? '' : 's'} (\`amur atlas validate\` lists them); routing on the records that loaded`,
    );
  }
  return { atlas: loaded.atlas, profile: profileFromFlag(profileFile) };
}

function placeId(atlas: Atlas, text: string, what: string): string {
  try {
    const r = resolvePlaceMatch(atlas, text);
    // A match that was not exact is said, so that no place is substituted silently.
    if (r.note) console.error(`amur: ${what}: ${r.note}`);
    return r.record.id;
  } catch (e) {
    if (e instanceof GazetteerError) throw new CliError(`${what}: ${e.message}`);
    throw e;
  }
}

/** An --avoid item: a crossing id or name, a place, or an ISO country code. */
function avoidId(atlas: Atlas, text: string, index: number): string {
  const t = text.trim();
  if (/^[A-Z]{2}$/.test(t)) return t;
  if (atlas.crossings.some((c) => c.id === t) || atlas.places.some((p) => p.id === t)) return t;
  try {
    return resolveCrossing(atlas, t).id;
  } catch {
    try {
      return resolvePlace(atlas, t).id;
    } catch (e) {
      if (e instanceof GazetteerError)
        throw new CliError(
          `--avoid item ${index + 1}: ${e.message.replace('unknown place', 'unknown place or crossing')}`,
        );
      throw e;
    }
  }
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function intOpt(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new CliError(`${name}: "${value}" is not a whole number ≥ 0`);
    return n;
  };
}

function numOpt(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new CliError(`${name}: "${value}" is not a number > 0`);
    return n;
  };
}

function todayIn(tz: string): string {
  const p = localParts(Date.now(), tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function rethrow(e: unknown): never {
  if (e instanceof RouteQueryError)
    throw new CliError(
      `--${e.parameter.replace(/([A-Z])/g, '-$1').toLowerCase()}: ${e.message.slice(e.parameter.length + 2)}`,
    );
  throw e;
}

// ---------------------------------------------------------------- commands

interface RouteOpts {
  lang?: Lang;
  date?: string;
  time: string;
  cargo: (typeof CARGO_UNITS)[number];
  qty: number;
  optimize: 'time' | 'cost' | 'co2' | 'pareto';
  modes?: string[];
  avoid?: string[];
  alternatives: number;
  maxTransfers?: number;
  latestArrival?: string;
  slack: number;
  horizonDays: number;
  riskDays: number;
  profile?: string;
  scenario?: string;
  dir: string;
  json?: boolean;
  format?: 'text' | 'json' | 'geojson';
  network?: string[];
}

export function registerRouteCommands(program: Command): void {
  registerRoute(program);
  registerMatrix(program);
}

/** `amur route FROM TO`: its arguments and options, in the order help lists them. */
function registerRoute(program: Command): void {
  program
    .command('route')
    .description(
      'plan freight from one place to another on a date (time, cost, CO2e; waits and crossings explained)',
    )
    .argument('<from>', 'origin: id, name in any script, pinyin or UN/LOCODE')
    .argument('<to>', 'destination')
    .option('--date <YYYY-MM-DD>', 'departure date, local time of the origin (default: today)')
    .option('--time <HH:MM>', 'departure time, local time of the origin', '08:00')
    .addOption(cargoOption())
    .addOption(
      langOption(
        "write the text output in this language: the query, legs, transfers, crossings and totals, the summary, the alternatives' differences, the no-route explanation and the warnings, places by the atlas's names in it",
      ),
    )
    .option('--qty <n>', 'number of units (TEU, FEU or tonnes)', numOpt('--qty'), 1)
    .addOption(
      new Option('--optimize <what>', 'criterion')
        .choices(['time', 'cost', 'co2', 'pareto'])
        .default('pareto'),
    )
    .option('--modes <list>', `allowed modes, comma-separated (${FREIGHT_MODES.join(', ')})`, list)
    .option('--avoid <list>', 'places, crossings or country codes to avoid, comma-separated', list)
    .option(
      '--alternatives <k>',
      'also show up to k itineraries through other crossings',
      intOpt('--alternatives'),
      0,
    )
    .option('--max-transfers <n>', 'at most n mode or gauge changes', intOpt('--max-transfers'))
    .option(
      '--latest-arrival <datetime>',
      'latest arrival, ISO 8601 with offset, e.g. 2019-05-10T18:00+08:00',
    )
    .option('--slack <fraction>', 'Pareto slack (0.05 = 5%)', Number, 0.05)
    .option('--horizon-days <n>', 'longest wait for a season, days', intOpt('--horizon-days'), 120)
    .option(
      '--risk-days <n>',
      'warn when a used service changes regime within n days before or after its use',
      intOpt('--risk-days'),
      14,
    )
    .addOption(profileOption())
    .option('--scenario <id|file>', 'plan on a scenario (a shipped id, e.g. before-bridges, or a YAML file)')
    .addOption(atlasDirOption())
    .option('--json', 'print JSON: { query, itineraries: [{ totals, legs, crossings, warnings, … }] }')
    .option(
      '--network <names>',
      'imported OSM networks (amur network list) that measure the road and rail links they cover, comma-separated',
      list,
    )
    .addOption(
      new Option(
        '--format <format>',
        'text, json (as --json) or geojson: the legs as a GeoJSON FeatureCollection, one LineString per leg marked measured or schematic (opens in QGIS)',
      )
        .choices(['text', 'json', 'geojson'])
        .default('text'),
    )
    .action(runRoute);
}

/** `--modes` items are freight modes; the first that is not is named with the valid ones. */
function checkModes(modes: readonly string[] | undefined): void {
  for (const [i, m] of (modes ?? []).entries()) {
    if (!(FREIGHT_MODES as readonly string[]).includes(m))
      throw new CliError(`--modes item ${i + 1}: unknown mode "${m}" (valid: ${FREIGHT_MODES.join(', ')})`);
  }
}

/**
 * The link detail of the `--network` networks, each network's report said on
 * stderr (so that --json and --format geojson stay clean); none without the flag.
 */
function networkDetail(atlas: Atlas, names: string[] | undefined) {
  if (!names?.length) return undefined;
  const detail = linkDetailWithNetworks(atlas, names);
  for (const r of detail.reports) {
    console.error(
      `amur: network ${r.network}: ${r.measured.length} road/rail link(s) measured${r.notMeasured.length ? `, ${r.notMeasured.length} inside it not (${r.notMeasured.map((x) => `${x.link}: ${x.why}`).join('; ')})` : ''}`,
    );
  }
  return detail;
}

/** The action of `amur route`: resolve the places, search, print; exit 3 when there is no itinerary. */
function runRoute(fromText: string, toText: string, o: RouteOpts): void {
  const { atlas, profile, rules } = loadInputs(o.dir, o.profile, o.scenario);
  const from = placeId(atlas, fromText, 'FROM');
  const to = placeId(atlas, toText, 'TO');
  checkModes(o.modes);
  const avoid = (o.avoid ?? []).map((a, i) => avoidId(atlas, a, i));
  const origin = atlas.places.find((p) => p.id === from);
  const destination = atlas.places.find((p) => p.id === to);
  // the scenario's transit rules (e.g. no transit of domestic cargo through Russia)
  for (const c of transitAvoid(rules, origin?.country ?? '', destination?.country ?? ''))
    if (!avoid.includes(c)) avoid.push(c);
  const detail = networkDetail(atlas, o.network);
  const net = compileNetwork(atlas, profile, detail ? { linkDetail: detail.details } : {});
  let result: RouteResult;
  try {
    result = route(net, {
      from,
      to,
      date: o.date ?? todayIn(origin?.timezone ?? 'UTC'),
      time: o.time,
      cargo: o.cargo,
      qty: o.qty,
      optimize: o.optimize,
      modes: o.modes as FreightMode[] | undefined,
      avoid,
      alternatives: o.alternatives,
      maxTransfers: o.maxTransfers,
      latestArrival: o.latestArrival,
      slack: o.slack,
      horizonDays: o.horizonDays,
      riskDays: o.riskDays,
    });
  } catch (e) {
    rethrow(e);
  }
  if (o.format === 'geojson') printJson(routeResultToGeoJson(result));
  else if (o.json || o.format === 'json') printJson(result);
  else {
    const name = (id: string) => atlas.places.find((p) => p.id === id)?.names[o.lang ?? 'en'] ?? id;
    const local = o.lang ? legNames(atlas, o.lang) : undefined;
    console.log(formatRouteResult(result, { from: name(from), to: name(to) }, o.lang, local));
  }
  if (result.itineraries.length === 0) process.exitCode = 3;
}

interface MatrixOpts {
  from: string[];
  to: string[];
  date?: string;
  time: string;
  metric: 'time' | 'cost' | 'co2';
  cargo: (typeof CARGO_UNITS)[number];
  modes?: string[];
  workers?: number;
  profile?: string;
  scenario?: string;
  dir: string;
  csv?: boolean;
  json?: boolean;
  lang?: Lang;
}

/** `amur matrix --from … --to …`: its options, in the order help lists them. */
function registerMatrix(program: Command): void {
  program
    .command('matrix')
    .description(
      'many-to-many matrix of earliest arrival, cost or CO2e on a date (worker threads for large requests)',
    )
    .requiredOption('--from <list>', 'origins, comma-separated (ids or names)', list)
    .requiredOption('--to <list>', 'destinations, comma-separated', list)
    .option('--date <YYYY-MM-DD>', 'departure date (default: today)')
    .option('--time <HH:MM>', 'departure time, local time of each origin', '08:00')
    .addOption(
      new Option('--metric <m>', 'what to tabulate').choices(['time', 'cost', 'co2']).default('time'),
    )
    .addOption(cargoOption())
    .option('--modes <list>', 'allowed modes, comma-separated', list)
    .option('--workers <n>', 'worker threads (default: all cores for 16+ origins)', intOpt('--workers'))
    .addOption(profileOption())
    .option('--scenario <id|file>', 'compute on a scenario (a shipped id or a YAML file)')
    .addOption(atlasDirOption())
    .addOption(new Option('--csv', 'print CSV').conflicts('json'))
    .option('--json', 'print JSON: { query, unit, values[from][to] }')
    .addOption(
      langOption(
        "write the text and CSV output in this language: the header, the unit line, places by the atlas's names in it (default: ids and English)",
      ),
    )
    .action(runMatrix);
}

/** The action of `amur matrix`: resolve every place, compute on worker threads when large, print. */
async function runMatrix(o: MatrixOpts): Promise<void> {
  const { atlas, profile } = loadInputs(o.dir, o.profile, o.scenario);
  checkModes(o.modes);
  const from = o.from.map((t, i) => placeId(atlas, t, `--from item ${i + 1}`));
  const to = o.to.map((t, i) => placeId(atlas, t, `--to item ${i + 1}`));
  let m: MatrixResult;
  try {
    m = await matrixParallel(
      atlas,
      profile,
      {
        from,
        to,
        date: o.date ?? todayIn('Asia/Shanghai'),
        time: o.time,
        metric: o.metric,
        cargo: o.cargo,
        modes: o.modes as FreightMode[] | undefined,
      },
      { workers: o.workers, minOriginsPerWorker: o.workers ? 1 : 8 },
    );
  } catch (e) {
    rethrow(e);
  }
  if (o.json) printJson(m);
  else {
    const lang = o.lang;
    const names = lang ? atlasNames(atlas, lang) : undefined;
    const say = lang && names ? { lang, place: (id: string) => names.place(id, id) } : undefined;
    console.log(formatMatrix(m, Boolean(o.csv), say));
  }
}
