/** The router's warnings carry a code and the values of their sentence (issue 14). */
import { describe, expect, it } from 'vitest';
import { testProfile, twoCrossings } from '../../test/route-semantics/fixtures.ts';
import { loadAtlas } from '../atlas/load.ts';
import type { CrossingService } from '../atlas/schema.ts';
import { loadProfile } from '../costs/profile.ts';
import { warningText } from '../i18n/messages.ts';
import { compileNetwork } from '../network/compile.ts';
import { route } from './index.ts';
import { WARNING_CODES, WARNING_PARAMS, Warning } from './schema.ts';

const springFestival: Partial<CrossingService> = {
  holidayClosures: [{ country: 'CN', holiday: 'Spring Festival', fromDay: 1, days: 4, sources: ['test'] }],
};

/** Each warning has a known code and at least the params its code promises (WARNING_PARAMS). */
function expectContract(w: Warning): void {
  expect(Warning.parse(w)).toEqual(w);
  expect(WARNING_CODES).toContain(w.code);
  const missing = WARNING_PARAMS[w.code].filter((k) => !(k in w.params));
  expect(missing, `${w.code}: ${w.message}`).toEqual([]);
  if (w.params.subject === 'crossing')
    for (const k of ['crossingId', 'crossingName', 'serviceId', 'serviceName', 'facility'])
      expect(w.params[k], `${w.code}.${k}`).toBeTypeOf('string');
  if (w.params.subject === 'link') expect(w.params.linkId).toBeTypeOf('string');
}

describe('router warnings with codes', () => {
  it('a wait through a public holiday: wait.holiday with the holiday, its dates, the place and the crossing', () => {
    const net = compileNetwork(twoCrossings(springFestival), testProfile());
    const r = route(net, { from: 'a', to: 'd', date: '2024-02-11', optimize: 'cost', cargo: 'feu' });
    const warnings = r.itineraries.flatMap((i) => i.warnings);
    for (const w of warnings) expectContract(w);
    const wait = warnings.find((w) => w.kind === 'wait');
    expect(wait?.code).toBe('wait.holiday');
    expect(wait?.params).toMatchObject({
      holiday: 'Spring Festival',
      holidayCountry: 'CN',
      closedFrom: '2024-02-10',
      closedTo: '2024-02-13',
      placeId: 'b',
      subject: 'crossing',
      crossingId: 'x',
      serviceId: 'bridge',
      state: 'closed',
    });
    expect(wait?.params.hours).toBeGreaterThan(24);
    expect(wait?.message).toMatch(/Spring Festival/);
    if (!wait) return;
    expect(warningText(wait, 'zh')).toContain('春节（2024-02-10至2024-02-13）关闭');
    expect(warningText(wait, 'ru')).toContain('«Праздник весны» (Китай, 2024-02-10…2024-02-13)');
  });

  it('a wait for a seasonal ferry, the risk of using it on its first day and a gauge change at a crossing, on the bundled atlas', () => {
    // Blagoveshchensk → Harbin, 20 April 2019, least cost: waits for the Xunke – Poyarkovo summer crossing
    const r = route(compileNetwork(loadAtlas().atlas, loadProfile()), {
      from: 'blagoveshchensk',
      to: 'harbin',
      date: '2019-04-20',
      optimize: 'cost',
    });
    for (const w of r.itineraries.flatMap((i) => i.warnings)) expectContract(w);
    const ws = r.itineraries[0].warnings;
    const codes = ws.map((w) => w.code);
    expect(codes).toContain('wait.seasonal-closed');
    expect(codes).toContain('estimated-length');
    const wait = ws.find((w) => w.code === 'wait.seasonal-closed');
    expect(wait?.params).toMatchObject({ subject: 'crossing', state: 'seasonal-closed' });
    expect(typeof wait?.params.crossingId).toBe('string');
    const risk = ws.filter((w) => w.kind === 'seasonal-risk');
    expect(risk.length).toBeGreaterThan(0);
    for (const w of risk) expect(w.code.startsWith('seasonal-risk.')).toBe(true);
    const gauge = route(compileNetwork(loadAtlas().atlas, loadProfile()), {
      from: 'harbin',
      to: 'chita',
      date: '2024-03-10',
    }).itineraries.flatMap((i) => i.warnings);
    for (const w of gauge) expectContract(w);
    expect(gauge.map((w) => w.code)).toContain('gauge-change.crossing');
    const est = ws.find((w) => w.code === 'estimated-length');
    expect(Array.isArray(est?.params.linkIds)).toBe(true);
    // links and crossing passages whose length is an estimate (the straight line between the sides)
    const ids = (k: string) => (est?.params[k] ?? []) as string[];
    expect(Array.isArray(est?.params.crossingIds)).toBe(true);
    expect(est?.params.count).toBe(ids('linkIds').length + ids('crossingIds').length);
  });
});
