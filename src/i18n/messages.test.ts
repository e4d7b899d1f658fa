import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAtlas } from '../atlas/load.ts';
import { WARNING_CODES, WARNING_PARAMS, type Warning, type WarningCode } from '../routing/schema.ts';
import {
  atlasNames,
  durationText,
  isKnownWarning,
  LANGS,
  reasonText,
  STATE_NAMES,
  WARNING_TEXTS,
  WARNING_TITLES,
  type WarningNames,
  warningText,
} from './messages.ts';

describe('router warnings in people’s words', () => {
  it('keeps the English text after a translated heading for a code without a template', () => {
    const w = {
      kind: 'note',
      code: 'no-such-code',
      params: {},
      message: 'something new',
    } as unknown as Warning;
    expect(isKnownWarning(w)).toBe(false);
    expect(warningText(w, 'ru')).toBe('Примечание: something new');
    expect(isKnownWarning({ code: 'estimated-length' })).toBe(true);
  });

  it('translates calendar reasons, states and durations', () => {
    expect(reasonText('outside the season 05-01…10-31', 'zh')).toBe('不在运营季节（5月1日至10月31日）内');
    expect(reasonText('outside the season 05-01…10-31', 'en')).toBe('outside the season 1 May – 31 Oct');
    expect(reasonText('outside the season 10-27…01-08, 04-02…05-05', 'ru')).toBe(
      'вне сезона 27 окт. – 8 янв., 2 апр. – 5 мая',
    );
    expect(reasonText('suspended since 2020-01-28', 'ru')).toBe('приостановлен с 2020-01-28');
    expect(reasonText('something else', 'ru')).toBe('something else');
    expect(durationText('2.5 days', 'ru')).toBe('2.5 сут.');
    expect(reasonText('not an operating day (operates Mon, Wed, Fri)', 'zh')).toBe(
      '非运营日（运营日：周一、周三、周五）',
    );
    expect(reasonText('outside opening hours 09:00–17:00', 'ru')).toBe('вне часов работы 09:00–17:00');
  });

  it('has every text in every language', () => {
    for (const table of [WARNING_TITLES, STATE_NAMES])
      for (const [k, v] of Object.entries(table))
        for (const l of LANGS) expect(v[l], `${k}.${l}`).toMatch(/\S/);
  });
});

describe('every wording the router writes today', () => {
  it('has a code with templates for every wording the router writes', () => {
    // a new warning in the router fails here until its code is in WARNING_CODES with its texts in messages.ts
    const source = ['../routing/itinerary.ts', '../routing/index.ts']
      .map((f) => readFileSync(new URL(f, import.meta.url), 'utf8'))
      .join('\n');
    const sites = source.match(/kind: '[a-z-]+',\s*code\b/g) ?? [];
    expect(sites.length).toBe(13);
    expect(source.match(/kind: '[a-z-]+',\s*message:/g) ?? []).toEqual([]);
    const written = new Set(
      [
        ...source.matchAll(
          /'((?:wait|seasonal-risk|gauge-change|rail-not-used)\.[a-z0-9-]+|estimated-length|weight-limit|port-dwell)'/g,
        ),
      ].map((m) => m[1]),
    );
    expect([...written].filter((c) => !(WARNING_CODES as readonly string[]).includes(c))).toEqual([]);
    expect(WARNING_CODES.filter((c) => !written.has(c))).toEqual([]);
  });
});

/** One warning per code, with the params the router writes for it (src/routing/itinerary.ts, index.ts). */
const crossing = {
  crossingId: 'heihe-blagoveshchensk',
  crossingName: 'Heihe – Blagoveshchensk',
  serviceId: 'pontoon',
  serviceName: 'winter pontoon bridge on the ice',
  facility: 'pontoon',
};
const subject = {
  subject: 'crossing',
  label: 'Heihe – Blagoveshchensk winter pontoon bridge on the ice',
  ...crossing,
};
const waitAt = {
  hours: 84,
  placeId: 'heihe',
  placeName: 'Heihe',
  until: '2019-05-01T08:00+08:00',
  ...subject,
};
const SAMPLES: Record<WarningCode, Omit<Warning, 'message'>> = {
  'wait.departure': {
    kind: 'wait',
    code: 'wait.departure',
    params: {
      hours: 3,
      placeId: 'heihe',
      placeName: 'Heihe',
      until: '2019-05-01T08:00+08:00',
      state: null,
      reason: null,
    },
  },
  'wait.seasonal-closed': {
    kind: 'wait',
    code: 'wait.seasonal-closed',
    params: { ...waitAt, state: 'seasonal-closed', reason: 'outside the season 05-01…10-31' },
  },
  'wait.holiday': {
    kind: 'wait',
    code: 'wait.holiday',
    params: {
      ...waitAt,
      state: 'closed',
      reason: 'closure 2024-02-10…2024-02-13: public holiday: Spring Festival (CN, dates from date-holidays)',
      closedFrom: '2024-02-10',
      closedTo: '2024-02-13',
      holiday: 'Spring Festival',
      holidayCountry: 'CN',
    },
  },
  'wait.closure': {
    kind: 'wait',
    code: 'wait.closure',
    params: {
      ...waitAt,
      state: 'closed',
      reason: 'closure 2024-02-10…2024-02-13: «原因»',
      closedFrom: '2024-02-10',
      closedTo: '2024-02-13',
      why: '«原因»',
    },
  },
  'wait.schedule': {
    kind: 'wait',
    code: 'wait.schedule',
    params: { ...waitAt, state: 'off-hours', reason: 'not an operating day (operates Mon, Thu)' },
  },
  'wait.status': {
    kind: 'wait',
    code: 'wait.status',
    params: { ...waitAt, state: 'suspended', reason: 'suspended since 2020-01-28' },
  },
  'seasonal-risk.closes-soon': {
    kind: 'seasonal-risk',
    code: 'seasonal-risk.closes-soon',
    params: {
      ...subject,
      date: '2019-03-20',
      state: 'seasonal-closed',
      changeDate: '2019-04-02',
      reason: 'outside the season 01-09…04-01',
      days: 13,
    },
  },
  'seasonal-risk.opened-that-day': {
    kind: 'seasonal-risk',
    code: 'seasonal-risk.opened-that-day',
    params: {
      ...subject,
      date: '2019-05-06',
      openedOn: '2019-05-06',
      daysAfter: 0,
      seasonal: true,
      reason: 'outside the season 05-06…10-27',
    },
  },
  'seasonal-risk.opened-recently': {
    kind: 'seasonal-risk',
    code: 'seasonal-risk.opened-recently',
    params: {
      subject: 'link',
      label: 'link a-b-river',
      linkId: 'a-b-river',
      date: '2019-05-08',
      openedOn: '2019-05-06',
      daysAfter: 2,
      seasonal: false,
      reason: 'suspended since 2019-01-01',
    },
  },
  'seasonal-risk.season-start-range': {
    kind: 'seasonal-risk',
    code: 'seasonal-risk.season-start-range',
    params: { ...subject, date: '2019-05-06', rangeFrom: '05-06', rangeTo: '05-10' },
  },
  'seasonal-risk.season-end-range': {
    kind: 'seasonal-risk',
    code: 'seasonal-risk.season-end-range',
    params: { ...subject, date: '2019-10-26', rangeFrom: '10-20', rangeTo: '10-30' },
  },
  'gauge-change.crossing': {
    kind: 'gauge-change',
    code: 'gauge-change.crossing',
    params: { ...crossing, fromGauge: '1435', toGauge: '1520', method: 'bogie-exchange', hours: 6 },
  },
  'gauge-change.transshipment': {
    kind: 'gauge-change',
    code: 'gauge-change.transshipment',
    params: {
      placeId: 'zabaikalsk',
      placeName: 'Zabaykalsk',
      fromGauge: '1435',
      toGauge: '1520',
      hours: 4.5,
    },
  },
  'port-dwell': {
    kind: 'note',
    code: 'port-dwell',
    params: {
      placeId: 'vostochny',
      placeName: 'Vostochny',
      hours: 58,
      year: 2011,
      sourceIds: ['portnews-2011-vsc-transit'],
    },
  },
  'estimated-length': {
    kind: 'estimated-length',
    code: 'estimated-length',
    params: { count: 2, estimatedKm: 12.5, totalKm: 800, linkIds: ['a-road'], crossingIds: ['b-crossing'] },
  },
  'weight-limit': {
    kind: 'weight-limit',
    code: 'weight-limit',
    params: { ...crossing, limitT: 10, grossT: 40, cargo: 'bulk', criterion: 'cost', unit: 'usd', gain: 300 },
  },
  'rail-not-used.no-capability': {
    kind: 'note',
    code: 'rail-not-used.no-capability',
    params: { placeIds: ['heihe', 'harbin'], placeNames: ['Heihe', 'Harbin'], roadKm: 600 },
  },
  'rail-not-used.no-rail-route': {
    kind: 'note',
    code: 'rail-not-used.no-rail-route',
    params: { fromId: 'heihe', fromName: 'Heihe', toId: 'harbin', toName: 'Harbin', roadKm: 600 },
  },
  'rail-not-used.slower': {
    kind: 'note',
    code: 'rail-not-used.slower',
    params: { criterion: 'time', unit: 'h', rail: 120, best: 72, more: 48, qty: 1, roadKm: 1200 },
  },
  'rail-not-used.costlier': {
    kind: 'note',
    code: 'rail-not-used.costlier',
    params: { criterion: 'cost', unit: 'usd', rail: 50000, best: 37660, more: 12340, qty: 10, roadKm: 1200 },
  },
  'rail-not-used.more-co2': {
    kind: 'note',
    code: 'rail-not-used.more-co2',
    params: { criterion: 'co2', unit: 'kg-co2e', rail: 3400, best: 2200, more: 1200, qty: 1, roadKm: 1200 },
  },
};

describe('warnings by code', () => {
  const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('has a template in en, zh and ru for every code the router can emit, with the same values', () => {
    for (const code of WARNING_CODES) {
      const texts = WARNING_TEXTS[code];
      for (const l of LANGS) expect(texts?.[l], `${code}.${l}`).toMatch(/\S/);
      for (const l of ['zh', 'ru'] as const)
        expect(placeholders(texts[l]), `${code}.${l}`).toEqual(placeholders(texts.en));
    }
  });

  it('says every code in each language with every value filled and names from the book, no English left in zh/ru', () => {
    const book: WarningNames = {
      place: (id) => `«地${id}»`,
      crossing: (id) => `«口${id}»`,
      service: (c, s) => `«服${c}/${s}»`,
      link: (id) => `«线${id}»`,
    };
    for (const code of WARNING_CODES) {
      const w = { ...SAMPLES[code], message: '' } as Warning;
      expect(w.code).toBe(code);
      expect(
        WARNING_PARAMS[code].filter((k) => !(k in w.params)),
        code,
      ).toEqual([]);
      expect(isKnownWarning(w)).toBe(true);
      for (const lang of LANGS) {
        const text = warningText(w, lang, book);
        expect(text, `${code} ${lang}`).not.toMatch(/\{\w+\}|undefined|NaN/);
        if (lang !== 'en') {
          // names from the book are «…»: what is left in Latin letters is untranslated wording
          const words = text.replace(/«[^»]*»/g, '').match(/[A-Za-z]{3,}/g) ?? [];
          expect(words, `${lang}: ${text}`).toEqual([]);
        }
      }
    }
    const zh = warningText({ ...SAMPLES['gauge-change.crossing'], message: '' } as Warning, 'zh', book);
    expect(zh).toBe('在«口heihe-blagoveshchensk»口岸以换转向架方式转换轨距 1435 → 1520 毫米（6 小时）');
    const holiday = warningText({ ...SAMPLES['wait.holiday'], message: '' } as Warning, 'zh', book);
    expect(holiday).toBe(
      '在«地heihe»等待3.5 天：«服heihe-blagoveshchensk/pontoon»因中国春节（2024-02-10至2024-02-13）关闭，至 2019-05-01T08:00+08:00',
    );
    const ru = warningText({ ...SAMPLES['rail-not-used.slower'], message: '' } as Warning, 'ru', book);
    expect(ru).toContain('дольше на 2.0 сут. (5.0 против 3.0)');
  });

  it('names places and crossings with an English-name lookup too (as the web app passes it)', () => {
    const w = { ...SAMPLES['gauge-change.crossing'], message: '' } as Warning;
    const zh = warningText(w, 'zh', (n) => (n === 'Heihe – Blagoveshchensk' ? '黑河—布拉戈维申斯克' : n));
    expect(zh).toBe('在黑河—布拉戈维申斯克口岸以换转向架方式转换轨距 1435 → 1520 毫米（6 小时）');
  });

  it('reads names from the atlas by id in the language', () => {
    const atlas = loadAtlas().atlas;
    const c = atlas.crossings.find((x) => x.services.length > 0);
    const p = atlas.places[0];
    if (!c || !p) throw new Error('the bundled atlas has no crossing or place');
    const zh = atlasNames(atlas, 'zh');
    expect(zh.crossing(c.id, 'x')).toBe(c.names.zh);
    expect(zh.place(p.id, 'x')).toBe(p.names.zh);
    expect(zh.place('no-such-place', 'Fallback')).toBe('Fallback');
    expect(zh.service?.(c.id, c.services[0].id, 'x')).toContain(c.names.zh);
    expect(atlasNames(atlas, 'en').service?.(c.id, c.services[0].id, 'English label')).toBe('English label');
  });
});
