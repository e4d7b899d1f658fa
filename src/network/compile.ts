/**
 * `compileNetwork(atlas, profile, opts) → Network`: turns the atlas (and
 * optional line-network overlays) into the virtual multimodal network of
 * `types.ts`, with per-edge hours, cost and CO2e for each cargo unit taken
 * from the profile through the pure functions of `src/costs/model.ts`.
 *
 * Rules
 * - Mode nodes only where the mode can be: sea nodes at seaports, river nodes
 *   at river ports, air nodes at airports; rail nodes per gauge (1435, 1520,
 *   1067) from the place's links, crossings and `gauges`; every place has a
 *   road node and a gate. A link to a place that cannot have its mode is
 *   dropped with a warning naming the link.
 * - Load/unload (gate ↔ mode) and tranship (mode ↔ mode) edges exist only for
 *   the cargo the place's `capabilities` allow (container → TEU/FEU, bulk →
 *   bulk, liquid-bulk → liquid); road pick-up and delivery at the door are
 *   always allowed; liquids go by pipeline only where a pipeline is.
 * - A crossing service becomes an edge each way between the sides' mode nodes
 *   (road for road services and for trucks on ferries, pontoons and ice roads;
 *   river for barges; rail; pipeline) with clearance, fees, transit time and,
 *   for rail services whose gauges differ, the gauge change (atlas hours where
 *   given, else the profile's by method). Dual-gauge track whose sides differ
 *   in gauge (Hunchun – Kamyshovaya) runs one gauge into the combined-gauge
 *   yard (`gaugeChange.at`), where the yard's own gauge change applies.
 * - Sea and river links carry every cargo unit (the ports' capabilities
 *   decide what is loaded); each unit sails on the vessel class that carries
 *   it (`vesselFor`: the link's `vessel` when it suits the cargo, else the
 *   profile's `vesselByCargo`), whose emission row and speed apply.
 * - A seaport's sea terminal is a departure node (lanes leave it; cargo is
 *   loaded or transhipped onto ships there) and arrival nodes (lanes end
 *   there; cargo is discharged or transhipped off), joined by `call` edges:
 *   a ship passing through a port pays the call of the class it arrived in,
 *   the ports of loading and discharge none (`compile/sea-calls.ts`).
 * - A link's `cargo` narrows the cargo its edges carry: `[passenger]` (a
 *   high-speed passenger line) carries no freight unit, `[bulk]` only bulk.
 * - A crossing service with a `weightLimitT` that trucks use (road node)
 *   carries no cargo unit whose loaded truck (profile
 *   `modes.road.grossWeightT`) is heavier; `NetworkCrossing.weightExcluded`
 *   records which, so the router can say when the limit forces a detour.
 * - Calendars (link or service `status` + `calendar`) stay attached by index,
 *   read in the calendar's own `timezone` when it gives one, else in the time
 *   zone of the edge's tail place; the search evaluates them.
 */
import type { Atlas, Crossing, CrossingService } from '../atlas/schema.ts';
import type { Profile } from '../costs/profile.ts';
import { addCrossingEdges } from './compile/crossing-edges.ts';
import { NetworkDraft } from './compile/draft.ts';
import { addLinkEdges } from './compile/link-edges.ts';
import { addOverlayEdges } from './compile/overlay-edges.ts';
import { packEdges } from './compile/pack.ts';
import { placeNodes } from './compile/place-nodes.ts';
import { addServiceLayers } from './compile/service-layers.ts';
import { addTransferEdges } from './compile/transfer-edges.ts';
import { type LinkDetail, linkDetail, loadLinkGeometry } from './link-geometry.ts';
import type { LineNetworkOverlay } from './overlay.ts';
import type { Network } from './types.ts';

export { vesselFor } from './compile/cargo.ts';

export interface CompileOptions {
  /** Line networks imported from GeoJSON, joined to atlas places. */
  overlays?: LineNetworkOverlay[];
  /**
   * Real lines and measured km of links (src/network/link-geometry.ts): default
   * the shipped layer `data/geometry/links.geojson`; `null` for none (every link
   * straight, its km as the atlas gives it).
   */
  linkDetail?: Map<string, LinkDetail> | null;
}

/**
 * Compiles the atlas (+ overlays) with a profile, in stages that each add
 * nodes and edges to one draft (node and edge ids follow this order): place
 * nodes (`compile/place-nodes.ts`), link edges (`link-edges.ts`), crossing
 * services (`crossing-edges.ts`), overlays (`overlay-edges.ts`), transfers
 * at each place (`transfer-edges.ts`), the rail layers of scoped service
 * classes (`service-layers.ts`), then CSR packing (`pack.ts`). Fast
 * enough to run per request (see bench/route-pareto.ts).
 */
export function compileNetwork(atlas: Atlas, profile: Profile, opts: CompileOptions = {}): Network {
  const t0 = performance.now();
  const details = opts.linkDetail === undefined ? linkDetail(atlas, loadLinkGeometry()) : opts.linkDetail;
  const draft = new NetworkDraft();
  const at = placeNodes(atlas, draft);
  addLinkEdges(draft, atlas, profile, at, details);
  addCrossingEdges(draft, atlas, profile, at);
  for (const ov of opts.overlays ?? []) addOverlayEdges(draft, ov, profile, atlas, at.placeIndex);
  addTransferEdges(draft, atlas, profile, at);
  addServiceLayers(draft, atlas, profile);
  return {
    nodeCount: draft.nodeCount,
    edgeCount: draft.edges.length,
    nodePlace: Int32Array.from(draft.nodePlace),
    nodeMode: Uint8Array.from(draft.nodeMode),
    nodeGauge: Int16Array.from(draft.nodeGauge),
    places: at.places,
    placeIndex: at.placeIndex,
    gateNode: at.gateNode,
    ...packEdges(draft.nodeCount, draft.edges),
    calendars: draft.calendars,
    links: draft.links,
    crossings: draft.crossings,
    warnings: draft.warnings,
    profile,
    compileMs: performance.now() - t0,
  };
}

/** A crossing's display name with the service, e.g. "Heihe – Blagoveshchensk road bridge". */
export function crossingLabel(c: Crossing, s: CrossingService): string {
  return `${c.names.en} ${s.names?.en ?? s.facility}`;
}
