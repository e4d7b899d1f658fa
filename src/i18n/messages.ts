/**
 * Human-readable texts of the library in English, Chinese and Russian: the
 * router's warnings, the calendar's states and reasons, the names and
 * formulas of the trade indicators and the kinds of audit finding. The web
 * app and the CLI's `--lang` use these, so a reader sees the same words in
 * either face.
 *
 * A router warning carries a stable `code` and its `params` (ids and English
 * names of places and crossings, ISO dates, hours, km, USD, kg):
 * `warningText` says it from the code's template in the reader's language
 * (`WARNING_TEXTS`, one per code in en, zh and ru), naming places and
 * crossings through `WarningNames` (`atlasNames(atlas, lang)`: the atlas's
 * own zh/ru names). A code without a template keeps the router's English
 * text after a translated heading, so nothing is lost.
 */
import type { Atlas } from '../atlas/schema.ts';
import { formatCo2, formatDuration, formatUsd, serviceLabel } from '../itinerary/format.ts';
import type { Warning, WarningCode, WarningParam } from '../itinerary/schema.ts';
import type { Lang } from './lang.ts';
import { seasonText } from './seasons.ts';

export { LANGS, type Lang } from './lang.ts';

export type Texts = Record<Lang, string>;

/** Replaces `{name}` in a template (a name with no value stays as written). */
export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

/** What a warning is about, one line per kind. */
export const WARNING_TITLES: Record<Warning['kind'], Texts> = {
  wait: { en: 'Waiting', zh: '等待', ru: 'Ожидание' },
  'seasonal-risk': {
    en: 'Seasonal service close to a change',
    zh: '季节性服务临近变化',
    ru: 'Сезонное сообщение близко к смене режима',
  },
  'gauge-change': { en: 'Change of rail gauge', zh: '轨距转换', ru: 'Смена колеи' },
  'estimated-length': { en: 'Estimated distances', zh: '估算距离', ru: 'Оценочные расстояния' },
  'latest-arrival': { en: 'Latest arrival', zh: '最晚到达', ru: 'Крайний срок прибытия' },
  'weight-limit': { en: 'Weight limit', zh: '限重', ru: 'Ограничение массы' },
  note: { en: 'Note', zh: '说明', ru: 'Примечание' },
};

/** The states a service or crossing can be in on a day (src/atlas/calendar.ts). */
export const STATE_NAMES: Record<string, Texts> = {
  open: { en: 'open', zh: '开放', ru: 'открыт' },
  closed: { en: 'closed', zh: '关闭', ru: 'закрыт' },
  'seasonal-closed': { en: 'closed for the season', zh: '季节性关闭', ru: 'закрыт по сезону' },
  suspended: { en: 'suspended', zh: '暂停', ru: 'приостановлен' },
  planned: { en: 'planned', zh: '规划中', ru: 'планируется' },
  'off-hours': { en: 'outside opening hours', zh: '非开放时间', ru: 'вне часов работы' },
  'under-construction': { en: 'under construction', zh: '在建', ru: 'строится' },
};

export function stateName(state: string, lang: Lang): string {
  return STATE_NAMES[state]?.[lang] ?? state;
}

const UNITS: Record<'min' | 'h' | 'days', Texts> = {
  min: { en: '{n} min', zh: '{n} 分钟', ru: '{n} мин' },
  h: { en: '{n} h', zh: '{n} 小时', ru: '{n} ч' },
  days: { en: '{n} days', zh: '{n} 天', ru: '{n} сут.' },
};

/** "3.5 h", "2 days" (as `formatDuration` writes them) in the language. */
export function durationText(text: string, lang: Lang): string {
  const m = /^([\d.]+) (min|h|days)$/.exec(text.trim());
  if (!m) return text;
  return fill(UNITS[m[2] as keyof typeof UNITS][lang], { n: m[1] });
}

/** Names found in a message (places, crossings, services) said in the reader's language. */
export type NameLookup = (english: string) => string;

interface Pattern {
  re: RegExp;
  texts: Texts;
  /** How each captured group is said in the language (default: as it is). */
  map?: Record<string, 'state' | 'season'>;
}

/** "12 kg CO2e", "1.5 t CO2e" (as `formatCo2` writes them) in the language. */
export function co2Text(text: string, lang: Lang): string {
  const m = /^([\d.,]+) (kg|t) CO2e$/.exec(text.trim());
  if (!m) return text;
  const unit = {
    kg: { en: 'kg CO2e', zh: '千克二氧化碳当量', ru: 'кг CO₂-экв.' },
    t: { en: 't CO2e', zh: '吨二氧化碳当量', ru: 'т CO₂-экв.' },
  }[m[2] as 'kg' | 't'][lang];
  return `${m[1]} ${unit}`;
}

/** The load of a truck in a weight-limit warning ("a bulk load", "one loaded FEU"). */
function loadText(text: string, lang: Lang): string {
  if (text === 'a bulk load') return { en: 'a bulk load', zh: '一车散货', ru: 'навалочным грузом' }[lang];
  if (text === 'a liquid load')
    return { en: 'a liquid load', zh: '一车液体货物', ru: 'наливным грузом' }[lang];
  const m = /^one loaded (\S+)$/.exec(text);
  if (!m) return text;
  if (m[1] === 'AIR') return { en: 'a load of air cargo', zh: '一车航空货物', ru: 'авиагрузом' }[lang];
  return { en: `one loaded ${m[1]}`, zh: `一个满载的${m[1]}`, ru: `одним гружёным ${m[1]}` }[lang];
}

/** What a route over a too-weak crossing would gain ("arrive 2 days earlier", "cost $300 less"). */
function savingText(text: string, lang: Lang): string {
  const m = /^(arrive|cost|emit) (.+) (earlier|less)$/.exec(text);
  if (!m) return text;
  if (m[1] === 'arrive') {
    const d = durationText(m[2], lang);
    return { en: `arrive ${d} earlier`, zh: `提前${d}到达`, ru: `прибыть на ${d} раньше` }[lang];
  }
  if (m[1] === 'cost')
    return { en: `cost ${m[2]} less`, zh: `节省费用 ${m[2]}`, ru: `стоить на ${m[2]} меньше` }[lang];
  const c = co2Text(m[2], lang);
  return { en: `emit ${c} less`, zh: `少排放 ${c}`, ru: `выбросить на ${c} меньше` }[lang];
}

/** Calendar reasons (src/atlas/calendar.ts). */
const REASONS: Pattern[] = [
  {
    re: /^outside the season (?<season>.+)$/,
    texts: { en: 'outside the season {season}', zh: '不在运营季节（{season}）内', ru: 'вне сезона {season}' },
    map: { season: 'season' },
  },
  {
    re: /^outside the observed periods of (?<year>\d{4})$/,
    texts: {
      en: 'outside the observed periods of {year}',
      zh: '不在{year}年的实际开通期内',
      ru: 'вне наблюдавшихся периодов {year} г.',
    },
  },
  {
    re: /^before (?<date>\S+) \(first recorded state: (?<state>[\w-]+)\)$/,
    texts: {
      en: 'before {date} (first recorded state: {state})',
      zh: '{date}之前（最早记录的状态：{state}）',
      ru: 'до {date} (первое известное состояние: {state})',
    },
    map: { state: 'state' },
  },
  {
    re: /^closure (?<from>\S+)…(?<to>\S+): (?<why>.+)$/,
    texts: {
      en: 'closure {from}…{to}: {why}',
      zh: '{from}至{to}关闭：{why}',
      ru: 'закрытие {from}…{to}: {why}',
    },
  },
];

const WEEKDAYS: Record<string, Texts> = {
  Mon: { en: 'Mon', zh: '周一', ru: 'пн' },
  Tue: { en: 'Tue', zh: '周二', ru: 'вт' },
  Wed: { en: 'Wed', zh: '周三', ru: 'ср' },
  Thu: { en: 'Thu', zh: '周四', ru: 'чт' },
  Fri: { en: 'Fri', zh: '周五', ru: 'пт' },
  Sat: { en: 'Sat', zh: '周六', ru: 'сб' },
  Sun: { en: 'Sun', zh: '周日', ru: 'вс' },
};

/** The schedule reasons of a day or an hour (src/atlas/calendar.ts: weekdays and opening hours). */
function scheduleReason(reason: string, lang: Lang): string | null {
  const hours = /^outside opening hours (\S+)$/.exec(reason);
  if (hours)
    return {
      en: `outside opening hours ${hours[1]}`,
      zh: `不在开放时间 ${hours[1]} 内`,
      ru: `вне часов работы ${hours[1]}`,
    }[lang];
  const days = /^not an operating day \(operates (.+)\)$/.exec(reason);
  if (!days) return null;
  const sep = { en: ', ', zh: '、', ru: ', ' }[lang];
  const list = days[1]
    .split(', ')
    .map((d) => WEEKDAYS[d]?.[lang] ?? d)
    .join(sep);
  return {
    en: `not an operating day (operates ${list})`,
    zh: `非运营日（运营日：${list}）`,
    ru: `нерабочий день (работает: ${list})`,
  }[lang];
}

/** A calendar reason ("outside the season 05-01…10-31") in the language. */
export function reasonText(reason: string, lang: Lang): string {
  if (reason === '') return reason;
  // "suspended since 2020-01-28 (a note)": the state and its date; the atlas's note is for editors
  const stateOnly = /^([\w-]+)(?: since (\S+))?(?: \(.*\))?$/.exec(reason);
  if (stateOnly && STATE_NAMES[stateOnly[1]]) {
    const since = stateOnly[2]
      ? { en: ` since ${stateOnly[2]}`, zh: `（自${stateOnly[2]}起）`, ru: ` с ${stateOnly[2]}` }[lang]
      : '';
    return `${stateName(stateOnly[1], lang)}${since}`;
  }
  return scheduleReason(reason, lang) ?? translate(REASONS, reason, lang) ?? reason;
}

/** How rail gauge changes at a crossing (atlas `gaugeChange.method`). */
export const GAUGE_METHODS: Record<string, Texts> = {
  transshipment: { en: 'transshipment', zh: '换装', ru: 'перегрузка' },
  'bogie-exchange': { en: 'bogie exchange', zh: '换转向架', ru: 'смена тележек' },
  'dual-gauge-track': { en: 'dual-gauge track', zh: '套轨', ru: 'совмещённая колея' },
  'variable-gauge': {
    en: 'variable-gauge wheelsets',
    zh: '可变轨距轮对',
    ru: 'колёсные пары переменной ширины',
  },
};

function translate(patterns: Pattern[], text: string, lang: Lang): string | null {
  for (const p of patterns) {
    const m = p.re.exec(text);
    if (!m) continue;
    const vars: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.groups ?? {}))
      vars[k] =
        p.map?.[k] === 'state'
          ? stateName(v ?? '', lang)
          : p.map?.[k] === 'season'
            ? seasonText(v ?? '', lang)
            : (v ?? '');
    return fill(p.texts[lang], vars);
  }
  return null;
}

/**
 * How a warning names places, crossings, crossing services and links in the
 * reader's language, by id with the router's English name as the fallback
 * (the web app's `Namer` fits). `atlasNames(atlas, lang)` reads them from the
 * atlas.
 */
export interface WarningNames {
  place(id: string, fallback: string): string;
  crossing(id: string, fallback: string): string;
  /** A crossing's service ("Heihe – Blagoveshchensk pontoon bridge"); default: the crossing's name and the facility. */
  service?(crossingId: string, serviceId: string, fallback: string): string;
  /** A link (its named line, or its two ends); default: "link ID" in the language. */
  link?(id: string, fallback: string): string;
}

/** The kinds of crossing facility (atlas `services[].facility`), as the web app says them. */
export const FACILITY_NAMES: Record<string, Texts> = {
  land: { en: 'land crossing', zh: '陆路口岸', ru: 'сухопутный пункт' },
  bridge: { en: 'bridge', zh: '大桥', ru: 'мост' },
  'rail-bridge': { en: 'rail bridge', zh: '铁路桥', ru: 'железнодорожный мост' },
  ferry: { en: 'ferry', zh: '轮渡', ru: 'паром' },
  barge: { en: 'barge', zh: '驳船', ru: 'баржа' },
  pontoon: { en: 'pontoon bridge', zh: '浮箱固冰通道', ru: 'понтонный мост' },
  'ice-road': { en: 'ice road', zh: '冰上通道', ru: 'ледовая переправа' },
  hovercraft: { en: 'hovercraft', zh: '气垫船', ru: 'судно на воздушной подушке' },
  boat: { en: 'boat', zh: '客船', ru: 'катер' },
  tunnel: { en: 'tunnel', zh: '隧道', ru: 'тоннель' },
  pipeline: { en: 'pipeline', zh: '管道', ru: 'трубопровод' },
  'power-line': { en: 'power line', zh: '输电线路', ru: 'ЛЭП' },
};

/** Countries whose holidays close crossings (atlas `holidayClosures[].country`). */
const COUNTRY_NAMES: Record<string, Texts> = {
  CN: { en: 'China', zh: '中国', ru: 'Китай' },
  RU: { en: 'Russia', zh: '俄罗斯', ru: 'Россия' },
  MN: { en: 'Mongolia', zh: '蒙古', ru: 'Монголия' },
  KZ: { en: 'Kazakhstan', zh: '哈萨克斯坦', ru: 'Казахстан' },
  KP: { en: 'North Korea', zh: '朝鲜', ru: 'КНДР' },
};

/** Public holidays named by date-holidays that close crossings in the atlas. */
const HOLIDAY_NAMES: Record<string, Texts> = {
  'Spring Festival': { en: 'the Spring Festival', zh: '春节', ru: 'Праздник весны' },
  "New Year's Day": { en: "New Year's Day", zh: '元旦', ru: 'Новый год' },
  'New Year Holiday': { en: 'the New Year holidays', zh: '新年假期', ru: 'новогодние каникулы' },
  'National Day': { en: 'National Day', zh: '国庆节', ru: 'День образования КНР' },
};

/** Says a link in the language when no `WarningNames.link` is given. */
const LINK_WORD: Texts = { en: 'link {id}', zh: '线路 {id}', ru: 'участок {id}' };

/** The suffix of a seasonal-risk warning about a service that has just opened for its season. */
const LATER_START: Texts = {
  en: '; in a year with a later start it would still be closed',
  zh: '；若某年开通较晚，届时仍会关闭',
  ru: '; в год с более поздним открытием он был бы ещё закрыт',
};

const WAIT_GENERIC: Texts = {
  en: 'waits {time} at {place} for {what} to open ({state}: {reason}), until {until}',
  zh: '在{place}等待{time}，直到{what}开放（{state}：{reason}），至 {until}',
  ru: 'ожидание {time} в пункте {place}, пока не откроется {what} ({state}: {reason}), до {until}',
};

/** The sentence of each warning code in en, zh and ru; `{name}` is a value of `warningVars`. */
export const WARNING_TEXTS: Record<WarningCode, Texts> = {
  'wait.departure': {
    en: 'waits {time} at {place} for the next departure, until {until}',
    zh: '在{place}等待下一班发车{time}，至 {until}',
    ru: 'ожидание ближайшего отправления {time} в пункте {place}, до {until}',
  },
  'wait.seasonal-closed': {
    en: 'waits {time} at {place} for {what} to open for the season ({reason}), until {until}',
    zh: '在{place}等待{time}，直到{what}季节性开放（{reason}），至 {until}',
    ru: 'ожидание {time} в пункте {place}, пока {what} не откроется в новом сезоне ({reason}), до {until}',
  },
  'wait.holiday': {
    en: 'waits {time} at {place}: {what} is closed for {holiday} ({country}, {closedFrom}…{closedTo}), until {until}',
    zh: '在{place}等待{time}：{what}因{country}{holiday}（{closedFrom}至{closedTo}）关闭，至 {until}',
    ru: 'ожидание {time} в пункте {place}: {what} закрыт на праздник «{holiday}» ({country}, {closedFrom}…{closedTo}), до {until}',
  },
  'wait.closure': {
    en: 'waits {time} at {place}: {what} is closed {closedFrom}…{closedTo} ({why}), until {until}',
    zh: '在{place}等待{time}：{what}于{closedFrom}至{closedTo}关闭（{why}），至 {until}',
    ru: 'ожидание {time} в пункте {place}: {what} закрыт {closedFrom}…{closedTo} ({why}), до {until}',
  },
  'wait.schedule': {
    en: 'waits {time} at {place} for {what} to open ({reason}), until {until}',
    zh: '在{place}等待{time}，直到{what}开放（{reason}），至 {until}',
    ru: 'ожидание {time} в пункте {place}, пока не откроется {what} ({reason}), до {until}',
  },
  'wait.status': WAIT_GENERIC,
  'seasonal-risk.closes-soon': {
    en: '{what} is used on {date} but becomes {state} on {changeDate} ({reason}); a delay of {days} days would miss it',
    zh: '{what}在{date}使用，但将于{changeDate}变为“{state}”（{reason}）；延误{days}天即会错过',
    ru: '{what} используется {date}, но {changeDate} становится «{state}» ({reason}); задержка на {days} дн. — и он будет упущен',
  },
  'seasonal-risk.opened-that-day': {
    en: '{what} is used on {date}, the day it opens ({openedOn}); before that: {reason}{later}',
    zh: '{what}在{date}使用，正是其开放当天（{openedOn}）；此前：{reason}{later}',
    ru: '{what} используется {date}, в день открытия ({openedOn}); до этого: {reason}{later}',
  },
  'seasonal-risk.opened-recently': {
    en: '{what} is used on {date}, {daysAfter} days after it opens on {openedOn}; before that: {reason}{later}',
    zh: '{what}在{date}使用，距其于{openedOn}开放仅{daysAfter}天；此前：{reason}{later}',
    ru: '{what} используется {date}, через {daysAfter} дн. после открытия {openedOn}; до этого: {reason}{later}',
  },
  'seasonal-risk.season-start-range': {
    en: '{what} is used on {date}, inside the range of observed season starts {rangeFrom}…{rangeTo}: it may not be open yet',
    zh: '{what}在{date}使用，处于历年开通日期范围 {rangeFrom}…{rangeTo} 之内：届时可能尚未开通',
    ru: '{what} используется {date}, в пределах наблюдавшихся дат открытия {rangeFrom}…{rangeTo}: он может быть ещё закрыт',
  },
  'seasonal-risk.season-end-range': {
    en: '{what} is used on {date}, inside the range of observed season ends {rangeFrom}…{rangeTo}: it may already be closed',
    zh: '{what}在{date}使用，处于历年关闭日期范围 {rangeFrom}…{rangeTo} 之内：届时可能已经关闭',
    ru: '{what} используется {date}, в пределах наблюдавшихся дат закрытия {rangeFrom}…{rangeTo}: он может быть уже закрыт',
  },
  'gauge-change.crossing': {
    en: 'gauge change {fromGauge} → {toGauge} mm at the {crossing} crossing by {method} ({time})',
    zh: '在{crossing}口岸以{method}方式转换轨距 {fromGauge} → {toGauge} 毫米（{time}）',
    ru: 'смена колеи {fromGauge} → {toGauge} мм на переходе {crossing}: {method} ({time})',
  },
  'gauge-change.transshipment': {
    en: 'gauge change {fromGauge} → {toGauge} mm at {place} by transshipment ({time})',
    zh: '在{place}换装转换轨距 {fromGauge} → {toGauge} 毫米（{time}）',
    ru: 'смена колеи {fromGauge} → {toGauge} мм в пункте {place} перегрузкой ({time})',
  },
  'port-dwell': {
    en: 'at {place} the container takes the port’s own published {time} between ship and land, customs included ({year})',
    zh: '集装箱在{place}按该港自身公布的船与陆路之间 {time}（含海关）计算（{year}年）',
    ru: 'в пункте {place} контейнер проводит опубликованные для этого порта {time} между судном и сушей, включая таможню ({year})',
  },
  'estimated-length': {
    en: '{count} of the distances are estimates ({estimatedKm} of {totalKm} km), not published figures',
    zh: '{count} 段距离为估算值（{totalKm} 公里中的 {estimatedKm} 公里），并非公布数据',
    ru: '{count} расстояний — оценки ({estimatedKm} из {totalKm} км), а не опубликованные данные',
  },
  'weight-limit': {
    en: 'the {service} has a {limitT} t limit and a truck with {load} weighs about {grossT} t, so the route avoids it; over it the cargo would {saving}',
    zh: '{service}限重 {limitT} 吨，而装载{load}的卡车约重 {grossT} 吨，因此路线绕开它；若经由它，货物可{saving}',
    ru: '{service}: ограничение {limitT} т, а грузовик с {load} весит около {grossT} т, поэтому маршрут обходит его; через него груз мог бы {saving}',
  },
  'rail-not-used.no-capability': {
    en: 'rail not used: {places} cannot load this cargo onto rail (the atlas records no such capability), so the route cannot start or end by rail there',
    zh: '未使用铁路：{places}不能将此类货物装上铁路（地图集未记录此项能力），因此路线无法在那里以铁路起止',
    ru: 'железная дорога не использована: в пункте {places} этот груз нельзя погрузить на железную дорогу (в атласе нет такой возможности), поэтому маршрут не может там начаться или закончиться по железной дороге',
  },
  'rail-not-used.no-rail-route': {
    en: 'rail not used: no all-rail route from {from} to {to} for this cargo on this date (a missing link, a closed crossing or a yard that cannot change its gauge)',
    zh: '未使用铁路：该日期没有从{from}到{to}运输此类货物的全铁路路线（缺少线路、口岸关闭或车站无法换轨）',
    ru: 'железная дорога не использована: на эту дату нет маршрута целиком по железной дороге из {from} в {to} для этого груза (нет участка, переход закрыт или станция не может сменить колею)',
  },
  'rail-not-used.slower': {
    en: 'rail not used: the best all-rail route takes {more} more days ({rail} against {best}); its loading, transshipment or gauge change and their waits outweigh the cheaper rail tariff over {roadKm} km',
    zh: '未使用铁路：最佳全铁路路线多用 {more} 天（{rail} 天对 {best} 天）；装车、换装或换轨及其等待抵消了 {roadKm} 公里上较低的铁路运价',
    ru: 'железная дорога не использована: лучший маршрут целиком по железной дороге дольше на {more} сут. ({rail} против {best}); погрузка, перегрузка или смена колеи и ожидание их перевешивают более дешёвый железнодорожный тариф на {roadKm} км',
  },
  'rail-not-used.costlier': {
    en: 'rail not used: the best all-rail route costs {more} more ({rail} against {best}); its loading, transshipment or gauge change and their waits outweigh the cheaper rail tariff over {roadKm} km',
    zh: '未使用铁路：最佳全铁路路线费用多 {more}（{rail} 对 {best}）；装车、换装或换轨及其等待抵消了 {roadKm} 公里上较低的铁路运价',
    ru: 'железная дорога не использована: лучший маршрут целиком по железной дороге дороже на {more} ({rail} против {best}); погрузка, перегрузка или смена колеи и ожидание их перевешивают более дешёвый железнодорожный тариф на {roadKm} км',
  },
  'rail-not-used.more-co2': {
    en: 'rail not used: the best all-rail route emits {more} more ({rail} against {best}); its loading, transshipment or gauge change and their waits outweigh the cheaper rail tariff over {roadKm} km',
    zh: '未使用铁路：最佳全铁路路线多排放 {more}（{rail} 对 {best}）；装车、换装或换轨及其等待抵消了 {roadKm} 公里上较低的铁路运价',
    ru: 'железная дорога не использована: лучший маршрут целиком по железной дороге даёт на {more} больше выбросов ({rail} против {best}); погрузка, перегрузка или смена колеи и ожидание их перевешивают более дешёвый железнодорожный тариф на {roadKm} км',
  },
};

/** Names from the atlas in `lang`, by id (places, crossings, crossing services, links); the English name when it has none. */
export function atlasNames(atlas: Pick<Atlas, 'places' | 'crossings' | 'links'>, lang: Lang): WarningNames {
  const places = new Map(atlas.places.map((p) => [p.id, p]));
  const crossings = new Map(atlas.crossings.map((c) => [c.id, c]));
  const links = new Map(atlas.links.map((l) => [l.id, l]));
  const place = (id: string, fallback: string) => places.get(id)?.names[lang] ?? fallback;
  const crossing = (id: string, fallback: string) => crossings.get(id)?.names[lang] ?? fallback;
  return {
    place,
    crossing,
    service: (crossingId, serviceId, fallback) => {
      const c = crossings.get(crossingId);
      const s = c?.services.find((x) => x.id === serviceId);
      if (!c || !s || lang === 'en') return fallback;
      const own = s.names?.[lang];
      const sep = lang === 'zh' ? '' : ' ';
      if (own) return `${c.names[lang]}${sep}${own}`;
      return `${c.names[lang]}${sep}${FACILITY_NAMES[s.facility]?.[lang] ?? s.facility}`;
    },
    link: (id, fallback) => {
      const l = links.get(id);
      if (!l) return fallback;
      const line = l.line?.[lang] ?? l.line?.en;
      const ends = `${place(l.from, l.from)} – ${place(l.to, l.to)}`;
      return line ? `${line} (${ends})` : ends;
    },
  };
}

/** The English names of a warning said as they are (no atlas at hand). */
const ENGLISH_NAMES: WarningNames = { place: (_id, f) => f, crossing: (_id, f) => f };

/** The router's English-name lookup (`NameLookup`) as `WarningNames`. */
function namesFromLookup(name: NameLookup): WarningNames {
  return {
    place: (_id, f) => name(f),
    crossing: (_id, f) => name(f),
    service: (_c, _s, f) => name(f),
    link: (_id, f) => name(f),
  };
}

const str = (v: WarningParam | undefined): string =>
  v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v);
const num = (v: WarningParam | undefined): number => (typeof v === 'number' ? v : Number(v));

/** The thing a calendar warning is about (a crossing service or a link) in the language. */
function subjectText(p: Record<string, WarningParam>, lang: Lang, names: WarningNames): string {
  const label = str(p.label);
  if (p.subject === 'crossing' || (p.crossingId !== undefined && p.serviceId !== undefined)) {
    const crossingId = str(p.crossingId);
    const english = label || serviceLabel(str(p.crossingName), str(p.serviceName));
    if (names.service) return names.service(crossingId, str(p.serviceId), english);
    if (lang === 'en') return english;
    const local = names.crossing(crossingId, str(p.crossingName));
    return `${local}${lang === 'zh' ? '' : ' '}${FACILITY_NAMES[str(p.facility)]?.[lang] ?? str(p.serviceName)}`;
  }
  if (p.subject === 'link') {
    const id = str(p.linkId);
    return names.link ? names.link(id, label || id) : fill(LINK_WORD[lang], { id });
  }
  return label;
}

/** A quantity of the `unit` of a rail-not-used or weight-limit warning: days, US dollars or CO2e. */
function amountText(unit: string, value: number, lang: Lang): string {
  if (unit === 'h') return (value / 24).toFixed(1);
  if (unit === 'usd') return formatUsd(value);
  return co2Text(formatCo2(value), lang);
}

/** What a truck on a weight-limited crossing carries (as `weightLimitDetour` says it). */
function loadOf(cargo: string): string {
  if (cargo === 'bulk') return 'a bulk load';
  if (cargo === 'liquid') return 'a liquid load';
  return `one loaded ${cargo.toUpperCase()}`;
}

/** The values of a warning's template, each said in the language. */
export function warningVars(
  w: Warning,
  lang: Lang,
  names: WarningNames = ENGLISH_NAMES,
): Record<string, string> {
  const p = w.params;
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) vars[k] = str(v);
  if (typeof p.hours === 'number') vars.time = durationText(formatDuration(p.hours), lang);
  if (p.placeId !== undefined) vars.place = names.place(str(p.placeId), str(p.placeName));
  if (p.crossingId !== undefined) vars.crossing = names.crossing(str(p.crossingId), str(p.crossingName));
  if (p.crossingId !== undefined && p.serviceId !== undefined) vars.service = subjectText(p, lang, names);
  if (p.subject !== undefined) vars.what = subjectText(p, lang, names);
  if (typeof p.state === 'string') vars.state = stateName(p.state, lang);
  if (typeof p.reason === 'string') vars.reason = reasonText(p.reason, lang);
  if (typeof p.method === 'string') vars.method = GAUGE_METHODS[p.method]?.[lang] ?? p.method;
  if (typeof p.holiday === 'string') vars.holiday = HOLIDAY_NAMES[p.holiday]?.[lang] ?? p.holiday;
  if (typeof p.holidayCountry === 'string')
    vars.country = COUNTRY_NAMES[p.holidayCountry]?.[lang] ?? p.holidayCountry;
  if (Array.isArray(p.placeIds) && Array.isArray(p.placeNames)) {
    const and = { en: ' and ', zh: '和', ru: ' и ' }[lang];
    const placeNames = p.placeNames;
    vars.places = p.placeIds.map((id, i) => names.place(id, placeNames[i] ?? id)).join(and);
  }
  if (p.fromId !== undefined) vars.from = names.place(str(p.fromId), str(p.fromName));
  if (p.toId !== undefined) vars.to = names.place(str(p.toId), str(p.toName));
  if (typeof p.seasonal === 'boolean') vars.later = p.seasonal ? LATER_START[lang] : '';
  const unit = str(p.unit);
  if (w.code.startsWith('rail-not-used.') && unit)
    for (const k of ['rail', 'best', 'more']) vars[k] = amountText(unit, num(p[k]), lang);
  if (w.code === 'weight-limit') {
    vars.load = loadText(loadOf(str(p.cargo)), lang);
    const gain = num(p.gain);
    const saving =
      unit === 'h'
        ? `arrive ${formatDuration(gain)} earlier`
        : unit === 'usd'
          ? `cost ${formatUsd(gain)} less`
          : `emit ${formatCo2(gain)} less`;
    vars.saving = savingText(saving, lang);
  }
  return vars;
}

/**
 * A router warning in the reader's language (English included: states and
 * ids said in words, link ids left out): its code's template filled with its
 * params, places and crossings named through `names` (`atlasNames`, or an
 * English-name lookup). A warning whose code has no template (a newer router
 * than these texts) keeps the router's English text after a translated
 * heading, so nothing is lost; `isKnownWarning` tells them apart.
 */
export function warningText(w: Warning, lang: Lang, names?: WarningNames | NameLookup): string {
  if (!isKnownWarning(w)) return `${WARNING_TITLES[w.kind]?.[lang] ?? w.kind}: ${w.message}`;
  const book =
    names === undefined ? ENGLISH_NAMES : typeof names === 'function' ? namesFromLookup(names) : names;
  return fill(WARNING_TEXTS[w.code][lang], warningVars(w, lang, book));
}

/** True when `warningText` has a template for this warning's code. */
export function isKnownWarning(w: Pick<Warning, 'code'>): boolean {
  return typeof w.code === 'string' && Object.hasOwn(WARNING_TEXTS, w.code);
}

/** The trade indicators (src/trade/indicators) by name, in each language. */
export const INDICATOR_NAMES: Record<string, Texts> = {
  growth: { en: 'Year-on-year growth', zh: '同比增长', ru: 'Годовой прирост' },
  'average-growth': {
    en: 'Average annual growth',
    zh: '年均增长',
    ru: 'Среднегодовой прирост',
  },
  share: { en: 'Share in a larger total', zh: '在总额中的占比', ru: 'Доля в итоге' },
  balance: { en: 'Trade balance', zh: '贸易差额', ru: 'Торговый баланс' },
  dependence: { en: 'Bilateral trade dependence', zh: '双边贸易依存度', ru: 'Взаимная торговая зависимость' },
  hhi: {
    en: 'Concentration (Herfindahl–Hirschman)',
    zh: '集中度（赫芬达尔—赫希曼指数）',
    ru: 'Концентрация (Херфиндаль — Хиршман)',
  },
  diversification: { en: 'Export diversification', zh: '出口多样化', ru: 'Диверсификация экспорта' },
  rca: {
    en: 'Revealed comparative advantage (Balassa)',
    zh: '显示性比较优势（巴拉萨指数）',
    ru: 'Выявленное сравнительное преимущество (Баласса)',
  },
  specialisation: { en: 'Export specialisation', zh: '出口专业化', ru: 'Экспортная специализация' },
  intensity: { en: 'Trade intensity', zh: '贸易强度', ru: 'Интенсивность торговли' },
  complementarity: { en: 'Trade complementarity', zh: '贸易互补性', ru: 'Взаимодополняемость торговли' },
  'grubel-lloyd': {
    en: 'Intra-industry trade (Grubel–Lloyd)',
    zh: '产业内贸易（格鲁贝尔—劳埃德指数）',
    ru: 'Внутриотраслевая торговля (Грубель — Ллойд)',
  },
  mirror: { en: 'Mirror discrepancy', zh: '镜像差异', ru: 'Зеркальное расхождение' },
  'unit-value': { en: 'Unit values', zh: '单位价值', ru: 'Удельная стоимость' },
  'value-volume': {
    en: 'Value against volume growth',
    zh: '价值与数量增长对比',
    ru: 'Рост стоимости и объёма',
  },
  eci: {
    en: 'Economic Complexity Index of countries',
    zh: '国家经济复杂度指数',
    ru: 'Индекс экономической сложности стран',
  },
  pci: { en: 'Product Complexity Index', zh: '产品复杂度指数', ru: 'Индекс сложности продуктов' },
};

/** Formulas of the common indicators in words of the language. */
export const INDICATOR_FORMULAS: Record<string, Texts> = {
  growth: {
    en: 'growth = (value this year − value last year) ÷ value last year × 100',
    zh: '增长率 =（本年值 − 上年值）÷ 上年值 × 100',
    ru: 'прирост = (значение за год − значение за прошлый год) ÷ значение за прошлый год × 100',
  },
  share: {
    en: 'share = part ÷ total × 100',
    zh: '占比 = 部分 ÷ 总额 × 100',
    ru: 'доля = часть ÷ итог × 100',
  },
  balance: {
    en: 'balance = exports − imports; normalised 100 × (exports − imports) ÷ (exports + imports)',
    zh: '差额 = 出口 − 进口；标准化 100 ×（出口 − 进口）÷（出口 + 进口）',
    ru: 'сальдо = экспорт − импорт; нормированное 100 × (экспорт − импорт) ÷ (экспорт + импорт)',
  },
  hhi: {
    en: 'HHI = Σ shareᵢ² ÷ (Σ shareᵢ)², over the products or partners',
    zh: 'HHI = Σ 份额ᵢ² ÷（Σ 份额ᵢ）²，按商品或伙伴计算',
    ru: 'HHI = Σ долиᵢ² ÷ (Σ долиᵢ)², по товарам или партнёрам',
  },
  rca: {
    en: 'RCA = (exports of the product ÷ all exports) ÷ (world exports of the product ÷ all world exports)',
    zh: 'RCA =（该产品出口 ÷ 全部出口）÷（世界该产品出口 ÷ 世界全部出口）',
    ru: 'RCA = (экспорт товара ÷ весь экспорт) ÷ (мировой экспорт товара ÷ весь мировой экспорт)',
  },
};

export function indicatorName(name: string, lang: Lang, fallback = name): string {
  return INDICATOR_NAMES[name]?.[lang] ?? fallback;
}

/** Kinds of audit finding (src/trade/audit.ts). */
export const AUDIT_KIND_TEXTS: Record<string, Texts> = {
  growth: {
    en: 'growth rate does not follow from the values',
    zh: '增长率与数值不符',
    ru: 'темп прироста не следует из значений',
  },
  unchecked: { en: 'not checked', zh: '未核验', ru: 'не проверено' },
  components: {
    en: 'parts do not add up to the total',
    zh: '分项之和与总计不符',
    ru: 'части не складываются в итог',
  },
  share: {
    en: 'share does not follow from the values',
    zh: '占比与数值不符',
    ru: 'доля не следует из значений',
  },
  'shares-over-100': {
    en: 'shares add up to more than 100%',
    zh: '占比之和超过100%',
    ru: 'сумма долей больше 100%',
  },
  'parts-exceed-total': { en: 'parts exceed the total', zh: '分项超过总计', ru: 'части больше итога' },
  text: { en: 'the text disagrees with the table', zh: '正文与表格不符', ru: 'текст расходится с таблицей' },
  'part-whole': { en: 'part larger than its whole', zh: '部分大于整体', ru: 'часть больше целого' },
  scale: { en: 'unit or scale of the values', zh: '数值的单位或量级', ru: 'единица или масштаб значений' },
};

export function auditKindText(kind: string, lang: Lang): string {
  return AUDIT_KIND_TEXTS[kind]?.[lang] ?? kind;
}
