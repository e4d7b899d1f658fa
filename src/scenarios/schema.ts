/**
 * The scenario schemas: one zod schema per thing, used by the loader, the
 * CLI, the API and the tests alike.
 *
 * - `Scenario`: a scenario file (`data/scenarios/*.yaml`): name, description,
 *   sources, `extends` (another scenario id) and typed `modifications` over
 *   the atlas and the cost profile.
 * - `OdPairsFile`: a list of OD pairs for `amur scenario diff`.
 * - `DemandTable`: an OD demand table (tonnes per year by commodity group).
 * - `DemandSpec`: how to derive a demand table from the trade observatory.
 *
 * Records added by a modification are validated with the atlas schemas
 * (`Place`, `Link`, `Crossing`, `CrossingService`, `Source`) when the scenario
 * is applied, so errors name the modification and the field.
 */
import { z } from 'zod';
import { Calendar, Capacity, CountryCode, Id, IsoDate, SourceRefs, StatusEntry } from '../atlas/schema.ts';
import { CargoUnit, FreightMode } from '../costs/profile.ts';

/** What a status or calendar modification acts on: a crossing service or a link. */
export const Target = z.union([
  z.object({ crossing: Id, service: Id }).strict(),
  z.object({ link: Id }).strict(),
]);
export type Target = z.infer<typeof Target>;

const common = {
  note: z.string().optional(),
  sources: SourceRefs.optional(),
};

/** A record to add: validated with the atlas schema when applied. */
const AnyRecord = z.record(z.string(), z.unknown());
/** Fields to set on a record (shallow merge), validated with the atlas schema when applied. */
const SetFields = z.record(z.string(), z.unknown());

export const MODIFICATION_OPS = [
  'add-source',
  'add-place',
  'remove-place',
  'change-place',
  'add-link',
  'remove-link',
  'change-link',
  'add-crossing',
  'remove-crossing',
  'change-crossing',
  'add-service',
  'remove-service',
  'change-service',
  'set-status',
  'set-calendar',
  'open',
  'close',
  'suspend',
  'set-capacity',
  'change-profile',
  'forbid-transit',
  'allow-transit',
] as const;

export const Modification = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add-source'), source: AnyRecord, ...common }).strict(),
  z.object({ op: z.literal('add-place'), place: AnyRecord, ...common }).strict(),
  z.object({ op: z.literal('remove-place'), id: Id, ...common }).strict(),
  z.object({ op: z.literal('change-place'), id: Id, set: SetFields, ...common }).strict(),
  z.object({ op: z.literal('add-link'), link: AnyRecord, ...common }).strict(),
  z.object({ op: z.literal('remove-link'), id: Id, ...common }).strict(),
  z.object({ op: z.literal('change-link'), id: Id, set: SetFields, ...common }).strict(),
  z.object({ op: z.literal('add-crossing'), crossing: AnyRecord, ...common }).strict(),
  z.object({ op: z.literal('remove-crossing'), id: Id, ...common }).strict(),
  z.object({ op: z.literal('change-crossing'), id: Id, set: SetFields, ...common }).strict(),
  z.object({ op: z.literal('add-service'), crossing: Id, service: AnyRecord, ...common }).strict(),
  z.object({ op: z.literal('remove-service'), crossing: Id, service: Id, ...common }).strict(),
  z
    .object({ op: z.literal('change-service'), crossing: Id, service: Id, set: SetFields, ...common })
    .strict(),
  /** Replaces the whole status history of a crossing service or link. */
  z
    .object({ op: z.literal('set-status'), target: Target, status: z.array(StatusEntry).min(1), ...common })
    .strict(),
  /** Replaces the calendar (seasons, closures, hours) of a crossing service or link. */
  z.object({ op: z.literal('set-calendar'), target: Target, calendar: Calendar, ...common }).strict(),
  /** Appends a dated entry to the status history: open, closed or suspended from `from` on. */
  z.object({ op: z.literal('open'), target: Target, from: IsoDate, ...common }).strict(),
  z.object({ op: z.literal('close'), target: Target, from: IsoDate, ...common }).strict(),
  z.object({ op: z.literal('suspend'), target: Target, from: IsoDate, ...common }).strict(),
  /** Replaces the published capacities of a crossing service or link. */
  z
    .object({ op: z.literal('set-capacity'), target: Target, capacity: z.array(Capacity).min(1), ...common })
    .strict(),
  /**
   * Sets profile fields by dotted path, e.g. `modes.sea.kmPerDay.teu: 600`,
   * `modes.rail.runningUsdPerKm.teu: 0.5`, `border.feeUsdPerVehicle.road: 80`.
   */
  z
    .object({
      op: z.literal('change-profile'),
      set: z.record(z.string().min(1), z.union([z.number(), z.string(), z.boolean()])),
      ...common,
    })
    .strict(),
  /**
   * Cargo between two places of `country` may not pass through the countries
   * in `through` (cabotage / customs rule: e.g. Chinese domestic cargo before
   * transit through Russian ports was allowed).
   */
  z
    .object({
      op: z.literal('forbid-transit'),
      country: CountryCode,
      through: z.array(CountryCode).min(1),
      ...common,
    })
    .strict(),
  /** Lifts a `forbid-transit` rule of a scenario this one extends. */
  z
    .object({
      op: z.literal('allow-transit'),
      country: CountryCode,
      through: z.array(CountryCode).min(1),
      ...common,
    })
    .strict(),
]);
export type Modification = z.infer<typeof Modification>;

/** A scenario's name or description in the other languages of the house (English is `name`/`description`). */
export const Translations = z
  .object({ zh: z.string().min(1).optional(), ru: z.string().min(1).optional() })
  .strict();
export type Translations = z.infer<typeof Translations>;

export const Scenario = z
  .object({
    /** Defaults to the file name without `.yaml`; must match it when given. */
    id: Id.optional(),
    name: z.string().min(1),
    description: z.string().min(1),
    /** `name` in Chinese and Russian, when translated. */
    names: Translations.optional(),
    /** `description` in Chinese and Russian, when translated. */
    descriptions: Translations.optional(),
    /** Source ids (atlas sources, or ones added by an `add-source` modification). */
    sources: SourceRefs,
    /** Id of the scenario this one builds on (its modifications are applied first). */
    extends: Id.optional(),
    modifications: z.array(Modification).default([]),
  })
  .strict();
export type ScenarioFile = z.infer<typeof Scenario>;

/** A scenario as loaded: its own file plus the chain of scenarios it extends (root first). */
export interface LoadedScenario {
  id: string;
  file: string | null;
  name: string;
  description: string;
  /** `name` in zh/ru, when the file translates it. */
  names?: Translations;
  /** `description` in zh/ru, when the file translates it. */
  descriptions?: Translations;
  sources: string[];
  extends?: string;
  modifications: Modification[];
  /** Every scenario applied, root first, ending with this one. */
  chain: { id: string; file: string | null; modifications: Modification[] }[];
}

// ---------------------------------------------------------------- OD pairs

export const OdPair = z
  .object({
    from: Id,
    to: Id,
    cargo: CargoUnit.default('teu'),
    /** Allowed modes (default all). */
    modes: z.array(FreightMode).min(1).optional(),
    /** Yearly tonnes (weights the diff's yearly totals; set by `--od`). */
    tonnesPerYear: z.number().nonnegative().optional(),
    note: z.string().optional(),
  })
  .strict();
export type OdPair = z.infer<typeof OdPair>;

export const OdPairsFile = z
  .object({
    description: z.string().optional(),
    pairs: z.array(OdPair).min(1),
  })
  .strict();

// ---------------------------------------------------------------- demand

export const DemandRow = z
  .object({
    from: Id,
    to: Id,
    /** Commodity group, e.g. "crude-oil", "timber", "machinery". */
    commodity: z.string().min(1),
    /** How the cargo travels: containers (teu/feu), dry bulk, liquid bulk. */
    cargo: CargoUnit,
    tonnesPerYear: z.number().nonnegative(),
    note: z.string().optional(),
  })
  .strict();
export type DemandRow = z.infer<typeof DemandRow>;

export const DemandTable = z
  .object({
    description: z.string().optional(),
    unit: z.literal('tonnes/yr').default('tonnes/yr'),
    /** How the table was made (spec file, year, source ids). */
    derivedFrom: z.record(z.string(), z.unknown()).optional(),
    rows: z.array(DemandRow).min(1),
  })
  .strict();
export type DemandTable = z.infer<typeof DemandTable>;

const Share = z
  .object({
    place: Id,
    share: z.number().min(0).max(1),
    basis: z.enum(['published', 'derived', 'assumption']),
    sources: z.array(z.string()).optional(),
    note: z.string().optional(),
  })
  .strict();

export const DemandSpecGroup = z
  .object({
    id: Id,
    label: z.string().min(1),
    flow: z.enum(['export', 'import']),
    cargo: CargoUnit,
    /**
     * How the group's tonnes are found: `unit-value` (value ÷ US$ per tonne; the
     * value is the flow's total × `valueShare`, or the value of the group's
     * `commodity` codes when given) or `reported` (the net weight or quantity
     * the store holds for the group's `commodity` codes).
     */
    tonnes: z.enum(['unit-value', 'reported']).default('unit-value'),
    /** HS codes or prefixes ending in `*` (e.g. ["4403", "44*"]) read from the store. */
    commodity: z.array(z.string().min(1)).min(1).optional(),
    /** Trade source of the commodity rows (default: the spec's `trade.source`). */
    source: z.string().min(1).optional(),
    /** Share of the flow's total value (the share groups of a flow sum to 1). */
    valueShare: z.number().min(0).max(1).optional(),
    /** US$ per tonne, to turn value into tonnes. */
    usdPerTonne: z.number().positive().optional(),
    basis: z.enum(['published', 'derived', 'assumption']),
    sources: z.array(z.string()).optional(),
    note: z.string().optional(),
    /** Where the flow starts and ends (shares sum to 1 on each side). */
    origins: z.array(Share).min(1),
    destinations: z.array(Share).min(1),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.tonnes === 'reported' && !g.commodity)
      ctx.addIssue({
        code: 'custom',
        path: ['commodity'],
        message: 'commodity codes (tonnes: reported reads their weights)',
        input: undefined,
      });
    if (g.tonnes === 'unit-value' && g.usdPerTonne === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['usdPerTonne'],
        message: 'a unit value in US$ per tonne (tonnes: unit-value)',
        input: undefined,
      });
    if (g.tonnes === 'unit-value' && !g.commodity && g.valueShare === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['valueShare'],
        message: "a share of the flow's value, or commodity codes whose value the store holds",
        input: undefined,
      });
  });
export type DemandSpecGroup = z.infer<typeof DemandSpecGroup>;

export const DemandSpec = z
  .object({
    description: z.string().min(1),
    /** The flows to read from the trade store. */
    trade: z
      .object({
        source: z.string().min(1),
        reporter: z.string().min(1),
        partner: z.string().min(1),
        variant: z.enum(['as-reported', 'as-printed', 'as-corrected']).default('as-corrected'),
      })
      .strict(),
    sources: z
      .array(
        z
          .object({
            id: z.string().min(1),
            title: z.string().min(1),
            url: z.string().url().optional(),
            note: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
    groups: z.array(DemandSpecGroup).min(1),
  })
  .strict();
export type DemandSpec = z.infer<typeof DemandSpec>;

/** A text in every language the file gives: `en` always, `zh`/`ru` when translated. */
export function inLanguages(en: string, t: Translations | undefined): { en: string } & Translations {
  return { en, ...(t?.zh ? { zh: t.zh } : {}), ...(t?.ru ? { ru: t.ru } : {}) };
}
