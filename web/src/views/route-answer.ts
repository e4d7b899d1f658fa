/**
 * The whole answer to a route query, as a person reads it: per itinerary a
 * timeline of legs and transfers (departure, arrival, waits with their
 * reason, clearance, handling, cost, CO2e), warnings in the reader's
 * language (src/i18n/messages.ts), and for the whole answer why the
 * crossings closed on that date were not used, a note when fewer
 * alternatives exist than were asked, downloads (GeoJSON, CSV) and a link
 * to share. The shapes are the router's own (src/routing/schema.ts).
 */
import type { Feature, FeatureCollection, Geometry, LineString } from 'geojson';
import { csvField } from '../../../src/csv-field.ts';
import { reasonText, WARNING_TITLES, type WarningNames, warningText } from '../../../src/i18n/messages.ts';
import { serviceClassText } from '../../../src/i18n/route-lines.ts';
import { explanationText, summaryText } from '../../../src/i18n/route-texts.ts';
import type { Itinerary, Leg, RouteResult } from '../../../src/routing/schema.ts';
import { type AtlasLayers, type CrossingRegime, featureName } from '../atlas.ts';
import { h } from '../dom.ts';
import { fmtDate, fmtDateTime, fmtHours, fmtMoneyUsd, fmtNumber, lang, nameOf, t } from '../i18n.ts';
import { serviceName, when } from '../ui.ts';

export type { Itinerary, RouteResult };

/**
 * Names in the reader's language by id, from the atlas layers (the router
 * names things in English): what `warningText` names a warning's places,
 * crossings and links with.
 */
export interface Namer extends WarningNames {
  place(id: string, fallback: string): string;
  crossing(id: string, fallback: string): string;
  /** The named line of a link ("Beijing–Harbin railway") in the language. */
  line(linkId: string | null, fallback: string | null): string | null;
  /** A link: its named line and its two ends ("Beijing–Harbin railway (Beijing – Harbin)"). */
  link(id: string, fallback: string): string;
}

export function namer(layers: AtlasLayers | null): Namer {
  const l = lang();
  const prop = (kind: string, id: string, key: string) =>
    layers?.byId.get(`${kind}:${id}`)?.properties?.[key];
  const place = (id: string, fallback: string) =>
    (layers ? featureName(layers.byId.get(`place:${id}`)?.properties) : '') || fallback;
  const line = (linkId: string | null, fallback: string | null) => {
    if (!linkId) return fallback;
    const v = prop('link', linkId, `line_${l}`) ?? prop('link', linkId, 'line_en');
    return v ? String(v) : fallback;
  };
  return {
    place,
    crossing: (id, fallback) =>
      (layers ? featureName(layers.byId.get(`crossing:${id}`)?.properties) : '') || fallback,
    line,
    link: (id, fallback) => {
      const from = prop('link', id, 'from');
      const to = prop('link', id, 'to');
      if (from === undefined || to === undefined) return fallback;
      const ends = `${place(String(from), String(from))} – ${place(String(to), String(to))}`;
      const named = line(id, null);
      return named ? `${named} (${ends})` : ends;
    },
  };
}

/** "road · pontoon bridge" for a leg over a crossing (a ferry leg reads as a ferry, not as road). */
function legKind(it: Itinerary, leg: Leg): string {
  const use = leg.crossing ? it.crossings.find((c) => c.id === leg.crossing) : undefined;
  const mode = t(`mode.${leg.mode}`);
  return use ? `${t(`facility.${use.facility}`)} (${mode})` : mode;
}

const money = (x: number) => fmtMoneyUsd(x);
const co2 = (x: number) => t('units.kg', { value: fmtNumber(Math.round(x)) });

/** Legs and transfers in the order they happen, with what each takes. */
export function timeline(it: Itinerary, n: Namer): HTMLElement {
  const items: HTMLElement[] = [];
  const transferAt = (placeId: string, used: Set<number>) =>
    it.transfers.flatMap((tr, i) => (tr.at === placeId && !used.has(i) ? [i] : []));
  const used = new Set<number>();
  const transferItem = (i: number) => {
    used.add(i);
    const tr = it.transfers[i];
    return h(
      'li',
      { class: 'step-transfer', dataset: { kind: tr.kind } },
      h('strong', null, t(`planner.transferKind.${tr.kind}`)),
      ` — ${n.place(tr.at, tr.atName)}`,
      h(
        'span',
        { class: 'figures' },
        [
          // a ship's call where it passes through a port is time in port, not handling (the cargo stays aboard)
          t(tr.kind === 'call' ? 'planner.inPort' : 'planner.handling', { time: fmtHours(tr.hours) }),
          tr.waitHours > 0 ? t('planner.wait', { time: fmtHours(tr.waitHours) }) : '',
          money(tr.costUsd),
          co2(tr.co2eKg),
        ]
          .filter(Boolean)
          .join(' · '),
      ),
    );
  };
  it.legs.forEach((leg, k) => {
    // transfers at the start of this leg (load, tranship, gauge change, a ship's call passing through)
    if (k === 0 || it.legs[k - 1].to === leg.from)
      for (const i of transferAt(leg.from, used).filter((i) => it.transfers[i].kind !== 'unload'))
        items.push(transferItem(i));
    const use = leg.crossing ? it.crossings.find((c) => c.id === leg.crossing) : undefined;
    // a leg over a crossing is named by its crossing; other legs by their line in the language
    const line = use ? null : n.line(leg.linkId, leg.line);
    const wait =
      leg.waitHours > 0
        ? use && use.waitHours > 0
          ? t('planner.waitForCrossing', {
              time: fmtHours(leg.waitHours),
              service: `${n.crossing(use.id, use.name)} ${t(`facility.${use.facility}`)}`,
            })
          : t('planner.waitForDeparture', { time: fmtHours(leg.waitHours) })
        : '';
    items.push(
      h(
        'li',
        { class: 'step-leg', dataset: { mode: leg.mode } },
        h('span', { class: 'when' }, `${fmtDateTime(leg.depart)} → ${fmtDateTime(leg.arrive)}`),
        h('strong', null, legKind(it, leg)),
        `: ${n.place(leg.from, leg.fromName)} → ${n.place(leg.to, leg.toName)}`,
        line ? h('span', { class: 'muted' }, ` — ${line}`) : null,
        // the service class the cargo moves in on this leg (profile services), so a change of class shows
        leg.service
          ? h('span', { class: 'muted service' }, ` (${serviceClassText(leg.service, lang())})`)
          : null,
        h(
          'span',
          { class: 'figures' },
          [
            t('units.km', { value: fmtNumber(Math.round(leg.km)) }) +
              (leg.estimatedLength ? ` (${t('planner.estimated')})` : ''),
            wait,
            use ? t('planner.clearance', { time: fmtHours(use.clearanceHours) }) : '',
            use?.gaugeChange
              ? t('planner.gauge', {
                  from: use.gaugeChange.fromGauge,
                  to: use.gaugeChange.toGauge,
                  time: fmtHours(use.gaugeChange.hours),
                })
              : '',
            money(leg.costUsd),
            co2(leg.co2eKg),
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      ),
    );
  });
  for (const i of it.transfers.keys()) if (!used.has(i)) items.push(transferItem(i));
  return h('ol', { class: 'timeline legs' }, items);
}

/** The itinerary's one-line summary (with an alternative's differences) in the reader's language. */
export function summaryLine(it: Itinerary, n: Namer): HTMLElement {
  return h('p', { class: 'summary' }, summaryText(it, lang(), n));
}

/** Why the answer has no itinerary, in the reader's language (the router's English when it gives no code). */
export function noRouteReason(r: RouteResult, n: Namer): HTMLElement | null {
  const text = explanationText(r, lang(), n);
  if (!text) return null;
  return h('p', { class: 'no-route-reason', lang: r.explanation ? lang() : 'en' }, text);
}

export function warningsList(it: Itinerary, n: Namer): HTMLElement | null {
  if (it.warnings.length === 0) return null;
  return h(
    'div',
    null,
    h('strong', null, t('planner.warnings')),
    h(
      'ul',
      { class: 'warnings' },
      it.warnings.map((w) =>
        h(
          'li',
          { dataset: { kind: w.kind } },
          h('strong', null, `${WARNING_TITLES[w.kind][lang()]}: `),
          warningText(w, lang(), n),
        ),
      ),
    ),
  );
}

/** Why the freight crossings closed on the date were not used. */
export function whyNot(regimes: CrossingRegime[], its: Itinerary[], date: string): HTMLElement | null {
  const used = new Set(its.flatMap((it) => it.crossings.map((c) => c.id)));
  const energy = new Set(['pipeline', 'power', 'cable']);
  const closed = regimes.filter((r) => {
    const freight = r.services.filter((s) => !energy.has(s.mode));
    return freight.length > 0 && !used.has(r.id) && freight.every((s) => !s.usable);
  });
  if (closed.length === 0) return null;
  return h(
    'details',
    { class: 'why-not' },
    h('summary', null, t('planner.whyNot', { count: closed.length, date: fmtDate(date) })),
    h(
      'ul',
      null,
      closed.map((r) => {
        const s = r.services.find((x) => !energy.has(x.mode))!;
        const next = r.services.flatMap((x) => (x.next?.usable ? [{ s: x, ch: x.next }] : []))[0];
        return h(
          'li',
          { dataset: { crossing: r.id } },
          h('strong', null, nameOf(r.names)),
          // a season's reason says the state and the season ("outside the season 6 May – 27 Oct")
          s.reason && s.state === 'seasonal-closed'
            ? `: ${reasonText(s.reason, lang())}`
            : `: ${t(`state.${s.state}`)}${s.reason ? ` (${reasonText(s.reason, lang())})` : ''}`,
          next ? `; ${t('planner.opensAgain', { service: serviceName(next.s), when: when(next.ch) })}` : '',
        );
      }),
    ),
  );
}

/** The legs of an itinerary as lines: the leg's own geometry, else its atlas links, else a straight line. */
export function routeGeometry(it: Itinerary, layers: AtlasLayers | null, index = 0): FeatureCollection {
  const features: Feature[] = [];
  const coordsOf = (id: string) => {
    const f = layers?.byId.get(`place:${id}`);
    return f?.geometry.type === 'Point' ? (f.geometry.coordinates as [number, number]) : null;
  };
  it.legs.forEach((leg, k) => {
    const props = {
      itinerary: index + 1,
      leg: k + 1,
      mode: leg.mode,
      from: leg.from,
      to: leg.to,
      depart: leg.depart,
      arrive: leg.arrive,
      km: leg.km,
      estimatedLength: leg.estimatedLength,
      waitHours: leg.waitHours,
      costUsd: leg.costUsd,
      co2eKg: leg.co2eKg,
      crossing: leg.crossing,
      line: leg.line,
      service: leg.service ?? null,
      geometryKind: leg.geometryKind ?? 'schematic',
    };
    const own = (leg as Leg & { geometry?: Geometry | null }).geometry;
    if (own) {
      features.push({ type: 'Feature', geometry: own, properties: props });
      return;
    }
    const lines = leg.linkIds.flatMap((id) => {
      const g = layers?.byId.get(`link:${id}`)?.geometry;
      return g && (g.type === 'LineString' || g.type === 'MultiLineString') ? [g] : [];
    });
    if (lines.length > 0) {
      const coordinates = lines.flatMap((g) => (g.type === 'LineString' ? [g.coordinates] : g.coordinates));
      features.push({
        type: 'Feature',
        geometry: { type: 'MultiLineString', coordinates },
        properties: props,
      });
      return;
    }
    const a = coordsOf(leg.from);
    const b = coordsOf(leg.to);
    if (a && b) {
      const line: LineString = { type: 'LineString', coordinates: [a, b] };
      features.push({ type: 'Feature', geometry: line, properties: props });
    }
  });
  return { type: 'FeatureCollection', features };
}

const CSV_COLUMNS = [
  'itinerary',
  'leg',
  'mode',
  'from',
  'to',
  'depart',
  'arrive',
  'km',
  'km_estimated',
  'wait_hours',
  'cost_usd',
  'co2e_kg',
  'crossing',
  'line',
] as const;

/** One row per leg of every itinerary (RFC 4180). Costs and CO2e are the cost profile's model estimates. */
export function routeCsv(r: RouteResult): string {
  const rows = r.itineraries.flatMap((it, i) =>
    it.legs.map((l, k) =>
      [
        i + 1,
        k + 1,
        l.mode,
        l.from,
        l.to,
        l.depart,
        l.arrive,
        Math.round(l.km * 10) / 10,
        l.estimatedLength,
        Math.round(l.waitHours * 10) / 10,
        Math.round(l.costUsd),
        Math.round(l.co2eKg),
        l.crossing,
        l.line,
      ]
        .map(csvField)
        .join(','),
    ),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** Every itinerary as GeoJSON (RFC 7946): its legs as lines, with the query and the basis of the figures. */
export function routeGeoJson(
  r: RouteResult,
  layers: AtlasLayers | null,
): FeatureCollection & {
  query: unknown;
  basis: string;
} {
  return {
    type: 'FeatureCollection',
    query: r.query,
    basis: 'times, costs and CO2e are model estimates of the Amur cost profile (data/profiles), not quotes',
    features: r.itineraries.flatMap((it, i) => routeGeometry(it, layers, i).features),
  };
}

let blobUrls: string[] = [];

/** Download links (GeoJSON, CSV) and a copy-link button for the answer shown. */
export function routeTools(r: RouteResult, layers: AtlasLayers | null): HTMLElement {
  for (const u of blobUrls) URL.revokeObjectURL(u);
  const link = (text: string, type: string, name: string) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    blobUrls.push(url);
    return h('a', { href: url, download: name, class: 'download' }, name.split('.').pop()!.toUpperCase());
  };
  blobUrls = [];
  const q = r.query;
  const base = `amur-route-${q.from}-${q.to}-${q.date}`;
  const status = h('span', { class: 'muted copy-status', role: 'status' });
  const copy = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(location.href);
          status.textContent = t('planner.linkCopied');
        } catch {
          // no clipboard: show the address to copy by hand
          status.replaceChildren(
            h('input', {
              type: 'text',
              readonly: true,
              value: location.href,
              'aria-label': t('planner.link'),
            }),
          );
          status.querySelector('input')?.select();
        }
      },
    },
    t('planner.copyLink'),
  );
  return h(
    'div',
    { class: 'route-tools' },
    h('span', null, t('planner.download')),
    link(JSON.stringify(routeGeoJson(r, layers), null, 1), 'application/geo+json', `${base}.geojson`),
    link(routeCsv(r), 'text/csv', `${base}.csv`),
    copy,
    status,
  );
}
