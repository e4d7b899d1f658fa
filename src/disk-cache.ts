/**
 * Amur's on-disk cache of derived data (what a command would otherwise
 * recompute on every start): `$AMUR_CACHE_DIR/<part>`, else
 * `$XDG_CACHE_HOME/amur/<part>`, else `~/.cache/amur/<part>`;
 * `AMUR_CACHE_DIR=off` turns it off. Values are stored with V8's serialiser
 * (Maps, Sets, typed arrays and Dates survive) in files written to a
 * temporary name and renamed into place. A file that cannot be read or
 * written is ignored: the cache only ever saves time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** The cache directory of one part (`atlas`, `holidays`, …), or `undefined` when the cache is off. */
export function userCacheDir(part: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.AMUR_CACHE_DIR === 'off') return undefined;
  if (env.AMUR_CACHE_DIR) return join(env.AMUR_CACHE_DIR, part);
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'amur', part);
}

/** sha256 (hex) of the parts, each followed by a NUL. */
export function cacheKey(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}

/** The value stored in `file`, or `undefined` when there is none or it cannot be read. */
export function readCacheFile<T>(file: string): T | undefined {
  try {
    return deserialize(readFileSync(file)) as T;
  } catch {
    return undefined;
  }
}

/** Stores `value` in `file` (through a temporary file renamed into place); failures are ignored. */
export function writeCacheFile(file: string, value: unknown): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, serialize(value));
    renameSync(tmp, file);
  } catch (e) {
    if (process.env.AMUR_DEBUG)
      console.error(`amur: cache file ${file} not written (${(e as Error).message})`);
  }
}

/**
 * `derive()`, cached on disk in `part` by the content of `inputs` (the data
 * files it reads) and of `code` (the modules that decide what it makes of
 * them: pass `fileURLToPath(import.meta.url)`), and the V8 version. Only a
 * value is cached: when `derive` throws, nothing is written and the error
 * goes to the caller. The value must not depend on anything else (the
 * working directory, the environment, the date).
 */
export function cachedDerived<T>(part: string, inputs: string[], code: string[], derive: () => T): T {
  const dir = userCacheDir(part);
  if (!dir) return derive();
  let key: string;
  try {
    key = cacheKey(
      `v8 ${process.versions.v8}`,
      ...inputs.flatMap((f) => [f, readFileSync(f)]),
      ...code.map((f) => readFileSync(f)),
    );
  } catch {
    return derive(); // an input that cannot be read: derive reports it
  }
  const file = join(dir, `${cacheKey(...inputs, ...code).slice(0, 20)}.v8`);
  const hit = readCacheFile<{ key: string; value: T }>(file);
  if (hit?.key === key) return hit.value;
  const value = derive();
  writeCacheFile(file, { key, value });
  return value;
}
