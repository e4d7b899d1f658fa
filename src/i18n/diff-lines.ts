/**
 * The words of `amur scenario diff`'s text output in English, Chinese and
 * Russian: the heading, each pair's routes before and after and their change,
 * the crossings' use, and the summary (mean changes, the year's tonnes, by
 * date). In English they are the lines the command has always printed
 * (src/cli/diff-text.ts); places, crossing services and lines are named by
 * the atlas's names in the language. The router's no-route messages
 * (`beforeMessage`, `afterMessage`) are English sentences without a code and
 * stay as they are.
 *
 * `{name}` is a value the CLI fills in; every template has the same
 * placeholders in every language.
 */
import type { Texts } from './messages.ts';

export const DIFF_LINES = {
  'head-one': {
    en: '{a} → {b}: {shipments} shipments ({pairs} pairs × {dates} date), optimising {optimize}',
    zh: '{a} → {b}：共 {shipments} 批货物（{pairs} 个起讫点对 × {dates} 个日期），优化目标：{optimize}',
    ru: '{a} → {b}: отправок — {shipments} (пар пунктов: {pairs}, дат: {dates}), критерий: {optimize}',
  },
  'head-other': {
    en: '{a} → {b}: {shipments} shipments ({pairs} pairs × {dates} dates), optimising {optimize}',
    zh: '{a} → {b}：共 {shipments} 批货物（{pairs} 个起讫点对 × {dates} 个日期），优化目标：{optimize}',
    ru: '{a} → {b}: отправок — {shipments} (пар пунктов: {pairs}, дат: {dates}), критерий: {optimize}',
  },
  pair: {
    en: '  {tag} {from} → {to} ({cargo})',
    zh: '  {tag} {from} → {to}（{cargo}）',
    ru: '  {tag} {from} → {to} ({cargo})',
  },
  before: { en: '      before: {route}', zh: '      原方案：{route}', ru: '      было:  {route}' },
  after: { en: '      after:  {route}', zh: '      新方案：{route}', ru: '      стало: {route}' },
  route: {
    en: '{time} {cost} {co2} via {crossings}{lines}',
    zh: '{time} {cost} {co2}，经由{crossings}{lines}',
    ru: '{time} {cost} {co2} через {crossings}{lines}',
  },
  'route-no-crossing': {
    en: '{time} {cost} {co2} via no crossing{lines}',
    zh: '{time} {cost} {co2}，不经过边境口岸{lines}',
    ru: '{time} {cost} {co2} без пересечения границы{lines}',
  },
  lines: { en: ' ({lines})', zh: '（{lines}）', ru: ' ({lines})' },
  'no-route': { en: 'no route', zh: '无可行路线', ru: 'маршрута нет' },
  change: {
    en: '      change: {hours}, {cost}, {co2}{share}',
    zh: '      变化：{hours}，{cost}，{co2}{share}',
    ru: '      изменение: {hours}, {cost}, {co2}{share}',
  },
  'change-share': { en: ' ({pct}% cost)', zh: '（费用变化 {pct}%）', ru: ' ({pct}% стоимости)' },
  'crossings-title': {
    en: 'Crossings (shipments using them, before → after):',
    zh: '口岸（经由该口岸的货物批次，原方案 → 新方案）：',
    ru: 'Пункты пропуска (отправок через них, было → стало):',
  },
  summary: {
    en: 'Summary: {compared} compared, {switched} switch ({newRoutes} new routes, {lostRoutes} lost), {noRoute} without a route in either',
    zh: '小结：比较 {compared} 批，改走其他口岸 {switched} 批（新增路线 {newRoutes} 条，失去路线 {lostRoutes} 条），两种方案下均无路线 {noRoute} 批',
    ru: 'Итог: сравнено отправок — {compared}, сменили пункт пропуска — {switched} (новых маршрутов — {newRoutes}, потерянных — {lostRoutes}), без маршрута в обоих вариантах — {noRoute}',
  },
  mean: {
    en: '  mean change {hours}, {cost}, {co2}; among switching shipments {switchedHours}, {switchedCost}',
    zh: '  平均变化 {hours}，{cost}，{co2}；改走其他口岸的货物平均 {switchedHours}，{switchedCost}',
    ru: '  среднее изменение: {hours}, {cost}, {co2}; у сменивших пункт пропуска: {switchedHours}, {switchedCost}',
  },
  yearly: {
    en: "  for the year's {tonnes} t (each date a {share} share): {switchedTonnes} t switch; cost {cost}, CO2e {co2}, {tonneDays}",
    zh: '  全年 {tonnes} 吨（每个日期占{share}）：改走其他口岸 {switchedTonnes} 吨；费用 {cost}，二氧化碳当量 {co2}，{tonneDays}',
    ru: '  за год, {tonnes} т (каждая дата — {share}): сменят пункт пропуска {switchedTonnes} т; стоимость {cost}, CO₂-экв. {co2}, {tonneDays}',
  },
  'share-part': { en: '1/{n}', zh: ' 1/{n}', ru: '1/{n} объёма' },
  'share-whole': { en: 'whole', zh: '全部', ru: 'весь объём' },
  tonnes: { en: '{n} t', zh: '{n} 吨', ru: '{n} т' },
  'tonne-days': { en: '{n} tonne-days', zh: '{n} 吨·天', ru: '{n} т·сут.' },
  'by-date': { en: '  by date:', zh: '  按日期：', ru: '  по датам:' },
  'date-row': {
    en: '    {date}: {switched} switch, mean {hours}, {cost}',
    zh: '    {date}：改走其他口岸 {switched} 批，平均 {hours}，{cost}',
    ru: '    {date}: сменили пункт пропуска — {switched}, в среднем {hours}, {cost}',
  },
  hours: { en: '{n} h', zh: '{n} 小时', ru: '{n} ч' },
  days: { en: '{n} d', zh: '{n} 天', ru: '{n} сут.' },
  kg: { en: '{n} kg', zh: '{n} 千克', ru: '{n} кг' },
} as const satisfies Record<string, Texts>;

export type DiffLine = keyof typeof DIFF_LINES;

/** What a diff optimises (`--optimize`); English by its id. */
export const DIFF_OPTIMIZE_NAMES: Record<'time' | 'cost' | 'co2' | 'generalised', Texts> = {
  time: { en: 'time', zh: '时间', ru: 'время' },
  cost: { en: 'cost', zh: '费用', ru: 'стоимость' },
  co2: { en: 'co2', zh: '排放', ru: 'выбросы CO₂-экв.' },
  generalised: { en: 'generalised', zh: '广义费用', ru: 'обобщённые затраты' },
};
