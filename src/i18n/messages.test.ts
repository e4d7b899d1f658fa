import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Warning } from '../routing/schema.ts';
import {
  durationText,
  isKnownWarning,
  LANGS,
  type NameLookup,
  reasonText,
  STATE_NAMES,
  WARNING_TITLES,
  warningText,
} from './messages.ts';

// wordings as src/routing/itinerary.ts writes them (copied from real router output)
const SEASONAL = {
  kind: 'seasonal-risk' as const,
  message:
    'Heihe – Blagoveshchensk winter pontoon bridge on the ice is used on 2019-03-20 but becomes seasonal-closed on 2019-04-02 (outside the season 01-09…04-01); a delay of 13 days would miss it',
};
const ESTIMATE = {
  kind: 'estimated-length' as const,
  message:
    '5 link lengths are estimates (1371.6 of 3240.3 km): beian-heihe-road, suihua-beian-road, harbin-suihua-road, shenyang-jinzhou-rail, jinzhou-tianjin-rail',
};
const GAUGE = {
  kind: 'gauge-change' as const,
  message: 'gauge change 1520 → 1435 mm at the Suifenhe – Grodekovo crossing by bogie-exchange (6 h)',
};

describe('router warnings in people’s words', () => {
  it('says a known wording again in Chinese and Russian with the same values and no link ids', () => {
    const zh = warningText(SEASONAL, 'zh', (n) =>
      n.startsWith('Heihe') ? '黑河—布拉戈维申斯克冬季浮桥' : n,
    );
    expect(zh).toContain('黑河—布拉戈维申斯克冬季浮桥');
    expect(zh).toContain('2019-04-02');
    expect(zh).toContain('季节性关闭');
    expect(zh).toContain('13');
    expect(zh).not.toMatch(/seasonal-closed|outside the season/);
    const ru = warningText(ESTIMATE, 'ru');
    expect(ru).toBe('5 расстояний — оценки (1371.6 из 3240.3 км), а не опубликованные данные');
    expect(ru).not.toContain('beian-heihe-road');
    expect(warningText(GAUGE, 'zh')).toBe(
      '在Suifenhe – Grodekovo口岸以换转向架方式转换轨距 1520 → 1435 毫米（6 小时）',
    );
  });

  it('says English in people’s words too: states in words, no link ids', () => {
    expect(warningText(SEASONAL, 'en')).toBe(
      'Heihe – Blagoveshchensk winter pontoon bridge on the ice is used on 2019-03-20 but becomes closed for the season on 2019-04-02 (outside the season 01-09…04-01); a delay of 13 days would miss it',
    );
    expect(warningText(ESTIMATE, 'en')).toBe(
      '5 of the distances are estimates (1371.6 of 3240.3 km), not published figures',
    );
  });

  it('gives an unknown wording a translated heading and keeps its text', () => {
    const w = { kind: 'note' as const, message: 'something new' };
    expect(isKnownWarning(w)).toBe(false);
    expect(warningText(w, 'ru')).toBe('Примечание: something new');
    expect(isKnownWarning(SEASONAL)).toBe(true);
  });

  it('translates calendar reasons, states and durations', () => {
    expect(reasonText('outside the season 05-01…10-31', 'zh')).toBe('不在通航季节（05-01…10-31）内');
    expect(reasonText('suspended since 2020-01-28', 'ru')).toBe('приостановлен с 2020-01-28');
    expect(reasonText('something else', 'ru')).toBe('something else');
    expect(durationText('2.5 days', 'ru')).toBe('2.5 сут.');
  });

  it('has every text in every language', () => {
    for (const table of [WARNING_TITLES, STATE_NAMES])
      for (const [k, v] of Object.entries(table))
        for (const l of LANGS) expect(v[l], `${k}.${l}`).toMatch(/\S/);
  });
});

/**
 * One sample of every wording the router writes today (src/routing/itinerary.ts and
 * src/routing/index.ts), each variant of a wording (singular/plural, per tonne/for a
 * quantity, each criterion, each load) included.
 */
const EVERY_WARNING: Warning[] = [
  GAUGE,
  {
    kind: 'gauge-change',
    message: 'gauge change 1520 → 1435 mm at Zabaykalsk by transshipment (4.5 h)',
  },
  ESTIMATE,
  { kind: 'estimated-length', message: '1 link length is an estimate (12.5 of 800 km): harbin-suihua-road' },
  {
    kind: 'estimated-length',
    message:
      '8 link lengths are estimates (900 of 3000 km): a-road, b-road, c-road, d-road, e-road, f-road, …',
  },
  {
    kind: 'wait',
    message:
      'waits 3.5 days at Heihe for Heihe – Blagoveshchensk ferry to open (seasonal-closed: outside the season 05-01…10-31), until 2019-05-01T08:00+08:00',
  },
  {
    kind: 'wait',
    message: 'waits 40 min at Harbin for the next departure to open, until 2019-05-01T08:00+08:00',
  },
  SEASONAL,
  {
    kind: 'seasonal-risk',
    message:
      'Heihe – Blagoveshchensk ferry is used on 2019-10-30 but becomes seasonal-closed on 2019-10-31 (outside the season 05-01…10-30); a delay of 1 day would miss it',
  },
  {
    kind: 'seasonal-risk',
    message:
      'Heihe – Blagoveshchensk ferry is used on 2019-05-01, on the day it opens for the season (2019-05-01) (before: outside the season 05-01…10-30); in a year with a later start it would still be closed',
  },
  {
    kind: 'seasonal-risk',
    message:
      'Heihe – Blagoveshchensk road bridge is used on 2020-06-03, on the day it becomes usable (2020-06-03) (before: suspended since 2020-01-28)',
  },
  {
    kind: 'seasonal-risk',
    message:
      'Heihe – Blagoveshchensk ferry is used on 2019-05-03, 2 days after it opens for the season on 2019-05-01 (before: outside the season 05-01…10-30); in a year with a later start it would still be closed',
  },
  {
    kind: 'seasonal-risk',
    message:
      'Heihe – Blagoveshchensk road bridge is used on 2020-06-04, 1 day after it becomes usable on 2020-06-03 (before: closed since 2020-01-28)',
  },
  {
    kind: 'seasonal-risk',
    message:
      'Heihe – Blagoveshchensk ferry is used on 2019-05-03, inside the range of observed season starts 04-25…05-10: it may not be open yet',
  },
  {
    kind: 'seasonal-risk',
    message:
      'Heihe – Blagoveshchensk ferry is used on 2019-10-28, inside the range of observed season ends 10-20…11-05: it may already be closed',
  },
  {
    kind: 'note',
    message:
      'rail not used: Heihe does not load this cargo onto rail (the atlas record gives no capability for it), so it cannot start or end by rail there',
  },
  {
    kind: 'note',
    message:
      'rail not used: Heihe and Blagoveshchensk do not load this cargo onto rail (the atlas record gives no capability for it), so it cannot start or end by rail there',
  },
  {
    kind: 'note',
    message:
      'rail not used: no all-rail itinerary from Heihe to Shanghai for this cargo on this date (a missing link, a closed crossing or a yard that cannot change its gauge)',
  },
  {
    kind: 'note',
    message:
      'rail not used: the best all-rail itinerary takes 2.5 more days (9.0 against 6.5); its loading, transshipment or gauge change, and the waits for them, outweigh the cheaper rail tariff over 1200 km',
  },
  {
    kind: 'note',
    message:
      'rail not used: the best all-rail itinerary takes $1,234 more per tonne ($5,000 against $3,766); its loading, transshipment or gauge change, and the waits for them, outweigh the cheaper rail tariff over 1200 km',
  },
  {
    kind: 'note',
    message:
      'rail not used: the best all-rail itinerary takes $12,340 more for 10 t ($50,000 against $37,660); its loading, transshipment or gauge change, and the waits for them, outweigh the cheaper rail tariff over 1200 km',
  },
  {
    kind: 'note',
    message:
      'rail not used: the best all-rail itinerary takes 1.2 t CO2e more CO2e (3.4 t CO2e against 2.2 t CO2e); its loading, transshipment or gauge change, and the waits for them, outweigh the cheaper rail tariff over 1200 km',
  },
  ...[
    ['a bulk load', 'arrive 2 days earlier'],
    ['a liquid load', 'cost $300 less'],
    ['one loaded FEU', 'emit 120 kg CO2e less'],
    ['one loaded AIR', 'arrive 5 h earlier'],
  ].map(([load, saving]) => ({
    kind: 'weight-limit' as const,
    message: `the Heihe – Blagoveshchensk pontoon bridge has a 10 t limit and a truck with ${load} weighs about 40 t (profile modes.road.grossWeightT), so the route avoids it; over it the cargo would ${saving}`,
  })),
];

describe('every wording the router writes today', () => {
  it('is recognised and said in Chinese and Russian without English words', () => {
    // every name said as a placeholder: what is left in Latin letters is untranslated wording
    const name: NameLookup = (n) => (n ? '«名»' : n);
    for (const w of EVERY_WARNING) {
      expect(isKnownWarning(w), w.message).toBe(true);
      for (const lang of ['zh', 'ru'] as const) {
        const text = warningText(w, lang, name);
        const english = (text.match(/[A-Za-z]{3,}/g) ?? []).filter((x) => !['TEU', 'FEU'].includes(x));
        expect(english, `${lang}: ${text}`).toEqual([]);
      }
      expect(warningText(w, 'en')).not.toMatch(/seasonal-closed|grossWeightT|-road\b/);
    }
  });

  it('has a sample here for each place the router writes a warning', () => {
    // a new warning in the router fails here until its wording is in messages.ts and a sample above
    const sites = ['../routing/itinerary.ts', '../routing/index.ts'].flatMap(
      (f) =>
        readFileSync(new URL(f, import.meta.url), 'utf8').match(
          /kind: '(?:wait|seasonal-risk|gauge-change|estimated-length|latest-arrival|weight-limit|note)',\s*message:/g,
        ) ?? [],
    );
    expect(sites.length).toBe(12);
    const kinds = new Set(EVERY_WARNING.map((w) => w.kind));
    expect([...kinds].sort()).toEqual(
      ['estimated-length', 'gauge-change', 'note', 'seasonal-risk', 'wait', 'weight-limit'].sort(),
    );
  });
});
