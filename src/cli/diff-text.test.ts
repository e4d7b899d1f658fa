/** `amur scenario diff --lang zh|ru`: the text output in that language; English as before without it. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIFF_LINES } from '../i18n/diff-lines.ts';

/** The English words of the diff's own lines (not names: those come from the atlas). */
const ENGLISH = new Set(
  Object.values(DIFF_LINES).flatMap((t) => t.en.replace(/\{\w+\}/g, '').match(/[A-Za-z]{3,}/g) ?? []),
);

describe('amur scenario diff --lang', () => {
  const args = ['scenario', 'diff', 'current', 'before-bridges', '--date', '2024-04-25,2024-11-25'];

  it('zh and ru say every line in that language; the same pairs, numbers and tags line for line', async () => {
    const en = await runCli(args);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toMatch(
      /^current → before-bridges: \d+ shipments \(\d+ pairs × 2 dates\), optimising cost$/m,
    );
    expect(en.stdout).toContain('      before: ');
    for (const lang of ['zh', 'ru'] as const) {
      const r = await runCli([...args, '--lang', lang]);
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines.length).toBe(en.stdout.split('\n').length);
      // the lines of the diff's own words (the pair, before/after routes hold the atlas's names)
      const own = lines.filter(
        (l, i) => !/^ {6}(?:原方案|新方案|было|стало)/.test(l) && !/^ {2}[ ~⇄+−∅] /.test(l) && i > 0,
      );
      const words = own.flatMap((l) => l.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => ENGLISH.has(w));
      expect(words, lang).toEqual([]);
      // the same tags and signed changes
      const tags = (s: string) => s.split('\n').map((l) => /^ {2}([ ~⇄+−∅]) /.exec(l)?.[1] ?? '');
      expect(tags(r.stdout)).toEqual(tags(en.stdout));
    }
    const ru = await runCli([...args, '--lang', 'ru']);
    expect(ru.stdout).toMatch(
      /^current → before-bridges: отправок — \d+ \(пар пунктов: \d+, дат: 2\), критерий: стоимость$/m,
    );
    expect(ru.stdout).toMatch(/^ {2}[ ~⇄+−∅] Благовещенск → Харбин \(/m);
    expect(ru.stdout).toMatch(/^Итог: сравнено отправок — \d+, сменили пункт пропуска — \d+/m);
    const zh = await runCli([...args, '--lang', 'zh']);
    expect(zh.stdout).toMatch(/^ {6}原方案：[\d.]+ (?:小时|天) \$[\d,]+ [\d,]+ 千克，经由/m);
    expect(zh.stdout).toMatch(/^小结：比较 \d+ 批/m);
    expect(zh.stdout).toContain('黑河—布拉戈维申斯克');
  });
});
