/**
 * The route answer's own sentences in English, Chinese and Russian, beside
 * the warnings of `messages.ts`: an itinerary's one-line summary, how an
 * alternative differs from itinerary 1, and why no itinerary was found.
 *
 * The summary is said from the itinerary's own legs, crossings and totals
 * (`summaryText`); the differences from `Itinerary.differenceParts` and the
 * no-route explanation from `RouteResult.explanation` (a code with params,
 * `ROUTE_TEXT_CODES` in src/itinerary/schema.ts). Modes and cargo are
 * translated here, places and crossings named through `WarningNames`
 * (`atlasNames(atlas, lang)` or the web app's `Namer`). The router writes
 * its English `summary` with `summaryText(it, 'en')`; in English the other
 * functions give back exactly the router's sentences (`differences`,
 * `message`), so the router's strings stay what they were.
 */
import { formatCo2, formatDuration, formatUsd, round1, serviceLabel } from '../itinerary/format.ts';
import type { CrossingUse, Itinerary, RouteText, RouteTextCode, WarningParam } from '../itinerary/schema.ts';
import { durationText, FACILITY_NAMES, fill, type Lang, type Texts, type WarningNames } from './messages.ts';

/** Freight modes (src/costs/profile.ts FREIGHT_MODES), as the web app says them. */
export const MODE_NAMES: Record<string, Texts> = {
  rail: { en: 'rail', zh: '铁路', ru: 'железная дорога' },
  road: { en: 'road', zh: '公路', ru: 'автодорога' },
  river: { en: 'river', zh: '内河', ru: 'река' },
  sea: { en: 'sea', zh: '海运', ru: 'море' },
  air: { en: 'air', zh: '航空', ru: 'авиа' },
  pipeline: { en: 'pipeline', zh: '管道', ru: 'трубопровод' },
};

/** Cargo units of a query (src/costs/profile.ts CARGO_UNITS); English keeps the query's id. */
export const CARGO_NAMES: Record<string, Texts> = {
  teu: { en: 'teu', zh: '20英尺集装箱', ru: '20-футовый контейнер' },
  feu: { en: 'feu', zh: '40英尺集装箱', ru: '40-футовый контейнер' },
  bulk: { en: 'bulk', zh: '散货', ru: 'навалочный груз' },
  liquid: { en: 'liquid', zh: '液体货物', ru: 'наливной груз' },
  air: { en: 'air', zh: '航空货物', ru: 'авиагруз' },
};

/** The sentence of each route text code in en, zh and ru; `{name}` is a value `routeTextVars` gives. */
export const ROUTE_TEXTS: Record<RouteTextCode, Texts> = {
  'difference.crossings': {
    en: 'through {crossings} instead of {instead}',
    zh: '经由{crossings}，而非{instead}',
    ru: 'через {crossings}, а не через {instead}',
  },
  'difference.crossings-added': {
    en: 'through {crossings}',
    zh: '经由{crossings}',
    ru: 'через {crossings}',
  },
  'difference.no-crossing': {
    en: 'with no border crossing instead of {instead}',
    zh: '不经过边境口岸，而非经由{instead}',
    ru: 'без пересечения границы (маршрут 1 — через {instead})',
  },
  'difference.modes': {
    en: 'by {modes} instead of {instead}',
    zh: '采用{modes}运输，而非{instead}',
    ru: 'транспорт: {modes} (у маршрута 1: {instead})',
  },
  'difference.shared': {
    en: 'shares {percent}% of its distance with itinerary 1',
    zh: '与方案 1 共用 {percent}% 的里程',
    ru: 'совпадает с маршрутом 1 на {percent}% расстояния',
  },
  'no-route.not-connected': {
    en: '{from} and {to} are not connected for {cargo} with the allowed modes{avoiding} (a place may lack the capability to handle {cargo}, or a link is missing in the atlas)',
    zh: '{from}与{to}之间没有以允许的运输方式运送{cargo}的连接{avoiding}（可能某地不具备装卸{cargo}的能力，或地图集中缺少线路）',
    ru: '{from} и {to} не связаны для груза «{cargo}» разрешёнными видами транспорта{avoiding} (в каком-то пункте может не быть возможности обработать груз «{cargo}» или в атласе нет участка)',
  },
  'no-route.no-itinerary': {
    en: '{from} and {to} are connected, but no itinerary opens within {horizonDays} days of {date}{transfers}{arriving}',
    zh: '{from}与{to}之间有连接，但自{date}起 {horizonDays} 天内没有可行的行程{transfers}{arriving}',
    ru: '{from} и {to} связаны, но в течение {horizonDays} сут. от {date} нет маршрута{transfers}{arriving}',
  },
};

/** The pieces of sentences above and of the summary, each with the same placeholders in every language. */
export const ROUTE_FRAGMENTS = {
  avoiding: { en: ' while avoiding {avoid}', zh: '（避开{avoid}）', ru: ' в обход {avoid}' },
  transfers: {
    en: ' with at most {maxTransfers} transfers',
    zh: '（最多换装 {maxTransfers} 次）',
    ru: ' не более чем с {maxTransfers} перевалками',
  },
  arriving: {
    en: ' arriving by {latestArrival}',
    zh: '（须于 {latestArrival} 前到达）',
    ru: ' с прибытием до {latestArrival}',
  },
  route: { en: '{from} → {to}{by}{over}', zh: '{from} → {to}{by}{over}', ru: '{from} → {to}{by}{over}' },
  by: { en: ' by {modes}', zh: '，{modes}运输', ru: ' — {modes}' },
  over: { en: ' over {crossings}', zh: '，经由{crossings}', ru: ', через {crossings}' },
  crossing: { en: 'the {service}{opened}', zh: '{service}{opened}', ru: '{service}{opened}' },
  opened: { en: ' (opened {date})', zh: '（{date}开通）', ru: ' (открыт {date})' },
  crossingCountOne: { en: '{count} crossing', zh: '{count} 个口岸', ru: 'пограничных переходов: {count}' },
  crossingCount: { en: '{count} crossings', zh: '{count} 个口岸', ru: 'пограничных переходов: {count}' },
  days: { en: '{days} days', zh: '{days} 天', ru: '{days} сут.' },
  waiting: { en: 'incl. {time} waiting', zh: '含等待 {time}', ru: 'в т. ч. ожидание {time}' },
  cost: { en: '{usd}', zh: '费用 {usd}', ru: 'стоимость {usd}' },
  co2: { en: '{co2}', zh: '排放 {co2}', ru: 'выбросы {co2}' },
  alternative: {
    en: '; alternative to itinerary 1: {differences}',
    zh: '；与方案 1 相比：{differences}',
    ru: '; альтернатива маршруту 1: {differences}',
  },
} satisfies Record<string, Texts>;

/** Separators of a summary's parts, of the differences, of a plain list and its last item. */
const SEP: Record<'part' | 'difference' | 'list' | 'and', Texts> = {
  part: { en: ', ', zh: '，', ru: ', ' },
  difference: { en: '; ', zh: '；', ru: '; ' },
  list: { en: ', ', zh: '、', ru: ', ' },
  and: { en: ' and ', zh: '和', ru: ' и ' },
};

/** "a, b and c" in the language. */
export function listText(xs: readonly string[], lang: Lang): string {
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(SEP.list[lang])}${SEP.and[lang]}${xs[xs.length - 1]}`;
}

/** "12 kg CO2e", "1.5 t CO2e" (as `formatCo2` writes them) in the language. */
function co2Text(kg: number, lang: Lang): string {
  const text = formatCo2(kg);
  if (lang === 'en') return text;
  const m = /^([\d.,]+) (kg|t) CO2e$/.exec(text);
  if (!m) return text;
  const unit = {
    kg: { zh: '千克二氧化碳当量', ru: 'кг CO₂-экв.' },
    t: { zh: '吨二氧化碳当量', ru: 'т CO₂-экв.' },
  };
  return `${m[1]} ${unit[m[2] as 'kg' | 't'][lang]}`;
}

const modeName = (mode: string, lang: Lang) => MODE_NAMES[mode]?.[lang] ?? mode;

/** The English names as they are (no atlas at hand). */
const ENGLISH_NAMES: WarningNames = { place: (_id, f) => f, crossing: (_id, f) => f };

/** A crossing service an itinerary uses, named in the language ("Heihe – Blagoveshchensk pontoon bridge"). */
function serviceText(c: CrossingUse, lang: Lang, names: WarningNames): string {
  const english = serviceLabel(c.name, c.serviceName);
  if (names.service) return names.service(c.id, c.service, english);
  if (lang === 'en') return english;
  const facility = FACILITY_NAMES[c.facility]?.[lang] ?? c.serviceName;
  return `${names.crossing(c.id, c.name)}${lang === 'zh' ? '' : ' '}${facility}`;
}

/**
 * An itinerary's one-line summary in the language, from its legs, crossings
 * and totals (and, for an alternative, its `differenceParts`); in English the
 * router's `summary`.
 */
export function summaryText(it: Itinerary, lang: Lang, names: WarningNames = ENGLISH_NAMES): string {
  const F = ROUTE_FRAGMENTS;
  const first = it.legs[0];
  const last = it.legs[it.legs.length - 1];
  const modes: string[] = [];
  for (const l of it.legs) if (!modes.includes(l.mode)) modes.push(l.mode);
  const over = it.crossings.map((c) =>
    fill(F.crossing[lang], {
      service: serviceText(c, lang, names),
      opened: c.openedOn ? fill(F.opened[lang], { date: c.openedOn }) : '',
    }),
  );
  const count = it.crossings.length;
  const parts = [
    fill(F.route[lang], {
      from: first ? names.place(first.from, first.fromName) : '',
      to: last ? names.place(last.to, last.toName) : '',
      by: modes.length
        ? fill(F.by[lang], {
            modes: listText(
              modes.map((m) => modeName(m, lang)),
              lang,
            ),
          })
        : '',
      over: over.length ? fill(F.over[lang], { crossings: over.join(SEP.and[lang]) }) : '',
    }),
    fill((count === 1 ? F.crossingCountOne : F.crossingCount)[lang], { count: String(count) }),
    fill(F.days[lang], { days: String(round1(it.totals.hours / 24)) }),
  ];
  if (it.totals.waitHours >= 1)
    parts.push(fill(F.waiting[lang], { time: durationText(formatDuration(it.totals.waitHours), lang) }));
  parts.push(fill(F.cost[lang], { usd: formatUsd(it.totals.costUsd) }));
  parts.push(fill(F.co2[lang], { co2: co2Text(it.totals.co2eKg, lang) }));
  const diffs = differencesText(it, lang, names);
  const alternative = diffs.length
    ? fill(F.alternative[lang], { differences: diffs.join(SEP.difference[lang]) })
    : '';
  return `${parts.join(SEP.part[lang])}${alternative}`;
}

/** How an alternative differs from itinerary 1, one sentence per part, in the language. */
export function differencesText(it: Itinerary, lang: Lang, names: WarningNames = ENGLISH_NAMES): string[] {
  if (it.differenceParts) return it.differenceParts.map((p) => routeText(p, lang, names));
  return lang === 'en' ? (it.differences ?? []) : [];
}

const strs = (v: WarningParam | undefined): string[] =>
  Array.isArray(v) ? v : v === undefined || v === null ? [] : [String(v)];
const str = (v: WarningParam | undefined): string => (v === undefined || v === null ? '' : String(v));

/** The values of a route text's template, each said in the language. */
export function routeTextVars(
  t: RouteText,
  lang: Lang,
  names: WarningNames = ENGLISH_NAMES,
): Record<string, string> {
  const p = t.params;
  const F = ROUTE_FRAGMENTS;
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) vars[k] = strs(v).join(', ');
  const crossings = (ids: WarningParam | undefined, english: WarningParam | undefined) => {
    const en = strs(english);
    return listText(
      strs(ids).map((id, i) => names.crossing(id, en[i] ?? id)),
      lang,
    );
  };
  if (p.crossingIds !== undefined) vars.crossings = crossings(p.crossingIds, p.crossingNames);
  if (p.insteadIds !== undefined) vars.instead = crossings(p.insteadIds, p.insteadNames);
  if (p.modes !== undefined)
    vars.modes = listText(
      strs(p.modes).map((m) => modeName(m, lang)),
      lang,
    );
  if (p.insteadModes !== undefined)
    vars.instead = listText(
      strs(p.insteadModes).map((m) => modeName(m, lang)),
      lang,
    );
  if (p.fromId !== undefined) vars.from = names.place(str(p.fromId), str(p.fromName));
  if (p.toId !== undefined) vars.to = names.place(str(p.toId), str(p.toName));
  if (typeof p.cargo === 'string') vars.cargo = CARGO_NAMES[p.cargo]?.[lang] ?? p.cargo;
  if (t.code === 'no-route.not-connected') {
    // an avoided id is a place, a crossing or a country: named when the atlas knows it
    const avoid = strs(p.avoid).map((id) => names.place(id, names.crossing(id, id)));
    vars.avoiding = avoid.length ? fill(F.avoiding[lang], { avoid: avoid.join(SEP.list[lang]) }) : '';
  }
  if (t.code === 'no-route.no-itinerary') {
    vars.transfers =
      p.maxTransfers === null || p.maxTransfers === undefined
        ? ''
        : fill(F.transfers[lang], { maxTransfers: str(p.maxTransfers) });
    vars.arriving = p.latestArrival ? fill(F.arriving[lang], { latestArrival: str(p.latestArrival) }) : '';
  }
  return vars;
}

/** A route text (a difference, a no-route explanation) in the language: its code's template, filled. */
export function routeText(t: RouteText, lang: Lang, names: WarningNames = ENGLISH_NAMES): string {
  const template = ROUTE_TEXTS[t.code];
  if (!template) return t.code;
  return fill(template[lang], routeTextVars(t, lang, names));
}

/** Why a route answer has no itinerary, in the language; `null` when it gives no reason. */
export function explanationText(
  r: { message?: string; explanation?: RouteText },
  lang: Lang,
  names: WarningNames = ENGLISH_NAMES,
): string | null {
  if (r.explanation && Object.hasOwn(ROUTE_TEXTS, r.explanation.code))
    return routeText(r.explanation, lang, names);
  return r.message ?? null;
}
