/**
 * Line-network import, snapping: lines that do not meet (the OSM Russian
 * railways are not noded: a branch starts near an interior vertex of another
 * line, not on it) are joined by connecting every endpoint that no other line
 * touches to the nearest vertex or segment point of another line within
 * `snapKm`, by a connector edge of that length.
 */
import type { NodedLines } from './noding.ts';
import type { SegmentIndex } from './segment-index.ts';

/** A connector edge between two vertices, km long. */
export interface Connector {
  a: number;
  b: number;
  km: number;
}

/** What snapping did with the dangling endpoints (the report's `snapping`). */
export interface SnappingReport {
  snapKm: number;
  dangling: number;
  toVertex: number;
  toSegment: number;
  unsnapped: number;
  connectorKm: number;
}

/** Snaps every dangling endpoint; returns the connectors (one per pair of vertices) and the counts. */
export function snapDangling(
  noded: NodedLines,
  index: SegmentIndex,
  snapKm: number,
): { connectors: Connector[]; snapping: SnappingReport } {
  const { parts, use } = noded;
  const { lon: vLon, lat: vLat } = noded.vertices;
  const connectors: Connector[] = [];
  const connectorKeys = new Set<string>();
  const snapping = { snapKm, dangling: 0, toVertex: 0, toSegment: 0, unsnapped: 0, connectorKm: 0 };
  parts.forEach((p, pi) => {
    for (const end of [p.vertices[0], p.vertices[p.vertices.length - 1]]) {
      if (use[end] > 1) continue;
      snapping.dangling++;
      const hit =
        snapKm > 0 ? index.nearest(vLon[end], vLat[end], snapKm, (other) => other !== pi) : undefined;
      if (!hit) {
        snapping.unsnapped++;
        continue;
      }
      if (hit.vertex >= 0) snapping.toVertex++;
      else snapping.toSegment++;
      const target = noded.materialise(hit);
      const key = end < target ? `${end}:${target}` : `${target}:${end}`;
      if (target === end || connectorKeys.has(key)) continue;
      connectorKeys.add(key);
      connectors.push({ a: end, b: target, km: hit.km });
      snapping.connectorKm += hit.km;
    }
  });
  return { connectors, snapping };
}
