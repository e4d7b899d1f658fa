/**
 * End-to-end: the `amur` binary as a user runs it (`node bin/amur.js …`, a
 * child process) on the compiled build in dist/ — the build is brought up
 * to date first (scripts/build.js, as `npm install` does) when the sources
 * changed since. Every other CLI test runs in-process (test/cli.ts runCli);
 * these few check what only a real process shows: the build and its stamp,
 * worker threads and copied files (SQL migrations) from dist/, exit codes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIsFresh } from '../bin/build-stamp.js';
import { buildSources } from '../scripts/build.js';
import { COMMANDS } from '../src/cli/main.ts';
import { RouteResult } from '../src/routing/schema.ts';
import { spawnCli } from './cli.ts';

describe('amur, compiled, in a child process', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'amur-e2e-'));
    if (!buildIsFresh()) await buildSources();
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  // the build even if another edit in this checkout makes it stale meanwhile
  // the test run's cache directory (vitest.config.ts), so that the first route finds what other files cached
  const env = () => ({
    AMUR_DEBUG: '1',
    AMUR_CACHE_DIR: process.env.AMUR_CACHE_DIR ?? join(tmp, 'cache'),
    AMUR_RUN_FROM: 'dist',
  });

  it('--help lists every command; the binary picks the build when it is up to date', async () => {
    const r = await spawnCli(['--help'], { env: { ...env(), AMUR_RUN_FROM: undefined } });
    expect(r.code, r.stderr).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.name} `);
    // a source edited while this ran (a shared development checkout) makes the sources the right choice
    if (buildIsFresh()) expect(r.stderr).toBe('amur: running the build in dist/\n');
    else
      expect(r.stderr).toMatch(
        /^amur: running (the build in dist\/|the sources through tsx \(dist\/ is missing or older than src\/\))\n$/,
      );
  });

  it('route: the fixed JSON shape, twice (the second from the atlas cache)', async () => {
    const args = ['route', 'Благовещенск', 'Harbin', '--date', '2023-04-20', '--cargo', 'feu', '--json'];
    const runs = [await spawnCli(args, { env: env() }), await spawnCli(args, { env: env() })];
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      const out = RouteResult.parse(JSON.parse(r.stdout));
      expect(out.query).toMatchObject({ from: 'blagoveshchensk', to: 'harbin', cargo: 'feu' });
      expect(out.itineraries[0].crossings[0].id).toBe('heihe-blagoveshchensk');
    }
    const answer = (stdout: string) => ({ ...JSON.parse(stdout), stats: undefined });
    expect(answer(runs[1].stdout)).toEqual(answer(runs[0].stdout));
  });

  it('matrix on two worker threads started from dist/', async () => {
    const r = await spawnCli(
      [
        'matrix',
        '--from',
        'Harbin,Heihe',
        '--to',
        'Vladivostok',
        '--date',
        '2023-06-01',
        '--workers',
        '2',
        '--csv',
      ],
      { env: env() },
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('from \\ to,vladivostok');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['harbin', 'heihe']);
  });

  it('trade sources on a new store: migrations and seed tables from the build', async () => {
    const r = await spawnCli(['trade', 'sources', '--json'], {
      env: { ...env(), AMUR_DB: join(tmp, 'e2e.duckdb') },
    });
    expect(r.code, r.stderr).toBe(0);
    const sources = JSON.parse(r.stdout) as { id: string }[];
    expect(sources.map((s) => s.id)).toContain('heilongjiang-russia-2008-2018');
  });

  it('an unknown place: one line on stderr naming it, exit 2', async () => {
    const r = await spawnCli(['route', 'Harbin', 'Qwxzville', '--date', '2023-04-20'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^amur: running the build in dist\/\namur: TO: unknown place "Qwxzville"/);
  });
});
