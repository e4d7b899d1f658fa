/**
 * What an audit reports: findings (severity, kind, the row and column as
 * printed, the printed text, the expected value and a one-line message), the
 * result with its summary, the error for an audit that cannot run, and the
 * one-line form `amur trade audit` prints.
 */
import { AmurError, type ErrorKind } from '../../errors.ts';
import { type AuditLang, type FindingCode, type FindingParams, findingText, type Said } from './texts.ts';

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
  /** Evidence behind a finding (scale findings list the comparisons). */
  details?: string[];
}

export interface AuditResult {
  source: string;
  variant: 'as-printed' | 'as-corrected';
  findings: Finding[];
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

/** One line per finding, as printed by `amur trade audit` (`lang`: its sentence in that language, else its English message). */
export function formatFinding(f: Finding, lang?: AuditLang): string {
  const where = [f.row ?? '(table)', f.column].filter(Boolean).join(' / ');
  const text =
    lang && lang !== 'en' && f.code
      ? findingText({ ...f, code: f.code, params: f.params ?? {} }, lang)
      : f.message;
  return `${f.severity.padEnd(7)} ${f.kind.padEnd(18)} ${where}: ${text}`;
}
