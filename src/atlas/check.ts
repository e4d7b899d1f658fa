/**
 * Referential and consistency checks over a parsed atlas: unique ids across
 * places and crossings (the gazetteer shares one namespace), link ends and
 * crossing sides exist, crossing sides lie in two countries, calendars are
 * well formed, status histories are in order, every source id resolves,
 * corridors are chains of existing links.
 */
import type { AtlasProblem } from './load.ts';
import type { Atlas, Calendar, RecordList, StatusEntry } from './schema.ts';

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
    if (sides[0] && sides[1] && sides[0].country === sides[1].country) {
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
      checkStatus('crossings', c.id, `${f}.status`, s.status, err);
      if (s.calendar) checkCalendar('crossings', c.id, `${f}.calendar`, s.calendar, err);
      if (s.mode === 'rail' && !s.gauges)
        err(
          'crossings',
          c.id,
          `${f}.gauges`,
          'missing (a rail service gives the gauge on each side, e.g. [1435, 1520])',
        );
      if (s.mode !== 'rail' && (s.gauges || s.gaugeChange))
        err('crossings', c.id, `${f}.gauges`, 'only rail services have gauges');
      if (
        s.gauges &&
        s.gauges[0] !== s.gauges[1] &&
        s.gauges[0] !== 'dual' &&
        s.gauges[1] !== 'dual' &&
        !s.gaugeChange
      ) {
        err(
          'crossings',
          c.id,
          `${f}.gaugeChange`,
          `missing (gauges differ, ${s.gauges[0]} / ${s.gauges[1]}: say how the change is made)`,
        );
      }
      s.gaugeChange?.at?.forEach((p, j) => {
        if (!places.has(p)) err('crossings', c.id, `${f}.gaugeChange.at[${j}]`, `unknown place "${p}"`);
      });
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
      err('links', l.id, 'gauge', 'missing (a rail link gives its gauge: 1435, 1520, 1067 or dual)');
  }

  for (const z of atlas.zones) {
    checkAllSources('zones', z.id, z, '');
    if (z.parent && !zoneIds.has(z.parent)) err('zones', z.id, 'parent', `unknown zone "${z.parent}"`);
    if (z.geometry.type === 'places') {
      z.geometry.places.forEach((p, i) => {
        if (!places.has(p)) err('zones', z.id, `geometry.places[${i}]`, `unknown place "${p}"`);
      });
    }
  }

  for (const c of atlas.corridors) {
    checkAllSources('corridors', c.id, c, '');
    c.links.forEach((id, i) => {
      if (!linkIds.has(id)) err('corridors', c.id, `links[${i}]`, `unknown link "${id}"`);
    });
    c.crossings?.forEach((id, i) => {
      if (!crossingIds.has(id)) err('corridors', c.id, `crossings[${i}]`, `unknown crossing "${id}"`);
    });
  }
  return problems;
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
  });
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
