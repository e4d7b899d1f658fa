/**
 * Chart titles and labels in English, Chinese and Russian, as i18next
 * resources (`lng → namespace → key`, `{{var}}` interpolation) so that the web
 * app can load the same catalogue into i18next (namespace `trade`); the
 * server-side renderer uses the small `t()` below with the same keys.
 */

export const LANGS = ['en', 'zh', 'ru'] as const;
export type Lang = (typeof LANGS)[number];

export const CHART_NAMESPACE = 'trade';

type Catalogue = {
  chart: Record<string, string>;
  /** how a chart kind draws a value that is a partner's mirror report (`chart.mirror`'s {{mark}}) */
  mirrorMark: Record<'line' | 'bar' | 'area' | 'treemap' | 'sankey', string>;
  flow: Record<string, string>;
  unit: Record<string, string>;
  world: string;
  source: string;
};

const en: Catalogue = {
  chart: {
    series: '{{reporter}}: trade with {{partner}}, {{from}}–{{to}}',
    seriesOne: '{{reporter}}: trade with {{partner}}, {{year}}',
    seriesWorld: '{{reporter}}: foreign trade, {{from}}–{{to}}',
    composition: '{{reporter}}: {{flow}} by {{by}}, {{from}}–{{to}}',
    structure: '{{reporter}}: {{flow}} by product, {{year}}',
    sankey: '{{reporter}}: imports and exports by product, {{year}}',
    sankeyPartners: '{{reporter}}: trade by partner, {{year}}',
    year: 'Year',
    value: 'Value',
    product: 'product',
    partner: 'partner',
    other: 'Other',
    mirror:
      "{{n}} of {{m}} values ({{mark}}) are partners' mirror reports, CIF/FOB factor {{factor}} ({{source}})",
    mirrorTag: 'mirror',
    mirrorImf: 'IMF DOTS',
    mirrorGiven: 'factor given',
  },
  mirrorMark: {
    line: 'hollow markers, dashed lines',
    bar: 'hollow bars with a dashed outline',
    area: 'hollow markers',
    treemap: 'dashed outline',
    sankey: 'grey links',
  },
  flow: {
    export: 'Exports',
    import: 'Imports',
    total: 'Total trade',
    're-export': 'Re-exports',
    're-import': 'Re-imports',
  },
  unit: {
    usd: 'US$',
    usd_thousand: 'US$ thousand',
    usd_million: 'US$ million',
    usd_billion: 'US$ billion',
  },
  world: 'the world',
  source: 'Source: {{source}}',
};

const zh: Catalogue = {
  chart: {
    series: '{{reporter}}与{{partner}}的贸易，{{from}}–{{to}}年',
    seriesOne: '{{reporter}}与{{partner}}的贸易，{{year}}年',
    seriesWorld: '{{reporter}}对外贸易，{{from}}–{{to}}年',
    composition: '{{reporter}}{{flow}}（按{{by}}），{{from}}–{{to}}年',
    structure: '{{reporter}}{{flow}}商品结构，{{year}}年',
    sankey: '{{reporter}}进出口商品结构，{{year}}年',
    sankeyPartners: '{{reporter}}按贸易伙伴的贸易，{{year}}年',
    year: '年份',
    value: '金额',
    product: '商品',
    partner: '贸易伙伴',
    other: '其他',
    mirror:
      '{{m}} 个数值中有 {{n}} 个（{{mark}}）为贸易伙伴的镜像报告，CIF/FOB 系数 {{factor}}（{{source}}）',
    mirrorTag: '镜像',
    mirrorImf: '国际货币基金组织《贸易方向统计》',
    mirrorGiven: '用户指定的系数',
  },
  mirrorMark: {
    line: '空心标记、虚线',
    bar: '空心虚线框柱',
    area: '空心标记',
    treemap: '虚线边框',
    sankey: '灰色连线',
  },
  flow: {
    export: '出口',
    import: '进口',
    total: '进出口总额',
    're-export': '转口出口',
    're-import': '复进口',
  },
  unit: {
    usd: '美元',
    usd_thousand: '千美元',
    usd_million: '百万美元',
    usd_billion: '十亿美元',
  },
  world: '世界',
  source: '资料来源：{{source}}',
};

const ru: Catalogue = {
  chart: {
    series: '{{reporter}}: торговля с партнёром «{{partner}}», {{from}}–{{to}}',
    seriesOne: '{{reporter}}: торговля с партнёром «{{partner}}», {{year}}',
    seriesWorld: '{{reporter}}: внешняя торговля, {{from}}–{{to}}',
    composition: '{{reporter}}: {{flow}} по {{by}}, {{from}}–{{to}}',
    structure: '{{reporter}}: {{flow}} по товарам, {{year}}',
    sankey: '{{reporter}}: импорт и экспорт по товарам, {{year}}',
    sankeyPartners: '{{reporter}}: торговля по партнёрам, {{year}}',
    year: 'Год',
    value: 'Стоимость',
    product: 'товарам',
    partner: 'партнёрам',
    other: 'Прочее',
    mirror:
      '{{n}} из {{m}} значений ({{mark}}) — зеркальные данные партнёров, коэффициент CIF/FOB {{factor}} ({{source}})',
    mirrorTag: 'зеркальные данные',
    mirrorImf: 'МВФ, «Статистика направлений торговли»',
    mirrorGiven: 'коэффициент задан пользователем',
  },
  mirrorMark: {
    line: 'полые маркеры, пунктир',
    bar: 'полые столбцы с пунктирным контуром',
    area: 'полые маркеры',
    treemap: 'пунктирный контур',
    sankey: 'серые связи',
  },
  flow: {
    export: 'Экспорт',
    import: 'Импорт',
    total: 'Товарооборот',
    're-export': 'Реэкспорт',
    're-import': 'Реимпорт',
  },
  unit: {
    usd: 'долл. США',
    usd_thousand: 'тыс. долл. США',
    usd_million: 'млн долл. США',
    usd_billion: 'млрд долл. США',
  },
  world: 'мир',
  source: 'Источник: {{source}}',
};

/** i18next resources: `i18next.init({ resources: chartResources, ns: ['trade'] })`. */
export const chartResources: Record<Lang, Record<typeof CHART_NAMESPACE, Catalogue>> = {
  en: { trade: en },
  zh: { trade: zh },
  ru: { trade: ru },
};

/** Looks up `key` (dotted, e.g. `flow.export`) for a language, English as fallback; `{{var}}` interpolation. */
export function t(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const find = (l: Lang): string | undefined => {
    let v: unknown = chartResources[l][CHART_NAMESPACE];
    for (const part of key.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
    return typeof v === 'string' ? v : undefined;
  };
  const template = find(lang) ?? find('en') ?? key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(vars[name] ?? `{{${name}}}`));
}

export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}
