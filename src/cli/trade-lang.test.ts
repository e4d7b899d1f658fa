import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amur-cli-lang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { AMUR_DB: join(dir, 'amur.duckdb') };

describe('amur trade audit|indicator --lang', () => {
  it('audit --lang zh|ru prints the findings in that language; without it, English as before', async () => {
    const en = await runCli(['trade', 'audit', 'heilongjiang-russia-2008-2018'], { env });
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toMatch(/the unit "million US dollars" fails \d+ of the \d+ comparisons/);
    const zh = await runCli(['trade', 'audit', 'heilongjiang-russia-2008-2018', '--lang', 'zh'], { env });
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toMatch(/单位“百万美元”使依赖它的 \d+ 项/);
    expect(zh.stdout).toContain('印刷为 ');
    // the same findings, line for line
    expect(zh.stdout.split('\n').length).toBe(en.stdout.split('\n').length);
    const ru = await runCli(['trade', 'audit', 'heilongjiang-russia-2008-2018', '--lang', 'ru'], { env });
    expect(ru.stdout).toContain('напечатано ');
    const bad = await runCli(['trade', 'audit', 'heilongjiang-russia-2008-2018', '--lang', 'de'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang "de": expected en, zh or ru');
  });

  it('audit --lang ru says its evidence in Russian too: no English but ids, codes, numbers and citations', async () => {
    const args = ['trade', 'audit', 'heilongjiang-russia-2008-2018'];
    const ru = await runCli([...args, '--lang', 'ru'], { env });
    expect(ru.code, ru.stderr).toBe(0);
    const json = await runCli([...args, '--json'], { env });
    // the citations (authors) the findings carry are proper names
    const cites = new Set<string>();
    const walk = (v: unknown, key = ''): void => {
      if (key === 'cite' && typeof v === 'string') cites.add(v);
      else if (Array.isArray(v)) for (const x of v) walk(x);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(JSON.parse(json.stdout));
    expect(cites.size).toBeGreaterThan(0);
    const english = ru.stdout.split('\n').flatMap((line) => {
      // severity and kind are codes; a fact id in brackets, columns and ids (snake_case, kebab-case) are as written
      let rest = line.replace(/^\s*(error|warning|info)\s+\S+\s+/, '').replace(/^\s*- /, '');
      for (const c of cites) rest = rest.split(c).join('');
      rest = rest.replace(/\[[^\]]*\]/g, '').replace(/[A-Za-z0-9]+(?:[_:-][A-Za-z0-9]+)+/g, '');
      return rest.match(/[A-Za-z]{3,}/g) ?? [];
    });
    expect(english).toEqual([]);
    // the scale finding's details are said under it, in Russian
    expect(ru.stdout).toMatch(
      /\n {10}- 2008 share_of_province_trade_pct: напечатано 48\.3%, но 110\.6 \(миллионы\)/,
    );
    expect(ru.stdout).toContain('торговля (Хэйлунцзян — Россия, 2016 г.)');
  });

  it('indicator --lang ru names and defines the indicator in Russian', async () => {
    const r = await runCli(
      ['trade', 'indicator', 'balance', '--reporter', 'CN-HL', '--partner', 'RUS', '--lang', 'ru'],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Торговый баланс: B = X − M (долл. США)');
    const list = await runCli(['trade', 'indicator', '--list', '--lang', 'zh'], { env });
    expect(list.stdout).toContain('rca — 显示性比较优势（巴拉萨指数）');
    expect(list.stdout).toContain('RCA_ik = (x_ik / X_i) / (w_k / W)');
  });

  it('indicator --lang zh|ru says its unit label and notes in that language, from the notes’ codes', async () => {
    const args = ['trade', 'indicator', 'average-growth', '--source', 'heilongjiang-russia-2008-2018'];
    const en = await runCli(args, { env });
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toContain(
      'note: the least-squares rate uses every year selected; CAGR only the first and the last',
    );
    const zh = await runCli([...args, '--lang', 'zh'], { env });
    expect(zh.stdout).toContain('说明: 最小二乘增长率使用所选的每一年；CAGR 只用首末两年');
    expect(zh.stdout).toContain('单位: 每年 %');
    const ru = await runCli([...args, '--lang', 'ru'], { env });
    expect(ru.stdout).toContain(
      'примечание: темп по МНК использует все выбранные годы; CAGR — только первый и последний',
    );
    // as many notes in every language
    const notes = (out: string) => out.split('\n').filter((l) => /^(note|说明|примечание): /.test(l)).length;
    expect(notes(zh.stdout)).toBe(notes(en.stdout));
    expect(notes(ru.stdout)).toBe(notes(en.stdout));
  });
});
