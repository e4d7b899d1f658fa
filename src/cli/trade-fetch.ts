/**
 * `amur trade fetch comtrade …` — fetch UN Comtrade+ data into the store.
 *
 *   amur trade fetch comtrade --reporter CHN --partner RUS --period 2019-2024 --hs 2
 *
 * States the plan (tier, calls, cached calls, new calls) on stderr before the
 * first call; `--dry-run` prints only the plan and calls nothing. The
 * subscription key comes from `--key-file FILE` or `$COMTRADE_API_KEY` and is
 * never printed; without a key the keyless preview endpoint is used (500
 * records per call). The API base URL is `--base-url` or `$AMUR_COMTRADE_URL`
 * (tests point it at a local server). Responses are cached (`--cache-dir`,
 * default `$AMUR_CACHE_DIR/comtrade` or `~/.cache/amur/comtrade`): a re-run
 * resumes where an interrupted one stopped.
 *
 * The library is imported inside the action, so `amur trade --help` stays light;
 * the store is opened as every trade command opens it (`trade-store.ts`).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AmurError, EXIT_CODE } from '../errors.ts';
import { CliError, collect, printJson, splitList } from './output.ts';
import { storeOption, withStore } from './trade-store.ts';

interface FetchFlags {
  reporter?: string[];
  partner?: string[];
  period?: string;
  flow?: string[];
  hs?: string;
  commodity?: string[];
  classification?: string;
  tier?: string;
  keyFile?: string;
  baseUrl?: string;
  cacheDir?: string;
  dryRun?: boolean;
  db?: string;
  json?: boolean;
}

function readKey(o: FetchFlags): string | undefined {
  if (o.keyFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(o.keyFile, 'utf8');
    } catch (e) {
      throw new CliError(
        `--key-file ${o.keyFile}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    const key = text.trim();
    if (key === '')
      throw new CliError(`--key-file ${o.keyFile}: the file is empty (it should hold the subscription key)`);
    return key;
  }
  const env = process.env.COMTRADE_API_KEY?.trim();
  return env ? env : undefined;
}

/** An error of the library as one CLI line: the parameter as its flag, the exit code by kind. */
function asCliError(e: unknown, key: string | undefined): unknown {
  if (!(e instanceof AmurError)) return e;
  let msg = e.message;
  if (key) msg = msg.split(key).join('***');
  if (e.parameter && msg.startsWith(`${e.parameter} `))
    msg = `--${e.parameter} ${msg.slice(e.parameter.length + 1)}`;
  return new CliError(msg, EXIT_CODE[e.kind]);
}

export function registerTradeFetchCommands(trade: Command): void {
  const fetch = trade
    .command('fetch')
    .description('fetch trade statistics from a live source into the store (comtrade)');
  registerComtrade(fetch);
}

/** `amur trade fetch comtrade`: its options, in the order help lists them. */
function registerComtrade(fetch: Command): void {
  fetch
    .command('comtrade')
    .description(
      'fetch UN Comtrade+ data (API v1): validated, chunked to the quotas, cached, resumable, imported in one transaction',
    )
    .option(
      '--reporter <area>',
      'reporter: ISO3 code, name (en/zh/ru) or M49 number; "all" for every reporter; repeat or comma-separate',
      collect,
    )
    .option(
      '--partner <area>',
      'partner: as --reporter; default WLD (the world); "all" for every partner',
      collect,
    )
    .option(
      '--period <period>',
      'years (2019, 2019-2024) or months (2023-03, 2023-01..2023-06); comma-separated',
    )
    .option(
      '--flow <flow>',
      'import, export, re-import, re-export (default import and export); repeatable',
      collect,
    )
    .option('--hs <digits>', 'every HS chapter (2), heading (4) or subheading (6)')
    .option('--commodity <code>', 'TOTAL or HS codes (2, 4 or 6 digits); repeatable; default TOTAL', collect)
    .option('--classification <code>', 'HS as reported (default) or a revision H0…H6')
    .option('--tier <tier>', 'preview (no key), free or premium (default: free with a key, preview without)')
    .option('--key-file <file>', 'file holding the subscription key (else $COMTRADE_API_KEY)')
    .option('--base-url <url>', 'API base URL (default $AMUR_COMTRADE_URL or https://comtradeapi.un.org)')
    .option(
      '--cache-dir <dir>',
      'response cache (default $AMUR_CACHE_DIR/comtrade or ~/.cache/amur/comtrade)',
    )
    .option('--dry-run', 'say how many calls the fetch would make, and make none')
    .addOption(storeOption())
    .option('--json', 'print the plan (with --dry-run) or the result as JSON')
    .action(runComtrade);
}

type FetchLib = typeof import('../trade/fetch/comtrade/fetch.ts');
type Prepared = ReturnType<FetchLib['prepareComtradeFetch']>;

/**
 * The action of `amur trade fetch comtrade`: flags checked, the plan stated
 * (only the plan with `--dry-run`), the calls made with progress, the records
 * imported. Library errors become one CLI line with the key masked.
 */
async function runComtrade(o: FetchFlags): Promise<void> {
  const key = readKey(o);
  const lib = await import('../trade/fetch/comtrade/fetch.ts');
  if (o.period === undefined)
    throw new CliError('--period is required: years (2019, 2019-2024) or months (2023-03, 2023-01..2023-06)');
  if (!o.reporter?.length) throw new CliError('--reporter is required: an ISO3 code such as CHN, or "all"');
  if (o.tier !== undefined && !['preview', 'free', 'premium'].includes(o.tier))
    throw new CliError(`--tier ${JSON.stringify(o.tier)}: expected preview, free or premium`);
  const opts = {
    key,
    tier: o.tier as 'preview' | 'free' | 'premium' | undefined,
    baseUrl: o.baseUrl,
    cacheDir: o.cacheDir,
  };
  try {
    const prepared = lib.prepareComtradeFetch(
      {
        reporter: splitList(o.reporter) ?? [],
        partner: splitList(o.partner),
        period: o.period,
        flow: splitList(o.flow) as never,
        hs: o.hs as never,
        commodity: splitList(o.commodity),
        classification: o.classification as never,
      },
      opts,
    );
    const plan = lib.describePlan(prepared);
    if (o.dryRun) {
      if (o.json) printJson(planJson(prepared));
      else console.log(plan);
      return;
    }
    process.stderr.write(`${plan}\n`);
    const progress = await callProgress(prepared.plan.calls.length);
    let run: Awaited<ReturnType<FetchLib['runComtradeFetch']>>;
    try {
      run = await lib.runComtradeFetch(prepared, opts, progress.onEvent);
    } finally {
      progress.stop();
    }
    const imported = await withStore(o, (store) => lib.importComtradeFetch(store, prepared));
    printFetched(o, run, imported);
  } catch (e) {
    throw asCliError(e, key);
  }
}

/** The plan of `--dry-run --json`: tier, endpoint, calls (cached and new), the estimated records, the queries. */
function planJson(prepared: Prepared) {
  return {
    tier: prepared.plan.tier.tier,
    endpoint: `${prepared.baseUrl}${prepared.plan.tier.endpoint}`,
    calls: prepared.plan.calls.length,
    cached: prepared.cached,
    newCalls: prepared.newCalls,
    estimatedRecords: prepared.plan.estimatedRecords,
    warnings: prepared.plan.warnings,
    queries: prepared.plan.calls.map((c) => c.canonical),
  };
}

/** What a fetch did: the calls and records, and what the import made of them. */
function printFetched(
  o: FetchFlags,
  run: Awaited<ReturnType<FetchLib['runComtradeFetch']>>,
  imported: Awaited<ReturnType<FetchLib['importComtradeFetch']>>,
): void {
  const result = {
    sourceId: imported.sourceId,
    rows: imported.rows,
    alreadyImported: imported.alreadyImported,
    dropped: imported.dropped,
    calls: run.calls,
    attempts: run.attempts,
    cachedCalls: run.cachedCalls,
    records: run.records,
  };
  if (o.json) printJson(result);
  else
    console.log(
      imported.alreadyImported
        ? `${run.records} records from ${run.calls} new and ${run.cachedCalls} cached call(s): already imported as "${imported.sourceId}"`
        : `${run.records} records from ${run.calls} new and ${run.cachedCalls} cached call(s) (${run.attempts} HTTP attempts): imported ${imported.rows} flows as "${imported.sourceId}"`,
    );
}

/**
 * Per-call progress on stderr: a cli-progress bar on a terminal (calls done,
 * new vs cached, retries), one line per call and per retry otherwise.
 */
async function callProgress(total: number): Promise<{
  onEvent: (e: import('../trade/fetch/comtrade/fetch.ts').FetchEvent) => void;
  stop: () => void;
}> {
  let fetched = 0;
  let cached = 0;
  let retries = 0;
  if (!process.stderr.isTTY)
    return {
      onEvent: (e) => {
        if (e.type === 'retry')
          process.stderr.write(
            `call ${e.call.index}/${total}: ${e.reason}; retry ${e.attempt} in ${(e.waitMs / 1000).toFixed(1)} s\n`,
          );
        else
          process.stderr.write(
            `call ${e.done}/${total}: ${e.cached ? 'from the cache' : `fetched${e.attempts > 1 ? ` after ${e.attempts} attempts` : ''}`}, ${e.records} records\n`,
          );
      },
      stop: () => {},
    };
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format:
        'comtrade [{bar}] {value}/{total} calls | {fetched} fetched, {cached} cached, {retries} retries | {status}',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { fetched, cached, retries, status: 'calling' });
  return {
    onEvent: (e) => {
      if (e.type === 'retry') {
        retries++;
        bar.update({
          retries,
          status: `${e.reason.slice(0, 40)}; waiting ${(e.waitMs / 1000).toFixed(0)} s`,
        });
      } else {
        if (e.cached) cached++;
        else fetched++;
        bar.update(e.done, { fetched, cached, retries, status: `${e.records} records` });
      }
    },
    stop: () => bar.stop(),
  };
}
