/**
 * Property tests (fast-check) on small random atlases with random calendars:
 * - earliest arrival equals brute force over every simple path (each link
 *   entered at its first usable instant, `nextOpening`);
 * - FIFO: leaving later never arrives earlier;
 * - adding a link never makes the best arrival later;
 * - Pareto sets have no dominated member and contain each single optimum.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextOpening, zonedToUtcMs } from '../../src/atlas/calendar.ts';
import type { Calendar, Link, StatusEntry } from '../../src/atlas/schema.ts';
import { atlasOf, link, place, testProfile } from './fixtures.ts';
import { expectParetoProperties } from './pareto.ts';
import type { RouteImpl } from './suite.ts';

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;

const calendars: ({ calendar?: Calendar; status?: StatusEntry[] } | null)[] = [
  null,
  null,
  { calendar: { seasons: [{ from: '05-10', to: '10-25' }] } },
  { calendar: { seasons: [{ from: '12-01', to: '03-01' }] } },
  { calendar: { weekdays: [1, 2, 3, 4, 5], hours: { open: '09:00', close: '17:00' } } },
  { calendar: { closures: [{ from: '2023-06-05', to: '2023-06-20' }] } },
  { status: [{ state: 'open', from: '2023-06-15' }] },
];

interface RandomGraph {
  n: number;
  edges: { a: number; b: number; km: number; cal: number; mode: 'road' | 'rail' | 'river' }[];
}

const graphArb = (modes: ('road' | 'rail' | 'river')[]) =>
  fc.integer({ min: 3, max: 6 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(
        fc.record({
          a: fc.integer({ min: 0, max: n - 1 }),
          b: fc.integer({ min: 0, max: n - 1 }),
          km: fc.integer({ min: 10, max: 600 }),
          cal: fc.integer({ min: 0, max: calendars.length - 1 }),
          mode: fc.constantFrom(...modes),
        }),
        { minLength: 2, maxLength: 10 },
      ),
    }),
  );

function toAtlas(g: RandomGraph) {
  const places = Array.from({ length: g.n }, (_, i) =>
    place(`p${i}`, 'CN', 120 + i, 45, {
      kinds: ['city', 'rail-station', 'river-port'],
      capabilities: ['container', 'bulk'],
    }),
  );
  const links: Link[] = [];
  g.edges.forEach((e, i) => {
    if (e.a === e.b) return;
    const extra = calendars[e.cal] ?? {};
    links.push(link(`l${i}`, `p${e.a}`, `p${e.b}`, e.mode, e.km, { ...extra }));
  });
  return atlasOf({ places, links });
}

/** Brute force: earliest arrival (hours after start) over all simple paths, road at 50 km/h. */
function bruteForce(g: RandomGraph, links: Link[], startMs: number, horizonDays: number): number {
  const adj: { to: number; link: Link }[][] = Array.from({ length: g.n }, () => []);
  for (const l of links) {
    const a = Number(l.from.slice(1));
    const b = Number(l.to.slice(1));
    adj[a].push({ to: b, link: l });
    adj[b].push({ to: a, link: l });
  }
  let best = Number.POSITIVE_INFINITY;
  const seen = new Uint8Array(g.n);
  const walk = (v: number, t: number) => {
    if (v === g.n - 1) {
      best = Math.min(best, (t - startMs) / HOUR);
      return;
    }
    seen[v] = 1;
    for (const { to, link: l } of adj[v]) {
      if (seen[to]) continue;
      const open = nextOpening(l, new Date(t), TZ, { horizonDays: horizonDays + 3 });
      if (!open || open.getTime() - startMs > horizonDays * 24 * HOUR) continue;
      walk(to, open.getTime() + (l.length.km / 50) * HOUR);
    }
    seen[v] = 0;
  };
  walk(0, startMs);
  return best;
}

export function propertiesRule(name: string, impl: RouteImpl): void {
  describe(`${name}: properties on random atlases`, () => {
    const profile = testProfile();

    it('earliest arrival equals brute force over all simple paths', () => {
      fc.assert(
        fc.property(
          graphArb(['road']),
          fc.integer({ min: 0, max: 40 }),
          fc.integer({ min: 0, max: 23 }),
          (g, day, hour) => {
            const atlas = toAtlas(g);
            const date = new Date(Date.UTC(2023, 5, 1 + day)).toISOString().slice(0, 10);
            const time = `${String(hour).padStart(2, '0')}:00`;
            const startMs = zonedToUtcMs(date, hour * 60, TZ);
            const expected = bruteForce(g, atlas.links, startMs, 400);
            const r = impl(atlas, profile, {
              horizonDays: 400,
              from: 'p0',
              to: `p${g.n - 1}`,
              date,
              time,
              optimize: 'time',
              cargo: 'bulk',
            });
            if (!Number.isFinite(expected)) {
              expect(r.itineraries).toHaveLength(0);
            } else {
              expect(r.itineraries).toHaveLength(1);
              expect(r.itineraries[0].totals.hours).toBeCloseTo(expected, 4);
            }
          },
        ),
        { numRuns: 80 },
      );
    });

    it('FIFO: leaving later never arrives earlier', () => {
      fc.assert(
        fc.property(
          graphArb(['road', 'rail']),
          fc.integer({ min: 0, max: 600 }),
          fc.integer({ min: 0, max: 600 }),
          (g, h1, h2) => {
            const atlas = toAtlas(g);
            const [x, y] = h1 <= h2 ? [h1, h2] : [h2, h1];
            const arrival = (hoursAfter: number) => {
              const t = Date.UTC(2023, 5, 1) + hoursAfter * HOUR;
              const d = new Date(t + 8 * HOUR).toISOString();
              const r = impl(atlas, profile, {
                from: 'p0',
                to: `p${g.n - 1}`,
                date: d.slice(0, 10),
                time: d.slice(11, 16),
                optimize: 'time',
                cargo: 'feu',
              });
              return r.itineraries[0] ? Date.parse(r.itineraries[0].arrive) : Number.POSITIVE_INFINITY;
            };
            const a1 = arrival(x);
            const a2 = arrival(y);
            expect(a1 <= a2 + 60_000).toBe(true);
          },
        ),
        { numRuns: 50 },
      );
    });

    it('adding a link never makes the best arrival later', () => {
      fc.assert(
        fc.property(
          graphArb(['road', 'rail']),
          fc.record({
            a: fc.integer({ min: 0, max: 5 }),
            b: fc.integer({ min: 0, max: 5 }),
            km: fc.integer({ min: 10, max: 600 }),
            cal: fc.integer({ min: 0, max: calendars.length - 1 }),
          }),
          (g, extra) => {
            const q = {
              from: 'p0',
              to: `p${g.n - 1}`,
              date: '2023-06-03',
              time: '10:00',
              optimize: 'time' as const,
              cargo: 'feu' as const,
            };
            const before =
              impl(toAtlas(g), profile, q).itineraries[0]?.totals.hours ?? Number.POSITIVE_INFINITY;
            const g2: RandomGraph = {
              n: g.n,
              edges: [
                ...g.edges,
                { a: extra.a % g.n, b: extra.b % g.n, km: extra.km, cal: extra.cal, mode: 'road' },
              ],
            };
            const after =
              impl(toAtlas(g2), profile, q).itineraries[0]?.totals.hours ?? Number.POSITIVE_INFINITY;
            expect(after <= before + 1e-6).toBe(true);
          },
        ),
        { numRuns: 50 },
      );
    });

    it('Pareto sets on random multimodal atlases: no dominated member, every single optimum', () => {
      fc.assert(
        fc.property(graphArb(['road', 'rail', 'river']), fc.integer({ min: 0, max: 200 }), (g, day) => {
          const atlas = toAtlas(g);
          const date = new Date(Date.UTC(2023, 3, 1 + day)).toISOString().slice(0, 10);
          const q = { from: 'p0', to: `p${g.n - 1}`, date, cargo: 'feu' as const };
          const pareto = impl(atlas, profile, { ...q, optimize: 'pareto' });
          if (pareto.itineraries.length === 0) return;
          expectParetoProperties(pareto, {
            time: impl(atlas, profile, { ...q, optimize: 'time' }),
            cost: impl(atlas, profile, { ...q, optimize: 'cost' }),
            co2: impl(atlas, profile, { ...q, optimize: 'co2' }),
          });
        }),
        { numRuns: 40 },
      );
    });
  });
}
