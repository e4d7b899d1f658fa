/**
 * Calendar evaluation: is a crossing service or a link usable at an instant,
 * in what state, and when does that state next change? Evaluated at query
 * time from the atlas records (`status` + `calendar`), never baked in.
 *
 * Public API (small on purpose; used by routing, server and web):
 * - `serviceState(thing, at, timezone)` → `{ state, usable, reason, localDate, localTime }`
 * - `nextChange(thing, at, timezone, opts?)` → the next instant the state changes, or null
 * - `nextOpening(thing, at, timezone, opts?)` → the first usable instant ≥ `at`, or null
 * - `dayState(thing, isoDate)` → the state of a whole local day (ignores opening hours)
 * - `upcomingChanges(thing, isoDate, opts?)` → the days on which that day state next changes
 * - `ScheduleCursor` → fast repeated `nextUsableMs` look-ups for the search
 *
 * Rules, in order of precedence, for a local calendar date `d`:
 * 1. status: the last status entry with `from ≤ d` gives the state. Before the
 *    first dated entry the thing did not exist yet: state `planned`. A thing
 *    without `status` is open.
 * 2. closures: a dated closure covering `d` → `closed`.
 * 3. seasons: `d` must be inside an observed period, or inside a typical season
 *    instance that no observed period overlaps (an observed season replaces the
 *    typical season instance it overlaps; a season wrapping the new year, e.g.
 *    `12-28`→`03-08`, forms one instance from its start year). With no seasons
 *    the typical season is the whole year; observed periods then replace it in
 *    the calendar years they touch. Otherwise → `seasonal-closed`.
 * 4. weekdays (ISO 1 = Monday … 7 = Sunday) → `off-hours` on other days.
 * 5. hours: usable from `open` to `close` local time → `off-hours` outside.
 *
 * Time zones use `Intl.DateTimeFormat`. The cursor caches one UTC offset per
 * zone and local day (taken at local noon), so on a daylight-saving switch day
 * its windows can be off by the switch (no zone of the corridor has switched
 * since 2014).
 */
import type { Calendar, StatusEntry, StatusState } from './schema.ts';

export type ServiceStateName =
  | 'open'
  | 'off-hours'
  | 'seasonal-closed'
  | 'closed'
  | 'planned'
  | 'under-construction'
  | 'suspended';

/** Anything with a status history and a calendar: a crossing service or a link. */
export interface Schedulable {
  status?: StatusEntry[];
  calendar?: Calendar;
}

export interface Availability {
  state: ServiceStateName;
  usable: boolean;
  /** Why, in words: "outside the season 05-10…10-25", "closure: flood", "before 2022-06-10". */
  reason: string;
  /** Local date and time at the instant, `YYYY-MM-DD`, `HH:MM`. */
  localDate: string;
  localTime: string;
}

export interface StateChange {
  at: Date;
  state: ServiceStateName;
  usable: boolean;
  reason: string;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

// ---------------------------------------------------------------- civil dates

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of `daysFromCivil`: `[year, month, day]`. */
export function civilFromDays(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

export function isoFromDays(n: number): string {
  const [y, m, d] = civilFromDays(n);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysFromIso(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return daysFromCivil(y, m, d);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

function monthDayNumber(md: string): number {
  return Number(md.slice(0, 2)) * 100 + Number(md.slice(3, 5));
}

function clockMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

// ---------------------------------------------------------------- time zones

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new RangeError(`unknown IANA time zone "${timezone}" (e.g. "Asia/Shanghai", "Asia/Vladivostok")`);
    }
    formatters.set(timezone, f);
  }
  return f;
}

/** UTC offset (minutes) of a zone at an instant, asked of `Intl` (slow: a few µs). */
function intlOffsetMinutes(ms: number, timezone: string): number {
  const parts = formatterFor(timezone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour') % 24,
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE_MS);
}

const yearOffsets = new Map<string, Map<number, number | null>>();

/**
 * The zone's offset if it is the same all through a UTC year (sampled at the
 * start, every quarter and the end: a daylight-saving or a one-off change
 * shows up), else null. Cached; most corridor zones have had one offset a
 * year for decades, so offsets rarely need `Intl`.
 */
function constantOffsetOfYear(timezone: string, year: number): number | null {
  let byYear = yearOffsets.get(timezone);
  if (!byYear) {
    byYear = new Map();
    yearOffsets.set(timezone, byYear);
  }
  let v = byYear.get(year);
  if (v === undefined) {
    const samples = [
      Date.UTC(year, 0, 1),
      Date.UTC(year, 3, 1),
      Date.UTC(year, 6, 1),
      Date.UTC(year, 9, 1),
      Date.UTC(year, 11, 31, 23),
    ].map((t) => intlOffsetMinutes(t, timezone));
    v = samples.every((x) => x === samples[0]) ? samples[0] : null;
    byYear.set(year, v);
  }
  return v;
}

/** UTC offset of a zone at an instant, in minutes east of UTC (e.g. +480 for Asia/Shanghai). */
export function offsetMinutesAt(ms: number, timezone: string): number {
  const year = new Date(ms).getUTCFullYear();
  const c = constantOffsetOfYear(timezone, year);
  if (c !== null) {
    const intoYear = ms - Date.UTC(year, 0, 1);
    const toNext = Date.UTC(year + 1, 0, 1) - ms;
    if (intoYear < DAY_MS && constantOffsetOfYear(timezone, year - 1) !== c)
      return intlOffsetMinutes(ms, timezone);
    if (toNext < DAY_MS && constantOffsetOfYear(timezone, year + 1) !== c)
      return intlOffsetMinutes(ms, timezone);
    return c;
  }
  return intlOffsetMinutes(ms, timezone);
}

/** Local wall-clock fields of an instant in a zone. */
export function localParts(
  ms: number,
  timezone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const d = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutesAt(ms, timezone) * MINUTE_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** The instant of a local wall-clock time (`date` `YYYY-MM-DD`, `minutes` after local midnight). */
export function zonedToUtcMs(date: string, minutes: number, timezone: string): number {
  const local = daysFromIso(date) * DAY_MS + minutes * MINUTE_MS;
  let utc = local - offsetMinutesAt(local, timezone) * MINUTE_MS;
  const second = offsetMinutesAt(utc, timezone);
  utc = local - second * MINUTE_MS;
  return utc;
}

/** `YYYY-MM-DDTHH:MM+hh:mm` of an instant in a zone. */
export function formatLocal(ms: number, timezone: string): string {
  const off = offsetMinutesAt(ms, timezone);
  const d = new Date(Math.floor(ms / 60_000) * 60_000 + off * MINUTE_MS);
  const p = {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

const noonOffsets = new Map<string, Map<number, number>>();

/** Offset (minutes) of a zone on a local day, taken at local noon; cached. */
function dayOffset(timezone: string, day: number): number {
  let byDay = noonOffsets.get(timezone);
  if (!byDay) {
    byDay = new Map();
    noonOffsets.set(timezone, byDay);
  }
  let off = byDay.get(day);
  if (off === undefined) {
    // Local noon is within ±14 h of UTC noon of the same date.
    const guess = day * DAY_MS + 12 * 3_600_000;
    off = offsetMinutesAt(guess - offsetMinutesAt(guess, timezone) * MINUTE_MS, timezone);
    byDay.set(day, off);
  }
  return off;
}

// ---------------------------------------------------------------- compiled schedule

interface DayInfo {
  state: ServiceStateName;
  /** Usable for some part of the day (state open); then `openMin`…`closeMin` local minutes. */
  usable: boolean;
  reason: string;
  openMin: number;
  closeMin: number;
}

interface CompiledSchedule {
  status: { fromDay: number; state: StatusState; note?: string }[];
  seasons: { from: number; to: number; wrap: boolean; label: string }[];
  observed: { from: number; to: number }[];
  closures: { from: number; to: number; reason: string }[];
  weekdays: number; // bitmask of ISO weekdays, 0 = every day
  weekdayLabel: string;
  openMin: number;
  closeMin: number;
  hoursLabel: string;
  /** True when nothing but `status` can change the state. */
  simple: boolean;
}

const compiledCache = new WeakMap<Schedulable, CompiledSchedule>();

const WEEKDAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function compile(thing: Schedulable): CompiledSchedule {
  const hit = compiledCache.get(thing);
  if (hit) return hit;
  const cal = thing.calendar;
  const status = (thing.status ?? []).map((s) => ({
    fromDay: s.from ? daysFromIso(s.from) : Number.NEGATIVE_INFINITY,
    state: s.state,
    note: s.note,
  }));
  const seasons = (cal?.seasons ?? []).map((s) => {
    const from = monthDayNumber(s.from);
    const to = monthDayNumber(s.to);
    return { from, to, wrap: from > to, label: `${s.from}…${s.to}` };
  });
  const observed = (cal?.observed ?? []).map((p) => ({ from: daysFromIso(p.from), to: daysFromIso(p.to) }));
  const closures = (cal?.closures ?? []).map((p) => ({
    from: daysFromIso(p.from),
    to: daysFromIso(p.to),
    reason: p.reason ?? `${p.from}…${p.to}`,
  }));
  let weekdays = 0;
  for (const w of cal?.weekdays ?? []) weekdays |= 1 << w;
  const openMin = cal?.hours ? clockMinutes(cal.hours.open) : 0;
  const closeMin = cal?.hours ? clockMinutes(cal.hours.close) : 1440;
  const out: CompiledSchedule = {
    status,
    seasons,
    observed,
    closures,
    weekdays,
    weekdayLabel: (cal?.weekdays ?? [])
      .slice()
      .sort()
      .map((w) => WEEKDAY_NAMES[w])
      .join(', '),
    openMin,
    closeMin,
    hoursLabel: cal?.hours ? `${cal.hours.open}–${cal.hours.close}` : '',
    simple:
      !cal ||
      (seasons.length === 0 && observed.length === 0 && closures.length === 0 && !weekdays && !cal.hours),
  };
  compiledCache.set(thing, out);
  return out;
}

function statusOn(cs: CompiledSchedule, day: number): { state: StatusState | 'planned'; reason: string } {
  if (cs.status.length === 0) return { state: 'open', reason: '' };
  let current: (typeof cs.status)[number] | undefined;
  for (const s of cs.status) {
    if (s.fromDay <= day) current = s;
    else break;
  }
  if (!current) {
    const first = cs.status[0];
    return {
      state: 'planned',
      reason: `before ${isoFromDays(first.fromDay)} (first recorded state: ${first.state})`,
    };
  }
  const since = Number.isFinite(current.fromDay) ? ` since ${isoFromDays(current.fromDay)}` : '';
  return {
    state: current.state,
    reason: `${current.state}${since}${current.note ? ` (${current.note})` : ''}`,
  };
}

/** Typical season instances containing `day`, as [startDay, endDay] pairs. */
function seasonInstancesOn(cs: CompiledSchedule, day: number): { a: number; b: number; label: string }[] {
  const [y, m, d] = civilFromDays(day);
  const md = m * 100 + d;
  const out: { a: number; b: number; label: string }[] = [];
  const dayOf = (year: number, mdn: number) => {
    const mm = Math.floor(mdn / 100);
    const dd = mdn % 100;
    return daysFromCivil(year, mm, dd);
  };
  for (const s of cs.seasons) {
    if (!s.wrap) {
      if (md >= s.from && md <= s.to) out.push({ a: dayOf(y, s.from), b: dayOf(y, s.to), label: s.label });
    } else {
      if (md >= s.from) out.push({ a: dayOf(y, s.from), b: dayOf(y + 1, s.to), label: s.label });
      if (md <= s.to) out.push({ a: dayOf(y - 1, s.from), b: dayOf(y, s.to), label: s.label });
    }
  }
  return out;
}

function seasonOk(cs: CompiledSchedule, day: number): { ok: boolean; reason: string } {
  if (cs.seasons.length === 0 && cs.observed.length === 0) return { ok: true, reason: '' };
  for (const p of cs.observed) if (day >= p.from && day <= p.to) return { ok: true, reason: '' };
  if (cs.seasons.length === 0) {
    // Whole year typical; observed periods replace it in the calendar years they touch.
    const [y] = civilFromDays(day);
    const touched = cs.observed.some((p) => civilFromDays(p.from)[0] <= y && civilFromDays(p.to)[0] >= y);
    return touched ? { ok: false, reason: `outside the observed periods of ${y}` } : { ok: true, reason: '' };
  }
  const instances = seasonInstancesOn(cs, day);
  for (const inst of instances) {
    const replaced = cs.observed.some((p) => p.from <= inst.b && p.to >= inst.a);
    if (!replaced) return { ok: true, reason: '' };
  }
  if (instances.length > 0) {
    return {
      ok: false,
      reason: `the typical season ${instances[0].label} is replaced by an observed season that does not cover ${isoFromDays(day)}`,
    };
  }
  return { ok: false, reason: `outside the season ${cs.seasons.map((s) => s.label).join(', ')}` };
}

function dayInfo(cs: CompiledSchedule, day: number): DayInfo {
  const st = statusOn(cs, day);
  if (st.state !== 'open') {
    return { state: st.state, usable: false, reason: st.reason, openMin: 0, closeMin: 0 };
  }
  for (const c of cs.closures) {
    if (day >= c.from && day <= c.to) {
      return {
        state: 'closed',
        usable: false,
        reason: `closure ${isoFromDays(c.from)}…${isoFromDays(c.to)}: ${c.reason}`,
        openMin: 0,
        closeMin: 0,
      };
    }
  }
  const season = seasonOk(cs, day);
  if (!season.ok)
    return { state: 'seasonal-closed', usable: false, reason: season.reason, openMin: 0, closeMin: 0 };
  if (cs.weekdays && !(cs.weekdays & (1 << isoWeekday(day)))) {
    return {
      state: 'off-hours',
      usable: false,
      reason: `not an operating day (operates ${cs.weekdayLabel})`,
      openMin: 0,
      closeMin: 0,
    };
  }
  return { state: 'open', usable: true, reason: st.reason, openMin: cs.openMin, closeMin: cs.closeMin };
}

// ---------------------------------------------------------------- public API

function localDayAndMinute(
  ms: number,
  timezone: string,
): { day: number; minute: number; date: string; time: string } {
  const p = localParts(ms, timezone);
  const day = daysFromCivil(p.year, p.month, p.day);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    day,
    minute: p.hour * 60 + p.minute + p.second / 60,
    date: isoFromDays(day),
    time: `${pad(p.hour)}:${pad(p.minute)}`,
  };
}

function stateAt(
  cs: CompiledSchedule,
  day: number,
  minute: number,
): { state: ServiceStateName; usable: boolean; reason: string } {
  const info = dayInfo(cs, day);
  if (!info.usable) return info;
  if (minute < info.openMin || minute >= info.closeMin) {
    return { state: 'off-hours', usable: false, reason: `outside opening hours ${cs.hoursLabel}` };
  }
  return { state: 'open', usable: true, reason: info.reason || 'open' };
}

/** State of a service or link at an instant, in the given IANA time zone (the place's). */
export function serviceState(thing: Schedulable, at: Date, timezone: string): Availability {
  const cs = compile(thing);
  const local = localDayAndMinute(at.getTime(), timezone);
  const s = stateAt(cs, local.day, local.minute);
  return { ...s, reason: s.reason || s.state, localDate: local.date, localTime: local.time };
}

/** State of a whole local day (`YYYY-MM-DD`), ignoring opening hours: for colouring a map on a date. */
export function dayState(
  thing: Schedulable,
  isoDate: string,
): { state: ServiceStateName; usable: boolean; reason: string } {
  const info = dayInfo(compile(thing), daysFromIso(isoDate));
  return { state: info.state, usable: info.usable, reason: info.reason || info.state };
}

/** A day on which the regime of a service or link changes (see `upcomingChanges`). */
export interface DayChange {
  /** First local day (`YYYY-MM-DD`) of the new regime. */
  date: string;
  /** Days after the day asked about (1 = the next day). */
  inDays: number;
  state: ServiceStateName;
  usable: boolean;
  reason: string;
}

export interface UpcomingOptions {
  /** Changes are listed within this many days after `from` (default 366). */
  windowDays?: number;
  /** At most this many changes are listed (default 8). */
  max?: number;
  /** When none falls in the window, the first change is looked for this far ahead, days (default 730). */
  horizonDays?: number;
}

/**
 * The days after the local date `from` on which the regime of a service or
 * link changes, by whole days as `dayState` sees them (opening hours ignored):
 * every change within `windowDays` (at most `max`), in order; when there is
 * none, the first change within `horizonDays` alone (so "the next change" is
 * always `result[0]`, or none within the horizon: `[]`).
 *
 * A day off in a weekly schedule (`off-hours`) counts as the open regime it
 * belongs to, so weekends do not show up as changes; a change landing on such
 * a day is reported as `open` with the reason "open, not every day (…)".
 */
export function upcomingChanges(thing: Schedulable, from: string, opts: UpcomingOptions = {}): DayChange[] {
  const windowDays = opts.windowDays ?? 366;
  const max = opts.max ?? 8;
  const horizonDays = Math.max(opts.horizonDays ?? 730, windowDays);
  const cs = compile(thing);
  const start = daysFromIso(from);
  const regimeOf = (st: DayInfo): { state: ServiceStateName; usable: boolean } =>
    st.state === 'off-hours' ? { state: 'open', usable: true } : { state: st.state, usable: st.usable };
  const out: DayChange[] = [];
  let cur = regimeOf(dayInfo(cs, start));
  for (let d = start + 1; d <= start + horizonDays && out.length < max; d++) {
    const info = dayInfo(cs, d);
    const r = regimeOf(info);
    if (r.state === cur.state && r.usable === cur.usable) continue;
    const inDays = d - start;
    if (inDays > windowDays && out.length > 0) break;
    const reason = info.reason || info.state;
    out.push({
      date: isoFromDays(d),
      inDays,
      state: r.state,
      usable: r.usable,
      reason: info.state === 'off-hours' ? `open, not every day (${reason})` : reason,
    });
    if (inDays > windowDays) break;
    cur = r;
  }
  return out;
}

/** Segments of constant state on one local day: [minute, state] starts. */
function daySegments(
  cs: CompiledSchedule,
  day: number,
): { minute: number; state: ServiceStateName; usable: boolean; reason: string }[] {
  const info = dayInfo(cs, day);
  if (!info.usable) return [{ minute: 0, state: info.state, usable: false, reason: info.reason }];
  const segs: { minute: number; state: ServiceStateName; usable: boolean; reason: string }[] = [];
  const off = `outside opening hours ${cs.hoursLabel}`;
  if (info.openMin > 0) segs.push({ minute: 0, state: 'off-hours', usable: false, reason: off });
  segs.push({ minute: info.openMin, state: 'open', usable: true, reason: info.reason || 'open' });
  if (info.closeMin < 1440)
    segs.push({ minute: info.closeMin, state: 'off-hours', usable: false, reason: off });
  return segs;
}

export interface SearchOptions {
  /** How far ahead to look, days (default 3660 for `nextChange`, 800 for `nextOpening`). */
  horizonDays?: number;
}

/**
 * The next instant after `at` when the state changes (e.g. the ice road opens,
 * the ferry season ends, the crossing closes for the night), or null when it
 * does not change within the horizon.
 */
export function nextChange(
  thing: Schedulable,
  at: Date,
  timezone: string,
  opts: SearchOptions = {},
): StateChange | null {
  const cs = compile(thing);
  const horizon = opts.horizonDays ?? 3660;
  const local = localDayAndMinute(at.getTime(), timezone);
  const now = stateAt(cs, local.day, local.minute);
  for (let day = local.day; day <= local.day + horizon; day++) {
    for (const seg of daySegments(cs, day)) {
      if (day === local.day && seg.minute <= local.minute) continue;
      if (seg.state !== now.state || seg.usable !== now.usable) {
        const ms = zonedToUtcMs(isoFromDays(day), seg.minute, timezone);
        return { at: new Date(ms), state: seg.state, usable: seg.usable, reason: seg.reason || seg.state };
      }
    }
  }
  return null;
}

/** The first instant ≥ `at` when the thing is usable, or null within the horizon. */
export function nextOpening(
  thing: Schedulable,
  at: Date,
  timezone: string,
  opts: SearchOptions = {},
): Date | null {
  const cursor = new ScheduleCursor(thing, timezone, at.getTime(), opts.horizonDays ?? 800);
  const ms = cursor.nextUsableMs(at.getTime());
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/**
 * Usable windows of one service or link from a start instant over a horizon,
 * computed lazily in chunks of days; `nextUsableMs(t)` is what the search
 * calls on every time-dependent edge (FIFO: the result never decreases as t grows).
 */
export class ScheduleCursor {
  private readonly cs: CompiledSchedule;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private nextDay: number;
  private readonly lastDay: number;
  private readonly alwaysOpen: boolean;

  constructor(
    readonly thing: Schedulable,
    readonly timezone: string,
    startMs: number,
    horizonDays = 800,
  ) {
    this.cs = compile(thing);
    const firstDay = Math.floor(startMs / DAY_MS) - 1;
    this.nextDay = firstDay;
    this.lastDay = firstDay + horizonDays + 2;
    this.alwaysOpen = this.cs.simple && this.cs.status.length === 0;
  }

  private extend(chunkDays: number): void {
    const stop = Math.min(this.lastDay, this.nextDay + chunkDays);
    const cs = this.cs;
    for (let day = this.nextDay; day < stop; day++) {
      const info = dayInfo(cs, day);
      if (!info.usable || info.closeMin <= info.openMin) continue;
      const off = dayOffset(this.timezone, day) * MINUTE_MS;
      const base = day * DAY_MS - off;
      const s = base + info.openMin * MINUTE_MS;
      const e = base + info.closeMin * MINUTE_MS;
      const n = this.ends.length;
      if (n > 0 && this.ends[n - 1] >= s) {
        if (e > this.ends[n - 1]) this.ends[n - 1] = e;
      } else {
        this.starts.push(s);
        this.ends.push(e);
      }
    }
    this.nextDay = stop;
  }

  /** Earliest usable instant ≥ t (ms), or +Infinity when none within the horizon. */
  nextUsableMs(t: number): number {
    if (this.alwaysOpen) return t;
    const needDay = Math.floor(t / DAY_MS) + 2;
    if (this.nextDay <= needDay) this.extend(needDay - this.nextDay + 1);
    for (;;) {
      // first window ending after t
      let lo = 0;
      let hi = this.ends.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.ends[mid] <= t) lo = mid + 1;
        else hi = mid;
      }
      if (lo < this.ends.length) return Math.max(t, this.starts[lo]);
      if (this.nextDay >= this.lastDay) return Number.POSITIVE_INFINITY;
      this.extend(32);
    }
  }
}
