/**
 * The trade view says each source's title in the page's language (issue 14):
 * the Source select and the Source line in zh and ru show the seed tables'
 * translated titles, with no `lang="en"`; the printed title stays on the
 * `<cite>` (its `title` attribute) for citation; English as printed.
 */
import { expect, it } from 'vitest';
import { DESKTOP, describeBrowser, expectClean, useBrowserApp } from './harness.ts';

describeBrowser('source titles in the trade view', () => {
  const b = useBrowserApp();

  it('shows the sources by their titles in zh and ru, the printed title kept on the cite', async () => {
    const english = (
      (await (await fetch(`${b.app.url}/api/trade/sources`)).json()) as { id: string; title: string }[]
    ).filter((x) => /^heih|^heilongjiang/.test(x.id));
    expect(english.length).toBe(4);
    const printed = english.find((x) => x.id === 'heilongjiang-russia-2008-2018')!.title;
    const expected = {
      en: printed,
      zh: '2008—2018年黑龙江省对俄罗斯货物贸易',
      ru: 'Товарная торговля между Россией и провинцией Хэйлунцзян в 2008–2018 гг.',
    };
    for (const language of ['en', 'zh', 'ru'] as const) {
      const w = await b.open(`/?lang=${language}&view=trade&src=heilongjiang-russia-2008-2018`, {
        viewport: DESKTOP,
      });
      const { page } = w;
      const cite = page.locator('.source-citation cite');
      await cite.waitFor({ timeout: 90_000 });
      const options = page.locator('form.trade-form select[name="source"] option');
      const shown = [...(await options.allTextContents()), (await cite.textContent()) ?? ''];
      expect(await cite.textContent()).toBe(expected[language]);
      expect(await page.locator('form.trade-form select[name="source"]').inputValue()).toBe(
        'heilongjiang-russia-2008-2018',
      );
      // in the page's language: no lang attribute on the select's options or the cite
      expect(await page.locator('form.trade-form select[name="source"] option[lang]').count()).toBe(0);
      expect(await cite.getAttribute('lang')).toBeNull();
      if (language === 'en') {
        expect(await cite.getAttribute('title')).toBeNull();
        for (const { title } of english) expect(shown).toContain(title);
      } else {
        expect(await cite.getAttribute('title')).toBe(printed);
        for (const { title } of english) expect(shown, language).not.toContain(title);
        expect(shown.join('\n')).not.toMatch(/[A-Za-z]{4,}/);
      }
      expectClean(w);
      await page.close();
    }
  }, 300_000);
});
