/**
 * The trade view's mirror-data checkbox: on a store where Russia reports its
 * trade with China for 2019–2021 only and China for 2019–2023, the balance
 * indicator gains 2022 and 2023 from China's reports, the rows of those years
 * are marked, and the share of mirror data is said, in en, zh and ru.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  atlasProperNames,
  DESKTOP,
  describeBrowser,
  launchBrowser,
  type RunningApp,
  screenshot,
  startApp,
  untranslatedText,
  watchedPage,
} from './harness.ts';

const TOKEN = 'browser-mirror-token-0123456789';
const SOURCE = 'rus-chn-total-2019-2021';

describeBrowser('trade view: fill gaps with partners’ reports', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp({ apiToken: TOKEN });
    for (const name of ['chn-rus-total-2019-2023.json', `${SOURCE}.json`]) {
      const body = readFileSync(new URL(`../../src/trade/fetch/comtrade/fixtures/${name}`, import.meta.url));
      const r = await fetch(`${app.url}/api/trade/import?name=${name}`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${TOKEN}` },
      });
      expect(r.status, await r.text()).toBe(200);
    }
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('adds the mirror years to the indicator, marks them and says the share', async () => {
    const w = await watchedPage(browser, { viewport: DESKTOP });
    const { page } = w;
    const rows = '.indicator-table tbody tr';
    await page.goto(`${app.url}/?view=trade&src=${SOURCE}&ind=balance`);
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
    await screenshot(page, '27-trade-mirror');

    const names = await atlasProperNames(app.url);
    for (const lang of ['zh', 'ru'] as const) {
      await page.goto(`${app.url}/?lang=${lang}&view=trade&src=${SOURCE}&ind=balance&mirror=1`);
      await page.waitForSelector('.mirror-share[data-mirror-rows]', { timeout: 60_000 });
      expect(await page.locator(`${rows}[data-fill="mirror"]`).count()).toBe(2);
      expect(await untranslatedText(page, names), lang).toEqual([]);
      await screenshot(page, `27-trade-mirror-${lang}`);
    }
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
    await w.context.close();
  }, 240_000);
});
