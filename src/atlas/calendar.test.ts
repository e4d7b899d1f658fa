import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  dayState,
  daysFromCivil,
  formatLocal,
  isoFromDays,
  isoWeekday,
  nextChange,
  nextOpening,
  type Schedulable,
  ScheduleCursor,
  serviceState,
  upcomingChanges,
  zonedToUtcMs,
} from './calendar.ts';

const YAKUTSK = 'Asia/Yakutsk'; // UTC+9 (Blagoveshchensk)
const SHANGHAI = 'Asia/Shanghai'; // UTC+8 (Heihe)
const at = (date: string, time: string, tz: string) =>
  new Date(zonedToUtcMs(date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), tz));

describe('civil dates', () => {
  it('round-trips day numbers and knows weekdays', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(civilFromDays(daysFromCivil(2024, 2, 29))).toEqual([2024, 2, 29]);
    expect(isoWeekday(daysFromCivil(2024, 1, 1))).toBe(1); // a Monday
    expect(isoWeekday(daysFromCivil(2023, 4, 23))).toBe(7); // a Sunday
    fc.assert(
      fc.property(fc.integer({ min: -50_000, max: 80_000 }), (n) => {
        const [y, m, d] = civilFromDays(n);
        return daysFromCivil(y, m, d) === n;
      }),
    );
  });

  it('converts local wall-clock time in a zone to an instant and back', () => {
    const ms = zonedToUtcMs('2019-04-20', 8 * 60, YAKUTSK);
    expect(new Date(ms).toISOString()).toBe('2019-04-19T23:00:00.000Z');
    expect(formatLocal(ms, YAKUTSK)).toBe('2019-04-20T08:00+09:00');
    expect(formatLocal(ms, SHANGHAI)).toBe('2019-04-20T07:00+08:00');
  });

  it('names an unknown time zone', () => {
    expect(() => serviceState({}, new Date(), 'Mars/Olympus')).toThrow(
      /unknown IANA time zone "Mars\/Olympus"/,
    );
  });
});

describe('serviceState', () => {
  it('treats a thing without status or calendar as always open', () => {
    const s = serviceState({}, new Date('2020-01-01T00:00:00Z'), SHANGHAI);
    expect(s.state).toBe('open');
    expect(s.usable).toBe(true);
  });

  it('respects status dates: a bridge is not usable before its opening day', () => {
    const bridge: Schedulable = { status: [{ state: 'open', from: '2022-06-10' }] };
    const before = serviceState(bridge, at('2019-04-20', '12:00', YAKUTSK), YAKUTSK);
    expect(before.state).toBe('planned');
    expect(before.usable).toBe(false);
    expect(before.reason).toContain('2022-06-10');
    expect(serviceState(bridge, at('2022-06-09', '23:59', YAKUTSK), YAKUTSK).usable).toBe(false);
    expect(serviceState(bridge, at('2022-06-10', '00:00', YAKUTSK), YAKUTSK).usable).toBe(true);
    expect(serviceState(bridge, at('2023-04-20', '08:00', YAKUTSK), YAKUTSK).state).toBe('open');
  });

  it('follows a status history (ferry withdrawn, then reopened)', () => {
    const ferry: Schedulable = {
      status: [
        { state: 'open' },
        { state: 'suspended', from: '2020-01-28', note: 'epidemic' },
        { state: 'open', from: '2023-04-01' },
      ],
    };
    expect(serviceState(ferry, at('2019-07-01', '12:00', SHANGHAI), SHANGHAI).state).toBe('open');
    const s = serviceState(ferry, at('2021-07-01', '12:00', SHANGHAI), SHANGHAI);
    expect(s.state).toBe('suspended');
    expect(s.reason).toContain('epidemic');
    expect(serviceState(ferry, at('2023-07-01', '12:00', SHANGHAI), SHANGHAI).state).toBe('open');
  });

  it('evaluates a season wrapping the new year', () => {
    const pontoon: Schedulable = {
      status: [{ state: 'open' }],
      calendar: { seasons: [{ from: '12-28', to: '03-08' }] },
    };
    expect(serviceState(pontoon, at('2019-12-30', '12:00', YAKUTSK), YAKUTSK).state).toBe('open');
    expect(serviceState(pontoon, at('2020-02-29', '12:00', YAKUTSK), YAKUTSK).state).toBe('open');
    expect(serviceState(pontoon, at('2020-03-08', '23:00', YAKUTSK), YAKUTSK).state).toBe('open');
    expect(serviceState(pontoon, at('2020-03-09', '00:30', YAKUTSK), YAKUTSK).state).toBe('seasonal-closed');
    expect(serviceState(pontoon, at('2020-07-01', '12:00', YAKUTSK), YAKUTSK).state).toBe('seasonal-closed');
  });

  it('lets an observed season replace the typical one in the season it overlaps', () => {
    const iceRoad: Schedulable = {
      calendar: {
        seasons: [{ from: '01-20', to: '03-14' }],
        observed: [{ from: '2024-01-25', to: '2024-03-14' }],
      },
    };
    // 2024: the observed dates rule
    expect(serviceState(iceRoad, at('2024-01-22', '12:00', YAKUTSK), YAKUTSK).state).toBe('seasonal-closed');
    expect(serviceState(iceRoad, at('2024-01-25', '12:00', YAKUTSK), YAKUTSK).state).toBe('open');
    // 2023: no observation, the typical season rules
    expect(serviceState(iceRoad, at('2023-01-22', '12:00', YAKUTSK), YAKUTSK).state).toBe('open');
  });

  it('replaces a wrapping typical season with the observed winter it overlaps', () => {
    const pontoon: Schedulable = {
      calendar: {
        seasons: [{ from: '12-28', to: '03-08' }],
        observed: [{ from: '2024-12-30', to: '2025-03-01' }],
      },
    };
    expect(serviceState(pontoon, at('2024-12-29', '12:00', YAKUTSK), YAKUTSK).state).toBe('seasonal-closed');
    expect(serviceState(pontoon, at('2025-01-05', '12:00', YAKUTSK), YAKUTSK).state).toBe('open');
    expect(serviceState(pontoon, at('2025-03-05', '12:00', YAKUTSK), YAKUTSK).state).toBe('seasonal-closed');
    // the next winter is typical again
    expect(serviceState(pontoon, at('2025-12-29', '12:00', YAKUTSK), YAKUTSK).state).toBe('open');
  });

  it('closes on dated closures, weekdays and outside hours', () => {
    const crossing: Schedulable = {
      status: [{ state: 'open' }],
      calendar: {
        closures: [{ from: '2023-08-11', to: '2023-12-09', reason: 'flood' }],
        weekdays: [1, 2, 3, 4, 5, 6],
        hours: { open: '08:00', close: '21:00' },
      },
    };
    const flood = serviceState(crossing, at('2023-09-01', '12:00', SHANGHAI), SHANGHAI);
    expect(flood.state).toBe('closed');
    expect(flood.reason).toContain('flood');
    expect(serviceState(crossing, at('2023-04-23', '12:00', SHANGHAI), SHANGHAI).state).toBe('off-hours'); // Sunday
    expect(serviceState(crossing, at('2023-04-24', '07:59', SHANGHAI), SHANGHAI).state).toBe('off-hours');
    expect(serviceState(crossing, at('2023-04-24', '08:00', SHANGHAI), SHANGHAI).state).toBe('open');
    expect(serviceState(crossing, at('2023-04-24', '21:00', SHANGHAI), SHANGHAI).state).toBe('off-hours');
  });

  it('gives the state of a whole day for maps', () => {
    const ferry: Schedulable = {
      calendar: { seasons: [{ from: '05-10', to: '10-25' }], hours: { open: '09:00', close: '17:00' } },
    };
    expect(dayState(ferry, '2020-06-01').state).toBe('open');
    expect(dayState(ferry, '2020-11-01').state).toBe('seasonal-closed');
  });
});

describe('upcomingChanges', () => {
  it('lists the days a seasonal service opens and closes within the window', () => {
    const ferry: Schedulable = { calendar: { seasons: [{ from: '05-10', to: '10-25' }] } };
    const changes = upcomingChanges(ferry, '2020-06-01');
    expect(changes.map((c) => [c.date, c.inDays, c.state, c.usable])).toEqual([
      ['2020-10-26', 147, 'seasonal-closed', false],
      ['2021-05-10', 343, 'open', true],
    ]);
    expect(changes[0].reason).toContain('05-10');
    expect(upcomingChanges(ferry, '2020-06-01', { max: 1 })).toHaveLength(1);
  });

  it('gives the first change beyond the window alone, and nothing for a thing that never changes', () => {
    const bridge: Schedulable = { status: [{ from: '2022-06-10', state: 'open' }] };
    expect(upcomingChanges(bridge, '2021-01-01', { windowDays: 100 })).toEqual([
      { date: '2022-06-10', inDays: 525, state: 'open', usable: true, reason: 'open since 2022-06-10' },
    ]);
    expect(upcomingChanges(bridge, '2021-01-01', { windowDays: 100, horizonDays: 400 })).toEqual([]);
    expect(upcomingChanges({}, '2023-08-01')).toEqual([]);
  });

  it('does not count days off in a weekly schedule as changes', () => {
    const weekdays: Schedulable = {
      calendar: {
        weekdays: [1, 2, 3, 4, 5],
        closures: [{ from: '2023-08-11', to: '2023-08-18', reason: 'flood' }],
      },
    };
    const changes = upcomingChanges(weekdays, '2023-08-01', { windowDays: 60 });
    expect(changes.map((c) => [c.date, c.state])).toEqual([
      ['2023-08-11', 'closed'],
      ['2023-08-19', 'open'], // a Saturday: open again, on weekdays
    ]);
    expect(changes[1].reason).toMatch(/^open, not every day/);
  });

  it('agrees with dayState: the state differs from the day before each change, and not in between', () => {
    const ferry: Schedulable = {
      status: [{ from: '2019-03-01', state: 'open' }],
      calendar: {
        seasons: [{ from: '04-20', to: '11-05' }],
        closures: [{ from: '2021-07-01', to: '2021-07-09', reason: 'flood' }],
      },
    };
    fc.assert(
      fc.property(fc.integer({ min: daysFromCivil(2018, 1, 1), max: daysFromCivil(2023, 1, 1) }), (day) => {
        const from = isoFromDays(day);
        const changes = upcomingChanges(ferry, from, { windowDays: 400, max: 20 });
        let prev = dayState(ferry, from);
        let next = 0;
        for (let d = day + 1; d <= day + 400; d++) {
          const st = dayState(ferry, isoFromDays(d));
          const changed = st.state !== prev.state;
          const listed = changes[next]?.date === isoFromDays(d);
          expect(listed, isoFromDays(d)).toBe(changed);
          if (listed) next++;
          prev = st;
        }
        expect(next).toBe(changes.filter((c) => c.inDays <= 400).length);
      }),
      { numRuns: 25 },
    );
  });
});

describe('nextChange and nextOpening', () => {
  const pontoon: Schedulable = {
    status: [{ state: 'open' }],
    calendar: { seasons: [{ from: '12-28', to: '03-08' }], hours: { open: '08:00', close: '21:00' } },
  };

  it('finds the next opening window across the summer', () => {
    const open = nextOpening(pontoon, at('2020-04-15', '12:00', YAKUTSK), YAKUTSK);
    expect(open && formatLocal(open.getTime(), YAKUTSK)).toBe('2020-12-28T08:00+09:00');
    const change = nextChange(pontoon, at('2020-04-15', '12:00', YAKUTSK), YAKUTSK);
    expect(change?.state).toBe('off-hours');
    expect(change && formatLocal(change.at.getTime(), YAKUTSK)).toBe('2020-12-28T00:00+09:00');
  });

  it('finds the daily closing time', () => {
    const change = nextChange(pontoon, at('2021-01-10', '12:00', YAKUTSK), YAKUTSK);
    expect(change?.state).toBe('off-hours');
    expect(change && formatLocal(change.at.getTime(), YAKUTSK)).toBe('2021-01-10T21:00+09:00');
  });

  it('finds the opening day of a bridge', () => {
    const bridge: Schedulable = { status: [{ state: 'open', from: '2022-06-10' }] };
    const change = nextChange(bridge, at('2019-04-20', '12:00', YAKUTSK), YAKUTSK);
    expect(change?.state).toBe('open');
    expect(change && formatLocal(change.at.getTime(), YAKUTSK)).toBe('2022-06-10T00:00+09:00');
  });

  it('returns null when nothing changes', () => {
    expect(nextChange({}, new Date('2020-01-01T00:00:00Z'), SHANGHAI)).toBeNull();
    expect(
      nextOpening({ status: [{ state: 'closed' }] }, new Date('2020-01-01T00:00:00Z'), SHANGHAI),
    ).toBeNull();
  });
});

describe('ScheduleCursor', () => {
  const schedules: Schedulable[] = [
    { status: [{ state: 'open', from: '2020-06-10' }] },
    { calendar: { seasons: [{ from: '05-10', to: '10-25' }], hours: { open: '08:00', close: '20:00' } } },
    { calendar: { seasons: [{ from: '12-28', to: '03-08' }], weekdays: [1, 2, 3, 4, 5, 6] } },
    { calendar: { closures: [{ from: '2020-02-01', to: '2020-03-31' }] } },
  ];

  it('agrees with serviceState: the returned instant is usable and nothing earlier is', () => {
    const start = Date.UTC(2020, 0, 1);
    for (const thing of schedules) {
      const cursor = new ScheduleCursor(thing, YAKUTSK, start, 800);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 500 * 24 * 60 }), (minutes) => {
          const t = start + minutes * 60_000;
          const u = cursor.nextUsableMs(t);
          if (!Number.isFinite(u)) return true;
          if (u < t) return false;
          if (!serviceState(thing, new Date(u), YAKUTSK).usable) return false;
          // one minute before the returned instant (if after t) is not usable
          if (u > t && serviceState(thing, new Date(u - 60_000), YAKUTSK).usable) return false;
          return true;
        }),
        { numRuns: 200 },
      );
    }
  });

  it('is FIFO: a later query never gets an earlier answer', () => {
    const start = Date.UTC(2020, 0, 1);
    for (const thing of schedules) {
      const cursor = new ScheduleCursor(thing, SHANGHAI, start, 800);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 400 * 24 }), fc.integer({ min: 0, max: 400 * 24 }), (a, b) => {
          const [x, y] = a <= b ? [a, b] : [b, a];
          return cursor.nextUsableMs(start + x * 3_600_000) <= cursor.nextUsableMs(start + y * 3_600_000);
        }),
        { numRuns: 200 },
      );
    }
  });
});
