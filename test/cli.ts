/**
 * Runs the `amur` command line in a child process, as a user would
 * (`node bin/amur.js …`), for CLI tests in any area:
 *
 *   const { code, stdout, stderr } = await runCli(['atlas', 'search', '黑河', '--json']);
 *
 * The process gets the parent's environment plus `env`, the repository as
 * its working directory (unless `cwd` is given) and `NO_COLOR=1`. It never
 * throws on a non-zero exit: the exit code is returned for the test to check.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const AMUR_BIN = resolve(REPO_DIR, 'bin/amur.js');

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
  /** Text written to the child's standard input (then closed). */
  input?: string;
  /** Kill the child after this many milliseconds (default 120 000). */
  timeoutMs?: number;
}

export function runCli(args: string[], opts: RunCliOptions = {}): Promise<CliResult> {
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
  opts: RunCliOptions = {},
): Promise<{ code: number; json: T; stderr: string }> {
  const r = await runCli(args, opts);
  try {
    return { code: r.code, json: JSON.parse(r.stdout) as T, stderr: r.stderr };
  } catch {
    throw new Error(
      `amur ${args.join(' ')} did not print JSON (exit ${r.code})\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(0, 2000)}`,
    );
  }
}
