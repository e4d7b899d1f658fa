import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedDerived, cacheKey, readCacheFile, userCacheDir, writeCacheFile } from './disk-cache.ts';

describe('disk cache', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'amur-disk-cache-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('places parts under AMUR_CACHE_DIR, XDG_CACHE_HOME or ~/.cache/amur, and is off with AMUR_CACHE_DIR=off', () => {
    expect(userCacheDir('holidays', { AMUR_CACHE_DIR: '/c' })).toBe(join('/c', 'holidays'));
    expect(userCacheDir('holidays', { XDG_CACHE_HOME: '/x' })).toBe(join('/x', 'amur', 'holidays'));
    expect(userCacheDir('holidays', {})).toMatch(/\.cache[\\/]amur[\\/]holidays$/);
    expect(userCacheDir('holidays', { AMUR_CACHE_DIR: 'off' })).toBeUndefined();
    expect(cacheKey('a', 'b')).not.toBe(cacheKey('ab'));
  });

  it('round-trips Maps and typed arrays; a missing or damaged file reads as nothing', () => {
    const file = join(tmp, 'sub', 'x.v8');
    expect(readCacheFile(file)).toBeUndefined();
    const value = new Map([['k', { runs: new Int32Array([1, 2, 3]), when: new Date(0) }]]);
    writeCacheFile(file, value);
    expect(readCacheFile(file)).toEqual(value);
    writeFileSync(file, 'damaged');
    expect(readCacheFile(file)).toBeUndefined();
    expect(readdirSync(join(tmp, 'sub'))).toEqual(['x.v8']);
  });

  it('holiday closures: computed once, then read from the cache, the same periods', async () => {
    const rule = { country: 'CN', holiday: 'Spring Festival', fromDay: 1, days: 4, sources: ['s'] };
    vi.stubEnv('AMUR_CACHE_DIR', tmp);
    try {
      vi.resetModules();
      const first = (await import('./network/holidays.ts')).holidayPeriods(rule as never);
      expect(readdirSync(join(tmp, 'holidays'))).toHaveLength(1);
      vi.resetModules();
      const second = (await import('./network/holidays.ts')).holidayPeriods(rule as never);
      expect(second).toEqual(first);
      expect(first.find((p) => p.from.startsWith('2024'))).toMatchObject({
        from: '2024-02-10',
        to: '2024-02-13',
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('cachedDerived: derives once per content of its inputs; an error is not cached', () => {
    vi.stubEnv('AMUR_CACHE_DIR', tmp);
    try {
      const input = join(tmp, 'in.txt');
      writeFileSync(input, 'one');
      let calls = 0;
      const derive = () => {
        calls++;
        const text = readFileSync(input, 'utf8');
        if (text === 'bad') throw new Error('bad input');
        return { text, at: calls };
      };
      const code = [fileURLToPath(import.meta.url)];
      expect(cachedDerived('t', [input], code, derive)).toEqual({ text: 'one', at: 1 });
      expect(cachedDerived('t', [input], code, derive)).toEqual({ text: 'one', at: 1 });
      writeFileSync(input, 'bad');
      expect(() => cachedDerived('t', [input], code, derive)).toThrow('bad input');
      expect(() => cachedDerived('t', [input], code, derive)).toThrow('bad input');
      writeFileSync(input, 'two');
      expect(cachedDerived('t', [input], code, derive)).toEqual({ text: 'two', at: 4 });
      expect(calls).toBe(4);
      vi.stubEnv('AMUR_CACHE_DIR', 'off');
      expect(cachedDerived('t', [input], code, derive)).toEqual({ text: 'two', at: 5 });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('the default profile and link geometry from the cache equal the files parsed afresh', async () => {
    vi.stubEnv('AMUR_CACHE_DIR', 'off');
    vi.resetModules();
    const fresh = [
      (await import('./costs/profile.ts')).loadProfile(),
      (await import('./network/link-geometry.ts')).loadLinkGeometry(),
    ];
    vi.stubEnv('AMUR_CACHE_DIR', tmp);
    try {
      for (let i = 0; i < 2; i++) {
        vi.resetModules();
        const got = [
          (await import('./costs/profile.ts')).loadProfile(),
          (await import('./network/link-geometry.ts')).loadLinkGeometry(),
        ];
        expect(got).toEqual(fresh);
      }
      expect(readdirSync(join(tmp, 'profiles'))).toHaveLength(1);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
