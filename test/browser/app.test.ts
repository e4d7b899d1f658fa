/**
 * The web app in a real Chromium against the real server (in-process, random
 * loopback port, temporary database, the bundled atlas). Screenshots of each
 * step go to artifacts/screenshots/.
 */
import { expect, it } from 'vitest';
import { canvasStats, describeBrowser, expectClean, screenshot, useBrowserApp } from './harness.ts';

describeBrowser('web app in Chromium', () => {
  const b = useBrowserApp();

  it('loads the first screen with every crossing on the map, draws it, finds places in any script, moves between views by keyboard; no console error and no request off the machine', async () => {
    const w = await b.open('/');
    const { page } = w;
    const health = (await (await fetch(`${b.app.url}/api/health`)).json()) as {
      atlas: { crossings: number };
    };
    await page.waitForSelector('.crossing-marker');
    const markers = await page.locator('.crossing-marker').count();
    expect(markers).toBe(health.atlas.crossings);
    // every marker carries one of the four looks, and the table names each crossing's state
    const looks = await page
      .locator('.crossing-marker')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-look')));
    for (const l of looks) expect(['open', 'seasonal', 'closed', 'planned']).toContain(l);
    // the table lists the freight crossings; pipelines, power lines and cables follow the energy layer (off by default)
    const energyMarkers = await page.locator('.crossing-marker.energy').count();
    expect(energyMarkers).toBeGreaterThan(0);
    expect(await page.locator('.crossings-table tbody tr').count()).toBe(
      health.atlas.crossings - energyMarkers,
    );
    await expect.poll(() => page.locator('h2.view-heading').textContent()).toContain('The border on');
    await screenshot(page, '01-first-screen');
    expect(w.requests.length).toBeGreaterThan(3);
    // the map canvas is drawn: a blank canvas has one colour; sea, land, borders and atlas lines give many
    await expect.poll(async () => (await canvasStats(page)).colours, { timeout: 20_000 }).toBeGreaterThan(8);
    const stats = await canvasStats(page);
    expect(stats.width).toBeGreaterThan(300);
    expect(stats.height).toBeGreaterThan(300);
    expect(stats.stddev).toBeGreaterThan(3);
    await screenshot(page, '02-map');
    // search in any script: Heihe by 黑河, Blagoveshchensk by Благовещенск, chosen with the keyboard
    const input = page.getByRole('combobox', { name: 'Find a place or crossing' });
    await input.fill('黑河');
    await page.waitForSelector('[role="option"][data-id="heihe"]');
    await screenshot(page, '03-search-zh');
    await input.fill('Благовещенск');
    await page.waitForSelector('[role="option"][data-id="blagoveshchensk"]');
    await screenshot(page, '04-search-ru');
    await input.press('ArrowDown');
    await input.press('Enter');
    await page.waitForSelector('.place-popup[data-id="blagoveshchensk"]');
    await screenshot(page, '05-search-chosen');
    // views by the keyboard: arrow keys move between the tabs
    await page.locator('#tab-overview').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('#tab-planner').getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() => page.locator('#tab-planner').evaluate((el) => el === document.activeElement))
      .toBe(true);
    expect(new URL(page.url()).searchParams.get('view')).toBe('planner');
    expectClean(w);
  }, 180_000);

  it('shows a readable error for a bad input and keeps the form', async () => {
    const w = await b.open('/?view=planner');
    await w.page.getByRole('combobox', { name: 'From' }).fill('Atlantis');
    await w.page.getByRole('combobox', { name: 'To' }).fill('Harbin');
    await w.page.getByRole('button', { name: 'Find routes' }).click();
    const alert = w.page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('unknown place');
    await expect.poll(() => alert.textContent()).toContain('Atlantis');
    await expect.poll(() => alert.textContent()).toContain('Field: From');
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
    const w = await b.page();
    await w.page.goto(`${b.app.url}/docs/`);
    await w.page.waitForSelector('.swagger-ui .opblock', { timeout: 45_000 });
    expect(await w.page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(10);
    await screenshot(w.page, '13-api-docs');
    expectClean(w);
  });
});
