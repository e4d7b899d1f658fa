/**
 * The web app as its users meet it, in a real Chromium: every view on a
 * phone and on a desktop, the markers at a shared spot (Heihe on 2019-04-20),
 * the whole route answer and its downloads, the scenario page's default
 * effect, the trade downloads' variant column, and a walk through every view
 * in Chinese and Russian that fails on interface text left in English.
 * Screenshots go to artifacts/screenshots/.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  atlasProperNames,
  canvasStats,
  DESKTOP,
  describeBrowser,
  expectClean,
  PHONE,
  screenshot,
  untranslatedText,
  useBrowserApp,
} from './harness.ts';

/**
 * A download as a client that honours the server's 503 + Retry-After would make it: on a
 * busy machine the compute pool may be saturated when the first PNG is drawn (the server
 * answers 503 with Retry-After rather than queueing past the request's deadline).
 */
async function fetchHonouringRetryAfter(url: string, attempts = 4): Promise<Response> {
  for (let i = 1; ; i++) {
    const r = await fetch(url);
    if (r.status !== 503 || i >= attempts) return r;
    await r.arrayBuffer();
    const seconds = Number(r.headers.get('retry-after') ?? '1');
    await new Promise((ok) => setTimeout(ok, Math.min(Math.max(seconds, 1), 10) * 1000));
  }
}

const VIEWS = ['overview', 'planner', 'trade', 'scenarios'] as const;
type View = (typeof VIEWS)[number];

/** What shows that a view has drawn its content. */
const READY: Record<View, string> = {
  overview: '.crossings-table tbody tr',
  planner: 'form.planner-form',
  trade: '.indicator-table tbody tr',
  scenarios: '.scenario-pairs tbody tr',
};

describeBrowser('the web app on a phone and a desktop, in three languages', () => {
  const b = useBrowserApp();
  const open = (path: string, viewport = DESKTOP) => b.open(path, { viewport });
  const clean = expectClean;

  /** Goes to a view the way a reader does: a tab, or on a phone the menu and then a tab. */
  async function goTo(page: Page, view: View, ready: string): Promise<void> {
    const menu = page.locator('#menu-button');
    if (await menu.isVisible()) {
      await menu.click();
      await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true');
    }
    const tab = page.locator(`#tab-${view}`);
    await expect.poll(() => tab.isVisible()).toBe(true);
    await tab.click();
    await page.waitForSelector(ready, { timeout: 90_000 });
  }

  /** Goes to an address inside the app (Back/Forward navigation, no reload). */
  async function navigate(page: Page, search: string): Promise<void> {
    await page.evaluate((s) => {
      history.pushState(null, '', s);
      dispatchEvent(new PopStateEvent('popstate'));
    }, search);
  }

  async function checkLayout(page: Page, view: View, width: number): Promise<void> {
    const m = await page.evaluate(() => {
      const r = (sel: string) => document.querySelector(sel)?.getBoundingClientRect() ?? null;
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        lang: r('#lang-select'),
        map: r('#map'),
        panel: r('#panel'),
      };
    });
    expect(m.scrollWidth, `${view}: no sideways scrolling`).toBeLessThanOrEqual(m.innerWidth + 1);
    expect(m.lang!.right, `${view}: the language menu is on screen`).toBeLessThanOrEqual(width);
    expect(m.lang!.width).toBeGreaterThan(40);
    if (view === 'trade') expect(m.map!.height, 'the trade view has no map').toBe(0);
    else expect(m.map!.height, `${view}: the map keeps a usable height`).toBeGreaterThanOrEqual(280);
    expect(m.panel!.width, `${view}: the panel is readable`).toBeGreaterThanOrEqual(
      Math.min(340, width - 40),
    );
  }

  /** What shows that a view has drawn its form (enough to judge its layout). */
  const FORM: Record<View, string> = {
    overview: '.crossings-table tbody tr',
    planner: 'form.planner-form',
    trade: 'form.trade-form',
    scenarios: 'form.scenario-form',
  };

  it('reaches every view on a phone and a desktop, shows the scenarios’ yearly effect, and says everything in zh and ru', async () => {
    const w = await open('/', PHONE);
    const { page } = w;
    await page.waitForSelector(READY.overview);
    // phone: the tabs are folded into a menu that names the current view
    expect(await page.locator('#tab-planner').isVisible()).toBe(false);
    expect(await page.locator('#menu-current').textContent()).toBe('Border');
    await checkLayout(page, 'overview', PHONE.width);
    await screenshot(page, '20-phone-overview');
    for (const view of ['planner', 'trade', 'scenarios', 'overview'] as const) {
      await goTo(page, view, FORM[view]);
      expect(new URL(page.url()).searchParams.get('view') ?? 'overview').toBe(view);
      await checkLayout(page, view, PHONE.width);
      await screenshot(page, `20-phone-${view}`);
    }
    // desktop: the tabs themselves
    await page.setViewportSize(DESKTOP);
    await expect.poll(() => page.locator('#menu-button').isVisible()).toBe(false);
    for (const view of ['planner', 'trade', 'scenarios'] as const) {
      await goTo(page, view, READY[view]);
      await checkLayout(page, view, DESKTOP.width);
      await screenshot(page, `20-desktop-${view}`);
    }
    // the scenario page opened on the twelve-month comparison, by impact
    expect(await page.locator('.scenario-months tbody tr').count()).toBe(12);
    const rows = page.locator('.scenario-pairs tbody tr');
    const all = await rows.count();
    expect(all).toBeGreaterThan(12);
    expect(await rows.first().getAttribute('data-change')).toBe('switched');
    const changes = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-change')));
    expect(changes.lastIndexOf('switched')).toBeLessThan(changes.indexOf('same'));
    expect(await page.locator('.scenario-pairs th', { hasText: 'Δ days' }).count()).toBe(1);
    expect(await page.locator('.scenario-pairs th', { hasText: 'Δ cost' }).count()).toBe(1);
    // the selected pair is the one drawn on the map
    await expect
      .poll(() => page.locator('#map').getAttribute('data-compare-pair'))
      .toBe(await rows.first().getAttribute('data-index'));
    expect(Number(await page.locator('#map').getAttribute('data-pins'))).toBe(2);
    await page.locator('.only-switched').check();
    await expect.poll(() => rows.count()).toBeLessThan(all);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-change')))).not.toContain(
      'same',
    );
    await screenshot(page, '21-scenarios-default');
    await goTo(page, 'overview', READY.overview);

    // every view in Chinese and in Russian, the language chosen in the page (proper names excepted)
    const names = await atlasProperNames(b.app.url);
    const tabText = { zh: '路线规划', ru: 'Маршруты' };
    for (const language of ['zh', 'ru'] as const) {
      await page.selectOption('#lang-select', language);
      await expect.poll(() => page.locator('#tab-planner').textContent()).toBe(tabText[language]);
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      const left: Record<string, string[]> = {};
      for (const view of ['overview', 'planner', 'trade', 'scenarios'] as const) {
        await goTo(page, view, READY[view]);
        // the layer menu's labels count too
        await page.evaluate(() => {
          const d = document.querySelector<HTMLDetailsElement>('.layers-control');
          if (d) d.open = true;
        });
        left[view] = await untranslatedText(page, names);
        await screenshot(page, `26-${language}-${view}`);
      }
      // a route answer and a crossing page, reached inside the app
      await navigate(page, `?lang=${language}&view=planner&from=blagoveshchensk&to=shanghai&date=2019-03-20`);
      await page.waitForSelector('.itinerary .timeline', { timeout: 90_000 });
      left.route = await untranslatedText(page, names);
      // what an itinerary is best for is listed as the language lists things (no English comma in Chinese)
      expect(await page.locator('.itinerary').first().textContent()).not.toMatch(
        /[\u4e00-\u9fff], [\u4e00-\u9fff]/,
      );
      await screenshot(page, `26-${language}-route`);
      await navigate(page, `?lang=${language}&crossing=heihe-blagoveshchensk&date=2019-04-20`);
      await page.waitForSelector('ul.services li');
      left.crossing = await untranslatedText(page, names);
      expect(await page.locator('ul.services').textContent()).not.toMatch(/\d\d-\d\d/);
      expect(await page.locator('ul.services').textContent()).toMatch(
        language === 'zh' ? /5月6日至10月27日/ : /6 мая – 27 окт\./,
      );
      await screenshot(page, `26-${language}-crossing`);
      // a printed table's audit findings and an indicator's definition: the library's texts in the language,
      // the findings' evidence too (how a value is known, which text, which flow, the unit: src/trade/audit/evidence-texts.ts)
      await navigate(
        page,
        `?lang=${language}&view=trade&src=heilongjiang-russia-2008-2018&ind=average-growth`,
      );
      await page.waitForSelector('ol.findings li .finding-text', { timeout: 90_000 });
      await page.waitForSelector(READY.trade, { timeout: 90_000 });
      expect(await page.locator('ol.findings li .finding-text').count()).toBeGreaterThan(10);
      expect(await page.locator('ol.findings li > span[lang="en"]').count()).toBe(0);
      // no English left in the audit: only ids kept as written (no language) and citations are not in the language
      expect(await page.locator('ol.findings [lang="en"], .unit-finding [lang="en"]').count()).toBe(0);
      const literals = await page.locator('ol.findings [lang="zxx"]').allTextContents();
      expect(literals.length).toBeGreaterThan(10);
      expect(literals.filter((x) => !/^[\w.:-]+$/.test(x))).toEqual([]);
      // the scale finding's comparisons are listed under it, in the language
      expect(await page.locator('ol.findings .finding-details li .finding-text').count()).toBeGreaterThan(5);
      expect(await page.locator('.formula[lang="en"]').count()).toBe(0);
      // the sources by their titles in the language (select, Source line): no seed table's English title shown,
      // the printed one kept on the cite for citation
      const seedTitles = (
        (await (await fetch(`${b.app.url}/api/trade/sources`)).json()) as { id: string; title: string }[]
      ).filter((x) => /^heih|^heilongjiang/.test(x.id));
      expect(seedTitles.length).toBe(4);
      const shown = [
        ...(await page.locator('form.trade-form select[name="source"] option').allTextContents()),
        (await page.locator('.source-citation cite').textContent()) ?? '',
      ];
      for (const { title } of seedTitles) expect(shown, language).not.toContain(title);
      expect(shown.join('\n'), language).toMatch(
        language === 'zh' ? /黑龙江省对俄罗斯货物贸易/ : /провинцией Хэйлунцзян/,
      );
      expect(await page.locator('form.trade-form select[name="source"] option[lang]').count()).toBe(0);
      expect(await page.locator('.source-citation cite').getAttribute('lang')).toBeNull();
      expect(await page.locator('.source-citation cite').getAttribute('title')).toBe(
        'Merchandise trade between Russia and Heilongjiang Province, 2008–2018',
      );
      // the indicator's notes said by their codes (src/i18n/indicator-notes.ts): none left in English
      await page.waitForSelector('ul.notes li[data-code="growth.least-squares"]');
      expect(await page.locator('ul.notes[lang="en"], ul.notes [lang="en"]').count()).toBe(0);
      left.audit = await untranslatedText(page, names);
      await screenshot(page, `26-${language}-audit`);
      // a server error: a sentence in the language by its code and field, the server's English as a detail
      await navigate(page, `?lang=${language}&view=planner&from=Atlantis&to=Harbin&date=2019-03-20`);
      await page.waitForSelector('.error-box .error-sentence', { timeout: 90_000 });
      expect(await page.locator('.error-box .error-message [lang="en"]').textContent()).toContain('Atlantis');
      left.error = await untranslatedText(page, names);
      // the refused request is the only console error this step may leave (the browser logs the 400)
      const refused = w.errors.filter((e) => /status of 400/.test(e));
      expect(refused.length).toBeGreaterThan(0);
      w.errors.splice(0, w.errors.length, ...w.errors.filter((e) => !refused.includes(e)));
      expect(left, language).toEqual({
        overview: [],
        planner: [],
        trade: [],
        scenarios: [],
        route: [],
        crossing: [],
        audit: [],
        error: [],
      });
      await navigate(page, `?lang=${language}`);
      await page.waitForSelector(READY.overview);
    }
    clean(w);
  }, 400_000);

  it('shows the freight crossing’s state at Heihe on 2019-04-20; energy lines are a layer of their own', async () => {
    const w = await open('/?date=2019-04-20');
    const { page } = w;
    await page.waitForSelector('.crossing-marker[data-crossing="heihe-blagoveshchensk"]');
    const api = (await (
      await fetch(`${b.app.url}/api/atlas/crossings/heihe-blagoveshchensk/state?date=2019-04-20`)
    ).json()) as { look: string };
    expect(api.look).toBe('seasonal');
    const heihe = page.locator('.crossing-marker[data-crossing="heihe-blagoveshchensk"]');
    await expect.poll(() => heihe.getAttribute('data-look')).toBe(api.look);
    // at the shared spot the freight crossing is what the map shows: the power lines and the pipeline are off
    for (const id of ['blagoveshchensk-heihe-110-220kv', 'heihe-amurskaya-500kv', 'power-of-siberia-heihe'])
      expect(await page.locator(`.crossing-marker[data-crossing="${id}"]`).isVisible(), id).toBe(false);
    const topAt = (loc: typeof heihe) =>
      loc.evaluate((el) => {
        const dot = el.querySelector('.crossing-dot')!.getBoundingClientRect();
        const top = document.elementFromPoint(dot.x + dot.width / 2, dot.y + dot.height / 2);
        return top?.closest('.crossing-marker')?.getAttribute('data-crossing') ?? null;
      });
    expect(await topAt(heihe)).toBe('heihe-blagoveshchensk');
    await screenshot(page, '22-heihe-2019-04-20');
    // the crossings list follows the map: no pipeline or power line while the energy layer is off
    const listed = (id: string) => page.locator(`.crossings-table tr[data-crossing="${id}"]`);
    await page.waitForSelector('.crossings-table tr[data-crossing="heihe-blagoveshchensk"]');
    for (const id of ['blagoveshchensk-heihe-110-220kv', 'heihe-amurskaya-500kv', 'power-of-siberia-heihe'])
      expect(await listed(id).count(), id).toBe(0);
    expect(await page.locator('.crossings-table tr[data-energy]').count()).toBe(0);
    expect(await page.locator('.crossing-list .energy-hidden').textContent()).toMatch(
      /^\d+ energy crossings/,
    );
    // energy on: every marker at Heihe is reachable, none under another
    await page.locator('.layers-control summary').click();
    await page.locator('input[data-layer="energy"]').check();
    expect(new URL(page.url()).searchParams.get('show')).toBe('energy');
    for (const id of [
      'heihe-blagoveshchensk',
      'blagoveshchensk-heihe-110-220kv',
      'heihe-amurskaya-500kv',
      'power-of-siberia-heihe',
    ]) {
      const m = page.locator(`.crossing-marker[data-crossing="${id}"]`);
      await expect.poll(() => m.isVisible(), { message: id }).toBe(true);
      expect(await topAt(m), id).toBe(id);
    }
    await screenshot(page, '23-heihe-energy');
    // and the list names them too, with the layer
    for (const id of ['blagoveshchensk-heihe-110-220kv', 'heihe-amurskaya-500kv', 'power-of-siberia-heihe'])
      await expect.poll(() => listed(id).count(), { message: id }).toBe(1);
    expect(await page.locator('.crossing-list .energy-hidden').count()).toBe(0);
    // place names at the opening zoom for the main cities, none overlapping another
    await expect
      .poll(async () => Number(await page.locator('#map').getAttribute('data-labels-shown')))
      .toBeGreaterThanOrEqual(5);
    const shown = await page.locator('.place-label.shown').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { text: e.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom };
      }),
    );
    expect(shown.map((s) => s.text)).toContain('Harbin');
    for (let i = 0; i < shown.length; i++)
      for (let j = i + 1; j < shown.length; j++) {
        const a = shown[i];
        const b = shown[j];
        expect(a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b, `${a.text} / ${b.text}`).toBe(false);
      }
    // a click on the freight crossing opens it: its services, sources and a date control
    await heihe.click();
    await expect.poll(() => page.locator('h2.view-heading').textContent()).toContain('Heihe');
    await page.waitForSelector('ul.services li');
    expect(await page.locator('ul.sources li').count()).toBeGreaterThan(0);
    expect(await page.locator('#panel .date-field').count()).toBe(1);
    await screenshot(page, '06-crossing');
    clean(w);
  }, 180_000);

  it('gives the whole route answer, says when fewer alternatives exist and downloads it as CSV and GeoJSON', async () => {
    const w = await open('/?view=planner&from=blagoveshchensk&to=shanghai&date=2019-03-20&opt=cost&alt=5');
    const { page } = w;
    await page.waitForSelector('.itinerary', { timeout: 90_000 });
    const first = page.locator('.itinerary').first();
    // the fifth cargo unit, air (chargeable tonnes), is offered, and air is a mode to choose
    expect(await page.locator('select[name="cargo"] option[value="air"]').textContent()).toContain(
      'air cargo',
    );
    expect(await page.locator('input[name="modes"][value="air"]').count()).toBe(1);
    // a timeline of legs and transfers, with clearance at the crossing, costs and CO2e
    expect(await first.locator('.timeline li.step-leg').count()).toBeGreaterThan(1);
    expect(await first.locator('.timeline li.step-transfer').count()).toBeGreaterThan(0);
    expect(await first.locator('.timeline').textContent()).toContain('border clearance');
    expect(await first.locator('.timeline').textContent()).toContain('pontoon bridge');
    // warnings in people's words: no state ids, no link ids
    const warnings = await first.locator('.warnings').textContent();
    expect(warnings).not.toMatch(/seasonal-closed|-road\b|-rail\b/);
    // why the closed crossings were not used, and both ends pinned
    expect(await page.locator('.why-not li').count()).toBeGreaterThan(0);
    // seasons said with the month named, not as bare month-days ("05-06…10-27")
    const whyNot = await page.locator('.why-not').textContent();
    expect(whyNot).not.toMatch(/\d\d-\d\d…\d\d-\d\d/);
    expect(whyNot).toMatch(/outside the season \d{1,2} [A-Z][a-z]{2}/);
    expect(Number(await page.locator('#map').getAttribute('data-pins'))).toBe(2);
    const n = await page.locator('.itinerary').count();
    const legs = await page.locator('.itinerary .timeline li.step-leg').count();
    const [csvDl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV' }).click(),
    ]);
    const csv = readFileSync((await csvDl.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe(
      'itinerary,leg,mode,from,to,depart,arrive,km,km_estimated,wait_hours,cost_usd,co2e_kg,crossing,line',
    );
    expect(csv.length - 1).toBe(legs);
    expect(new Set(csv.slice(1).map((l) => l.split(',')[0])).size).toBe(n);
    expect(csv[1]).toMatch(/^1,1,[a-z-]+,blagoveshchensk,[a-z-]+,2019-03-20T/);
    const [geoDl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'GEOJSON' }).click(),
    ]);
    const geo = JSON.parse(readFileSync((await geoDl.path())!, 'utf8')) as {
      type: string;
      features: { geometry: { type: string }; properties: { itinerary: number; costUsd: number } }[];
    };
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.length).toBe(legs);
    expect(geo.features[0].geometry.type).toMatch(/LineString/);
    expect(geo.features[0].properties.costUsd).toBeGreaterThan(0);
    await screenshot(page, '24-route-answer');
    // asked for 6 routes (the best and 5 alternatives): where fewer differ enough, the page says how many
    if (n < 6) expect(await page.locator('.fewer-alternatives').textContent()).toContain(String(n));
    else expect(await page.locator('.fewer-alternatives').count()).toBe(0);
    // an empty field is said in plain words, before any request
    await page.getByRole('combobox', { name: 'From' }).fill('');
    await page.getByRole('button', { name: 'Find routes' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Say where the route starts');
    clean(w);
  }, 180_000);

  it('downloads trade flows of one variant, as corrected by default, as printed on request', async () => {
    const w = await open('/?view=trade&src=heilongjiang-russia-2008-2018');
    const { page } = w;
    await page.waitForSelector(READY.trade, { timeout: 90_000 });
    // the chart is drawn, the audit marks its findings on the printed table's cells (2016 growth rates)
    await page.waitForSelector('.trade-chart-canvas canvas');
    await expect
      .poll(async () => (await canvasStats(page, '.trade-chart-canvas canvas')).colours)
      .toBeGreaterThan(4);
    await page.waitForSelector('.printed-table td[data-finding="error"]');
    expect(
      await page.locator('.printed-table tr[data-row="2016"] td[data-finding="error"]').count(),
    ).toBeGreaterThan(0);
    // the audit's unit finding is on the headers of the value columns
    await page.waitForSelector('.printed-table th[data-finding="unit"]');
    for (const label of ['XLSX', 'PNG', 'SVG']) {
      const href = await page.getByRole('link', { name: label, exact: true }).getAttribute('href');
      const r = await fetchHonouringRetryAfter(`${b.app.url}${href}`);
      expect(r.status, `${label} ${href}`).toBe(200);
      expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    // indicators the table cannot support are offered with their reason, not as a failure
    expect(
      await page.locator('select[name="indicator"] option[value="hhi"]').getAttribute('data-supported'),
    ).toBe('false');
    const headers = await page.locator('.indicator-table th').allTextContents();
    for (const hd of headers) expect(hd).not.toMatch(/_/);
    const variants = async () => {
      const href = await page.getByRole('link', { name: 'CSV', exact: true }).getAttribute('href');
      const r = await fetch(`${b.app.url}${href}`);
      expect(r.status).toBe(200);
      const lines = (await r.text()).trim().split(/\r?\n/);
      const header = lines[0].split(',');
      const col = header.indexOf('variant');
      expect(col, 'a variant column').toBeGreaterThanOrEqual(0);
      return new Set(lines.slice(1).map((l) => l.split(',')[col]));
    };
    expect([...(await variants())]).toEqual(['as-corrected']);
    // the note under the downloads says which variant they hold and names the column that says so
    await expect
      .poll(() => page.locator('.download-note').textContent())
      .toMatch(/“as corrected”.*: variant$/);
    await page.locator('select[name="variant"]').selectOption('as-printed');
    await expect
      .poll(() => page.getByRole('link', { name: 'CSV', exact: true }).getAttribute('href'))
      .toContain('variant=as-printed');
    expect([...(await variants())]).toEqual(['as-printed']);
    await screenshot(page, '25-trade-variant');
    clean(w);
  }, 180_000);
});
