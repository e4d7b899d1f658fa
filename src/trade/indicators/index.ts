/**
 * The indicator registry: `computeIndicator(store, name, params)` and
 * `listIndicators()`. One module per family, each documenting its formulas:
 *
 * - `growth.ts` — growth, average-growth
 * - `shares.ts` — share, balance, dependence
 * - `concentration.ts` — hhi, diversification
 * - `comparative.ts` — rca, specialisation, intensity, complementarity
 * - `complexity.ts` — eci, pci (and proximity, density as functions)
 * - `intra-industry.ts` — grubel-lloyd
 * - `unit-values.ts` — unit-value, value-volume
 * - `mirror.ts` — mirror
 *
 * Every indicator is SQL over the store, refuses with an `IndicatorError`
 * saying what is missing, and returns `{ indicator, definition, unit, columns, rows, notes }`
 * (`IndicatorResult`, result.ts: one zod schema for the library, the CLI and
 * the API; each note a code with params, said in en/zh/ru by
 * src/i18n/indicator-notes.ts).
 */
import type { z } from 'zod';
import { describeIssues, describeUnknownField } from '../../atlas/problems.ts';
import type { Store } from '../store.ts';
import {
  type IndicatorDef,
  IndicatorError,
  IndicatorParams,
  IndicatorResult,
  type ParamName,
} from './common.ts';
import { COMPARATIVE_INDICATORS } from './comparative.ts';
import { COMPLEXITY_INDICATORS } from './complexity.ts';
import { CONCENTRATION_INDICATORS } from './concentration.ts';
import { GROWTH_INDICATORS } from './growth.ts';
import { INTRA_INDUSTRY_INDICATORS } from './intra-industry.ts';
import { MIRROR_INDICATORS } from './mirror.ts';
import { SHARE_INDICATORS } from './shares.ts';
import { UNIT_VALUE_INDICATORS } from './unit-values.ts';

export { IndicatorNote } from './result.ts';
export { type IndicatorDef, IndicatorError, IndicatorParams, IndicatorResult };

export const INDICATORS: readonly IndicatorDef[] = [
  ...GROWTH_INDICATORS,
  ...SHARE_INDICATORS,
  ...CONCENTRATION_INDICATORS,
  ...COMPARATIVE_INDICATORS,
  ...COMPLEXITY_INDICATORS,
  ...INTRA_INDUSTRY_INDICATORS,
  ...UNIT_VALUE_INDICATORS,
  ...MIRROR_INDICATORS,
];

const BY_NAME = new Map(INDICATORS.map((d) => [d.name, d]));

/** Name, title, definition, unit, what it needs and which parameters it reads, for `--list` and the API. */
export function listIndicators(): Pick<
  IndicatorDef,
  'name' | 'title' | 'definition' | 'unit' | 'needs' | 'params'
>[] {
  return INDICATORS.map(({ name, title, definition, unit, needs, params }) => ({
    name,
    title,
    definition,
    unit,
    needs,
    params,
  }));
}

/**
 * Parameters an indicator refuses: `name: parameter p: problem (what is
 * valid)`, one a line, by the shared describer; an unknown parameter says
 * which it may have meant.
 */
function paramsError(name: string, issues: z.core.$ZodIssue[]): IndicatorError {
  const lines = describeIssues(issues.filter((i) => i.code !== 'unrecognized_keys')).map(
    ([field, problem]) => `${name}: parameter ${field === '(record)' ? '(params)' : field}: ${problem}`,
  );
  for (const issue of issues)
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys)
        lines.push(
          `${name}: parameter ${key}: ${describeUnknownField(IndicatorParams, [...issue.path, key])}`,
        );
  return new IndicatorError(lines.join('\n'));
}

/**
 * Computes an indicator. Throws `IndicatorError` for an unknown name, a
 * parameter the indicator does not read, or missing data.
 */
export async function computeIndicator(
  store: Store,
  name: string,
  params: IndicatorParams | Record<string, unknown> = {},
): Promise<IndicatorResult> {
  const def = BY_NAME.get(name);
  if (!def)
    throw new IndicatorError(
      `no indicator "${name}" (one of ${INDICATORS.map((d) => d.name).join(', ')}; \`amur trade indicator --list\` describes them)`,
    );
  const parsed = IndicatorParams.safeParse(params, { reportInput: true });
  if (!parsed.success) throw paramsError(name, parsed.error.issues);
  const p = parsed.data;
  for (const k of Object.keys(p) as ParamName[])
    if (p[k] !== undefined && !def.params.includes(k))
      throw new IndicatorError(
        `${name} does not use --${k} (it reads ${def.params.map((x) => `--${x}`).join(', ')})`,
      );
  if (p.from !== undefined && p.to !== undefined && p.from > p.to)
    throw new IndicatorError(`${name}: --from ${p.from} is after --to ${p.to}`);
  const r = await def.compute(store, p);
  return { indicator: def.name, definition: def.definition, unit: def.unit, ...r };
}
