/**
 * Child-process entry of the road-graph benchmark: runs one JavaScript engine
 * on the graph and pairs named in a job file and writes its result as JSON.
 * `node bin/run-ts.js bench/lib/road-engine-main.ts JOB.json OUT.json`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { csrFromCoGr } from '../../src/graph/csr.ts';
import { ENGINES, type JsEngine, type Pair, runEngine } from './road-engines.ts';

interface Job {
  engine: JsEngine;
  co: string;
  gr: string;
  label: string;
  pairs: Pair[];
  warmup: Pair[];
}

const [jobFile, outFile] = process.argv.slice(2);
const job = JSON.parse(readFileSync(jobFile, 'utf8')) as Job;
if (!ENGINES.includes(job.engine))
  throw new Error(`${jobFile}: engine "${job.engine}" is not one of ${ENGINES.join(', ')}`);
const pg = csrFromCoGr(readFileSync(job.co), readFileSync(job.gr), job.label);
const result = runEngine(job.engine, pg, job.pairs, job.warmup);
// Infinity does not survive JSON: write it as null
writeFileSync(
  outFile,
  JSON.stringify(result, (_k, v) => (v === Number.POSITIVE_INFINITY ? null : v)),
);
