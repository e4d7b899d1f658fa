/**
 * `amur route --scenario` and `amur matrix --scenario`: the same query on the
 * current atlas and on the shipped `before-bridges` scenario differs where the
 * Heihe – Blagoveshchensk road bridge (opened 2022-06-10) matters; an unknown
 * scenario is a one-line error (exit 2) naming the flag.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import type { MatrixResult, RouteResult } from '../routing/schema.ts';

const q = ['heihe', 'blagoveshchensk', '--date', '2024-05-01', '--optimize', 'time', '--json'];
const crossings = (r: RouteResult) => r.itineraries[0]?.crossings.map((c) => `${c.id}/${c.service}`) ?? [];

describe('amur route / matrix --scenario', () => {
  it('plans on the scenario, and refuses an unknown one', async () => {
    const now = await runCli(['route', ...q]);
    const before = await runCli(['route', ...q, '--scenario', 'before-bridges']);
    expect(now.code, now.stderr).toBe(0);
    expect(before.code, before.stderr).toBe(0);
    expect(crossings(JSON.parse(now.stdout))).toContain('heihe-blagoveshchensk/road-bridge');
    expect(crossings(JSON.parse(before.stdout))).not.toContain('heihe-blagoveshchensk/road-bridge');
    const bad = await runCli(['route', ...q, '--scenario', 'atlantis']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--scenario/);
  }, 120_000);

  it('computes a matrix on the scenario', async () => {
    const args = ['matrix', '--from', 'heihe', '--to', 'blagoveshchensk', '--date', '2024-05-01', '--json'];
    const now = await runCli(args);
    const before = await runCli([...args, '--scenario', 'before-bridges']);
    expect(now.code, now.stderr).toBe(0);
    expect(before.code, before.stderr).toBe(0);
    const v = (s: string) => (JSON.parse(s) as MatrixResult).values[0][0];
    expect(v(now.stdout)).not.toBeNull();
    expect(v(before.stdout) ?? Number.POSITIVE_INFINITY).toBeGreaterThan(v(now.stdout) as number);
  }, 120_000);
});
