/**
 * The titles the importers give a source when the user gives none, in
 * English, Chinese and Russian: a code per importer (and format) with its
 * params (`{file}`: the imported file's base name, `{system}`: BACI's HS
 * revision, `{format}`: CSV or XLSX). English is the title the importers
 * have always written (`sources.title`); the Chinese and Russian ones are
 * stored beside it (`sources.titles`, migration 013). A title the user gives
 * (`--title`, a tidy mapping's `source.title`, a spec's `title`) is never
 * translated here: a spec says its own translations (`titles: { zh, ru }`).
 */
import type { Lang } from './lang.ts';
import type { Texts } from './messages.ts';

export const SOURCE_TITLES = {
  'comtrade-v1-csv': {
    en: 'UN Comtrade data (v1 CSV)',
    zh: '联合国商品贸易统计数据库（UN Comtrade）数据（v1 CSV）',
    ru: 'Данные UN Comtrade (v1, CSV)',
  },
  'comtrade-v1-json': {
    en: 'UN Comtrade data (v1 API JSON)',
    zh: '联合国商品贸易统计数据库（UN Comtrade）数据（v1 API JSON）',
    ru: 'Данные UN Comtrade (v1, JSON из API)',
  },
  'comtrade-legacy-csv': {
    en: 'UN Comtrade data (legacy CSV)',
    zh: '联合国商品贸易统计数据库（UN Comtrade）数据（旧版 CSV）',
    ru: 'Данные UN Comtrade (CSV прежнего формата)',
  },
  'comtrade-api': {
    en: 'UN Comtrade+ API v1 ({tier}): reporter {reporter}, partner {partner}, {period}, {commodities}, flows {flows}',
    zh: 'UN Comtrade+ API v1（{tier}）：报告方 {reporter}，伙伴方 {partner}，{period}，商品 {commodities}，流向 {flows}',
    ru: 'UN Comtrade+ API v1 ({tier}): отчитывающиеся {reporter}, партнёры {partner}, {period}, товары {commodities}, потоки {flows}',
  },
  gacc: {
    en: 'China customs (GACC) online query export: {file}',
    zh: '中国海关总署在线查询导出数据：{file}',
    ru: 'Выгрузка онлайн-запроса таможни КНР (ГТУ КНР): {file}',
  },
  fcs: {
    en: 'Russian customs (FCS) regional foreign trade: {file}',
    zh: '俄罗斯联邦海关署地区对外贸易数据：{file}',
    ru: 'Внешняя торговля регионов по данным ФТС России: {file}',
  },
  baci: {
    en: 'CEPII BACI ({system})',
    zh: 'CEPII BACI 国际贸易数据库（{system}）',
    ru: 'База данных CEPII BACI ({system})',
  },
  tidy: {
    en: '{file} (tidy {format})',
    zh: '{file}（长表格式 {format}）',
    ru: '{file} ({format} в длинном формате)',
  },
  'world-totals': {
    en: 'World totals ({file})',
    zh: '世界贸易总额（{file}）',
    ru: 'Итоги мировой торговли ({file})',
  },
} as const satisfies Record<string, Texts>;

/** "all" reporters or partners in a fetched query's title. */
export const ALL_AREAS: Texts = { en: 'all', zh: '全部', ru: 'все' };

export type SourceTitleCode = keyof typeof SOURCE_TITLES;

/** A generated title: its code and the values of its placeholders. */
export interface SourceTitle {
  code: SourceTitleCode;
  params: Record<string, string>;
}

/** The translations a source keeps beside its English title (`sources.titles`). */
export type TitleTranslations = Partial<Record<Exclude<Lang, 'en'>, string>>;

/** A generated title in one language. */
export function sourceTitleText(title: SourceTitle, lang: Lang): string {
  return SOURCE_TITLES[title.code][lang].replace(/\{(\w+)\}/g, (m, k: string) => title.params[k] ?? m);
}

/**
 * The Chinese and Russian forms of a generated title (stored with the source);
 * `params` may depend on the language (a word such as "all").
 */
export function titleTranslations(title: SourceTitle | ((lang: Lang) => SourceTitle)): TitleTranslations {
  const of = typeof title === 'function' ? title : () => title;
  return { zh: sourceTitleText(of('zh'), 'zh'), ru: sourceTitleText(of('ru'), 'ru') };
}

/**
 * A source's title in `lang`, and the language it is in: the English title
 * (the one printed or generated, used in citations) for English, and where
 * no translation into `lang` is stored (a title the user gave).
 */
export function titleIn(
  title: string,
  titles: TitleTranslations | null | undefined,
  lang: Lang,
): { text: string; lang: Lang } {
  const translated = lang === 'en' ? undefined : titles?.[lang];
  return translated ? { text: translated, lang } : { text: title, lang: 'en' };
}
