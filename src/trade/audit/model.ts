/**
 * The audit's model, types only: the context every rule reads, a value known
 * from somewhere, a comparison with something outside the table, and what a
 * rule returns. Loaded by `context.ts` (with `knowledge.ts`).
 */
import type { PrintedCell, TextFact, WideTable } from '../printed-table.ts';
import type { TotalRef, WideSpec } from '../spec.ts';
import type { Store } from '../store.ts';
import type { Evidence } from './evidence-texts.ts';
import type { Finding } from './findings.ts';
import type { FlowKey } from './flow-key.ts';
import type { Interval } from './interval.ts';
import type { Said, Saying } from './texts.ts';

export type Variant = 'as-printed' | 'as-corrected';

/** A value known from somewhere, in US dollars (or the currency when no rate). */
export interface Known {
  key: FlowKey;
  iv: Interval;
  currency: string;
  /** 1 when it is (derived from) a value of the audited table: the table's scale factor multiplies it. */
  dep: 0 | 1;
  /** How it is known, for messages ("this table, 2016 total_volume = 91.9"): evidence said in each language. */
  how: Evidence;
  source: string;
  /** Table cell behind it, when it is one of the audited table's value cells. */
  cell?: PrintedCell;
  /** Fact ids it depends on (a fact is not checked against itself). */
  facts: string[];
  origin: 'cell' | 'implied-prior' | 'implied-total' | 'fact' | 'fact-growth' | 'store';
}

/** A comparison with something outside the table, evaluated at a scale factor of the table (see `rules/scale.ts`). */
export interface CrossCheck {
  kind: Finding['kind'];
  row: string | null;
  column: string | null;
  printed: string | null;
  /** Whether the audited table's scale enters the comparison. */
  dep: boolean;
  /** Report failures in this audit (false for other sources' claims: evidence only). */
  report: boolean;
  /** Evaluates at a scale factor of the audited table: pass, and the expected interval of the printed number. */
  evaluate(f: number): { pass: boolean; expected: Interval | null; message: string } & Partial<Saying>;
  /** Share checks: the share (in %) another value (in the table's unit) would have. */
  shareOf?: (value: Interval) => Interval;
}

/** What a rule returns: its findings, how many checks it made and passed, and its comparisons for the scale rule. */
export interface RuleResult {
  findings: Finding[];
  checks: number;
  passed: number;
  comparisons: CrossCheck[];
}

export interface AuditContext {
  store: Store;
  sourceId: string;
  variant: Variant;
  /** The audited table's `wide_tables` row. */
  table: WideTable;
  spec: WideSpec;
  specs: Map<string, WideSpec>;
  titles: Map<string, string>;
  /** The audited table's cells (chosen variant), and its printed and corrected cells. */
  cells: PrintedCell[];
  printedCells: PrintedCell[];
  correctedCells: PrintedCell[];
  /** Other wide tables' cells (their corrected variant where they have one). */
  otherCells: PrintedCell[];
  facts: TextFact[];
  parents: Map<string, string | null>;
  rowsByKey: Map<string, PrintedCell[]>;
  valueCells: PrintedCell[];
  valueByKey: Map<string, PrintedCell>;
  known: Known[];
  knownByKey: Map<string, Known[]>;
  /** US dollars per unit of `currency` in `year` (annual rate), 1 for USD, null without a rate. */
  usdFactor(currency: string | null, year: number | null): Promise<number | null>;
  /** A source as evidence: this table, or another by its id. */
  sourceName(id: string): Evidence;
  cellAt(rowKey: string, column: string): PrintedCell | undefined;
  cellKey(c: PrintedCell): FlowKey;
  cellIv(c: PrintedCell, withScale?: boolean): Interval;
  /** The clause saying the spec corrects this cell (as-printed audits), or none. */
  correction(row: string | null, column: string | null): Said[];
  denKeyOf(c: PrintedCell, ref: TotalRef | string, srcSpec: WideSpec): FlowKey | null;
  factKey(f: TextFact, year: number): FlowKey;
  factIv(f: TextFact): Interval;
  /** A text fact as evidence ("the text (Da Zhigang) [hlj-foreign-trade-2008]"). */
  factLabel(f: TextFact): Evidence;
  /** A known value at a scale factor of the audited table. */
  at(iv: Interval, k: Known, f: number): Interval;
}
