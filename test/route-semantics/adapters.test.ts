/**
 * The adapters of the route semantics suite can fail: a kernel that answers
 * an hour late, a dollar dear, or says "unreachable" where the reference
 * finds a route is caught, and so is a one-to-all kernel that forgets the
 * gate or transfer rule; rules that need itineraries are not run on a kernel
 * that gives none.
 */
import { describe, expect, it } from 'vitest';
import { EDGE_KIND, MODE_CODE, type Network } from '../../src/network/types.ts';
import { testProfile, twoCrossings } from './fixtures.ts';
import { yardAtlas } from './gates-and-transfers.ts';
import { costTreeKernel, implOf, type Kernel, matrixKernel, oneToAllKernel, reference } from './kernels.ts';
import { RULES } from './suite.ts';

const query = { from: 'a', to: 'd', date: '2023-04-01', optimize: 'pareto' as const, cargo: 'feu' as const };

function lying(k: Kernel, lie: (b: ReturnType<NonNullable<Kernel['best']>>) => void): Kernel {
  return {
    ...k,
    best: (net, q) => {
      const b = (k.best as NonNullable<Kernel['best']>)(net, q);
      lie(b);
      return b;
    },
  };
}

describe('route semantics adapters', () => {
  it('every kernel agrees with the reference on a plain case (4 h, $400 via X)', () => {
    const atlas = twoCrossings({});
    for (const k of [matrixKernel, oneToAllKernel, costTreeKernel]) {
      const r = implOf(k)(atlas, testProfile(), query);
      expect(Math.min(...r.itineraries.map((i) => i.totals.hours))).toBeCloseTo(4, 6);
      expect(Math.min(...r.itineraries.map((i) => i.totals.costUsd))).toBeCloseTo(400, 6);
    }
  });

  it('catches a kernel an hour late, a dollar dear or blind to a route', () => {
    const atlas = twoCrossings({});
    const late = lying(oneToAllKernel, (b) => {
      b.hours = (b.hours ?? 0) + 1;
    });
    const dear = lying(costTreeKernel, (b) => {
      b.costUsd = (b.costUsd ?? 0) + 1;
    });
    const blind = lying(matrixKernel, (b) => {
      b.reachable = false;
    });
    expect(() => implOf(late)(atlas, testProfile(), query)).toThrow(/best hours 5 vs the reference's 4/);
    expect(() => implOf(dear)(atlas, testProfile(), query)).toThrow(
      /best cost per unit 401 vs the reference's 400/,
    );
    expect(() => implOf(blind)(atlas, testProfile(), query)).toThrow(/reachable/);
    // a kernel of cost only is checked on time queries too, against the reference optimising cost
    expect(() => implOf(dear)(atlas, testProfile(), { ...query, optimize: 'time' })).toThrow(/best cost/);
  });

  it('catches a one-to-all kernel that forgets "a gate is a door" or "no two transfers in a row"', () => {
    // the kernel searches a copy of the network in which gates look like road nodes, or transfers like links
    const forgetting = (patch: (net: Network) => Network): Kernel => ({
      ...oneToAllKernel,
      best: (net, q) => (oneToAllKernel.best as NonNullable<Kernel['best']>)(patch(net), q),
    });
    const gatesOpen = forgetting((net) => ({
      ...net,
      nodeMode: net.nodeMode.map((m) => (m === MODE_CODE.gate ? MODE_CODE.road : m)),
    }));
    const transfersFree = forgetting((net) => ({
      ...net,
      kind: net.kind.map((k) => (k === EDGE_KIND.tranship ? EDGE_KIND.link : k)),
    }));
    const q = { from: 'a', to: 'd', date: '2023-01-10', cargo: 'feu' as const, optimize: 'time' as const };
    // through the yard's gate: unload and load again instead of the 10 h transshipment, 2 h instead of 12 h
    expect(() => implOf(gatesOpen)(yardAtlas(false), testProfile(), q)).toThrow(
      /best hours 2 vs the reference's 12/,
    );
    // rail → road → rail at the yard: two free transfers in a row instead of the gauge change
    expect(() => implOf(transfersFree)(yardAtlas(true), testProfile(), q)).toThrow(
      /best hours 2 vs the reference's 12/,
    );
    // and each rule holds on the unpatched kernel
    expect(() => implOf(oneToAllKernel)(yardAtlas(false), testProfile(), q)).not.toThrow();
    expect(() => implOf(oneToAllKernel)(yardAtlas(true), testProfile(), q)).not.toThrow();
  });

  it('runs a rule on a kernel only when the kernel provides what it needs', () => {
    const runs = (k: Kernel) =>
      RULES.filter((r) => r.needs.every((c) => k.provides.includes(c))).map((r) => r.rule.name);
    expect(runs(reference)).toHaveLength(RULES.length);
    for (const k of [matrixKernel, oneToAllKernel, costTreeKernel])
      expect(runs(k).sort()).toEqual([
        'calendarTimezoneRule',
        'capabilitiesRule',
        'cheapButLateRule',
        'closedCrossingRule',
        'gatesAndTransfersRule',
        'gaugeChangeRule',
        'holidaysRule',
        'linkCargoRule',
        'paretoRule',
        'propertiesRule',
        'scopedServicesRule',
        'seaCargoRule',
        'serviceClassesRule',
        'statusDatesRule',
        'waitVsDetourRule',
        'weightLimitRule',
      ]);
  });
});
