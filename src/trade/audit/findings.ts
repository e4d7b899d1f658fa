/**
 * What an audit reports: findings (severity, kind, the row and column as
 * printed, the printed text, the expected value and a one-line message), the
 * result with its summary, the error for an audit that cannot run, and the
 * one-line form `amur trade audit` prints.
 */
import { AmurError, type ErrorKind } from '../../errors.ts';

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

/** One line per finding, as printed by `amur trade audit`. */
export function formatFinding(f: Finding): string {
  const where = [f.row ?? '(table)', f.column].filter(Boolean).join(' / ');
  return `${f.severity.padEnd(7)} ${f.kind.padEnd(18)} ${where}: ${f.message}`;
}
