/**
 * The atlas schema: one zod schema per record kind, used by the loader, the
 * validator, the API and the tests alike. `npx amur atlas schema` writes the
 * JSON Schema for editors to `data/atlas/schema/`.
 *
 * Conventions
 * - ids are lowercase kebab-case (`heihe`, `heihe-blagoveshchensk`).
 * - coordinates are `[lon, lat]` in WGS 84 (RFC 7946 order).
 * - dates are ISO 8601 (`2022-06-10`); recurring season bounds are `MM-DD`.
 * - every record names its sources by id; sources are records of their own.
 */
import { z } from 'zod';

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const Id = z.string().regex(ID_PATTERN, 'lowercase kebab-case id, e.g. "heihe-blagoveshchensk"');

/** ISO 8601 calendar date, `YYYY-MM-DD`. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'ISO date YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'a real calendar date YYYY-MM-DD',
    },
  );

/** A recurring day of the year, `MM-DD` (29 February is not allowed). */
export const MonthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'month-day MM-DD')
  .refine(
    (s) => {
      const [m, d] = s.split('-').map(Number);
      const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
      return d <= days;
    },
    { message: 'a real day of a non-leap year MM-DD' },
  );

/** Local clock time `HH:MM` (24 h). `24:00` is allowed as an end of day. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'clock time HH:MM');

/** ISO 3166-1 alpha-2 country code. */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code, e.g. "CN"');

export const SourceRefs = z.array(Id).min(1, 'at least one source id');

export const Names = z.object({
  en: z.string().min(1),
  zh: z.string().min(1),
  ru: z.string().min(1),
  /** Alternative spellings, former names, transliterations in any script. */
  alt: z.array(z.string().min(1)).optional(),
});
export type Names = z.infer<typeof Names>;

export const LonLat = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .describe('[longitude, latitude] in WGS 84');

// ---------------------------------------------------------------- sources

export const SourceKind = z.enum([
  'paper',
  'official',
  'news',
  'wiki',
  'dataset',
  'book',
  'company',
  'other',
]);

export const Source = z.object({
  id: Id,
  title: z.string().min(1),
  kind: SourceKind,
  author: z.string().optional(),
  publisher: z.string().optional(),
  year: z.number().int().min(1800).max(2100).optional(),
  url: z.string().url().optional(),
  doi: z.string().optional(),
  /** Language of the source text (ISO 639-1). */
  lang: z.string().length(2).optional(),
  accessed: IsoDate.optional(),
  note: z.string().optional(),
});
export type Source = z.infer<typeof Source>;

// ---------------------------------------------------------------- time

/** A state of a piece of infrastructure over time; entries sorted by `from`. */
export const StatusState = z.enum(['planned', 'under-construction', 'open', 'suspended', 'closed']);
export type StatusState = z.infer<typeof StatusState>;

export const StatusEntry = z.object({
  state: StatusState,
  /** First day of this state. Absent on the first entry means "since before records". */
  from: IsoDate.optional(),
  note: z.string().optional(),
  sources: SourceRefs.optional(),
});
export type StatusEntry = z.infer<typeof StatusEntry>;

/** A recurring season, e.g. summer navigation `05-10` → `10-25`; may wrap the new year (`12-28` → `03-08`). */
export const Season = z.object({
  from: MonthDay,
  to: MonthDay,
  /** Earliest and latest start seen in the sources (for seasonal-risk warnings). */
  fromRange: z.tuple([MonthDay, MonthDay]).optional(),
  toRange: z.tuple([MonthDay, MonthDay]).optional(),
  note: z.string().optional(),
  sources: SourceRefs.optional(),
});
export type Season = z.infer<typeof Season>;

/** A dated period (both ends inclusive), e.g. an observed season or a flood closure. */
export const Period = z.object({
  from: IsoDate,
  to: IsoDate,
  reason: z.string().optional(),
  sources: SourceRefs.optional(),
});
export type Period = z.infer<typeof Period>;

/** An IANA time zone name, e.g. "Asia/Shanghai", "Asia/Vladivostok". */
export const IanaTimeZone = z
  .string()
  .regex(/^[A-Za-z_]+\/[A-Za-z_\-/]+$/, 'IANA time zone, e.g. "Asia/Vladivostok"');

/**
 * When something is usable. All parts optional: an empty calendar means every
 * day, all day. Evaluation (in `calendar.ts`): on a given local date the thing
 * is available if its status is `open`, the date is inside an observed period
 * for that year (or, if no observed period covers that year, inside one of the
 * typical seasons), it is not inside a closure, and the weekday and hours match.
 */
export const Calendar = z.object({
  /** Typical recurring seasons of availability; absent = all year. */
  seasons: z.array(Season).optional(),
  /** Dated seasons actually observed (they replace the typical seasons in the years they cover). */
  observed: z.array(Period).optional(),
  /** Dated closures (floods, epidemics, reconstruction). */
  closures: z.array(Period).optional(),
  /** ISO weekdays of operation, 1 = Monday … 7 = Sunday; absent = every day. */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).optional(),
  /** Daily opening hours in local time; absent = round the clock. */
  hours: z.object({ open: ClockTime, close: ClockTime }).optional(),
  /**
   * The IANA time zone the dates and hours are given in, when the source says
   * whose clock they follow (e.g. a Russian checkpoint's hours in Vladivostok
   * time); absent = the local time of the place a vehicle leaves from.
   */
  timezone: IanaTimeZone.optional(),
  sources: SourceRefs.optional(),
});
export type Calendar = z.infer<typeof Calendar>;

// ---------------------------------------------------------------- measures

export const Capacity = z
  .object({
    value: z.number().positive(),
    unit: z.enum([
      'Mt/yr',
      'kt/yr',
      't/day',
      'TEU/yr',
      'vehicles/day',
      'trucks/day',
      'trains/day',
      'persons/yr',
      'persons/day',
      'bcm/yr',
      'MW',
      'kV',
    ]),
    /**
     * `design` and `planned` as published, `actual` an observed throughput, `estimate` a figure made here from
     * sourced facts (say how in `method`).
     */
    basis: z.enum(['design', 'actual', 'planned', 'estimate']),
    /** How an `estimate` was made, e.g. "the observed 27 trucks a day of the Poyarkovo ice road, by analogy". */
    method: z.string().min(3).optional(),
    year: z.number().int().optional(),
    note: z.string().optional(),
    sources: SourceRefs,
  })
  .refine((c) => c.basis !== 'estimate' || c.method !== undefined, {
    message: 'an estimate needs its method',
    path: ['method'],
  });
export type Capacity = z.infer<typeof Capacity>;

export const Length = z.discriminatedUnion('basis', [
  z.object({
    basis: z.literal('published'),
    km: z.number().positive(),
    sources: SourceRefs,
    note: z.string().optional(),
  }),
  z.object({
    basis: z.literal('estimate'),
    km: z.number().positive(),
    /** How the estimate was made, e.g. "great-circle distance × 1.2 detour factor". */
    method: z.string().min(3),
    sources: SourceRefs.optional(),
    note: z.string().optional(),
  }),
]);
export type Length = z.infer<typeof Length>;

export const Gauge = z.union([
  z.literal(1435),
  z.literal(1520),
  z.literal(1067),
  z.literal(1668),
  z.literal('dual'),
]);
export type Gauge = z.infer<typeof Gauge>;

export const HoursRange = z
  .object({
    typical: z.number().nonnegative(),
    min: z.number().nonnegative().optional(),
    max: z.number().nonnegative().optional(),
    sources: SourceRefs.optional(),
    note: z.string().optional(),
  })
  .refine((h) => (h.min ?? h.typical) <= h.typical && h.typical <= (h.max ?? h.typical), {
    message: 'min ≤ typical ≤ max',
  });
export type HoursRange = z.infer<typeof HoursRange>;

export const CargoKind = z.enum([
  'container',
  'bulk',
  'liquid-bulk',
  'reefer',
  'ro-ro',
  'passenger',
  'vehicles',
  'gas',
  'electricity',
  'data',
]);
export type CargoKind = z.infer<typeof CargoKind>;

// ---------------------------------------------------------------- places

export const PlaceKind = z.enum([
  'city',
  'seaport',
  'river-port',
  'rail-station',
  'rail-yard',
  'dry-port',
  'airport',
  'border-post',
  'pipeline-station',
  'substation',
]);
export type PlaceKind = z.infer<typeof PlaceKind>;

/** What a place can handle: the cargo kinds a terminal equips for (a subset of `CargoKind`). */
export const Capability = CargoKind.extract([
  'container',
  'bulk',
  'liquid-bulk',
  'reefer',
  'ro-ro',
  'passenger',
]);
export type Capability = z.infer<typeof Capability>;

/**
 * A port's own published time for a container between ship and train or truck at its terminal, customs
 * included (e.g. Vostochny's VSC terminal: 58 h for transit boxes, PortNews 2011). It replaces the ship's
 * class-wide terminal dwell (loading) and release (discharge) at this port for containers (costs.md).
 */
export const ContainerDwell = z
  .object({
    hours: z.number().positive('hours: a positive number of hours'),
    basis: z.literal('published'),
    year: z.number().int().min(1950).max(2100),
    /** The source's own words for the figure. */
    quote: z.string().min(1),
    sources: SourceRefs,
  })
  .strict();
export type ContainerDwell = z.infer<typeof ContainerDwell>;

export const Place = z.object({
  id: Id,
  names: Names,
  country: CountryCode,
  /** ISO 3166-2 subdivision code, e.g. "CN-HL", "RU-AMU". */
  region: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'ISO 3166-2 code, e.g. "CN-HL"'),
  coords: LonLat,
  /** IANA time zone, e.g. "Asia/Shanghai", "Asia/Yakutsk". */
  timezone: IanaTimeZone,
  kinds: z.array(PlaceKind).min(1),
  capabilities: z.array(Capability).default([]),
  /** UN/LOCODE without the space, e.g. "CNHEK". */
  unlocode: z
    .string()
    .regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'UN/LOCODE of 5 characters, e.g. "RUVVO"')
    .optional(),
  /** Gauge of the rail network at this place, where it has rail. */
  gauges: z.array(Gauge).optional(),
  /** Where the coordinates come from, when it is not the record's first source. */
  coordsSources: SourceRefs.optional(),
  population: z.number().int().positive().optional(),
  /** A seaport's published container dwell (ship ↔ train or truck, customs included), where a source gives one. */
  containerDwell: ContainerDwell.optional(),
  sources: SourceRefs,
  note: z.string().optional(),
});
export type Place = z.infer<typeof Place>;

// ---------------------------------------------------------------- crossings

export const CrossingMode = z.enum([
  'rail',
  'road',
  'river-cargo',
  'river-passenger',
  'pedestrian',
  'pipeline',
  'power',
]);
export type CrossingMode = z.infer<typeof CrossingMode>;

export const Facility = z.enum([
  'land',
  'bridge',
  'rail-bridge',
  'ferry',
  'barge',
  'pontoon',
  'ice-road',
  'hovercraft',
  'boat',
  'tunnel',
  'pipeline',
  'power-line',
]);
export type Facility = z.infer<typeof Facility>;

export const Fee = z.object({
  /** What is charged: per vehicle, per container, per tonne, per crossing. */
  per: z.enum(['vehicle', 'truck', 'teu', 'feu', 'tonne', 'wagon', 'person', 'crossing']),
  amount: z.number().nonnegative(),
  currency: z.enum(['USD', 'CNY', 'RUB', 'EUR']),
  year: z.number().int().optional(),
  note: z.string().optional(),
  sources: SourceRefs,
});
export type Fee = z.infer<typeof Fee>;

export const GaugeChange = z.object({
  method: z.enum(['transshipment', 'bogie-exchange', 'variable-gauge', 'dual-gauge-track']),
  /** Where it happens: the place id (one of the sides, or a yard nearby). */
  at: z.array(Id).min(1).optional(),
  hours: HoursRange.optional(),
  note: z.string().optional(),
  sources: SourceRefs.optional(),
});

/**
 * A closure over a country's public holiday, its dates taken each year from the
 * `date-holidays` package (src/network/holidays.ts): from day `fromDay` of the
 * holiday's run as the package gives it (0 = its first day) for `days` days
 * (default: the rest of the run). E.g. the Pogranichny – Suifenhe road
 * checkpoint: `{ country: CN, holiday: Spring Festival, fromDay: 1, days: 4 }`.
 */
export const HolidayClosure = z
  .object({
    /** ISO 3166 alpha-2 code of the country whose holiday closes the service. */
    country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code, e.g. CN or RU'),
    /** The holiday's English name as date-holidays gives it, e.g. "Spring Festival", "New Year Holiday", "National Day". */
    holiday: z.string().min(1),
    fromDay: z.number().int().min(0).default(0),
    days: z.number().int().positive().optional(),
    note: z.string().optional(),
    sources: SourceRefs,
  })
  .strict();
export type HolidayClosure = z.infer<typeof HolidayClosure>;

/** One way of crossing at a crossing, with its own regime: e.g. the summer ferry, the winter pontoon, the bridge. */
export const CrossingService = z.object({
  /** Id unique within the crossing, e.g. "ferry", "pontoon", "bridge". */
  id: Id,
  mode: CrossingMode,
  facility: Facility,
  names: Names.partial({ zh: true, ru: true }).optional(),
  /** Cargo the service takes; absent = what the mode normally takes. */
  cargo: z.array(CargoKind).optional(),
  status: z.array(StatusEntry).min(1),
  calendar: Calendar.optional(),
  clearance: HoursRange.optional(),
  /** Time on the crossing itself (ferry passage, bridge), hours. */
  transitHours: z.number().nonnegative().optional(),
  /**
   * Length of the passage between the two sides (a bridge with its approach roads, a ferry's route), where a
   * source gives it; absent: the straight line between the sides, marked estimated.
   */
  length: Length.optional(),
  fees: z.array(Fee).optional(),
  /** Rail gauge on each side, in the order of the crossing's `sides`. */
  gauges: z.tuple([Gauge, Gauge]).optional(),
  gaugeChange: GaugeChange.optional(),
  /** Axle-load, weight or vehicle limits, e.g. "30 t" on an ice road. */
  weightLimitT: z.number().positive().optional(),
  /** Public holidays on which the service closes (dates from date-holidays, per checkpoint as the sources say). */
  holidayClosures: z.array(HolidayClosure).optional(),
  capacity: z.array(Capacity).optional(),
  sources: SourceRefs,
  note: z.string().optional(),
});
export type CrossingService = z.infer<typeof CrossingService>;

export const Crossing = z.object({
  id: Id,
  names: Names,
  /** The two sides: place ids in two different countries. */
  sides: z.tuple([Id, Id]),
  /** The boundary feature crossed, e.g. "Amur", "Ussuri", "Argun", "land". */
  boundary: z.string().min(1),
  services: z.array(CrossingService).min(1),
  sources: SourceRefs,
  note: z.string().optional(),
});
export type Crossing = z.infer<typeof Crossing>;

// ---------------------------------------------------------------- links

export const LinkMode = z.enum(['rail', 'road', 'river', 'sea', 'air', 'pipeline', 'power', 'cable']);
export type LinkMode = z.infer<typeof LinkMode>;

export const Link = z.object({
  id: Id,
  from: Id,
  to: Id,
  mode: LinkMode,
  length: Length,
  /** Usable in both directions (default true). */
  bidirectional: z.boolean().default(true),
  gauge: Gauge.optional(),
  traction: z.enum(['electric', 'diesel', 'mixed']).optional(),
  /** Road class, for trucks: expressway, national, regional, ice-road. */
  roadClass: z.enum(['expressway', 'national', 'regional', 'local']).optional(),
  /** Sea and river: the vessel class normally used. */
  vessel: z
    .enum([
      'container-feeder',
      'container-mainline',
      'bulk',
      'tanker',
      'ro-ro',
      'river-barge',
      'river-container',
    ])
    .optional(),
  /**
   * Cargo the link carries; absent = what its mode (and `vessel`) normally
   * takes. `[passenger]` marks a passenger-only line (e.g. a high-speed
   * railway that runs no freight trains). The kinds must suit the mode: see
   * `LINK_CARGO_BY_MODE`.
   */
  cargo: z.array(CargoKind).min(1).optional(),
  /** The named line or route, e.g. "Binzhou railway", "Trans-Siberian". */
  line: Names.partial({ zh: true, ru: true }).optional(),
  /** Navigation season (rivers), status and other availability. */
  calendar: Calendar.optional(),
  status: z.array(StatusEntry).min(1).optional(),
  capacity: z.array(Capacity).optional(),
  /** Published scheduled transit time, hours (when the source gives one). */
  transitHours: HoursRange.optional(),
  /** Optional drawn geometry (intermediate vertices), [lon, lat] pairs. */
  via: z.array(LonLat).optional(),
  sources: SourceRefs,
  note: z.string().optional(),
});
export type Link = z.infer<typeof Link>;

const TRANSPORT_CARGO: readonly CargoKind[] = [
  'container',
  'bulk',
  'liquid-bulk',
  'reefer',
  'ro-ro',
  'passenger',
  'vehicles',
];

/** The cargo kinds a link of each mode may list in `cargo`. */
export const LINK_CARGO_BY_MODE: Record<LinkMode, readonly CargoKind[]> = {
  rail: TRANSPORT_CARGO,
  road: TRANSPORT_CARGO,
  river: TRANSPORT_CARGO,
  sea: TRANSPORT_CARGO,
  air: TRANSPORT_CARGO,
  pipeline: ['liquid-bulk', 'gas'],
  power: ['electricity'],
  cable: ['data'],
};

// ---------------------------------------------------------------- zones

export const ZoneKind = z.enum([
  'free-trade-zone',
  'free-trade-zone-area',
  'comprehensive-bonded-zone',
  'border-economic-cooperation-zone',
  'cross-border-trade-zone',
  'advanced-development-territory',
  'free-port',
  'industrial-core',
  'industrial-belt',
  'industrial-ring',
  'development-zone',
]);
export type ZoneKind = z.infer<typeof ZoneKind>;

export const ZoneGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('point'), coords: LonLat }),
  z.object({ type: z.literal('places'), places: z.array(Id).min(1) }),
  z.object({ type: z.literal('polygon'), rings: z.array(z.array(LonLat).min(4)).min(1) }),
]);

export const Zone = z.object({
  id: Id,
  names: Names,
  kind: ZoneKind,
  country: CountryCode,
  /** Parent zone (an area of a free trade zone, a member of a layout). */
  parent: Id.optional(),
  areaKm2: z.number().positive().optional(),
  established: IsoDate.optional(),
  geometry: ZoneGeometry,
  sources: SourceRefs,
  note: z.string().optional(),
});
export type Zone = z.infer<typeof Zone>;

// ---------------------------------------------------------------- corridors

export const Corridor = z.object({
  id: Id,
  names: Names,
  kind: z.enum([
    'international-transport-corridor',
    'rail-route',
    'land-sea-channel',
    'sea-route',
    'pipeline-route',
    'economic-corridor',
  ]),
  /** Links in order from one end to the other (their direction may be either way). */
  links: z.array(Id).min(1),
  /** Crossings the corridor passes through, in order. */
  crossings: z.array(Id).optional(),
  description: z.string().optional(),
  sources: SourceRefs,
});
export type Corridor = z.infer<typeof Corridor>;

// ---------------------------------------------------------------- files

/** One atlas file: any of the record lists, in any combination. */
export const AtlasFile = z
  .object({
    sources: z.array(z.unknown()).optional(),
    places: z.array(z.unknown()).optional(),
    crossings: z.array(z.unknown()).optional(),
    links: z.array(z.unknown()).optional(),
    zones: z.array(z.unknown()).optional(),
    corridors: z.array(z.unknown()).optional(),
  })
  .strict();

export const RecordSchemas = {
  sources: Source,
  places: Place,
  crossings: Crossing,
  links: Link,
  zones: Zone,
  corridors: Corridor,
} as const;

export type RecordList = keyof typeof RecordSchemas;
export const RECORD_LISTS = Object.keys(RecordSchemas) as RecordList[];

/** The singular kind name of each record list, as used in `amur atlas list --kind`. */
export const KIND_OF_LIST: Record<RecordList, RecordKind> = {
  sources: 'source',
  places: 'place',
  crossings: 'crossing',
  links: 'link',
  zones: 'zone',
  corridors: 'corridor',
};
export type RecordKind = 'source' | 'place' | 'crossing' | 'link' | 'zone' | 'corridor';

export interface Atlas {
  sources: Source[];
  places: Place[];
  crossings: Crossing[];
  links: Link[];
  zones: Zone[];
  corridors: Corridor[];
}
