/**
 * What a command says about a file it wrote, in English, Chinese and
 * Russian (`amur trade chart --out FILE --lang …`). English is the line the
 * command has always printed. `{name}` is a value the CLI fills in; every
 * template has the same placeholders in every language.
 */
import type { Texts } from './messages.ts';

export const FILE_LINES = {
  'chart-written': {
    en: 'wrote {file} ({format})',
    zh: '已写出 {file}（{format}）',
    ru: 'записан файл {file} ({format})',
  },
} as const satisfies Record<string, Texts>;
