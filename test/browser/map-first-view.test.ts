/**
 * "Map ready" (`#map[data-ready="true"]`, what bench/web-load.ts times) is
 * honest: at the moment it is set, the canvas already shows the basemap (the
 * sea, China's and Russia's fills), the atlas (its road and rail colours)
 * and the place labels, with the Natural Earth credit. The full 1:50m
 * basemap follows in the background and is drawn once zoomed in to
 * DETAIL_ZOOM, with nothing blank in between.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { DESKTOP, describeBrowser, expectClean, PHONE, screenshot, useBrowserApp } from './harness.ts';

/** Colours the canvas must hold (RGB): the sea, the focus countries' fills, road and 1520 mm rail. */
const COLOURS = {
  sea: [0xc9, 0xdf, 0xea],
  china: [0xf7, 0xef, 0xd9],
  russia: [0xea, 0xf0, 0xdf],
  road: [0xc7, 0x7d, 0x12],
  rail1520: [0xd1, 0x49, 0x5b],
} as const;

/**
 * Counts, when the map says it is ready, the canvas pixels of each colour
 * (within 3 per channel) and the place labels shown; a string, so no
 * compiler helper reaches the page.
 */
const AT_READY = `
  window.__atReady = null;
  new MutationObserver(() => {
    const m = document.getElementById('map');
    if (!m || m.dataset.ready !== 'true' || window.__atReady !== null) return;
    const src = m.querySelector('canvas.maplibregl-canvas');
    const c = document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const g = c.getContext('2d');
    g.drawImage(src, 0, 0);
    const data = g.getImageData(0, 0, c.width, c.height).data;
    const want = ${JSON.stringify(COLOURS)};
    const counts = Object.fromEntries(Object.keys(want).map((k) => [k, 0]));
    for (let i = 0; i < data.length; i += 4)
      for (const [k, [r, gg, b]] of Object.entries(want))
        if (Math.abs(data[i] - r) <= 3 && Math.abs(data[i + 1] - gg) <= 3 && Math.abs(data[i + 2] - b) <= 3) counts[k]++;
    window.__atReady = {
      counts,
      pixels: data.length / 4,
      labels: m.querySelectorAll('.place-label.shown').length,
      attribution: m.querySelector('.maplibregl-ctrl-attrib')?.textContent ?? '',
    };
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
`;

interface AtReady {
  counts: Record<keyof typeof COLOURS, number>;
  pixels: number;
  labels: number;
  attribution: string;
}

async function openAtReady(page: Page, url: string): Promise<AtReady> {
  await page.addInitScript(AT_READY);
  await page.goto(url);
  await page.waitForSelector('#map[data-ready="true"]', { timeout: 45_000, state: 'attached' });
  await page.waitForFunction('window.__atReady !== null');
  return (await page.evaluate('window.__atReady')) as AtReady;
}

/** Pixels of China's fill on the canvas now. */
function chinaPixels(page: Page): Promise<number> {
  return page.evaluate(([r, g, b]) => {
    const src = document.querySelector<HTMLCanvasElement>('#map canvas.maplibregl-canvas')!;
    const c = document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (Math.abs(data[i] - r) <= 3 && Math.abs(data[i + 1] - g) <= 3 && Math.abs(data[i + 2] - b) <= 3) n++;
    return n;
  }, COLOURS.china);
}

describeBrowser('the map when it says it is ready', () => {
  const b = useBrowserApp();

  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)
    it(`shows basemap, atlas and labels at that moment, then the full basemap when zoomed in (${name})`, async () => {
      const w = await b.page({ viewport });
      const at = await openAtReady(w.page, `${b.app.url}/`);
      // the basemap: sea, China and Russia each cover a good part of the opening view
      expect(at.counts.sea / at.pixels, 'sea').toBeGreaterThan(0.02);
      expect(at.counts.china / at.pixels, 'China').toBeGreaterThan(0.05);
      expect(at.counts.russia / at.pixels, 'Russia').toBeGreaterThan(0.02);
      // the atlas: road and rail lines are drawn
      expect(at.counts.road, 'road').toBeGreaterThan(50);
      expect(at.counts.rail1520, 'rail 1520').toBeGreaterThan(50);
      expect(at.labels, 'place labels').toBeGreaterThan(3);
      expect(at.attribution).toContain('Natural Earth');
      // the map's key, credits and scale are all readable: none lies over another
      const boxes = await w.page.evaluate(() =>
        [
          '.schematic-key',
          '.maplibregl-ctrl-bottom-left .maplibregl-ctrl:not(.schematic-key)',
          '.maplibregl-ctrl-bottom-right .maplibregl-ctrl-attrib',
          '.maplibregl-ctrl-scale',
        ].flatMap((sel) =>
          [...document.querySelectorAll<HTMLElement>(sel)]
            .filter((el) => el.checkVisibility())
            .map((el) => {
              const r = el.getBoundingClientRect();
              return { sel, x0: r.left, x1: r.right, y0: r.top, y1: r.bottom };
            }),
        ),
      );
      expect(boxes.length, 'key, credit, attribution and scale drawn').toBeGreaterThanOrEqual(3);
      for (const [i, a] of boxes.entries())
        for (const c of boxes.slice(i + 1))
          expect(
            a.x0 < c.x1 - 1 && c.x0 < a.x1 - 1 && a.y0 < c.y1 - 1 && c.y0 < a.y1 - 1,
            `${a.sel} over ${c.sel}`,
          ).toBe(false);
      // the full basemap loads after ready and takes over from zoom 5: the land is still drawn there
      await w.page.waitForSelector('#map[data-basemap-detail="added"]', {
        timeout: 30_000,
        state: 'attached',
      });
      while (Number(await w.page.locator('#map').getAttribute('data-zoom')) < 5)
        await w.page.locator('.maplibregl-ctrl-zoom-in').click();
      await w.page.waitForSelector('#map[data-basemap-detail="drawn"]', {
        timeout: 30_000,
        state: 'attached',
      });
      await expect.poll(() => chinaPixels(w.page), { timeout: 20_000 }).toBeGreaterThan(1000);
      await screenshot(w.page, `30-map-detail-${name}`);
      expectClean(w);
    }, 120_000);
});
