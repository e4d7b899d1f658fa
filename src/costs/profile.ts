/**
 * Cost, time and emission profiles: the one zod schema of a profile file
 * (`data/profiles/*.yaml`) and its loader. Every number in a profile is data
 * with a cited source (`docs/costs.md` documents the defaults); the search
 * never hard-codes a tariff and the cost functions (`model.ts`) never walk
 * the graph.
 *
 * Units: money in USD of the profile's `currencyYear`; running costs per
 * cargo unit and km (a unit is one TEU, one FEU, or one tonne of bulk or
 * liquid bulk); speeds as effective km per day (door-to-door averages that
 * include stops, not top speeds); emission intensities in g CO2e per tonne-km
 * of cargo, well-to-wheel (WTW) and tank-to-wheel (TTW), per ISO 14083.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { describeIssue, pathToField } from '../atlas/problems.ts';
import { cachedDerived } from '../disk-cache.ts';
import { AmurError } from '../errors.ts';
import { yamlValues } from '../yaml-values.ts';

/** Cargo units: one TEU, one FEU, one tonne of bulk, one tonne of liquid bulk, one tonne of air cargo (chargeable weight). */
export const CARGO_UNITS = ['teu', 'feu', 'bulk', 'liquid', 'air'] as const;
export const CargoUnit = z.enum(CARGO_UNITS);
export type CargoUnit = z.infer<typeof CargoUnit>;
export const CARGO_INDEX: Record<CargoUnit, number> = { teu: 0, feu: 1, bulk: 2, liquid: 3, air: 4 };

/** Transport modes of the network (the atlas `power` and `cable` links carry no freight). */
export const FREIGHT_MODES = ['rail', 'road', 'river', 'sea', 'air', 'pipeline'] as const;
export const FreightMode = z.enum(FREIGHT_MODES);
export type FreightMode = z.infer<typeof FreightMode>;

const nonneg = z.number().nonnegative();
/** One number per cargo unit: per TEU, per FEU, per tonne of bulk, of liquid bulk, of air cargo. */
export const PerCargo = z
  .object({ teu: nonneg, feu: nonneg, bulk: nonneg, liquid: nonneg, air: nonneg })
  .strict();
export type PerCargo = z.infer<typeof PerCargo>;

const Basis = z.enum(['published', 'derived', 'assumption']);
/** Where a block of numbers comes from: source ids (see `sources`) and how the numbers were obtained. */
const Cite = z
  .object({
    basis: Basis,
    sources: z.array(z.string()).default([]),
    note: z.string().optional(),
  })
  .strict();

export const ProfileSource = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    publisher: z.string().optional(),
    year: z.number().int().optional(),
    url: z.string().url().optional(),
    note: z.string().optional(),
  })
  .strict();

export const ModeProfile = z
  .object({
    /** Running cost per cargo unit and km, USD. */
    runningUsdPerKm: PerCargo,
    /** Fixed cost per leg (booking, documents, positioning), charged when a leg of this mode starts. */
    fixedUsdPerLeg: PerCargo,
    /** Handling at a terminal of this mode, per lift or per tonne, charged on loading and on unloading. */
    handlingUsd: PerCargo,
    /** Dwell at a terminal of this mode before departure (yard, port, depot), hours. */
    dwellHours: nonneg,
    /** Time from arrival at a terminal of this mode until the cargo can leave it (unloading, release), hours. */
    releaseHours: nonneg,
    /** Effective distance per day by cargo unit (includes stops, crew changes, average waits). */
    kmPerDay: PerCargo,
    /**
     * Running cost by country of the link (e.g. China Railway's and RZD's tariffs differ), per cargo
     * unit and km; a link within one country takes its country's row, else `runningUsdPerKm`.
     */
    runningUsdPerKmByCountry: z.record(z.string(), PerCargo).optional(),
    /** Overrides of `kmPerDay` by sub-type (road class, vessel class). */
    kmPerDayBySubtype: z.record(z.string(), PerCargo).optional(),
    /** Cargo units per vehicle (truck, wagon, barge), to turn per-vehicle fees into per-unit costs. */
    unitsPerVehicle: PerCargo,
    /**
     * Road: gross weight in tonnes of a loaded truck carrying one cargo unit
     * (tractor, trailer or chassis, container tare and cargo; for bulk and
     * liquid a full truck load), checked against a crossing service's
     * `weightLimitT`. Absent: weight limits are not applied.
     */
    grossWeightT: PerCargo.optional(),
    /**
     * Sea and river: the vessel class each cargo unit sails on when a link's
     * `vessel` does not carry it (a container lane still carries bulk, on a
     * bulk carrier). The class picks the emission row (`emissions.select`) and
     * the speed (`kmPerDayBySubtype`). Absent: the link's vessel for every cargo.
     */
    vesselByCargo: z
      .object({
        teu: z.string().min(1),
        feu: z.string().min(1),
        bulk: z.string().min(1),
        liquid: z.string().min(1),
        /** Air cargo does not sail (it flies, or goes by truck to and from airports). */
        air: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    cite: Cite,
  })
  .strict();
export type ModeProfile = z.infer<typeof ModeProfile>;

export const EmissionRow = z
  .object({
    id: z.string().min(1),
    mode: FreightMode,
    /** What it applies to, e.g. "electric, China grid", "container ship 8000+ TEU". */
    label: z.string().min(1),
    /** Well-to-wheel intensity, g CO2e per tonne-km of cargo. */
    wtwGPerTkm: nonneg,
    /** Tank-to-wheel intensity, g CO2e per tonne-km of cargo. */
    ttwGPerTkm: nonneg,
    basis: Basis,
    sources: z.array(z.string()).min(1),
    /** Version or edition of the source table. */
    version: z.string().min(1),
    note: z.string().optional(),
  })
  .strict()
  .refine((r) => r.ttwGPerTkm <= r.wtwGPerTkm, { message: 'ttwGPerTkm ≤ wtwGPerTkm (WTW includes TTW)' });
export type EmissionRow = z.infer<typeof EmissionRow>;

export const HubRow = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    /** kg CO2e per tonne of cargo handled at the hub. */
    wtwKgPerTonne: nonneg,
    basis: Basis,
    sources: z.array(z.string()).min(1),
    version: z.string().min(1),
    note: z.string().optional(),
  })
  .strict();

/**
 * Where a service class runs, when not everywhere its mode, cargo and vessel
 * allow. `crossings` (rail only): lists of atlas crossing ids; a rail leg
 * (from loading, or a transfer from another mode, to unloading or a transfer
 * to another mode) of a cargo unit the class carries that crosses one
 * crossing of every list runs in this class on its whole way, its approach
 * and onward links included, and no other leg does (they keep the first
 * unscoped class). E.g. China's China–Europe gateways and the EU's. Compiled
 * as rail layers (`src/network/compile/service-layers.ts`).
 */
export const ServiceScope = z
  .object({
    /** One to three lists of atlas crossing ids (e.g. `[[alashankou-dostyk, …], [brest-malaszewicze]]`). */
    crossings: z
      .array(z.array(z.string().min(1)).min(1))
      .min(1)
      .max(3),
  })
  .strict();
export type ServiceScope = z.infer<typeof ServiceScope>;

/**
 * A service class: how a cargo moves on a mode when the class's published
 * speed, dwell and frequency differ from the mode's defaults — a container
 * block train is not a wagonload, a direct liner is not a feeder. The router
 * picks the class by mode, cargo unit and (for ships) vessel class; the
 * itinerary names it on each leg.
 */
export const ServiceClass = z
  .object({
    id: z.string().min(1),
    /** What the itinerary says, e.g. "container block train". */
    label: z.string().min(1),
    mode: FreightMode,
    /** Cargo units it carries. */
    cargo: z.array(CargoUnit).min(1),
    /** Sea and river: the vessel classes it sails on (a link's `vessel`, or the profile's `vesselByCargo`). */
    vessels: z.array(z.string().min(1)).optional(),
    /** Running cost per cargo unit and km, USD (overrides the mode's `runningUsdPerKm`, e.g. short-sea vs deep-sea). */
    runningUsdPerKm: PerCargo.optional(),
    /** Effective km per day (overrides the mode's `kmPerDay`). */
    kmPerDay: nonneg.optional(),
    /** Effective km per day on links within a country (ISO 3166 alpha-2), e.g. RZD's express corridor. */
    kmPerDayByCountry: z.record(z.string(), nonneg).optional(),
    /** Dwell at the terminal before departure, hours (overrides the mode's `dwellHours`). */
    dwellHours: nonneg.optional(),
    /** From arrival until the cargo can leave the terminal, hours (overrides the mode's `releaseHours`). */
    releaseHours: nonneg.optional(),
    /**
     * Rail: hours a train of the class stands at each gauge-change station on top of the change itself
     * (waiting for the onward train of the other gauge, consolidation, a slot at the border), e.g. the
     * China–Europe train at Manzhouli, Alashankou or Małaszewicze.
     */
    gaugeChangeDwellHours: nonneg.optional(),
    /**
     * The words sources use for this service (besides its id and label), e.g. "CR Express", "Transib in
     * Seven Days": an observation whose `service` contains one of them is routed with this class
     * (`serviceNamedBy` in `service-choice.ts`).
     */
    aliases: z.array(z.string().min(2)).optional(),
    /** Scheduled departures per week: half the headway (84 h / departures) is added to each link of the class. */
    departuresPerWeek: z.number().positive().optional(),
    /**
     * Sea: hours at each port a ship of the class passes through on the cargo's way (arrives by sea and
     * sails on by sea), so passing a port costs; not at the port of loading or of discharge (`callCost`).
     */
    callHours: nonneg.optional(),
    /** Sea: port dues per cargo unit at each such call. */
    callUsd: PerCargo.optional(),
    /**
     * Where the class runs (rail: the crossings whose legs it carries); absent: wherever its mode, cargo and
     * vessels allow, the first such class winning (`serviceFor`).
     */
    scope: ServiceScope.optional(),
    cite: Cite,
  })
  .strict();
export type ServiceClass = z.infer<typeof ServiceClass>;

/**
 * A fee per passage of a lane, by the atlas line its links belong to (e.g.
 * the icebreaker escort and pilotage on the Northern Sea Route), per cargo
 * unit; charged on every link of that line a unit sails.
 */
export const LaneFee = z
  .object({
    /** The atlas `line.en` of the links, e.g. "Northern Sea Route". */
    line: z.string().min(1),
    usd: PerCargo,
    cite: Cite,
  })
  .strict();
export type LaneFee = z.infer<typeof LaneFee>;

const GaugeChangeCost = z.object({ hours: nonneg, usd: PerCargo, cite: Cite }).strict();

export const Profile = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    /** The year whose USD the money figures are in. */
    currencyYear: z.number().int().min(1990).max(2100),
    sources: z.array(ProfileSource).min(1),
    cargo: z
      .object({
        /** Cargo tonnes per unit: a loaded TEU, a loaded FEU, one tonne of bulk, one tonne of liquid. */
        tonnesPerUnit: PerCargo,
        cite: Cite,
      })
      .strict(),
    /** USD per unit of a currency, for fees given in CNY, RUB or EUR by the atlas. */
    fx: z.object({ usdPer: z.record(z.string(), z.number().positive()), cite: Cite }).strict(),
    modes: z.object({
      rail: ModeProfile,
      road: ModeProfile,
      river: ModeProfile,
      sea: ModeProfile,
      air: ModeProfile,
      pipeline: ModeProfile,
    }),
    border: z
      .object({
        /** Default clearance at a crossing where the atlas gives none, hours, by crossing mode. */
        clearanceHours: z.object({ rail: nonneg, road: nonneg, river: nonneg, pipeline: nonneg }).strict(),
        /** Default border fees per vehicle (truck, wagon, barge) where the atlas gives none, USD. */
        feeUsdPerVehicle: z.object({ rail: nonneg, road: nonneg, river: nonneg, pipeline: nonneg }).strict(),
        cite: Cite,
      })
      .strict(),
    gaugeChange: z
      .object({
        transshipment: GaugeChangeCost,
        'bogie-exchange': GaugeChangeCost,
        'variable-gauge': GaugeChangeCost,
        'dual-gauge-track': GaugeChangeCost,
      })
      .strict(),
    /** Service classes (first match by mode, cargo and vessel wins); none: the modes' defaults apply. */
    services: z.array(ServiceClass).default([]),
    /** Fees per passage of a lane (icebreaker escort, canal dues), by atlas line name. */
    laneFees: z.array(LaneFee).default([]),
    /** Cost of waiting (storage, demurrage) for a calendar, per unit and day. */
    waiting: z.object({ usdPerDay: PerCargo, cite: Cite }).strict(),
    emissions: z
      .object({
        rows: z.array(EmissionRow).min(1),
        hubs: z.array(HubRow).min(1),
        /** Which row applies: rail by traction (and country for electric), road, river and sea by sub-type. */
        select: z
          .object({
            rail: z.object({
              electric: z.record(z.string(), z.string()),
              diesel: z.string(),
              mixed: z.string(),
              /** Used when a rail link gives no traction. */
              default: z.string(),
            }),
            road: z.record(z.string(), z.string()),
            river: z.record(z.string(), z.string()),
            sea: z.record(z.string(), z.string()),
            air: z.record(z.string(), z.string()),
            pipeline: z.record(z.string(), z.string()),
            /** Hub row for a transfer at a seaport, elsewhere, and for liquids. */
            hub: z.object({ seaport: z.string(), default: z.string(), liquid: z.string() }),
          })
          .strict(),
        /** Grid intensities used to derive electric-rail rows (documentation; rows carry the result). */
        grid: z
          .array(
            z
              .object({
                country: z.string(),
                gCo2PerKwh: nonneg,
                basis: Basis,
                sources: z.array(z.string()).min(1),
                note: z.string().optional(),
              })
              .strict(),
          )
          .default([]),
      })
      .strict(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const sourceIds = new Set(p.sources.map((s) => s.id));
    const rowIds = new Set(p.emissions.rows.map((r) => r.id));
    const hubIds = new Set(p.emissions.hubs.map((r) => r.id));
    const walk = (v: unknown, path: (string | number)[]) => {
      if (Array.isArray(v)) {
        v.forEach((x, i) => {
          walk(x, [...path, i]);
        });
      } else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'sources' && Array.isArray(x) && path[0] !== undefined) {
            x.forEach((id, i) => {
              if (typeof id === 'string' && !sourceIds.has(id))
                ctx.addIssue({
                  code: 'custom',
                  path: [...path, k, i],
                  message: `a source id defined under sources: (unknown "${id}")`,
                  input: id,
                });
            });
          } else walk(x, [...path, k]);
        }
      }
    };
    walk(p, []);
    checkServiceScopes(p.services, ctx);
    const sel = p.emissions.select;
    const checkRow = (id: string, path: (string | number)[]) => {
      if (!rowIds.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['emissions', 'select', ...path],
          message: `an emission row id (unknown "${id}"; rows: ${[...rowIds].join(', ')})`,
          input: id,
        });
    };
    for (const [k, id] of Object.entries(sel.rail.electric)) checkRow(id, ['rail', 'electric', k]);
    checkRow(sel.rail.diesel, ['rail', 'diesel']);
    checkRow(sel.rail.mixed, ['rail', 'mixed']);
    checkRow(sel.rail.default, ['rail', 'default']);
    for (const m of ['road', 'river', 'sea', 'air', 'pipeline'] as const) {
      for (const [k, id] of Object.entries(sel[m])) checkRow(id, [m, k]);
      if (!sel[m].default)
        ctx.addIssue({
          code: 'custom',
          path: ['emissions', 'select', m, 'default'],
          message: 'a default row id for the mode',
          input: undefined,
        });
    }
    for (const k of ['seaport', 'default', 'liquid'] as const) {
      if (!hubIds.has(sel.hub[k]))
        ctx.addIssue({
          code: 'custom',
          path: ['emissions', 'select', 'hub', k],
          message: `a hub row id (unknown "${sel.hub[k]}")`,
          input: sel.hub[k],
        });
    }
  });
export type Profile = z.infer<typeof Profile>;

/** A `scope` is for rail classes only and names each crossing once (the atlas check is the compiler's). */
function checkServiceScopes(services: ServiceClass[], ctx: z.RefinementCtx): void {
  services.forEach((s, i) => {
    if (!s.scope) return;
    if (s.mode !== 'rail')
      ctx.addIssue({
        code: 'custom',
        path: ['services', i, 'scope'],
        message: `no scope on service "${s.id}" (mode ${s.mode}): only rail classes take a scope (scope.crossings: lists of atlas crossings, a rail leg crossing one of each list runs in the class)`,
        input: s.scope,
      });
    const seen = new Set<string>();
    s.scope.crossings.forEach((list, j) => {
      list.forEach((id, k) => {
        if (seen.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['services', i, 'scope', 'crossings', j, k],
            message: `each crossing once in the scope of service "${s.id}" ("${id}" is listed twice)`,
            input: id,
          });
        seen.add(id);
      });
    });
  });
}

export const DEFAULT_PROFILE_FILE = resolve(
  fileURLToPath(new URL('../../data/profiles/default.yaml', import.meta.url)),
);

/** A profile file that cannot be used; the message names the file, the field and what would be valid. */
export class ProfileError extends AmurError {
  constructor(
    override readonly file: string,
    readonly problems: string[],
  ) {
    super('data', `profile ${file} is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`, { file });
    this.name = 'ProfileError';
  }
}

const cache = new Map<string, Profile>();

/** Parses and validates a profile (default: the bundled `data/profiles/default.yaml`). Throws `ProfileError`. */
export function loadProfile(file: string = DEFAULT_PROFILE_FILE): Profile {
  const full = resolve(file);
  const hit = cache.get(full);
  if (hit) return hit;
  const shown = relative(process.cwd(), full) || full;
  if (!existsSync(full))
    throw new ProfileError(shown, ['file not found (give a YAML profile, e.g. data/profiles/default.yaml)']);
  // parsed and checked once per version of the file (and of this module): src/disk-cache.ts
  const profile = cachedDerived('profiles', [full], [fileURLToPath(import.meta.url)], () => {
    const doc = parseDocument(readFileSync(full, 'utf8'), { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw new ProfileError(
        shown,
        doc.errors.map(
          (e) => `line ${e.linePos?.[0]?.line ?? '?'}: YAML syntax: ${e.message.split('\n')[0]}`,
        ),
      );
    }
    return parseProfile(yamlValues(doc, shown), shown);
  });
  cache.set(full, profile);
  return profile;
}

/** Validates an already parsed profile object; `label` names it in errors. */
export function parseProfile(data: unknown, label = 'profile'): Profile {
  const parsed = Profile.safeParse(data);
  if (!parsed.success) {
    throw new ProfileError(
      label,
      parsed.error.issues.map((i) => `${pathToField(i.path)}: ${describeIssue(i)}`),
    );
  }
  return parsed.data;
}
