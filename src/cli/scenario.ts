/**
 * `amur scenario list|show|diff`, `amur assign DEMAND` and `amur demand
 * derive`: what-if scenarios over the atlas, their comparison over OD pairs
 * and dates, flow assignment of a demand table, and demand from trade data.
 */
import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { stringify } from 'yaml';
import { loadAtlasCached } from '../atlas/cache.ts';
import { DEFAULT_ATLAS_DIR } from '../atlas/load.ts';
import type { Atlas } from '../atlas/schema.ts';
import type { Profile } from '../costs/profile.ts';
import { atlasNames, type Lang } from '../i18n/messages.ts';
import { buildScenario, type ScenarioNetwork } from '../scenarios/apply.ts';
import { type AssignResult, assign } from '../scenarios/assign.ts';
import { assignParallel } from '../scenarios/assign-parallel.ts';
import { DEFAULT_DIFF_DATES } from '../scenarios/default-dates.ts';
import { deriveDemand, loadDemand, loadDemandSpec, loadOdPairs, pairsOfDemand } from '../scenarios/demand.ts';
import { diffScenarios, diffToCsv, monthDates } from '../scenarios/diff.ts';
import { assignToGeoJson, diffToGeoJson } from '../scenarios/geojson.ts';
import { scenarioInfo } from '../scenarios/info.ts';
import { DEFAULT_SCENARIO_DIR, listScenarios, loadScenario, ScenarioError } from '../scenarios/load.ts';
import { type DiffSay, formatDiff } from './diff-text.ts';
import { langOption, profileFromFlag } from './options.ts';
import { CliError, printJson } from './output.ts';

const DEFAULT_PAIRS = 'data/demand/od-pairs.yaml';

function inputs(dir: string, profileFile?: string): { atlas: Atlas; profile: Profile } {
  const loaded = loadAtlasCached(dir);
  if (loaded.atlas.places.length === 0) throw new CliError(`--dir ${dir}: no places could be loaded`);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0)
    console.error(
      `amur: warning: the atlas has ${errors.length} problem(s) (\`amur atlas validate\` lists them); using the records that loaded`,
    );
  return { atlas: loaded.atlas, profile: profileFromFlag(profileFile) };
}

function wrap<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ScenarioError) throw new CliError(e.message);
    throw e;
  }
}

function build(atlas: Atlas, profile: Profile, id: string, dir: string): ScenarioNetwork {
  return wrap(() => buildScenario(atlas, profile, loadScenario(id, dir)));
}

/** The atlas's names in `lang` for the diff's text: places, crossing services (`crossing/service`), lines of links. */
function diffSay(atlas: Atlas, lang: Lang): DiffSay {
  const names = atlasNames(atlas, lang);
  const links = new Map(atlas.links.map((l) => [l.id, l]));
  return {
    lang,
    place: (id) => names.place(id, id),
    crossing: (id) => {
      const [crossing, service] = id.split('/');
      return service ? (names.service?.(crossing, service, id) ?? id) : names.crossing(crossing, id);
    },
    lines: (ids) => [
      ...new Set(
        ids.flatMap((id) => {
          const line = links.get(id)?.line;
          return line ? [line[lang] ?? line.en] : [];
        }),
      ),
    ],
  };
}

function printAssign(r: AssignResult, top: number): void {
  const t = (x: number) => `${Math.round(x).toLocaleString('en-US')} t`;
  const out: string[] = [];
  out.push(
    `Assignment (${r.method}), ${r.year}: demand ${t(r.totals.demand)}, assigned ${t(r.totals.assigned)}, unassigned ${t(r.totals.unassigned)}`,
  );
  out.push('');
  out.push('Crossings:');
  for (const c of r.crossings.slice(0, top)) {
    out.push(
      `  ${c.id.padEnd(34)} ${t(c.load).padStart(14)}${c.teu > 0 ? ` (${Math.round(c.teu).toLocaleString('en-US')} TEU)` : ''}${c.utilisation !== null ? `  ${(c.utilisation * 100).toFixed(1)}% of ${t(c.capacity ?? 0)}` : ''}${c.monthsAtCapacity ? `, ${c.monthsAtCapacity} months at capacity` : ''}`,
    );
    for (const s of c.services)
      if (c.services.length > 1 || s.capacityUsed)
        out.push(
          `      ${s.service.padEnd(30)} ${t(s.load).padStart(14)}${s.utilisation !== null ? `  ${(s.utilisation * 100).toFixed(1)}% of ${s.capacityUsed?.how}` : ''}  by month: ${s.byMonth.map((v) => Math.round(v / 1000)).join(' ')} kt`,
        );
  }
  out.push('');
  out.push(`Links (top ${top}):`);
  for (const l of r.links.slice(0, top))
    out.push(
      `  ${l.id.padEnd(40)} ${t(l.load).padStart(14)}${l.utilisation !== null ? `  ${(l.utilisation * 100).toFixed(1)}%` : ''}`,
    );
  out.push('');
  if (r.overloads.length === 0)
    out.push('Overloads: none (every capacitated crossing and link at or under capacity)');
  else {
    const mon = (m: number) =>
      ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m];
    out.push('Overloads (load beyond capacity in a month; where the excess would go with it closed):');
    for (const o of r.overloads) {
      out.push(
        `  ${o.id}: ${t(o.excessTonnes)} above capacity in ${o.months.map((m) => mon(m.month)).join(', ')}; peak ${(o.peakUtilisation * 100).toFixed(0)}% in ${mon(o.peakMonth)}`,
      );
      for (const d of o.divertedTo.slice(0, 4))
        out.push(
          `      → ${d.via}: ${t(d.tonnes)}${d.extraUsdPerTonne !== null ? `, +$${d.extraUsdPerTonne.toFixed(2)}/t` : ''}${d.alsoOverloaded ? ', itself over capacity' : ''} (e.g. ${d.examples.slice(0, 2).join('; ')})`,
        );
    }
  }
  if (r.unassigned.length > 0) {
    out.push('');
    out.push('Unassigned:');
    for (const u of r.unassigned)
      out.push(
        `  ${u.from} → ${u.to} ${u.commodity} (${u.cargo}): ${t(u.tonnes)}, ${u.reason}${u.reason === 'closed-some-months' ? ` (months ${u.months.map((m) => m + 1).join(',')})` : ''}`,
      );
  }
  if (r.iterations.some((i) => i.relativeGap !== null)) {
    out.push('');
    out.push('Iterations:');
    for (const i of r.iterations)
      out.push(
        `  ${String(i.iteration).padStart(3)}  gap ${i.relativeGap === null ? '—' : i.relativeGap.toExponential(2)}  λ ${i.lambda === null ? '—' : i.lambda.toFixed(3)}  ${Math.round(i.ms)} ms`,
      );
  }
  out.push('');
  out.push(
    `${r.stats.odPairs} OD pairs from ${r.stats.origins} origin groups, ${r.stats.trees} trees, ${r.stats.ms} ms`,
  );
  console.log(out.join('\n'));
}

const atlasDirOption = () => new Option('--dir <dir>', 'atlas directory').default(DEFAULT_ATLAS_DIR);
const scenarioDirOption = () =>
  new Option('--scenarios <dir>', 'scenario directory').default(DEFAULT_SCENARIO_DIR);

/** `--dir`, `--scenarios`, `--profile` and `--json`, in this order (show, diff, assign). */
function addInputOptions(cmd: Command): Command {
  return cmd
    .addOption(atlasDirOption())
    .addOption(scenarioDirOption())
    .option('--profile <file>', 'cost profile')
    .option('--json', 'JSON output');
}

interface InputFlags {
  dir: string;
  scenarios: string;
  profile?: string;
  json?: boolean;
}

export function registerScenarioCommands(program: Command): void {
  const scenario = program
    .command('scenario')
    .description('what-if scenarios over the atlas: list, show, diff');
  registerList(scenario);
  registerShow(scenario);
  registerDiff(scenario);
  registerAssign(program);
  registerDerive(program.command('demand').description('OD demand tables'));
}

/** `amur scenario list`: the shipped scenarios. */
function registerList(scenario: Command): void {
  scenario
    .command('list')
    .description('the shipped scenarios')
    .addOption(scenarioDirOption())
    .option('--json', 'print [{ id, name }] as JSON')
    .action((o: { scenarios: string; json?: boolean }) => {
      const list = wrap(() => listScenarios(o.scenarios));
      if (o.json)
        return printJson(
          list.map((s) => ({
            id: s.id,
            name: s.name,
          })),
        );
      for (const s of list)
        console.log(
          `${s.id.padEnd(22)} ${s.name}${s.extends ? `  (extends ${s.extends})` : ''}, ${s.modifications} modification${s.modifications === 1 ? '' : 's'}`,
        );
    });
}

/** `amur scenario show ID`: a scenario, what it changes, and how long it takes to apply and compile. */
function registerShow(scenario: Command): void {
  addInputOptions(
    scenario
      .command('show <id>')
      .description(
        'a scenario: description, sources, modifications and what they change; apply + compile time',
      ),
  ).action(runShow);
}

function runShow(id: string, o: InputFlags): void {
  const { atlas, profile } = inputs(o.dir, o.profile);
  const s = wrap(() => loadScenario(id, o.scenarios));
  const built = build(atlas, profile, id, o.scenarios);
  const info = scenarioInfo(s, built);
  if (o.json) {
    printJson(info);
    return;
  }
  console.log(`${s.id}: ${s.name}\n\n${s.description}\n`);
  console.log(`chain: ${info.chain.join(' → ')}`);
  console.log(`sources: ${s.sources.join(', ')}`);
  console.log('changes:');
  for (const c of built.changes) console.log(`  ${c}`);
  console.log(`apply ${info.applyMs} ms, compile ${info.compileMs} ms`);
}

interface DiffFlags extends InputFlags {
  pairs: string;
  od?: string;
  date: string;
  months?: boolean;
  year: string;
  optimize: 'time' | 'cost' | 'co2' | 'generalised';
  vot: string;
  carbon: string;
  csv?: boolean;
  geojson?: string;
  lang?: Lang;
}

/** `amur scenario diff A B`: two scenarios compared over OD pairs and dates. */
function registerDiff(scenario: Command): void {
  addInputOptions(
    scenario
      .command('diff <a> <b>')
      .description('compare two scenarios over OD pairs and dates')
      .option('--pairs <file>', 'OD pairs file', DEFAULT_PAIRS)
      .option('--od <file>', 'use the pairs of a demand table instead')
      .option(
        '--date <dates>',
        'departure date(s), comma-separated (default: one in each crossing regime of 2024: ice, break-up, summer, freeze-up)',
        DEFAULT_DIFF_DATES.join(','),
      )
      .option('--months', 'the 15th of every month of --year (default 2024)')
      .option('--year <year>', 'year for --months', '2024')
      .addOption(
        new Option(
          '--optimize <criterion>',
          "route criterion (generalised: the assignment's generalised cost)",
        )
          .choices(['time', 'cost', 'co2', 'generalised'])
          .default('cost'),
      )
      .option('--vot <usd>', 'value of time for --optimize generalised, USD per tonne-hour', '0.05')
      .option('--carbon <usd>', 'carbon price for --optimize generalised, USD per tonne CO2e', '0'),
  )
    .option('--csv', 'CSV output (one line per pair and date)')
    .option('--geojson <file>', 'also write the change in use per crossing and link as GeoJSON')
    .addOption(
      langOption(
        "write the text output in this language: headings, routes, changes and the summary, places, crossing services and lines by the atlas's names in it (default: ids and English)",
      ),
    )
    .action(runDiff);
}

/** The dates of a diff: the 15th of each month of `--year` with `--months`, else `--date`; each checked. */
function diffDates(o: DiffFlags): string[] {
  const year = Number(o.year);
  if (!Number.isInteger(year) || year < 1990 || year > 2100)
    throw new CliError(`--year: "${o.year}" is not a year (valid: 1990–2100)`);
  const dates = o.months ? monthDates(year) : o.date.split(',').map((s) => s.trim());
  for (const d of dates)
    if (!/^\d{4}-\d\d-\d\d$/.test(d) || Number.isNaN(Date.parse(d)))
      throw new CliError(`--date: "${d}" is not a date (valid: YYYY-MM-DD, comma-separated)`);
  return dates;
}

function runDiff(a: string, b: string, o: DiffFlags): void {
  const { atlas, profile } = inputs(o.dir, o.profile);
  const pairs = wrap(() => (o.od ? pairsOfDemand(loadDemand(o.od, atlas)) : loadOdPairs(o.pairs, atlas)));
  const dates = diffDates(o);
  const sa = build(atlas, profile, a, o.scenarios);
  const sb = build(atlas, profile, b, o.scenarios);
  const vot = Number(o.vot);
  const carbon = Number(o.carbon);
  if (!(vot >= 0)) throw new CliError(`--vot: "${o.vot}" is not a number ≥ 0 (USD per tonne-hour)`);
  if (!(carbon >= 0)) throw new CliError(`--carbon: "${o.carbon}" is not a number ≥ 0 (USD per tonne CO2e)`);
  const d = diffScenarios(sa, sb, pairs, {
    dates,
    optimize: o.optimize,
    votUsdPerTonneHour: vot,
    carbonUsdPerTonne: carbon,
  });
  if (o.geojson) writeFileSync(o.geojson, `${JSON.stringify(diffToGeoJson(d, sb.atlas))}\n`);
  if (o.json) printJson(d);
  else if (o.csv) process.stdout.write(diffToCsv(d));
  else console.log(formatDiff(d, o.lang ? diffSay(sb.atlas, o.lang) : undefined));
}

interface AssignFlags extends InputFlags {
  scenario: string;
  method: 'aon' | 'incremental' | 'fw';
  iterations?: string;
  year: string;
  vot: string;
  carbon: string;
  top: string;
  geojson?: string;
  workers: string;
}

/** `amur assign DEMAND`: a demand table assigned to a scenario's network, month by month. */
function registerAssign(program: Command): void {
  addInputOptions(
    program
      .command('assign <demand>')
      .description('assign an OD demand table (tonnes/yr) to a scenario network, month by month')
      .option('--scenario <id>', 'scenario id or file', 'current')
      .addOption(
        new Option('--method <method>', 'assignment method')
          .choices(['aon', 'incremental', 'fw'])
          .default('aon'),
      )
      .option('--iterations <n>', 'Frank–Wolfe iterations or incremental slices')
      .option('--year <year>', 'year of the departures', '2024')
      .option('--vot <usd>', 'value of time, USD per tonne-hour', '0.05')
      .option('--carbon <usd>', 'carbon price, USD per tonne CO2e', '0')
      .option('--top <n>', 'rows to print per table', '15')
      .option('--geojson <file>', 'also write the loaded crossings and links as GeoJSON')
      .option('--workers <n>', 'worker threads (months are dealt to them)', '1'),
  ).action(runAssign);
}

/** A numeric flag's value, at least `min`; undefined when the flag is not given. */
function numberAtLeast(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || x < min) throw new CliError(`--${name}: "${v}" is not a number ≥ ${min}`);
  return x;
}

async function runAssign(file: string, o: AssignFlags): Promise<void> {
  const { atlas, profile } = inputs(o.dir, o.profile);
  const demand = wrap(() => loadDemand(file, atlas));
  const s = build(atlas, profile, o.scenario, o.scenarios);
  const workers = numberAtLeast(o.workers, 'workers', 1) ?? 1;
  const opts = {
    method: o.method,
    iterations: numberAtLeast(o.iterations, 'iterations', 1),
    year: numberAtLeast(o.year, 'year', 1990),
    votUsdPerTonneHour: numberAtLeast(o.vot, 'vot', 0),
    carbonUsdPerTonne: numberAtLeast(o.carbon, 'carbon', 0),
    rules: s.rules,
  };
  const r =
    workers > 1
      ? await assignParallel(s.atlas, s.profile, demand, { ...opts, workers })
      : assign(s.network, s.atlas, demand, opts);
  if (o.geojson) writeFileSync(o.geojson, `${JSON.stringify(assignToGeoJson(r, s.atlas))}\n`);
  if (o.json) {
    printJson({ scenario: s.id, ...r });
    return;
  }
  console.log(`Scenario ${s.id}: ${s.name}`);
  printAssign(r, Number(o.top) || 15);
}

interface DeriveFlags {
  spec: string;
  year: string;
  out?: string;
  db?: string;
  dir: string;
  json?: boolean;
}

/** `amur demand derive --spec FILE --year YEAR`: an OD demand table from the trade observatory. */
function registerDerive(demand: Command): void {
  demand
    .command('derive')
    .description('derive an OD demand table from the trade observatory with a spec file')
    .requiredOption('--spec <file>', 'demand spec (YAML)')
    .requiredOption('--year <year>', 'trade year')
    .option('--out <file>', 'write the table here (YAML; .json for JSON)')
    .option('--db <file>', 'trade store (default: AMUR_DB or the user data directory)')
    .addOption(atlasDirOption())
    .option('--json', 'print the table as JSON')
    .action(runDerive);
}

async function runDerive(o: DeriveFlags): Promise<void> {
  const year = Number(o.year);
  if (!Number.isInteger(year)) throw new CliError(`--year: "${o.year}" is not a year`);
  const { atlas } = inputs(o.dir);
  const spec = wrap(() => loadDemandSpec(o.spec, atlas));
  const { openTradeStore } = await import('../trade/first-use.ts');
  const store = await openTradeStore(o.db ?? process.env.AMUR_DB, { readOnly: true });
  try {
    const table = await deriveDemand(store, spec, year, o.spec).catch((e) => {
      if (e instanceof ScenarioError) throw new CliError(e.message);
      throw e;
    });
    const { check, ...rest } = table;
    if (o.out) {
      writeFileSync(o.out, o.out.endsWith('.json') ? `${JSON.stringify(rest, null, 2)}\n` : stringify(rest));
    }
    if (o.json) {
      printJson(table);
      return;
    }
    const t = (x: number) => `${Math.round(x).toLocaleString('en-US')} t`;
    console.log(`${table.description}`);
    for (const [f, v] of Object.entries(check.valueUsd))
      console.log(`  ${f}: US$${(v / 1e6).toFixed(1)} million`);
    for (const [g, v] of Object.entries(check.tonnesByGroup))
      console.log(`  ${g.padEnd(24)} ${t(v).padStart(16)}`);
    console.log(
      `  ${'total'.padEnd(24)} ${t(check.tonnesTotal).padStart(16)} in ${table.rows.length} OD rows`,
    );
    if (o.out) console.log(`written to ${o.out}`);
  } finally {
    store.close();
  }
}
