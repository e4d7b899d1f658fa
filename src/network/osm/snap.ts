/**
 * Joins the atlas to an imported OSM network: each atlas place inside the
 * network's extent is snapped to the nearest vertex of each profile it uses —
 * every place to the truck graph, places with rail (`gauges`, or a rail
 * station / yard / dry-port kind) to the rail graph of each of its gauges.
 * The distance is reported; a snap farther than `warnKm` is a warning naming
 * the place (and, for a crossing side, the crossing), because a link measured
 * from there would start in the wrong spot. Crossings are not rebuilt from OSM:
 * their sides are snapped like any place, so the atlas crossing's regime,
 * clearance, gauge change and fees still govern the crossing.
 */
import type { Atlas } from '../../atlas/schema.ts';
import type { CsrGraph } from '../../graph/csr.ts';
import type { OsmNetwork } from './build.ts';
import { segmentMeters } from './build.ts';
import type { OsmProfile } from './profiles.ts';

/** Default distance beyond which a snap is a warning, km. */
export const SNAP_WARN_KM = 2;

export interface Snap {
  place: string;
  profile: OsmProfile;
  vertex: number;
  km: number;
}

export interface SnapReport {
  snaps: Snap[];
  /** Places inside the extent whose nearest vertex is farther than `warnKm`, one message each naming the record. */
  warnings: string[];
  /** Places outside the network's extent (not snapped). */
  outside: number;
}

const CELL = 0.05; // degrees

/** A grid index over the vertices that have arcs in a profile graph. */
export class VertexGrid {
  private cells = new Map<number, number[]>();
  constructor(
    private readonly net: OsmNetwork,
    graph: CsrGraph,
  ) {
    const rev = new Uint8Array(net.vertexCount);
    for (let i = 0; i < graph.targets.length; i++) rev[graph.targets[i]] = 1;
    for (let v = 0; v < net.vertexCount; v++) {
      if (graph.offsets[v + 1] === graph.offsets[v] && !rev[v]) continue;
      const k = this.key(
        Math.floor(net.vertexLon[v] / 1e7 / CELL),
        Math.floor(net.vertexLat[v] / 1e7 / CELL),
      );
      let c = this.cells.get(k);
      if (!c) {
        c = [];
        this.cells.set(k, c);
      }
      c.push(v);
    }
  }

  get size(): number {
    return this.cells.size;
  }

  private key(cx: number, cy: number): number {
    return (cx + 4000) * 8000 + (cy + 2000);
  }

  /** Nearest vertex to (lon, lat) within `maxKm`, or null. */
  nearest(lon: number, lat: number, maxKm: number): { vertex: number; km: number } | null {
    const cx = Math.floor(lon / CELL);
    const cy = Math.floor(lat / CELL);
    const x = Math.round(lon * 1e7);
    const y = Math.round(lat * 1e7);
    // a cell is at least this many km wide (longitude shrinks with latitude)
    const cellKm =
      CELL * 111.32 * Math.max(0.05, Math.cos((Math.min(89, Math.abs(lat) + CELL) * Math.PI) / 180));
    let best = -1;
    let bestKm = Number.POSITIVE_INFINITY;
    const maxRing = Math.ceil(maxKm / cellKm) + 1;
    for (let ring = 0; ring <= maxRing; ring++) {
      if (best >= 0 && (ring - 1) * cellKm > bestKm) break;
      for (let dx = -ring; dx <= ring; dx++) {
        for (let dy = -ring; dy <= ring; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
          const c = this.cells.get(this.key(cx + dx, cy + dy));
          if (!c) continue;
          for (const v of c) {
            const km = segmentMeters(x, y, this.net.vertexLon[v], this.net.vertexLat[v]) / 1000;
            if (km < bestKm) {
              bestKm = km;
              best = v;
            }
          }
        }
      }
    }
    return best >= 0 && bestKm <= maxKm ? { vertex: best, km: bestKm } : null;
  }
}

const RAIL_KINDS = new Set(['rail-station', 'rail-yard', 'dry-port']);

/** The profiles a place is snapped to. */
export function placeProfiles(place: Atlas['places'][number]): OsmProfile[] {
  const out: OsmProfile[] = ['truck'];
  const gauges = place.gauges ?? [];
  const rail = gauges.length > 0 || place.kinds.some((k) => RAIL_KINDS.has(k));
  if (rail) {
    if (gauges.length === 0 || gauges.includes(1520) || gauges.includes('dual')) out.push('rail-1520');
    if (gauges.length === 0 || gauges.includes(1435) || gauges.includes('dual')) out.push('rail-1435');
  }
  return out;
}

/**
 * Snaps the atlas places inside `bbox` (grown by `warnKm`) to the profile
 * graphs given. Places farther than `maxKm` from every vertex are not snapped.
 */
export function snapAtlas(
  atlas: Atlas,
  net: OsmNetwork,
  bbox: [number, number, number, number] | null,
  graphs: Partial<Record<OsmProfile, CsrGraph>>,
  options: { warnKm?: number; maxKm?: number } = {},
): SnapReport {
  const warnKm = options.warnKm ?? SNAP_WARN_KM;
  const maxKm = options.maxKm ?? 25;
  const grids = new Map<OsmProfile, VertexGrid>();
  for (const [p, g] of Object.entries(graphs)) if (g) grids.set(p as OsmProfile, new VertexGrid(net, g));
  const sideOf = new Map<string, string>();
  for (const c of atlas.crossings) for (const s of c.sides) sideOf.set(s, c.id);
  const report: SnapReport = { snaps: [], warnings: [], outside: 0 };
  if (!bbox) return report;
  const margin = warnKm / 111;
  for (const place of atlas.places) {
    const [lon, lat] = place.coords;
    if (
      lon < bbox[0] - margin ||
      lon > bbox[2] + margin ||
      lat < bbox[1] - margin ||
      lat > bbox[3] + margin
    ) {
      report.outside++;
      continue;
    }
    for (const profile of placeProfiles(place)) {
      const grid = grids.get(profile);
      if (!grid || grid.size === 0) continue;
      const hit = grid.nearest(lon, lat, maxKm);
      const what = sideOf.has(place.id)
        ? `place ${place.id} (a side of crossing ${sideOf.get(place.id)})`
        : `place ${place.id}`;
      if (!hit) {
        report.warnings.push(`${what}: no ${profile} vertex within ${maxKm} km; not snapped`);
        continue;
      }
      report.snaps.push({ place: place.id, profile, vertex: hit.vertex, km: hit.km });
      if (hit.km > warnKm) {
        report.warnings.push(
          `${what}: nearest ${profile} vertex is ${hit.km.toFixed(2)} km away (over ${warnKm} km); check its coords or the extract`,
        );
      }
    }
  }
  return report;
}
