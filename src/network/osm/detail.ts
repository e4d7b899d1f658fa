/**
 * Two levels, one answer: an imported OSM network gives the atlas road and
 * rail links it covers their length and line. The date-aware search keeps
 * running on the atlas-level network (crossings, terminals, services,
 * calendars); for each covered link, this module finds the shortest path
 * between the link's two snapped ends on the detailed graph of the link's
 * profile — trucks for roads (truck restrictions honoured, see profiles.ts),
 * the link's gauge for rail — with the contraction hierarchy cached in the
 * artefact, and returns the path's km and geometry as the link's detail
 * (`LinkDetail`, read by `compileNetwork`). The link's time then follows from
 * the measured km and the profile's service speed, as for any link; the
 * truck's free-flow driving time on the path is reported beside it.
 *
 * A link is covered when both its places are inside the network's extent and
 * snap to a vertex of the profile within `snapKm`; otherwise it keeps what the
 * atlas (or the default geometry layer) says. With no network imported,
 * nothing changes.
 */
import type { Atlas, Link } from '../../atlas/schema.ts';
import { ChQuery } from '../../graph/ch.ts';
import type { CsrGraph } from '../../graph/csr.ts';
import { type PathResult, StaticShortestPath } from '../../graph/static.ts';
import { type LinkDetail, linkDetail, loadLinkGeometry } from '../link-geometry.ts';
import { type LoadedArtefact, loadArtefact } from './artefact.ts';
import type { OsmNetwork } from './build.ts';
import { type OsmProfile, profileGraph } from './profiles.ts';
import { VertexGrid } from './snap.ts';

export interface DetailOptions {
  /** A link end farther than this from the profile's network is not covered (default 5 km). */
  snapKm?: number;
}

export interface LinkMeasure {
  link: string;
  profile: OsmProfile;
  km: number;
  /** Truck free-flow driving time on the path (road links), hours; null for rail. */
  drivingHours: number | null;
  snapKm: [number, number];
  /** Path as vertex ids (for tests and diagnostics). */
  vertices: [number, number];
}

export interface DetailReport {
  network: string;
  measured: LinkMeasure[];
  /** Links inside the extent that could not be measured, with the reason. */
  notMeasured: { link: string; why: string }[];
}

/** The profile a link is measured on, or null when OSM cannot measure it. */
export function linkProfile(link: Link): OsmProfile | null {
  if (link.mode === 'road') return 'truck';
  if (link.mode !== 'rail') return null;
  if (link.gauge === 1520) return 'rail-1520';
  if (link.gauge === 1435) return 'rail-1435';
  return null;
}

/** The line of a path: each edge's geometry in the direction travelled, joined. */
export function pathLine(net: OsmNetwork, g: CsrGraph, arcs: number[], nodes: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < arcs.length; i++) {
    const e = g.arcIds[arcs[i]];
    const a = net.geomOffsets[e];
    const b = net.geomOffsets[e + 1];
    const along = net.edgeFrom[e] === nodes[i];
    for (let k = 0; k < b - a; k++) {
      const j = along ? a + k : b - 1 - k;
      const p: [number, number] = [net.geomLon[j] / 1e7, net.geomLat[j] / 1e7];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
  }
  return out;
}

/**
 * Measures the atlas links an imported network covers. Returns the details
 * for `compileNetwork` and a report (what was measured, what was not and why).
 */
export function detailFromNetwork(
  atlas: Atlas,
  art: LoadedArtefact,
  options: DetailOptions = {},
): { details: Map<string, LinkDetail>; report: DetailReport } {
  const snapKm = options.snapKm ?? 5;
  const net = art.network;
  const bbox = art.manifest.bbox;
  const places = new Map(atlas.places.map((p) => [p.id, p]));
  const details = new Map<string, LinkDetail>();
  const report: DetailReport = { network: art.manifest.name, measured: [], notMeasured: [] };
  if (!bbox) return { details, report };
  const inside = (c: [number, number]) =>
    c[0] >= bbox[0] && c[0] <= bbox[2] && c[1] >= bbox[1] && c[1] <= bbox[3];
  type Search = { query(s: number, t: number): PathResult };
  const cache = new Map<OsmProfile, { g: CsrGraph; grid: VertexGrid; q: Search }>();
  const use = (p: OsmProfile) => {
    let c = cache.get(p);
    if (!c) {
      const g = profileGraph(net, p).graph;
      const ch = art.ch(p);
      // the cached hierarchy when it was made for this graph; else (imported with --no-ch, or by another
      // version) a plain Dijkstra, which gives the same answers more slowly
      const fits = ch !== null && ch.nodeCount === g.nodeCount && ch.stats.inputArcs === g.targets.length;
      let q: Search;
      if (fits) q = new ChQuery(ch);
      else {
        const sp = new StaticShortestPath(g);
        q = { query: (s, t) => sp.dijkstra(s, t) };
      }
      c = { g, grid: new VertexGrid(net, g), q };
      cache.set(p, c);
    }
    return c;
  };
  const source = `OSM network "${art.manifest.name}" (${art.manifest.sources.map((s) => s.file.split('/').pop()).join(', ')}; ${art.manifest.licence})`;
  for (const link of atlas.links) {
    const profile = linkProfile(link);
    if (!profile) continue;
    const pa = places.get(link.from);
    const pb = places.get(link.to);
    if (!pa || !pb) continue;
    if (!inside(pa.coords) || !inside(pb.coords)) continue;
    const { g, grid, q } = use(profile);
    const sa = grid.nearest(pa.coords[0], pa.coords[1], snapKm);
    const sb = grid.nearest(pb.coords[0], pb.coords[1], snapKm);
    if (!sa || !sb) {
      report.notMeasured.push({
        link: link.id,
        why: `${sa ? link.to : link.from} is not within ${snapKm} km of the ${profile} network`,
      });
      continue;
    }
    const r = q.query(sa.vertex, sb.vertex);
    if (!Number.isFinite(r.distance)) {
      report.notMeasured.push({ link: link.id, why: `no ${profile} path between the snapped ends` });
      continue;
    }
    let meters = 0;
    for (const arc of r.arcs) meters += net.edgeMeters[g.arcIds[arc]];
    const km = meters / 1000;
    const line = pathLine(net, g, r.arcs, r.nodes);
    details.set(link.id, {
      coords: [pa.coords as [number, number], ...line, pb.coords as [number, number]],
      measuredKm: km,
      km,
      measured: true,
      source,
    });
    report.measured.push({
      link: link.id,
      profile,
      km,
      drivingHours: profile === 'truck' ? r.distance / 3600 : null,
      snapKm: [sa.km, sb.km],
      vertices: [sa.vertex, sb.vertex],
    });
  }
  return { details, report };
}

/**
 * The link details `compileNetwork` uses with imported networks: the shipped
 * geometry layer, overridden by each named network for the links it covers.
 */
export function linkDetailWithNetworks(
  atlas: Atlas,
  names: string[],
  options: DetailOptions & { dir?: string } = {},
): { details: Map<string, LinkDetail>; reports: DetailReport[] } {
  const details = linkDetail(atlas, loadLinkGeometry());
  const reports: DetailReport[] = [];
  for (const name of names) {
    const r = detailFromNetwork(atlas, loadArtefact(name, options.dir), options);
    for (const [k, v] of r.details) details.set(k, v);
    reports.push(r.report);
  }
  return { details, reports };
}
