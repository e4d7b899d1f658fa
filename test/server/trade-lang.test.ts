/**
 * The trade API in the reader's language: the sources' titles
 * (`GET /api/trade/sources?lang=`), the indicators' texts
 * (`GET /api/trade/indicators?lang=`) and the audit's annotated copy
 * (`…/annotated/csv?lang=`), English unchanged without `lang`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_NEEDS } from '../../src/i18n/indicators.ts';
import { isApiError, type TestServer, testServer } from './helpers.ts';

describe('trade API ?lang=', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer();
  });
  afterAll(async () => {
    await s?.close();
  });
  const get = (url: string) => s.app.inject({ method: 'GET', url });

  it('GET /api/trade/indicators?lang=zh|ru adds each indicator’s texts in that language; the English fields stay', async () => {
    const en = await get('/api/trade/indicators');
    expect(en.statusCode).toBe(200);
    const list = en.json() as { name: string; needs: string; unit: string; texts?: unknown }[];
    expect(list.every((d) => d.texts === undefined)).toBe(true);
    for (const lang of ['zh', 'ru'] as const) {
      const r = await get(`/api/trade/indicators?lang=${lang}`);
      expect(r.statusCode).toBe(200);
      const said = r.json() as ((typeof list)[number] & {
        texts: { lang: string; title: string; definition: string; unit: string; needs: string };
      })[];
      expect(said.map((d) => d.needs)).toEqual(list.map((d) => d.needs));
      for (const d of said) {
        expect(d.texts.lang).toBe(lang);
        expect(d.texts.needs).toBe(INDICATOR_NEEDS[d.name][lang]);
        // no English sentence of the list in the language's texts
        for (const e of list) {
          expect(d.texts.needs).not.toBe(e.needs);
          expect(d.texts.title).not.toMatch(/^[A-Z][a-z]+ [a-z]/);
        }
      }
    }
    const bad = await get('/api/trade/indicators?lang=de');
    expect(bad.statusCode).toBe(400);
    expect(isApiError(bad.json())).toBe(true);
    expect(bad.json().parameter).toBe('lang');
  });

  it('GET /api/trade/sources?lang=zh|ru says each seed table’s title in that language, the printed one beside it', async () => {
    type Src = {
      id: string;
      title: string;
      titleLang: string;
      titleOriginal: string;
      titles: { en: string; zh: string | null; ru: string | null };
    };
    const en = (await get('/api/trade/sources')).json() as Src[];
    const seed = en.find((x) => x.id === 'heihe-foreign-trade-2011-2015')!;
    expect(seed).toMatchObject({
      title: 'Foreign trade of Heihe during the 12th five-year plan period (2011–2015)',
      titleLang: 'en',
      titleOriginal: 'Foreign trade of Heihe during the 12th five-year plan period (2011–2015)',
    });
    const zh = await get('/api/trade/sources?lang=zh');
    expect(zh.statusCode).toBe(200);
    const zhSeed = (zh.json() as Src[]).find((x) => x.id === 'heihe-foreign-trade-2011-2015')!;
    expect(zhSeed.title).toBe('“十二五”时期黑河市对外贸易（2011—2015年）');
    expect(zhSeed.titleLang).toBe('zh');
    expect(zhSeed.titleOriginal).toBe(seed.title);
    const ru = await get('/api/trade/sources/heilongjiang-russia-2008-2018?lang=ru');
    expect(ru.statusCode).toBe(200);
    expect(ru.json().source).toMatchObject({
      title: 'Товарная торговля между Россией и провинцией Хэйлунцзян в 2008–2018 гг.',
      titleLang: 'ru',
      titleOriginal: 'Merchandise trade between Russia and Heilongjiang Province, 2008–2018',
    });
    // every seed table in zh and ru: no English title left
    for (const lang of ['zh', 'ru'] as const)
      for (const s of (await get(`/api/trade/sources?lang=${lang}`)).json() as Src[]) {
        const english = en.find((x) => x.id === s.id)!.title;
        if (s.titles[lang] === null) expect(s).toMatchObject({ title: english, titleLang: 'en' });
        else expect(s).toMatchObject({ title: s.titles[lang], titleLang: lang });
        if (s.id.startsWith('heih')) expect(s.title).not.toBe(english);
      }
    const bad = await get('/api/trade/sources?lang=fr');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().parameter).toBe('lang');
  });

  it('GET /api/trade/audit/:source/annotated/csv?lang=ru writes its notes and added column in Russian', async () => {
    const url = '/api/trade/audit/heihe-top-imports-2016/annotated/csv';
    const en = await get(url);
    expect(en.statusCode).toBe(200);
    expect(en.body.split('\n')[0]).toBe('rank,product,value,yoy_pct,ratio_pct,audit');
    expect(en.body).toMatch(/"E share ratio_pct: printed 6%/);
    const ru = await get(`${url}?lang=ru`);
    expect(ru.statusCode).toBe(200);
    expect(ru.body.split('\n')[0]).toBe('rank,product,value,yoy_pct,ratio_pct,результаты проверки');
    expect(ru.body).toMatch(/"ошибка \(доля, ratio_pct\): напечатано 6%/);
    expect(ru.body).not.toContain('printed 6%');
    expect(ru.body).toContain('(вся таблица)');
    const zh = await get(`${url}?lang=zh&variant=as-printed`);
    expect(zh.statusCode).toBe(200);
    expect(zh.body).toContain('（全表）');
    const bad = await get(`${url}?lang=fr`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().parameter).toBe('lang');
  });
});
