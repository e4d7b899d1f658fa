/**
 * The engines of the road-graph benchmark that run inside Node: Amur's three
 * kernels, ngraph.path (A* and NBA*) and geojson-path-finder. Each engine runs
 * in its own process (see `road-engine-main.ts`) so that its memory is measured
 * alone and one engine's garbage does not slow another.
 *
 * Every engine is given the same graph (the undirected edge list, weight =
 * Euclidean distance) and the same OD pairs, and returns per-pair times and
 * path lengths; the caller checks the lengths against each other.
 */
import { createRequire } from 'node:module';
import { buildContractionHierarchy, ChQuery, chBytes } from '../../src/graph/ch.ts';
import type { PointGraph } from '../../src/graph/csr.ts';
import { StaticShortestPath } from '../../src/graph/static.ts';
import { heapBytes } from './memory.ts';

export interface EngineResult {
  engine: string;
  /** Time to get ready for queries (build/preprocess), ms. */
  prepMs: number;
  /** Bytes held for querying (JS heap + ArrayBuffers delta after GC). */
  bytes: number;
  /** Exact bytes of the engine's typed arrays, where known. */
  exactBytes?: number;
  timesMs: number[];
  /** Path length per pair (Infinity when no path was found). */
  distances: number[];
  note?: string;
}

export type Pair = [number, number];

export const ENGINES = [
  'amur-dijkstra',
  'amur-bidirectional',
  'amur-ch',
  'ngraph-astar',
  'ngraph-nba',
  'geojson-path-finder',
] as const;
export type JsEngine = (typeof ENGINES)[number];

const require = createRequire(import.meta.url);

interface Runner {
  /** Answers one pair; returns the path length. */
  query(s: number, t: number): number;
  exactBytes?: number;
  note?: string;
}

function euclid(pg: PointGraph, a: number, b: number): number {
  return Math.hypot(pg.x[a] - pg.x[b], pg.y[a] - pg.y[b]);
}

function prepare(engine: JsEngine, pg: PointGraph): Runner {
  switch (engine) {
    case 'amur-dijkstra': {
      const sp = new StaticShortestPath(pg.graph, pg.graph);
      return { query: (s, t) => sp.dijkstra(s, t).distance };
    }
    case 'amur-bidirectional': {
      const sp = new StaticShortestPath(pg.graph, pg.graph);
      return { query: (s, t) => sp.bidirectional(s, t).distance };
    }
    case 'amur-ch': {
      const ch = buildContractionHierarchy(pg.graph);
      const q = new ChQuery(ch);
      return {
        // the full path is unpacked (as the peers return one), not only the distance
        query: (s, t) => {
          const r = q.query(s, t);
          return r.nodes.length > 0 ? r.distance : Number.POSITIVE_INFINITY;
        },
        exactBytes: chBytes(ch),
        note: `${ch.stats.shortcuts.toLocaleString('en-US')} shortcuts on ${ch.stats.inputArcs.toLocaleString('en-US')} arcs`,
      };
    }
    case 'ngraph-astar':
    case 'ngraph-nba': {
      const createGraph = require('ngraph.graph') as () => NGraph;
      const ngraphPath = require('ngraph.path') as NGraphPath;
      const graph = createGraph();
      for (let v = 0; v < pg.graph.nodeCount; v++) graph.addNode(v, { x: pg.x[v], y: pg.y[v] });
      const { from, to, weight } = pg.edges;
      for (let e = 0; e < from.length; e++) graph.addLink(from[e], to[e], { weight: weight[e] });
      const options = {
        distance: (_a: NNode, _b: NNode, link: { data: { weight: number } }) => link.data.weight,
        heuristic: (a: NNode, b: NNode) => Math.hypot(a.data.x - b.data.x, a.data.y - b.data.y),
      };
      const finder =
        engine === 'ngraph-astar' ? ngraphPath.aStar(graph, options) : ngraphPath.nba(graph, options);
      return {
        query: (s, t) => {
          const nodes = finder.find(s, t);
          if (nodes.length === 0) return s === t ? 0 : Number.POSITIVE_INFINITY;
          // the path comes target first; its length is the sum of segment lengths
          let d = 0;
          for (let i = 1; i < nodes.length; i++) d += euclid(pg, nodes[i - 1].id, nodes[i].id);
          return d;
        },
      };
    }
    case 'geojson-path-finder': {
      const PathFinder = (require('geojson-path-finder') as { default: GeoJsonPathFinderCtor }).default;
      const { from, to } = pg.edges;
      let features: unknown[] | undefined = new Array(from.length);
      for (let e = 0; e < from.length; e++) {
        const a = from[e];
        const b = to[e];
        features[e] = {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'LineString',
            coordinates: [
              [pg.x[a], pg.y[a]],
              [pg.x[b], pg.y[b]],
            ],
          },
        };
      }
      // coordinates are integers: tolerance 1 keeps every distinct coordinate distinct
      const finder = new PathFinder(
        { type: 'FeatureCollection', features },
        { tolerance: 1, weight: (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1]) },
      );
      features = undefined;
      const point = (v: number) => ({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Point', coordinates: [pg.x[v], pg.y[v]] },
      });
      const compacted = Object.keys(finder.graph.compactedVertices).length;
      return {
        query: (s, t) => finder.findPath(point(s), point(t))?.weight ?? Number.POSITIVE_INFINITY,
        note: `one LineString per edge; compacted to ${compacted.toLocaleString('en-US')} vertices`,
      };
    }
  }
}

/**
 * Prepares `engine` on the graph, runs `warmup` pairs untimed, then times each
 * of `pairs`.
 */
export function runEngine(engine: JsEngine, pg: PointGraph, pairs: Pair[], warmup: Pair[]): EngineResult {
  const before = heapBytes();
  const started = performance.now();
  const runner = prepare(engine, pg);
  const prepMs = performance.now() - started;
  for (const [s, t] of warmup) runner.query(s, t);
  const bytes = heapBytes() - before;
  const timesMs: number[] = new Array(pairs.length);
  const distances: number[] = new Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const [s, t] = pairs[i];
    const t0 = performance.now();
    distances[i] = runner.query(s, t);
    timesMs[i] = performance.now() - t0;
  }
  return { engine, prepMs, bytes, exactBytes: runner.exactBytes, timesMs, distances, note: runner.note };
}

// minimal shapes of the untyped peers
interface NNode {
  id: number;
  data: { x: number; y: number };
}
interface NGraph {
  addNode(id: number, data: { x: number; y: number }): void;
  addLink(a: number, b: number, data: { weight: number }): void;
}
interface NGraphPath {
  aStar(g: NGraph, o: object): { find(a: number, b: number): NNode[] };
  nba(g: NGraph, o: object): { find(a: number, b: number): NNode[] };
}
type GeoJsonPathFinderCtor = new (
  fc: unknown,
  o: object,
) => {
  graph: { compactedVertices: Record<string, unknown> };
  findPath(a: unknown, b: unknown): { weight: number } | undefined;
};
