import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Amur's disk caches (atlas, holiday calendars: src/disk-cache.ts) go to one
// temporary directory per test run, shared by its test files, never the user's.
const cacheDir = process.env.AMUR_CACHE_DIR ?? mkdtempSync(join(tmpdir(), 'amur-test-cache-'));

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { AMUR_CACHE_DIR: cacheDir },
    maxWorkers: 2,
  },
});
