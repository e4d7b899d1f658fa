/**
 * The web app's first load in Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core), cold (a new browser context, no cache) against the real
 * server on loopback: largest contentful paint (LCP, PerformanceObserver),
 * "map ready" (the time `#map[data-ready]` is set: basemap, atlas and labels
 * drawn) and the bytes received (every response, MapLibre's worker's
 * included: body as sent, compressed where it is, plus headers). Median
 * and worst of `--runs` loads (default 5) on a desktop (1366×768) and a phone
 * (390×844) viewport.
 *
 * Ratios: to the goals of issue 14 (LCP ≤ 2.5 s, map ready ≤ 3 s) and, as a
 * named peer page served by the same server, to the LCP of the API
 * documentation (Swagger UI, `/docs/`). Not a test: nothing here asserts a
 * time.
 *
 * `--web-dir DIR` (repeatable) measures a built app other than `web/dist`;
 * with two or more, each run loads every one in turn, so a comparison is
 * taken in the same minute (e.g. a build of the previous commit against this
 * one).
 *
 * Chromium's own omnibox popup (a WebUI page, `chrome://omnibox-popup…`) is
 * switched off: Debian's Chromium 156 makes it, even headless, for every new
 * browser context, and its renderer spent ~1.5 s of CPU during each cold
 * load (measured with /proc per process: 1.38–1.57 s), on a 2-core machine
 * the page shares. A user's browser makes it once, not per page load.
 * `--browser-ui` keeps it, as before (loads are then slower for every
 * variant).
 *
 * `node bin/run-ts.js bench/web-load.ts [--runs 5] [--web-dir DIR …] [--browser-ui]`
 */
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import {
  browserAvailable,
  CHROMIUM,
  CHROMIUM_ARGS,
  DESKTOP,
  PHONE,
  type RunningApp,
  startApp,
} from '../test/browser/harness.ts';
import { type BenchRow, formatTable, percentile } from './lib/rows.ts';

export interface WebLoadOptions {
  runs?: number;
  /** Built apps to measure instead of `web/dist`; with two or more, their loads alternate. */
  webDirs?: string[];
  /** Keep Chromium's omnibox popup page (made per browser context; off by default, see above). */
  browserUi?: boolean;
}

/** Chromium's omnibox popup pages (WebUI), made for every new context even when headless. */
const NO_OMNIBOX_POPUP = '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup';

const GOAL_LCP_MS = 2500;
const GOAL_MAP_MS = 3000;

interface Load {
  lcpMs: number;
  mapReadyMs: number | null;
  /** The app's `amur:*` performance marks (ms from navigation), where the build sets them. */
  marks: Record<string, number>;
  /** Bytes received (bodies as encoded, and headers) for every request, MapLibre's worker's included. */
  bytes: number;
  requests: number;
}

/** Records LCP candidates and the moment the map says it is ready, from the first script on. */
const OBSERVE = `
  window.__amur = { lcp: 0, mapReady: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__amur.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new MutationObserver(() => {
    const m = document.getElementById('map');
    if (m && m.dataset.ready === 'true' && window.__amur.mapReady === null) window.__amur.mapReady = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
`;

/** Reads what OBSERVE recorded (a string: no compiler helper reaches the page). */
const READ = `(() => ({
  lcpMs: window.__amur.lcp,
  mapReadyMs: window.__amur.mapReady,
  marks: Object.fromEntries(performance.getEntriesByType('mark')
    .filter((m) => m.name.startsWith('amur:')).map((m) => [m.name.slice(5), m.startTime])),
}))()`;

/** The median of each mark the loads share, in the order the first load set them ("none" without marks). */
function markMedians(loads: Load[]): string {
  const names = Object.keys(loads[0]?.marks ?? {}).filter((n) => loads.every((l) => n in l.marks));
  if (names.length === 0) return 'none (a build without amur:* marks)';
  return names
    .map(
      (n) =>
        `${n} ${Math.round(
          percentile(
            loads.map((l) => l.marks[n]),
            50,
          ),
        )}`,
    )
    .join(', ');
}

async function load(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  waitMap: boolean,
) {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  try {
    // every response's size as sent (body as encoded, and headers), the worker's fetches included
    const sizes: Promise<number>[] = [];
    context.on('requestfinished', (req) => {
      sizes.push(
        req.sizes().then(
          (s) => s.responseBodySize + s.responseHeadersSize,
          () => 0,
        ),
      );
    });
    const page = await context.newPage();
    await page.addInitScript(OBSERVE);
    await page.goto(url, { waitUntil: 'load' });
    if (waitMap)
      await page.waitForSelector('#map[data-ready="true"]', { timeout: 120_000, state: 'attached' });
    else await page.waitForLoadState('networkidle');
    // LCP is final once the page has painted after its last large element
    await page.waitForTimeout(300);
    const seen = (await page.evaluate(READ)) as Load;
    const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    return { ...seen, bytes, requests: sizes.length };
  } finally {
    await context.close();
  }
}

const VIEWPORTS = [
  ['desktop 1366×768', { width: 1366, height: 768 }],
  ['desktop 1440×900', DESKTOP],
  ['phone 390×844', PHONE],
] as const;

/** One built app being measured: `web/dist`, or a directory given with `--web-dir`. */
interface Variant {
  name: string;
  app: RunningApp;
}

/** The rows of one variant on one viewport. */
function loadRows(variant: string, viewport: string, loads: Load[], peerLcp: number): BenchRow[] {
  const lcp = loads.map((l) => l.lcpMs);
  const map = loads.map((l) => l.mapReadyMs ?? Number.NaN);
  const p50 = percentile(lcp, 50);
  const c = `first screen, ${viewport}${variant ? `, ${variant}` : ''}`;
  return [
    {
      bench: 'web-load',
      case: c,
      metric: 'LCP median',
      value: p50,
      unit: 'ms',
      ratio: p50 / GOAL_LCP_MS,
      note: `ratio to the 2.5 s goal; ${(p50 / peerLcp).toFixed(2)}× the API docs page`,
    },
    {
      bench: 'web-load',
      case: c,
      metric: 'LCP worst',
      value: Math.max(...lcp),
      unit: 'ms',
      ratio: Math.max(...lcp) / GOAL_LCP_MS,
      note: 'ratio to the 2.5 s goal',
    },
    {
      bench: 'web-load',
      case: c,
      metric: 'map ready median',
      value: percentile(map, 50),
      unit: 'ms',
      ratio: percentile(map, 50) / GOAL_MAP_MS,
      note: `ratio to the 3 s goal; all: ${map.map((m) => Math.round(m)).join(', ')}`,
    },
    {
      bench: 'web-load',
      case: c,
      metric: 'map phases',
      value: loads.filter((l) => Object.keys(l.marks).length > 0).length,
      unit: 'loads',
      note: `median ms from navigation of the app's performance marks: ${markMedians(loads)}`,
    },
    {
      bench: 'web-load',
      case: c,
      metric: 'bytes sent',
      value: percentile(
        loads.map((l) => l.bytes),
        50,
      ),
      unit: 'B',
      note: `every response (worker's too), body as sent (.br/.gz) + headers; ${loads[0]?.requests} requests`,
    },
  ];
}

export async function run(args: WebLoadOptions | string[] = {}): Promise<BenchRow[]> {
  const opts = Array.isArray(args) ? parseArgs(args) : args;
  const runs = opts.runs ?? 5;
  if (!browserAvailable())
    return [
      { bench: 'web-load', case: 'skipped', metric: '-', value: 0, unit: '-', note: `${CHROMIUM} not found` },
    ];
  const dirs = opts.webDirs?.length ? opts.webDirs : [undefined];
  const variants: Variant[] = [];
  for (const dir of dirs)
    variants.push({
      name: dir && dirs.length > 1 ? dir.split(sep).slice(-3).join('/') : '',
      app: await startApp({ webDir: dir }),
    });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: opts.browserUi ? CHROMIUM_ARGS : [...CHROMIUM_ARGS, NO_OMNIBOX_POPUP],
    headless: true,
  });
  const rows: BenchRow[] = [];
  try {
    const peer: Load[] = [];
    for (let i = 0; i < runs; i++)
      peer.push(await load(browser, `${variants[0].app.url}/docs/`, DESKTOP, false));
    const peerLcp = percentile(
      peer.map((p) => p.lcpMs),
      50,
    );
    rows.push({
      bench: 'web-load',
      case: 'peer: API docs (Swagger UI)',
      metric: 'LCP median',
      value: peerLcp,
      unit: 'ms',
      note: `${runs} cold loads, 1366×768; Chromium's omnibox popup ${opts.browserUi ? 'kept (--browser-ui)' : 'off'}`,
    });
    for (const [name, viewport] of VIEWPORTS) {
      // variants take turns, so that a change in the machine's load falls on all of them
      const loads: Load[][] = variants.map(() => []);
      for (let i = 0; i < runs; i++)
        for (const [k, v] of variants.entries())
          loads[k].push(await load(browser, `${v.app.url}/`, viewport, true));
      for (const [k, v] of variants.entries()) rows.push(...loadRows(v.name, name, loads[k], peerLcp));
    }
  } finally {
    await browser.close();
    for (const v of variants) await v.app.close();
  }
  return rows;
}

export function parseArgs(argv: string[]): WebLoadOptions {
  const o: WebLoadOptions = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') {
      o.runs = Number(argv[++i]);
      if (!Number.isInteger(o.runs) || o.runs < 1)
        throw new Error(`--runs ${argv[i]}: expected a positive integer`);
    } else if (argv[i] === '--web-dir') {
      const dir = argv[++i];
      if (!dir || !existsSync(join(dir, 'index.html')))
        throw new Error(`--web-dir ${dir ?? ''}: expected a built web app (a directory with index.html)`);
      o.webDirs = [...(o.webDirs ?? []), resolve(dir)];
    } else if (argv[i] === '--browser-ui') o.browserUi = true;
  }
  return o;
}

if (process.argv[1]?.endsWith('bench/web-load.ts')) {
  const rows = await run(process.argv.slice(2));
  console.log(formatTable(rows));
}
