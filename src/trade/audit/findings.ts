/**
 * What an audit reports: findings (severity, kind, the row and column as
 * printed, the printed text, the expected value and a one-line message), the
 * result with its summary, the error for an audit that cannot run, and the
 * one-line form `amur trade audit` prints.
 */
import { AmurError, type ErrorKind } from '../../errors.ts';
import {
  type AuditLang,
  type FindingCode,
  type FindingParams,
  findingText,
  type RegionNames,
  type Said,
} from './texts.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  kind:
    | 'growth'
    | 'components'
    | 'share'
    | 'shares-over-100'
    | 'parts-exceed-total'
    | 'text'
    | 'part-whole'
    | 'scale'
    | 'unchecked';
  /** The row's key as printed (e.g. "2012", "Grain"); null for the whole table. */
  row: string | null;
  /** The column as imported (CSV header), `text:<fact id>` for a fact, null for the whole table. */
  column: string | null;
  /** The printed text. */
  printed: string | null;
  /** The recomputed value and its interval (same unit as the printed number). */
  expected: { value: number; min: number; max: number } | null;
  /** Stable code of the sentence (`FINDING_TEXTS` in texts.ts: en, zh, ru); a rule without texts yet has none. */
  code?: FindingCode;
  /** The values of the sentence, by name. */
  params?: FindingParams;
  /** What is added to the sentence (a correction in the spec, a note on a small gap), each with its code and params. */
  clauses?: Said[];
  /** The sentence in English (`findingText(f, 'en')`). */
  message: string;
  /** Evidence behind a finding (scale findings list the comparisons the unit explains), each said by its code. */
  details?: FindingDetail[];
}

/** A comparison behind a finding: where, and what it says (code, params and clauses as a finding's; English `message`). */
export interface FindingDetail {
  row: string | null;
  column: string | null;
  code?: FindingCode;
  params?: FindingParams;
  clauses?: Said[];
  message: string;
}

export interface AuditResult {
  source: string;
  variant: 'as-printed' | 'as-corrected';
  findings: Finding[];
  /** Names of the regions the findings name by code, in en/zh/ru (from the store's regions). */
  names?: RegionNames;
  summary: { checks: number; passed: number; errors: number; warnings: number; infos: number };
}

export class AuditError extends AmurError {
  constructor(message: string, kind: ErrorKind = 'input') {
    super(kind, message, { parameter: 'source' });
    this.name = 'AuditError';
  }
}

/** Errors first, then warnings, then notes. */
export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Where a finding about the whole table is, in each language. */
const WHOLE_TABLE: Record<AuditLang, string> = { en: '(table)', zh: '（全表）', ru: '(вся таблица)' };

/** The first line of `amur trade audit`: the source, the variant, and the counts, in the language. */
export function summaryLine(r: AuditResult, lang: AuditLang = 'en'): string {
  const s = r.summary;
  if (lang === 'zh')
    return `${r.source}（${r.variant === 'as-printed' ? '按印刷' : '按更正'}）：核验 ${s.checks} 项，相符 ${s.passed} 项；错误 ${s.errors} 个，警告 ${s.warnings} 个，说明 ${s.infos} 个`;
  if (lang === 'ru')
    return `${r.source} (${r.variant === 'as-printed' ? 'как напечатано' : 'с исправлениями'}): проверок ${s.checks}, сошлось ${s.passed}; ошибок ${s.errors}, предупреждений ${s.warnings}, примечаний ${s.infos}`;
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  return `${r.source} (${r.variant}): ${s.checks} checks, ${s.passed} passed; ${n(s.errors, 'error')}, ${n(s.warnings, 'warning')}, ${n(s.infos, 'note')}`;
}

/** A finding's or detail's sentence in the language (its English message without a code or a language). */
export function sentenceOf(f: Finding | FindingDetail, lang?: AuditLang, names?: RegionNames): string {
  return lang && f.code
    ? findingText({ ...f, code: f.code, params: f.params ?? {} }, lang, names)
    : f.message;
}

/**
 * One line per finding, as printed by `amur trade audit` (`lang`: its sentence in that language, with the
 * regions' names of `names`, else its English message).
 */
export function formatFinding(f: Finding, lang?: AuditLang, names?: RegionNames): string {
  const where = [f.row ?? WHOLE_TABLE[lang ?? 'en'], f.column].filter(Boolean).join(' / ');
  return `${f.severity.padEnd(7)} ${f.kind.padEnd(18)} ${where}: ${sentenceOf(f, lang, names)}`;
}

/** A detail's line under its finding: where, and its sentence in the language. */
export function formatDetail(d: FindingDetail, lang?: AuditLang, names?: RegionNames): string {
  const where = [d.row, d.column].filter(Boolean).join(' ');
  return `${where ? `${where}: ` : ''}${sentenceOf(d, lang, names)}`;
}
