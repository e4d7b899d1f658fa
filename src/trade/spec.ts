/**
 * The wide-table spec: a small YAML file that says what each column of a
 * table copied from a paper is, so the table can be imported into the store
 * (`flows` + `printed_cells` + `text_facts`) and audited against itself and
 * against other sources. One schema, used by the importer, the audit, the
 * seed loader and the tests. The format is documented in `docs/trade.md`.
 *
 * A spec names:
 * - the source (id, title, citation, licence) and the table file (CSV, next to the spec);
 * - the row key (a year column, or a label column such as the product name,
 *   with the period given once for the whole table);
 * - defaults for every value (reporter, partner, flow, commodity, currency, scale);
 * - each column's role: `key`, `rank`, `commodity` (the source's own category
 *   names), `value` (a flow value, with overrides of the defaults), `quantity`,
 *   `growth` (a printed year-on-year rate of another column), `share` (a
 *   printed share of a value column in another column or in a total outside
 *   the table), `label` or `ignore`;
 * - corrections (a cell or a whole table's scale), each with a reason and a
 *   source: both the as-printed and the as-corrected variant are stored;
 * - facts from the running text, as checkable claims with their quantities.
 *
 * Printed numbers are kept as text: "3.10" has two decimals and stands for
 * the interval [3.095, 3.105]. Write them quoted in YAML for that reason.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { AmurError } from '../errors.ts';
import { yamlValues } from '../yaml-values.ts';
import { Flow, Scale, SourceId } from './vocabulary.ts';

export const LEVELS = ['world', 'country', 'province', 'city', 'port', 'group'] as const;
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;

/** A spec's id is the id of the source it becomes. */
export const Id = SourceId;

/** A reporter or partner: level and code as in the store (`{ level: province, code: CN-HL }`). */
export const Place = z.strictObject({
  level: Level,
  code: z
    .string()
    .regex(
      /^(WLD|[A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3}(-[A-Z0-9-]+)?|atlas:[a-z0-9-]+|[A-Z0-9-]+)$/,
      "a store code: 'WLD', ISO 3166-1 alpha-3 ('CHN'), ISO 3166-2 ('CN-HL'), 'CN-HL-HEIHE' or 'atlas:<place id>'",
    ),
});
export type Place = z.infer<typeof Place>;

export const Commodity = z.strictObject({
  system: z
    .string()
    .regex(
      /^(HS2022|HS2017|HS2012|HS|TOTAL|SRC)$/,
      "one of 'HS2022', 'HS2017', 'HS2012', 'HS', 'TOTAL', 'SRC'",
    ),
  code: z.string().min(1),
  label: z.string().optional(),
});
export type Commodity = z.infer<typeof Commodity>;

export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, "an ISO 4217 currency code such as 'USD', 'CNY', 'RUB'");

/** A number as printed: a string (keeps its decimals) or a YAML number. */
export const PrintedNumber = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .refine((s) => parsePrinted(s) !== null, {
    message: 'a number as printed, e.g. "22.9", "-6.4", "3,342" (quote it to keep its decimals)',
  });

/** Overrides of the defaults for one value column, or for a fact's claim. */
const KeyFields = {
  reporter: Place.optional(),
  partner: Place.optional(),
  flow: Flow.optional(),
  commodity: Commodity.optional(),
  currency: Currency.optional(),
  scale: Scale.optional(),
  basis: z.enum(['CIF', 'FOB']).optional(),
};

/** The key of a total outside the table: fields that differ from the column whose share is printed. */
export const TotalRef = z.strictObject({
  reporter: Place.optional(),
  partner: Place.optional(),
  flow: Flow.optional(),
  commodity: Commodity.optional(),
  /** Year offset or fixed year, rarely needed. */
  year: z.number().int().optional(),
  /** How the paper names the total ("the province's import and export"). */
  label: z.string().optional(),
});
export type TotalRef = z.infer<typeof TotalRef>;

const ColumnBase = {
  /** The column's heading as printed in the paper (the CSV header is the short name). */
  label: z.string().optional(),
};

export const ColumnSpec = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('key'), ...ColumnBase }),
  z.strictObject({ role: z.literal('rank'), ...ColumnBase }),
  z.strictObject({
    role: z.literal('commodity'),
    ...ColumnBase,
    system: z.literal('SRC').default('SRC'),
  }),
  z.strictObject({ role: z.literal('value'), ...ColumnBase, ...KeyFields }),
  z.strictObject({
    role: z.literal('quantity'),
    ...ColumnBase,
    /** The value column this quantity belongs to. */
    of: z.string().min(1),
    unit: z.string().min(1),
    scale: Scale.default(1),
  }),
  z.strictObject({
    role: z.literal('growth'),
    ...ColumnBase,
    /** The value column whose year-on-year growth (in %) is printed. */
    of: z.string().min(1),
  }),
  z.strictObject({
    role: z.literal('share'),
    ...ColumnBase,
    /** The value column whose share (in %) is printed. */
    of: z.string().min(1),
    /** The denominator: another value column of the table, or a total outside it. */
    in: z.union([z.string().min(1), TotalRef]),
  }),
  z.strictObject({ role: z.literal('label'), ...ColumnBase }),
  z.strictObject({ role: z.literal('ignore'), ...ColumnBase }),
]);
export type ColumnSpec = z.infer<typeof ColumnSpec>;

export const Correction = z
  .strictObject({
    /** The row's key as printed (e.g. "2012" or "Grain"); omit with `scale` for the whole table. */
    row: z.union([z.string(), z.number()]).transform(String).optional(),
    column: z.string().optional(),
    /** The text as printed (checked against the table, so a correction cannot drift). */
    printed: z.union([z.string(), z.number()]).transform(String).optional(),
    corrected: PrintedNumber.optional(),
    /** A corrected scale for value columns (all of them, or `columns`). */
    scale: Scale.optional(),
    columns: z.array(z.string()).optional(),
    reason: z.string().min(1),
    /** What supports the correction (a page, another table, a text fact id). */
    source: z.string().min(1),
  })
  .refine((c) => (c.corrected !== undefined) !== (c.scale !== undefined), {
    message: 'a correction gives either `corrected` (with `row` and `column`) or `scale`',
  })
  .refine((c) => c.corrected === undefined || (c.row !== undefined && c.column !== undefined), {
    message: 'a cell correction needs `row` (the key as printed) and `column`',
  });
export type Correction = z.infer<typeof Correction>;

export const Comparison = z.enum(['about', 'at-least', 'at-most']);
export type Comparison = z.infer<typeof Comparison>;

/** The mode of trade a figure is about, where a source gives it (customs' 贸易方式); absent: all modes. */
export const TradeMode = z.enum(['general', 'border-petty', 'processing', 'other']);
export type TradeMode = z.infer<typeof TradeMode>;

const ClaimKey = {
  ...KeyFields,
  year: z.number().int().min(1900).max(2100).optional(),
  comparison: Comparison.default('about'),
  trade_mode: TradeMode.optional(),
};

export const Claim = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('value'),
    ...ClaimKey,
    /** The value is the sum over `year`..`to_year` (a period such as a five-year plan). */
    to_year: z.number().int().min(1900).max(2100).optional(),
    value: PrintedNumber.optional(),
    quantity: PrintedNumber.optional(),
    quantity_scale: Scale.default(1),
    quantity_unit: z.string().optional(),
    /** Attach this claim's quantity to the table row with the same key (for unit values). */
    attach: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal('growth'),
    ...ClaimKey,
    /** Year-on-year growth in %, as printed. */
    value: PrintedNumber,
    /** Growth of the quantity rather than of the value. */
    of_quantity: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal('share'),
    ...ClaimKey,
    /** Share in % as printed. */
    value: PrintedNumber,
    in: TotalRef,
  }),
  z.strictObject({
    kind: z.literal('ratio'),
    ...ClaimKey,
    /** The value over year..to_year ("1.5 times that of the previous five-year plan"): the multiple as printed. */
    to_year: z.number().int().min(1900).max(2100).optional(),
    value: PrintedNumber,
    /** The period it is a multiple of, for the same flow (2006–2010 for the 11th five-year plan). */
    of: z.strictObject({
      year: z.number().int().min(1900).max(2100),
      to_year: z.number().int().min(1900).max(2100).optional(),
    }),
  }),
]);
export type Claim = z.infer<typeof Claim>;

export const Fact = z.strictObject({
  id: Id,
  /** The sentence as printed. */
  text: z.string().min(1),
  /** Where it is printed, when not in this source's paper. */
  cite: z.string().optional(),
  claims: z.array(Claim).min(1, 'at least one claim'),
});
export type Fact = z.infer<typeof Fact>;

export const WideSpec = z
  .strictObject({
    id: Id,
    /** The title as printed in the paper (English), used in citations. */
    title: z.string().min(1),
    /** The title in Chinese and Russian, shown to readers of those languages (the printed one stays in `title`). */
    titles: z.strictObject({ zh: z.string().min(1).optional(), ru: z.string().min(1).optional() }).optional(),
    publisher: z.string().optional(),
    citation: z.string().min(1),
    url: z.string().optional(),
    licence: z.string().min(1),
    table: z.strictObject({
      /** CSV file, relative to the spec. */
      file: z.string().min(1),
      /** The caption as printed. */
      caption: z.string().optional(),
      /** The unit as printed in the caption ("million US dollars"). */
      printed_unit: z.string().optional(),
      /** Decimal and thousands separators of the printed numbers. */
      decimal: z.enum(['.', ',']).default('.'),
    }),
    key: z.strictObject({
      column: z.string().min(1),
      /** `year`: the key is the year; `label`: the key names the row (period from `period`). */
      kind: z.enum(['year', 'label']).default('year'),
    }),
    period: z
      .strictObject({
        kind: z.enum(['year', 'month', 'ytd']).default('year'),
        year: z.number().int().min(1900).max(2100).optional(),
        month: z.number().int().min(1).max(12).optional(),
      })
      .default({ kind: 'year' }),
    defaults: z.strictObject({
      reporter: Place,
      partner: Place,
      flow: Flow.optional(),
      commodity: Commodity.default({ system: 'TOTAL', code: 'TOTAL' }),
      currency: Currency,
      scale: Scale,
      basis: z.enum(['CIF', 'FOB']).optional(),
    }),
    columns: z.record(z.string(), ColumnSpec),
    corrections: z.array(Correction).default([]),
    facts: z.array(Fact).default([]),
  })
  .superRefine((spec, ctx) => {
    const cols = spec.columns;
    const valueCols = new Set(
      Object.entries(cols)
        .filter(([, c]) => c.role === 'value')
        .map(([n]) => n),
    );
    if (!(spec.key.column in cols)) {
      ctx.addIssue({
        code: 'custom',
        path: ['key', 'column'],
        message: `"${spec.key.column}" is not a column of the spec (one of ${Object.keys(cols).join(', ')})`,
      });
    }
    if (spec.key.kind === 'label' && spec.period.year === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['period', 'year'],
        message: 'a table keyed by label needs `period.year` (the year of every row)',
      });
    }
    for (const [name, c] of Object.entries(cols)) {
      if ((c.role === 'growth' || c.role === 'share' || c.role === 'quantity') && !valueCols.has(c.of)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', name, 'of'],
          message: `"${c.of}" is not a value column (one of ${[...valueCols].join(', ') || 'none'})`,
        });
      }
      if (c.role === 'share' && typeof c.in === 'string' && !valueCols.has(c.in)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', name, 'in'],
          message: `"${c.in}" is not a value column (a value column, or a total such as { flow: export, commodity: { system: TOTAL, code: TOTAL } })`,
        });
      }
      if (c.role === 'value' && !c.flow && !spec.defaults.flow) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', name, 'flow'],
          message:
            'a value column needs a flow (here or in `defaults.flow`): export, import, total, re-export, re-import',
        });
      }
    }
    spec.corrections.forEach((c, i) => {
      if (c.column !== undefined && !(c.column in cols)) {
        ctx.addIssue({
          code: 'custom',
          path: ['corrections', i, 'column'],
          message: `"${c.column}" is not a column of the spec (one of ${Object.keys(cols).join(', ')})`,
        });
      }
      for (const [j, col] of (c.columns ?? []).entries()) {
        if (!valueCols.has(col)) {
          ctx.addIssue({
            code: 'custom',
            path: ['corrections', i, 'columns', j],
            message: `"${col}" is not a value column (one of ${[...valueCols].join(', ')})`,
          });
        }
      }
    });
  });
export type WideSpec = z.infer<typeof WideSpec>;
export type WideSpecInput = z.input<typeof WideSpec>;

// ---------------------------------------------------------------- printed numbers

export interface PrintedValue {
  /** The number (as printed; percentages stay in %). */
  value: number;
  /** Digits after the decimal point as printed: 1 for "22.9", 0 for "15". */
  decimals: number;
}

/**
 * Parses a number as printed: optional sign (ASCII or Unicode minus), digits with
 * optional thousands separators, optional decimals, optional trailing `%`.
 * Returns null when the text is not a number. An empty string is not a number
 * (blank cells are handled by the caller).
 */
export function parsePrinted(text: string, decimal: '.' | ',' = '.'): PrintedValue | null {
  const t = text
    .trim()
    .replace(/^[\u2212\u2013]/, '-')
    .replace(/%$/, '')
    .trim();
  const thousands = decimal === '.' ? ',' : '[. \u00a0]';
  const re = new RegExp(`^([+-]?)(\\d{1,3}(?:${thousands}\\d{3})+|\\d+)(?:\\${decimal}(\\d+))?$`);
  const m = re.exec(t);
  if (!m) return null;
  const intPart = m[2].replace(/[^\d]/g, '');
  const frac = m[3] ?? '';
  const value = Number(`${m[1]}${intPart}${frac ? `.${frac}` : ''}`);
  return Number.isFinite(value) ? { value, decimals: frac.length } : null;
}

/** Half a unit in the last printed place: 0.05 for one decimal, 0.5 for none. */
export function halfUlp(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

/** A slug for a source's own category name: "Electromechanical Product" → "electromechanical-product". */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9\u0400-\u04ff\u4e00-\u9fff]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// ---------------------------------------------------------------- parsing with positions

/** An error in a spec or table file: `file:line:column: value: why (what would be valid)`. */
export class SpecError extends AmurError {
  constructor(
    override readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly value: string,
    readonly why: string,
  ) {
    super('input', `${file}:${line}:${column}: ${value}: ${why}`, {
      file,
      record: `line ${line}`,
      field: `column ${column}`,
    });
    this.name = 'SpecError';
  }
}

/** Several errors at once (each is one line). */
export class SpecErrors extends AmurError {
  constructor(readonly errors: SpecError[]) {
    super('input', errors.map((e) => e.message).join('\n'), { file: errors[0]?.file });
    this.name = 'SpecErrors';
  }
}

function show(v: unknown): string {
  if (v === undefined) return '(missing)';
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** A parsed spec file that can say where a path of the spec is (for errors found after validation). */
export interface LocatedSpec {
  spec: WideSpec;
  file: string;
  /** `file:line:column` position of a path such as `['corrections', 0, 'row']` (its deepest existing part). */
  locate(path: readonly (string | number)[]): { line: number; column: number };
  /** A `SpecError` at a path: `file:line:column: value: why`. */
  error(path: readonly (string | number)[], value: unknown, why: string): SpecError;
}

/**
 * Parses and validates a spec from YAML text. Every problem is reported as
 * `file:line:column: value: why (what would be valid)`; throws `SpecErrors`.
 */
export function parseWideSpec(yamlText: string, file: string): WideSpec {
  return parseWideSpecLocated(yamlText, file).spec;
}

/** As `parseWideSpec`, keeping the positions for later errors. */
export function parseWideSpecLocated(yamlText: string, file: string): LocatedSpec {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new SpecErrors(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? { line: 0, col: 0 };
        return new SpecError(file, pos.line, pos.col, 'YAML', `${e.message.split('\n')[0]} (valid YAML)`);
      }),
    );
  }
  const locate = (p: readonly (string | number)[]) => {
    let path = [...p];
    let node: unknown = path.length ? doc.getIn(path, true) : doc.contents;
    while (!node && path.length > 0) {
      path = path.slice(0, -1);
      node = path.length ? doc.getIn(path, true) : doc.contents;
    }
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    const pos = range ? lineCounter.linePos(range[0]) : { line: 1, col: 1 };
    return { line: pos.line, column: pos.col };
  };
  const data = yamlValues(doc, file) as ReturnType<typeof doc.toJS>;
  const error = (path: readonly (string | number)[], value: unknown, why: string) => {
    const pos = locate(path);
    return new SpecError(file, pos.line, pos.column, `${path.join('.')} = ${show(value)}`, why);
  };
  const parsed = WideSpec.safeParse(data);
  if (parsed.success) return { spec: parsed.data, file, locate, error };
  throw new SpecErrors(
    parsed.error.issues.map((issue) => {
      const path = issue.path as (string | number)[];
      const value = getPath(data, path);
      const pos = locate(path);
      const where = path.length ? `${path.join('.')} = ${show(value)}` : 'spec';
      return new SpecError(file, pos.line, pos.column, where, describeIssue(issue));
    }),
  );
}

function getPath(data: unknown, path: (string | number)[]): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} (the fields docs/trade.md lists for this part of the spec)`;
  }
  if (issue.code === 'invalid_value') {
    return `not allowed (one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`;
  }
  if (issue.code === 'invalid_union' && issue.path.length > 0) {
    const last = issue.path[issue.path.length - 1];
    if ('note' in issue && typeof issue.note === 'string' && /discriminator/i.test(issue.note)) {
      return `no such role/kind (${last === 'role' ? 'key, rank, commodity, value, quantity, growth, share, label, ignore' : 'value, growth, share'})`;
    }
  }
  if (issue.code === 'invalid_type') {
    const m = issue.message.replace(/^Invalid input: /, '');
    return issue.input === undefined ? `missing (${m})` : `wrong type (${m})`;
  }
  return /\(.*\)/.test(issue.message) ? issue.message : `not valid (${issue.message})`;
}
