/**
 * The web app in a real Chromium against the real server (in-process, random
 * loopback port, temporary database, the bundled atlas). Screenshots of each
 * step go to artifacts/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  canvasStats,
  describeBrowser,
  launchBrowser,
  type RunningApp,
  screenshot,
  startApp,
  type WatchedPage,
  watchedPage,
} from './harness.ts';

describeBrowser('web app in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });

  afterEach(async () => {
    for (const w of pages.splice(0)) await w.context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(path: string, opts: { locale?: string } = {}): Promise<WatchedPage> {
    const w = await watchedPage(browser, opts);
    pages.push(w);
    await w.page.goto(`${app.url}${path}`);
    await w.page.waitForSelector('#map[data-ready="true"]', { timeout: 45_000 });
    return w;
  }

  function clean(w: WatchedPage): void {
    expect(w.errors, 'console errors').toEqual([]);
    expect(w.foreign, 'requests to non-loopback hosts').toEqual([]);
  }

  it('loads the first screen with every crossing on the map, no console error and no request off the machine', async () => {
    const w = await open('/');
    const { page } = w;
    const health = (await (await fetch(`${app.url}/api/health`)).json()) as { atlas: { crossings: number } };
    await page.waitForSelector('.crossing-marker');
    const markers = await page.locator('.crossing-marker').count();
    expect(markers).toBe(health.atlas.crossings);
    // every marker carries one of the four looks, and the table names each crossing's state
    const looks = await page
      .locator('.crossing-marker')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-look')));
    for (const l of looks) expect(['open', 'seasonal', 'closed', 'planned']).toContain(l);
    expect(await page.locator('.crossings-table tbody tr').count()).toBe(health.atlas.crossings);
    await expect.poll(() => page.locator('h2.view-heading').textContent()).toContain('The border on');
    await screenshot(page, '01-first-screen');
    expect(w.requests.length).toBeGreaterThan(3);
    clean(w);
  });

  it('draws the map canvas (not blank)', async () => {
    const w = await open('/');
    // a blank canvas has one colour; sea, land, borders and atlas lines give many
    await expect
      .poll(async () => (await canvasStats(w.page)).colours, { timeout: 20_000 })
      .toBeGreaterThan(8);
    const stats = await canvasStats(w.page);
    expect(stats.width).toBeGreaterThan(300);
    expect(stats.height).toBeGreaterThan(300);
    expect(stats.colours).toBeGreaterThan(8);
    expect(stats.stddev).toBeGreaterThan(3);
    await screenshot(w.page, '02-map');
    clean(w);
  });

  it('finds Heihe by 黑河 and Blagoveshchensk by Благовещенск', async () => {
    const w = await open('/');
    const input = w.page.getByRole('combobox', { name: 'Find a place or crossing' });
    await input.fill('黑河');
    await w.page.waitForSelector('[role="option"][data-id="heihe"]');
    await screenshot(w.page, '03-search-zh');
    await input.fill('Благовещенск');
    await w.page.waitForSelector('[role="option"][data-id="blagoveshchensk"]');
    await screenshot(w.page, '04-search-ru');
    // choose with the keyboard: the map flies there and names the place
    await input.press('ArrowDown');
    await input.press('Enter');
    await w.page.waitForSelector('.place-popup[data-id="blagoveshchensk"]');
    await screenshot(w.page, '05-search-chosen');
    clean(w);
  });

  it('opens a crossing with its regime, sources and the dates it changes', async () => {
    const w = await open('/?crossing=heihe-blagoveshchensk&date=2023-01-15');
    await w.page.waitForSelector('ul.services li');
    await expect.poll(() => w.page.locator('h2.view-heading').textContent()).toContain('Heihe');
    expect(await w.page.locator('ul.sources li').count()).toBeGreaterThan(0);
    await screenshot(w.page, '06-crossing');
    clean(w);
  });

  it('plans a route for a known pair and draws it on the map', async () => {
    const w = await open('/?view=planner&from=harbin&to=vladivostok&date=2024-03-20');
    await w.page.waitForSelector('.itinerary', { timeout: 45_000 });
    const n = await w.page.locator('.itinerary').count();
    expect(n).toBeGreaterThan(0);
    await w.page.waitForFunction(
      () => Number(document.getElementById('map')?.dataset.routeFeatures ?? 0) > 0,
    );
    const totals = await w.page.locator('.itinerary').first().locator('.totals dd').allTextContents();
    expect(totals).toHaveLength(4);
    await w.page.waitForSelector('.chart canvas');
    await screenshot(w.page, '07-planner');
    clean(w);
  });

  it('draws a trade chart from the sample data, marks the audit findings and offers downloads', async () => {
    const w = await open('/?view=trade&src=heilongjiang-russia-2008-2018&rep=CN-HL&par=RUS');
    await w.page.waitForSelector('.trade-chart-canvas canvas', { timeout: 45_000 });
    await w.page.waitForTimeout(300);
    const chart = await canvasStats(w.page, '.trade-chart-canvas canvas');
    expect(chart.width).toBeGreaterThan(200);
    expect(chart.colours).toBeGreaterThan(4);
    // the printed table with the audit's findings on their cells (the 2016 growth rates do not follow from the values)
    await w.page.waitForSelector('.printed-table td[data-finding="error"]');
    expect(
      await w.page.locator('.printed-table tr[data-row="2016"] td[data-finding="error"]').count(),
    ).toBeGreaterThan(0);
    expect(await w.page.locator('.indicator-table tbody tr').count()).toBeGreaterThan(0);
    await screenshot(w.page, '11-trade');
    for (const label of ['CSV', 'XLSX', 'PNG']) {
      const href = await w.page.getByRole('link', { name: label, exact: true }).getAttribute('href');
      expect(href, label).toMatch(/^\/api\/trade\//);
      const r = await fetch(`${app.url}${href}`);
      expect(r.status, `${label} ${href}`).toBe(200);
      expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    clean(w);
  });

  it('compares two scenarios and draws a pair before and after', async () => {
    const w = await open('/?view=scenarios&sa=before-bridges&sb=current&sdate=2024-04-20');
    await w.page.waitForSelector('.scenario-pairs tbody tr', { timeout: 45_000 });
    expect(await w.page.locator('.scenario-crossings tbody tr').count()).toBeGreaterThan(0);
    await w.page.waitForFunction(
      () => Number(document.getElementById('map')?.dataset.compareFeatures ?? 0) > 0,
    );
    await screenshot(w.page, '12-scenarios');
    clean(w);
  });

  it('switches the language: labels and place names change', async () => {
    const w = await open('/');
    await w.page.waitForSelector('.crossings-table');
    await w.page.selectOption('#lang-select', 'zh');
    await expect.poll(() => w.page.locator('#tab-planner').textContent()).toBe('路线规划');
    await expect.poll(() => w.page.locator('html').getAttribute('lang')).toBe('zh');
    await expect.poll(() => w.page.locator('.crossings-table').textContent()).toContain('黑河');
    await screenshot(w.page, '08-zh');
    await w.page.selectOption('#lang-select', 'ru');
    await expect.poll(() => w.page.locator('#tab-planner').textContent()).toBe('Маршруты');
    await expect.poll(() => w.page.locator('.crossings-table').textContent()).toContain('Благовещенск');
    expect(new URL(w.page.url()).searchParams.get('lang')).toBe('ru');
    await screenshot(w.page, '09-ru');
    clean(w);
  });

  it('shows a readable error for a bad input and keeps the form', async () => {
    const w = await open('/?view=planner');
    await w.page.getByRole('combobox', { name: 'From' }).fill('Atlantis');
    await w.page.getByRole('combobox', { name: 'To' }).fill('Harbin');
    await w.page.getByRole('button', { name: 'Find routes' }).click();
    const alert = w.page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('unknown place');
    await expect.poll(() => alert.textContent()).toContain('Atlantis');
    await expect.poll(() => alert.textContent()).toContain('Field: from');
    expect(await w.page.getByRole('combobox', { name: 'From' }).inputValue()).toBe('Atlantis');
    await expect
      .poll(() => w.page.getByRole('combobox', { name: 'From' }).getAttribute('aria-invalid'))
      .toBe('true');
    await screenshot(w.page, '10-bad-input');
    // the failed request is the only error the console may show (the browser logs a 400)
    expect(w.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(w.foreign).toEqual([]);
  });

  it('serves the API docs page from this server only', async () => {
    const w = await watchedPage(browser);
    pages.push(w);
    await w.page.goto(`${app.url}/docs/`);
    await w.page.waitForSelector('.swagger-ui .opblock', { timeout: 45_000 });
    expect(await w.page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(10);
    await screenshot(w.page, '13-api-docs');
    clean(w);
  });

  it('moves between views with the keyboard', async () => {
    const w = await open('/');
    await w.page.locator('#tab-overview').focus();
    await w.page.keyboard.press('ArrowRight');
    await expect.poll(() => w.page.locator('#tab-planner').getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() => w.page.locator('#tab-planner').evaluate((el) => el === document.activeElement))
      .toBe(true);
    expect(new URL(w.page.url()).searchParams.get('view')).toBe('planner');
    clean(w);
  });
});
