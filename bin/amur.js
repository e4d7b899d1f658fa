#!/usr/bin/env node
// Entry point of the `amur` command. Runs the compiled command line (dist/,
// built from src/ by `npm install` or `npm run build`) when its stamp matches
// the sources; otherwise — a development checkout edited since the last
// build — runs the TypeScript sources through tsx. AMUR_RUN_FROM=dist runs
// the build even when stale (benchmarks, end-to-end tests; it must exist);
// AMUR_RUN_FROM=src always runs the sources.
import { existsSync } from 'node:fs';
import { buildIsFresh, STAMP_FILE } from './build-stamp.js';

// `amur … | head` closes stdout early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const from = process.env.AMUR_RUN_FROM;
let main;
if (from === 'dist' && !existsSync(STAMP_FILE)) {
  console.error('amur: AMUR_RUN_FROM=dist but there is no build in dist/; run `npm run build`');
  process.exit(1);
}
const debug = (what) => process.env.AMUR_DEBUG && console.error(`amur: running ${what}`);
if (from === 'dist' || (from !== 'src' && buildIsFresh())) {
  debug('the build in dist/');
  main = await import('../dist/cli/main.js');
} else {
  debug(
    `the sources through tsx (${from === 'src' ? 'AMUR_RUN_FROM=src' : 'dist/ is missing or older than src/'})`,
  );
  const { register } = await import('tsx/esm/api');
  register();
  main = await import('../src/cli/main.ts');
}
process.exitCode = await main.runCli(process.argv.slice(2));
