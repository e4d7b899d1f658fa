/**
 * Runs the `amur` command line for CLI tests in any area:
 *
 *   const { code, stdout, stderr } = await runCli(['atlas', 'search', '黑河', '--json']);
 *
 * `runCli` runs it in this process, through the same entry function the
 * binary calls (`runCli` of src/cli/main.ts: argv in; stdout, stderr and the
 * exit code out), with `env` merged over the process's environment and `cwd`
 * as the working directory for the duration of the run, and `NO_COLOR=1`.
 * `spawnCli` runs `node bin/amur.js …` in a child process, as a user would
 * (the end-to-end tests, test/cli-e2e.test.ts). Neither throws on a non-zero
 * exit: the exit code is returned for the test to check.
 *
 * Both keep the atlas cache out of the user's: `AMUR_CACHE_DIR` is a
 * temporary directory of this test process unless the caller set it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli as runCliEntry } from '../src/cli/main.ts';

export const REPO_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const AMUR_BIN = resolve(REPO_DIR, 'bin/amur.js');

if (!process.env.AMUR_CACHE_DIR) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'amur-test-cache-'));
  process.env.AMUR_CACHE_DIR = cacheDir;
  process.on('exit', () => rmSync(cacheDir, { recursive: true, force: true }));
}

export interface CliResult {
  /** Exit code (a signal is reported as 128 + its number, or -1 when unknown). */
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  /** Extra environment variables (merged over the parent's). */
  env?: Record<string, string | undefined>;
  /** Working directory, default the repository. */
  cwd?: string;
}

export interface SpawnCliOptions extends RunCliOptions {
  /** Text written to the child's standard input (then closed). */
  input?: string;
  /** Kill the child after this many milliseconds (default 120 000). */
  timeoutMs?: number;
}

/** Runs the command line in this process (see above); runs are not concurrent within a test file. */
export async function runCli(args: string[], opts: RunCliOptions = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const setEnv = (vars: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  const cwd = process.cwd();
  let stdout = '';
  let stderr = '';
  setEnv(env);
  process.chdir(opts.cwd ?? REPO_DIR);
  try {
    const code = await runCliEntry(args, {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
    });
    return { code, stdout, stderr };
  } finally {
    process.chdir(cwd);
    setEnv(saved);
  }
}

/** Runs `node bin/amur.js …` in a child process, as a user would. */
export function spawnCli(args: string[], opts: SpawnCliOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [AMUR_BIN, ...args], {
      cwd: opts.cwd ?? REPO_DIR,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const signals: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
      resolvePromise({
        code: code ?? (signal && signals[signal] ? 128 + signals[signal] : -1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs the CLI and parses its standard output as JSON (throws with stderr when it is not JSON). */
export async function runCliJson<T = unknown>(
  args: string[],
  opts: RunCliOptions & { spawn?: boolean } = {},
): Promise<{ code: number; json: T; stderr: string }> {
  const r = await (opts.spawn ? spawnCli(args, opts) : runCli(args, opts));
  try {
    return { code: r.code, json: JSON.parse(r.stdout) as T, stderr: r.stderr };
  } catch {
    throw new Error(
      `amur ${args.join(' ')} did not print JSON (exit ${r.code})\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(0, 2000)}`,
    );
  }
}
