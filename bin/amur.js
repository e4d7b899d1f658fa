#!/usr/bin/env node
// Entry point of the `amur` command: runs src/cli/main.ts through tsx.
import { register } from 'tsx/esm/api';

// `amur … | head` closes stdout early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
