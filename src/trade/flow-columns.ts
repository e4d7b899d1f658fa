/** The columns of table `flows` (see `migrations/`), in one place for the importers and queries. */
/** The value columns of table `flows` (everything but its `source_id` and `row_no`), in table order. */
export const FLOW_VALUE_COLUMNS = [
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
  'value',
  'currency',
  'scale',
  'value_usd',
  'quantity',
  'quantity_unit',
  'net_weight_kg',
  'basis',
  'reported_by',
  'variant',
  'estimated',
  'derived',
] as const;

/**
 * The columns an importer fills (`importers/common.ts`): the value columns and
 * `trade_mode` (migration 011: 'general' | 'border-petty' | 'processing' |
 * 'other'; NULL = trade in all modes, what nearly every source gives). Kept
 * out of the value columns so that queries and exports keep their columns.
 */
export const FLOW_IMPORT_COLUMNS = [...FLOW_VALUE_COLUMNS, 'trade_mode'] as const;

/** Every column of table `flows`, in table order. */
export const FLOW_TABLE_COLUMNS = ['source_id', 'row_no', ...FLOW_VALUE_COLUMNS] as const;
