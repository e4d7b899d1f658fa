/**
 * The compiled network: integer ids, CSR adjacency in typed arrays and
 * per-edge attributes, produced by `compileNetwork` (compile.ts) and read by
 * the searches (src/routing/). Calendars stay attached by index and are
 * evaluated during the search, never baked in.
 *
 * Virtual network (NODUS style): each place has a `gate` node (where cargo
 * enters and leaves the network: the shipper's and consignee's door) and one
 * access node per mode it has (rail per gauge, road, river, sea, air,
 * pipeline). Load and unload edges join the gate to the mode nodes,
 * tranship edges join mode nodes of one place, gauge-change edges join rail
 * nodes of different gauge; link and crossing edges join mode nodes of
 * different places. A seaport has two kinds of sea node: its departure node
 * (`node(place, 'sea')`: ships sail from it; cargo is loaded or transhipped
 * onto it) and arrival nodes (lanes end there; cargo is discharged or
 * transhipped from there), one per call cost of the arriving service class;
 * a `call` edge joins each arrival node to the departure node, so a ship
 * pays its call where it passes through a port and nowhere else.
 *
 * Per-edge costs are stored per cargo unit (index `edge * CARGO_COUNT + cargo`, cargo
 * order teu, feu, bulk, liquid): hours, USD, kg CO2e WTW and TTW, and a
 * bit mask of the cargo units allowed on the edge.
 */
import type { Schedulable } from '../atlas/calendar.ts';
import type { CargoUnit, FreightMode, Profile } from '../costs/profile.ts';

export const MODE_CODES: readonly (FreightMode | 'gate')[] = [
  'gate',
  'rail',
  'road',
  'river',
  'sea',
  'air',
  'pipeline',
];
export const MODE_CODE: Record<FreightMode | 'gate', number> = {
  gate: 0,
  rail: 1,
  road: 2,
  river: 3,
  sea: 4,
  air: 5,
  pipeline: 6,
};

/**
 * `call`: a ship passing through a port (arrived by sea, sails on by sea, the
 * cargo aboard), from the port's sea arrival node to its sea departure node.
 */
export const EDGE_KINDS = ['link', 'crossing', 'load', 'unload', 'tranship', 'gauge-change', 'call'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];
export const EDGE_KIND: Record<EdgeKind, number> = {
  link: 0,
  crossing: 1,
  load: 2,
  unload: 3,
  tranship: 4,
  'gauge-change': 5,
  call: 6,
};

export const CARGO_COUNT = 5;

/** A place as the network sees it. */
export interface NetworkPlace {
  id: string;
  name: string;
  country: string;
  timezone: string;
  seaport: boolean;
  coords: [number, number];
  /** A seaport's own published container dwell (atlas `containerDwell`): hours, year and source ids. */
  containerDwell?: { hours: number; year: number; sources: string[] };
}

/** The time-dependent thing behind a calendar index: a link or a crossing service, with the zone its calendar is read in. */
export interface NetworkCalendar {
  thing: Schedulable;
  timezone: string;
  /** Human name, e.g. "Heihe – Blagoveshchensk pontoon" or "link amur-river-blagoveshchensk-khabarovsk". */
  label: string;
  /** Earliest and latest typical season bounds (MM-DD) seen in the sources, for seasonal-risk warnings. */
  seasonRanges?: { from?: [string, string]; to?: [string, string] }[];
}

/** A crossing service used by an edge. */
export interface NetworkCrossing {
  crossingId: string;
  crossingName: string;
  serviceId: string;
  serviceName: string;
  mode: string;
  facility: string;
  /** First day of the current open state, when the record gives one (for summaries: "opened 2022-06-10"). */
  openedOn?: string;
  /** True when the crossing's km is the straight line between its sides (no published passage length). */
  estimatedLength: boolean;
  clearanceHours: number;
  feeUsdPerUnit: number[];
  gaugeChange?: { method: string; from: string; to: string; hours: number };
  /** The service's weight limit, tonnes, when the atlas gives one. */
  weightLimitT?: number;
  /** Cargo bits (`1 << cargo`) removed from the edge's mask because the loaded truck exceeds `weightLimitT`. */
  weightExcluded?: number;
}

export interface NetworkLink {
  id: string;
  mode: string;
  line?: string;
  corridor?: string;
  /** True when the link's km is an estimate (not published, not measured along a real line). */
  estimated: boolean;
  /** The service class each cargo unit (by cargo index) moves in on this link (profile `services`), or null. */
  services?: (string | null)[];
  /** The real line from the link's `from` to its `to` place, [lon, lat] pairs; absent: drawn straight (schematic). */
  geometry?: [number, number][];
  /** Dataset and licence of `geometry` (for attribution). */
  lineSource?: string;
  /** The link drawn straight: its `from` place, the atlas `via` vertices, its `to` place (used where `geometry` is absent). */
  schematic?: [number, number][];
}

export interface Network {
  nodeCount: number;
  edgeCount: number;
  /** Node → place index (-1 for an anonymous junction of a line-network overlay). */
  nodePlace: Int32Array;
  /** Node → MODE_CODE. */
  nodeMode: Uint8Array;
  /** Node → rail gauge in mm (0 when not a rail node). */
  nodeGauge: Int16Array;
  places: NetworkPlace[];
  placeIndex: Map<string, number>;
  /** Place index → its gate node. */
  gateNode: Int32Array;

  /**
   * CSR by tail, the layout of `src/graph/csr.ts`: the edges of node v are
   * `offsets[v]` … `offsets[v+1]-1`; edge ids are these arc indices.
   */
  offsets: Int32Array;
  tail: Int32Array;
  targets: Int32Array;
  /** Reverse CSR (by head) for backward searches: `rOffsets`, `rEdges` (edge ids). */
  rOffsets: Int32Array;
  rEdges: Int32Array;

  kind: Uint8Array;
  /** MODE_CODE of the edge (for transfers: of the outgoing mode). */
  mode: Uint8Array;
  km: Float64Array;
  /** Per edge and cargo unit (index edge*CARGO_COUNT + cargo). */
  hours: Float64Array;
  costUsd: Float64Array;
  co2eKg: Float64Array;
  co2eKgTtw: Float64Array;
  /** Bit `1 << cargo` set when the cargo unit may use the edge. */
  cargoMask: Uint8Array;
  /** Index into `calendars`, or -1 for always usable. */
  calendar: Int32Array;
  /** Index into `links` (link edges) or `crossings` (crossing edges), else -1. */
  ref: Int32Array;

  calendars: NetworkCalendar[];
  links: NetworkLink[];
  crossings: NetworkCrossing[];
  /** Problems found while compiling (edges dropped, defaults used), naming the atlas record. */
  warnings: string[];
  /** The profile the costs were compiled with (the search reads its waiting cost). */
  profile: Profile;
  compileMs: number;
}

export const CARGO_ORDER: readonly CargoUnit[] = ['teu', 'feu', 'bulk', 'liquid', 'air'];
