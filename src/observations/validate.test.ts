import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { loadAtlas } from '../atlas/load.ts';
import { loadProfile } from '../costs/profile.ts';
import { loadObservations, ObservationError } from './load.ts';
import {
  isWithin,
  type ObservationResult,
  type Residual,
  sharesOf,
  type ValidationReport,
  validateObservations,
  worstTen,
} from './validate.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function corpusDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'amur-observations-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const SOURCE = `sources:
  - { id: src-a, title: A source, publisher: Someone, year: 2020 }
`;

describe('loadObservations', () => {
  it('names the file, the record and the field of a bad observation, and what would be valid', () => {
    const dir = corpusDir({
      'bad.yaml': `title: bad
${SOURCE}observations:
  - { id: x-1, from: harbin, to: suifenhe, mode: rail, km: -3, source: src-a, quote: q, split: fit }
`,
      'bad2.yaml': `title: bad2
sources:
  - { id: src-b, title: B source, publisher: Someone }
observations:
  - { id: x-2, from: harbin, to: suifenhe, mode: rail, km: 548, source: nope, quote: q, split: check }
`,
    });
    try {
      loadObservations(dir);
      expect.unreachable('a bad corpus must not load');
    } catch (e) {
      expect(e).toBeInstanceOf(ObservationError);
      const msg = (e as Error).message;
      expect(msg).toMatch(/bad\.yaml: observation x-1: observations\[0\]\.km/);
      expect(msg).toMatch(/observation x-2: source: unknown "nope" \(valid: src-b\)/);
    }
  });

  it('refuses an observation without any published figure and an unknown split', () => {
    const dir = corpusDir({
      'empty.yaml': `title: t
${SOURCE}observations:
  - { id: y-1, from: harbin, to: suifenhe, mode: rail, source: src-a, quote: q, split: later }
`,
    });
    expect(() => loadObservations(dir)).toThrow(/split.*fit.*check|at least one of km, days or cost/s);
  });
});

describe('validateObservations', () => {
  const atlas = loadAtlas().atlas;
  const profile = loadProfile();

  it('computes residuals and shares from the corpus, counting unrouted ones as outside', () => {
    const dir = corpusDir({
      'small.yaml': `title: small
${SOURCE}observations:
  - { id: a, from: harbin, to: suifenhe, mode: rail, km: 548, source: src-a, quote: q, split: fit }
  - { id: b, from: harbin, to: manzhouli, mode: rail, km: 100, source: src-a, quote: q, split: fit }
  - { id: c, from: harbin, to: Atlantis, mode: rail, km: 10, days: 1, source: src-a, quote: q, split: check }
`,
    });
    const report = validateObservations(atlas, profile, loadObservations(dir));
    const byId = new Map(report.observations.map((o) => [o.id, o]));
    const a = byId.get('a');
    const b = byId.get('b');
    const c = byId.get('c');
    expect(a?.km?.amur).toBeGreaterThan(0);
    // the residual is (Amur − published) / published
    const expected = (((a?.km?.amur as number) - 548) / 548) * 100;
    expect(a?.km?.errorPct).toBeCloseTo(expected, 0);
    // Harbin – Manzhouli is far more than 100 km: far outside ±15%
    expect(b?.km?.errorPct).toBeGreaterThan(100);
    expect(c?.km?.amur).toBeNull();
    expect(c?.problem).toMatch(/Atlantis/);
    const fitWithin = [a, b].filter((o) => Math.abs(o?.km?.errorPct ?? 1e9) <= 15).length;
    expect(report.shares.fit.km).toMatchObject({ n: 2, within: fitWithin, unrouted: 0 });
    expect(report.shares.check.km).toMatchObject({ n: 1, within: 0, share: 0, unrouted: 1 });
    expect(report.shares.check.days).toMatchObject({ n: 1, within: 0, unrouted: 1 });
    expect(report.shares.all.km.n).toBe(3);
    expect(report.worst[0].amur).toBeNull();
    // only one part
    const fitOnly = validateObservations(atlas, profile, loadObservations(dir), { split: 'fit' });
    expect(fitOnly.observations.map((o) => o.id)).toEqual(['a', 'b']);
    expect(fitOnly.shares.check.observations).toBe(0);
  });
});

describe('observations routed with the service class they name', () => {
  const atlas = loadAtlas().atlas;
  const profile = loadProfile();

  it('routes with the named class, says which, and the default class otherwise', () => {
    const dir = corpusDir({
      'named.yaml': `title: named
${SOURCE}observations:
  - { id: plain, from: vostochny, to: moscow, mode: rail, days: 7, source: src-a, quote: q, split: fit }
  - id: sched
    from: vostochny
    to: moscow
    mode: rail
    service: conventional express container train (stopping at yards)
    days: 12.5
    source: src-a
    quote: q
    split: check
  - { id: other, from: vostochny, to: moscow, mode: rail, service: a reefer train, days: 7, source: src-a, quote: q, split: fit }
`,
    });
    const report = validateObservations(atlas, profile, loadObservations(dir));
    const byId = new Map(report.observations.map((o) => [o.id, o]));
    const plain = byId.get('plain');
    const sched = byId.get('sched');
    expect(plain?.serviceClasses).toBeUndefined();
    expect(byId.get('other')?.serviceClasses).toBeUndefined();
    expect(sched?.serviceClasses).toEqual(['scheduled container train (stopping at yards)']);
    // RZD's scheduled train (RU 900 km/day) is slower than the default block train (RU 1,400) on the same line
    const ratio = (sched?.days?.amur as number) / (plain?.days?.amur as number);
    const ru = (id: string) => profile.services.find((s) => s.id === id)?.kmPerDayByCountry?.RU as number;
    expect(ratio).toBeGreaterThan(1.2);
    expect(ratio).toBeCloseTo(ru('container-block-train') / ru('scheduled-container-train'), 1);
    expect(byId.get('other')?.days?.amur).toBe(plain?.days?.amur);
  });
});

describe('what the published days cover (scope)', () => {
  const atlas = loadAtlas().atlas;
  const profile = loadProfile();

  it("compares a door-to-door time with the whole itinerary and a train's time terminal to terminal", () => {
    const dir = corpusDir({
      'scope.yaml': `title: scope
${SOURCE}observations:
  - { id: terminal, from: vostochny, to: moscow, mode: rail, days: 7, source: src-a, quote: q, split: fit }
  - { id: door, from: vostochny, to: moscow, mode: rail, scope: door-to-door, days: 7, source: src-a, quote: q, split: fit }
`,
    });
    const report = validateObservations(atlas, profile, loadObservations(dir));
    const byId = new Map(report.observations.map((o) => [o.id, o]));
    expect(byId.get('terminal')?.scope).toBe('terminal-to-terminal');
    expect(byId.get('door')?.scope).toBe('door-to-door');
    // door to door adds the block train's dwell before the first departure and its release after the last arrival
    const train = profile.services.find((s) => s.id === 'container-block-train');
    const added = ((train?.dwellHours as number) + (train?.releaseHours as number)) / 24;
    expect(added).toBeGreaterThan(0);
    const door = byId.get('door')?.days?.amur as number;
    const terminal = byId.get('terminal')?.days?.amur as number;
    expect(door - terminal).toBeCloseTo(added, 1);
  });

  it('refuses a scope it does not know, naming the valid ones', () => {
    const dir = corpusDir({
      'bad-scope.yaml': `title: t
${SOURCE}observations:
  - { id: z-1, from: harbin, to: suifenhe, mode: rail, scope: port-to-door, days: 2, source: src-a, quote: q, split: fit }
`,
    });
    expect(() => loadObservations(dir)).toThrow(/z-1.*scope.*terminal-to-terminal.*door-to-door/s);
  });
});

describe('amur validate observations (the shipped corpus)', () => {
  it('runs, and its shares are the shares of its own rows', async () => {
    const r = await runCli(['validate', 'observations', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as ValidationReport;
    const corpus = loadObservations();
    expect(report.observations.length).toBe(corpus.observations.length);
    expect(report.observations.length).toBeGreaterThanOrEqual(40);
    expect(report.sources).toBeGreaterThanOrEqual(15);
    for (const part of ['fit', 'check'] as const) {
      const rows = report.observations.filter((o) => o.split === part);
      expect(rows.length).toBeGreaterThan(0);
      expect(report.shares[part].observations).toBe(rows.length);
      for (const m of ['km', 'days'] as const) {
        const withIt = rows.filter((o) => o[m] !== undefined);
        // within the tolerance either way; a published maximum (bound) only above it counts against
        const within = withIt.filter((o) => {
          const e = o[m]?.errorPct;
          if (e === null || e === undefined) return false;
          return o[m]?.bound === 'at-most' ? e <= report.tolerancePct : Math.abs(e) <= report.tolerancePct;
        }).length;
        expect(report.shares[part][m]).toMatchObject({ n: withIt.length, within });
      }
    }
    expect(report.shares.all.observations).toBe(
      report.shares.fit.observations + report.shares.check.observations,
    );
    expect(report.worst.length).toBe(10);
    expect(report.claims.length).toBe(corpus.claims.length);
    // a claim Amur reproduces with the opposite sign says why (its corpus note), in JSON and in text
    const opposite = report.claims.filter((c) => c.sameDirection === false);
    for (const c of opposite)
      expect(c.note, `claim ${c.id} has the opposite sign and no note saying why`).toBeTruthy();
    const all = await runCli(['validate', 'observations']);
    for (const c of opposite) expect(all.stdout).toContain(`why: ${c.note}`);
    // the text form prints the shares of both parts and the worst ten
    const text = await runCli(['validate', 'observations', '--split', 'check']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/check\s+\d+ observations: km \d+\/\d+/);
    expect(text.stdout).toMatch(/Worst ten residuals/);
    const bad = await runCli(['validate', 'observations', '--split', 'later']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--split: "later".*valid: fit, check/);
  }, 180_000);
});

describe('the stages of the report', () => {
  const row = (id: string, split: 'fit' | 'check', km?: Residual, days?: Residual): ObservationResult => ({
    id,
    file: 'f.yaml',
    split,
    mode: 'rail',
    scope: 'terminal-to-terminal',
    from: 'a',
    to: 'b',
    source: 's',
    ...(km ? { km } : {}),
    ...(days ? { days } : {}),
  });
  const res = (errorPct: number | null): Residual => ({
    published: 100,
    amur: errorPct === null ? null : 100 + errorPct,
    errorPct,
  });

  it('sharesOf: within ±tolerance inclusive, an unrouted figure outside, each part apart', () => {
    const rows = [
      row('a', 'fit', res(15)),
      row('b', 'fit', res(-15.1)),
      row('c', 'fit', res(null), res(2)),
      row('d', 'check', res(-3)),
    ];
    const fit = sharesOf(rows, [], 'fit', 15);
    expect(fit.observations).toBe(3);
    expect(fit.km).toEqual({ n: 3, within: 1, share: 0.333, unrouted: 1 });
    expect(fit.days).toEqual({ n: 1, within: 1, share: 1, unrouted: 0 });
    expect(fit.cost).toEqual({ n: 0, within: 0, share: null, unrouted: 0 });
    expect(sharesOf(rows, [], undefined, 15).km).toEqual({ n: 4, within: 2, share: 0.5, unrouted: 1 });
  });

  it('worstTen: unrouted first, then the largest residuals by size, ten at most', () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(`r${i}`, 'fit', res(i % 2 ? i : -i)));
    rows.push(row('none', 'check', undefined, res(null)));
    const worst = worstTen(rows);
    expect(worst).toHaveLength(10);
    expect(worst[0]).toMatchObject({ id: 'none', metric: 'days', amur: null });
    expect(worst.slice(1).map((w) => w.errorPct)).toEqual([11, -10, 9, -8, 7, -6, 5, -4, 3]);
  });

  it('a published maximum (daysBound: at-most) agrees when Amur is not above it + tolerance, and a kept one is not ranked', () => {
    const max = (errorPct: number | null): Residual => ({ ...res(errorPct), bound: 'at-most' });
    expect(isWithin(max(-60), 15)).toBe(true);
    expect(isWithin(max(15), 15)).toBe(true);
    expect(isWithin(max(15.1), 15)).toBe(false);
    expect(isWithin(max(null), 15)).toBe(false);
    expect(isWithin(res(-60), 15)).toBe(false);
    const rows = [row('kept', 'check', undefined, max(-40)), row('broken', 'check', undefined, max(30))];
    expect(sharesOf(rows, [], 'check', 15).days).toEqual({ n: 2, within: 1, share: 0.5, unrouted: 0 });
    expect(worstTen(rows).map((w) => w.id)).toEqual(['broken']);
  });
});

describe('a published maximum in the corpus', () => {
  it('refuses daysBound without days, naming the record and the field', () => {
    const dir = corpusDir({
      'bad-bound.yaml': `title: t
${SOURCE}observations:
  - { id: z-2, from: harbin, to: suifenhe, mode: rail, daysBound: at-most, km: 500, source: src-a, quote: q, split: fit }
  - { id: z-3, from: harbin, to: suifenhe, mode: rail, daysBound: about, days: 2, source: src-a, quote: q, split: fit }
`,
    });
    expect(() => loadObservations(dir)).toThrow(/z-2.*daysBound.*needs the days/s);
    const other = corpusDir({
      'bad-bound.yaml': `title: t
${SOURCE}observations:
  - { id: z-3, from: harbin, to: suifenhe, mode: rail, daysBound: about, days: 2, source: src-a, quote: q, split: fit }
`,
    });
    expect(() => loadObservations(other)).toThrow(/z-3.*daysBound.*at-most/s);
  });
});
