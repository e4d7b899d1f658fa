/**
 * Turns a searched path (edges with entry and arrival times) into the
 * itinerary of `src/itinerary/schema.ts`: legs, transfers, crossings, totals,
 * warnings (waits, seasonal risk, gauge changes, estimated lengths) and a
 * one-sentence summary. Money and CO2e are for the query's quantity.
 */
import { dayState, formatLocal, isoFromDays, serviceState } from '../atlas/calendar.ts';
import { summaryText } from '../i18n/route-texts.ts';
import { formatDuration, round1, serviceLabel } from '../itinerary/format.ts';
import { withLegGeometry } from '../itinerary/geometry.ts';
import type {
  CrossingUse,
  Itinerary,
  Leg,
  Transfer,
  Warning,
  WarningCode,
  WarningParam,
} from '../itinerary/schema.ts';
import {
  CARGO_COUNT,
  EDGE_KIND,
  EDGE_KINDS,
  MODE_CODES,
  type Network,
  type NetworkCrossing,
} from '../network/types.ts';
import type { PathStep, SearchContext } from './search.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface BuildOptions {
  qty: number;
  riskDays: number;
}

function placeName(net: Network, node: number): string {
  const p = net.nodePlace[node];
  return p >= 0 ? net.places[p].name : 'junction';
}

function placeId(net: Network, node: number): string {
  const p = net.nodePlace[node];
  return p >= 0 ? net.places[p].id : `node-${node}`;
}

function tzOf(net: Network, node: number): string {
  const p = net.nodePlace[node];
  return p >= 0 ? net.places[p].timezone : 'UTC';
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** What the stages of `buildItinerary` gather while walking the path. */
interface Walk {
  ctx: SearchContext;
  net: Network;
  opts: BuildOptions;
  /** local time at a node's place, `h` hours after the departure */
  at: (node: number, h: number) => string;
  legs: Leg[];
  transfers: Transfer[];
  crossings: CrossingUse[];
  warnings: Warning[];
  km: number;
  costUsd: number;
  co2: number;
  co2Ttw: number;
  waitHours: number;
  nTransfers: number;
  lastLinkRef: number;
  /** estimated link id (or `crossing:` + crossing id, a passage's straight line) → km of it on the path */
  estimated: Map<string, number>;
}

/** One step of the path with what it costs and emits for the query's quantity. */
interface StepInfo {
  s: PathStep;
  e: number;
  u: number;
  v: number;
  mode: (typeof MODE_CODES)[number];
  stepCost: number;
  stepCo2: number;
}

/** Builds one itinerary from a path found by the search. */
export function buildItinerary(ctx: SearchContext, steps: PathStep[], opts: BuildOptions): Itinerary {
  const net = ctx.net;
  const start = ctx.c.startMs;
  const w: Walk = {
    ctx,
    net,
    opts,
    at: (node, h) => formatLocal(start + h * HOUR_MS, tzOf(net, node)),
    legs: [],
    transfers: [],
    crossings: [],
    warnings: [],
    km: 0,
    costUsd: 0,
    co2: 0,
    co2Ttw: 0,
    waitHours: 0,
    nTransfers: 0,
    lastLinkRef: -1,
    estimated: new Map(),
  };
  for (const s of steps) walkStep(w, s);
  if (w.estimated.size > 0) w.warnings.push(estimatedWarning(w.estimated, w.km));
  for (const s of steps) {
    if (net.kind[s.edge] === EDGE_KIND.link && net.calendar[s.edge] >= 0)
      w.warnings.push(...seasonalRisk(ctx, s, net.tail[s.edge], opts.riskDays));
  }
  return finishItinerary(w, steps);
}

/** Adds one step's totals, its wait warning, and its leg, crossing or transfer. */
function walkStep(w: Walk, s: PathStep): void {
  const { net, ctx } = w;
  const e = s.edge;
  const k = e * CARGO_COUNT + ctx.cargo;
  const q = w.opts.qty;
  const stepCost = (net.costUsd[k] + s.wait * ctx.waitUsdPerHour) * q;
  const stepCo2 = net.co2eKg[k] * q;
  w.km += net.km[e];
  w.costUsd += stepCost;
  w.co2 += stepCo2;
  w.co2Ttw += net.co2eKgTtw[k] * q;
  w.waitHours += s.wait;
  const kind = EDGE_KINDS[net.kind[e]];
  const u = net.tail[e];
  const info: StepInfo = { s, e, u, v: net.targets[e], mode: MODE_CODES[net.mode[e]], stepCost, stepCo2 };
  if (s.wait > 0.01) w.warnings.push(waitWarning(ctx, s, u));
  if (kind === 'link') {
    linkStep(w, info);
    return;
  }
  w.lastLinkRef = -1;
  if (kind === 'crossing') crossingStep(w, info);
  else transferStep(w, info, kind);
}

/** The fields every leg begins with: this step alone, from u to v. */
function stepLeg(w: Walk, i: StepInfo) {
  const net = w.net;
  return {
    mode: i.mode,
    from: placeId(net, i.u),
    to: placeId(net, i.v),
    fromName: placeName(net, i.u),
    toName: placeName(net, i.v),
    km: round1(net.km[i.e]),
    depart: w.at(i.u, i.s.enter),
    arrive: w.at(i.v, i.s.arrive),
    waitHours: round2(i.s.wait),
    costUsd: round2(i.stepCost),
    co2eKg: round2(i.stepCo2),
  };
}

/** A link step: extends the previous leg when it continues the same run, else starts a leg. */
function linkStep(w: Walk, i: StepInfo): void {
  const { net } = w;
  const { s, e, u, v, mode } = i;
  const link = net.links[net.ref[e]];
  const prev = w.legs[w.legs.length - 1];
  const sameRun =
    prev &&
    prev.crossing === null &&
    w.lastLinkRef >= 0 &&
    prev.mode === mode &&
    (net.nodePlace[u] < 0 ||
      (link.line !== undefined && prev.line === link.line) ||
      net.ref[e] === w.lastLinkRef);
  if (sameRun && prev) {
    prev.to = placeId(net, v);
    prev.toName = placeName(net, v);
    prev.km = round1(prev.km + net.km[e]);
    prev.arrive = w.at(v, s.arrive);
    prev.waitHours = round2(prev.waitHours + s.wait);
    prev.costUsd = round2(prev.costUsd + i.stepCost);
    prev.co2eKg = round2(prev.co2eKg + i.stepCo2);
    if (!prev.linkIds.includes(link.id)) prev.linkIds.push(link.id);
    prev.estimatedLength = prev.estimatedLength || link.estimated;
  } else {
    w.legs.push({
      ...stepLeg(w, i),
      line: link.line ?? null,
      corridor: link.corridor ?? null,
      service: link.services?.[w.ctx.cargo] ?? null,
      linkId: link.id,
      linkIds: [link.id],
      crossing: null,
      estimatedLength: link.estimated,
    });
  }
  w.lastLinkRef = net.ref[e];
  if (link.estimated) w.estimated.set(link.id, (w.estimated.get(link.id) ?? 0) + net.km[e]);
}

/** A crossing step: its leg, its crossing use, its gauge change and seasonal risk. */
function crossingStep(w: Walk, i: StepInfo): void {
  const { net } = w;
  const { s, u, v } = i;
  const cr = net.crossings[net.ref[i.e]];
  w.legs.push({
    ...stepLeg(w, i),
    line: serviceLabel(cr.crossingName, cr.serviceName),
    corridor: null,
    linkId: null,
    linkIds: [],
    crossing: cr.crossingId,
    estimatedLength: cr.estimatedLength,
  });
  // a passage whose length is the straight line between the sides is an estimate, like a link's
  if (cr.estimatedLength) {
    const key = `crossing:${cr.crossingId}`;
    w.estimated.set(key, (w.estimated.get(key) ?? 0) + net.km[i.e]);
  }
  w.crossings.push({
    id: cr.crossingId,
    name: cr.crossingName,
    service: cr.serviceId,
    serviceName: cr.serviceName,
    mode: cr.mode,
    facility: cr.facility,
    from: placeId(net, u),
    to: placeId(net, v),
    clearanceHours: round2(cr.clearanceHours),
    waitHours: round2(s.wait),
    gaugeChange: cr.gaugeChange
      ? {
          method: cr.gaugeChange.method,
          fromGauge: cr.gaugeChange.from,
          toGauge: cr.gaugeChange.to,
          hours: cr.gaugeChange.hours,
        }
      : null,
    openedOn: cr.openedOn ?? null,
  });
  if (cr.gaugeChange) {
    w.nTransfers++;
    w.warnings.push({
      kind: 'gauge-change',
      code: 'gauge-change.crossing',
      params: {
        ...crossingParams(cr),
        fromGauge: cr.gaugeChange.from,
        toGauge: cr.gaugeChange.to,
        method: cr.gaugeChange.method,
        hours: round2(cr.gaugeChange.hours),
      },
      message: `gauge change ${cr.gaugeChange.from} → ${cr.gaugeChange.to} mm at the ${cr.crossingName} crossing by ${cr.gaugeChange.method} (${formatDuration(cr.gaugeChange.hours)})`,
    });
  }
  w.warnings.push(...seasonalRisk(w.ctx, s, u, w.opts.riskDays));
}

/**
 * A note where a container's time at a port is the port's own published dwell
 * (atlas `containerDwell`, used on the ship's side of the transfer instead of the ship class's dwell or release).
 */
function portDwellNote(w: Walk, u: number, fromMode: string | null, toMode: string | null): void {
  const place = w.net.places[w.net.nodePlace[u]];
  const dwell = place?.containerDwell;
  // cargo index 0 and 1: TEU and FEU
  if (!dwell || w.ctx.cargo > 1 || (fromMode !== 'sea' && toMode !== 'sea')) return;
  w.warnings.push({
    kind: 'note',
    code: 'port-dwell',
    params: {
      placeId: place.id,
      placeName: place.name,
      hours: dwell.hours,
      year: dwell.year,
      sourceIds: dwell.sources,
    },
    message: `at ${place.name} the container takes the port's own published ${formatDuration(dwell.hours)} between ship and land, customs included (${dwell.year}; ${dwell.sources.join(', ')})`,
  });
}

/**
 * A load, unload, transshipment, gauge-change or call step: a transfer (a
 * ship's call where it passes through a port is a stop, not a transfer: the
 * cargo stays aboard, so it is not counted as one).
 */
function transferStep(w: Walk, i: StepInfo, kind: string): void {
  const { net } = w;
  const { s, u, v } = i;
  const fromMode = kind === 'load' ? null : MODE_CODES[net.nodeMode[u]];
  const toMode = kind === 'unload' ? null : MODE_CODES[net.nodeMode[v]];
  if (kind === 'tranship' || kind === 'gauge-change') w.nTransfers++;
  w.transfers.push({
    at: placeId(net, u),
    atName: placeName(net, u),
    kind: kind as Transfer['kind'],
    fromMode,
    toMode,
    hours: round2(s.arrive - s.enter),
    waitHours: round2(s.wait),
    costUsd: round2(i.stepCost),
    co2eKg: round2(i.stepCo2),
  });
  portDwellNote(w, u, fromMode, toMode);
  if (kind === 'gauge-change') {
    w.warnings.push({
      kind: 'gauge-change',
      code: 'gauge-change.transshipment',
      params: {
        placeId: placeId(net, u),
        placeName: placeName(net, u),
        fromGauge: String(net.nodeGauge[u]),
        toGauge: String(net.nodeGauge[v]),
        hours: round2(s.arrive - s.enter),
      },
      message: `gauge change ${net.nodeGauge[u]} → ${net.nodeGauge[v]} mm at ${placeName(net, u)} by transshipment (${formatDuration(s.arrive - s.enter)})`,
    });
  }
}

/** The one warning naming the links (and crossing passages) whose length is an estimate. */
function estimatedWarning(estimated: Map<string, number>, km: number): Warning {
  const kmEst = [...estimated.values()].reduce((a, b) => a + b, 0);
  const keys = [...estimated.keys()];
  const linkIds = keys.filter((k) => !k.startsWith('crossing:'));
  const crossingIds = keys.filter((k) => k.startsWith('crossing:')).map((k) => k.slice('crossing:'.length));
  const n = keys.length;
  const what = crossingIds.length === 0 ? 'link length' : 'length';
  const named = [...linkIds, ...crossingIds.map((id) => `crossing ${id}`)];
  return {
    kind: 'estimated-length',
    code: 'estimated-length',
    params: { count: n, estimatedKm: round1(kmEst), totalKm: round1(km), linkIds, crossingIds },
    message: `${n} ${what}${n === 1 ? ' is an estimate' : 's are estimates'} (${round1(kmEst)} of ${round1(km)} km): ${named.slice(0, 6).join(', ')}${n > 6 ? ', …' : ''}`,
  };
}

/** Totals, departure and arrival, geometry, deduplicated warnings and the summary. */
function finishItinerary(w: Walk, steps: PathStep[]): Itinerary {
  const { net, at } = w;
  const start = w.ctx.c.startMs;
  const first = steps[0];
  const last = steps[steps.length - 1];
  const totalHours = last ? last.arrive : 0;
  const itinerary: Itinerary = {
    totals: {
      hours: round2(totalHours),
      days: round2(totalHours / 24),
      km: round1(w.km),
      costUsd: round2(w.costUsd),
      co2eKg: round2(w.co2),
      co2eKgTtw: round2(w.co2Ttw),
      waitHours: round2(w.waitHours),
      transfers: w.nTransfers,
    },
    depart: first ? at(net.tail[first.edge], 0) : formatLocal(start, 'UTC'),
    arrive: last ? at(net.targets[last.edge], last.arrive) : formatLocal(start, 'UTC'),
    legs: withLegGeometry(net, w.legs),
    transfers: w.transfers,
    crossings: w.crossings,
    warnings: dedupe(w.warnings),
    bestFor: [],
    summary: '',
  };
  itinerary.summary = summaryText(itinerary, 'en');
  return itinerary;
}

function dedupe(ws: Warning[]): Warning[] {
  const seen = new Set<string>();
  return ws.filter((w) => {
    const key = `${w.kind}|${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a crossing service's warning names: the crossing and the service, by id and English name. */
function crossingParams(cr: NetworkCrossing): Record<string, WarningParam> {
  return {
    crossingId: cr.crossingId,
    crossingName: cr.crossingName,
    serviceId: cr.serviceId,
    serviceName: cr.serviceName,
    facility: cr.facility,
  };
}

/** The thing behind an edge's calendar, for a warning: a crossing service or a link, and the calendar's English label. */
function subjectParams(net: Network, edge: number, label: string): Record<string, WarningParam> {
  if (net.kind[edge] === EDGE_KIND.crossing)
    return { subject: 'crossing', label, ...crossingParams(net.crossings[net.ref[edge]]) };
  if (net.kind[edge] === EDGE_KIND.link)
    return { subject: 'link', label, linkId: net.links[net.ref[edge]].id };
  return { subject: 'other', label };
}

/** "closure 2024-02-10…2024-02-13: public holiday: Spring Festival (CN, dates from date-holidays)" (src/atlas/calendar.ts, src/network/holidays.ts) */
const CLOSURE = /^closure (\S+)…(\S+): (.*)$/s;
const HOLIDAY = /^public holiday: (.+) \(([A-Z]{2}), dates from date-holidays\)$/;

/** Which wording of a wait: the calendar state before the wait, and the closure's dates and holiday when it is one. */
function waitCode(
  state: string | null,
  reason: string,
): { code: WarningCode; params: Record<string, WarningParam> } {
  if (state === null) return { code: 'wait.departure', params: {} };
  if (state === 'seasonal-closed') return { code: 'wait.seasonal-closed', params: {} };
  if (state === 'off-hours' || state === 'open') return { code: 'wait.schedule', params: {} };
  const closure = CLOSURE.exec(reason);
  if (closure) {
    const holiday = HOLIDAY.exec(closure[3]);
    if (holiday)
      return {
        code: 'wait.holiday',
        params: {
          closedFrom: closure[1],
          closedTo: closure[2],
          holiday: holiday[1],
          holidayCountry: holiday[2],
        },
      };
    return {
      code: 'wait.closure',
      params: { closedFrom: closure[1], closedTo: closure[2], why: closure[3] },
    };
  }
  return { code: 'wait.status', params: {} };
}

function waitWarning(ctx: SearchContext, s: PathStep, node: number): Warning {
  const net = ctx.net;
  const cal = net.calendars[net.calendar[s.edge]];
  const arriveMs = ctx.c.startMs + (s.enter - s.wait) * HOUR_MS;
  const before = cal ? serviceState(cal.thing, new Date(arriveMs), cal.timezone) : null;
  const until = formatLocal(ctx.c.startMs + s.enter * HOUR_MS, tzOf(net, node));
  const what = cal ? cal.label : 'the next departure';
  const why = before ? ` (${before.state}: ${before.reason})` : '';
  const { code, params } = waitCode(before?.state ?? null, before?.reason ?? '');
  return {
    kind: 'wait',
    code,
    params: {
      hours: round2(s.wait),
      placeId: placeId(net, node),
      placeName: placeName(net, node),
      until,
      ...(cal ? subjectParams(net, s.edge, cal.label) : {}),
      state: before?.state ?? null,
      reason: before?.reason ?? null,
      ...params,
    },
    message: `waits ${formatDuration(s.wait)} at ${placeName(net, node)} for ${what} to open${why}, until ${until}`,
  };
}

function mdInRange(md: string, range: [string, string]): boolean {
  const [a, b] = range;
  return a <= b ? md >= a && md <= b : md >= a || md <= b;
}

/**
 * Warns when a used service changes regime within `riskDays` after its use
 * (it closes soon after) or before it (it has just opened, e.g. a ferry used
 * two days after its typical season start), naming the service and the date,
 * or when it is used inside the uncertain start/end range of its season.
 */
function seasonalRisk(ctx: SearchContext, s: PathStep, node: number, riskDays: number): Warning[] {
  const net = ctx.net;
  const calIdx = net.calendar[s.edge];
  if (calIdx < 0) return [];
  const cal = net.calendars[calIdx];
  const out: Warning[] = [];
  const subject = subjectParams(net, s.edge, cal.label);
  const enterMs = ctx.c.startMs + s.enter * HOUR_MS;
  const local = formatLocal(enterMs, cal.timezone).slice(0, 10);
  const day0 = Math.floor(Date.parse(`${local}T00:00:00Z`) / DAY_MS);
  for (let d = 1; d <= riskDays; d++) {
    const st = dayState(cal.thing, isoFromDays(day0 + d));
    if (!st.usable && st.state !== 'off-hours') {
      out.push({
        kind: 'seasonal-risk',
        code: 'seasonal-risk.closes-soon',
        params: {
          ...subject,
          date: local,
          state: st.state,
          changeDate: isoFromDays(day0 + d),
          reason: st.reason,
          days: d,
        },
        message: `${cal.label} is used on ${local} but becomes ${st.state} on ${isoFromDays(day0 + d)} (${st.reason}); a delay of ${d} day${d === 1 ? '' : 's'} would miss it`,
      });
      break;
    }
  }
  // a regime change shortly before the use: the service has just opened (a season start, a reopening),
  // and a year with a later start would find it still closed
  for (let d = 1; d <= riskDays; d++) {
    const st = dayState(cal.thing, isoFromDays(day0 - d));
    if (!st.usable && st.state !== 'off-hours') {
      const opened = isoFromDays(day0 - d + 1);
      const seasonal = st.state === 'seasonal-closed';
      const after = d - 1;
      const what = seasonal ? 'opens for the season' : 'becomes usable';
      const when =
        after === 0
          ? `on the day it ${what} (${opened})`
          : `${after} day${after === 1 ? '' : 's'} after it ${what} on ${opened}`;
      out.push({
        kind: 'seasonal-risk',
        code: after === 0 ? 'seasonal-risk.opened-that-day' : 'seasonal-risk.opened-recently',
        params: { ...subject, date: local, openedOn: opened, daysAfter: after, seasonal, reason: st.reason },
        message: `${cal.label} is used on ${local}, ${when} (before: ${st.reason})${seasonal ? '; in a year with a later start it would still be closed' : ''}`,
      });
      break;
    }
  }
  const md = local.slice(5);
  for (const r of cal.seasonRanges ?? []) {
    if (r.from && mdInRange(md, r.from)) {
      out.push({
        kind: 'seasonal-risk',
        code: 'seasonal-risk.season-start-range',
        params: { ...subject, date: local, rangeFrom: r.from[0], rangeTo: r.from[1] },
        message: `${cal.label} is used on ${local}, inside the range of observed season starts ${r.from[0]}…${r.from[1]}: it may not be open yet`,
      });
    }
    if (r.to && mdInRange(md, r.to)) {
      out.push({
        kind: 'seasonal-risk',
        code: 'seasonal-risk.season-end-range',
        params: { ...subject, date: local, rangeFrom: r.to[0], rangeTo: r.to[1] },
        message: `${cal.label} is used on ${local}, inside the range of observed season ends ${r.to[0]}…${r.to[1]}: it may already be closed`,
      });
    }
  }
  void node;
  return out;
}
