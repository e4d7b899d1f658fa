/**
 * `amur route`'s text output: the query line, then per itinerary its
 * heading, summary, times, legs (with the transfers between them), crossings,
 * totals and warnings. Every word comes from the library's texts in the
 * language of `--lang` (src/i18n/route-lines.ts for the lines,
 * route-texts.ts for the summary and the differences, messages.ts for the
 * warnings), places, crossings, lines and corridors by the atlas's names in
 * it; without `--lang`, the English lines the command has always printed.
 */
import {
  co2Text,
  durationText,
  FACILITY_NAMES,
  fill,
  GAUGE_METHODS,
  type Lang,
  WARNING_TITLES,
  warningText,
} from '../i18n/messages.ts';
import {
  type LegNames,
  OPTIMIZE_NAMES,
  ROUTE_LINES,
  type RouteLine,
  serviceClassText,
} from '../i18n/route-lines.ts';
import { CARGO_NAMES, explanationText, listText, MODE_NAMES, summaryText } from '../i18n/route-texts.ts';
import { formatCo2, formatDuration, formatUsd } from '../itinerary/format.ts';
import type { Itinerary, Leg, RouteResult } from '../routing/schema.ts';

function hhmm(iso: string): string {
  return iso.replace('T', ' ').replace(/([+-]\d\d:\d\d)$/, ' ($1)');
}

/** The words of one language, and the atlas's names in it (none: the router's English names). */
interface Say {
  lang: Lang;
  names?: LegNames;
}

const line = (s: Say, key: RouteLine, vars: Record<string, string | number> = {}) =>
  fill(ROUTE_LINES[key][s.lang], Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])));
const time = (s: Say, hours: number) => durationText(formatDuration(hours), s.lang);
const co2 = (s: Say, kg: number) => co2Text(formatCo2(kg), s.lang);
const mode = (s: Say, m: string | null) =>
  m === null ? '' : s.lang === 'en' ? m : (MODE_NAMES[m]?.[s.lang] ?? m);
const place = (s: Say, id: string, english: string) => s.names?.place(id, english) ?? english;
/** Modes are padded to one width, so that the legs' places line up (English: 8, as always). */
const MODE_WIDTH: Record<Lang, number> = {
  en: 8,
  zh: Math.max(...Object.values(MODE_NAMES).map((m) => m.zh.length)),
  ru: Math.max(...Object.values(MODE_NAMES).map((m) => m.ru.length)),
};

/**
 * The transfers (transhipment, gauge change) and a ship's calls where it passes through a port, printed
 * after the leg that ends where they happen.
 */
function transferLines(it: Itinerary, s: Say): Map<string, string[]> {
  const at = new Map<string, string[]>();
  for (const t of it.transfers) {
    if (t.kind !== 'tranship' && t.kind !== 'gauge-change' && t.kind !== 'call') continue;
    const vars = {
      place: place(s, t.at, t.atName),
      time: time(s, t.hours),
      cost: formatUsd(t.costUsd),
      fromMode: mode(s, t.fromMode),
      toMode: mode(s, t.toMode),
    };
    at.set(t.at, [...(at.get(t.at) ?? []), line(s, t.kind, vars)]);
  }
  return at;
}

/** A service class or a kind of facility in brackets, full-width in Chinese. */
const BRACKETS: Record<Lang, string> = { en: ' ({x})', zh: '（{x}）', ru: ' ({x})' };
const bracketed = (s: Say, x: string) => fill(BRACKETS[s.lang], { x });

/** What a leg runs on: its crossing's service, or its line, corridor and service class. */
function legWhat(it: Itinerary, leg: Leg, s: Say): string {
  if (leg.crossing) {
    const use = it.crossings.find((c) => c.id === leg.crossing);
    const english = leg.line ?? leg.crossing;
    const service = use && s.names?.service ? s.names.service(use.id, use.service, english) : english;
    return line(s, 'leg-cross', { service });
  }
  if (s.lang === 'en' || !s.names)
    return `${leg.line ?? leg.linkIds.join(', ')}${leg.corridor ? ` [${leg.corridor}]` : ''}${leg.service ? ` (${leg.service})` : ''}`;
  // in another language a link without a named line is not named by its id (the leg names its two ends)
  const named = s.names.line(leg.linkId, leg.line);
  const parts = [named ?? '', leg.corridor ? `[${s.names.corridor(leg.corridor)}]` : '']
    .filter(Boolean)
    .join(' ');
  return (parts + (leg.service ? bracketed(s, serviceClassText(leg.service, s.lang)) : '')).trim();
}

function legLine(it: Itinerary, leg: Leg, s: Say): string {
  return line(s, 'leg', {
    mode: mode(s, leg.mode).padEnd(MODE_WIDTH[s.lang]),
    from: place(s, leg.from, leg.fromName),
    to: place(s, leg.to, leg.toName),
    km: leg.km,
    depart: hhmm(leg.depart),
    arrive: hhmm(leg.arrive),
    wait: leg.waitHours > 0.01 ? line(s, 'leg-wait', { time: time(s, leg.waitHours) }) : '',
    cost: formatUsd(leg.costUsd),
    co2: co2(s, leg.co2eKg),
    what: legWhat(it, leg, s),
  });
}

function crossingLines(it: Itinerary, s: Say): string[] {
  return it.crossings.map((c) => {
    const g = c.gaugeChange;
    const gauge = g
      ? line(s, 'crossing-gauge', {
          fromGauge: g.fromGauge,
          toGauge: g.toGauge,
          method: s.lang === 'en' ? g.method : (GAUGE_METHODS[g.method]?.[s.lang] ?? g.method),
          time: time(s, g.hours),
        })
      : '';
    const names = s.names;
    const service = names ? names.serviceName(c.id, c.service, c.serviceName) : c.serviceName;
    const facility = s.lang === 'en' ? c.facility : (FACILITY_NAMES[c.facility]?.[s.lang] ?? c.facility);
    return line(s, 'crossing', {
      name: names ? names.crossing(c.id, c.name) : c.name,
      // the kind of facility after the service's name, unless the name is that kind ("land crossing")
      service: service === facility ? service : `${service}${bracketed(s, facility)}`,
      time: time(s, c.clearanceHours),
      gauge,
    });
  });
}

function totalsLine(it: Itinerary, s: Say): string {
  const t = it.totals;
  return line(s, 'totals', {
    time: time(s, t.hours),
    days: t.days,
    wait: t.waitHours > 0.01 ? line(s, 'totals-wait', { time: time(s, t.waitHours) }) : '',
    km: t.km,
    cost: formatUsd(t.costUsd),
    co2: co2(s, t.co2eKg),
    co2Ttw: co2(s, t.co2eKgTtw),
    transfers: line(s, t.transfers === 1 ? 'transfers-one' : 'transfers-other', { n: t.transfers }),
  });
}

/**
 * An itinerary as text. With `lang`, every line in that language (places,
 * crossings and lines by their `names` in it); without, as the command has
 * always printed it, with the router's English summary and warnings.
 */
export function formatItinerary(it: Itinerary, n: number, lang?: Lang, names?: LegNames): string {
  const s: Say = { lang: lang ?? 'en', names: lang ? names : undefined };
  const best = it.bestFor.length
    ? line(s, 'best-for', {
        what:
          s.lang === 'en'
            ? it.bestFor.join(', ')
            : listText(
                it.bestFor.map((b) => OPTIMIZE_NAMES[b][s.lang]),
                s.lang,
              ),
      })
    : '';
  const out: string[] = [
    `${line(s, 'itinerary', { n })}${best}`,
    `  ${lang ? summaryText(it, lang, names) : it.summary}`,
    `  ${line(s, 'times', { depart: hhmm(it.depart), arrive: hhmm(it.arrive) })}`,
  ];
  const transferAt = transferLines(it, s);
  let lastTo = '';
  for (const leg of it.legs) {
    for (const t of (lastTo && transferAt.get(lastTo)) || []) out.push(`    ↺ ${t}`);
    out.push(`    ${legLine(it, leg, s)}`);
    lastTo = leg.to;
  }
  for (const c of crossingLines(it, s)) out.push(`  ${c}`);
  out.push(`  ${totalsLine(it, s)}`);
  for (const w of it.warnings)
    out.push(
      lang
        ? `  ! ${WARNING_TITLES[w.kind][lang]}: ${warningText(w, lang, names)}`
        : `  ! ${w.kind}: ${w.message}`,
    );
  return out.join('\n');
}

/** A route answer as text: the query line, then each itinerary, or why there is none. */
export function formatRouteResult(
  r: RouteResult,
  names: { from: string; to: string },
  lang?: Lang,
  legNames?: LegNames,
): string {
  const s: Say = { lang: lang ?? 'en', names: lang ? legNames : undefined };
  const q = r.query;
  const head = line(s, 'query', {
    from: names.from,
    to: names.to,
    qty: q.qty,
    cargo: s.lang === 'en' ? q.cargo.toUpperCase() : (CARGO_NAMES[q.cargo]?.[s.lang] ?? q.cargo),
    date: q.date,
    time: q.time,
    optimize: OPTIMIZE_NAMES[q.optimize]?.[s.lang] ?? q.optimize,
  });
  if (r.itineraries.length === 0) {
    const why = lang ? explanationText(r, lang, legNames) : r.message;
    return `${head}\n\n${line(s, 'no-itinerary', { why: why ?? line(s, 'none-found') })}`;
  }
  return [
    head,
    '',
    ...r.itineraries
      .map((it, i) => formatItinerary(it, i + 1, lang, legNames))
      .join('\n\n')
      .split('\n'),
  ].join('\n');
}
