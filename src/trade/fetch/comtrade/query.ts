/**
 * A Comtrade+ request in Amur's own vocabulary — areas by ISO3 code or name
 * (en/zh/ru), periods like `2019-2024` or `2023-01..2023-06`, flows by name,
 * HS levels or codes — validated and translated to the API's codes before
 * any call: M49/Comtrade area numbers, `YYYY` or `YYYYMM` periods, flow codes
 * M/X/RM/RX, `AG2`/`AG4`/`AG6`/`TOTAL` or HS codes.
 *
 * Validation refuses what the API would refuse or what would exhaust a quota
 * by accident: annual and monthly periods mixed, months in an annual query,
 * "all reporters × all partners", unknown areas (with the nearest names),
 * malformed HS codes.
 */
import countries from 'i18n-iso-countries';
import { z } from 'zod';
import { describeIssues, describeUnknownField } from '../../../atlas/problems.ts';
import { AmurError } from '../../../errors.ts';
import { allRegions, comtradeSpecialAreas, type Region } from '../../regions.ts';

/** The flows a user can name, and their Comtrade codes. */
export const FLOW_CODES = { import: 'M', export: 'X', 're-import': 'RM', 're-export': 'RX' } as const;
export type FlowName = keyof typeof FLOW_CODES;

/** HS revisions as Comtrade names them (`HS` = as reported). */
export const CLASSIFICATIONS = ['HS', 'H0', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6'] as const;

/** What a user asks for (CLI flags, API body): one schema, used by both. */
export const ComtradeFetchRequest = z
  .object({
    /** ISO3 codes, names (en/zh/ru) or M49 numbers; `all` = every reporter */
    reporter: z.array(z.string().min(1)).min(1, 'give at least one reporter (an ISO3 code such as CHN)'),
    /** default: the world (`WLD`, Comtrade partner 0); `all` = every partner */
    partner: z.array(z.string().min(1)).default(['WLD']),
    /** `2019`, `2019-2024`, `2023-03`, `202303`, `2023-01..2023-06`; comma-separated lists allowed */
    period: z.string().min(4),
    flow: z.array(z.enum(Object.keys(FLOW_CODES) as [FlowName, ...FlowName[]])).default(['import', 'export']),
    /** HS level: every chapter (2), heading (4) or subheading (6) */
    hs: z.enum(['2', '4', '6']).optional(),
    /** `TOTAL` or HS codes of 2, 4 or 6 digits */
    commodity: z.array(z.string().min(1)).optional(),
    classification: z.enum(CLASSIFICATIONS).default('HS'),
  })
  .strict();
export type ComtradeFetchRequest = z.input<typeof ComtradeFetchRequest>;

/** The request in Comtrade's codes. `null` area lists mean "all" (the parameter is left out). */
export interface ComtradeQuery {
  typeCode: 'C';
  freqCode: 'A' | 'M';
  clCode: string;
  reporterCode: number[] | null;
  partnerCode: number[] | null;
  period: string[];
  flowCode: string[];
  cmdCode: string[];
  /** the areas as Amur codes, for messages and source titles */
  labels: { reporter: string[]; partner: string[] };
}

/** A request that cannot be sent: names the parameter, the value and what would be valid. */
export class ComtradeRequestError extends AmurError {
  constructor(
    parameter: string,
    readonly value: unknown,
    why: string,
  ) {
    super('input', `${parameter} ${JSON.stringify(value)}: ${why}`, { parameter });
    this.name = 'ComtradeRequestError';
  }
}

interface AreaIndex {
  byKey: Map<string, { code: string; m49: number }>;
  names: string[];
  /** provinces, federal subjects and cities by code and names → their code */
  subdivisions: Map<string, string>;
}

let areaIndex: AreaIndex | null = null;

/** Amur region code → Comtrade area number, and every name/code a user may type → both. */
function areas(): AreaIndex {
  if (areaIndex) return areaIndex;
  const special = new Map<string, number>();
  for (const a of comtradeSpecialAreas())
    if (a.level === 'country' || a.level === 'world') special.set(a.code, a.numeric_code);
  const byKey = new Map<string, { code: string; m49: number }>();
  const names: string[] = [];
  const add = (k: string | null, v: { code: string; m49: number }) => {
    if (!k) return;
    const key = k.trim().toLowerCase();
    if (!byKey.has(key)) byKey.set(key, v);
  };
  const regions: Region[] = allRegions().filter((r) => r.level === 'country' || r.level === 'world');
  for (const r of regions) {
    const m49 = special.get(r.code) ?? r.m49;
    if (m49 === null) continue;
    const v = { code: r.code, m49 };
    for (const k of [r.code, r.iso2, r.name_en, r.name_zh, r.name_ru, String(m49)]) add(k, v);
    // every name the ISO package knows (official and short: "Russian Federation", "Russia", "Российская Федерация")
    if (r.iso3)
      for (const lang of ['en', 'zh', 'ru'])
        for (const n of countries.getName(r.iso3, lang, { select: 'all' }) ?? []) add(n, v);
    names.push(`${r.code} ${r.name_en ?? ''}`);
  }
  const subdivisions = new Map<string, string>();
  for (const r of allRegions())
    if (r.level === 'province' || r.level === 'city')
      for (const k of [r.code, r.name_en, r.name_zh, r.name_ru])
        if (k) subdivisions.set(k.toLowerCase(), r.code);
  areaIndex = { byKey, names, subdivisions };
  return areaIndex;
}

function resolveAreas(parameter: string, values: string[]): { codes: number[] | null; labels: string[] } {
  const list = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  if (list.some((v) => v.toLowerCase() === 'all')) {
    if (list.length > 1)
      throw new ComtradeRequestError(
        parameter,
        values.join(','),
        '"all" cannot be combined with other areas',
      );
    return { codes: null, labels: ['all'] };
  }
  const idx = areas();
  const codes: number[] = [];
  const labels: string[] = [];
  for (const v of list) {
    const hit = idx.byKey.get(v.toLowerCase());
    const sub = hit ? undefined : idx.subdivisions.get(v.toLowerCase());
    if (sub)
      throw new ComtradeRequestError(
        parameter,
        v,
        `${sub} is a province or federal subject: Comtrade reports countries only; for provinces import China customs (GACC) or Russian customs (FCS) exports (amur trade import --format gacc|fcs)`,
      );
    if (!hit) {
      const needle = v.toLowerCase().slice(0, 3);
      const near = idx.names.filter((n) => n.toLowerCase().includes(needle)).slice(0, 5);
      throw new ComtradeRequestError(
        parameter,
        v,
        `unknown country or area (an ISO 3166 alpha-3 code such as CHN or RUS, a name in English, Chinese or Russian, a Comtrade/M49 number, WLD for the world, or "all")${near.length ? `; did you mean ${near.join(', ')}?` : ''}`,
      );
    }
    if (!codes.includes(hit.m49)) {
      codes.push(hit.m49);
      labels.push(hit.code);
    }
  }
  return { codes, labels };
}

/** Expands a period expression into Comtrade periods (`YYYY` or `YYYYMM`) and tells the frequency. */
export function parsePeriods(text: string): { freqCode: 'A' | 'M'; period: string[] } {
  const out: string[] = [];
  let freq: 'A' | 'M' | null = null;
  const setFreq = (f: 'A' | 'M', part: string) => {
    if (freq !== null && freq !== f)
      throw new ComtradeRequestError(
        'period',
        text,
        `mixes years and months ("${part}"); Comtrade takes either years (YYYY, annual data) or months (YYYYMM, monthly data) in one query`,
      );
    freq = f;
  };
  const month = (s: string): [number, number] | null => {
    const m = /^(\d{4})-?(\d{2})$/.exec(s);
    if (!m) return null;
    const mm = Number(m[2]);
    if (mm < 1 || mm > 12)
      throw new ComtradeRequestError('period', text, `"${s}" has month ${m[2]}; a month is 01–12`);
    return [Number(m[1]), mm];
  };
  const checkYear = (y: number, part: string) => {
    if (y < 1962 || y > 2100)
      throw new ComtradeRequestError(
        'period',
        text,
        `"${part}": ${y} is outside the years Comtrade covers (1962 onwards)`,
      );
  };
  const monthsBetween = (part: string, a: [number, number], b: [number, number]) => {
    checkYear(a[0], part);
    checkYear(b[0], part);
    if (b[0] * 12 + b[1] < a[0] * 12 + a[1])
      throw new ComtradeRequestError('period', text, `"${part}" ends before it starts`);
    for (let i = a[0] * 12 + a[1] - 1; i <= b[0] * 12 + b[1] - 1; i++)
      out.push(`${Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`);
  };
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const year = /^(\d{4})$/.exec(part);
    const years = /^(\d{4})-(\d{4})$/.exec(part);
    const months = /^(\d{4}-?\d{2})\.\.(\d{4}-?\d{2})$/.exec(part);
    const single = year || years || months ? null : month(part);
    if (year) {
      setFreq('A', part);
      checkYear(Number(year[1]), part);
      out.push(year[1]);
    } else if (years) {
      setFreq('A', part);
      const [a, b] = [Number(years[1]), Number(years[2])];
      checkYear(a, part);
      checkYear(b, part);
      if (b < a) throw new ComtradeRequestError('period', text, `"${part}" ends before it starts`);
      for (let y = a; y <= b; y++) out.push(String(y));
    } else if (single) {
      setFreq('M', part);
      monthsBetween(part, single, single);
    } else if (months) {
      setFreq('M', part);
      const a = month(months[1]);
      const b = month(months[2]);
      if (!a || !b) throw new ComtradeRequestError('period', text, `"${part}" is not a month range`);
      monthsBetween(part, a, b);
    } else
      throw new ComtradeRequestError(
        'period',
        text,
        `"${part}" is not a period: give years (2019, 2019-2024) or months (2023-03, 202303, 2023-01..2023-06), comma-separated`,
      );
  }
  return { freqCode: freq ?? 'A', period: [...new Set(out)] };
}

function commodityCodes(hs: string | undefined, commodity: string[] | undefined): string[] {
  const out: string[] = [];
  for (const raw of (commodity ?? []).flatMap((c) => c.split(','))) {
    const c = raw.trim().toUpperCase();
    if (c === 'TOTAL' || /^AG[246]$/.test(c)) out.push(c);
    else if (/^\d+$/.test(c) && [2, 4, 6].includes(c.length)) out.push(c);
    else
      throw new ComtradeRequestError(
        'commodity',
        raw,
        'not a commodity code: TOTAL, or an HS code of 2, 4 or 6 digits with its leading zeros (e.g. 03, 2709, 440711)',
      );
  }
  if (hs) out.push(`AG${hs}`);
  if (out.length === 0) out.push('TOTAL');
  return [...new Set(out)];
}

/**
 * The first refused parameter of a request, with every problem of that
 * parameter by the shared describer (what is wrong and what would be valid);
 * an unknown parameter says which it may have meant.
 */
function requestError(input: Record<string, unknown>, issues: z.core.$ZodIssue[]): ComtradeRequestError {
  const first = issues[0];
  if (first.code === 'unrecognized_keys') {
    const key = first.keys[0];
    return new ComtradeRequestError(key, input[key], describeUnknownField(ComtradeFetchRequest, [key]));
  }
  const key = first.path[0];
  const problems = describeIssues(issues.filter((i) => i.code !== 'unrecognized_keys' && i.path[0] === key));
  const parameter = key === undefined ? 'request' : String(key);
  const why = problems.map(([field, problem]) => (field === parameter ? problem : `${field}: ${problem}`));
  return new ComtradeRequestError(parameter, key === undefined ? input : input[parameter], why.join('; '));
}

/** Validates a request and translates it to Comtrade's codes. Throws `ComtradeRequestError`. */
export function toComtradeQuery(input: ComtradeFetchRequest): ComtradeQuery {
  const parsed = ComtradeFetchRequest.safeParse(input, { reportInput: true });
  if (!parsed.success) throw requestError(input as Record<string, unknown>, parsed.error.issues);
  const r = parsed.data;
  const reporter = resolveAreas('reporter', r.reporter);
  const partner = resolveAreas('partner', r.partner);
  if (reporter.codes === null && partner.codes === null)
    throw new ComtradeRequestError(
      'partner',
      'all',
      'all reporters × all partners is refused: it would take thousands of calls; name the reporters or the partners',
    );
  const { freqCode, period } = parsePeriods(r.period);
  return {
    typeCode: 'C',
    freqCode,
    clCode: r.classification,
    reporterCode: reporter.codes,
    partnerCode: partner.codes,
    period,
    flowCode: [...new Set(r.flow.map((f) => FLOW_CODES[f]))],
    cmdCode: commodityCodes(r.hs, r.commodity),
    labels: { reporter: reporter.labels, partner: partner.labels },
  };
}
