/**
 * Referential and consistency checks over a parsed atlas: unique ids across
 * places and crossings (the gazetteer shares one namespace), link ends and
 * crossing sides exist, crossing sides lie in two countries, calendars are
 * well formed, status histories are in order, every source id resolves,
 * corridors are chains of existing links.
 */
import type { AtlasProblem } from './problems.ts';
import type { Atlas, Calendar, Corridor, Crossing, Link, RecordList, StatusEntry } from './schema.ts';
import { LINK_CARGO_BY_MODE } from './schema.ts';

type FileOf = (list: RecordList, id: string) => string;

export function checkReferences(atlas: Atlas, fileOf: FileOf): AtlasProblem[] {
  const problems: AtlasProblem[] = [];
  const err = (list: RecordList, id: string, field: string, problem: string) =>
    problems.push({ file: fileOf(list, id), record: id, field, problem, severity: 'error' });

  const sourceIds = new Set(atlas.sources.map((s) => s.id));
  const places = new Map(atlas.places.map((p) => [p.id, p]));
  const linkIds = new Set(atlas.links.map((l) => l.id));
  const crossingIds = new Set(atlas.crossings.map((c) => c.id));
  const zoneIds = new Set(atlas.zones.map((z) => z.id));

  const checkSources = (list: RecordList, id: string, field: string, refs: string[] | undefined) => {
    refs?.forEach((ref, i) => {
      if (!sourceIds.has(ref))
        err(list, id, `${field}[${i}]`, `unknown source "${ref}" (define it under sources:)`);
    });
  };

  /** Walks an object and checks every `sources` array in it. */
  const checkAllSources = (list: RecordList, id: string, value: unknown, path: string) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) checkAllSources(list, id, v, `${path}[${i}]`);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const p = path ? `${path}.${k}` : k;
        if (k === 'sources' || k === 'coordsSources') checkSources(list, id, p, v as string[]);
        else checkAllSources(list, id, v, p);
      }
    }
  };

  for (const p of atlas.places) {
    if (p.unlocode && p.unlocode.slice(0, 2) !== p.country)
      err(
        'places',
        p.id,
        'unlocode',
        `"${p.unlocode}" starts with ${p.unlocode.slice(0, 2)} but the place is in ${p.country} (a UN/LOCODE starts with its country's ISO code)`,
      );
    if (!isTimeZone(p.timezone))
      err(
        'places',
        p.id,
        'timezone',
        `unknown IANA time zone "${p.timezone}" (e.g. "Asia/Shanghai", "Asia/Vladivostok", "Europe/Moscow")`,
      );
    if (crossingIds.has(p.id))
      err(
        'places',
        p.id,
        'id',
        'the same id is used by a crossing (places and crossings share one namespace)',
      );
    checkAllSources('places', p.id, p, '');
  }

  for (const c of atlas.crossings) {
    checkAllSources('crossings', c.id, c, '');
    const sides = c.sides.map((s) => places.get(s));
    c.sides.forEach((s, i) => {
      if (!places.has(s))
        err('crossings', c.id, `sides[${i}]`, `unknown place "${s}" (a crossing side is a place id)`);
    });
    if (c.sides[0] === c.sides[1])
      err('crossings', c.id, 'sides', `both sides are "${c.sides[0]}" (give one place in each country)`);
    else if (sides[0] && sides[1] && sides[0].country === sides[1].country) {
      err(
        'crossings',
        c.id,
        'sides',
        `both sides are in ${sides[0].country} (a crossing joins two countries)`,
      );
    }
    const serviceIds = new Set<string>();
    c.services.forEach((s, i) => {
      const f = `services[${i}]`;
      if (serviceIds.has(s.id))
        err('crossings', c.id, `${f}.id`, `duplicate service id "${s.id}" within the crossing`);
      serviceIds.add(s.id);
      checkCrossingService(c.id, s, f, places, err);
    });
  }

  for (const l of atlas.links) {
    checkAllSources('links', l.id, l, '');
    for (const end of ['from', 'to'] as const) {
      if (!places.has(l[end]))
        err('links', l.id, end, `unknown place "${l[end]}" (a link joins two place ids)`);
    }
    if (l.from === l.to) err('links', l.id, 'to', 'a link cannot start and end at the same place');
    if (l.status) checkStatus('links', l.id, 'status', l.status, err);
    if (l.calendar) checkCalendar('links', l.id, 'calendar', l.calendar, err);
    if (l.gauge !== undefined && l.mode !== 'rail')
      err('links', l.id, 'gauge', `only rail links have a gauge (this link is ${l.mode})`);
    if (l.mode === 'rail' && l.gauge === undefined)
      err('links', l.id, 'gauge', 'missing (a rail link gives its gauge: 1435, 1520, 1067, 1668 or dual)');
    l.cargo?.forEach((k, i) => {
      const allowed = LINK_CARGO_BY_MODE[l.mode];
      if (!allowed.includes(k))
        err(
          'links',
          l.id,
          `cargo[${i}]`,
          `a ${l.mode} link cannot carry "${k}" (a ${l.mode} link carries ${allowed.join(', ')})`,
        );
    });
  }

  for (const z of atlas.zones) {
    checkAllSources('zones', z.id, z, '');
    if (z.parent && !zoneIds.has(z.parent)) err('zones', z.id, 'parent', `unknown zone "${z.parent}"`);
    if (z.geometry.type === 'polygon') {
      z.geometry.rings.forEach((ring, i) => {
        const [a, b] = [ring[0], ring[ring.length - 1]];
        if (a[0] !== b[0] || a[1] !== b[1])
          err(
            'zones',
            z.id,
            `geometry.rings[${i}]`,
            `ring is not closed: it starts at [${a}] and ends at [${b}] (repeat the first position at the end)`,
          );
      });
    }
    if (z.geometry.type === 'places') {
      z.geometry.places.forEach((p, i) => {
        if (!places.has(p)) err('zones', z.id, `geometry.places[${i}]`, `unknown place "${p}"`);
      });
    }
  }

  const links = new Map(atlas.links.map((l) => [l.id, l]));
  const crossings = new Map(atlas.crossings.map((c) => [c.id, c]));
  for (const c of atlas.corridors) {
    checkAllSources('corridors', c.id, c, '');
    c.links.forEach((id, i) => {
      if (!linkIds.has(id)) err('corridors', c.id, `links[${i}]`, `unknown link "${id}"`);
    });
    c.crossings?.forEach((id, i) => {
      if (!crossingIds.has(id)) err('corridors', c.id, `crossings[${i}]`, `unknown crossing "${id}"`);
    });
    checkChain(c, links, crossings, (field, problem) => err('corridors', c.id, field, problem));
  }
  return problems;
}

type Err = (list: RecordList, id: string, field: string, problem: string) => void;

/** One service of crossing `id` at `field`: status, calendar, gauges and where a gauge change is made. */
export function checkCrossingService(
  id: string,
  s: Crossing['services'][number],
  f: string,
  places: ReadonlyMap<string, unknown>,
  err: Err,
): void {
  checkStatus('crossings', id, `${f}.status`, s.status, err);
  if (s.calendar) checkCalendar('crossings', id, `${f}.calendar`, s.calendar, err);
  if (s.mode === 'rail' && !s.gauges)
    err(
      'crossings',
      id,
      `${f}.gauges`,
      'missing (a rail service gives the gauge on each side, e.g. [1435, 1520])',
    );
  if (s.mode !== 'rail' && (s.gauges || s.gaugeChange))
    err('crossings', id, `${f}.gauges`, 'only rail services have gauges');
  if (
    s.gauges &&
    s.gauges[0] !== s.gauges[1] &&
    s.gauges[0] !== 'dual' &&
    s.gauges[1] !== 'dual' &&
    !s.gaugeChange
  ) {
    err(
      'crossings',
      id,
      `${f}.gaugeChange`,
      `missing (gauges differ, ${s.gauges[0]} / ${s.gauges[1]}: say how the change is made)`,
    );
  }
  s.gaugeChange?.at?.forEach((p, j) => {
    if (!places.has(p)) err('crossings', id, `${f}.gaugeChange.at[${j}]`, `unknown place "${p}"`);
  });
}

/**
 * A corridor is a chain: each link starts where the previous one ended (links
 * may be listed in either direction), or on the other side of one of the
 * corridor's crossings. Every listed crossing must be on the chain: used as
 * such a joint, or with both its sides among the chain's places.
 */
function checkChain(
  c: Corridor,
  links: Map<string, Link>,
  crossings: Map<string, Crossing>,
  report: (field: string, problem: string) => void,
): void {
  const own = (c.crossings ?? []).map((id) => crossings.get(id)).filter((x): x is Crossing => !!x);
  const across = (place: string): string[] =>
    own.flatMap((x) => (x.sides[0] === place ? [x.sides[1]] : x.sides[1] === place ? [x.sides[0]] : []));
  const usedCrossings = new Set<string>();
  const chainPlaces = new Set<string>();
  let frontier: Set<string> | undefined;
  let prevId = '';
  c.links.forEach((id, i) => {
    const l = links.get(id);
    if (!l) {
      frontier = undefined;
      return;
    }
    chainPlaces.add(l.from);
    chainPlaces.add(l.to);
    if (!frontier) {
      frontier = new Set([l.from, l.to]);
      prevId = id;
      return;
    }
    const next = new Set<string>();
    for (const [end, other] of [
      [l.from, l.to],
      [l.to, l.from],
    ] as const) {
      if (frontier.has(end)) next.add(other);
      else
        for (const x of own)
          if (
            (x.sides[0] === end && frontier.has(x.sides[1])) ||
            (x.sides[1] === end && frontier.has(x.sides[0]))
          ) {
            next.add(other);
            usedCrossings.add(x.id);
          }
    }
    if (next.size === 0) {
      const at = [...frontier].join(' or ');
      const crossingHint = [...frontier].flatMap(across).length
        ? ''
        : '; where the chain crosses a border, list the crossing under crossings:';
      report(
        `links[${i}]`,
        `the chain breaks: link "${id}" (${l.from} – ${l.to}) does not continue from link "${prevId}", which ends at ${at} ` +
          `(consecutive links meet at a place, or at the two sides of one of the corridor's crossings${crossingHint})`,
      );
      frontier = new Set([l.from, l.to]);
    } else frontier = next;
    prevId = id;
  });
  c.crossings?.forEach((id, i) => {
    const x = crossings.get(id);
    if (!x || usedCrossings.has(id)) return;
    if (!(chainPlaces.has(x.sides[0]) && chainPlaces.has(x.sides[1])))
      report(
        `crossings[${i}]`,
        `crossing "${id}" (${x.sides[0]} – ${x.sides[1]}) is not on the corridor's chain (its sides are not both ends of the corridor's links)`,
      );
  });
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const dayOfYear = (md: string): number => {
  const [m, d] = md.split('-').map(Number);
  return [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][m - 1] + d;
};

/** Whether the month-day `x` lies in the recurring range `a` → `b` (which may wrap the new year). */
function inSeasonRange(x: string, [a, b]: [string, string]): boolean {
  const [dx, da, db] = [dayOfYear(x), dayOfYear(a), dayOfYear(b)];
  return da <= db ? da <= dx && dx <= db : dx >= da || dx <= db;
}

function checkStatus(
  list: RecordList,
  id: string,
  field: string,
  status: StatusEntry[],
  err: (list: RecordList, id: string, field: string, problem: string) => void,
) {
  status.forEach((s, i) => {
    if (i > 0 && !s.from)
      err(list, id, `${field}[${i}].from`, 'missing (only the first status entry may omit its start date)');
    const prev = status[i - 1];
    if (i > 0 && s.from && prev?.from && s.from <= prev.from) {
      err(
        list,
        id,
        `${field}[${i}].from`,
        `${s.from} is not after ${prev.from} (status entries go in date order)`,
      );
    }
  });
}

function checkCalendar(
  list: RecordList,
  id: string,
  field: string,
  cal: Calendar,
  err: (list: RecordList, id: string, field: string, problem: string) => void,
) {
  for (const key of ['observed', 'closures'] as const) {
    cal[key]?.forEach((p, i) => {
      if (p.to < p.from)
        err(list, id, `${field}.${key}[${i}]`, `ends (${p.to}) before it starts (${p.from})`);
    });
  }
  cal.seasons?.forEach((s, i) => {
    if (s.from === s.to)
      err(
        list,
        id,
        `${field}.seasons[${i}]`,
        'a season from and to the same day is empty (omit seasons for all year)',
      );
    for (const end of ['from', 'to'] as const) {
      const range = s[`${end}Range`];
      if (range && !inSeasonRange(s[end], range))
        err(
          list,
          id,
          `${field}.seasons[${i}].${end}Range`,
          `the typical ${end} ${s[end]} lies outside its range ${range[0]} … ${range[1]} (the range gives the earliest and latest ${end === 'from' ? 'start' : 'end'} seen, around the typical date)`,
        );
    }
  });
  for (const key of ['observed', 'closures'] as const) {
    const periods = [...(cal[key] ?? [])]
      .map((p, i) => ({ ...p, i }))
      .sort((a, b) => a.from.localeCompare(b.from));
    for (let j = 1; j < periods.length; j++) {
      if (periods[j].from <= periods[j - 1].to)
        err(
          list,
          id,
          `${field}.${key}[${periods[j].i}]`,
          `overlaps ${key}[${periods[j - 1].i}] (${periods[j - 1].from} … ${periods[j - 1].to}); periods of one list do not overlap`,
        );
    }
  }
  if (cal.weekdays && new Set(cal.weekdays).size !== cal.weekdays.length) {
    err(list, id, `${field}.weekdays`, 'repeated weekday (list each of 1 = Monday … 7 = Sunday once)');
  }
  if (cal.hours && cal.hours.open >= cal.hours.close) {
    err(
      list,
      id,
      `${field}.hours`,
      `opens at ${cal.hours.open} but closes at ${cal.hours.close} (close after open, same day)`,
    );
  }
}
