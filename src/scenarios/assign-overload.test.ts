/**
 * Capacities by month and overload reporting of the assignment: a crossing
 * loaded beyond its capacity in a month is reported with its excess and
 * where that flow would go with it closed; the shipped assignments either
 * stay at or under every capacity or say so.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getAtlas } from '../atlas/load.ts';
import type { Atlas, CrossingService } from '../atlas/schema.ts';
import { loadProfile } from '../costs/profile.ts';
import { buildScenario } from './apply.ts';
import {
  type AssignResult,
  assign,
  chooseCapacity,
  DEFAULT_CAPACITY_ASSUMPTIONS,
  monthlyCapacity,
} from './assign.ts';
import { loadDemand } from './demand.ts';
import { loadScenario } from './load.ts';
import type { DemandTable } from './schema.ts';

const atlas = getAtlas();
const profile = loadProfile();
const A = DEFAULT_CAPACITY_ASSUMPTIONS;

function service(a: Atlas, crossing: string, id: string): CrossingService {
  const s = a.crossings.find((c) => c.id === crossing)?.services.find((x) => x.id === id);
  if (!s) throw new Error(`no service ${crossing}/${id}`);
  return s;
}

/** Every capacitated crossing service over capacity in a month is in `overloads`, with its months and excess. */
function checkReported(r: AssignResult, label: string): void {
  const reported = new Map(r.overloads.map((o) => [o.id, o]));
  for (const c of r.crossings)
    for (const s of c.services) {
      const cap = s.capacityUsed?.byMonth;
      if (!cap) continue;
      const over = s.byMonth
        .map((v, m) => ({ m, v, c: cap[m] }))
        .filter((x) => x.v > 1 && x.v > x.c * 1.001 + 1);
      const o = reported.get(`${c.id}/${s.service}`);
      if (over.length === 0) {
        expect(o, `${label}: ${c.id}/${s.service} is within capacity but reported`).toBeUndefined();
        continue;
      }
      expect(
        o,
        `${label}: ${c.id}/${s.service} exceeds capacity in months ${over.map((x) => x.m)}`,
      ).toBeDefined();
      expect(o?.months.map((x) => x.month)).toEqual(expect.arrayContaining(over.map((x) => x.m)));
      const excess = over.reduce((t, x) => t + x.v - x.c, 0);
      expect(o?.excessTonnes ?? 0).toBeCloseTo(excess, -2);
      expect(
        o?.divertedTo.length,
        `${label}: ${c.id}/${s.service} says where the excess goes`,
      ).toBeGreaterThan(0);
      const diverted = (o?.divertedTo ?? []).reduce((t, d) => t + d.tonnes, 0);
      expect(diverted).toBeCloseTo(o?.excessTonnes ?? 0, -2);
    }
}

describe('capacity by month', () => {
  it('gives a seasonal ice road its daily rate on the days it is open, and nothing in summer', () => {
    const ice = service(atlas, 'xunke-poyarkovo', 'ice-road');
    const used = chooseCapacity(ice.capacity, A);
    expect(used?.unit).toBe('trucks/day');
    const byMonth = monthlyCapacity(used!, ice, 2024, A);
    const perDay = used!.tonnesPerYear / A.daysPerYear;
    // season 25 January – 13 March: 7 days of January, all of February (2024: 29), 13 of March
    expect(byMonth[0]).toBeCloseTo(perDay * 7, 6);
    expect(byMonth[1]).toBeCloseTo(perDay * 29, 6);
    expect(byMonth[2]).toBeCloseTo(perDay * 13, 6);
    for (const m of [4, 5, 6, 7, 8]) expect(byMonth[m]).toBe(0);
  });

  it('spreads a yearly figure of a summer service over its open months only', () => {
    const ferry = service(atlas, 'tongjiang-nizhneleninskoye', 'ferry');
    const used = chooseCapacity(ferry.capacity, A)!;
    const byMonth = monthlyCapacity(used, ferry, 2024, A);
    expect(byMonth.reduce((s, v) => s + v, 0)).toBeCloseTo(used.tonnesPerYear, 3);
    expect(byMonth[0]).toBe(0);
    expect(byMonth[6]).toBeGreaterThan(used.tonnesPerYear / 12);
  });

  it('prefers a published capacity to an estimate made here', () => {
    const used = chooseCapacity(
      [
        { value: 900, unit: 'kt/yr', basis: 'estimate', method: 'by analogy', sources: ['song-2019'] },
        { value: 100, unit: 'trucks/day', basis: 'design', sources: ['song-2019'] },
      ],
      A,
    );
    expect(used?.basis).toBe('design');
  });
});

describe('overloads', () => {
  const current = buildScenario(atlas, profile, loadScenario('current'));

  it('reports a crossing loaded beyond capacity and where the excess would go', () => {
    const demand: DemandTable = {
      unit: 'tonnes/yr',
      rows: [
        { from: 'blagoveshchensk', to: 'harbin', commodity: 'soy', cargo: 'bulk', tonnesPerYear: 40_000_000 },
      ],
    };
    const r = assign(current.network, current.atlas, demand, { method: 'aon', months: [6] });
    // a Heihe – Blagoveshchensk service (the summer cargo ferry in June, since the bridge is charged its 19.9 km
    // with approaches; the bridge before)
    const heihe = r.overloads.find((o) => o.id.startsWith('heihe-blagoveshchensk/'));
    expect(heihe, JSON.stringify(r.overloads.map((o) => o.id))).toBeDefined();
    expect(heihe?.months.map((m) => m.month)).toEqual([6]);
    expect(heihe?.peakUtilisation).toBeGreaterThan(1);
    // 40 Mt a year is 3.33 Mt in June against the service's capacity in that month
    const june = heihe!.months[0];
    expect(heihe?.excessTonnes).toBeCloseTo(june.load - june.capacity, 0);
    const via = heihe!.divertedTo;
    expect(via.length).toBeGreaterThan(0);
    expect(via.every((d) => !d.via.startsWith(heihe!.id))).toBe(true);
    expect(via[0].examples).toContain('blagoveshchensk → harbin (bulk)');
    checkReported(r, 'soy');
  });

  it('reports none when every capacitated element stays within capacity', () => {
    const demand: DemandTable = {
      unit: 'tonnes/yr',
      rows: [
        { from: 'blagoveshchensk', to: 'harbin', commodity: 'soy', cargo: 'bulk', tonnesPerYear: 120_000 },
      ],
    };
    const r = assign(current.network, current.atlas, demand, { method: 'aon' });
    expect(r.overloads).toEqual([]);
    checkReported(r, 'small');
  });
});

describe('the shipped assignments keep every crossing within capacity, or report the overload and the diverted flow', () => {
  const demandFile = (name: string) => fileURLToPath(new URL(`../../data/demand/${name}`, import.meta.url));
  for (const [file, scenarioId] of [
    ['heilongjiang-russia-2018.yaml', 'current'],
    ['heilongjiang-russia-2018.yaml', 'before-bridges'],
    ['primorye-2-cargo-base-2030.yaml', 'primorye-corridors'],
  ] as const) {
    it(`${file} on ${scenarioId}`, () => {
      const s = buildScenario(atlas, profile, loadScenario(scenarioId));
      const r = assign(s.network, s.atlas, loadDemand(demandFile(file), s.atlas), {
        method: 'fw',
        iterations: 4,
        rules: s.rules,
      });
      checkReported(r, `${file} on ${scenarioId}`);
    });
  }
});
