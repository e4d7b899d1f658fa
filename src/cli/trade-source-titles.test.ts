/**
 * `amur trade chart --lang zh|ru`: the subtitle names the source by its title
 * in that language (the seed tables' `titles`); `amur trade sources --lang`
 * lists the titles in it. English as before.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amur-cli-source-titles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { AMUR_DB: join(dir, 'amur.duckdb') };

describe('amur trade chart --lang: the source by its title in that language', () => {
  it('zh and ru subtitles say the seed table’s translated title, not its id or English title; English its printed title', async () => {
    const out = join(dir, 'chart.svg');
    const args = ['trade', 'chart', 'bar', '--reporter', 'CN-HL-HEIHE', '--out', out, '--json'];
    const subtext = async (...more: string[]) => {
      const r = await runCli([...args, ...more], { env });
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { option: { title: { subtext: string } } }).option.title.subtext;
    };
    expect(await subtext()).toBe(
      'Source: Foreign trade of Heihe during the 12th five-year plan period (2011–2015)',
    );
    const zh = await subtext('--lang', 'zh');
    expect(zh).toBe('资料来源：“十二五”时期黑河市对外贸易（2011—2015年）');
    const ru = await subtext('--lang', 'ru');
    expect(ru).toBe('Источник: Внешняя торговля Хэйхэ в годы 12-й пятилетки (2011–2015 гг.)');
    for (const s of [zh, ru]) {
      expect(s).not.toContain('heihe-foreign-trade');
      expect(s).not.toContain('Foreign trade of Heihe');
    }
  });
});

describe('amur trade chart: two sources under one title', () => {
  it('names both, told apart by their ids', async () => {
    const env2 = { AMUR_DB: join(dir, 'two.duckdb') };
    const map = ['reporter', 'partner', 'flow', 'year', 'value'].flatMap((f) => ['--map', `${f}=${f}`]);
    for (const [id, flow] of [
      ['a', 'export'],
      ['b', 'import'],
    ]) {
      const file = join(dir, `${id}.csv`);
      writeFileSync(
        file,
        `reporter,partner,flow,year,value\nCN-HL,RUS,${flow},2015,100\nCN-HL,RUS,${flow},2016,120\n`,
      );
      const r = await runCli(['trade', 'import', file, ...map, '--title', 'Customs bulletin'], { env: env2 });
      expect(r.code, r.stderr).toBe(0);
    }
    const r = await runCli(
      ['trade', 'chart', 'line', '--source', 'a,b', '--out', join(dir, 'two.svg'), '--json'],
      { env: env2 },
    );
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { option: { title: { subtext: string } } }).option.title.subtext).toBe(
      'Source: Customs bulletin (a); Customs bulletin (b)',
    );
  });
});

describe('amur trade sources --lang', () => {
  it('lists the titles in that language, the printed one beside them with --json; English as before', async () => {
    type Listed = { id: string; title: string; titleOriginal?: string; rows: number };
    const list = async (...more: string[]) => {
      const r = await runCli(['trade', 'sources', '--json', ...more], { env });
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as Listed[]).find((x) => x.id === 'heilongjiang-russia-2008-2018')!;
    };
    const en = await list();
    expect(en.title).toBe('Merchandise trade between Russia and Heilongjiang Province, 2008–2018');
    expect(en).not.toHaveProperty('titleOriginal');
    expect(await list('--lang', 'zh')).toMatchObject({
      title: '2008—2018年黑龙江省对俄罗斯货物贸易',
      titleOriginal: en.title,
    });
    const text = await runCli(['trade', 'sources', '--lang', 'ru'], { env });
    expect(text.stdout).toContain('Товарная торговля между Россией и провинцией Хэйлунцзян в 2008–2018 гг.');
    const bad = await runCli(['trade', 'sources', '--lang', 'de'], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("argument 'de' is invalid. Allowed choices are en, zh, ru.");
  });
});
