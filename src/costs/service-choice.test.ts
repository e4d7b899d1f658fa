import { describe, expect, it } from 'vitest';
import { gaugeChangeCost, linkCost, loadCost, serviceFor, transferCost } from './model.ts';
import { loadProfile } from './profile.ts';
import { serviceNamedBy, servicesNamedBy, withServiceFirst } from './service-choice.ts';

describe('service classes named by a source', () => {
  const p = loadProfile();

  it('finds the class a service description names: a proper name (alias) before a generic label', () => {
    expect(serviceNamedBy(p, 'China–Europe express (Yuxinou)')?.id).toBe('china-europe-express');
    expect(serviceNamedBy(p, 'china-europe express')?.id).toBe('china-europe-express');
    // "container block train" is a label, "Transib in Seven Days" the service's own name
    expect(serviceNamedBy(p, 'container block train ("Transib in Seven Days")')?.id).toBe(
      'trans-siberian-express',
    );
    expect(serviceNamedBy(p, 'conventional express container train (stopping at yards)')?.id).toBe(
      'scheduled-container-train',
    );
    expect(serviceNamedBy(p, 'container block train')?.id).toBe('container-block-train');
    expect(serviceNamedBy(p, 'fruit and vegetable train (reefer wagons)')).toBeUndefined();
    expect(serviceNamedBy(p, undefined)).toBeUndefined();
  });

  it('names one class per mode, in profile order', () => {
    const named = servicesNamedBy(p, 'feeder Busan – Vostochny, then container block train').map((s) => s.id);
    expect(named).toEqual(['container-block-train', 'feeder']);
    expect(servicesNamedBy(p, 'a ship')).toEqual([]);
  });

  it('routes with the named class: moved first, it is the class of its mode and cargo', () => {
    expect(serviceFor(p, 'rail', 'feu')?.id).toBe('container-block-train');
    const ce = withServiceFirst(p, 'china-europe-express');
    expect(serviceFor(ce, 'rail', 'feu')?.id).toBe('china-europe-express');
    // bulk is not carried by the class, so its own class stays
    expect(serviceFor(ce, 'rail', 'bulk')?.id).toBe('bulk-unit-train');
    expect(ce.services).toHaveLength(p.services.length);
    expect(p.services[0].id).toBe('container-block-train'); // the base profile is not changed
    expect(() => withServiceFirst(p, 'hovercraft')).toThrow(
      /no service class "hovercraft".*china-europe-express/,
    );
  });

  it('runs each class at its own speed: 1,520 mm lands for the China–Europe train, RZD yards for the scheduled train', () => {
    const ce = p.services.find((s) => s.id === 'china-europe-express');
    const sched = p.services.find((s) => s.id === 'scheduled-container-train');
    const hours = (profile: typeof p, country: string) =>
      linkCost(profile, { mode: 'rail', km: 1000, country }, 'feu').hours;
    const ceP = withServiceFirst(p, 'china-europe-express');
    expect(hours(ceP, 'KZ')).toBeCloseTo((1000 / (ce?.kmPerDayByCountry?.KZ ?? Number.NaN)) * 24, 9);
    expect(hours(ceP, 'CN')).toBeCloseTo((1000 / (ce?.kmPerDay ?? Number.NaN)) * 24, 9);
    const schedP = withServiceFirst(p, 'scheduled-container-train');
    expect(hours(schedP, 'RU')).toBeCloseTo((1000 / (sched?.kmPerDayByCountry?.RU ?? Number.NaN)) * 24, 9);
    // slower than the non-stop express on the same line
    expect(hours(schedP, 'RU')).toBeGreaterThan(hours(withServiceFirst(p, 'trans-siberian-express'), 'RU'));
  });

  it("adds the class's dwell at a gauge-change station to the change itself", () => {
    const ce = withServiceFirst(p, 'china-europe-express');
    const dwell = ce.services[0].gaugeChangeDwellHours ?? 0;
    expect(dwell).toBeGreaterThan(0);
    expect(gaugeChangeCost(ce, 'transshipment', 'feu', 4).hours).toBe(4 + dwell);
    expect(gaugeChangeCost(p, 'transshipment', 'feu', 4).hours).toBe(4);
    // bulk moves in its own class, without the container train's dwell
    expect(gaugeChangeCost(ce, 'transshipment', 'bulk', 4).hours).toBe(4);
  });

  it("a feeder port keeps the feeder's dwell, not the liner's", () => {
    const feeder = serviceFor(p, 'sea', 'feu', 'container-feeder');
    const liner = serviceFor(p, 'sea', 'feu', 'container-mainline');
    expect(feeder?.dwellHours).not.toBe(liner?.dwellHours);
    expect(loadCost(p, 'sea', 'feu', true, 'container-feeder').hours).toBe(feeder?.dwellHours);
    expect(loadCost(p, 'sea', 'feu', true, 'container-mainline').hours).toBe(liner?.dwellHours);
    const railToFeeder = transferCost(p, 'rail', 'sea', 'feu', true, 'container-feeder');
    expect(railToFeeder.hours).toBe(
      (serviceFor(p, 'rail', 'feu')?.releaseHours ?? Number.NaN) + (feeder?.dwellHours ?? Number.NaN),
    );
  });
});
