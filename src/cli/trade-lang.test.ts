import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

  it('indicator --list --lang zh|ru says the unit, the data needed and the options in that language', async () => {
    const en = await runCli(['trade', 'indicator', '--list'], { env });
    expect(en.code, en.stderr).toBe(0);
    // English as before
    expect(en.stdout).toContain(
      '  unit: %; needs: the same flow in two consecutive years (or months) from one source\n',
    );
    // every English sentence after "needs: ", and the labels
    const needs = [...en.stdout.matchAll(/; needs: (.+)$/gm)].map((m) => m[1]);
    expect(needs.length).toBeGreaterThan(10);
    for (const lang of ['zh', 'ru']) {
      const r = await runCli(['trade', 'indicator', '--list', '--lang', lang], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n').length).toBe(en.stdout.split('\n').length);
      for (const n of needs) expect(r.stdout, lang).not.toContain(n);
      expect(r.stdout).not.toMatch(/\b(unit|needs|options): /);
    }
    const zh = await runCli(['trade', 'indicator', '--list', '--lang', 'zh'], { env });
    expect(zh.stdout).toContain('  单位：%；所需数据：同一来源中同一流量连续两年（或连续两个月）的数据\n');
    expect(zh.stdout).toContain('  参数：--reporter --partner --flow');
    const ru = await runCli(['trade', 'indicator', '--list', '--lang', 'ru', '--json'], { env });
    const growth = (JSON.parse(ru.stdout) as { name: string; needs: string; texts: { needs: string } }[])[0];
    expect(growth.needs).toBe(needs[0]);
    expect(growth.texts.needs).toBe(
      'один и тот же поток за два года (или месяца) подряд из одного источника',
    );
  });

  it('audit --out --lang zh|ru writes the annotated copy’s notes and added column in that language', async () => {
    const args = ['trade', 'audit', 'heihe-top-imports-2016'];
    const read = async (lang?: string) => {
      const out = join(dir, `annotated-${lang ?? 'en'}.csv`);
      const r = await runCli([...args, '--out', out, ...(lang ? ['--lang', lang] : [])], { env });
      expect(r.code, r.stderr).toBe(0);
      return { stdout: r.stdout, csv: readFileSync(out, 'utf8') };
    };
    const en = await read();
    expect(en.csv.split('\n')[0]).toBe('rank,product,value,yoy_pct,ratio_pct,audit');
    expect(en.stdout).toContain('annotated copy: ');
    // the English sentences of the notes ("E share ratio_pct: printed 6%, …")
    const sentences = en.csv
      .split('\n')
      .flatMap((l) =>
        [...l.matchAll(/[EWI] [a-z-]+(?: [\w-]+)?(?: \([^)]*\))?: ([^|"]+)/g)].map((m) => m[1].trim()),
      );
    expect(sentences.length).toBeGreaterThan(3);
    for (const lang of ['zh', 'ru']) {
      const { stdout, csv } = await read(lang);
      expect(csv.split('\n').length).toBe(en.csv.split('\n').length);
      for (const s of sentences) expect(csv, lang).not.toContain(s);
      expect(csv).not.toContain('(whole table)');
      expect(csv.split('\n')[0]).not.toMatch(/,audit$/);
      expect(stdout).not.toContain('annotated copy');
      // no English word in the notes: ids in brackets, column names and codes are as written
      const notes = csv
        .split('\n')
        .slice(1)
        .map((l) => l.replace(/^[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,/, ''))
        .join('\n');
      const words = notes
        .replace(/\[[^\]]*\]/g, '')
        .replace(/[A-Za-z0-9]+(?:[_:-][A-Za-z0-9]+)+/g, '')
        .replace(/\bvalue\b/g, '')
        .match(/[A-Za-z]{3,}/g);
      expect(words, lang).toBeNull();
    }
    const ru = await read('ru');
    expect(ru.csv.split('\n')[0]).toBe('rank,product,value,yoy_pct,ratio_pct,результаты проверки');
    expect(ru.csv).toMatch(/"ошибка \(доля, ratio_pct\): напечатано 6%/);
    expect(ru.stdout).toContain('копия с пометками аудита: ');
  });

  it('chart --lang zh|ru says the file it wrote in that language; English as before', async () => {
    const out = join(dir, 'chart.svg');
    const args = ['trade', 'chart', 'line', '--source', 'heilongjiang-russia-2008-2018', '--out', out];
    const en = await runCli(args, { env });
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toBe(`wrote ${out} (svg)\n`);
    const ru = await runCli([...args, '--lang', 'ru'], { env });
    expect(ru.stdout).toBe(`записан файл ${out} (svg)\n`);
    const zh = await runCli([...args, '--lang', 'zh'], { env });
    expect(zh.stdout).toBe(`已写出 ${out}（svg）\n`);
  });
});
