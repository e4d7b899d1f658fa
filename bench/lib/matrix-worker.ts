/**
 * Worker of the Eurasian matrix benchmark: builds the network once, then
 * answers row ranges with the router's `matrix(network, query, rows)` (date-
 * aware, calendars evaluated) or with a static Dijkstra on the compiled
 * hours of the cargo (calendars ignored: a lower bound).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CARGO_INDEX, type CargoUnit } from '../../src/costs/profile.ts';
import { buildCsr } from '../../src/graph/csr.ts';
import { StaticShortestPath } from '../../src/graph/static.ts';
import { matrix } from '../../src/routing/index.ts';
import { buildEurasianNetwork } from './eurasian.ts';

export interface MatrixJob {
  kind: 'rows';
  engine: 'router' | 'static';
  start: number;
  end: number;
}

const { count, date, cargo, metric } = workerData as {
  count: number;
  date: string;
  cargo: CargoUnit;
  metric: 'time';
};
const built = buildEurasianNetwork(count);
const { net, placeIds } = built;

// static graph on the cargo's hours (edges the cargo may use)
let staticSearch: StaticShortestPath | undefined;
const gates = Int32Array.from(placeIds.map((id) => net.gateNode[net.placeIndex.get(id)!]));
function staticRows(start: number, end: number): (number | null)[][] {
  if (!staticSearch) {
    const c = CARGO_INDEX[cargo];
    const from: number[] = [];
    const to: number[] = [];
    const weight: number[] = [];
    for (let e = 0; e < net.edgeCount; e++) {
      if ((net.cargoMask[e] & (1 << c)) === 0) continue;
      from.push(net.tail[e]);
      to.push(net.targets[e]);
      weight.push(net.hours[e * 4 + c]);
    }
    staticSearch = new StaticShortestPath(buildCsr(net.nodeCount, { from, to, weight }));
  }
  const out = new Float64Array(net.nodeCount);
  const rows: (number | null)[][] = [];
  for (let i = start; i < end; i++) {
    staticSearch.distancesFrom(gates[i], out, gates);
    rows.push(Array.from(gates, (g) => (Number.isFinite(out[g]) ? out[g] : null)));
  }
  return rows;
}

parentPort!.postMessage({
  kind: 'ready',
  ms: built.ms,
  nodes: net.nodeCount,
  edges: net.edgeCount,
  places: placeIds.length,
  extraStations: built.extraStations,
});
parentPort!.on('message', (job: MatrixJob | { kind: 'exit' }) => {
  if (job.kind === 'exit') {
    process.exit(0);
  }
  const t = performance.now();
  const values =
    job.engine === 'router'
      ? matrix(net, { from: placeIds, to: placeIds, date, cargo, metric }, { start: job.start, end: job.end })
          .values
      : staticRows(job.start, job.end);
  parentPort!.postMessage({ kind: 'rows', start: job.start, values, ms: performance.now() - t });
});
