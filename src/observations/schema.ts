/**
 * The calibration corpus (`data/observations/*.yaml`): published, sourced
 * observations of corridor distances, transit times and costs, and the seed
 * papers' relative claims ("via Vladivostok is cheaper than via Dalian").
 * One zod schema per thing: `ObservationSource`, `Observation`, `Claim`, and
 * `ObservationFile` (a file lists its sources, observations and claims).
 *
 * Every observation says which part of the corpus it belongs to: `split: fit`
 * (the profile's assumed numbers may be tuned on it) or `split: check` (held
 * back; only measured). The two parts are kept apart by the validation report.
 */
import { z } from 'zod';
import { CargoUnit, FreightMode } from '../costs/profile.ts';

const IsoDate = z.string().regex(/^\d{4}-\d\d-\d\d$/, 'a date YYYY-MM-DD');
const PlaceText = z.string().min(1).describe('a place id or name the gazetteer resolves');

export const Split = z.enum(['fit', 'check']);
export type Split = z.infer<typeof Split>;

export const ObservationSource = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case id (a-z, 0-9, -)'),
    title: z.string().min(1),
    publisher: z.string().min(1),
    /** Year of publication (or of the report quoted). */
    year: z.number().int().min(1990).max(2100).optional(),
    url: z.string().url().optional(),
    note: z.string().optional(),
  })
  .strict();
export type ObservationSource = z.infer<typeof ObservationSource>;

/** A published cost: amount, currency, the year of the money, and what it is per. */
export const PublishedCost = z
  .object({
    amount: z.number().positive(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD, CNY, RUB, EUR'),
    year: z.number().int().min(1990).max(2100),
    /** What the amount is per: one cargo unit of the observation (feu, teu, tonne). */
    per: z.enum(['teu', 'feu', 'tonne']),
  })
  .strict();
export type PublishedCost = z.infer<typeof PublishedCost>;

/** How Amur routes the thing a source describes: where, by which modes, on which scenario, when. */
const RouteSpec = {
  from: PlaceText,
  to: PlaceText,
  /** Route through this place (two searches joined there), e.g. murmansk for the Northern Sea Route. */
  via: PlaceText.optional(),
  /** Modes Amur may use; default: the observation's mode, or every mode for `multimodal`. */
  modes: z.array(FreightMode).min(1).optional(),
  /** Places, crossings or countries to avoid. */
  avoid: z.array(z.string().min(1)).optional(),
  /** A shipped scenario id the route is computed on (default: the current atlas). */
  scenario: z.string().min(1).optional(),
  /** Departure date of this route (a claim side may differ from the other, e.g. NSR season vs winter Suez). */
  date: IsoDate.optional(),
};

export const ObservationMode = z.enum(['rail', 'road', 'sea', 'river', 'air', 'multimodal']);

/** What a published transit time covers (see `Observation.scope`). */
export const ObservationScope = z.enum(['terminal-to-terminal', 'door-to-door']);
export type ObservationScope = z.infer<typeof ObservationScope>;

export const Observation = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case id (a-z, 0-9, -)'),
    ...RouteSpec,
    mode: ObservationMode,
    /** The service the source describes, in its words (e.g. "container block train", "direct liner"). */
    service: z.string().min(1).optional(),
    /**
     * What the published days cover. `terminal-to-terminal` (the default): a train's or a liner's own
     * time, compared with Amur's first departure to last arrival. `door-to-door`: a forwarder's time
     * from the shipper to the consignee, compared with Amur's whole itinerary (with the dwell before the
     * first departure and the release after the last arrival; Amur has no consolidation wait and no
     * pre- or on-carriage beyond the observation's places, so the note says what the source includes).
     */
    scope: ObservationScope.default('terminal-to-terminal'),
    cargo: CargoUnit.default('feu'),
    /** Departure date used for routing; else 15 June of `year`; else 2024-06-15. */
    date: IsoDate.optional(),
    /** Year the observation refers to. */
    year: z.number().int().min(1990).max(2100).optional(),
    km: z.number().positive().optional(),
    days: z.number().positive().optional(),
    /**
     * `at-most`: the published days are a maximum the source promises ("90 hours at most"), not a
     * typical time: Amur agrees with it when its time is not above the bound (by more than the
     * tolerance); how far below it is says nothing, and the residual is shown but not ranked.
     */
    daysBound: z.enum(['at-most']).optional(),
    cost: PublishedCost.optional(),
    source: z.string().min(1),
    /** The source's own words (translated where the source is not in English, and marked so). */
    quote: z.string().min(1),
    split: Split,
    note: z.string().optional(),
  })
  .strict()
  .refine((o) => o.daysBound === undefined || o.days !== undefined, {
    message: 'daysBound needs the days it bounds',
    path: ['daysBound'],
  })
  .refine((o) => o.km !== undefined || o.days !== undefined || o.cost !== undefined, {
    message: 'at least one of km, days or cost',
    path: ['km'],
  });
export type Observation = z.infer<typeof Observation>;

/** One side of a relative claim. */
export const ClaimSide = z.object(RouteSpec).strict();
export type ClaimSide = z.infer<typeof ClaimSide>;

/**
 * A relative claim: side `a` against side `b` on one metric, as the source
 * states it — a ratio a/b (0.8 = "20% cheaper"), or a difference a − b in the
 * metric's unit (days, km, or money in `currency` per cargo unit).
 */
export const Claim = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case id (a-z, 0-9, -)'),
    a: ClaimSide,
    b: ClaimSide,
    metric: z.enum(['km', 'days', 'cost']),
    ratio: z.number().positive().optional(),
    difference: z.number().optional(),
    /** Currency of a cost difference. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    cargo: CargoUnit.default('feu'),
    date: IsoDate.optional(),
    year: z.number().int().min(1990).max(2100).optional(),
    source: z.string().min(1),
    quote: z.string().min(1),
    split: Split,
    note: z.string().optional(),
  })
  .strict()
  .refine((c) => c.ratio !== undefined || c.difference !== undefined, {
    message: 'a ratio (a/b) or a difference (a − b)',
    path: ['ratio'],
  })
  .refine((c) => c.metric !== 'cost' || c.difference === undefined || c.currency !== undefined, {
    message: 'the currency of a cost difference',
    path: ['currency'],
  });
export type Claim = z.infer<typeof Claim>;

export const ObservationFile = z
  .object({
    title: z.string().min(1),
    sources: z.array(ObservationSource).min(1),
    observations: z.array(Observation).default([]),
    claims: z.array(Claim).default([]),
  })
  .strict();
export type ObservationFile = z.infer<typeof ObservationFile>;
