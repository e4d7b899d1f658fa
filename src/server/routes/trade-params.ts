/**
 * The trade endpoints' request parameters and answers, each written once:
 * the URL form of the library's filters (`FlowQuery`, `IndicatorParams`,
 * `ChartParams`): lists comma-separated, regions by code or by name. The
 * values go through the library's own schemas once resolved
 * (`flowQueryOf`, the indicator route).
 */
import { z } from 'zod';
import { CHART_KINDS, type ChartKind, LANGS } from '../../trade/charts/index.ts';
import { FlowQuery } from '../../trade/flow-query.ts';
import { INDICATORS, IndicatorParams, IndicatorResult } from '../../trade/indicators/index.ts';
import { FLOWS, SourceId as SourceIdRule } from '../../trade/vocabulary.ts';
import { csvEnum, text } from '../params.ts';
import { FillMirrorParams, MirrorUse } from './trade-mirror.ts';

/** A source id: the library's one rule (`vocabulary.ts`). */
export const SourceId = SourceIdRule.describe('a source id as listed by GET /api/trade/sources');

/** Rows of one page of /trade/query and /trade/export: an answer is built in bounded memory. */
export const MAX_PAGE_ROWS = 10_000;

/** Regions, comma-separated, by code or by name. */
export const RegionList = text(500).describe(
  'comma-separated region codes or names in en/zh/ru: CHN, RUS, CN-HL, CN-HL-HEIHE, WLD, 黑龙江 …',
);
/** Commodities, comma-separated. */
const CommodityList = text(500).optional().describe('comma-separated: TOTAL, HS codes, or prefixes like 27*');
/** Source ids, comma-separated. */
const SourceList = text(500).optional().describe('comma-separated source ids');
/** A year in a URL. */
const YearParam = z.coerce.number().pipe(z.number().int().min(1900).max(2100));
/** The flows of `FlowQuery`, comma-separated. */
const FlowList = csvEnum(FLOWS, 'flows').optional();

/** The filters of `amur trade query`, as URL parameters. */
export const TradeFilters = z
  .object({
    reporter: RegionList.optional(),
    partner: RegionList.optional(),
    flow: FlowList,
    year: FlowQuery.shape.year,
    period: FlowQuery.shape.period,
    commodity: CommodityList,
    source: SourceList,
    level: FlowQuery.shape.level,
    variant: FlowQuery.shape.variant,
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_PAGE_ROWS)
      .optional()
      .describe(
        `rows per page (default and most ${MAX_PAGE_ROWS}); the next page is named by X-Amur-Next-Cursor`,
      ),
    cursor: z.coerce
      .number()
      .int()
      .min(0)
      .max(1_000_000_000)
      .optional()
      .describe('where the page starts: the X-Amur-Next-Cursor of the previous page (default 0)'),
  })
  .strict();
export type TradeFilters = z.output<typeof TradeFilters>;

/** The filters of `GET /trade/query` and `GET /trade/export/:format`, with `fillMirror` (`--fill-mirror`). */
export const QueryFilters = TradeFilters.extend(FillMirrorParams);

export const TradeSource = z.object({
  id: z.string(),
  title: z
    .string()
    .describe('the title in `lang` (default en); the English one where none is known in `lang`'),
  titleLang: z.enum(LANGS).describe('the language `title` is in'),
  titleOriginal: z
    .string()
    .describe(
      'the title as printed in the source (or as the importer or the user gave it), used in citations',
    ),
  titles: z
    .object({ en: z.string(), zh: z.string().nullable(), ru: z.string().nullable() })
    .describe('the title in each language; null where no translation is known (a title the user gave)'),
  rows: z.number().nullable(),
  importer: z.string().nullable(),
  publisher: z.string().nullable(),
  url: z.string().nullable(),
  citation: z.string().nullable(),
  licence: z.string().nullable(),
});

/** `GET /trade/sources` and `GET /trade/sources/:id`: `lang` says the titles in that language. */
export const SourceLangQuery = z
  .object({
    lang: z.enum(LANGS).default('en').describe('en, zh or ru: the language of `title`'),
  })
  .strict();

const NamedCode = z.object({
  code: z.string(),
  level: z.string().nullable(),
  names: z.object({ en: z.string().nullable(), zh: z.string().nullable(), ru: z.string().nullable() }),
});

export const TradeSourceDetail = z.object({
  source: TradeSource,
  reporters: z.array(NamedCode),
  partners: z.array(NamedCode),
  flows: z.array(z.string()),
  years: z.array(z.number()),
  commodities: z.array(z.object({ code: z.string(), label: z.string().nullable() })),
  variants: z.array(z.string()),
  audit: z.boolean().describe('true when the source is a printed table that `audit` can check'),
});

export const FlowRow = z
  .record(z.string(), z.unknown())
  .describe('one flow; columns as in `amur trade query --json`');

export const IndicatorName = z.enum(INDICATORS.map((d) => d.name) as [string, ...string[]]);

/** `GET /trade/indicators`: `lang` adds each indicator's texts in that language (the English fields stay). */
export const IndicatorListQuery = z
  .object({
    lang: z.enum(LANGS).optional().describe('en, zh or ru: adds `texts` (title, definition, unit, needs)'),
  })
  .strict();

/** The indicator parameters as URL parameters (lists comma-separated, regions by code or name). */
export const IndicatorQuery = z
  .object({
    reporter: RegionList.optional(),
    partner: RegionList.optional(),
    year: YearParam.optional(),
    from: YearParam.optional(),
    to: YearParam.optional(),
    flow: IndicatorParams.shape.flow,
    commodity: CommodityList,
    level: z.coerce.number().pipe(z.number().int().min(1).max(10)).optional(),
    source: SourceList,
    variant: IndicatorParams.shape.variant,
    of: IndicatorParams.shape.of,
    in: text(100).optional().describe('`share` of a reporter: the region whose total is the denominator'),
    by: IndicatorParams.shape.by,
    period: IndicatorParams.shape.period,
    method: text(40).optional(),
    ...FillMirrorParams,
  })
  .strict();

/** The library's `IndicatorResult`, with what fillMirror=true used. */
export const IndicatorResponse = IndicatorResult.extend({
  mirror: MirrorUse.optional().describe('with fillMirror=true: how much of the flows is mirror data'),
}).describe('IndicatorResult');

/** A chart file name: `KIND.FORMAT`. */
export const ChartFile = z
  .string()
  .regex(
    new RegExp(`^(${CHART_KINDS.join('|')})\\.(json|svg|png)$`),
    `a chart file name KIND.FORMAT: kind ${CHART_KINDS.join(', ')}; format json, svg or png`,
  )
  .transform((f) => {
    const [kind, format] = f.split('.');
    return { kind: kind as ChartKind, format: format as 'json' | 'svg' | 'png' };
  });

export const ChartQuery = z
  .object({
    source: SourceList,
    reporter: RegionList.optional(),
    partner: RegionList.optional(),
    flow: FlowList,
    year: YearParam.optional(),
    from: YearParam.optional(),
    to: YearParam.optional(),
    variant: IndicatorParams.shape.variant,
    lang: z.enum(LANGS).default('en'),
    width: z.coerce.number().pipe(z.number().int().min(200).max(3000)).optional(),
    height: z.coerce.number().pipe(z.number().int().min(150).max(3000)).optional(),
    ...FillMirrorParams,
  })
  .strict();

export const AuditQuery = z.object({ variant: z.enum(['as-printed', 'as-corrected']).optional() }).strict();

/** The annotated copy's parameters: the audit's, and the language of its notes, columns and sheets. */
export const AnnotatedQuery = z
  .object({
    variant: AuditQuery.shape.variant,
    lang: z
      .enum(LANGS)
      .default('en')
      .describe("en, zh or ru: the findings' notes and the added columns' names"),
  })
  .strict();

export const ImportQuery = z
  .object({
    name: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,119}\.(csv|json|xlsx)$/,
        'a file name ending in .csv, .json or .xlsx',
      )
      .describe('the uploaded file name (tells the format: .csv, .json, .xlsx)'),
    format: z
      .enum(['comtrade', 'baci'])
      .optional()
      .describe('force a format (default: detected from the header)'),
    skipBad: z.enum(['true', 'false']).optional(),
    mirror: z.enum(['true', 'false']).optional(),
    title: text(300).optional(),
  })
  .strict();
