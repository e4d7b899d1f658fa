/**
 * What freight uses in OpenStreetMap, and how its tags become edge attributes.
 *
 * Kept ways: roads `highway=motorway … tertiary` (and their `_link`s),
 * `route=ferry`, `railway=rail`. Kept nodes: `barrier=border_control` and
 * nodes tagged `border_control=*` (the crossing points). Tags read (OSM wiki
 * "Key:…" pages): `hgv`, `maxweight`, `maxspeed`, `oneway` (and the implied
 * oneway of motorways and roundabouts), `access`, `access:conditional`,
 * `ice_road`, `winter_road`; for railways `usage`, `gauge` (`1435;1520` is a
 * dual-gauge track), `electrified`.
 *
 * `osmiumFilterExpressions` is the same selection written as `osmium
 * tags-filter` expressions, so that the C++ reader drops everything else
 * before Node sees it.
 */

/** Edge classes, by code (the index into this list is stored in the artefact). */
export const EDGE_CLASSES = [
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'motorway_link',
  'trunk_link',
  'primary_link',
  'secondary_link',
  'tertiary_link',
  'ferry',
  'rail',
] as const;
export type EdgeClass = (typeof EDGE_CLASSES)[number];
export const EDGE_CLASS_CODE: Record<EdgeClass, number> = Object.fromEntries(
  EDGE_CLASSES.map((c, i) => [c, i]),
) as Record<EdgeClass, number>;

const ROAD_CLASSES = new Set<string>(EDGE_CLASSES.slice(0, 10));

/** Flag bits of an edge. */
export const FLAG = {
  /** Usable only from the way's first node towards its last (`oneway=yes`, motorways, roundabouts). */
  onewayForward: 1,
  /** Usable only against the way's direction (`oneway=-1`). */
  onewayBackward: 2,
  /** Closed to heavy goods vehicles (`hgv=no`, or `access=no|private` without `hgv=yes|designated`). */
  noHgv: 4,
  /** An ice road or winter road (`ice_road=yes`, `winter_road=yes`): seasonal. */
  winter: 8,
  /** Has `access:conditional` (its condition string is kept): seasonal or timed. */
  conditional: 16,
  /** `electrified` is set and not `no`. */
  electrified: 32,
} as const;

/** Rail gauge bits (a dual-gauge track has two). */
export const GAUGE_BIT = { 1435: 1, 1520: 2, other: 4 } as const;

/** The gauges a truck profile or rail profile can ask for. */
export type DetailGauge = 1435 | 1520;

export interface WayAttributes {
  cls: EdgeClass;
  flags: number;
  /** Posted speed, km/h; 0 when not tagged or not a number. */
  maxspeedKmh: number;
  /** Posted weight limit, tonnes; 0 when none. */
  maxweightT: number;
  /** GAUGE_BIT mask; 0 for roads, ferries and untagged track. */
  gauge: number;
  /** `usage` of a railway (main, branch, industrial, …), `''` when absent. */
  usage: string;
  /** The `access:conditional` value, `''` when absent. */
  conditional: string;
  name: string;
}

const NO = new Set(['no', 'private']);
const YES = new Set(['yes', 'designated', 'permissive', 'destination', 'delivery']);

/** `maxspeed` in km/h: "90", "60 mph", "RU:urban" (60) … 0 when unknown. */
export function parseMaxspeed(v: string | undefined): number {
  if (!v) return 0;
  const m = /^\s*([\d.]+)\s*(mph|km\/h|kmh)?\s*$/.exec(v);
  if (m) {
    const n = Number(m[1]);
    return m[2] === 'mph' ? Math.round(n * 1.609344) : Math.round(n);
  }
  // implicit limits (OSM wiki "Default speed limits"): the ones of the region and of the sample extract
  const implicit: Record<string, number> = {
    'RU:urban': 60,
    'RU:rural': 90,
    'RU:motorway': 110,
    'CN:urban': 50,
    'CN:rural': 70,
    'CN:motorway': 120,
    'FR:urban': 50,
    'FR:rural': 80,
    'FR:motorway': 130,
    'MC:urban': 50,
  };
  return implicit[v.trim()] ?? 0;
}

/** `maxweight` in tonnes: "10", "10 t", "7.5", "20000 kg", "15 st" … 0 when none or unreadable. */
export function parseMaxweight(v: string | undefined): number {
  if (!v) return 0;
  const m = /^\s*([\d.]+)\s*(t|kg|st|lbs)?\s*$/.exec(v);
  if (!m) return 0;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return 0;
  if (m[2] === 'kg') return n / 1000;
  if (m[2] === 'st') return n * 0.90718474;
  if (m[2] === 'lbs') return n * 0.00045359237;
  return n;
}

/** `gauge` as GAUGE_BIT mask: "1520" → 1520, "1435;1520" → both, "1524" (Finnish, runs 1520 stock) → 1520. */
export function parseGauge(v: string | undefined): number {
  if (!v) return 0;
  let mask = 0;
  for (const part of v.split(/[;,]/)) {
    const n = Number(part.trim());
    if (n === 1435) mask |= GAUGE_BIT[1435];
    else if (n === 1520 || n === 1524) mask |= GAUGE_BIT[1520];
    else if (Number.isFinite(n) && n > 0) mask |= GAUGE_BIT.other;
  }
  return mask;
}

/** The attributes of a way, or null when freight does not use it. */
export function wayAttributes(tags: Record<string, string>): WayAttributes | null {
  let cls: EdgeClass | undefined;
  const hw = tags.highway;
  if (hw && ROAD_CLASSES.has(hw)) cls = hw as EdgeClass;
  else if (tags.route === 'ferry') cls = 'ferry';
  else if (tags.railway === 'rail') cls = 'rail';
  if (!cls) return null;
  let flags = 0;
  const oneway = tags.oneway;
  if (oneway === 'yes' || oneway === '1' || oneway === 'true') flags |= FLAG.onewayForward;
  else if (oneway === '-1' || oneway === 'reverse') flags |= FLAG.onewayBackward;
  else if (
    oneway === undefined &&
    (cls === 'motorway' || cls === 'motorway_link' || tags.junction === 'roundabout')
  )
    flags |= FLAG.onewayForward;
  if (cls !== 'rail') {
    const hgv = tags.hgv;
    if (hgv !== undefined ? NO.has(hgv) : NO.has(tags.access ?? '') && !YES.has(tags.motor_vehicle ?? ''))
      flags |= FLAG.noHgv;
  }
  if (tags.ice_road === 'yes' || tags.winter_road === 'yes') flags |= FLAG.winter;
  const conditional = tags['access:conditional'] ?? tags['hgv:conditional'] ?? '';
  if (conditional) flags |= FLAG.conditional;
  if (tags.electrified && tags.electrified !== 'no') flags |= FLAG.electrified;
  return {
    cls,
    flags,
    maxspeedKmh: parseMaxspeed(tags['maxspeed:hgv'] ?? tags.maxspeed),
    maxweightT: parseMaxweight(tags['maxweight:hgv'] ?? tags.maxweight),
    gauge: cls === 'rail' ? parseGauge(tags.gauge) : 0,
    usage: cls === 'rail' ? (tags.usage ?? '') : '',
    conditional,
    name: tags['name:en'] ?? tags.name ?? '',
  };
}

/** A node that marks a border crossing point. */
export function isBorderNode(tags: Record<string, string>): boolean {
  return tags.barrier === 'border_control' || tags.border_control !== undefined;
}

/** The selection as `osmium tags-filter` expressions. */
export function osmiumFilterExpressions(): string[] {
  const roads = [...ROAD_CLASSES].join(',');
  return [
    `w/highway=${roads}`,
    'w/route=ferry',
    'w/railway=rail',
    'n/barrier=border_control',
    'n/border_control',
  ];
}
