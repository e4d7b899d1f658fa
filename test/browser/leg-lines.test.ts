/**
 * The map draws route legs on their real lines where open data gives them
 * (solid, with the OpenStreetMap credit) and straight, dashed and labelled
 * where it does not; the basemap has the border rivers. The atlas links on the
 * overview map likewise: along their real line where data/geometry/links.geojson
 * has one, dashed (schematic) where not.
 */
import { expect, it } from 'vitest';
import { atlasProperNames, describeBrowser, expectClean, screenshot, useBrowserApp } from './harness.ts';

describeBrowser('route legs on real lines, border rivers', () => {
  const b = useBrowserApp();

  it('draws measured legs solid with the OSM credit, schematic legs dashed and labelled, and the border rivers', async () => {
    const w = await b.page();
    // by rail: Harbin – Suifenhe (China, no open line here: schematic) then the Russian railway (measured)
    await w.page.goto(`${b.app.url}/?view=planner&from=harbin&to=vladivostok&date=2024-06-20&modes=rail`);
    await w.page.waitForSelector('#map[data-ready="true"]', { timeout: 45_000 });
    await w.page.waitForSelector('.itinerary', { timeout: 45_000 });
    await w.page.waitForFunction(
      () => Number(document.getElementById('map')?.dataset.routeFeatures ?? 0) > 0,
    );
    const data = await w.page.evaluate(() => ({ ...document.getElementById('map')!.dataset }));
    expect(Number(data.routeMeasured)).toBeGreaterThan(0);
    expect(Number(data.routeSchematic)).toBeGreaterThan(0);
    // every schematic leg is labelled on the map
    expect(await w.page.locator('.schematic-label').count()).toBe(Number(data.routeSchematic));
    const credit = w.page.locator('.osm-credit');
    await expect.poll(() => credit.isVisible()).toBe(true);
    expect(await credit.textContent()).toContain('OpenStreetMap contributors');
    // the border rivers layer is on the basemap, and its lines are drawn
    await w.page.waitForFunction(() => Number(document.getElementById('map')?.dataset.borderRivers ?? 0) > 0);
    const rivers = await w.page.evaluate(() => document.getElementById('map')!.dataset.borderRivers);
    expect(Number(rivers)).toBeGreaterThanOrEqual(8);
    await screenshot(w.page, '20-leg-lines');
    expectClean(w);
    expect(w.requests.some((u) => /border-rivers.*\.geojson/.test(u))).toBe(true);
  });

  it("says each itinerary's summary, an alternative's differences and why there is no route in the reader's language (zh)", async () => {
    const w = await b.page();
    await w.page.goto(
      `${b.app.url}/?lang=zh&view=planner&from=harbin&to=khabarovsk&date=2023-07-01&opt=cost&alt=2`,
    );
    await w.page.waitForSelector('.itinerary .summary', { timeout: 45_000 });
    const summaries = await w.page.locator('.itinerary .summary').allTextContents();
    expect(summaries.length).toBeGreaterThanOrEqual(2);
    // Chinese, with the places' Chinese names; no Latin word but the atlas's proper names and units
    const names = await atlasProperNames(b.app.url);
    const units = new Set(['km', 'kg', 'usd', 'co2e']);
    for (const s of summaries) {
      expect(s).toMatch(/^哈尔滨 → 哈巴罗夫斯克，/);
      const latin = (s.match(/[A-Za-z]{3,}/g) ?? []).filter(
        (x) => !names.has(x.toLowerCase()) && !units.has(x.toLowerCase()),
      );
      expect(latin, s).toEqual([]);
    }
    expect(summaries.slice(1).join('\n')).toContain('与方案 1 相比');
    await screenshot(w.page, '20-route-summary-zh');
    // no route (no air link): the reason in Chinese too
    await w.page.goto(
      `${b.app.url}/?lang=zh&view=planner&from=harbin&to=vladivostok&date=2023-06-01&modes=air`,
    );
    const reason = w.page.locator('.no-route-reason');
    await reason.waitFor({ timeout: 45_000 });
    expect(await reason.textContent()).toMatch(/^哈尔滨与符拉迪沃斯托克之间没有/);
    expect(await reason.getAttribute('lang')).toBe('zh');
    expectClean(w);
  });

  it('draws the atlas links of the overview map along their real lines, the others dashed as schematic, with the credit', async () => {
    const page = await b.page();
    // the API serves each link's real line and whether it is measured or schematic
    const res = await fetch(`${b.app.url}/api/atlas/geojson?kinds=link`);
    expect(res.status).toBe(200);
    const fc = (await res.json()) as {
      features: {
        properties: { geometryKind?: string };
        geometry: { type: string; coordinates: unknown[] };
      }[];
    };
    const measured = fc.features.filter((f) => f.properties.geometryKind === 'measured');
    expect(measured.length).toBeGreaterThan(0);
    expect(fc.features.some((f) => f.properties.geometryKind === 'schematic')).toBe(true);
    expect(Math.max(...measured.map((f) => f.geometry.coordinates.length))).toBeGreaterThan(2);

    await page.page.goto(`${b.app.url}/`);
    await page.page.waitForSelector('#map[data-ready="true"]', { timeout: 45_000 });
    await page.page.waitForFunction(
      () => document.getElementById('map')?.dataset.linksSchematic !== undefined,
      null,
      {
        timeout: 45_000,
      },
    );
    const data = await page.page.evaluate(() => ({ ...document.getElementById('map')!.dataset }));
    // at least one atlas link is drawn along a real (multi-vertex) line, at least one schematic one dashed
    expect(Number(data.linksMeasured)).toBeGreaterThan(0);
    expect(Number(data.linksMeasuredVertices)).toBeGreaterThan(2);
    expect(Number(data.linksSchematic)).toBeGreaterThan(0);
    expect(data.linksSchematicDashed).toBe('true');
    // marked on the map, and credited
    await expect.poll(() => page.page.locator('.schematic-key').isVisible()).toBe(true);
    const credit = page.page.locator('.osm-credit');
    await expect.poll(() => credit.isVisible()).toBe(true);
    expect(await credit.textContent()).toContain('OpenStreetMap contributors');
    await screenshot(page.page, '20-atlas-link-lines');
    expectClean(page);
  });
});
