/**
 * The stages of `importLineNetwork` one by one (`../import-geojson.test.ts`
 * checks the whole): reading, noding, the segment index, snapping,
 * components, joins and building the compacted edges.
 */
import { describe, expect, it } from 'vitest';
import { atlasOf, place } from '../../../test/route-semantics/fixtures.ts';
import { greatCircleKm } from '../geodesy.ts';
import { largestComponent, nodeComponents } from './components.ts';
import { buildEdges } from './edges.ts';
import { LineNetworkError } from './error.ts';
import { gaugeFits, joinPlaces } from './joins.ts';
import { featuresOf, readLines, tagPropertyOf } from './lines.ts';
import { NodedLines } from './noding.ts';
import { SegmentIndex } from './segment-index.ts';
import { snapDangling } from './snapping.ts';

type Pos = [number, number];
const feature = (coords: Pos[], properties: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'LineString', coordinates: coords },
});

/** Reads, nodes and indexes lines given as position lists. */
function stagesOf(lines: Pos[][]) {
  const read = readLines(
    lines.map((l) => feature(l)),
    'f.geojson',
    undefined,
  );
  const noded = new NodedLines(read.vertices, read.parts);
  return { read, noded, index: new SegmentIndex(read.parts, read.vertices) };
}

describe('line-network import stages', () => {
  it('reading: one vertex per position (−180 = 180), repeated positions once, tags by value, skips named', () => {
    const features = [
      feature(
        [
          [179, 0],
          [180, 0],
          [180, 0],
        ],
        { pass: 'bering' },
      ),
      feature(
        [
          [-180, 0],
          [-179, 0],
        ],
        { pass: 'bering' },
      ),
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } },
      feature([[5, 5]]),
    ];
    expect(tagPropertyOf(features, undefined)).toBe('pass');
    expect(tagPropertyOf(features, 'other')).toBe('other');
    const read = readLines(features, 'f.geojson', 'pass');
    expect(read.vertices.count).toBe(4);
    expect(read.parts.map((p) => p.vertices)).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(read.tags).toEqual(['', 'bering']);
    expect(read.parts.map((p) => p.tag)).toEqual([1, 1]);
    expect(read.skipped).toEqual([
      { feature: 2, reason: 'Point geometry (only LineString and MultiLineString are read)' },
      { feature: 3, reason: 'geometry.coordinates: fewer than two distinct positions' },
    ]);
  });

  it('reading: a bad position or a non-feature is an error naming file, record and field', () => {
    const bad = [feature([[0, 0], [0, 91] as Pos])];
    expect(() => readLines(bad, 'f.geojson', undefined)).toThrow(
      'f.geojson: features[0].geometry.coordinates[1] = [0,91]: expected [lon, lat] with lon in −180…180 and lat in −90…90',
    );
    try {
      readLines(bad, 'f.geojson', undefined);
    } catch (e) {
      expect(e).toBeInstanceOf(LineNetworkError);
      expect(e).toMatchObject({ file: 'f.geojson', record: 'features[0]', field: 'geometry.coordinates[1]' });
    }
    expect(() => featuresOf({ type: 'Feature' }, 'f.geojson')).toThrow(
      /f\.geojson: expected a GeoJSON FeatureCollection/,
    );
  });

  it('noding: endpoints and shared vertices are nodes; a materialised segment point is spliced into its line', () => {
    const { noded, index } = stagesOf([
      [
        [0, 0],
        [1, 0],
        [2, 0],
      ],
      [
        [1, 0],
        [1, 1],
      ],
    ]);
    expect(noded.isNode).toEqual([true, true, true, true]);
    expect([...noded.use]).toEqual([1, 2, 1, 1]);
    const hit = index.nearest(1.5, 0.001, 1, () => true);
    expect(hit).toMatchObject({ vertex: -1, part: 0, seg: 1 });
    const v = noded.materialise(hit as NonNullable<typeof hit>);
    expect(v).toBe(4);
    noded.spliceInserts();
    expect(noded.parts[0].vertices).toEqual([0, 1, 4, 2]);
    expect(noded.isNode[4]).toBe(true);
  });

  it('segment index: nearest point within the radius, across the antimeridian, a point by a vertex is the vertex', () => {
    const { index } = stagesOf([
      [
        [179.5, 10],
        [-179.5, 10],
      ],
    ]);
    const hit = index.nearest(-179.9, 10.05, 10, () => true);
    expect(hit?.lon).toBeCloseTo(-179.9, 9);
    expect(hit?.km).toBeCloseTo(greatCircleKm([-179.9, 10.05], [-179.9, 10]), 2);
    expect(index.nearest(-179.9, 10.5, 10, () => true)).toBeUndefined();
    expect(index.nearest(-179.9, 10.05, 10, () => false)).toBeUndefined();
    expect(index.nearest(179.5, 10.000001, 1, () => true)?.vertex).toBe(0);
  });

  it('snapping: a dangling end joins another line within snapKm by one connector', () => {
    const { noded, index } = stagesOf([
      [
        [0, 0],
        [2, 0],
      ],
      [
        [1, 0.005],
        [1, 1],
      ],
    ]);
    const { connectors, snapping } = snapDangling(noded, index, 1);
    expect(connectors).toHaveLength(1);
    expect(connectors[0].a).toBe(2);
    expect(connectors[0].km).toBeCloseTo(greatCircleKm([1, 0.005], [1, 0]), 6);
    expect(snapping).toMatchObject({ dangling: 4, toSegment: 1, toVertex: 0, unsnapped: 3 });
    const none = stagesOf([
      [
        [0, 0],
        [2, 0],
      ],
      [
        [1, 0.005],
        [1, 1],
      ],
    ]);
    expect(snapDangling(none.noded, none.index, 0).connectors).toHaveLength(0);
  });

  it('components: the largest by vertices before joins; over final nodes, sizes largest first', () => {
    const { noded } = stagesOf([
      [
        [0, 0],
        [1, 0],
        [2, 0],
      ],
      [
        [5, 5],
        [6, 5],
      ],
    ]);
    const inLargest = largestComponent(noded, []);
    expect([inLargest(0), inLargest(1)]).toEqual([true, false]);
    expect(largestComponent(noded, [{ a: 2, b: 3, km: 1 }])(1)).toBe(true);
    const c = nodeComponents(5, [0, 1, 3], [1, 2, 4]);
    expect(c.sizes).toEqual([3, 2]);
    expect(c.sizeOf(4)).toBe(2);
  });

  it('joins: places of the mode’s kind and gauge, the largest component first, else any', () => {
    const { noded, index } = stagesOf([
      [
        [0, 0],
        [1, 0],
        [2.9, 0],
      ],
      [
        [3, 0.05],
        [3, 1],
      ],
    ]);
    const atlas = atlasOf({
      places: [
        // 1.5 km from the small line's end, 10.9 km from the large line's: the large one, within reach
        place('between', 'RU', 2.99, 0.04),
        // 1.1 km from the small line, 56 km from the large: the small one (a new point inside its segment)
        place('by-small', 'RU', 3.01, 0.5),
        place('far', 'RU', 50, 50),
        place('narrow', 'RU', 1, 0.01, { gauges: [1067] }),
        place('town', 'RU', 1, 0.01, { kinds: ['city'] }),
      ],
    });
    const j = joinPlaces(atlas, 'rail', 1520, 15, noded, index, largestComponent(noded, []));
    expect(j.joins.map((x) => [x.place.id, x.vertex])).toEqual([
      ['between', 2],
      ['by-small', 5],
    ]);
    expect(j.unjoined).toEqual(['far']);
    expect(j.otherGauge).toEqual(['narrow']);
    expect(gaugeFits('rail', 1520, place('d', 'RU', 0, 0, { gauges: ['dual'] }))).toBe(true);
    expect(gaugeFits('sea', 1520, place('d', 'RU', 0, 0, { gauges: [1067] }))).toBe(true);
  });

  it('building: edges between consecutive nodes with the summed great-circle km; a ring edge is dropped', () => {
    const { read, noded } = stagesOf([
      [
        [0, 0],
        [0.5, 0],
        [1, 0],
      ],
      [
        [5, 5],
        [6, 5],
        [6, 6],
        [5, 5],
      ],
    ]);
    const built = buildEdges(noded, [{ a: 2, b: 3, km: 7 }], read.tags);
    expect(built.nodeLon).toEqual([0, 1, 5]);
    expect(built.from).toEqual([0, 1]);
    expect(built.to).toEqual([1, 2]);
    expect(built.km[0]).toBeCloseTo(greatCircleKm([0, 0], [0.5, 0]) + greatCircleKm([0.5, 0], [1, 0]), 9);
    expect(built.km[1]).toBe(7);
    expect(built.droppedLoops).toBe(1);
    expect(built.tagCounts).toEqual({ '': 2 });
  });
});
