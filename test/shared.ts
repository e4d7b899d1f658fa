/**
 * Access to `../shared/data` (real data beside the repository) for tests and
 * benchmarks. Tests that need it use `describeShared`: where the folder is
 * absent they skip with a message, unless AMUR_REQUIRE_SHARED=1 (set by CI),
 * where its absence is a failure.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

export const SHARED_DIR = resolve(
  process.env.AMUR_SHARED_DIR ?? fileURLToPath(new URL('../../shared', import.meta.url)),
);
export const SHARED_DATA_DIR = resolve(SHARED_DIR, 'data');

export function sharedDataAvailable(): boolean {
  return existsSync(SHARED_DATA_DIR);
}

/** Path of a file under `../shared/data`, e.g. `sharedData('geo/natural-earth/ne_50m_ports.json')`. */
export function sharedData(rel: string): string {
  return resolve(SHARED_DATA_DIR, rel);
}

/** `describe` that needs `../shared/data`. */
export function describeShared(name: string, fn: () => void): void {
  if (sharedDataAvailable()) {
    describe(name, fn);
    return;
  }
  if (process.env.AMUR_REQUIRE_SHARED === '1') {
    throw new Error(
      `${name}: ../shared/data is required (AMUR_REQUIRE_SHARED=1) but ${SHARED_DATA_DIR} does not exist`,
    );
  }
  console.warn(`skipping "${name}": ${SHARED_DATA_DIR} not found (set AMUR_REQUIRE_SHARED=1 to require it)`);
  describe.skip(name, fn);
}
