import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amur-cli-mirror-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { AMUR_DB: join(dir, 'amur.duckdb') };
const fixture = (name: string) => `src/trade/fetch/comtrade/fixtures/${name}`;

beforeAll(async () => {
  for (const f of ['chn-rus-total-2019-2023.json', 'rus-chn-total-2019-2021.json']) {
    const r = await runCli(['trade', 'import', fixture(f)], { env });
    expect(r.code, r.stderr).toBe(0);
  }
});

describe('amur trade query|indicator --fill-mirror', () => {
  it('query: fills Russia 2022–2023 from China, flags each row and says how much is mirror data', async () => {
    const own = await runCli(['trade', 'query', '--reporter', 'RUS', '--partner', 'CHN', '--json'], { env });
    expect(JSON.parse(own.stdout)).toHaveLength(6);
    const r = await runCli(
      ['trade', 'query', '--reporter', 'RUS', '--partner', 'CHN', '--fill-mirror', '--json'],
      {
        env,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { year: number; flow: string; fill: string; reported_by: string }[];
    expect(rows.map((x) => `${x.year} ${x.flow} ${x.fill}`).sort()).toEqual([
      '2019 export reported',
      '2019 import reported',
      '2020 export reported',
      '2020 import reported',
      '2021 export reported',
      '2021 import reported',
      '2022 export mirror',
      '2022 import mirror',
      '2023 export mirror',
      '2023 import mirror',
    ]);
    expect(r.stderr).toMatch(
      /--fill-mirror: 4 of 10 rows \(40\.0%; [\d.]+% of the US\$ value\) are mirror data/,
    );
    const csv = await runCli(['trade', 'query', '--reporter', 'RUS', '--fill-mirror', '--csv'], { env });
    expect(csv.stdout.split('\n')[0]).toMatch(/,fill$/);
  });

  it('indicator: runs on the filled series and lists the filled cells in its notes', async () => {
    const r = await runCli(
      ['trade', 'indicator', 'balance', '--reporter', 'RUS', '--partner', 'CHN', '--fill-mirror', '--json'],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      rows: { year: number }[];
      notes: { code: string; params: Record<string, unknown>; message: string }[];
    };
    expect(out.rows.map((x) => x.year).sort()).toEqual([2019, 2020, 2021, 2022, 2023]);
    const notes = out.notes.map((n) => n.message).join('\n');
    expect(notes).toMatch(/--fill-mirror: 4 of 10 rows/);
    expect(notes).toContain('RUS→CHN export 2022 TOTAL (from chn-rus-total-2019-2023)');
    expect(out.notes.map((n) => n.code)).toEqual(['fill.summary', 'fill.cells']);
    // in Chinese, from the notes' codes
    const zh = await runCli(
      [
        'trade',
        'indicator',
        'balance',
        '--reporter',
        'RUS',
        '--partner',
        'CHN',
        '--fill-mirror',
        '--lang',
        'zh',
      ],
      { env },
    );
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('说明: ');
    expect(zh.stdout).toMatch(/10 行中有 4 行/);
  });

  it('chart: mirror values drawn hollow and dashed, the subtitle counts them, in the chart language', async () => {
    const out = join(dir, 'rus.svg');
    const chart = (...more: string[]) =>
      runCli(
        ['trade', 'chart', 'line', '--reporter', 'RUS', '--partner', 'CHN', '--out', out, '--json', ...more],
        {
          env,
        },
      );
    const r = await chart('--fill-mirror');
    expect(r.code, r.stderr).toBe(0);
    const option = JSON.parse(r.stdout).option as {
      title: { subtext: string };
      legend: { data: string[] };
      series: {
        name: string;
        data: (number | null | { value: number; symbol: string })[];
        lineStyle: { type?: string };
      }[];
    };
    // one line per flow, 2019–2023: the reporter's own 2019–2021 solid, 2022–2023 (China's reports) on a dashed overlay
    expect(option.legend.data).toEqual(['Exports', 'Imports']);
    expect(option.series.map((s) => `${s.name} ${s.lineStyle.type ?? 'solid'}`)).toEqual([
      'Exports solid',
      'Exports · mirror dashed',
      'Imports solid',
      'Imports · mirror dashed',
    ]);
    const [own, overlay] = option.series;
    expect(own.data.map((v) => v === null)).toEqual([false, false, false, true, true]);
    expect(overlay.data.map((v) => (v === null ? null : typeof v === 'object' ? v.symbol : v))).toEqual([
      null,
      null,
      'none',
      'emptyCircle',
      'emptyCircle',
    ]);
    expect(option.title.subtext).toContain(
      "4 of 10 values (hollow markers, dashed lines) are partners' mirror reports, CIF/FOB factor 1.06 (IMF DOTS)",
    );
    const svg = readFileSync(out, 'utf8');
    expect(svg).toContain('stroke-dasharray');
    const zh = await chart('--fill-mirror', '--lang', 'zh');
    expect(JSON.parse(zh.stdout).option.title.subtext).toContain(
      '10 个数值中有 4 个（空心标记、虚线）为贸易伙伴的镜像报告，CIF/FOB 系数 1.06（国际货币基金组织《贸易方向统计》）',
    );
    const ru = await chart('--fill-mirror', '--lang', 'ru', '--cif-fob', '1.1');
    expect(JSON.parse(ru.stdout).option.title.subtext).toContain(
      '4 из 10 значений (полые маркеры, пунктир) — зеркальные данные партнёров, коэффициент CIF/FOB 1,1 (коэффициент задан пользователем)',
    );
    const plain = await chart();
    const p = JSON.parse(plain.stdout).option as { title: { subtext?: string }; series: unknown[] };
    expect(p.title.subtext ?? '').not.toContain('mirror');
    expect(p.series).toHaveLength(2);
    expect(readFileSync(out, 'utf8')).not.toContain('stroke-dasharray');
  });

  it('export: the filled series written with its flag column beside reported_by (CSV, JSON)', async () => {
    const csvOut = join(dir, 'rus.csv');
    const r = await runCli(
      [
        'trade',
        'export',
        '--reporter',
        'RUS',
        '--partner',
        'CHN',
        '--fill-mirror',
        '--out',
        csvOut,
        '--json',
      ],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 10, fill: { rows: 10, mirrorRows: 4 } });
    expect(r.stderr).toMatch(
      /--fill-mirror: 4 of 10 rows \(40\.0%; [\d.]+% of the US\$ value\) are mirror data/,
    );
    const [head, ...lines] = readFileSync(csvOut, 'utf8').trim().split('\n');
    const cols = head.split(',');
    expect(cols.at(-1)).toBe('fill');
    const at = (line: string, c: string) => line.split(',')[cols.indexOf(c)];
    expect(
      lines.map((l) => `${at(l, 'year')} ${at(l, 'flow')} ${at(l, 'reported_by')} ${at(l, 'fill')}`).sort(),
    ).toEqual([
      '2019 export reporter reported',
      '2019 import reporter reported',
      '2020 export reporter reported',
      '2020 import reporter reported',
      '2021 export reporter reported',
      '2021 import reporter reported',
      '2022 export partner mirror',
      '2022 import partner mirror',
      '2023 export partner mirror',
      '2023 import partner mirror',
    ]);
    const jsonOut = join(dir, 'rus.json');
    const j = await runCli(
      ['trade', 'export', '--reporter', 'RUS', '--partner', 'CHN', '--fill-mirror', '--out', jsonOut],
      { env },
    );
    expect(j.code, j.stderr).toBe(0);
    const rows = JSON.parse(readFileSync(jsonOut, 'utf8')) as { year: number; fill: string }[];
    expect(
      rows
        .filter((x) => x.fill === 'mirror')
        .map((x) => x.year)
        .sort(),
    ).toEqual([2022, 2022, 2023, 2023]);
    // without the flag: the reporter's own rows, no fill column
    const plain = await runCli(
      ['trade', 'export', '--reporter', 'RUS', '--partner', 'CHN', '--out', csvOut],
      { env },
    );
    expect(plain.code, plain.stderr).toBe(0);
    const text = readFileSync(csvOut, 'utf8').trim().split('\n');
    expect(text).toHaveLength(7);
    expect(text[0].split(',')).not.toContain('fill');
    const stray = await runCli(
      ['trade', 'export', '--reporter', 'RUS', '--cif-fob', '1.1', '--out', csvOut],
      { env },
    );
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('--cif-fob applies only with --fill-mirror');
  });

  it('audit: counts the checks that compare with mirror data and marks the findings they change', async () => {
    const db = { AMUR_DB: join(dir, 'audit.duckdb') };
    const imp = await runCli(['trade', 'import', fixture('rus-chn-total-2008-2018.json')], { env: db });
    expect(imp.code, imp.stderr).toBe(0);
    const plain = await runCli(['trade', 'audit', 'heilongjiang-russia-2008-2018', '--json'], { env: db });
    expect(plain.code, plain.stderr).toBe(0);
    const p = JSON.parse(plain.stdout) as { summary: { checks: number }; mirror?: unknown };
    expect(p.mirror).toBeUndefined();
    const r = await runCli(['trade', 'audit', 'heilongjiang-russia-2008-2018', '--fill-mirror', '--json'], {
      env: db,
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      summary: { checks: number };
      mirror: { checks: number; findings: number; note: string };
      findings: { message: string; mirror?: boolean }[];
    };
    // China's side of 2008–2018 comes from Russia's report: the comparisons with China–Russia totals become possible
    expect(out.mirror.checks).toBeGreaterThan(0);
    expect(out.summary.checks).toBe(p.summary.checks + out.mirror.checks);
    expect(out.mirror.note).toMatch(
      /^--fill-mirror: \d+ of \d+ checks compare with mirror data \(partners' reports, CIF\/FOB 1.06, IMF DOTS\)/,
    );
    expect(out.findings.filter((f) => f.mirror).length).toBe(out.mirror.findings);
    for (const f of out.findings.filter((x) => x.mirror)) expect(f.message).toMatch(/^\[mirror data\] /);
    // in zh and ru: the line and the marks in that language, as many marks as flagged findings
    const args = ['trade', 'audit', 'heilongjiang-russia-2008-2018', '--fill-mirror'];
    const en = await runCli(args, { env: db });
    expect(en.stdout.split('\n')[1]).toBe(out.mirror.note);
    for (const [lang, line, mark] of [
      [
        'zh',
        /^--fill-mirror：\d+ 项核验中有 \d+ 项与镜像数据（贸易伙伴的报告，CIF\/FOB 系数 1.06，IMF DOTS）比较/,
        '［镜像数据］',
      ],
      [
        'ru',
        /^--fill-mirror: \d+ из \d+ проверок сравнивают с зеркальными данными \(отчётами партнёров, коэффициент CIF\/FOB 1.06, IMF DOTS\)/,
        '[зеркальные данные]',
      ],
    ] as const) {
      const said = await runCli([...args, '--lang', lang], { env: db });
      expect(said.code, said.stderr).toBe(0);
      expect(said.stdout.split('\n')[1]).toMatch(line);
      expect(said.stdout).not.toContain('mirror data');
      expect(said.stdout).not.toContain('new or different');
      expect(said.stdout.split(mark).length - 1).toBe(out.mirror.findings + 1);
    }
  });

  it('refuses --cif-fob without --fill-mirror and the mirror indicator with it', async () => {
    const a = await runCli(['trade', 'query', '--reporter', 'RUS', '--cif-fob', '1.1'], { env });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--cif-fob applies only with --fill-mirror');
    const b = await runCli(['trade', 'indicator', 'mirror', '--reporter', 'RUS', '--fill-mirror'], { env });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--fill-mirror does not apply to the mirror indicator');
  });
});
