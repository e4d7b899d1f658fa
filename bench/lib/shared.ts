/**
 * Where the benchmarks find `../shared/data` (the same rule as `test/shared.ts`,
 * without vitest): `AMUR_SHARED_DIR` or the `shared` folder beside the repository.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_DATA_DIR = resolve(
  process.env.AMUR_SHARED_DIR ?? fileURLToPath(new URL('../../../shared', import.meta.url)),
  'data',
);

export function sharedData(rel: string): string {
  return resolve(SHARED_DATA_DIR, rel);
}

export function sharedDataAvailable(rel = ''): boolean {
  return existsSync(resolve(SHARED_DATA_DIR, rel));
}
