import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../../test/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amur-cli-analysis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { AMUR_DB: join(dir, 'amur.duckdb') };

describe('amur trade indicator|audit|chart on the seed tables', () => {
  it('a new store has the seed tables', async () => {
    const { code, json } = await runCliJson<{ id: string; title: string; rows: number }[]>(
      ['trade', 'sources', '--json'],
      { env },
    );
    expect(code).toBe(0);
    expect(json.map((s) => s.id).sort()).toEqual([
      'heihe-foreign-trade-2011-2015',
      'heihe-top-exports-2016',
      'heihe-top-imports-2016',
      'heilongjiang-russia-2008-2018',
    ]);
  });

  it('indicator text: money columns written alike, thousands grouped whether the value came out whole or not', async () => {
    const { code, stdout } = await runCli(
      ['trade', 'indicator', 'growth', '--source', 'heilongjiang-russia-2008-2018', '--flow', 'export'],
      { env },
    );
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((l) => /^heilongjiang-russia/.test(l));
    expect(rows.length).toBeGreaterThan(5);
    // 2009: 3.27 bn (a float that is not whole) beside 7.97 bn (one that is)
    expect(rows.find((l) => /\b2009\b/.test(l))).toMatch(/3,270,000,000\s+7,970,000,000/);
    for (const l of rows) expect(l).not.toMatch(/\d{7,}/);
  });

  it('indicator: growth of Heilongjiang–Russia trade in 2011, 189.9 / 74.7 − 1 = 154.2%', async () => {
    const { code, json } = await runCliJson<{
      indicator: string;
      unit: string;
      rows: { growth_pct: number }[];
    }>(
      [
        'trade',
        'indicator',
        'growth',
        '--reporter',
        'CN-HL',
        '--partner',
        'Russia',
        '--flow',
        'total',
        '--year',
        '2011',
        '--json',
      ],
      { env },
    );
    expect(code).toBe(0);
    expect(json.indicator).toBe('growth');
    expect(json.rows[0].growth_pct).toBeCloseTo((189.9 / 74.7 - 1) * 100, 8);
    const csv = await runCli(['trade', 'indicator', 'unit-value', '--reporter', 'CN-HL-HEIHE', '--csv'], {
      env,
    });
    expect(csv.stdout.split('\n')[0]).toContain('usd_per_unit');
    expect(csv.stdout).toContain('electricity-product');
  });

  it('indicator --list, and a refusal with what is missing', async () => {
    const list = await runCli(['trade', 'indicator', '--list'], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('rca — Revealed comparative advantage');
    const rca = await runCli(['trade', 'indicator', 'rca', '--reporter', 'CN-HL'], { env });
    expect(rca.code).toBe(2);
    expect(rca.stderr).toMatch(/^amur: this indicator needs flows by product/);
  });

  it('audit --json prints { source, findings } and --out writes an annotated copy', async () => {
    const out = join(dir, 'heihe.xlsx');
    const { code, json } = await runCliJson<{
      source: string;
      findings: {
        severity: string;
        kind: string;
        row: string | null;
        column: string | null;
        printed: string | null;
        expected: unknown;
        message: string;
      }[];
    }>(['trade', 'audit', 'heihe-foreign-trade-2011-2015', '--json', '--out', out], { env });
    expect(code).toBe(0);
    expect(json.source).toBe('heihe-foreign-trade-2011-2015');
    expect(json.findings[0]).toMatchObject({
      severity: 'error',
      kind: 'growth',
      row: '2012',
      column: 'total_growth_pct',
      printed: '159',
    });
    for (const f of json.findings)
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['severity', 'kind', 'row', 'column', 'printed', 'expected', 'message']),
      );
    expect(existsSync(out)).toBe(true);
    const text = await runCli(['trade', 'audit', 'heilongjiang-russia-2008-2018'], { env });
    expect(text.stdout).toMatch(
      /^error\s+scale\s+\(table\) \/ total_volume, export_volume, import_volume: the unit "million US dollars"/m,
    );
    const bad = await runCli(['trade', 'audit', 'nope'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no source "nope" in the store');
  });

  it('chart: SVG and PNG files, Chinese titles', async () => {
    const svg = join(dir, 'hlj.svg');
    const r = await runCli(['trade', 'chart', 'line', '--reporter', 'CN-HL', '--lang', 'zh', '--out', svg], {
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(svg, 'utf8')).toContain('黑龙江省与俄罗斯的贸易');
    const png = join(dir, 'heihe.png');
    const p = await runCli(
      ['trade', 'chart', 'sankey', '--reporter', 'CN-HL-HEIHE', '--lang', 'ru', '--out', png],
      { env },
    );
    expect(p.code, p.stderr).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    const bad = await runCli(['trade', 'chart', 'pie', '--out', svg], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a chart kind (line, bar, area, treemap, sankey)');
  });
});
