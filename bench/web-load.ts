/**
 * The web app's first load in Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core), cold (a new browser context, no cache) against the real
 * server on loopback: largest contentful paint (LCP, PerformanceObserver),
 * "map ready" (the time `#map[data-ready]` is set: basemap, atlas and labels
 * drawn) and the bytes sent (navigation + resource `transferSize`). Median
 * and worst of `--runs` loads (default 5) on a desktop (1366×768) and a phone
 * (390×844) viewport.
 *
 * Ratios: to the goals of issue 14 (LCP ≤ 2.5 s, map ready ≤ 3 s) and, as a
 * named peer page served by the same server, to the LCP of the API
 * documentation (Swagger UI, `/docs/`). Not a test: nothing here asserts a
 * time.
 *
 * `node bin/run-ts.js bench/web-load.ts [--runs 5]`
 */
import type { Browser } from 'playwright-core';
import {
  browserAvailable,
  CHROMIUM,
  DESKTOP,
  launchBrowser,
  PHONE,
  startApp,
} from '../test/browser/harness.ts';
import { type BenchRow, formatTable, percentile } from './lib/rows.ts';

export interface WebLoadOptions {
  runs?: number;
}

const GOAL_LCP_MS = 2500;
const GOAL_MAP_MS = 3000;

interface Load {
  lcpMs: number;
  mapReadyMs: number | null;
  bytes: number;
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

/** Reads what OBSERVE recorded and the bytes sent (a string: no compiler helper reaches the page). */
const READ = `(() => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  let bytes = 0;
  for (const e of entries) bytes += e.transferSize || 0;
  return { lcpMs: window.__amur.lcp, mapReadyMs: window.__amur.mapReady, bytes };
})()`;

async function load(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  waitMap: boolean,
) {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.addInitScript(OBSERVE);
    await page.goto(url, { waitUntil: 'load' });
    if (waitMap)
      await page.waitForSelector('#map[data-ready="true"]', { timeout: 120_000, state: 'attached' });
    else await page.waitForLoadState('networkidle');
    // LCP is final once the page has painted after its last large element
    await page.waitForTimeout(300);
    return (await page.evaluate(READ)) as Load;
  } finally {
    await context.close();
  }
}

export async function run(args: WebLoadOptions | string[] = {}): Promise<BenchRow[]> {
  const opts = Array.isArray(args) ? parseArgs(args) : args;
  const runs = opts.runs ?? 5;
  if (!browserAvailable())
    return [
      { bench: 'web-load', case: 'skipped', metric: '-', value: 0, unit: '-', note: `${CHROMIUM} not found` },
    ];
  const app = await startApp();
  const browser = await launchBrowser();
  const rows: BenchRow[] = [];
  try {
    const peer: Load[] = [];
    for (let i = 0; i < runs; i++) peer.push(await load(browser, `${app.url}/docs/`, DESKTOP, false));
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
      note: `${runs} cold loads, 1366×768`,
    });
    for (const [name, viewport] of [
      ['desktop 1366×768', { width: 1366, height: 768 }],
      ['desktop 1440×900', DESKTOP],
      ['phone 390×844', PHONE],
    ] as const) {
      const loads: Load[] = [];
      for (let i = 0; i < runs; i++) loads.push(await load(browser, `${app.url}/`, viewport, true));
      const lcp = loads.map((l) => l.lcpMs);
      const map = loads.map((l) => l.mapReadyMs ?? Number.NaN);
      const p50 = percentile(lcp, 50);
      rows.push(
        {
          bench: 'web-load',
          case: `first screen, ${name}`,
          metric: 'LCP median',
          value: p50,
          unit: 'ms',
          ratio: p50 / GOAL_LCP_MS,
          note: `ratio to the 2.5 s goal; ${(p50 / peerLcp).toFixed(2)}× the API docs page`,
        },
        {
          bench: 'web-load',
          case: `first screen, ${name}`,
          metric: 'LCP worst',
          value: Math.max(...lcp),
          unit: 'ms',
          ratio: Math.max(...lcp) / GOAL_LCP_MS,
          note: 'ratio to the 2.5 s goal',
        },
        {
          bench: 'web-load',
          case: `first screen, ${name}`,
          metric: 'map ready median',
          value: percentile(map, 50),
          unit: 'ms',
          ratio: percentile(map, 50) / GOAL_MAP_MS,
          note: 'ratio to the 3 s goal',
        },
        {
          bench: 'web-load',
          case: `first screen, ${name}`,
          metric: 'bytes sent',
          value: percentile(
            loads.map((l) => l.bytes),
            50,
          ),
          unit: 'B',
          note: 'navigation + resources (transferSize): compressed where the server sends .br/.gz',
        },
      );
    }
  } finally {
    await browser.close();
    await app.close();
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
    }
  }
  return o;
}

if (process.argv[1]?.endsWith('bench/web-load.ts')) {
  const rows = await run(process.argv.slice(2));
  console.log(formatTable(rows));
}
