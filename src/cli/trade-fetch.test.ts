import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { type ReplayServer, startReplayServer } from '../trade/fetch/comtrade/fixtures/replay-server.ts';

const KEY = 'cli-t3st-key-never-printed';
const EXAMPLE = [
  'trade',
  'fetch',
  'comtrade',
  '--reporter',
  'CHN',
  '--partner',
  'RUS',
  '--period',
  '2019-2024',
  '--hs',
  '2',
];

let server: ReplayServer;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startReplayServer({ key: KEY });
  dir = mkdtempSync(join(tmpdir(), 'amur-cli-fetch-'));
  env = {
    AMUR_DB: join(dir, 'amur.duckdb'),
    AMUR_CACHE_DIR: join(dir, 'cache'),
    AMUR_COMTRADE_URL: server.url,
    COMTRADE_API_KEY: '',
  };
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('amur trade fetch comtrade', () => {
  it('--dry-run says how many calls it would make and makes none', async () => {
    const r = await runCli([...EXAMPLE, '--dry-run'], { env: { ...env, COMTRADE_API_KEY: KEY } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Comtrade+ free tier');
    expect(r.stdout).toContain('1 call(s) planned, 0 already cached: 1 new call(s) to make');
    expect(r.stdout + r.stderr).not.toContain(KEY);
    expect(server.requests).toHaveLength(0);
  });

  it('fetches the example with a key file, states the plan first, imports, and never prints the key', async () => {
    const keyFile = join(dir, 'key.txt');
    writeFileSync(keyFile, `${KEY}\n`);
    const r = await runCli([...EXAMPLE, '--key-file', keyFile, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split('\n')[1]).toBe(
      '1 call(s) planned, 0 already cached: 1 new call(s) to make (at most 1,164 records estimated)',
    );
    expect(r.stderr).toContain('call 1/1: fetched, 72 records');
    expect(JSON.parse(r.stdout)).toMatchObject({
      sourceId: 'comtrade-chn-rus-2019-2024-ag2',
      rows: 72,
      alreadyImported: false,
      calls: 1,
      cachedCalls: 0,
    });
    expect(r.stdout + r.stderr).not.toContain(KEY);
    expect(server.requests.map((q) => q.key)).toEqual([KEY]);

    const q = await runCli(
      [
        'trade',
        'query',
        '--reporter',
        'CHN',
        '--partner',
        'RUS',
        '--year',
        '2024',
        '--commodity',
        '27',
        '--json',
      ],
      { env },
    );
    expect(q.code, q.stderr).toBe(0);
    expect(JSON.parse(q.stdout).map((f: { flow: string }) => f.flow)).toEqual(['export', 'import']);

    const again = await runCli([...EXAMPLE, '--key-file', keyFile], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('1 call(s) planned, 1 already cached: 0 new call(s) to make');
    expect(again.stdout).toContain('already imported as "comtrade-chn-rus-2019-2024-ag2"');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a refused key without showing it, and bad flags by name', async () => {
    const wrong = `${KEY}-wrong`;
    const r = await runCli([...EXAMPLE, '--period', '2019'], { env: { ...env, COMTRADE_API_KEY: wrong } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refused the subscription key \(HTTP 401/);
    expect(r.stdout + r.stderr).not.toContain(wrong);
    const bad = await runCli(
      ['trade', 'fetch', 'comtrade', '--reporter', 'CHN', '--period', '2019,2019-03', '--dry-run'],
      { env },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('amur: --period "2019,2019-03": mixes years and months');
  });
});
