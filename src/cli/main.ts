/**
 * The `amur` command line: `runCli(argv, io) → exit code`, called by
 * `bin/amur.js` and, in-process, by the CLI tests (`test/cli.ts`).
 *
 * Start-up stays light: this file imports commander and nothing else of
 * weight. Every top-level command is declared below in `COMMANDS` by its name
 * and one-line description; the module that registers its sub-commands,
 * options and actions is imported only when the command line names it. So
 * `amur --help` loads no command module, and `amur route …` loads `route.ts`
 * (and what it imports) alone.
 *
 * How to add a command
 * - A sub-command of an existing area (`amur trade fetch comtrade`,
 *   `amur network import-osm`, `amur network list`): add it in that area's
 *   register function (`registerTradeCommands` in `trade.ts`,
 *   `registerNetworkCommands` in `network.ts`, …). Nothing changes here.
 * - A new top-level command or area (`amur validate observations`): add one
 *   row to `COMMANDS` — its name, the description shown by `amur --help`,
 *   `module: './validate.ts'` and
 *   `load: async () => (await import('./validate.ts')).registerValidateCommands`
 *   (a function `(program: Command) => void` that adds the command to the
 *   program). A test (`src/cli/main.test.ts`) checks that the row's
 *   description is the one the module registers.
 * - Keep the command module cheap to import: heavy libraries (DuckDB,
 *   ECharts, ExcelJS, Fastify, resvg, Turf) are imported by the library code
 *   that uses them or inside the action (`await import(…)`), never at the top
 *   of a module the command line loads just to show help.
 *
 * Errors: a `CommanderError` (bad flag, `--help`, `--version`) exits with
 * commander's code; any other error prints one line `amur: message`
 * (`AMUR_DEBUG=1` adds the stack) and exits with the code of its kind when it
 * is an `AmurError` (`exitCodeOf`, src/errors.ts), with its own `exitCode`
 * when it carries one (`CliError`), else 1.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Console } from 'node:console';
import { Command, CommanderError } from 'commander';
import { AmurError, exitCodeOf } from '../errors.ts';

/** Registers one module's commands on the program. */
export type RegisterCommands = (program: Command) => void;

/** A top-level command, declared without importing the module that implements it. */
export interface CommandDescriptor {
  name: string;
  /** Shown by `amur --help`; must equal the description the module registers. */
  description: string;
  /** The module that registers it (rows with the same module are registered together). */
  module: string;
  /** Imports that module and returns its register function. */
  load: () => Promise<RegisterCommands>;
}

export const COMMANDS: readonly CommandDescriptor[] = [
  {
    name: 'atlas',
    description: 'the corridor atlas: places, crossings, links, zones, corridors and their sources',
    module: './atlas.ts',
    load: async () => (await import('./atlas.ts')).registerAtlasCommands,
  },
  {
    name: 'network',
    description: 'line networks imported from GeoJSON and OpenStreetMap',
    module: './network.ts',
    load: async () => (await import('./network.ts')).registerNetworkCommands,
  },
  {
    name: 'route',
    description:
      'plan freight from one place to another on a date (time, cost, CO2e; waits and crossings explained)',
    module: './route.ts',
    load: async () => (await import('./route.ts')).registerRouteCommands,
  },
  {
    name: 'matrix',
    description:
      'many-to-many matrix of earliest arrival, cost or CO2e on a date (worker threads for large requests)',
    module: './route.ts',
    load: async () => (await import('./route.ts')).registerRouteCommands,
  },
  {
    name: 'scenario',
    description: 'what-if scenarios over the atlas: list, show, diff',
    module: './scenario.ts',
    load: async () => (await import('./scenario.ts')).registerScenarioCommands,
  },
  {
    name: 'assign',
    description: 'assign an OD demand table (tonnes/yr) to a scenario network, month by month',
    module: './scenario.ts',
    load: async () => (await import('./scenario.ts')).registerScenarioCommands,
  },
  {
    name: 'demand',
    description: 'OD demand tables',
    module: './scenario.ts',
    load: async () => (await import('./scenario.ts')).registerScenarioCommands,
  },
  {
    name: 'serve',
    description: 'serve the API and the web app (http://127.0.0.1:8080/ by default)',
    module: './serve.ts',
    load: async () => (await import('./serve.ts')).registerServeCommands,
  },
  {
    name: 'trade',
    description: 'the trade observatory: import trade statistics, list sources, query and export flows',
    module: './trade.ts',
    load: async () => (await import('./trade.ts')).registerTradeCommands,
  },
  {
    name: 'validate',
    description:
      'check Amur against published figures: the calibration corpus of observations (residuals, share within ±15%)',
    module: './validate.ts',
    load: async () => (await import('./validate.ts')).registerValidateCommands,
  },
];

/** Where a run writes: anything with `write(text)`. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** The first word of argv that names a top-level command (`help route` names `route`). */
function commandNamed(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/**
 * Builds the program for one run: the named command's module registered for
 * real, every other command as a light placeholder (name and description).
 */
export async function buildProgram(argv: readonly string[], io: CliIo): Promise<Command> {
  const program = new Command();
  program
    .name('amur')
    .description('Corridor planner and trade observatory for Northeast China and the Russian Far East')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
    });
  const wanted = COMMANDS.find((c) => c.name === commandNamed(argv));
  const register = wanted ? await wanted.load() : undefined;
  for (const c of COMMANDS) {
    // the named command's module registers its commands at the first row it serves, keeping the table's order
    if (register && c.module === wanted?.module && !program.commands.some((cmd) => cmd.name() === c.name))
      register(program);
    if (!program.commands.some((cmd) => cmd.name() === c.name))
      program.command(c.name).description(c.description);
  }
  return program;
}

// ------------------------------------------------------------------ output of in-process runs

/**
 * Output of the run in progress, when it is not the process's own (in-process
 * tests). Commands write with `console.log` and `process.stdout.write`; while
 * a run with its own `io` is in progress (in this async context only), both
 * are routed to that `io`, so a test sees exactly what a user would.
 */
const currentIo = new AsyncLocalStorage<CliIo>();
let routed = false;

function routeOutputThroughCurrentIo(): void {
  if (routed) return;
  routed = true;
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const io = currentIo.getStore();
      if (!io) return write(chunk, ...rest);
      io[name].write(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (done) queueMicrotask(done);
      return true;
    }) as typeof stream.write;
  }
  // The console of a test runner may not write to process.stdout: inside a run, use one that does.
  const outer = globalThis.console;
  const inner = new Console({ stdout: process.stdout, stderr: process.stderr });
  globalThis.console = new Proxy(outer, {
    get: (target, key) => {
      const source = currentIo.getStore() ? inner : target;
      const v = Reflect.get(source, key);
      return typeof v === 'function' ? v.bind(source) : v;
    },
  });
}

// ------------------------------------------------------------------ entry

/**
 * Runs the command line: `argv` without `node` and the script
 * (`['route', 'Heihe', 'Harbin', '--json']`), output to `io` (default the
 * process's streams). Resolves to the exit code; never calls `process.exit`.
 */
export async function runCli(argv: readonly string[], io?: CliIo): Promise<number> {
  const own = io ?? { stdout: process.stdout, stderr: process.stderr };
  const run = async (): Promise<number> => {
    const before = process.exitCode;
    process.exitCode = undefined;
    try {
      const program = await buildProgram(argv, own);
      await program.parseAsync([...argv], { from: 'user' });
      return Number(process.exitCode ?? 0);
    } catch (e) {
      return reportError(e, own);
    } finally {
      process.exitCode = before;
    }
  };
  if (!io || (io.stdout === process.stdout && io.stderr === process.stderr)) return run();
  routeOutputThroughCurrentIo();
  return currentIo.run(io, run);
}

/**
 * One line for the user, and the exit code: an `AmurError`'s by its kind
 * (`src/errors.ts`: input 2, data 3, unavailable 4, …), a `CliError`'s own, else 1.
 */
function reportError(e: unknown, io: CliIo): number {
  if (e instanceof CommanderError) return e.exitCode;
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr.write(`amur: ${err.message}\n`);
  if (process.env.AMUR_DEBUG) io.stderr.write(`${err.stack}\n`);
  if (e instanceof AmurError) return exitCodeOf(e);
  const code = (err as { exitCode?: unknown }).exitCode;
  return typeof code === 'number' && Number.isInteger(code) && code > 0 ? code : 1;
}
