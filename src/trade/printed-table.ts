/**
 * The tables the wide-table importer writes and the audit reads:
 * `printed_cells` (every cell of a table copied from a paper, as printed and
 * as corrected, with its decimals) and `text_facts` (the claims of the
 * running text). Their row types, column lists and typed readers live here,
 * once, so that the writer (`importers/wide.ts`) and the readers (the audit,
 * the annotated copies) cannot disagree. Schema: `migrations/010-printed-tables.sql`.
 */
import type { Claim, ColumnSpec, Comparison } from './spec.ts';
import type { Store } from './store.ts';

/** The key of a flow, as stored. */
export interface FlowKey {
  reporter_level: string;
  reporter_code: string;
  partner_level: string;
  partner_code: string;
  year: number;
  month: number | null;
  period_kind: string;
  flow: string;
  commodity_system: string;
  commodity_code: string;
  commodity_label: string | null;
}

export interface PrintedCellRow extends Partial<FlowKey> {
  source_id: string;
  variant: 'as-printed' | 'as-corrected';
  row_no: number;
  row_key: string;
  column_no: number;
  column_name: string;
  role: ColumnSpec['role'];
  printed: string;
  value: number | null;
  decimals: number | null;
  currency?: string | null;
  scale?: number | null;
  of_column?: string | null;
  correction?: string | null;
}

export interface TextFactRow {
  source_id: string;
  fact_id: string;
  claim_no: number;
  text: string;
  cite: string | null;
  kind: Claim['kind'];
  comparison: Comparison;
  reporter_level: string;
  reporter_code: string;
  partner_level: string;
  partner_code: string;
  year: number | null;
  period_kind: string;
  month: number | null;
  flow: string;
  commodity_system: string;
  commodity_code: string;
  printed: string | null;
  value: number | null;
  decimals: number | null;
  currency: string | null;
  scale: number | null;
  value_usd: number | null;
  quantity_printed: string | null;
  quantity: number | null;
  quantity_decimals: number | null;
  quantity_scale: number | null;
  quantity_unit: string | null;
  of_quantity: boolean;
  in_reporter_level: string | null;
  in_reporter_code: string | null;
  in_partner_level: string | null;
  in_partner_code: string | null;
  in_flow: string | null;
  in_commodity_system: string | null;
  in_commodity_code: string | null;
  in_label: string | null;
  /** a value summed over year..to_year */
  to_year: number | null;
  trade_mode: string | null;
  /** ratio claims: the period the value is a multiple of (of_year..of_to_year) */
  of_year: number | null;
  of_to_year: number | null;
}

export const PRINTED_CELL_COLUMNS = [
  'source_id',
  'variant',
  'row_no',
  'row_key',
  'column_no',
  'column_name',
  'role',
  'printed',
  'value',
  'decimals',
  'reporter_level',
  'reporter_code',
  'partner_level',
  'partner_code',
  'year',
  'month',
  'period_kind',
  'flow',
  'commodity_system',
  'commodity_code',
  'commodity_label',
  'currency',
  'scale',
  'of_column',
  'correction',
] as const;

export const TEXT_FACT_COLUMNS = [
  'source_id',
  'fact_id',
  'claim_no',
  'text',
  'cite',
  'kind',
  'comparison',
  'reporter_level',
  'reporter_code',
  'partner_level',
  'partner_code',
  'year',
  'period_kind',
  'month',
  'flow',
  'commodity_system',
  'commodity_code',
  'printed',
  'value',
  'decimals',
  'currency',
  'scale',
  'value_usd',
  'quantity_printed',
  'quantity',
  'quantity_decimals',
  'quantity_scale',
  'quantity_unit',
  'of_quantity',
  'in_reporter_level',
  'in_reporter_code',
  'in_partner_level',
  'in_partner_code',
  'in_flow',
  'in_commodity_system',
  'in_commodity_code',
  'in_label',
  'to_year',
  'trade_mode',
  'of_year',
  'of_to_year',
] as const;

/** A printed cell as read back: every column present (NULL where the importer wrote none). */
export type PrintedCell = Required<{
  [K in keyof PrintedCellRow]: Exclude<PrintedCellRow[K], undefined> | null;
}> &
  Pick<
    PrintedCellRow,
    'source_id' | 'variant' | 'row_no' | 'row_key' | 'column_no' | 'column_name' | 'role' | 'printed'
  >;

/** A claim of the running text as read back. */
export type TextFact = TextFactRow;

/** One row of `wide_tables`. */
export interface WideTable {
  source_id: string;
  has_corrections: boolean;
  printed_unit: string | null;
}

/** The printed cells of one source and variant, or of every source, in table order. */
export function readPrintedCells(
  store: Store,
  which: { sourceId: string; variant: string } | 'all' = 'all',
): Promise<PrintedCell[]> {
  if (which === 'all')
    return store.query<PrintedCell>('SELECT * FROM printed_cells ORDER BY source_id, row_no, column_no');
  return store.query<PrintedCell>(
    'SELECT * FROM printed_cells WHERE source_id = $1 AND variant = $2 ORDER BY row_no, column_no',
    [which.sourceId, which.variant],
  );
}

/** Every claim of the running texts, by source, fact and claim. */
export function readTextFacts(store: Store): Promise<TextFact[]> {
  return store.query<TextFact>('SELECT * FROM text_facts ORDER BY source_id, fact_id, claim_no');
}

/** Every table imported with a spec. */
export function readWideTables(store: Store): Promise<WideTable[]> {
  return store.query<WideTable>('SELECT source_id, has_corrections, printed_unit FROM wide_tables');
}
