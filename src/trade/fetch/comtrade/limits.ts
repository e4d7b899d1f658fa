/**
 * What the Comtrade+ API v1 allows per call and per day, by access tier, with
 * where each number is documented. The planner (`plan.ts`) chunks a query to
 * these limits; the client (`client.ts`) paces its calls by `minIntervalMs`.
 */

export type ComtradeTier = 'preview' | 'free' | 'premium';

export interface TierLimits {
  tier: ComtradeTier;
  /** the endpoint path prefix, before `/{typeCode}/{freqCode}/{clCode}` */
  endpoint: string;
  /** the most records one call returns (the `maxRecords` parameter is set to this) */
  recordsPerCall: number;
  /** calls per day per key (null: not documented for this tier) */
  callsPerDay: number | null;
  /** whether the tier needs a subscription key */
  needsKey: boolean;
  /** where these limits are documented */
  source: string;
}

export const COMTRADE_TIERS: Record<ComtradeTier, TierLimits> = {
  preview: {
    tier: 'preview',
    endpoint: '/public/v1/preview',
    recordsPerCall: 500,
    callsPerDay: null,
    needsKey: false,
    source:
      'comtradeapicall README (PyPI comtradeapicall 1.0.x): previewFinalData "max record 500, no subscription key"',
  },
  free: {
    tier: 'free',
    endpoint: '/data/v1/get',
    recordsPerCall: 100_000,
    callsPerDay: 500,
    needsKey: true,
    source:
      'comtradr vignette "Querying large amounts of data" (docs.ropensci.org/comtradr/articles/large_data.html): free tier "500 calls per day, of which each can take up to 100.000 rows"',
  },
  premium: {
    tier: 'premium',
    endpoint: '/data/v1/get',
    recordsPerCall: 250_000,
    callsPerDay: null,
    needsKey: true,
    source:
      'comtradeapicall README: getFinalData "max record 250K, require free or premium subscription key"',
  },
};

/**
 * Periods per call: at most 12 years (annual) or 12 months (monthly), as
 * comtradr's `ct_get_data` documents ("Max: 12 years after start date for
 * annual data, one year for monthly data").
 */
export const PERIODS_PER_CALL = 12;

/** The API rejects URLs longer than this (comtradr `ct_build_request`: "upper limit of the Comtrade API"). */
export const MAX_URL_LENGTH = 4096;

/**
 * Pause between two calls. Assumption: one call per second. Comtrade+ answers
 * faster clients with HTTP 429 "Rate limit is exceeded. Try again in N
 * seconds" (comtradeapicall#3), which the client honours (Retry-After).
 */
export const DEFAULT_MIN_INTERVAL_MS = 1000;

/** The public host of the API. */
export const COMTRADE_BASE_URL = 'https://comtradeapi.un.org';

/**
 * Upper bounds used to estimate records before a call (HS 2022: 97 chapters
 * incl. 99, 1,229 headings, 5,613 subheadings — datasets/harmonized-system;
 * about 250 partner areas and 200 reporters in Comtrade's reference tables).
 * Estimates only decide how to chunk; a response that reaches the call's
 * record limit is reported as possibly cut.
 */
export const ESTIMATE = {
  AG2: 97,
  AG4: 1229,
  AG6: 5613,
  ALL: 5613 + 1229 + 97 + 1,
  allPartners: 250,
  allReporters: 200,
} as const;
