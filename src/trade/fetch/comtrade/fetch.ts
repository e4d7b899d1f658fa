/**
 * `fetchComtrade`: validate → plan → call (or read the cache) → import.
 *
 * 1. `prepareComtradeFetch` translates the request (`query.ts`), plans the
 *    calls for the tier (`plan.ts`) and counts how many are already cached:
 *    what the CLI states before calling, and all `--dry-run` does;
 * 2. `runComtradeFetch` makes the missing calls one by one (`client.ts`),
 *    caching each complete response, and reports progress per call;
 * 3. `importComtradeFetch` joins the responses into one v1 document and
 *    imports it with the Comtrade importer, in one transaction (a re-run with
 *    the same responses is recognised by its hash and imports nothing).
 */
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../../../i18n/lang.ts';
import {
  ALL_AREAS,
  type SourceTitle,
  sourceTitleText,
  type TitleTranslations,
  titleTranslations,
} from '../../../i18n/source-titles.ts';
import { freeSourceId, type ImportResult } from '../../importers/common.ts';
import { importComtrade } from '../../importers/comtrade.ts';
import type { Store } from '../../store.ts';
import { CallLedger, defaultCacheDir, ResponseCache } from './cache.ts';
import { type ClientOptions, ComtradeCallError, Pacer, performCall, type RetryEvent } from './client.ts';
import { COMTRADE_BASE_URL, COMTRADE_TIERS, type ComtradeTier, DEFAULT_MIN_INTERVAL_MS } from './limits.ts';
import { type ComtradeCall, type ComtradePlan, planCalls } from './plan.ts';
import {
  type ComtradeFetchRequest,
  type ComtradeQuery,
  ComtradeRequestError,
  toComtradeQuery,
} from './query.ts';

export interface ComtradeFetchOptions {
  /** `preview` (no key, 500 records per call), `free` or `premium`; default free with a key, preview without */
  tier?: ComtradeTier;
  key?: string;
  /** default `$AMUR_COMTRADE_URL`, else https://comtradeapi.un.org */
  baseUrl?: string;
  /** default `defaultCacheDir()` */
  cacheDir?: string;
  minIntervalMs?: number;
  maxRetries?: number;
  backoffBaseMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** override the tier's calls per day (tests) */
  callsPerDay?: number;
  /** the clock (tests) */
  now?: () => number;
}

const DAY_MS = 24 * 3600 * 1000;

export interface PreparedFetch {
  query: ComtradeQuery;
  plan: ComtradePlan;
  cache: ResponseCache;
  baseUrl: string;
  /** calls whose response is already in the cache */
  cached: number;
  /** calls the run will make */
  newCalls: number;
  /** calls on this tier recorded by this machine in the last 24 hours */
  callsLast24h: number;
  /** the calls-per-day limit the run keeps to (null: none) */
  callsPerDay: number | null;
  ledger: CallLedger;
}

/** What the CLI prints before calling (and `--dry-run` prints alone). */
export function describePlan(p: PreparedFetch): string {
  const t = p.plan.tier;
  const lines = [
    `Comtrade+ ${t.tier} tier (${p.baseUrl}${t.endpoint}): up to ${t.recordsPerCall.toLocaleString('en-US')} records per call${t.callsPerDay ? `, ${t.callsPerDay} calls per day` : ''} [${t.source}]`,
    `${p.plan.calls.length} call(s) planned, ${p.cached} already cached: ${p.newCalls} new call(s) to make (at most ${p.plan.estimatedRecords.toLocaleString('en-US')} records estimated)`,
    ...(p.callsPerDay !== null
      ? [
          `${p.callsLast24h} call(s) on this tier in the last 24 hours (from this machine): ${Math.max(0, p.callsPerDay - p.callsLast24h)} left of ${p.callsPerDay}${p.newCalls > p.callsPerDay - p.callsLast24h ? '; the run will stop there and resume from the cache when run again' : ''}`,
        ]
      : []),
    ...p.plan.warnings.map((w) => `warning: ${w}`),
  ];
  return lines.join('\n');
}

/** Validates and plans; makes no call. Throws `ComtradeRequestError` for a bad request. */
export function prepareComtradeFetch(
  request: ComtradeFetchRequest,
  opts: ComtradeFetchOptions = {},
): PreparedFetch {
  const query = toComtradeQuery(request);
  const tierName: ComtradeTier = opts.tier ?? (opts.key ? 'free' : 'preview');
  const tier = COMTRADE_TIERS[tierName];
  if (tier.needsKey && !opts.key)
    throw new ComtradeRequestError(
      'tier',
      tierName,
      'needs a subscription key (--key-file FILE or $COMTRADE_API_KEY); without one use --tier preview (500 records per call)',
    );
  const plan = planCalls(query, tier);
  const dir = opts.cacheDir ?? defaultCacheDir();
  const cache = new ResponseCache(dir);
  const ledger = new CallLedger(dir);
  const cached = plan.calls.filter((c) => cache.has(c.key)).length;
  const baseUrl = (opts.baseUrl ?? process.env.AMUR_COMTRADE_URL ?? COMTRADE_BASE_URL).replace(/\/+$/, '');
  const now = (opts.now ?? Date.now)();
  return {
    query,
    plan,
    cache,
    baseUrl,
    cached,
    newCalls: plan.calls.length - cached,
    callsLast24h: ledger.since(tier.tier, now - DAY_MS).length,
    callsPerDay: opts.callsPerDay ?? tier.callsPerDay,
    ledger,
  };
}

export type FetchEvent =
  | {
      type: 'call';
      call: ComtradeCall;
      cached: boolean;
      records: number;
      attempts: number;
      done: number;
      total: number;
    }
  | ({ type: 'retry' } & RetryEvent);

export interface FetchRunResult {
  /** the cache files of the calls, in plan order */
  files: string[];
  records: number;
  /** calls made by this run (not counting retries) */
  calls: number;
  /** HTTP attempts made, retries included */
  attempts: number;
  cachedCalls: number;
}

/** Makes the calls not cached yet. Stops at the first call that fails for good (its predecessors stay cached). */
export async function runComtradeFetch(
  p: PreparedFetch,
  opts: ComtradeFetchOptions = {},
  onEvent?: (e: FetchEvent) => void,
): Promise<FetchRunResult> {
  const clientOpts: ClientOptions = {
    baseUrl: p.baseUrl,
    key: p.plan.tier.needsKey ? opts.key : undefined,
    minIntervalMs: opts.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS,
    maxRetries: opts.maxRetries,
    backoffBaseMs: opts.backoffBaseMs,
    timeoutMs: opts.timeoutMs,
    sleep: opts.sleep,
    onRetry: (e) => onEvent?.({ type: 'retry', ...e }),
  };
  const pacer = new Pacer(clientOpts.minIntervalMs, opts.sleep);
  const out: FetchRunResult = { files: [], records: 0, calls: 0, attempts: 0, cachedCalls: 0 };
  let done = 0;
  for (const call of p.plan.calls) {
    let records: number;
    let attempts = 0;
    const cached = p.cache.has(call.key);
    if (cached) {
      records = (JSON.parse(p.cache.read(call.key)) as { data: unknown[] }).data.length;
      out.cachedCalls++;
    } else {
      if (p.callsPerDay !== null) {
        const now = (opts.now ?? Date.now)();
        const recent = p.ledger.since(p.plan.tier.tier, now - DAY_MS);
        if (recent.length >= p.callsPerDay)
          throw new ComtradeCallError(
            `call ${call.index} of ${p.plan.calls.length} not made: ${recent.length} calls on the ${p.plan.tier.tier} tier in the last 24 hours reach its ${p.callsPerDay} calls per day; the ${out.calls + out.cachedCalls} calls before it are cached: run the same command again after ${new Date(recent[recent.length - p.callsPerDay] + DAY_MS).toISOString()}`,
            'quota',
          );
      }
      p.ledger.record(p.plan.tier.tier, (opts.now ?? Date.now)());
      const r = await performCall(call, clientOpts, pacer);
      p.cache.write(call.key, r.body, call.canonical);
      records = r.records;
      attempts = r.attempts;
      out.calls++;
      out.attempts += r.attempts;
    }
    done++;
    out.records += records;
    out.files.push(p.cache.file(call.key));
    onEvent?.({ type: 'call', call, cached, records, attempts, done, total: p.plan.calls.length });
  }
  return out;
}

/**
 * Joins the cached responses of a complete run into one v1 document
 * (`{ data: [ … ], count, error }`), written record by record so that only one
 * response is in memory at a time; returns its path.
 */
export async function combineResponses(p: PreparedFetch): Promise<string> {
  for (const call of p.plan.calls)
    if (!p.cache.has(call.key))
      throw new ComtradeCallError(`call ${call.index} (${call.label}) has no cached response yet`, 'retries');
  const runKey = createHash('sha256')
    .update(p.plan.calls.map((c) => c.key).join('\n'))
    .digest('hex');
  const dir = join(p.cache.dir, 'runs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${runKey}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  const write = (s: string) =>
    new Promise<void>((res, rej) => (out.write(s) ? res() : out.once('drain', res).once('error', rej)));
  let count = 0;
  await write('{"data":[');
  for (const call of p.plan.calls)
    for (const record of (JSON.parse(p.cache.read(call.key)) as { data: unknown[] }).data) {
      await write(`${count === 0 ? '' : ','}\n${JSON.stringify(record)}`);
      count++;
    }
  await write(`\n],"count":${count},"error":""}\n`);
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  renameSync(tmp, file);
  return file;
}

/** A source id and title that say what was fetched. */
export function sourceMetaOf(p: PreparedFetch): {
  id: string;
  title: string;
  titles: TitleTranslations;
  url: string;
  citation: string;
} {
  const q = p.query;
  const periods =
    q.period.length > 1 ? `${q.period[0]}-${q.period[q.period.length - 1]}` : (q.period[0] ?? '');
  const slug =
    `comtrade-${q.labels.reporter.join('-')}-${q.labels.partner.join('-')}-${periods}-${q.cmdCode.join('-')}`
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 60);
  const areas = (labels: string[], lang: Lang) =>
    labels.map((l) => (l === 'all' ? ALL_AREAS[lang] : l)).join(lang === 'zh' ? '、' : ', ');
  const title = (lang: Lang): SourceTitle => ({
    code: 'comtrade-api',
    params: {
      tier: p.plan.tier.tier,
      reporter: areas(q.labels.reporter, lang),
      partner: areas(q.labels.partner, lang),
      period: q.period.length > 1 ? `${q.period[0]}–${q.period[q.period.length - 1]}` : String(q.period[0]),
      commodities: q.cmdCode.join(lang === 'zh' ? '、' : ', '),
      flows: q.flowCode.join(lang === 'zh' ? '、' : ', '),
    },
  });
  return {
    id: slug,
    title: sourceTitleText(title('en'), 'en'),
    titles: titleTranslations(title),
    url: `${p.baseUrl}${p.plan.calls[0]?.path ?? ''}`,
    citation: `${p.plan.calls.length} call(s): ${p.plan.calls.map((c) => c.canonical).join(' ; ')}`.slice(
      0,
      2000,
    ),
  };
}

/** Imports the run's responses through the Comtrade importer (one file, one transaction). */
export async function importComtradeFetch(store: Store, p: PreparedFetch): Promise<ImportResult> {
  const file = await combineResponses(p);
  const meta = sourceMetaOf(p);
  // the same query fetched again with other responses gets `<id>-2`, …
  const id = await freeSourceId(store, meta.id, false);
  return importComtrade(store, file, {
    source: { ...meta, id, publisher: 'United Nations Statistics Division (UN Comtrade)' },
  });
}
