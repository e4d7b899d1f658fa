import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultStorePath,
  listMigrations,
  MIGRATIONS_DIR,
  openStore,
  registerFirstUseHook,
  StoreError,
} from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'amur-store-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openStore', () => {
  it('creates the file, applies the migrations in order and records them once', async () => {
    const file = join(dir, 'sub', 'a.duckdb');
    const s1 = await openStore(file);
    const applied = await s1.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect(applied.map((m) => m.version)).toEqual(listMigrations().map((m) => m.version));
    expect(applied.slice(0, 2)).toEqual([
      { version: 1, name: 'sources-and-flows' },
      { version: 2, name: 'reference-tables' },
    ]);
    const tables = (
      await s1.query<{ name: string }>('SELECT table_name AS name FROM information_schema.tables')
    ).map((t) => t.name);
    for (const t of [
      'flows',
      'sources',
      'regions',
      'commodities',
      'exchange_rates',
      'world_totals',
      'area_codes',
    ])
      expect(tables).toContain(t);
    await s1.run("INSERT INTO sources (id, title, importer) VALUES ('x', 'X', 'test')");
    s1.close();
    const s2 = await openStore(file);
    const [{ n }] = await s2.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
    expect(n).toBe(applied.length);
    const [{ id }] = await s2.query<{ id: string }>('SELECT id FROM sources');
    expect(id).toBe('x');
    s2.close();
  });

  it('loads the reference data on first use', async () => {
    const s = await openStore(':memory:');
    const [{ n }] = await s.query<{ n: number }>(
      "SELECT count(*) AS n FROM regions WHERE code IN ('CHN', 'RUS', 'CN-HL', 'RU-AMU', 'CN-HL-HEIHE', 'WLD')",
    );
    expect(n).toBe(6);
    const [{ r }] = await s.query<{ r: number }>(
      "SELECT count(*) AS r FROM exchange_rates WHERE currency = 'CNY'",
    );
    expect(r).toBeGreaterThan(10);
    s.close();
  });

  it('runs a registered first-use hook once per database, and again when its version changes', async () => {
    const file = join(dir, 'hooks.duckdb');
    let runs = 0;
    let version = 'v1';
    registerFirstUseHook({
      id: 'test:counter',
      version: () => version,
      run: async (s) => {
        runs++;
        await s.run(
          "INSERT INTO sources (id, title, importer) VALUES ('hook-' || $1, 'from a hook', 'test')",
          [runs],
        );
      },
    });
    (await openStore(file)).close();
    (await openStore(file)).close();
    expect(runs).toBe(1);
    version = 'v2';
    const s = await openStore(file);
    expect(runs).toBe(2);
    const ids = (
      await s.query<{ id: string }>("SELECT id FROM sources WHERE id LIKE 'hook-%' ORDER BY id")
    ).map((r) => r.id);
    expect(ids).toEqual(['hook-1', 'hook-2']);
    s.close();
    registerFirstUseHook({ id: 'test:counter', version: 'v2', run: async () => {} });
  });

  it('rolls a failed transaction back', async () => {
    const s = await openStore(':memory:', { skipHooks: true });
    await expect(
      s.transaction(async (t) => {
        await t.run("INSERT INTO sources (id, title, importer) VALUES ('a', 'A', 'test')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const [{ n }] = await s.query<{ n: number }>('SELECT count(*) AS n FROM sources');
    expect(n).toBe(0);
    expect(s.inTransaction).toBe(false);
    s.close();
  });

  it('refuses two migrations with the same number', () => {
    const m = mkdtempSync(join(dir, 'mig-'));
    writeFileSync(join(m, '001-a.sql'), 'SELECT 1;');
    writeFileSync(join(m, '001-b.sql'), 'SELECT 1;');
    expect(() => listMigrations(m)).toThrow(StoreError);
    expect(() => listMigrations(m)).toThrow(/migration number 1 is used twice/);
  });

  it('finds the default file from AMUR_DB, then XDG_DATA_HOME, then ~/.local/share', () => {
    expect(defaultStorePath({ AMUR_DB: '/x/y.duckdb' })).toBe('/x/y.duckdb');
    expect(defaultStorePath({ XDG_DATA_HOME: '/data' })).toBe('/data/amur/amur.duckdb');
    expect(defaultStorePath({})).toMatch(/\.local\/share\/amur\/amur\.duckdb$/);
  });

  it('lists the shipped migrations 001–009 as the store module owns them', () => {
    const own = listMigrations(MIGRATIONS_DIR).filter((m) => m.version < 10);
    expect(own.map((m) => m.name)).toEqual(['sources-and-flows', 'reference-tables', 'region-names']);
  });
});
