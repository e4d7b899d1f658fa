/**
 * What `amur trade audit --fill-mirror` says in English, Chinese and Russian:
 * the line after the summary (how many checks compare with partners' reports,
 * at which CIF/FOB factor, how many findings they changed) and the mark on a
 * finding that is new or different with mirror data. English is the sentence
 * the command has always printed (and `--json` carries as `mirror.note`).
 *
 * `{name}` is a value the CLI fills in; every template has the same
 * placeholders in every language.
 */
import { fill, type Lang, type Texts } from './messages.ts';

export const AUDIT_MIRROR_TEXTS = {
  note: {
    en: "--fill-mirror: {checks} of {total} checks compare with mirror data (partners' reports, CIF/FOB {factor}{source}); {flagged} finding(s) are new or different with them, marked {mark}",
    zh: '--fill-mirror：{total} 项核验中有 {checks} 项与镜像数据（贸易伙伴的报告，CIF/FOB 系数 {factor}{source}）比较；因此新增或改变的结果 {flagged} 项，标为{mark}',
    ru: '--fill-mirror: {checks} из {total} проверок сравнивают с зеркальными данными (отчётами партнёров, коэффициент CIF/FOB {factor}{source}); новых или изменившихся с ними результатов: {flagged}, они помечены {mark}',
  },
  /** The factor's published source, when it is the default one. */
  source: { en: ', {source}', zh: '，{source}', ru: ', {source}' },
  mark: { en: '[mirror data]', zh: '［镜像数据］', ru: '[зеркальные данные]' },
} as const satisfies Record<string, Texts>;

/** The counts of a `--fill-mirror` audit; `source`: the factor's source when it is the default (IMF DOTS), else null. */
export interface AuditMirrorCounts {
  checks: number;
  total: number;
  factor: number;
  flagged: number;
  source: string | null;
}

/** The `--fill-mirror` line in the language. */
export function auditMirrorNote(c: AuditMirrorCounts, lang: Lang): string {
  const t = AUDIT_MIRROR_TEXTS;
  return fill(t.note[lang], {
    checks: String(c.checks),
    total: String(c.total),
    factor: String(c.factor),
    source: c.source ? fill(t.source[lang], { source: c.source }) : '',
    flagged: String(c.flagged),
    mark: t.mark[lang],
  });
}
