/**
 * The trade view's mirror-data checkbox: on a store where Russia reports its
 * trade with China for 2019–2021 only and China for 2019–2023, the balance
 * indicator gains 2022 and 2023 from China's reports, the rows of those years
 * are marked, and the share of mirror data is said, in en, zh and ru; the
 * chart and the CSV download are of the filled series (dashed mirror values,
 * a `fill` column).
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  atlasProperNames,
  DESKTOP,
  describeBrowser,
  expectClean,
  type RunningApp,
  screenshot,
  untranslatedText,
  useBrowserApp,
} from './harness.ts';

const TOKEN = 'browser-mirror-token-0123456789';
const SOURCE = 'rus-chn-total-2019-2021';

describeBrowser('trade view: fill gaps with partners’ reports', () => {
  /** Russia's and China's reports, imported through the API. */
  async function importReports(app: RunningApp): Promise<void> {
    for (const name of ['chn-rus-total-2019-2023.json', `${SOURCE}.json`]) {
      const body = readFileSync(new URL(`../../src/trade/fetch/comtrade/fixtures/${name}`, import.meta.url));
      const r = await fetch(`${app.url}/api/trade/import?name=${name}`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${TOKEN}` },
      });
      expect(r.status, await r.text()).toBe(200);
    }
  }
  const b = useBrowserApp({ server: { apiToken: TOKEN }, setup: importReports, setupTimeout: 300_000 });

  it('adds the mirror years to the indicator, marks them and says the share', async () => {
    const w = await b.page({ viewport: DESKTOP });
    const { page } = w;
    const rows = '.indicator-table tbody tr';
    await page.goto(`${b.app.url}/?view=trade&src=${SOURCE}&ind=balance`);
    await page.waitForSelector(rows, { timeout: 90_000 });
    expect(await page.locator(rows).count()).toBe(3);
    await page.getByLabel('Fill gaps with partners’ reports (mirror data)').check();
    await page.waitForSelector('.mirror-share[data-mirror-rows]', { timeout: 60_000 });
    expect(page.url()).toContain('mirror=1');
    expect(await page.locator(rows).count()).toBe(5);
    expect(await page.locator(`${rows}[data-fill="mirror"]`).count()).toBe(2);
    const line = (await page.locator('.mirror-share p').first().textContent()) ?? '';
    expect(line).toMatch(/Mirror data: 4 of 10 flows \(40(\.0)?%; [\d.]+% of the US\$ value\)/);
    expect(line).toContain('IMF');
    expect(await page.locator('.mirror-cells li').count()).toBe(4);
    // the chart and the downloads are of the filled series too: Russia's reports, China's standing in
    const href = async (label: string) =>
      new URL((await page.locator('.downloads a', { hasText: label }).getAttribute('href')) ?? '', b.app.url);
    for (const label of ['CSV', 'SVG']) {
      const url = await href(label);
      expect(url.searchParams.get('fillMirror'), label).toBe('true');
      expect(url.searchParams.get('reporter'), label).toBe('RUS');
      expect(url.searchParams.get('source'), label).toBeNull();
    }
    const csv = await (await fetch(await href('CSV'))).text();
    expect(csv.split('\n')[0].split(',').at(-1)).toBe('fill');
    expect(csv.split('\n').filter((l) => l.endsWith(',mirror'))).toHaveLength(4);
    const svg = await (await fetch(await href('SVG'))).text();
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('partners&#39; mirror reports');
    await screenshot(page, '27-trade-mirror');

    const names = await atlasProperNames(b.app.url);
    for (const lang of ['zh', 'ru'] as const) {
      await page.goto(`${b.app.url}/?lang=${lang}&view=trade&src=${SOURCE}&ind=balance&mirror=1`);
      await page.waitForSelector('.mirror-share[data-mirror-rows]', { timeout: 60_000 });
      expect(await page.locator(`${rows}[data-fill="mirror"]`).count()).toBe(2);
      expect(await untranslatedText(page, names), lang).toEqual([]);
      await screenshot(page, `27-trade-mirror-${lang}`);
    }
    expectClean(w);
  }, 240_000);
});
