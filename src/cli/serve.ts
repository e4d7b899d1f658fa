/**
 * `amur serve`: the HTTP API and the web app in one process, on loopback by
 * default, read-only unless started with an API token. Stops cleanly on
 * SIGINT/SIGTERM (in-flight requests finish, workers and the store close).
 */
import type { Command } from 'commander';
import { buildServer, DEFAULT_WEB_DIR } from '../server/app.ts';
import { readApiToken } from '../server/auth.ts';
import { CliError } from './output.ts';

interface ServeOptions {
  host: string;
  port: string;
  db?: string;
  tokenFile?: string;
  atlas?: string;
  web?: string;
  rateLimit: string;
  warm: boolean;
  log: boolean;
  readOnly?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function intOption(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CliError(`--${name} ${value}: expected an integer from ${min} to ${max}`);
  }
  return n;
}

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the API and the web app (http://127.0.0.1:8080/ by default)')
    .option(
      '--host <host>',
      'address to listen on (loopback by default; 0.0.0.0 exposes the server)',
      '127.0.0.1',
    )
    .option('--port <port>', 'port (0 = any free port)', '8080')
    .option('--db <file>', 'trade store (DuckDB file; default: AMUR_DB or the user data directory)')
    .option(
      '--token-file <file>',
      'file holding the API token that enables writes (else AMUR_API_TOKEN; none = read-only)',
    )
    .option('--atlas <dir>', 'atlas directory (default: the bundled atlas)')
    .option('--web <dir>', 'built web app directory', DEFAULT_WEB_DIR)
    .option('--rate-limit <n>', 'requests per minute per client address', '6000')
    .option(
      '--read-only',
      'open the trade store read-only: shared with other readers (e.g. `amur trade query`), imports refused',
    )
    .option('--no-warm', 'compile the routing network on the first route request instead of at start')
    .option('--log', 'log every request (JSON lines on stdout)')
    .action(async (opts: ServeOptions) => {
      const port = intOption(opts.port, 'port', 0, 65535);
      const requestsPerMinute = intOption(opts.rateLimit, 'rate-limit', 1, 10_000_000);
      let apiToken: string | undefined;
      try {
        apiToken = readApiToken(opts.tokenFile);
      } catch (e) {
        throw new CliError((e as Error).message);
      }
      const app = await buildServer({
        atlasDir: opts.atlas,
        dbPath: opts.db,
        apiToken,
        webDir: opts.web,
        logger: opts.log ? true : { level: 'warn' },
        limits: { requestsPerMinute },
        warm: opts.warm,
        readOnly: opts.readOnly === true,
      });

      let address: string;
      try {
        address = await app.listen({ host: opts.host, port });
      } catch (e) {
        await app.close();
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE')
          throw new CliError(`port ${port} on ${opts.host} is in use: choose another with --port`);
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
          throw new CliError(`--host ${opts.host}: not an address of this machine (e.g. 127.0.0.1)`);
        throw e;
      }

      const url = `${address}/`;
      console.log(`Amur is serving ${url}`);
      console.log(`  API: ${url}api/health · docs: ${url}docs · OpenAPI: ${url}openapi.json`);
      console.log(
        `  ${apiToken ? 'writes enabled with the API token' : 'read-only (start with --token-file or AMUR_API_TOKEN to enable writes)'}`,
      );
      if (!LOOPBACK.has(opts.host)) {
        console.log(`  warning: listening on ${opts.host}: other machines can reach this server`);
      }
      console.log('  Ctrl+C stops it.');

      // A failure outside a request (a stray rejection) is logged; the server keeps serving.
      process.on('unhandledRejection', (reason) => app.log.error({ err: reason }, 'unhandled rejection'));

      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) {
            console.error(`\n${signal} again: exiting now`);
            process.exit(130);
          }
          stopping = true;
          console.log(`\n${signal}: finishing open requests and stopping…`);
          const force = setTimeout(() => {
            console.error('still busy after 10 s: exiting');
            process.exit(1);
          }, 10_000);
          force.unref();
          app.close().then(
            () => resolve(),
            () => resolve(),
          );
        };
        process.on('SIGINT', () => stop('SIGINT'));
        process.on('SIGTERM', () => stop('SIGTERM'));
      });
      console.log('stopped');
    });
}
