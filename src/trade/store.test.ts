import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceDataHooks } from './first-use.ts';
import {
  canWriteStore,
  defaultStorePath,
  type FirstUseHook,
  listMigrations,
  MIGRATIONS_DIR,
  openError,
  openStore,
  readOnlyPlan,
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
    const s = await openStore(':memory:', { hooks: referenceDataHooks });
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
    const counter: FirstUseHook = {
      id: 'test:counter',
      version: () => version,
      run: async (s) => {
        runs++;
        await s.run(
          "INSERT INTO sources (id, title, importer) VALUES ('hook-' || $1, 'from a hook', 'test')",
          [runs],
        );
      },
    };
    (await openStore(file, { hooks: [counter] })).close();
    (await openStore(file, { hooks: [counter] })).close();
    expect(runs).toBe(1);
    version = 'v2';
    const s = await openStore(file, { hooks: [counter] });
    expect(runs).toBe(2);
    const ids = (
      await s.query<{ id: string }>("SELECT id FROM sources WHERE id LIKE 'hook-%' ORDER BY id")
    ).map((r) => r.id);
    expect(ids).toEqual(['hook-1', 'hook-2']);
    s.close();
  });

  it('opens read-only beside another reader, refuses a write with a clear message, and brings a new file up to date first', async () => {
    const file = join(dir, 'ro', 'r.duckdb');
    const a = await openStore(file, { hooks: referenceDataHooks, readOnly: true });
    const b = await openStore(file, { hooks: referenceDataHooks, readOnly: true });
    expect(a.readOnly).toBe(true);
    const [{ n }] = await b.query<{ n: number }>("SELECT count(*) AS n FROM regions WHERE code = 'CN-HL'");
    expect(n).toBe(1);
    const write = a.run("INSERT INTO sources (id, title, importer) VALUES ('x', 'X', 'test')");
    await expect(write).rejects.toThrow(StoreError);
    await expect(
      a.run("INSERT INTO sources (id, title, importer) VALUES ('x', 'X', 'test')"),
    ).rejects.toThrow(/open read-only here; this command writes to it/);
    a.close();
    b.close();
  });

  it('brings a read-only open up to date when a hook is new, then opens read-only', async () => {
    const file = join(dir, 'ro-new-hook.duckdb');
    (await openStore(file)).close();
    let runs = 0;
    const late: FirstUseHook = { id: 'test:late', version: 'v1', run: async () => void runs++ };
    const s = await openStore(file, { hooks: [late], readOnly: true });
    expect(runs).toBe(1);
    expect(s.readOnly).toBe(true);
    s.close();
  });

  // Root writes any file whatever its mode, so these tests inject the access check rather than chmod a file.
  it('decides how a read-only open treats a file this user cannot write', () => {
    expect(readOnlyPlan('/x/a.duckdb', [], false)).toBe('open');
    expect(readOnlyPlan('/x/a.duckdb', ['first-use data seed'], true)).toBe('update-first');
    expect(readOnlyPlan('/x/a.duckdb', ['first-use data seed'], false)).toBe('open-stale');
    const err = (() => {
      try {
        readOnlyPlan('/x/a.duckdb', ['migration 11', 'first-use data seed'], false);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).reason).toBe('read-only');
    expect((err as StoreError).message).toMatch(
      /^\/x\/a\.duckdb: the trade store needs migration 11 of this release, and this user cannot write/,
    );
  });

  it('checks write access to the file and to its directory', () => {
    const denied = (denyPath: string) => (path: string) => {
      if (path === denyPath) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    };
    expect(canWriteStore('/x/a.duckdb', denied('/nowhere'))).toBe(true);
    expect(canWriteStore('/x/a.duckdb', denied('/x/a.duckdb'))).toBe(false);
    expect(canWriteStore('/x/a.duckdb', denied('/x'))).toBe(false);
  });

  it('reads a store it cannot write as it is, without running a new hook, and says what it lacks', async () => {
    const file = join(dir, 'ro-unwritable.duckdb');
    (await openStore(file)).close();
    let runs = 0;
    const late: FirstUseHook = { id: 'test:unwritable', version: 'v1', run: async () => void runs++ };
    const s = await openStore(file, { hooks: [late], readOnly: true, canWrite: () => false });
    expect(runs).toBe(0);
    expect(s.readOnly).toBe(true);
    expect(s.stale).toEqual(['first-use data test:unwritable']);
    const [{ n }] = await s.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
    expect(n).toBe(listMigrations().length);
    s.close();
    const writable = await openStore(file, { hooks: [late], readOnly: true });
    expect(runs).toBe(1);
    expect(writable.stale).toEqual([]);
    writable.close();
  });

  it('says a write refused by the file system names the file and that this user cannot write it', () => {
    const e = openError('/x/a.duckdb', 'IO Error: Cannot open file "/x/a.duckdb": Permission denied');
    expect(e.reason).toBe('read-only');
    expect(e.message).toMatch(/^\/x\/a\.duckdb: this user cannot write the trade store \(IO Error/);
    expect(e.message).toContain('open it read-only');
  });

  it('says a damaged file is damaged, not locked', async () => {
    const file = join(dir, 'damaged.duckdb');
    writeFileSync(file, 'not a database, although this block of text is long enough'.repeat(200));
    const err = await openStore(file).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.reason).toBe('corrupt');
    expect(err.message).toMatch(/damaged or not a DuckDB database/);
    expect(err.message).not.toMatch(/in use by another process/);
  });

  it('tells a lock held by another process from damage', () => {
    const lock = openError(
      '/x/a.duckdb',
      'IO Error: Could not set lock on file "/x/a.duckdb": Conflicting lock is held in /usr/bin/node (PID 1)',
    );
    expect(lock.reason).toBe('lock');
    expect(lock.message).toMatch(/in use by another process/);
    const block = openError(
      '/x/a.duckdb',
      'IO Error: Corrupt database file: computed checksum does not match in block 7',
    );
    expect(block.reason).toBe('corrupt');
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
