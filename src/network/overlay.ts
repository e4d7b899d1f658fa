/**
 * A line-network overlay: detail imported from a GeoJSON line network (OSM
 * railways, a maritime lane network, roads) that `compileNetwork` adds to the
 * atlas network. Nodes are anonymous junctions; `joins` attach some of them to
 * atlas places, which is how the overlay connects to the corridor model.
 *
 * Produced by `importLineNetwork` (src/network/import-geojson.ts), consumed by
 * `compileNetwork(atlas, profile, { overlays })` (src/network/compile.ts).
 */
import type { Calendar, Gauge } from '../atlas/schema.ts';

export type OverlayMode = 'rail' | 'road' | 'sea' | 'river';

export interface LineNetworkOverlay {
  /** Stable id, e.g. "osm-russian-railways" or "marnet-20km". */
  id: string;
  mode: OverlayMode;
  /** Rail gauge of every edge (an overlay is one gauge; split sources otherwise). */
  gauge?: Gauge;
  nodes: { lon: Float64Array; lat: Float64Array };
  /** Undirected edges between node indices, with their length along the line. */
  edges: { from: Int32Array; to: Int32Array; km: Float64Array; tag: Int32Array };
  /** Names of the edge tags (index = tag value; 0 = untagged), e.g. ["", "suez", "northeast"]. */
  tags: string[];
  /** Availability of tagged edges (e.g. the Northern Sea Route "northeast" passage in summer). */
  tagCalendars?: Record<string, Calendar>;
  /** Node ↔ atlas place joins found by nearest node within a radius. */
  joins: { node: number; place: string; km: number }[];
  /** Where the data came from (title, licence, file). */
  source: { title: string; licence: string; file: string };
}
