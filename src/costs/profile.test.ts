import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  callCost,
  emissionRowFor,
  feeUsdPerUnit,
  gaugeChangeCost,
  linkCost,
  loadCost,
  serviceFor,
  transferCost,
} from './model.ts';
import { loadProfile, ProfileError, parseProfile } from './profile.ts';

describe('default profile', () => {
  const p = loadProfile();

  it('loads and cites a source for every block and emission row', () => {
    const ids = new Set(p.sources.map((s) => s.id));
    for (const r of p.emissions.rows) {
      expect(r.sources.length).toBeGreaterThan(0);
      for (const s of r.sources) expect(ids.has(s)).toBe(true);
      expect(r.version.length).toBeGreaterThan(0);
    }
    for (const m of Object.values(p.modes)) expect(m.cite.sources.length).toBeGreaterThan(0);
  });

  it('does not carry the ECTA/Cefic "62 / 22 / 8 / 602" set as if it were GLEC', () => {
    const values = p.emissions.rows.map((r) => r.wtwGPerTkm);
    expect(values).not.toContain(62);
    expect(values).not.toContain(22);
  });

  it('has WTW ≥ TTW and zero TTW for electric rail', () => {
    for (const r of p.emissions.rows) expect(r.wtwGPerTkm).toBeGreaterThanOrEqual(r.ttwGPerTkm);
    expect(emissionRowFor(p, { mode: 'rail', km: 1, traction: 'electric', country: 'CN' }).ttwGPerTkm).toBe(
      0,
    );
  });

  it('picks emission rows by traction, country and vessel', () => {
    expect(emissionRowFor(p, { mode: 'rail', km: 1, traction: 'electric', country: 'RU' }).id).toBe(
      'rail-electric-ru',
    );
    expect(emissionRowFor(p, { mode: 'rail', km: 1, traction: 'diesel' }).id).toBe('rail-diesel');
    expect(emissionRowFor(p, { mode: 'rail', km: 1 }).id).toBe('rail-mixed');
    expect(emissionRowFor(p, { mode: 'sea', km: 1, vessel: 'container-feeder' }).id).toBe('container-feeder');
    expect(emissionRowFor(p, { mode: 'sea', km: 1 }).id).toBe('container-mainline');
    expect(emissionRowFor(p, { mode: 'road', km: 1, roadClass: 'expressway' }).id).toBe('truck-articulated');
  });
});

describe('cost functions', () => {
  const p = loadProfile();

  it('prices a rail link per unit from the profile, at the speed of its service class', () => {
    const c = linkCost(p, { mode: 'rail', km: 1000, traction: 'diesel' }, 'feu');
    expect(c.usd).toBeCloseTo(1000 * p.modes.rail.runningUsdPerKm.feu, 9);
    const block = serviceFor(p, 'rail', 'feu');
    expect(block?.label).toBe('container block train');
    expect(c.hours).toBeCloseTo((1000 / (block?.kmPerDay ?? p.modes.rail.kmPerDay.feu)) * 24, 9);
    // 1000 km × 15 t × 22.4 g = 336 kg
    expect(c.co2eKg).toBeCloseTo((1000 * p.cargo.tonnesPerUnit.feu * 22.4) / 1000, 9);
  });

  it('uses a published transit time instead of the speed (the call at a port passed through is not the lane’s)', () => {
    expect(
      linkCost(p, { mode: 'sea', km: 5000, transitHours: 100, vessel: 'container-mainline' }, 'teu').hours,
    ).toBe(100);
  });

  it('rates rail by the country of the link: China Railway and RZD bulk tariffs differ, both below road', () => {
    const cn = linkCost(p, { mode: 'rail', km: 100, country: 'CN' }, 'bulk').usd;
    const ru = linkCost(p, { mode: 'rail', km: 100, country: 'RU' }, 'bulk').usd;
    const across = linkCost(p, { mode: 'rail', km: 100 }, 'bulk').usd;
    const road = linkCost(p, { mode: 'road', km: 100 }, 'bulk').usd;
    expect(cn).toBeCloseTo(100 * (p.modes.rail.runningUsdPerKmByCountry?.CN?.bulk ?? Number.NaN), 9);
    expect(ru).toBeCloseTo(100 * (p.modes.rail.runningUsdPerKmByCountry?.RU?.bulk ?? Number.NaN), 9);
    expect(cn).not.toBe(ru);
    expect(across).toBeCloseTo(100 * p.modes.rail.runningUsdPerKm.bulk, 9);
    expect(Math.max(cn, ru)).toBeLessThan(road);
  });

  it('charges a lane fee (the NSR escort) on links of that line only', () => {
    const fee = p.laneFees.find((f) => f.line === 'Northern Sea Route');
    expect(fee?.usd.feu).toBeGreaterThan(0);
    const nsr = linkCost(
      p,
      { mode: 'sea', km: 1000, vessel: 'container-feeder', line: 'Northern Sea Route' },
      'feu',
    );
    const other = linkCost(
      p,
      { mode: 'sea', km: 1000, vessel: 'container-feeder', line: 'Suez route' },
      'feu',
    );
    expect(nsr.usd - other.usd).toBeCloseTo(fee?.usd.feu ?? Number.NaN, 9);
  });

  it('picks service classes by mode, cargo and vessel, and applies their speed, dwell and calls', () => {
    expect(serviceFor(p, 'rail', 'bulk')?.id).toBe('bulk-unit-train');
    expect(serviceFor(p, 'sea', 'feu', 'container-feeder')?.id).toBe('feeder');
    expect(serviceFor(p, 'sea', 'feu', 'container-mainline')?.id).toBe('direct-liner');
    const block = serviceFor(p, 'rail', 'teu');
    const ru = linkCost(p, { mode: 'rail', km: 1000, country: 'RU' }, 'teu').hours;
    expect(ru).toBeCloseTo((1000 / (block?.kmPerDayByCountry?.RU ?? Number.NaN)) * 24, 9);
    // loading onto a block train waits its dwell, not the mode's default
    expect(loadCost(p, 'rail', 'teu', false).hours).toBe(block?.dwellHours);
    // a lane's cost is additive in its km; passing a port costs the arriving class's call (callCost)
    const feeder = serviceFor(p, 'sea', 'teu', 'container-feeder');
    const one = linkCost(p, { mode: 'sea', km: 1000, vessel: 'container-feeder' }, 'teu');
    const half = linkCost(p, { mode: 'sea', km: 500, vessel: 'container-feeder' }, 'teu');
    expect(2 * half.hours - one.hours).toBeCloseTo(0, 9);
    expect(2 * half.usd - one.usd).toBeCloseTo(0, 9);
    const call = callCost(p, 'sea', 'teu', 'container-feeder');
    expect(call.hours).toBe(feeder?.callHours);
    expect(call.usd).toBe(feeder?.callUsd?.teu);
    expect(call.hours).toBeGreaterThan(0);
    expect(callCost(p, 'rail', 'teu')).toEqual({ hours: 0, usd: 0, co2eKg: 0, co2eKgTtw: 0 });
  });

  it('turns per-vehicle fees in other currencies into USD per unit', () => {
    const fee = { per: 'truck' as const, amount: 1000, currency: 'CNY' as const, sources: ['x'] };
    expect(feeUsdPerUnit(p, fee, 'teu', 'road')).toBeCloseTo(
      (1000 * p.fx.usdPer.CNY) / p.modes.road.unitsPerVehicle.teu,
      9,
    );
    expect(feeUsdPerUnit(p, { ...fee, per: 'feu' }, 'teu', 'road')).toBeCloseTo(
      (1000 * p.fx.usdPer.CNY) / 2,
      9,
    );
  });

  it('takes the atlas hours of a gauge change when given, else the profile', () => {
    expect(gaugeChangeCost(p, 'bogie-exchange', 'feu', 3).hours).toBe(3);
    expect(gaugeChangeCost(p, 'transshipment', 'feu').hours).toBe(p.gaugeChange.transshipment.hours);
  });

  it('charges handling at both ends of a transfer and hub emissions', () => {
    const t = transferCost(p, 'road', 'rail', 'feu', false);
    expect(t.usd).toBe(
      p.modes.road.handlingUsd.feu + p.modes.rail.handlingUsd.feu + p.modes.rail.fixedUsdPerLeg.feu,
    );
    expect(t.co2eKg).toBeCloseTo(0.6 * 15, 9);
  });
});

describe('profile errors', () => {
  it('names the file, field and what is valid', () => {
    const p = structuredClone(loadProfile()) as unknown as Record<string, unknown>;
    (p.modes as Record<string, Record<string, unknown>>).rail.dwellHours = -1;
    expect(() => parseProfile(p, 'custom.yaml')).toThrow(/custom\.yaml[\s\S]*modes\.rail\.dwellHours/);
    const q = structuredClone(loadProfile());
    q.emissions.select.road.default = 'nope';
    expect(() => parseProfile(q, 'custom.yaml')).toThrow(
      /emissions\.select\.road\.default: .*unknown "nope"/,
    );
    const r = structuredClone(loadProfile());
    r.emissions.rows[0].sources = ['who-knows'];
    expect(() => parseProfile(r, 'custom.yaml')).toThrow(/unknown "who-knows"/);
  });

  it('loads an override file and reports a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-profile-'));
    const file = join(dir, 'cheap-rail.yaml');
    const p = structuredClone(loadProfile());
    p.id = 'cheap-rail';
    p.modes.rail.runningUsdPerKm.feu = 0.1;
    writeFileSync(file, stringify(p));
    expect(loadProfile(file).modes.rail.runningUsdPerKm.feu).toBe(0.1);
    expect(() => loadProfile(join(dir, 'missing.yaml'))).toThrow(ProfileError);
  });
});

describe('sea running cost by service class', () => {
  it('a direct liner (deep-sea) charges its own per-km rate, a feeder the mode row, a bulk carrier per tonne', () => {
    const p = loadProfile();
    const km = 1000;
    const liner = linkCost(p, { mode: 'sea', km, vessel: 'container-mainline' }, 'feu');
    const feeder = linkCost(p, { mode: 'sea', km, vessel: 'container-feeder' }, 'feu');
    const bulk = linkCost(p, { mode: 'sea', km, vessel: 'bulk' }, 'bulk');
    const svc = (id: string) => p.services.find((s) => s.id === id);
    const linerRate = svc('direct-liner')?.runningUsdPerKm?.feu;
    expect(linerRate).toBeDefined();
    expect(liner.usd).toBeCloseTo(km * (linerRate ?? Number.NaN), 6);
    expect(feeder.usd).toBeCloseTo(km * p.modes.sea.runningUsdPerKm.feu, 6);
    expect(liner.usd).toBeLessThan(feeder.usd);
    expect(bulk.usd).toBeCloseTo(km * p.modes.sea.runningUsdPerKm.bulk, 6);
  });
});
