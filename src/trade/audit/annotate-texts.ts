/**
 * The words of an audited table's annotated copy (annotate.ts) in English,
 * Chinese and Russian: the note a finding leaves in a row (severity, kind,
 * where, and its sentence, said by texts.ts), the `audit` column, the
 * whole-table rows, and the XLSX sheets and the findings sheet's header. In
 * English they are the words the copy has always had (a severity by its
 * letter, a kind by its code). Column names and row keys of the printed table
 * stay as imported.
 *
 * `{name}` is a value annotate.ts fills in; every template has the same
 * placeholders in every language.
 *
 * Pure: no Node import.
 */
import type { AuditLang } from './evidence-texts.ts';
import type { Finding, Severity } from './findings.ts';

type Texts = Record<AuditLang, string>;

/** A finding's note: severity, kind, where (the column and row parts said by `column`/`row`), and its sentence. */
export const ANNOTATE_LINES = {
  note: {
    en: '{severity} {kind}{column}{row}: {message}',
    zh: '{severity}（{kind}{column}{row}）：{message}',
    ru: '{severity} ({kind}{column}{row}): {message}',
  },
  column: { en: ' {column}', zh: '，{column}', ru: ', {column}' },
  row: { en: ' ({row})', zh: '，{row}', ru: ', {row}' },
  'whole-table': { en: '(whole table)', zh: '（全表）', ru: '(вся таблица)' },
  'audit-column': { en: 'audit', zh: '核查结果', ru: 'результаты проверки' },
  'table-sheet': { en: 'table', zh: '表格', ru: 'таблица' },
  'findings-sheet': { en: 'findings', zh: '核查结果', ru: 'замечания' },
  /** What `amur trade audit --out FILE` says it wrote. */
  written: {
    en: 'annotated copy: {file}',
    zh: '已写出带核查标注的副本：{file}',
    ru: 'копия с пометками аудита: {file}',
  },
} as const satisfies Record<string, Texts>;

export type AnnotateLine = keyof typeof ANNOTATE_LINES;

/** A finding's severity in a note: its letter in English, its word in zh and ru. */
export const SEVERITY_NOTE: Record<Severity, Texts> = {
  error: { en: 'E', zh: '错误', ru: 'ошибка' },
  warning: { en: 'W', zh: '警告', ru: 'предупреждение' },
  info: { en: 'I', zh: '说明', ru: 'примечание' },
};

/** A finding's severity in the findings sheet: its code in English, its word in zh and ru. */
export const SEVERITY_WORD: Record<Severity, Texts> = {
  error: { en: 'error', zh: '错误', ru: 'ошибка' },
  warning: { en: 'warning', zh: '警告', ru: 'предупреждение' },
  info: { en: 'info', zh: '说明', ru: 'примечание' },
};

/** What a finding checked, in a few words: its code in English (`Finding.kind`), a short name in zh and ru. */
export const KIND_WORD: Record<Finding['kind'], Texts> = {
  growth: { en: 'growth', zh: '增长率', ru: 'темп прироста' },
  components: { en: 'components', zh: '分项之和', ru: 'сумма частей' },
  share: { en: 'share', zh: '占比', ru: 'доля' },
  'shares-over-100': { en: 'shares-over-100', zh: '占比之和超过100%', ru: 'сумма долей больше 100%' },
  'parts-exceed-total': { en: 'parts-exceed-total', zh: '分项超过总计', ru: 'части больше итога' },
  text: { en: 'text', zh: '正文与表格', ru: 'текст и таблица' },
  'part-whole': { en: 'part-whole', zh: '部分与整体', ru: 'часть и целое' },
  scale: { en: 'scale', zh: '单位与量级', ru: 'единица и масштаб' },
  unchecked: { en: 'unchecked', zh: '未核验', ru: 'не проверено' },
};

/** The findings sheet's header, column by column. */
export const FINDINGS_HEADER: readonly Texts[] = [
  { en: 'severity', zh: '严重程度', ru: 'уровень' },
  { en: 'kind', zh: '类别', ru: 'вид проверки' },
  { en: 'row', zh: '行', ru: 'строка' },
  { en: 'column', zh: '列', ru: 'столбец' },
  { en: 'printed', zh: '印刷值', ru: 'напечатано' },
  { en: 'expected', zh: '推算值', ru: 'расчётное значение' },
  { en: 'min', zh: '下限', ru: 'минимум' },
  { en: 'max', zh: '上限', ru: 'максимум' },
  { en: 'message', zh: '核查意见', ru: 'пояснение' },
];

/** One of the lines above in the language, its placeholders filled. */
export function annotateLine(key: AnnotateLine, lang: AuditLang, vars: Record<string, string> = {}): string {
  return ANNOTATE_LINES[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}
