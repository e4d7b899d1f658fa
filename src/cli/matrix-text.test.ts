import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { MATRIX_LINES, MATRIX_PER_CARGO, MATRIX_UNITS } from '../i18n/matrix-lines.ts';
import type { MatrixResult } from '../routing/schema.ts';
import { formatMatrix } from './matrix-text.ts';

const m: MatrixResult = {
  query: {
    from: ['harbin', 'heihe'],
    to: ['vladivostok', 'blagoveshchensk'],
    date: '2019-04-20',
    time: '08:00',
    cargo: 'bulk',
    metric: 'cost',
    avoid: [],
    horizonDays: 400,
  },
  unit: 'usd',
  values: [
    [910.72, null],
    [1570.55, 977.23],
  ],
};

describe('amur matrix text and CSV', () => {
  it('without a language: ids and the English words it has always printed', () => {
    expect(formatMatrix(m, false)).toBe(
      'from \\ to\tvladivostok\tblagoveshchensk\nharbin\t910.72\t\nheihe\t1570.55\t977.23\n(usd per BULK; empty = no route)',
    );
    expect(formatMatrix(m, true)).toBe(
      'from \\ to,vladivostok,blagoveshchensk\nharbin,910.72,\nheihe,1570.55,977.23',
    );
  });

  it('in a language: its words and the places by the names given; a name with a comma is quoted in CSV', () => {
    const names: Record<string, string> = { harbin: '哈尔滨', heihe: '黑河', vladivostok: '符拉迪沃斯托克' };
    const zh = formatMatrix(m, false, { lang: 'zh', place: (id) => names[id] ?? id });
    expect(zh).toBe(
      '起点 \\ 终点\t符拉迪沃斯托克\tblagoveshchensk\n哈尔滨\t910.72\t\n黑河\t1570.55\t977.23\n（单位：美元/吨散货；空白 = 无可行路线）',
    );
    const csv = formatMatrix(m, true, { lang: 'ru', place: (id) => (id === 'heihe' ? 'Хэйхэ, порт' : id) });
    expect(csv.split('\n')[2]).toBe('"Хэйхэ, порт",1570.55,977.23');
  });

  it('amur matrix --lang zh|ru: no English word of the en output, places by the atlas’s names', async () => {
    const args = [
      'matrix',
      '--from',
      'Harbin,Heihe',
      '--to',
      'Vladivostok,Blagoveshchensk',
      '--date',
      '2023-06-01',
    ];
    const en = await runCli(args);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout.split('\n')[0]).toBe('from \\ to\tvladivostok\tblagoveshchensk');
    expect(en.stdout).toContain('(hours per FEU; empty = no route)');
    const englishWords = new Set(en.stdout.match(/[A-Za-z]{3,}/g));
    for (const lang of ['zh', 'ru'] as const) {
      const r = await runCli([...args, '--lang', lang]);
      expect(r.code, r.stderr).toBe(0);
      // the same numbers, line for line
      const numbers = (s: string) => s.match(/\d+(?:\.\d+)?/g);
      expect(numbers(r.stdout.replace(/\d+-футовый|\d+英尺/g, ''))).toEqual(numbers(en.stdout));
      const words = r.stdout.replace('CO₂', '').match(/[A-Za-z]{3,}/g) ?? [];
      expect(
        words.filter((w) => englishWords.has(w)),
        lang,
      ).toEqual([]);
      expect(r.stdout).toContain(MATRIX_LINES.corner[lang]);
      expect(r.stdout).toContain(MATRIX_UNITS.hours[lang]);
      expect(r.stdout).toContain(MATRIX_PER_CARGO.feu[lang]);
    }
    const ru = await runCli([...args, '--lang', 'ru', '--csv']);
    expect(ru.stdout.split('\n')[0]).toBe('откуда \\ куда,Владивосток,Благовещенск');
    expect(ru.stdout.split('\n')[1]).toMatch(/^Харбин,\d/);
    const bad = await runCli([...args, '--lang', 'de']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("argument 'de' is invalid. Allowed choices are en, zh, ru.");
  });
});
