import { describe, expect, it } from 'vitest';
import type { Itinerary } from '../itinerary/schema.ts';
import { departure, markBestFor, RouteQueryError } from './index.ts';

describe('departure', () => {
  it('reads the date and time at the origin and the latest arrival as hours after it', () => {
    const d = departure(
      { date: '2019-05-01', time: '08:00', latestArrival: '2019-05-03T08:00+08:00' },
      'Asia/Shanghai',
    );
    expect(d.startMs).toBe(Date.parse('2019-05-01T00:00Z'));
    expect(d.latestArrivalHours).toBe(48);
    expect(departure({ date: '2019-05-01', time: '08:00' }, 'Asia/Vladivostok')).toEqual({
      startMs: Date.parse('2019-04-30T22:00Z'),
    });
  });

  it('refuses a latest arrival that is not after the departure, naming the parameter', () => {
    expect(() =>
      departure(
        { date: '2019-05-01', time: '08:00', latestArrival: '2019-05-01T08:00+08:00' },
        'Asia/Shanghai',
      ),
    ).toThrow(RouteQueryError);
  });
});

describe('markBestFor', () => {
  const it_ = (hours: number, costUsd: number, co2eKg: number) =>
    ({ totals: { hours, costUsd, co2eKg }, bestFor: [] as string[] }) as unknown as Itinerary;

  it('marks each criterion on every itinerary within 1e-6 of the best', () => {
    const list = [it_(10, 500, 80), it_(12, 400, 80 + 1e-7), it_(10, 600, 90)];
    markBestFor(list);
    expect(list.map((i) => i.bestFor)).toEqual([['time', 'co2'], ['cost', 'co2'], ['time']]);
  });
});
