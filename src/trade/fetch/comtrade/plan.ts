/**
 * The quota planner: splits a Comtrade query into calls that each stay within
 * the tier's records per call and 12 periods per call, and says how many calls
 * it will make before any is made. Records are estimated as an upper bound
 * (reporters × partners × periods × flows × commodity codes; see `ESTIMATE`).
 */
import { createHash } from 'node:crypto';
import { ESTIMATE, MAX_URL_LENGTH, PERIODS_PER_CALL, type TierLimits } from './limits.ts';
import type { ComtradeQuery } from './query.ts';

/** One call of a plan. */
export interface ComtradeCall {
  /** 1-based position in the plan */
  index: number;
  /** path after the base URL, e.g. `/data/v1/get/C/A/HS` */
  path: string;
  /** query parameters (never the key: it travels in a header) */
  params: Record<string, string>;
  /** `path?params` with the parameters sorted: what the cache is keyed by */
  canonical: string;
  /** sha256 of `canonical` (hex), the cache file name */
  key: string;
  /** upper bound of the records this call returns */
  estimatedRecords: number;
  /** the estimate exceeds the records per call and the call cannot be split further */
  mayBeCut: boolean;
  /** a short description: periods, reporters, partners, flows, codes */
  label: string;
}

export interface ComtradePlan {
  tier: TierLimits;
  calls: ComtradeCall[];
  estimatedRecords: number;
  warnings: string[];
}

interface Unit {
  reporter: number[] | null;
  partner: number[] | null;
  period: string[];
  flow: string[];
  cmd: string[];
}

function cmdEstimate(code: string): number {
  if (code === 'AG2' || code === 'AG4' || code === 'AG6' || code === 'ALL') return ESTIMATE[code];
  return 1;
}

function estimate(u: Unit): number {
  const r = u.reporter?.length ?? ESTIMATE.allReporters;
  const p = u.partner?.length ?? ESTIMATE.allPartners;
  const c = u.cmd.reduce((s, x) => s + cmdEstimate(x), 0);
  return r * p * u.period.length * u.flow.length * c;
}

function chunk<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

type Dim = 'period' | 'reporter' | 'partner' | 'cmd' | 'flow';
const SPLIT_ORDER: Dim[] = ['period', 'reporter', 'partner', 'cmd', 'flow'];

/** Splits a unit along the first dimension that can be split until each part fits `limit`. */
function split(u: Unit, limit: number): Unit[] {
  const est = estimate(u);
  if (est <= limit) return [u];
  for (const dim of SPLIT_ORDER) {
    const list = u[dim];
    if (list === null || list.length < 2) continue;
    const perItem = est / list.length;
    const size = Math.max(1, Math.floor(limit / perItem));
    return chunk(list as (string | number)[], size).flatMap((part) =>
      split({ ...u, [dim]: part } as Unit, limit),
    );
  }
  return [u];
}

function canonicalOf(path: string, params: Record<string, string>): string {
  const q = Object.keys(params)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k])}`)
    .join('&');
  return `${path}?${q}`;
}

/** Plans the calls for `q` on `tier`. Never calls anything. */
export function planCalls(q: ComtradeQuery, tier: TierLimits): ComtradePlan {
  const path = `${tier.endpoint}/${q.typeCode}/${q.freqCode}/${q.clCode}`;
  const units = chunk(q.period, PERIODS_PER_CALL).flatMap((period) =>
    split(
      { reporter: q.reporterCode, partner: q.partnerCode, period, flow: q.flowCode, cmd: q.cmdCode },
      tier.recordsPerCall,
    ),
  );
  const warnings: string[] = [];
  const calls = units.map((u, i): ComtradeCall => {
    const params: Record<string, string> = {
      period: u.period.join(','),
      cmdCode: u.cmd.join(','),
      flowCode: u.flow.join(','),
      partner2Code: '0',
      customsCode: 'C00',
      motCode: '0',
      maxRecords: String(tier.recordsPerCall),
      includeDesc: 'true',
      breakdownMode: 'classic',
    };
    if (u.reporter) params.reporterCode = u.reporter.join(',');
    if (u.partner) params.partnerCode = u.partner.join(',');
    const canonical = canonicalOf(path, params);
    const est = estimate(u);
    const label = `period ${u.period.join(',')} reporter ${u.reporter?.join(',') ?? 'all'} partner ${u.partner?.join(',') ?? 'all'} flow ${u.flow.join(',')} cmd ${u.cmd.join(',')}`;
    if (canonical.length + 200 > MAX_URL_LENGTH)
      throw new Error(
        `call ${i + 1} (${label.slice(0, 120)}…): its URL would exceed the API's ${MAX_URL_LENGTH} characters; ask for fewer areas or codes`,
      );
    return {
      index: i + 1,
      path,
      params,
      canonical,
      key: createHash('sha256').update(canonical).digest('hex'),
      estimatedRecords: est,
      mayBeCut: est > tier.recordsPerCall,
      label,
    };
  });
  const cut = calls.filter((c) => c.mayBeCut);
  if (cut.length)
    warnings.push(
      `${cut.length} call(s) may return more than ${tier.recordsPerCall.toLocaleString('en-US')} records (estimated up to ${Math.max(...cut.map((c) => c.estimatedRecords)).toLocaleString('en-US')}) and cannot be split further; a response that reaches the limit stops the run`,
    );
  if (tier.callsPerDay !== null && calls.length > tier.callsPerDay)
    warnings.push(
      `${calls.length} calls exceed the ${tier.tier} tier's ${tier.callsPerDay} calls per day: the run stops at the quota and resumes from the cache when run again`,
    );
  return {
    tier,
    calls,
    estimatedRecords: calls.reduce((s, c) => s + c.estimatedRecords, 0),
    warnings,
  };
}
