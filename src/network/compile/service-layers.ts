/**
 * Stage 6 of `compileNetwork` (after transfers, before packing): rail layers
 * for each rail service class with a `scope` (profile `ServiceClass.scope`),
 * so a class runs on the legs that cross its gateways — the China–Europe
 * express on a container train from Chengdu over Alashankou and Brest to
 * Łódź, the Chinese approach and the Polish end included — without changing
 * the class of any other leg over the same track (Vladivostok – Moscow on the
 * Trans-Siberian, Harbin – Vladivostok over Suifenhe keep theirs).
 *
 * Rule: a rail leg (from loading, or a transfer from another mode, to
 * unloading or a transfer to another mode) of a cargo unit the class
 * carries that crosses one crossing of every list of `scope.crossings` runs
 * in that class on its whole way; no such leg runs in another class, and no
 * other leg runs in this one (the first unscoped class, `serviceFor`).
 *
 * Built by the lists crossed so far (a phase, one bit per list; `full` when
 * all are): the class's layer is a copy of every rail node (overlay junctions
 * included) per phase, entered at phase 0 by loading or a transfer onto rail
 * and left only at `full` by unloading or a transfer off rail; the unscoped
 * classes keep the original nodes as phase 0 and get copies for the phases
 * between, never `full` (the class's cargo over a list's crossing moves to
 * the next phase, so a leg that would cross every list cannot be made in
 * them). Bulk and other cargo the class does not carry keep the original
 * network. The class's copies of link edges carry its running cost, speed and
 * headway (`linkCost` with the class first) and point at a copy of their
 * link's row naming it; its gauge changes (at a yard or a crossing) add its
 * `gaugeChangeDwellHours` in place of the unscoped class's, with a copy of the
 * crossing's row saying so; its terminal dwell and release replace the
 * unscoped class's on loads, unloads and transfers (handling, fixed cost and
 * emissions there do not depend on the class).
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
  /** Crossing row → the bit of the scope list it is in. */
  gatewayBit: Map<number, number>;
  full: number;
  /** `${variant}|${phase}|${node}` → the node's copy. */
  copies: Map<string, number>;
  linkRow: Map<number, number>;
  crossingRow: Map<number, number>;
  atlasLinks: Map<string, Link>;
  countryOf: Map<string, string>;
}

function addLayer(draft: NetworkDraft, atlas: Atlas, profile: Profile, service: ServiceClass): void {
  const lists = service.scope?.crossings ?? [];
  const gatewayBit = new Map<number, number>();
  lists.forEach((ids, j) => {
    for (const id of ids) {
      let found = false;
      draft.crossings.forEach((c, i) => {
        if (c.crossingId === id && c.mode === 'rail') {
          gatewayBit.set(i, 1 << j);
          found = true;
        }
      });
      if (!found)
        draft.warnings.push(
          `profile ${profile.id}: service ${service.id}: scope.crossings[${j}]: "${id}" is no crossing with a rail service in the atlas; the class runs over the others (valid: ${railCrossingIds(draft).join(', ')})`,
        );
    }
  });
  const layer: Layer = {
    draft,
    profile,
    service,
    own: withServiceFirst(profile, service.id),
    mask: classMask(service),
    gatewayBit,
    full: (1 << lists.length) - 1,
    copies: new Map(),
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

type Variant = 'own' | 'base';

/** Rail node `v` in a variant and phase (the unscoped classes' phase 0: the node itself), made on first use. */
function copyOf(layer: Layer, v: number, variant: Variant, phase: number): number {
  if (variant === 'base' && phase === 0) return v;
  const key = `${variant}|${phase}|${v}`;
  let id = layer.copies.get(key);
  if (id === undefined) {
    const d = layer.draft;
    id = d.nodePlace.length;
    d.nodePlace.push(d.nodePlace[v]);
    d.nodeMode.push(d.nodeMode[v]);
    d.nodeGauge.push(d.nodeGauge[v]);
    layer.copies.set(key, id);
  }
  return id;
}

/** Copies one edge of the compiled network into the layers, as its kind and ends say. */
function copyEdge(layer: Layer, e: EdgeDraft): void {
  const { draft } = layer;
  const mask = e.mask & layer.mask;
  if (!mask) return;
  const tailRail = isRail(draft, e.tail);
  const headRail = isRail(draft, e.head);
  if (!tailRail && !headRail) return;
  if (tailRail && !headRail) {
    // unloading or a transfer off rail: the class's at `full` with its release, the others' between
    const cost = plusHours(e.cost, (c) => releaseOf(layer.own, c) - releaseOf(layer.profile, c));
    draft.edges.push({ ...e, tail: copyOf(layer, e.tail, 'own', layer.full), mask, cost });
    for (let p = 1; p < layer.full; p++)
      draft.edges.push({ ...e, tail: copyOf(layer, e.tail, 'base', p), mask });
    return;
  }
  if (!tailRail && headRail) {
    // loading or a transfer onto rail: the class's phase 0, with its dwell (the original edge is the others')
    const cost = plusHours(e.cost, (c) => dwellOf(layer.own, c) - dwellOf(layer.profile, c));
    draft.edges.push({ ...e, head: copyOf(layer, e.head, 'own', 0), mask, cost });
    return;
  }
  copyRailEdge(layer, e, mask);
}

/** A rail-to-rail edge (link, crossing, gauge change) in every phase of both variants. */
function copyRailEdge(layer: Layer, e: EdgeDraft, mask: number): void {
  const { draft } = layer;
  const bit = e.kind === 'crossing' ? (layer.gatewayBit.get(e.ref) ?? 0) : 0;
  const own = ownEdge(layer, e);
  for (let p = 0; p <= layer.full; p++) {
    const q = p | bit;
    draft.edges.push({
      ...e,
      ...own,
      tail: copyOf(layer, e.tail, 'own', p),
      head: copyOf(layer, e.head, 'own', q),
      mask,
    });
    if (p === layer.full || q === layer.full || (p === 0 && q === 0)) continue;
    draft.edges.push({
      ...e,
      tail: copyOf(layer, e.tail, 'base', p),
      head: copyOf(layer, e.head, 'base', q),
      mask,
    });
  }
  // over a listed crossing the class's cargo moves on to the next phase, not along the original edge
  if (bit) e.mask &= ~layer.mask;
}

/** The class's cost and row of a rail-to-rail edge. */
function ownEdge(layer: Layer, e: EdgeDraft): { cost: EdgeCost[]; ref: number } {
  const gaugeChanges = layer.draft.nodeGauge[e.tail] !== layer.draft.nodeGauge[e.head];
  if (e.kind === 'link') return { cost: linkCostsIn(layer, e), ref: linkRowOf(layer, e.ref) };
  const cost =
    gaugeChanges && (e.kind === 'crossing' || e.kind === 'gauge-change')
      ? plusHours(e.cost, (c) => gaugeDwellDelta(layer, c))
      : e.cost;
  return { cost, ref: e.kind === 'crossing' ? crossingRowOf(layer, e.ref, gaugeChanges) : e.ref };
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
