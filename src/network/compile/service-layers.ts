/**
 * Stage 6 of `compileNetwork` (after transfers, before packing): a layer of
 * the rail network for each rail service class with a `scope` (profile
 * `ServiceClass.scope`), so a class can run on the legs that cross its
 * gateways — the China–Europe express on a container train from Chengdu over
 * Alashankou to Łódź, the Chinese approach and the Polish end included —
 * without changing the class of any other leg over the same track (a
 * Vladivostok – Moscow train on the Trans-Siberian keeps its class).
 *
 * Rule: a rail leg (from loading, or a transfer from another mode, to
 * unloading or a transfer to another mode) of a cargo unit the class
 * carries that crosses one of the scope's crossings runs in that class on
 * its whole way; such a leg never runs in another class (the crossing's
 * ordinary rail edges lose those cargo units). Every other leg keeps the
 * first unscoped class (`serviceFor`).
 *
 * Built as two copies of every rail node (junctions of overlays included):
 * "before" the gateway (entered by loading or a transfer, left only over a
 * gateway crossing) and "after" it (entered over a gateway crossing, left by
 * unloading or a transfer; a second gateway crossing stays in it). Link,
 * crossing and gauge-change edges are copied into both copies; loads and
 * transfers onto rail lead into "before", unloads and transfers off rail
 * leave "after". Copied link edges carry the class's running cost, speed
 * and headway (`linkCost` with the class first) and point at a copy of
 * their link's row naming the class; copied gauge changes and crossings
 * that change gauge add the class's `gaugeChangeDwellHours` in place of the
 * unscoped class's, with a copy of the crossing's row saying so; terminal
 * dwell and release on loads, unloads and transfers change by the class's
 * own (handling, fixed cost and emissions there do not depend on the class).
 *
 * A scope crossing the atlas does not have (or has no rail service for) is
 * reported in the network's warnings, naming the profile, class and field.
 */
import type { Atlas, Link } from '../../atlas/schema.ts';
import { type LinkAttributes, linkCost, serviceFor } from '../../costs/model.ts';
import { CARGO_UNITS, type CargoUnit, type Profile, type ServiceClass } from '../../costs/profile.ts';
import { withServiceFirst } from '../../costs/service-choice.ts';
import { MODE_CODE } from '../types.ts';
import type { EdgeCost, EdgeDraft, NetworkDraft } from './draft.ts';

/** Adds a rail layer for every scoped rail class of the profile. */
export function addServiceLayers(draft: NetworkDraft, atlas: Atlas, profile: Profile): void {
  for (const service of profile.services)
    if (service.scope && service.mode === 'rail') addLayer(draft, atlas, profile, service);
}

/** The cargo bits of the units a class carries. */
function classMask(service: ServiceClass): number {
  let m = 0;
  for (const c of service.cargo) m |= 1 << CARGO_UNITS.indexOf(c);
  return m;
}

/** Per cargo unit: `cost` with `dh(c)` more hours. */
function plusHours(cost: EdgeCost[], dh: (c: CargoUnit) => number): EdgeCost[] {
  return cost.map((x, i) => ({ ...x, hours: x.hours + dh(CARGO_UNITS[i]) }));
}

interface Layer {
  draft: NetworkDraft;
  profile: Profile;
  service: ServiceClass;
  /** The profile with the class first and its scope lifted: its cost functions give the class's figures. */
  own: Profile;
  mask: number;
  gateways: Set<number>;
  /** Original rail node → its "before" and "after" copies. */
  before: Map<number, number>;
  after: Map<number, number>;
  linkRow: Map<number, number>;
  crossingRow: Map<number, number>;
  atlasLinks: Map<string, Link>;
  countryOf: Map<string, string>;
}

function addLayer(draft: NetworkDraft, atlas: Atlas, profile: Profile, service: ServiceClass): void {
  const ids = new Set(service.scope?.crossings ?? []);
  const gateways = new Set<number>();
  draft.crossings.forEach((c, i) => {
    if (ids.has(c.crossingId) && c.mode === 'rail') gateways.add(i);
  });
  for (const id of ids)
    if (![...gateways].some((i) => draft.crossings[i].crossingId === id))
      draft.warnings.push(
        `profile ${profile.id}: service ${service.id}: scope.crossings: "${id}" is no crossing with a rail service in the atlas; the class runs over the others (valid: ${railCrossingIds(draft).join(', ')})`,
      );
  const layer: Layer = {
    draft,
    profile,
    service,
    own: withServiceFirst(profile, service.id),
    mask: classMask(service),
    gateways,
    before: new Map(),
    after: new Map(),
    linkRow: new Map(),
    crossingRow: new Map(),
    atlasLinks: new Map(atlas.links.map((l) => [l.id, l])),
    countryOf: new Map(atlas.places.map((p) => [p.id, p.country])),
  };
  const edges = draft.edges.slice();
  for (const e of edges) copyEdge(layer, e);
}

function railCrossingIds(draft: NetworkDraft): string[] {
  return [...new Set(draft.crossings.filter((c) => c.mode === 'rail').map((c) => c.crossingId))].sort();
}

const RAIL = MODE_CODE.rail;

function isRail(draft: NetworkDraft, v: number): boolean {
  return draft.nodeMode[v] === RAIL;
}

/** The copy of rail node `v` in the layer's side `side`, made on first use. */
function copyOf(layer: Layer, v: number, side: 'before' | 'after'): number {
  const map = layer[side];
  let id = map.get(v);
  if (id === undefined) {
    const d = layer.draft;
    id = d.nodePlace.length;
    d.nodePlace.push(d.nodePlace[v]);
    d.nodeMode.push(d.nodeMode[v]);
    d.nodeGauge.push(d.nodeGauge[v]);
    map.set(v, id);
  }
  return id;
}

/** Copies one edge of the compiled network into the layer, as its kind and ends say. */
function copyEdge(layer: Layer, e: EdgeDraft): void {
  const { draft } = layer;
  const mask = e.mask & layer.mask;
  if (!mask) return;
  const tailRail = isRail(draft, e.tail);
  const headRail = isRail(draft, e.head);
  if (!tailRail && !headRail) return;
  if (tailRail && !headRail) {
    // unloading or a transfer off rail: from the "after" side, with the class's release
    const cost = plusHours(e.cost, (c) => releaseOf(layer.own, c) - releaseOf(layer.profile, c));
    draft.edges.push({ ...e, tail: copyOf(layer, e.tail, 'after'), mask, cost });
    return;
  }
  if (!tailRail && headRail) {
    // loading or a transfer onto rail: into the "before" side, with the class's dwell
    const cost = plusHours(e.cost, (c) => dwellOf(layer.own, c) - dwellOf(layer.profile, c));
    draft.edges.push({ ...e, head: copyOf(layer, e.head, 'before'), mask, cost });
    return;
  }
  copyRailEdge(layer, e, mask);
}

/** A rail-to-rail edge (link, crossing, gauge change) in the layer. */
function copyRailEdge(layer: Layer, e: EdgeDraft, mask: number): void {
  const { draft } = layer;
  let cost = e.cost;
  let ref = e.ref;
  if (e.kind === 'link') {
    cost = linkCostsIn(layer, e);
    ref = linkRowOf(layer, e.ref);
  }
  const gaugeChanges = draft.nodeGauge[e.tail] !== draft.nodeGauge[e.head];
  if (gaugeChanges && (e.kind === 'crossing' || e.kind === 'gauge-change'))
    cost = plusHours(cost, (c) => gaugeDwellDelta(layer, c));
  if (e.kind === 'crossing') ref = crossingRowOf(layer, e.ref, gaugeChanges);
  if (e.kind === 'crossing' && layer.gateways.has(e.ref)) {
    // over a gateway the leg is the class's: the ordinary edge no longer carries its cargo
    e.mask &= ~layer.mask;
    draft.edges.push({
      ...e,
      tail: copyOf(layer, e.tail, 'before'),
      head: copyOf(layer, e.head, 'after'),
      mask,
      cost,
      ref,
    });
    draft.edges.push({
      ...e,
      tail: copyOf(layer, e.tail, 'after'),
      head: copyOf(layer, e.head, 'after'),
      mask,
      cost,
      ref,
    });
    return;
  }
  for (const side of ['before', 'after'] as const)
    draft.edges.push({
      ...e,
      tail: copyOf(layer, e.tail, side),
      head: copyOf(layer, e.head, side),
      mask,
      cost,
      ref,
    });
}

function dwellOf(p: Profile, c: CargoUnit): number {
  return serviceFor(p, 'rail', c)?.dwellHours ?? p.modes.rail.dwellHours;
}

function releaseOf(p: Profile, c: CargoUnit): number {
  return serviceFor(p, 'rail', c)?.releaseHours ?? p.modes.rail.releaseHours;
}

function gaugeDwellDelta(layer: Layer, c: CargoUnit): number {
  const own = serviceFor(layer.own, 'rail', c)?.gaugeChangeDwellHours ?? 0;
  const base = serviceFor(layer.profile, 'rail', c)?.gaugeChangeDwellHours ?? 0;
  return own - base;
}

/** The class's hours, cost and CO2e on a rail link edge (an overlay's edge: by its km alone, as the overlay stage). */
function linkCostsIn(layer: Layer, e: EdgeDraft): EdgeCost[] {
  const row = layer.draft.links[e.ref];
  const link = layer.atlasLinks.get(row.id);
  const attrs: LinkAttributes = link
    ? railAttributes(layer.countryOf, link, e.km)
    : { mode: 'rail', km: e.km };
  return CARGO_UNITS.map((c) => linkCost(layer.own, attrs, c));
}

/** A rail link's attributes for the cost functions, as the link stage gives them (`link-edges.ts`). */
function railAttributes(countryOf: Map<string, string>, link: Link, km: number): LinkAttributes {
  const a = countryOf.get(link.from);
  return {
    mode: 'rail',
    km,
    country: a !== undefined && a === countryOf.get(link.to) ? a : undefined,
    traction: link.traction,
    transitHours: link.transitHours?.typical,
    line: link.line?.en,
  };
}

/** The copy of a link's row that names the class for the cargo it carries. */
function linkRowOf(layer: Layer, ref: number): number {
  let row = layer.linkRow.get(ref);
  if (row === undefined) {
    const base = layer.draft.links[ref];
    const services = CARGO_UNITS.map((c, i) =>
      layer.service.cargo.includes(c) ? layer.service.label : (base.services?.[i] ?? null),
    );
    row = layer.draft.links.length;
    layer.draft.links.push({ ...base, services });
    layer.linkRow.set(ref, row);
  }
  return row;
}

/** The crossing's row for the class: its gauge change's hours include the class's dwell. */
function crossingRowOf(layer: Layer, ref: number, gaugeChanges: boolean): number {
  if (!gaugeChanges) return ref;
  let row = layer.crossingRow.get(ref);
  if (row === undefined) {
    const base = layer.draft.crossings[ref];
    const gc = base.gaugeChange;
    row = layer.draft.crossings.length;
    layer.draft.crossings.push({
      ...base,
      gaugeChange: gc && { ...gc, hours: gc.hours + gaugeDwellDelta(layer, layer.service.cargo[0]) },
    });
    layer.crossingRow.set(ref, row);
  }
  return row;
}
