/**
 * The parsed, validated atlas cached on disk, so that a command which only
 * reads the atlas (`amur route`, `amur matrix`, …) does not parse and check
 * every YAML file on each start: `loadAtlasCached(dir)` answers exactly what
 * `loadAtlas(dir)` would (records, origins and problems alike), from the cache
 * when its key matches, else by loading and then writing the cache. The
 * gazetteer's search index of the atlas is cached with it (building it takes
 * longer than loading the atlas from the cache).
 *
 * The key is the sha256 of: the content of every `.yaml`/`.yml` file under
 * the atlas directory (or the one file named), the source of the modules that
 * parse, check and index it (`schema`, `load`, `check`, `problems`, `gazetteer`: the
 * schema version), the V8
 * version (the serialisation format) and the working directory (problems name
 * files relative to it). Any edit, added or removed file changes it. One cache
 * file is kept per atlas directory and working directory, overwritten when the
 * key changes; it is written to a temporary file renamed into place.
 * `amur atlas validate` does not use it: it always checks from scratch.
 *
 * Where: `$AMUR_CACHE_DIR/atlas`, else `$XDG_CACHE_HOME/amur/atlas`, else
 * `~/.cache/amur/atlas` (src/disk-cache.ts). `AMUR_CACHE_DIR=off` turns the
 * cache off. A cache that cannot be read or written is ignored (the atlas is
 * loaded as without).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCacheFile, userCacheDir, writeCacheFile } from '../disk-cache.ts';
import { adoptGazetteerIndex, type GazetteerIndex, gazetteerIndex } from './gazetteer.ts';
import { DEFAULT_ATLAS_DIR, type LoadedAtlas, loadAtlas } from './load.ts';

/** Bumped when the layout of a cache file changes. */
const CACHE_FORMAT = 1;

/** The modules whose code decides what an atlas file loads to (same extension as this one: .ts or compiled .js). */
const LOADER_MODULES = ['schema', 'load', 'check', 'problems', 'gazetteer'].map((m) =>
  fileURLToPath(new URL(`./${m}${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url)),
);

/** The directory of atlas cache files, or `undefined` when the cache is off (`AMUR_CACHE_DIR=off`). */
export function atlasCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return userCacheDir('atlas', env);
}

/** The atlas files under `root` (a directory, or one file), absolute and sorted. */
function atlasFiles(root: string): string[] {
  if (statSync(root).isFile()) return [root];
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(root, f));
}

/** The cache key of the atlas at `dir` as it is now (throws when `dir` cannot be read). */
export function atlasCacheKey(dir: string): string {
  const root = resolve(dir);
  const h = createHash('sha256');
  h.update(`amur-atlas-cache ${CACHE_FORMAT}\0v8 ${process.versions.v8}\0cwd ${process.cwd()}\0dir ${dir}\0`);
  for (const m of LOADER_MODULES) h.update(readFileSync(m)).update('\0');
  for (const f of atlasFiles(root)) {
    h.update(`${f.slice(root.length)}\0`);
    h.update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

interface CacheFile {
  key: string;
  loaded: LoadedAtlas;
  gazetteer?: GazetteerIndex;
}

/** The cache file of one atlas directory seen from the working directory (by this copy of the loader). */
function cacheFileOf(cacheDir: string, dir: string): string {
  // this module's own URL too: the sources (tsx) and the build (dist/) keep apart files, not one they take turns rewriting
  const id = createHash('sha256')
    .update(`${resolve(dir)}\0${process.cwd()}\0${import.meta.url}`)
    .digest('hex')
    .slice(0, 20);
  return join(cacheDir, `atlas-${id}.v8`);
}

export interface AtlasCacheOptions {
  /** Cache directory (default `atlasCacheDir()`); `null` turns the cache off. */
  cacheDir?: string | null;
}

/** What the last `loadAtlasCached` call did (for tests and `AMUR_DEBUG`). */
export let lastAtlasCacheUse: 'hit' | 'miss' | 'off' = 'off';

/** `loadAtlas(dir)`, answered from the on-disk cache when the atlas files and loader are unchanged. */
export function loadAtlasCached(dir: string = DEFAULT_ATLAS_DIR, opts: AtlasCacheOptions = {}): LoadedAtlas {
  const cacheDir = opts.cacheDir === null ? undefined : (opts.cacheDir ?? atlasCacheDir());
  let key: string | undefined;
  try {
    if (cacheDir) key = atlasCacheKey(dir);
  } catch {
    key = undefined; // an unreadable directory: loadAtlas reports it
  }
  if (!cacheDir || !key) {
    lastAtlasCacheUse = 'off';
    return loadAtlas(dir);
  }
  const file = cacheFileOf(cacheDir, dir);
  const cached = readCacheFile<CacheFile>(file);
  if (cached?.key === key) {
    lastAtlasCacheUse = 'hit';
    if (cached.gazetteer) adoptGazetteerIndex(cached.loaded.atlas, cached.gazetteer);
    return cached.loaded;
  }
  // no cache file yet, or one of other files or another version: load and write it
  lastAtlasCacheUse = 'miss';
  const loaded = loadAtlas(dir);
  const gazetteer = loaded.atlas.places.length > 0 ? gazetteerIndex(loaded.atlas) : undefined;
  writeCacheFile(file, { key, loaded, gazetteer } satisfies CacheFile);
  return loaded;
}
