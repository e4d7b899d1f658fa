/**
 * Browser tests in a real Chromium: Debian's `/usr/bin/chromium` driven by
 * playwright-core. `describeBrowser` skips with a message where Chromium is
 * missing, unless AMUR_REQUIRE_BROWSER=1 (set by `.ci/run`), where that is a
 * failure. The server runs in-process on a random loopback port with a
 * temporary trade database; every request the page makes is intercepted and
 * any to a non-loopback host fails the test.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { buildServer, type ServerOptions } from '../../src/server/app.ts';

export const CHROMIUM = process.env.AMUR_CHROMIUM ?? '/usr/bin/chromium';
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const WEB_DIR = join(ROOT, 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
  // Debian's Chromium makes an omnibox popup page for every browser context, headless too (~1.5 s CPU each;
  // measured for bench/web-load.ts): a test never sees it
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

export function browserAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** `describe` that needs Chromium. */
export function describeBrowser(name: string, fn: () => void): void {
  if (browserAvailable()) {
    describe(name, fn);
    return;
  }
  if (process.env.AMUR_REQUIRE_BROWSER === '1') {
    throw new Error(`${name}: Chromium is required (AMUR_REQUIRE_BROWSER=1) but ${CHROMIUM} does not exist`);
  }
  console.warn(
    `skipping "${name}": ${CHROMIUM} not found (apt-get install chromium; set AMUR_REQUIRE_BROWSER=1 to require it)`,
  );
  describe.skip(name, fn);
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'dist' || name === 'node_modules' || name.endsWith('.test.ts')) continue;
    max = Math.max(max, newestMtime(join(path, name)));
  }
  return max;
}

/** Builds the web app unless `web/dist` is newer than every source file (the web's and the library's it bundles, src/). */
export async function ensureWebBuilt(): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  const newest = Math.max(newestMtime(WEB_DIR), newestMtime(join(WEB_DIR, '..', 'src')));
  if (existsSync(index) && statSync(index).mtimeMs >= newest) return;
  const { build } = await import('vite');
  await build({ configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
}

export interface RunningApp {
  url: string;
  server: FastifyInstance;
  close: () => Promise<void>;
}

/** The server on a random loopback port with a temporary database. */
export async function startApp(opts: ServerOptions = {}): Promise<RunningApp> {
  await ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'amur-browser-'));
  const server = await buildServer({ dbPath: join(dir, 'trade.duckdb'), webDir: WEB_DIST, ...opts });
  const address = await server.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    server,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Requests to a host other than the loopback server (each one is also aborted). */
  foreign: string[];
  /** Every URL requested. */
  requests: string[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** A phone (390×844) and a desktop (1440×900) viewport. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

/** A page (1366×768 unless told) whose requests are watched: anything not on loopback is aborted and recorded. */
export async function watchedPage(browser: Browser, opts: PageOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1366, height: 768 },
    acceptDownloads: true,
    locale: opts.locale ?? 'en-GB',
    serviceWorkers: 'block',
  });
  const errors: string[] = [];
  const foreign: string[] = [];
  const requests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    let host = '';
    try {
      const u = new URL(url);
      if (u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
      host = u.hostname;
    } catch {
      host = '';
    }
    if (!LOOPBACK.has(host)) {
      foreign.push(url);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return { page, context, errors, foreign, requests };
}

export interface BrowserApp {
  /** The running server (set once the suite's `beforeAll` has run). */
  readonly app: RunningApp;
  readonly browser: Browser;
  /** A watched page of its own context, closed after the test that opened it. */
  page(opts?: PageOptions): Promise<WatchedPage>;
  /** A watched page at `path` of the app, once the map has drawn what it was given. */
  open(path: string, opts?: PageOptions): Promise<WatchedPage>;
}

export interface PageOptions {
  locale?: string;
  viewport?: { width: number; height: number };
}

/**
 * The setup hooks of a browser suite, called inside `describeBrowser`: the
 * server (`startApp(server)`, then `setup(app)`, e.g. importing data) and
 * Chromium before the suite, every page opened by `page`/`open` closed after
 * its test, browser and server after the suite.
 */
export function useBrowserApp(
  opts: { server?: ServerOptions; setup?: (app: RunningApp) => Promise<void>; setupTimeout?: number } = {},
): BrowserApp {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    app = await startApp(opts.server);
    await opts.setup?.(app);
    browser = await launchBrowser();
  }, opts.setupTimeout);

  afterEach(async () => {
    for (const w of pages.splice(0)) await w.context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`useBrowserApp: the ${what} is not started (used outside a test?)`);
    return value;
  };
  const page = async (pageOpts: PageOptions = {}): Promise<WatchedPage> => {
    const w = await watchedPage(started(browser, 'browser'), pageOpts);
    pages.push(w);
    return w;
  };
  return {
    get app() {
      return started(app, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    page,
    open: async (path, pageOpts = {}) => {
      const w = await page(pageOpts);
      await w.page.goto(`${started(app, 'server').url}${path}`);
      await mapReady(w.page);
      return w;
    },
  };
}

/** No console error and no request off the machine. */
export function expectClean(w: WatchedPage): void {
  expect(w.errors, 'console errors').toEqual([]);
  expect(w.foreign, 'requests to non-loopback hosts').toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * How much the map canvas varies: the WebGL canvas (drawn with
 * `preserveDrawingBuffer`) is copied to a 2D canvas and its pixels read.
 * Returns the number of distinct colours (quantised) and the standard
 * deviation of luminance; a blank canvas has one colour and zero deviation.
 */
export async function canvasStats(page: Page, selector = '#map canvas.maplibregl-canvas') {
  return page.evaluate((sel) => {
    const src = document.querySelector(sel) as HTMLCanvasElement | null;
    if (!src) return { width: 0, height: 0, colours: 0, stddev: 0 };
    const c = document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const g = c.getContext('2d')!;
    g.drawImage(src, 0, 0);
    const data = g.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set<number>();
    let sum = 0;
    let sum2 = 0;
    let n = 0;
    for (let i = 0; i < data.length; i += 4 * 7) {
      const r = data[i];
      const gg = data[i + 1];
      const b = data[i + 2];
      colours.add(((r >> 4) << 8) | ((gg >> 4) << 4) | (b >> 4));
      const y = 0.2126 * r + 0.7152 * gg + 0.0722 * b;
      sum += y;
      sum2 += y * y;
      n++;
    }
    const mean = sum / Math.max(1, n);
    return {
      width: c.width,
      height: c.height,
      colours: colours.size,
      stddev: Math.sqrt(Math.max(0, sum2 / Math.max(1, n) - mean * mean)),
    };
  }, selector);
}

/** Waits until the map has drawn what it was given (the map may be hidden, as on the trade view). */
export async function mapReady(page: Page): Promise<void> {
  await page.waitForSelector('#map[data-ready="true"]', { timeout: 60_000, state: 'attached' });
}

/** Latin words an interface in Chinese or Russian may show: units, formats and codes. */
const LATIN_ALLOWED = new Set(
  [
    'km',
    'kg',
    'usd',
    'utc',
    'co2e',
    'co₂e',
    'teu',
    'feu',
    // Incoterms, written in Latin letters in Chinese and Russian too (CIF/FOB factor of mirror data)
    'cif',
    'fob',
    'hhi',
    'rca',
    'csv',
    'xlsx',
    'png',
    'svg',
    'geojson',
    'locode',
    'json',
    'api',
    // names of statistical products kept as their publishers write them in Chinese and Russian too
    // (联合国商品贸易统计数据库（UN Comtrade）, Данные UN Comtrade; CEPII BACI; GACC; FCS)
    'comtrade',
    'cepii',
    'baci',
    'gacc',
    'fcs',
  ].map((w) => w.toLowerCase()),
);

/** Collects the page's visible text (a string, so that no compiler helper leaks into the page). */
const COLLECT_TEXT = `(() => {
  const pageLang = document.documentElement.lang;
  const out = [];
  const skip = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const l = e.getAttribute('lang');
      if (e !== document.documentElement && l && l !== pageLang) return true;
      if (e.id === 'lang-select' || e.classList.contains('maplibregl-ctrl-attrib') || e.tagName === 'CITE') return true;
      if (e.tagName === 'SCRIPT' || e.tagName === 'STYLE' || e.tagName === 'NOSCRIPT') return true;
    }
    return false;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = (n.textContent || '').trim();
    if (!text || !el || skip(el)) continue;
    if (el.tagName === 'OPTION' || el.checkVisibility({ checkVisibilityCSS: true })) out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (skip(el) || !el.checkVisibility({ checkVisibilityCSS: true })) continue;
    for (const a of ['aria-label', 'title', 'placeholder']) {
      const v = el.getAttribute(a);
      if (v) out.push(v);
    }
  }
  return out;
})()`;

/**
 * Interface text on the page that is still in English: visible text nodes
 * and the options of the form's menus holding a Latin word of three letters
 * or more that is not a unit or a format. Text marked as in another language
 * (`lang="en"` on a quoted source title or a library message kept as
 * written), the language menu (each language names itself) and the map's
 * attribution (proper names of data sets) are not interface text, nor are
 * the words of `properNames` (the atlas's place and crossing names in
 * Latin script, e.g. a pinyin example in the search box).
 */
export async function untranslatedText(
  page: Page,
  properNames: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const found = (await page.evaluate(COLLECT_TEXT)) as string[];
  return [
    ...new Set(
      found.filter((text) =>
        (text.match(/[A-Za-z]{3,}/g) ?? []).some(
          (w) => !LATIN_ALLOWED.has(w.toLowerCase()) && !properNames.has(w.toLowerCase()),
        ),
      ),
    ),
  ];
}

/** The words of the atlas's English place and crossing names (proper names), lower case. */
export async function atlasProperNames(baseUrl: string): Promise<Set<string>> {
  const fc = (await (await fetch(`${baseUrl}/api/atlas/geojson`)).json()) as {
    features: { properties: { kind: string; name_en?: string } }[];
  };
  const words = new Set<string>();
  for (const f of fc.features)
    if (f.properties.kind === 'place' || f.properties.kind === 'crossing')
      for (const w of f.properties.name_en?.match(/[A-Za-z]{3,}/g) ?? []) words.add(w.toLowerCase());
  return words;
}
