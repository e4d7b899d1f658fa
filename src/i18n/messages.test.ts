import { describe, expect, it } from 'vitest';
import {
  durationText,
  isKnownWarning,
  LANGS,
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
