// The stamp of the compiled command line (dist/): which sources it was built
// from. `scripts/build.js` writes it after compiling src/ into dist/;
// `bin/amur.js` compares it with the sources on every start (one directory
// walk and ~100 stat calls, ~3 ms) and runs dist/ only when they match, so a
// development checkout whose sources changed since the last build runs the
// sources through tsx instead of a stale build.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const SRC_DIR = join(REPO_DIR, 'src');
export const DIST_DIR = join(REPO_DIR, 'dist');
export const STAMP_FILE = join(DIST_DIR, '.build-stamp.json');
/** Files of the build itself: a change to them makes the build stale too. */
const BUILD_FILES = ['scripts/build.js', 'bin/build-stamp.js'];

/** Is this file of src/ part of the build (compiled, or copied as it is)? Tests, fixtures and snapshots are not. */
export function isBuildInput(rel) {
  if (/(^|[\\/])(fixtures|__snapshots__)[\\/]/.test(rel)) return false;
  if (/\.test\.[jt]s$/.test(rel)) return false;
  return /\.(ts|js|sql)$/.test(rel) && !rel.endsWith('.d.ts');
}

/** The build inputs of src/, relative to it, sorted. */
export function buildInputs() {
  return readdirSync(SRC_DIR, { recursive: true }).map(String).filter(isBuildInput).sort();
}

/** One line per build input: path, size and modification time (changes whenever a file is edited, added, removed or checked out). */
export function sourceStamp() {
  const lines = buildInputs().map((rel) => {
    const s = statSync(join(SRC_DIR, rel));
    return `src/${rel.replaceAll('\\', '/')} ${s.size} ${Math.trunc(s.mtimeMs)}`;
  });
  for (const rel of BUILD_FILES) {
    const s = statSync(join(REPO_DIR, rel));
    lines.push(`${rel} ${s.size} ${Math.trunc(s.mtimeMs)}`);
  }
  return lines.join('\n');
}

/** Is dist/ built from the sources as they are now? */
export function buildIsFresh() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP_FILE, 'utf8'));
  } catch {
    return false;
  }
  try {
    return stamp.sources === sourceStamp();
  } catch {
    return false;
  }
}
