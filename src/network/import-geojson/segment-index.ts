/**
 * Line-network import, nearest point: a grid index of the lines' segments
 * (0.1° cells, across the antimeridian) and the nearest point of the network
 * to a query point within a radius — the closest point of each nearby segment
 * in a local equirectangular projection, measured by great-circle distance. A
 * point within 1 m of a segment's end is that vertex.
 */
import { greatCircleKm, KM_PER_DEGREE as KM_PER_DEG } from '../geodesy.ts';
import type { Part, Vertices } from './lines.ts';
import type { SnapPoint } from './noding.ts';

/** A snap or join point within this distance of a vertex uses the vertex (no split). */
const SAME_POINT_KM = 0.001;
/** Cell size of the spatial index, degrees. */
const CELL_DEG = 0.1;

/** Longitude difference b − a folded into [−180, 180). */
export function dLon(a: number, b: number): number {
  let d = b - a;
  if (d >= 180) d -= 360;
  else if (d < -180) d += 360;
  return d;
}

export function wrapLon(lon: number): number {
  let l = lon;
  while (l >= 180) l -= 360;
  while (l < -180) l += 360;
  return l;
}

export class SegmentIndex {
  private readonly segStart: number[] = [];
  private readonly segPart: Int32Array;
  private readonly lonCells = Math.round(360 / CELL_DEG);
  private readonly grid = new Map<number, number[]>();
  private readonly segSeen: Uint32Array;
  private segStamp = 0;

  /** Indexes the segments of `parts` as they are now (points inserted later are not seen). */
  constructor(
    private readonly parts: Part[],
    private readonly vertices: Vertices,
  ) {
    let segCount = 0;
    for (const p of parts) {
      this.segStart.push(segCount);
      segCount += p.vertices.length - 1;
    }
    this.segPart = new Int32Array(segCount);
    parts.forEach((p, pi) => {
      for (let s = 0; s < p.vertices.length - 1; s++) this.segPart[this.segStart[pi] + s] = pi;
    });
    const { lon: vLon, lat: vLat } = vertices;
    parts.forEach((p, pi) => {
      for (let s = 0; s < p.vertices.length - 1; s++) {
        const a = p.vertices[s];
        const b = p.vertices[s + 1];
        const dx = dLon(vLon[a], vLon[b]);
        const dy = vLat[b] - vLat[a];
        const steps = Math.max(1, Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)) / (CELL_DEG / 2)));
        for (let k = 0; k <= steps; k++)
          this.addToCell(vLon[a] + (dx * k) / steps, vLat[a] + (dy * k) / steps, this.segStart[pi] + s);
      }
    });
    this.segSeen = new Uint32Array(segCount);
  }

  private cellKey(lonIdx: number, latIdx: number): number {
    const lonCells = this.lonCells;
    return (latIdx + 1000) * (lonCells + 10) + (((lonIdx % lonCells) + lonCells) % lonCells);
  }

  private addToCell(lon: number, lat: number, seg: number): void {
    const key = this.cellKey(Math.floor(wrapLon(lon) / CELL_DEG), Math.floor(lat / CELL_DEG));
    const list = this.grid.get(key);
    if (!list) this.grid.set(key, [seg]);
    else if (list[list.length - 1] !== seg) list.push(seg);
  }

  /** Nearest point of the network to (lon, lat) within maxKm on parts accepted by `accept`. */
  nearest(lon: number, lat: number, maxKm: number, accept: (part: number) => boolean): SnapPoint | undefined {
    this.segStamp++;
    const cosLat = Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
    const rLat = Math.ceil(maxKm / KM_PER_DEG / CELL_DEG) + 1;
    const rLon = Math.min(
      Math.ceil(maxKm / (KM_PER_DEG * cosLat) / CELL_DEG) + 1,
      Math.ceil(this.lonCells / 2),
    );
    const lonIdx = Math.floor(wrapLon(lon) / CELL_DEG);
    const latIdx = Math.floor(lat / CELL_DEG);
    let best: SnapPoint | undefined;
    for (let dy = -rLat; dy <= rLat; dy++) {
      for (let dx = -rLon; dx <= rLon; dx++) {
        const list = this.grid.get(this.cellKey(lonIdx + dx, latIdx + dy));
        if (!list) continue;
        for (const seg of list) {
          if (this.segSeen[seg] === this.segStamp) continue;
          this.segSeen[seg] = this.segStamp;
          const pi = this.segPart[seg];
          if (!accept(pi)) continue;
          const p = this.closestOnSegment(lon, lat, cosLat, pi, seg - this.segStart[pi]);
          if (p.km > maxKm || (best && p.km >= best.km)) continue;
          best = p;
        }
      }
    }
    if (best) this.snapToEnd(best);
    return best;
  }

  /** The closest point of segment `s` of part `pi`, in a local equirectangular projection around (lon, lat). */
  private closestOnSegment(lon: number, lat: number, cosLat: number, pi: number, s: number): SnapPoint {
    const { lon: vLon, lat: vLat } = this.vertices;
    const a = this.parts[pi].vertices[s];
    const b = this.parts[pi].vertices[s + 1];
    const ax = dLon(lon, vLon[a]) * cosLat;
    const ay = vLat[a] - lat;
    const bx = dLon(lon, vLon[b]) * cosLat;
    const by = vLat[b] - lat;
    const ex = bx - ax;
    const ey = by - ay;
    const len2 = ex * ex + ey * ey;
    let t = len2 > 0 ? -(ax * ex + ay * ey) / len2 : 0;
    t = Math.max(0, Math.min(1, t));
    const pLon = wrapLon(vLon[a] + dLon(vLon[a], vLon[b]) * t);
    const pLat = vLat[a] + (vLat[b] - vLat[a]) * t;
    const km = greatCircleKm([lon, lat], [pLon, pLat]);
    return { vertex: -1, part: pi, seg: s, t, lon: pLon, lat: pLat, km };
  }

  /** A point within 1 m of its segment's end is that vertex. */
  private snapToEnd(best: SnapPoint): void {
    const { lon: vLon, lat: vLat } = this.vertices;
    const p = this.parts[best.part];
    const a = p.vertices[best.seg];
    const b = p.vertices[best.seg + 1];
    if (greatCircleKm([best.lon, best.lat], [vLon[a], vLat[a]]) < SAME_POINT_KM) best.vertex = a;
    else if (greatCircleKm([best.lon, best.lat], [vLon[b], vLat[b]]) < SAME_POINT_KM) best.vertex = b;
  }
}
