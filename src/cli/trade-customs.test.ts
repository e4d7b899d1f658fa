import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amur-cli-customs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { AMUR_DB: join(dir, 'amur.duckdb') };
const fixture = (name: string) => `src/trade/importers/fixtures/${name}`;

describe('amur trade import of customs exports (format detected from the header)', () => {
  it('imports a GACC export (GB18030) with --flow and an FCS file, then queries them by region names', async () => {
    const noFlow = await runCli(['trade', 'import', fixture('gacc-exports-by-province-2022.csv')], { env });
    expect(noFlow.code).toBe(2);
    expect(noFlow.stderr).toContain('give the flow (amur trade import --format gacc --flow import|export)');
    const g = await runCli(
      ['trade', 'import', fixture('gacc-exports-by-province-2022.csv'), '--flow', 'export', '--json'],
      {
        env,
      },
    );
    expect(g.code, g.stderr).toBe(0);
    expect(JSON.parse(g.stdout)).toMatchObject({ importer: 'gacc-query', rows: 6 });
    const f = await runCli(['trade', 'import', fixture('fcs-regional-2023-01.csv'), '--json'], { env });
    expect(f.code, f.stderr).toBe(0);
    expect(JSON.parse(f.stdout)).toMatchObject({ importer: 'fcs-regional', rows: 10 });

    const hl = await runCli(
      [
        'trade',
        'query',
        '--reporter',
        '黑龙江',
        '--partner',
        'RUS',
        '--source',
        'gacc-exports-by-province-2022',
        '--json',
      ],
      {
        env,
      },
    );
    expect(JSON.parse(hl.stdout).map((r: { commodity_code: string }) => r.commodity_code)).toEqual([
      '12019010',
      '12019010',
      '84295211',
      '12019010',
    ]);
    const amur = await runCli(['trade', 'query', '--reporter', 'Амурская область', '--json'], { env });
    expect(JSON.parse(amur.stdout)).toHaveLength(3);
    const bad = await runCli(
      ['trade', 'import', fixture('gacc-national-usd-2023-01.csv'), '--flow', 'sideways'],
      { env },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--flow "sideways": expected import or export');
  });
});
