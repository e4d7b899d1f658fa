import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atlasCacheDir, atlasCacheKey, lastAtlasCacheUse, loadAtlasCached } from './cache.ts';
import { loadAtlas } from './load.ts';

const MINI = fileURLToPath(new URL('./fixtures/mini', import.meta.url));

describe('loadAtlasCached', () => {
  let tmp: string;
  let atlasDir: string;
  let cacheDir: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'amur-atlas-cache-'));
    atlasDir = join(tmp, 'atlas');
    cacheDir = join(tmp, 'cache');
    cpSync(MINI, atlasDir, { recursive: true });
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('answers what loadAtlas answers, from the cache on the second call', () => {
    const fresh = loadAtlas(atlasDir);
    const first = loadAtlasCached(atlasDir, { cacheDir });
    expect(lastAtlasCacheUse).toBe('miss');
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.v8'))).toHaveLength(1);
    const second = loadAtlasCached(atlasDir, { cacheDir });
    expect(lastAtlasCacheUse).toBe('hit');
    for (const got of [first, second]) {
      expect(got.atlas).toEqual(fresh.atlas);
      expect([...got.origins]).toEqual([...fresh.origins]);
      expect(got.problems).toEqual(fresh.problems);
      expect(got.dir).toBe(fresh.dir);
    }
  });

  it('is invalidated by an edited, added or removed atlas file', () => {
    const file = readdirSync(atlasDir).find((f) => f.endsWith('.yaml'))!;
    loadAtlasCached(atlasDir, { cacheDir });
    const key = atlasCacheKey(atlasDir);

    const text = readFileSync(join(atlasDir, file), 'utf8');
    writeFileSync(join(atlasDir, file), text.replace(/^(\s*-\s*id:\s*)(\S+)/m, '$1$2-renamed'));
    expect(atlasCacheKey(atlasDir)).not.toBe(key);
    const edited = loadAtlasCached(atlasDir, { cacheDir });
    expect(lastAtlasCacheUse).toBe('miss');
    expect(edited).toEqual(loadAtlas(atlasDir));

    writeFileSync(join(atlasDir, 'extra.yaml'), 'places: []\n');
    loadAtlasCached(atlasDir, { cacheDir });
    expect(lastAtlasCacheUse).toBe('miss');
    rmSync(join(atlasDir, 'extra.yaml'));
    loadAtlasCached(atlasDir, { cacheDir });
    expect(lastAtlasCacheUse).toBe('miss');
    loadAtlasCached(atlasDir, { cacheDir });
    expect(lastAtlasCacheUse).toBe('hit');
  });

  it('keeps the problems of a broken atlas, and a broken cache file is ignored', () => {
    writeFileSync(join(atlasDir, 'broken.yaml'), 'places:\n  - id: nowhere\n');
    const fresh = loadAtlas(atlasDir);
    expect(fresh.problems.some((p) => p.severity === 'error')).toBe(true);
    loadAtlasCached(atlasDir, { cacheDir });
    expect(loadAtlasCached(atlasDir, { cacheDir }).problems).toEqual(fresh.problems);
    expect(lastAtlasCacheUse).toBe('hit');
    const [f] = readdirSync(cacheDir).filter((x) => x.endsWith('.v8'));
    writeFileSync(join(cacheDir, f), 'not a cache file');
    expect(loadAtlasCached(atlasDir, { cacheDir })).toEqual(fresh);
    expect(lastAtlasCacheUse).toBe('miss');
  });

  it('is off with AMUR_CACHE_DIR=off or cacheDir null, and follows AMUR_CACHE_DIR and XDG_CACHE_HOME', () => {
    expect(atlasCacheDir({ AMUR_CACHE_DIR: 'off' })).toBeUndefined();
    expect(atlasCacheDir({ AMUR_CACHE_DIR: '/x' })).toBe(join('/x', 'atlas'));
    expect(atlasCacheDir({ XDG_CACHE_HOME: '/y' })).toBe(join('/y', 'amur', 'atlas'));
    loadAtlasCached(atlasDir, { cacheDir: null });
    expect(lastAtlasCacheUse).toBe('off');
    expect(loadAtlasCached(join(tmp, 'missing'), { cacheDir }).problems[0].problem).toMatch(/cannot read/);
  });
});

describe('the cached gazetteer index', () => {
  it('finds what a freshly built index finds', async () => {
    const { searchAtlas } = await import('./gazetteer.ts');
    const tmp = mkdtempSync(join(tmpdir(), 'amur-atlas-cache-'));
    try {
      loadAtlasCached(MINI, { cacheDir: tmp });
      const cached = loadAtlasCached(MINI, { cacheDir: tmp });
      expect(lastAtlasCacheUse).toBe('hit');
      const fresh = loadAtlas(MINI).atlas;
      for (const q of ['黑河', 'heihe', 'Благовещенск', 'suifenhe', 'harbn'])
        expect(searchAtlas(cached.atlas, q), q).toEqual(searchAtlas(fresh, q));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
