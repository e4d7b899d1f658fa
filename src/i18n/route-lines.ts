/**
 * The words of `amur route`'s text output in English, Chinese and Russian:
 * the query line, an itinerary's heading, its legs, transfers and crossings,
 * and its totals (the summary, the differences and the warnings are said by
 * route-texts.ts and messages.ts). In English the lines are the ones the
 * command has always printed.
 *
 * `{name}` is a value the CLI fills in (src/cli/route-text.ts); every
 * template of a line has the same placeholders in every language. Modes,
 * cargo, durations and CO2e are said by the library's own tables
 * (`MODE_NAMES`, `CARGO_NAMES`, `durationText`, `co2Text`); places,
 * crossings, lines and corridors by the atlas's names (`legNames`).
 */
import type { Atlas } from '../atlas/schema.ts';
import { atlasNames, FACILITY_NAMES, type Lang, type Texts, type WarningNames } from './messages.ts';

/** The line templates. */
export const ROUTE_LINES = {
  query: {
    en: '{from} → {to}: {qty} × {cargo}, leaving {date} {time} local time, optimising {optimize}',
    zh: '{from} → {to}：{qty} × {cargo}，当地时间 {date} {time} 出发，优化目标：{optimize}',
    ru: '{from} → {to}: {qty} × {cargo}, отправление {date} в {time} по местному времени, критерий: {optimize}',
  },
  'no-itinerary': {
    en: 'No itinerary: {why}',
    zh: '没有可行的行程：{why}',
    ru: 'Маршрут не найден: {why}',
  },
  'none-found': { en: 'none found', zh: '未找到', ru: 'ничего не найдено' },
  itinerary: { en: 'Itinerary {n}', zh: '方案 {n}', ru: 'Маршрут {n}' },
  'best-for': { en: ' — best for {what}', zh: ' — {what}最优', ru: ' — лучший по критерию: {what}' },
  times: {
    en: 'depart {depart}, arrive {arrive}',
    zh: '出发 {depart}，到达 {arrive}',
    ru: 'отправление {depart}, прибытие {arrive}',
  },
  tranship: {
    en: '{fromMode} → {toMode} at {place} ({time}, {cost})',
    zh: '在{place}由{fromMode}换装{toMode}（{time}，{cost}）',
    ru: '{fromMode} → {toMode} в пункте {place} ({time}, {cost})',
  },
  call: {
    en: 'port call at {place}, ship sails on ({time}, {cost})',
    zh: '船舶途经{place}挂靠后续航（{time}，{cost}）',
    ru: 'заход судна в порт {place}, далее тем же рейсом ({time}, {cost})',
  },
  'gauge-change': {
    en: 'gauge change at {place} ({time}, {cost})',
    zh: '在{place}换轨（{time}，{cost}）',
    ru: 'смена колеи в пункте {place} ({time}, {cost})',
  },
  leg: {
    en: '{mode} {from} → {to}  {km} km  {depart} → {arrive}{wait}  {cost}  {co2}  {what}',
    zh: '{mode} {from} → {to}  {km} km  {depart} → {arrive}{wait}  {cost}  {co2}  {what}',
    ru: '{mode} {from} → {to}  {km} km  {depart} → {arrive}{wait}  {cost}  {co2}  {what}',
  },
  'leg-wait': { en: ' after waiting {time}', zh: '（等待{time}后）', ru: ' после ожидания {time}' },
  'leg-cross': { en: 'cross {service}', zh: '过境：{service}', ru: 'пересечение границы: {service}' },
  crossing: {
    en: 'crossing {name} — {service}, clearance {time}{gauge}',
    zh: '口岸 {name}：{service}，通关 {time}{gauge}',
    ru: 'переход {name} — {service}, оформление {time}{gauge}',
  },
  'crossing-gauge': {
    en: '; gauge {fromGauge} → {toGauge} by {method} ({time})',
    zh: '；轨距 {fromGauge} → {toGauge}，{method}（{time}）',
    ru: '; колея {fromGauge} → {toGauge}: {method} ({time})',
  },
  totals: {
    en: 'totals: {time} ({days} days{wait}), {km} km, {cost}, {co2} WTW ({co2Ttw} TTW), {transfers}',
    zh: '合计：{time}（{days} 天{wait}），{km} km，{cost}，{co2}（油井到车轮；油箱到车轮 {co2Ttw}），{transfers}',
    ru: 'итого: {time} ({days} сут.{wait}), {km} km, {cost}, {co2} «от скважины до колеса» ({co2Ttw} «от бака до колеса»), {transfers}',
  },
  'totals-wait': { en: ', of which {time} waiting', zh: '，其中等待 {time}', ru: ', из них ожидание {time}' },
  'transfers-one': { en: '{n} transfer', zh: '{n} 次换装', ru: 'перегрузок: {n}' },
  'transfers-other': { en: '{n} transfers', zh: '{n} 次换装', ru: 'перегрузок: {n}' },
} as const satisfies Record<string, Texts>;

export type RouteLine = keyof typeof ROUTE_LINES;

/** What a query optimises (`--optimize`) and what an itinerary is best for. */
export const OPTIMIZE_NAMES: Record<string, Texts> = {
  time: { en: 'time', zh: '时间', ru: 'время' },
  cost: { en: 'cost', zh: '费用', ru: 'стоимость' },
  co2: { en: 'co2', zh: '排放', ru: 'выбросы CO₂-экв.' },
  pareto: { en: 'pareto', zh: '时间、费用和排放兼顾（帕累托）', ru: 'время, стоимость и выбросы (Парето)' },
};

/** The service classes of the cost profile (data/profiles/default.yaml `services[].label`), by their English label. */
export const SERVICE_LABELS: Record<string, Texts> = {
  'container block train': {
    en: 'container block train',
    zh: '集装箱班列',
    ru: 'контейнерный ускоренный поезд',
  },
  'Trans-Siberian express (non-stop container train)': {
    en: 'Trans-Siberian express (non-stop container train)',
    zh: '跨西伯利亚快运（不停站集装箱列车）',
    ru: 'Транссибирский экспресс (безостановочный контейнерный поезд)',
  },
  'scheduled container train (stopping at yards)': {
    en: 'scheduled container train (stopping at yards)',
    zh: '定期集装箱列车（在编组站停靠）',
    ru: 'регулярный контейнерный поезд (с остановками на станциях)',
  },
  'China–Europe express': { en: 'China–Europe express', zh: '中欧班列', ru: 'поезд Китай — Европа' },
  'wagonload / bulk unit train': {
    en: 'wagonload / bulk unit train',
    zh: '整车 / 散货直达列车',
    ru: 'повагонная отправка / маршрутный поезд с навалочным грузом',
  },
  'direct liner': { en: 'direct liner', zh: '直达班轮', ru: 'прямая линия' },
  'feeder (short-sea, transshipment at hubs)': {
    en: 'feeder (short-sea, transshipment at hubs)',
    zh: '支线船（近海，在枢纽港中转）',
    ru: 'фидер (каботаж, перевалка в хабах)',
  },
  'bulk carrier': { en: 'bulk carrier', zh: '散货船', ru: 'балкер' },
  tanker: { en: 'tanker', zh: '油轮', ru: 'танкер' },
  'air freighter': { en: 'air freighter', zh: '全货机', ru: 'грузовой самолёт' },
  'air belly hold (passenger flight)': {
    en: 'air belly hold (passenger flight)',
    zh: '客机腹舱',
    ru: 'багажный отсек пассажирского рейса',
  },
  truck: { en: 'truck', zh: '卡车', ru: 'грузовик' },
};

/** A service class's label in the language (an unknown one as written). */
export function serviceClassText(label: string, lang: Lang): string {
  return SERVICE_LABELS[label]?.[lang] ?? label;
}

/** Names a leg needs beyond a warning's: its line and its corridor, in the language. */
export interface LegNames extends WarningNames {
  /** A link's named line in the language (`fallback` when the atlas has none in it; `null` for a link without a line). */
  line(linkId: string | null, fallback: string | null): string | null;
  /** A corridor by its English name. */
  corridor(english: string): string;
  /** A crossing service's own name, without its crossing's ("winter pontoon bridge on the ice"). */
  serviceName(crossingId: string, serviceId: string, fallback: string): string;
}

/** Names from the atlas in `lang`: places, crossings, services, lines, corridors. */
export function legNames(
  atlas: Pick<Atlas, 'places' | 'crossings' | 'links' | 'corridors'>,
  lang: Lang,
): LegNames {
  const links = new Map(atlas.links.map((l) => [l.id, l]));
  const corridors = new Map(atlas.corridors.map((c) => [c.names.en, c]));
  const crossings = new Map(atlas.crossings.map((c) => [c.id, c]));
  return {
    ...atlasNames(atlas, lang),
    line: (linkId, fallback) => {
      const l = linkId ? links.get(linkId) : undefined;
      return l?.line?.[lang] ?? fallback;
    },
    corridor: (english) => corridors.get(english)?.names[lang] ?? english,
    serviceName: (crossingId, serviceId, fallback) => {
      const s = crossings.get(crossingId)?.services.find((x) => x.id === serviceId);
      if (!s || lang === 'en') return fallback;
      return s.names?.[lang] ?? FACILITY_NAMES[s.facility]?.[lang] ?? fallback;
    },
  };
}
