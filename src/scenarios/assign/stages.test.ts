/**
 * The stages of the flow assignment, each on its own: demand expansion,
 * the searches, capacitated elements and their congestion, the loading loop
 * of each method, unassigned demand and totals, aggregation per element, and
 * overload detection. `assign.ts` composes them (its end-to-end tests are in
 * `../scenarios.test.ts` and `../assign-overload.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { getAtlas } from '../../atlas/load.ts';
import { loadProfile } from '../../costs/profile.ts';
import { buildScenario } from '../apply.ts';
import { loadScenario } from '../load.ts';
import type { DemandTable } from '../schema.ts';
import { elementResult, elementResults } from './aggregate.ts';
import { AonLoader } from './aon.ts';
import { DEFAULT_CAPACITY_ASSUMPTIONS } from './capacity.ts';
import { expandDemand, monthShare, type Od } from './demand.ts';
import { capacityTables, type Element, Elements } from './elements.ts';
import { lineSearch, loadMonths } from './methods.ts';
import { findOverloads, overloadMonths } from './overloads.ts';
import { AssignSearch } from './search.ts';
import { demandTotals, unassignedRows } from './unassigned.ts';

const atlas = getAtlas();
const profile = loadProfile();
const dalian = buildScenario(atlas, profile, loadScenario('dalian-route'));
const { network: net } = dalian;
const ALL = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const capA = { ...DEFAULT_CAPACITY_ASSUMPTIONS, tonnesPerTeu: net.profile.cargo.tonnesPerUnit.teu };

const demand: DemandTable = {
  unit: 'tonnes/yr',
  rows: [
    { from: 'blagoveshchensk', to: 'harbin', commodity: 'soy', cargo: 'bulk', tonnesPerYear: 40_000_000 },
    { from: 'blagoveshchensk', to: 'harbin', commodity: 'grain', cargo: 'bulk', tonnesPerYear: 2_000_000 },
    { from: 'harbin', to: 'blagoveshchensk', commodity: 'goods', cargo: 'teu', tonnesPerYear: 120_000 },
    { from: 'harbin', to: 'shanghai', commodity: 'goods', cargo: 'teu', tonnesPerYear: 300_000 },
    { from: 'harbin', to: 'nowhere', commodity: 'goods', cargo: 'teu', tonnesPerYear: 6000 },
  ],
};

/** The stages wired as `assign` wires them, on the dalian-route network (Chinese domestic cargo may not pass through Russia). */
function pipeline(months = ALL) {
  const flows = expandDemand(net, demand, dalian.rules, months);
  const search = new AssignSearch(net, { year: 2024, horizonDays: 120, vot: 0.05, carbon: 0 });
  const caps = capacityTables(dalian.atlas, 2024, capA);
  const elements = new Elements(net, caps, search.gcFor('bulk'), { alpha: 0.15, beta: 4 });
  const aon = new AonLoader(net, search, flows);
  return { flows, search, caps, elements, aon };
}

describe('demand expansion', () => {
  it('merges rows with the same places and cargo, keeps the rows behind each flow, sets unknown places aside', () => {
    const { ods, groups, unknown } = expandDemand(net, demand, dalian.rules, [0, 1, 2]);
    expect(ods).toHaveLength(3);
    const soy = ods.find((o) => net.places[o.from].id === 'blagoveshchensk');
    expect(soy?.tonnes).toBe(42_000_000);
    expect(soy?.rows).toEqual([0, 1]);
    expect(soy?.container).toBe(false);
    // one tree per (origin, cargo, avoid): Harbin's containers to Russia and to Shanghai differ in avoid list
    const toShanghai = ods.find((o) => net.places[o.to].id === 'shanghai');
    expect(toShanghai?.avoid).toBe('RU');
    expect(groups).toHaveLength(3);
    expect(groups.flatMap((g) => g.ods).sort()).toEqual([0, 1, 2]);
    // a quarter of the year's tonnes for three months
    expect(unknown).toEqual([
      {
        from: 'harbin',
        to: 'nowhere',
        commodity: 'goods',
        cargo: 'teu',
        tonnes: 1500,
        reason: 'unknown-place',
        months: [0, 1, 2],
      },
    ]);
  });

  it('spreads a flow over the twelve months, December taking the rounding rest', () => {
    const o = { tonnes: 1_000_001 } as Od;
    const months = ALL.map((m) => monthShare(o, m));
    expect(months[0]).toBe(1_000_001 / 12);
    expect(months[11]).toBe(1_000_001 - 11 * (1_000_001 / 12));
    expect(months.reduce((s, v) => s + v, 0)).toBeCloseTo(1_000_001, 6);
  });
});

describe('searches', () => {
  it('keeps one context per month, cargo and avoid list, departing the 15th at 00:00 UTC, and counts trees', () => {
    const { search, flows } = pipeline();
    const a = search.ctxFor(3, 'teu', 'RU');
    expect(search.ctxFor(3, 'teu', 'RU')).toBe(a);
    expect(search.ctxFor(3, 'teu', '')).not.toBe(a);
    expect(search.ctxFor(4, 'teu', 'RU')).not.toBe(a);
    expect(search.gcFor('bulk')).toBe(search.gcFor('bulk'));
    expect(search.trees).toBe(0);
    search.tree(0, flows.groups[0], null, flows.ods);
    search.tree(0, flows.groups[0], null, flows.ods);
    expect(search.trees).toBe(2);
  });
});

describe('capacitated elements', () => {
  const { elements, caps } = pipeline();

  it('makes one element per capacitated link or crossing service, both directions sharing it', () => {
    expect(elements.count).toBeGreaterThan(0);
    elements.list.forEach((el, k) => {
      for (const e of el.edges) expect(elements.edgeElement[e]).toBe(k);
      expect(el.capacityMonth).toHaveLength(12);
      for (const c of el.capacityMonth) expect(c).toBeGreaterThanOrEqual(1e-6);
      expect(el.g0).toBeGreaterThan(0);
      const [kind, id] = [el.key.slice(0, el.key.indexOf(':')), el.key.slice(el.key.indexOf(':') + 1)];
      const cap = kind === 'link' ? caps.links.get(id) : caps.services.get(id);
      expect(cap?.byMonth?.map((v) => Math.max(v, 1e-6))).toEqual(el.capacityMonth);
    });
    const counted = elements.edgeElement.filter((k) => k >= 0).length;
    expect(counted).toBe(elements.list.reduce((s, el) => s + el.edges.length, 0));
  });

  it('congestion is the derivative of the Beckmann integral, and lands on the element’s edges only', () => {
    const K = elements.count;
    const vol = new Float64Array(K).map((_, k) => elements.list[k].capacityMonth[6] * (0.5 + (k % 3) * 0.4));
    const k = K - 1;
    const h = vol[k] * 1e-4;
    const up = Float64Array.from(vol);
    const down = Float64Array.from(vol);
    up[k] += h;
    down[k] -= h;
    const numeric = (elements.beckmann(up, 6) - elements.beckmann(down, 6)) / (2 * h);
    expect(numeric / elements.congestion(k, vol[k], 6)).toBeCloseTo(1, 4);
    // BPR: at capacity the congestion is α · g0
    const el = elements.list[k];
    expect(elements.congestion(k, el.capacityMonth[6], 6)).toBeCloseTo(0.15 * el.g0, 9);
    const extra = new Float64Array(net.edgeCount).fill(7);
    elements.extraFrom(vol, extra, 6);
    for (let e = 0; e < net.edgeCount; e++) {
      const owner = elements.edgeElement[e];
      expect(extra[e]).toBe(owner < 0 ? 0 : elements.congestion(owner, vol[owner], 6));
    }
  });
});

describe('loading loop', () => {
  it('line search: the ends when the derivative keeps its sign, else its root by bisection', () => {
    expect(lineSearch((l) => l - 2)).toBe(1);
    expect(lineSearch((l) => l + 0.5)).toBe(0);
    expect(lineSearch((l) => 4 * l - 1)).toBeCloseTo(0.25, 9);
  });

  it('one incremental slice is all-or-nothing; Frank–Wolfe never raises the objective', () => {
    const a = pipeline([0, 4]);
    const aon = loadMonths('aon', 1, 1e-4, [0, 4], a.aon, a.elements);
    const b = pipeline([0, 4]);
    const inc = loadMonths('incremental', 1, 1e-4, [0, 4], b.aon, b.elements);
    expect(inc.load).toEqual(aon.load);
    expect(inc.loadC).toEqual(aon.loadC);
    expect(inc.iterations[0].objective).toBeCloseTo(aon.iterations[0].objective, 6);
    const c = pipeline([0, 4]);
    const fw = loadMonths('fw', 6, 0, [0, 4], c.aon, c.elements);
    expect(fw.iterations).toHaveLength(6);
    const objectives = fw.iterations.map((i) => i.objective);
    objectives.slice(1).forEach((o, i) => {
      expect(o).toBeLessThanOrEqual(objectives[i] * (1 + 1e-12));
    });
    for (const it of fw.iterations) expect(it.lambda).toBeGreaterThanOrEqual(0);
  });
});

describe('unassigned demand, totals and aggregation', () => {
  it('every tonne is assigned or unassigned with a reason; edge loads add up per link and crossing', () => {
    const months = [1, 7];
    const p = pipeline(months);
    const { load, loadC } = loadMonths('aon', 1, 1e-4, months, p.aon, p.elements);
    const unassigned = [...p.flows.unknown, ...unassignedRows(net, demand, p.flows, p.aon, p.search, months)];
    expect(unassigned.map((u) => u.reason)).toEqual(['unknown-place']);
    const totals = demandTotals(demand, unassigned, months);
    expect(totals.demand).toBeCloseTo((42_426_000 * 2) / 12, 6);
    expect(totals.byCommodity.goods.unassigned).toBe(1000);
    expect(totals.assigned + totals.unassigned).toBeCloseTo(totals.demand, 6);
    const { links, crossings } = elementResults(net, dalian.atlas, p.caps, months, load, loadC);
    // the soybeans cross the Amur: the crossings carry at least the tonnes between Blagoveshchensk and Harbin
    const crossed = crossings.reduce((s, c) => s + c.load, 0);
    expect(crossed).toBeGreaterThanOrEqual((42_000_000 + 120_000) * (2 / 12) - 1);
    for (const c of crossings) {
      expect(c.load).toBeCloseTo(
        c.services.reduce((s, x) => s + x.load, 0),
        2,
      );
      for (const m of [0, 2, 3, 4, 5, 6, 8, 9, 10, 11]) expect(c.byMonth[m]).toBe(0);
    }
    expect(links.map((l) => l.load)).toEqual([...links.map((l) => l.load)].sort((x, y) => y - x));
  });

  it('utilisation counts the capacity of the months assigned only', () => {
    const cap = {
      tonnesPerYear: 1200,
      byMonth: [0, 0, 0, 0, 0, 300, 300, 300, 300, 0, 0, 0],
      value: 1200,
      unit: 'kt/yr',
      basis: 'published',
      how: 'test',
    };
    const byMonth = new Array(12).fill(0);
    byMonth[5] = 300;
    byMonth[6] = 150;
    const r = elementResult('x', 'X', byMonth, 0, cap, [5, 6]);
    expect(r.load).toBe(450);
    expect(r.utilisation).toBe(0.75);
    expect(r.monthsAtCapacity).toBe(1);
    expect(elementResult('x', 'X', byMonth, 0, null, [5, 6]).utilisation).toBeNull();
  });
});

describe('overloads', () => {
  it('finds the months over capacity, the excess and the peak month', () => {
    const el = { capacityMonth: new Array(12).fill(100) } as Element;
    const vol = [50, 150, 300, 100.05].map((v) => Float64Array.of(v));
    const r = overloadMonths(el, 0, vol, [3, 4, 5, 6]);
    expect(r.over).toEqual([
      { month: 4, load: 150, capacity: 100 },
      { month: 5, load: 300, capacity: 100 },
    ]);
    expect(r.excess).toBe(250);
    expect(r.peak).toBe(3);
    expect(r.peakMi).toBe(2);
  });

  it('says where the excess over an overloaded element goes, the shares adding up to the excess', () => {
    const months = [3];
    const p = pipeline(months);
    const { load } = loadMonths('aon', 1, 1e-4, months, p.aon, p.elements);
    const overloads = findOverloads({
      net,
      elements: p.elements,
      search: p.search,
      demand: p.flows,
      months,
      load,
    });
    expect(overloads.length).toBeGreaterThan(0);
    for (const o of overloads) {
      expect(o.peakMonth).toBe(3);
      expect(o.peakUtilisation).toBeGreaterThan(1);
      const diverted = o.divertedTo.reduce((s, d) => s + d.tonnes, 0);
      expect(diverted).toBeCloseTo(o.excessTonnes, 0);
      expect(o.divertedTo.flatMap((d) => d.examples).length).toBeGreaterThan(0);
    }
  });
});
