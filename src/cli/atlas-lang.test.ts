/** `amur atlas summary|list|search --lang zh|ru` on the bundled atlas: no English word of the English tables. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { loadAtlas } from '../atlas/load.ts';
import {
  ATLAS_LINES,
  ATLAS_MODE_NAMES,
  ATLAS_WORDS,
  CORRIDOR_KIND_NAMES,
  PLACE_KIND_NAMES,
  RECORD_KIND_NAMES,
  SOURCE_KIND_NAMES,
  ZONE_KIND_NAMES,
} from '../i18n/atlas-lines.ts';

/** Every English word and code of the tables (what the en output says around ids and names). */
const ENGLISH = new Set(
  [ATLAS_WORDS, ATLAS_LINES, RECORD_KIND_NAMES, ATLAS_MODE_NAMES, PLACE_KIND_NAMES, ZONE_KIND_NAMES]
    .concat([CORRIDOR_KIND_NAMES, SOURCE_KIND_NAMES])
    .flatMap((t) =>
      Object.values(t).flatMap((x) => x.en.replace(/\{\w+\}/g, '').match(/[a-z]+(?:-[a-z]+)*/g) ?? []),
    )
    .filter((w) => w.length >= 3 && w !== 'km'),
);

const atlas = loadAtlas().atlas;
const IDS = new Set(
  [atlas.places, atlas.crossings, atlas.links, atlas.zones, atlas.corridors, atlas.sources].flatMap((rs) =>
    rs.map((r) => r.id),
  ),
);

/** The table words left in an output once ids, URLs and the gazetteer's matched fields are taken out. */
function englishLeft(out: string): string[] {
  const rest = out
    .replace(/https?:\/\/\S+/g, '')
    .replace(/names\.\w+(?: part)? "[^"]*"/g, '')
    .replace(/[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)*/gu, (t) => (IDS.has(t) ? '' : t));
  return (rest.match(/[A-Za-z]+(?:-[A-Za-z]+)*/g) ?? []).filter((w) => ENGLISH.has(w));
}

describe('amur atlas --lang zh|ru', () => {
  const commands = [['summary'], ['list'], ['search', 'Heihe'], ['search', '绥芬河']];
  it.each(commands)('atlas %s: no English word of the en tables in zh or ru', async (...args) => {
    const en = await runCli(['atlas', ...args, '--lang', 'en']);
    expect(en.code, en.stderr).toBe(0);
    // the check can fail: English says them
    expect(englishLeft(en.stdout).length).toBeGreaterThan(3);
    for (const lang of ['zh', 'ru']) {
      const r = await runCli(['atlas', ...args, '--lang', lang]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n').length).toBe(en.stdout.split('\n').length);
      expect(englishLeft(r.stdout), `atlas ${args.join(' ')} --lang ${lang}`).toEqual([]);
    }
  });

  it('says the headers, record kinds and modes (zh and ru); sources keep their own titles', async () => {
    const zh = await runCli(['atlas', 'list', '--kind', 'crossing', '--lang', 'zh']);
    expect(zh.stdout.split('\n')[0]).toMatch(/^类型\s+编号\s+名称\s+说明$/);
    expect(zh.stdout).toMatch(
      /^口岸\s+heihe-blagoveshchensk\s+黑河—布拉戈维申斯克\s+CN–RU heihe ↔ blagoveshchensk; 公路、内河货运、内河客运$/m,
    );
    const ru = await runCli(['atlas', 'list', '--kind', 'source', '--lang', 'ru']);
    expect(ru.stdout.split('\n')[0]).toMatch(/^вид\s+идентификатор\s+название\s+описание$/);
    expect(ru.stdout).toMatch(/^источник\s+\S+\s+.+\s+новости, \d{4}/m);
    expect(ru.stdout.trim().split('\n').at(-1)).toMatch(/^записей: \d+$/);
    const none = await runCli(['atlas', 'search', 'qqqqzzzz', '--lang', 'ru']);
    expect(none.stdout).toBe('по запросу «qqqqzzzz» ничего не найдено\n');
  });

  it('show --lang zh|ru: the lines around the record in the language; the record itself as authored', async () => {
    const labels =
      /^(?:\w+ [\w-]+: |file: |sides: |ends: |crossings here: |links here: |chain:|sources:)|, estimate\)|unknown /m;
    // the lines before the record's YAML (up to the first blank line) and after it (from the next one)
    const around = (out: string) => {
      const lines = out.split('\n');
      const first = lines.indexOf('');
      const next = lines.indexOf('', first + 1);
      return [...lines.slice(0, first), ...(next < 0 ? [] : lines.slice(next))].join('\n');
    };
    for (const id of ['primorye-1', 'heihe', 'heihe-blagoveshchensk', 'harbin-mudanjiang-rail']) {
      const en = await runCli(['atlas', 'show', id]);
      expect(around(en.stdout)).toMatch(labels);
      for (const lang of ['zh', 'ru']) {
        const r = await runCli(['atlas', 'show', id, '--lang', lang]);
        expect(r.code, r.stderr).toBe(0);
        expect(around(r.stdout), `${id} ${lang}`).not.toMatch(labels);
        expect(r.stdout.split('\n').length).toBe(en.stdout.split('\n').length);
      }
    }
    const ru = await runCli(['atlas', 'show', 'heihe-blagoveshchensk', '--lang', 'ru']);
    expect(ru.stdout.split('\n').slice(0, 3)).toEqual([
      'пункт пропуска heihe-blagoveshchensk: Благовещенск — Хэйхэ',
      'файл: data/atlas/crossings/amur.yaml',
      'стороны: heihe (Хэйхэ, CN)  ↔  blagoveshchensk (Благовещенск, RU)',
    ]);
    const zh = await runCli(['atlas', 'show', 'primorye-1', '--lang', 'zh']);
    expect(zh.stdout).toMatch(/^ {2}harbin-mudanjiang-rail：哈尔滨—牡丹江（铁路，[\d.]+ km(?:，估算)?）$/m);
  });
});
