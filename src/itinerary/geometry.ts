/**
 * The line of each itinerary leg, as a GeoJSON LineString (RFC 7946): the
 * links' real lines joined end to end where the network has them
 * (`geometryKind: 'measured'`), else straight from place to place
 * (`'schematic'`, drawn and labelled as such). A leg that runs over some links
 * with a line and some without is schematic where it has no line and counts
 * as schematic as a whole. Legs that start or end at an anonymous junction of
 * a line-network overlay have no geometry.
 */
import type { Network } from '../network/types.ts';
import type { Leg } from './schema.ts';

type LonLat = [number, number];

const sq = (a: LonLat, b: LonLat) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

/**
 * A line that crosses the antimeridian (a sea lane through the Bering Strait)
 * jumps from +180° to −180°; each point is moved by ±360° to stay within 180°
 * of the one before, so maps draw the line the short way round (longitudes
 * beyond ±180° are read by MapLibre and QGIS alike).
 */
function continuous(coords: LonLat[]): LonLat[] {
  const out: LonLat[] = [];
  let shift = 0;
  for (let i = 0; i < coords.length; i++) {
    if (i > 0) {
      const d = coords[i][0] - coords[i - 1][0];
      if (d > 180) shift -= 360;
      else if (d < -180) shift += 360;
    }
    out.push(shift === 0 ? coords[i] : [coords[i][0] + shift, coords[i][1]]);
  }
  return out;
}

/** `legs` with `geometry` and `geometryKind` set (a new array; the legs are copied). */
export function withLegGeometry(net: Network, legs: Leg[]): Leg[] {
  const linkIndex = new Map<string, number>();
  for (const [i, l] of net.links.entries()) linkIndex.set(l.id, i);
  return legs.map((leg) => {
    const a = net.placeIndex.get(leg.from);
    const b = net.placeIndex.get(leg.to);
    if (a === undefined || b === undefined) return leg;
    const from = net.places[a].coords as LonLat;
    const to = net.places[b].coords as LonLat;
    const coords: LonLat[] = [from];
    let measured = leg.linkIds.length > 0;
    for (const id of leg.linkIds) {
      const i = linkIndex.get(id);
      const link = i === undefined ? undefined : net.links[i];
      let line = link?.geometry;
      if (!line || line.length < 2) {
        measured = false;
        // straight through the link's drawn vertices (atlas `via`), when it has its ends
        line = link?.schematic;
        if (!line || line.length < 2) continue;
      }
      // orient the link's line to continue from where the leg has got to
      const here = coords[coords.length - 1];
      const forward = sq(here, line[0]) <= sq(here, line[line.length - 1]);
      const pts = forward ? line : [...line].reverse();
      for (const p of pts) {
        const last = coords[coords.length - 1];
        if (p[0] !== last[0] || p[1] !== last[1]) coords.push(p);
      }
    }
    const last = coords[coords.length - 1];
    if (last[0] !== to[0] || last[1] !== to[1]) coords.push(to);
    if (coords.length < 2) coords.push(to);
    return {
      ...leg,
      geometry: { type: 'LineString' as const, coordinates: continuous(coords) },
      geometryKind: measured ? ('measured' as const) : ('schematic' as const),
    };
  });
}

/** An itinerary's legs as a GeoJSON FeatureCollection (for `amur route --format geojson`, QGIS and the like). */
export function legsToGeoJson(
  legs: Leg[],
  extra: Record<string, unknown> = {},
): {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: Record<string, unknown>;
    geometry: { type: 'LineString'; coordinates: LonLat[] };
  }[];
} & Record<string, unknown> {
  return {
    type: 'FeatureCollection',
    ...extra,
    features: legs
      .filter((l) => l.geometry)
      .map((l, i) => ({
        type: 'Feature' as const,
        properties: {
          leg: i + 1,
          mode: l.mode,
          from: l.from,
          to: l.to,
          fromName: l.fromName,
          toName: l.toName,
          km: l.km,
          depart: l.depart,
          arrive: l.arrive,
          line: l.line,
          crossing: l.crossing,
          links: l.linkIds.join(','),
          estimatedLength: l.estimatedLength,
          geometryKind: l.geometryKind ?? 'schematic',
        },
        geometry: l.geometry as { type: 'LineString'; coordinates: LonLat[] },
      })),
  };
}

/** Every itinerary of a route answer as one FeatureCollection (property `itinerary`: 1 = best, then the alternatives). */
export function routeResultToGeoJson(result: {
  query: unknown;
  itineraries: { legs: Leg[] }[];
}): ReturnType<typeof legsToGeoJson> {
  const all = result.itineraries.map((it, i) =>
    legsToGeoJson(it.legs, {}).features.map((f) => ({
      ...f,
      properties: { itinerary: i + 1, ...f.properties },
    })),
  );
  return {
    type: 'FeatureCollection',
    query: result.query,
    attribution: attributionOf(result.itineraries.flatMap((it) => it.legs)),
    features: all.flat(),
  };
}

/** The credit a map or file showing these legs owes (OSM-derived lines are ODbL). */
export function attributionOf(legs: Leg[]): string {
  return legs.some((l) => l.geometryKind === 'measured')
    ? 'Lines: © OpenStreetMap contributors (ODbL), Natural Earth (public domain), Eurostat MARNET (EUPL-1.2)'
    : 'Schematic lines (straight between places)';
}
