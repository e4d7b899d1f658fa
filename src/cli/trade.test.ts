import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amur-cli-trade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { AMUR_DB: join(dir, 'amur.duckdb') };
const fixture = (name: string) => `src/trade/importers/fixtures/${name}`;

describe('amur trade', () => {
  it('imports, lists sources, queries and exports', async () => {
    const imp = await runCli(['trade', 'import', fixture('comtrade-v1-traps.csv'), '--json'], { env });
    expect(imp.code, imp.stderr).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({
      sourceId: 'comtrade-v1-traps',
      rows: 5,
      alreadyImported: false,
    });

    const again = await runCli(['trade', 'import', fixture('comtrade-v1-traps.csv')], { env });
    expect(again.stdout).toContain('already imported as "comtrade-v1-traps"');

    const sources = await runCli(['trade', 'sources', '--json'], { env });
    const list = JSON.parse(sources.stdout) as { id: string; title: string; rows: number }[];
    expect(list).toContainEqual({ id: 'comtrade-v1-traps', title: 'UN Comtrade data (v1 CSV)', rows: 5 });
    for (const s of list) expect(Object.keys(s)).toEqual(['id', 'title', 'rows']);

    const query = await runCli(['trade', 'query', '--reporter', 'Italy', '--json'], { env });
    expect(JSON.parse(query.stdout)).toMatchObject([
      { reporter_code: 'ITA', partner_code: 'CT-899', value_usd: 42 },
    ]);

    const out = join(dir, 'chn.csv');
    const exp = await runCli(['trade', 'export', '--reporter', 'CHN', '--out', out, '--json'], { env });
    expect(JSON.parse(exp.stdout)).toEqual({ out, format: 'csv', rows: 3 });
  });

  it('reports a bad row as file:line:column and exits 2', async () => {
    const db = { AMUR_DB: join(dir, 'bad.duckdb') };
    const r = await runCli(['trade', 'import', fixture('comtrade-v1-bad.csv')], { env: db });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `amur: ${fixture('comtrade-v1-bad.csv')}:3:refYear: "20l8": not a year (a year between 1900 and 2100)`,
    );
  });

  it('rejects unknown regions and bad flags with the valid values', async () => {
    const r = await runCli(['trade', 'query', '--reporter', 'Atlantis'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--reporter "Atlantis": unknown region');
    const f = await runCli(['trade', 'export', '--out', join(dir, 'x.txt')], { env });
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('expected csv, xlsx, json or parquet');
  });

  it('names a bad query flag (and the item of a list), what was given and what is valid', async () => {
    const flow = await runCli(['trade', 'query', '--flow', 'export,exprt'], { env });
    expect(flow.code).toBe(2);
    expect(flow.stderr.trim()).toBe(
      'amur: --flow item 2: invalid value "exprt" (valid: "export", "import", "total", "re-export", "re-import")',
    );
    const year = await runCli(['trade', 'export', '--out', join(dir, 'y.csv'), '--year', '20x'], { env });
    expect(year.code).toBe(2);
    expect(year.stderr.trim()).toBe(
      'amur: --year: "20x" is not valid (expected a year like 2016 or a range like 2010-2015)',
    );
  });
});
