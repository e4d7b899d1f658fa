import { describe, expect, it } from 'vitest';
import { FILE_LINES } from './file-lines.ts';
import { LANGS } from './messages.ts';

const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('what a command says about a file it wrote, in en, zh and ru', () => {
  it('has every line in every language with the same placeholders, and no English word in zh or ru', () => {
    for (const [key, texts] of Object.entries(FILE_LINES))
      for (const l of LANGS) {
        expect(placeholders(texts[l]), `${key}.${l}`).toEqual(placeholders(texts.en));
        if (l !== 'en')
          expect(texts[l].replace(/\{\w+\}/g, '').match(/[A-Za-z]{2,}/g), `${key}.${l}`).toBeNull();
      }
  });
});
