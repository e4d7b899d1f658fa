import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../test/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amur-cli-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('amur scenario', () => {
  it('list --json prints [{ id, name }] with the fixed ids', async () => {
    const r = await runCli(['scenario', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; name: string }[];
    for (const s of list) expect(Object.keys(s)).toEqual(['id', 'name']);
    const ids = list.map((s) => s.id);
    for (const id of [
      'current',
      'before-bridges',
      'vladivostok-transit',
      'primorye-corridors',
      'northern-sea-route',
    ])
      expect(ids).toContain(id);
  });

  it('diff --json has the fixed shape; the bridge months show the switch', async () => {
    const pairs = join(dir, 'pairs.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(pairs, 'pairs:\n  - { from: blagoveshchensk, to: harbin, cargo: teu }\n');
    const r = await runCli([
      'scenario',
      'diff',
      'before-bridges',
      'current',
      '--pairs',
      pairs,
      '--date',
      '2024-11-15',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(Object.keys(d.pairs[0])).toEqual(
      expect.arrayContaining(['from', 'to', 'before', 'after', 'delta', 'switched']),
    );
    expect(Object.keys(d.pairs[0].delta)).toEqual(['hours', 'costUsd', 'co2eKg']);
    expect(d.pairs[0].switched).toBe(true);
    expect(d.pairs[0].delta.hours).toBeLessThan(0);
    expect(Array.isArray(d.crossings)).toBe(true);
    const csv = await runCli([
      'scenario',
      'diff',
      'before-bridges',
      'current',
      '--pairs',
      pairs,
      '--date',
      '2024-11-15',
      '--csv',
    ]);
    expect(csv.stdout.split('\n')[0]).toMatch(/^from,to,cargo,date,change,switched,/);
  });

  it('unknown scenario and bad pair files are one-line errors naming what is valid', async () => {
    const r = await runCli(['scenario', 'diff', 'before-brides', 'current']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scenario "before-brides": unknown \(valid: .*before-bridges/);
    const bad = join(dir, 'bad.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, 'pairs:\n  - { from: harbin, to: atlantis }\n');
    const b = await runCli(['scenario', 'diff', 'current', 'current', '--pairs', bad]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/bad\.yaml: pairs\[0\]\.to: unknown place "atlantis"/);
  });
});

describe('amur assign and amur demand derive', () => {
  it('derives the Heilongjiang–Russia demand and assigns it, conserving totals (--json shape)', async () => {
    const out = join(dir, 'hl.yaml');
    const env = { AMUR_DB: join(dir, 'amur.duckdb') };
    const d = await runCli(
      ['demand', 'derive', '--spec', 'data/demand/heilongjiang-russia.yaml', '--year', '2018', '--out', out],
      { env },
    );
    expect(d.code, d.stderr).toBe(0);
    const table = parse(readFileSync(out, 'utf8'));
    const demand = table.rows.reduce((s: number, r: { tonnesPerYear: number }) => s + r.tonnesPerYear, 0);
    const a = await runCli(['assign', out, '--method', 'fw', '--iterations', '3', '--json']);
    expect(a.code, a.stderr).toBe(0);
    const r = JSON.parse(a.stdout);
    expect(Object.keys(r.totals)).toEqual(expect.arrayContaining(['demand', 'assigned', 'unassigned']));
    expect(r.totals.demand).toBeCloseTo(demand, 3);
    expect(r.totals.assigned + r.totals.unassigned).toBeCloseTo(r.totals.demand, 3);
    expect(r.crossings[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), load: expect.any(Number) }),
    );
    expect(r.crossings[0]).toHaveProperty('capacity');
    expect(r.crossings[0]).toHaveProperty('utilisation');
    expect(r.iterations).toHaveLength(3);
    expect(Array.isArray(r.links)).toBe(true);
    // the crude oil goes through the Mohe–Daqing pipeline crossing
    expect(r.crossings.map((c: { id: string }) => c.id)).toContain('mohe-daqing-oil-pipeline');
  });
});
