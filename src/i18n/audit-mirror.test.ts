import { describe, expect, it } from 'vitest';
import { AUDIT_MIRROR_TEXTS, auditMirrorNote } from './audit-mirror.ts';
import { LANGS } from './messages.ts';

const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("amur trade audit --fill-mirror's words in en, zh and ru", () => {
  it('has every text in every language with the same placeholders, and no English word in zh or ru', () => {
    for (const [key, texts] of Object.entries(AUDIT_MIRROR_TEXTS))
      for (const l of LANGS) {
        expect(placeholders(texts[l]), `${key}.${l}`).toEqual(placeholders(texts.en));
        if (l !== 'en') {
          // the flag and the trade terms CIF/FOB are written as they are
          const rest = texts[l].replace(/\{\w+\}|--fill-mirror|CIF\/FOB/g, '');
          expect(rest.match(/[A-Za-z]{2,}/g), `${key}.${l}`).toBeNull();
        }
      }
  });

  it('says the line the command has always printed in English', () => {
    const c = { checks: 22, total: 80, factor: 1.06, flagged: 1, source: 'IMF DOTS' };
    expect(auditMirrorNote(c, 'en')).toBe(
      "--fill-mirror: 22 of 80 checks compare with mirror data (partners' reports, CIF/FOB 1.06, IMF DOTS); 1 finding(s) are new or different with them, marked [mirror data]",
    );
    expect(auditMirrorNote({ ...c, factor: 1.1, source: null }, 'ru')).toBe(
      '--fill-mirror: 22 из 80 проверок сравнивают с зеркальными данными (отчётами партнёров, коэффициент CIF/FOB 1.1); новых или изменившихся с ними результатов: 1, они помечены [зеркальные данные]',
    );
  });
});
