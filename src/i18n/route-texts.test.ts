/**
 * The route answer's sentences in the reader's language: every code and
 * fragment has en, zh and ru templates with the same placeholders; in
 * English they give back the router's own sentences on real routes of the
 * bundled atlas (summary, differences, no-route message); in Chinese a
 * route's summary and differences hold no Latin word but proper names and
 * units (the check test/browser/harness.ts `untranslatedText` makes).
 */
import { describe, expect, it } from 'vitest';
import { loadAtlas } from '../atlas/load.ts';
import { loadProfile } from '../costs/profile.ts';
import { compileNetwork } from '../network/compile.ts';
import { route } from '../routing/index.ts';
import { ROUTE_TEXT_CODES, type RouteQueryInput } from '../routing/schema.ts';
import { atlasNames, LANGS } from './messages.ts';
import {
  differencesText,
  explanationText,
  listText,
  ROUTE_FRAGMENTS,
  ROUTE_TEXTS,
  routeText,
  summaryText,
} from './route-texts.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('route texts: templates', () => {
  it('has en, zh and ru for every code and fragment, with the same placeholders', () => {
    expect(Object.keys(ROUTE_TEXTS).sort()).toEqual([...ROUTE_TEXT_CODES].sort());
    for (const [code, texts] of [...Object.entries(ROUTE_TEXTS), ...Object.entries(ROUTE_FRAGMENTS)]) {
      for (const lang of LANGS) expect(texts[lang], `${code} ${lang}`).toBeTruthy();
      expect(placeholders(texts.zh), code).toEqual(placeholders(texts.en));
      expect(placeholders(texts.ru), code).toEqual(placeholders(texts.en));
    }
  });

  it('lists in the language', () => {
    expect(listText(['a', 'b', 'c'], 'en')).toBe('a, b and c');
    expect(listText(['甲', '乙', '丙'], 'zh')).toBe('甲、乙和丙');
    expect(listText(['a'], 'ru')).toBe('a');
  });

  it('names what a query avoided', () => {
    const t = {
      code: 'no-route.not-connected' as const,
      params: { fromId: 'a', fromName: 'A', toId: 'b', toName: 'B', cargo: 'bulk', avoid: ['x', 'y'] },
    };
    expect(routeText(t, 'en')).toBe(
      'A and B are not connected for bulk with the allowed modes while avoiding x, y (a place may lack the capability to handle bulk, or a link is missing in the atlas)',
    );
    const names = {
      place: (id: string, f: string) => (id === 'x' ? '某地' : f),
      crossing: (_: string, f: string) => f,
    };
    expect(routeText(t, 'zh', names)).toContain('（避开某地、y）');
  });

  it('keeps the code of an unknown text rather than failing', () => {
    expect(routeText({ code: 'no-such' as never, params: {} }, 'zh')).toBe('no-such');
    expect(explanationText({ message: 'as written' }, 'zh')).toBe('as written');
  });
});

const { atlas } = loadAtlas();
const net = compileNetwork(atlas, loadProfile());

/** Routes with one or several crossings, several modes, alternatives, waits. */
const QUERIES: RouteQueryInput[] = [
  { from: 'harbin', to: 'vladivostok', date: '2023-06-01', cargo: 'feu', alternatives: 2 },
  { from: 'heihe', to: 'blagoveshchensk', date: '2021-01-20', cargo: 'teu', alternatives: 2 },
  { from: 'chongqing', to: 'duisburg', date: '2023-06-01', cargo: 'feu', modes: ['rail'], alternatives: 1 },
  { from: 'harbin', to: 'khabarovsk', date: '2023-07-01', cargo: 'feu', optimize: 'cost', alternatives: 3 },
  { from: 'dalian', to: 'moscow', date: '2023-07-01', cargo: 'feu', optimize: 'cost', alternatives: 3 },
  { from: 'harbin', to: 'khabarovsk', date: '2023-02-01', cargo: 'bulk', optimize: 'cost', alternatives: 2 },
  { from: 'qingdao', to: 'vladivostok', date: '2023-06-01', cargo: 'feu', modes: ['sea', 'road'] },
];

/** A Latin word of three letters or more that is neither a unit nor in a proper name of the atlas. */
const ALLOWED = new Set(['km', 'kg', 'usd', 'utc', 'co2e']);
const properNames = new Set<string>();
for (const x of [...atlas.places, ...atlas.crossings])
  for (const w of x.names.en.match(/[A-Za-z]{3,}/g) ?? []) properNames.add(w.toLowerCase());
const latinWords = (text: string) =>
  (text.match(/[A-Za-z]{3,}/g) ?? []).filter(
    (w) => !ALLOWED.has(w.toLowerCase()) && !properNames.has(w.toLowerCase()),
  );

describe('route texts on real routes', () => {
  const results = QUERIES.map((q) => route(net, q));
  const its = results.flatMap((r) => r.itineraries);
  const zh = atlasNames(atlas, 'zh');
  const ru = atlasNames(atlas, 'ru');

  it('finds routes with crossings, alternatives and differences to check', () => {
    expect(its.length).toBeGreaterThan(6);
    expect(its.some((it) => it.crossings.length > 1)).toBe(true);
    expect(its.filter((it) => it.differenceParts?.length).length).toBeGreaterThan(2);
    const codes = new Set(its.flatMap((it) => (it.differenceParts ?? []).map((p) => p.code)));
    expect([...codes].sort()).toEqual([
      'difference.crossings',
      'difference.modes',
      'difference.no-crossing',
      'difference.shared',
    ]);
  });

  it('gives back the router’s English differences (the router writes its summary with summaryText)', () => {
    for (const it of its) expect(differencesText(it, 'en')).toEqual(it.differences ?? []);
  });

  it('says the English summary from the legs: places, modes, crossings, days, money and CO2e', () => {
    const it = its.find((i) => i.crossings.length === 1 && i.legs.length > 1);
    if (!it) throw new Error('the sweep found no itinerary with one crossing');
    const s = summaryText(it, 'en');
    expect(s.startsWith(`${it.legs[0].fromName} → ${it.legs[it.legs.length - 1].toName} by `)).toBe(true);
    expect(s).toContain(`over the ${it.crossings[0].name}`);
    expect(s).toContain('1 crossing,');
    expect(s).toContain(`${Math.round((it.totals.hours / 24) * 10) / 10} days`);
    expect(s).toMatch(/\$[\d,]+, [\d.,]+ (kg|t) CO2e$/);
  });

  it('says a summary and its differences in Chinese with no English word but proper names', () => {
    for (const it of its) {
      const s = summaryText(it, 'zh', zh);
      expect(latinWords(s), s).toEqual([]);
      expect(s).toMatch(/[\u4e00-\u9fff]/);
      for (const d of differencesText(it, 'zh', zh)) expect(latinWords(d), d).toEqual([]);
    }
    const harbin = its[0];
    expect(summaryText(harbin, 'zh', zh)).toContain('哈尔滨');
  });

  it('says a summary in Russian with the atlas’s Russian names', () => {
    const s = summaryText(its[0], 'ru', ru);
    expect(s).toContain('Харбин');
    expect(s).toMatch(/сут\./);
    expect(latinWords(s)).toEqual([]);
  });
});

describe('route texts on a sweep of place pairs of the bundled atlas', () => {
  it('gives back the router’s English and says every summary and explanation in zh and ru with no English word', () => {
    const ids = atlas.places.map((p) => p.id);
    const zh = atlasNames(atlas, 'zh');
    const ru = atlasNames(atlas, 'ru');
    let itineraries = 0;
    let noRoute = 0;
    for (let i = 0; i < ids.length; i += 9)
      for (let j = 4; j < ids.length; j += 13) {
        if (i === j) continue;
        const r = route(net, { from: ids[i], to: ids[j], date: '2023-08-01', cargo: 'feu', alternatives: 1 });
        if (r.itineraries.length === 0) {
          noRoute++;
          expect(explanationText(r, 'en')).toBe(r.message);
          for (const [lang, names] of [
            ['zh', zh],
            ['ru', ru],
          ] as const) {
            const text = explanationText(r, lang, names) ?? '';
            expect(latinWords(text), text).toEqual([]);
          }
        }
        for (const it of r.itineraries) {
          itineraries++;
          expect(summaryText(it, 'en')).toBe(it.summary);
          for (const [lang, names] of [
            ['zh', zh],
            ['ru', ru],
          ] as const) {
            const text = summaryText(it, lang, names);
            expect(latinWords(text), text).toEqual([]);
          }
        }
      }
    expect(itineraries).toBeGreaterThan(300);
    expect(noRoute).toBeGreaterThan(0);
  });
});

describe('route texts: no route', () => {
  it('explains in the language, English as the router wrote it', () => {
    const cases: RouteQueryInput[] = [
      { from: 'harbin', to: 'vladivostok', date: '2023-06-01', cargo: 'feu', modes: ['air'] },
      {
        from: 'harbin',
        to: 'vladivostok',
        date: '2023-06-01',
        cargo: 'feu',
        modes: ['road'],
        avoid: ['suifenhe'],
      },
      {
        from: 'harbin',
        to: 'vladivostok',
        date: '2023-06-01',
        cargo: 'feu',
        latestArrival: '2023-06-01T12:00+08:00',
        maxTransfers: 0,
      },
    ];
    const seen = new Set<string>();
    for (const q of cases) {
      const r = route(net, q);
      if (r.itineraries.length > 0) continue;
      expect(r.explanation, JSON.stringify(q)).toBeDefined();
      seen.add(r.explanation?.code ?? '');
      expect(explanationText(r, 'en')).toBe(r.message);
      const zh = explanationText(r, 'zh', atlasNames(atlas, 'zh')) ?? '';
      expect(latinWords(zh), zh).toEqual([]);
      expect(zh).toContain('哈尔滨');
      expect(explanationText(r, 'ru', atlasNames(atlas, 'ru'))).toContain('Харбин');
    }
    expect(seen.size).toBeGreaterThan(0);
  });
});
