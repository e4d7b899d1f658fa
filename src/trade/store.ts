/**
 * The trade store: one DuckDB database file holding sources, flows and the
 * reference tables (regions, commodities, exchange rates, world totals).
 *
 * `openStore(path?)` creates the file on first use, applies the numbered SQL
 * migrations in `src/trade/migrations/` (each in its own transaction,
 * recorded in `schema_migrations`), then runs the first-use hooks it is given
 * (`options.hooks`) whose (id, version) this database has not seen yet
 * (recorded in `store_hooks`). The store knows no hook itself: the reference
 * data and seed tables are composed in `first-use.ts`, whose
 * `openTradeStore` is what the faces call.
 *
 * `readOnly: true` opens an existing file in DuckDB's READ_ONLY access mode,
 * so that several readers (the read-only commands, `amur serve --read-only`)
 * share it; a file that does not exist yet or lacks a migration or hook is
 * brought up to date by a short read-write open first.
 *
 * Where the file lives: the `path` argument, else `$AMUR_DB`, else
 * `$XDG_DATA_HOME/amur/amur.duckdb`, else `~/.local/share/amur/amur.duckdb`.
 * `':memory:'` gives a throw-away store (tests).
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { AmurError } from '../errors.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** A row as returned by `Store.query`: BIGINT values that fit in a double become numbers. */
export type Row = Record<string, unknown>;
export type Params = readonly unknown[] | Record<string, unknown>;

export interface Store {
  /** The database file, or ':memory:'. */
  readonly path: string;
  /** Opened with `readOnly`: every write is refused with a StoreError of kind `read-only`. */
  readonly readOnly: boolean;
  /**
   * A read-only open of a file this user cannot write, which lacks first-use
   * data of this release: what it lacks (the faces say so). Empty otherwise.
   */
  readonly stale: readonly string[];
  /** The underlying DuckDB connection (appenders, streaming reads). */
  readonly connection: DuckDBConnection;
  /** Runs one or more statements and returns the rows of the last one. Parameters are `$1`, `$2`, … or `$name`. */
  query<T = Row>(sql: string, params?: Params): Promise<T[]>;
  /** Runs statements without reading a result. */
  run(sql: string, params?: Params): Promise<void>;
  /**
   * Runs `fn` inside one transaction: committed when it resolves, rolled back
   * when it throws. Nested calls join the outer transaction.
   */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /** True while a transaction is open. */
  readonly inTransaction: boolean;
  close(): void;
}

/** Something to load into a database once: re-run when `version` changes (e.g. a hash of its data files). */
export interface FirstUseHook {
  id: string;
  /** A string that changes when what the hook loads changes; the hook runs again on a database that saw another version. */
  version: string | (() => string);
  run(store: Store): Promise<void>;
}

/** The database file used when none is given: `$AMUR_DB`, else under the user's data directory. */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AMUR_DB) return env.AMUR_DB;
  const dataHome = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(dataHome, 'amur', 'amur.duckdb');
}

export class StoreError extends AmurError {
  override name = 'StoreError';
  constructor(
    message: string,
    /** `lock`: another process holds the file; `corrupt`: not a readable DuckDB file; `read-only`: a write on a read-only store. */
    readonly reason: 'lock' | 'corrupt' | 'read-only' | 'other' = 'other',
  ) {
    // a damaged file is broken data; a held lock or a read-only store is unavailable for this operation
    super(reason === 'corrupt' ? 'data' : 'unavailable', message);
  }
}

export interface OpenStoreOptions {
  /** The first-use hooks to run, in order (see `first-use.ts`); none when absent. */
  hooks?: readonly FirstUseHook[];
  /** Skip the first-use hooks (tests of the store itself). */
  skipHooks?: boolean;
  /** Open an existing file read-only (DuckDB READ_ONLY), shared with other readers. */
  readOnly?: boolean;
  /** Migrations directory (tests). */
  migrationsDir?: string;
  /** DuckDB settings, e.g. `{ memory_limit: '1GB', threads: '2' }`. */
  config?: Record<string, string>;
  /** Whether this user can write the file (default `canWriteStore`; tests inject one, as root can write anything). */
  canWrite?: (file: string) => boolean;
}

/**
 * Whether this process may write the store file and the directory it lives in
 * (DuckDB writes a `.wal` file beside it). `access` is `fs.accessSync` unless injected.
 */
export function canWriteStore(
  file: string,
  access: (path: string, mode: number) => void = accessSync,
): boolean {
  try {
    access(file, constants.W_OK);
    access(dirname(resolve(file)), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * What a read-only open of an existing file does, given what a read-write open
 * would still do to it (`pending`: migrations, first-use data) and whether
 * this user can write it: open it as it is; bring it up to date first; open it
 * as it is although first-use data is missing (`stale`: the user cannot
 * write it, and the tables are all there); or refuse (a migration is missing
 * and cannot be applied: the queries would fail on the old tables).
 */
export function readOnlyPlan(
  file: string,
  pending: readonly string[],
  writable: boolean,
): 'open' | 'update-first' | 'open-stale' {
  if (pending.length === 0) return 'open';
  if (writable) return 'update-first';
  const migrations = pending.filter((p) => p.startsWith('migration'));
  if (migrations.length === 0) return 'open-stale';
  throw new StoreError(
    `${file}: the trade store needs ${migrations.join(', ')} of this release, and this user cannot write the file or its directory; ask its owner to run any trade command once, or copy it somewhere you can write and pass the copy with --db / AMUR_DB`,
    'read-only',
  );
}

/** Opens (creating if needed) the trade store. See the module comment for where the file lives. */
export async function openStore(path?: string, options: OpenStoreOptions = {}): Promise<Store> {
  const file = path ?? defaultStorePath();
  const hooks = options.skipHooks ? [] : (options.hooks ?? []);
  if (options.readOnly && file !== ':memory:') return openReadOnly(file, options, hooks);
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const store = await connect(file, options.config);
  try {
    await applyMigrations(store, options.migrationsDir ?? MIGRATIONS_DIR);
    await runFirstUseHooks(store, hooks);
  } catch (e) {
    store.close();
    throw e;
  }
  return store;
}

/**
 * A read-only open. A file that is missing, or lacks a migration or a hook
 * (a new release, new seed tables), is first brought up to date by a
 * read-write open; when another process holds it, that update waits and the
 * error says so.
 */
async function openReadOnly(
  file: string,
  options: OpenStoreOptions,
  hooks: readonly FirstUseHook[],
): Promise<Store> {
  const readOnlyConfig = { ...options.config, access_mode: 'READ_ONLY' };
  if (existsSync(file)) {
    const store = await connect(file, readOnlyConfig);
    let plan: ReturnType<typeof readOnlyPlan>;
    let stale: string[];
    try {
      stale = await pendingWork(store, options.migrationsDir ?? MIGRATIONS_DIR, hooks);
      plan = readOnlyPlan(file, stale, stale.length === 0 || (options.canWrite ?? canWriteStore)(file));
    } catch (e) {
      store.close();
      throw e;
    }
    if (plan === 'open') return store;
    if (plan === 'open-stale') {
      store.stale = stale;
      return store;
    }
    store.close();
    try {
      (await openStore(file, { ...options, readOnly: false })).close();
    } catch (e) {
      if (e instanceof StoreError && e.reason === 'lock')
        throw new StoreError(
          `${file}: the trade store needs an update (${stale.join(', ')}) that a read-only open cannot make, and another process holds it; stop that process once, or run any trade command while it is stopped`,
          'lock',
        );
      throw e;
    }
  } else (await openStore(file, { ...options, readOnly: false })).close();
  return connect(file, readOnlyConfig);
}

/** What a read-write open would still do to this database: migrations and hooks not yet recorded. */
async function pendingWork(
  store: Store,
  migrationsDir: string,
  hooks: readonly FirstUseHook[],
): Promise<string[]> {
  const tables = new Set(
    (await store.query<{ t: string }>('SELECT table_name AS t FROM information_schema.tables')).map(
      (r) => r.t,
    ),
  );
  if (!tables.has('schema_migrations') || !tables.has('store_hooks')) return ['migrations'];
  const done = new Set(
    (await store.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
  );
  const out = listMigrations(migrationsDir)
    .filter((m) => !done.has(m.version))
    .map((m) => (readersOptional(m) ? `the additions of migration ${m.version}` : `migration ${m.version}`));
  const seen = await hookVersions(store);
  for (const h of hooks) if (seen.get(h.id) !== hookVersion(h)) out.push(`first-use data ${h.id}`);
  return out;
}

/** Opens a DuckDB file, telling a lock held by another process from a damaged file. */
async function connect(file: string, config?: Record<string, string>): Promise<DuckDBStore> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file, config);
  } catch (e) {
    throw openError(file, (e as Error).message);
  }
  return new DuckDBStore(file, instance, await instance.connect(), config?.access_mode === 'READ_ONLY');
}

/** The StoreError for a failed open: a lock, a damaged file, or something else, each said as such. */
export function openError(file: string, message: string): StoreError {
  const first = message.split('\n')[0];
  if (/could not set lock|conflicting lock/i.test(first))
    return new StoreError(
      `${file}: the trade store is in use by another process (${first}); close it or pass another file with --db / AMUR_DB (a server started with --read-only lets read-only commands share the file)`,
      'lock',
    );
  if (/not a valid DuckDB database|corrupt|checksum|invalid (database|block)|serializ/i.test(first))
    return new StoreError(
      `${file}: the trade store is damaged or not a DuckDB database (${first}); restore it from a copy, or move it away and let amur create a new one`,
      'corrupt',
    );
  if (/permission denied|read-only file system/i.test(first))
    return new StoreError(
      `${file}: this user cannot write the trade store (${first}); the read commands (trade sources, query, indicator, audit, chart, export) open it read-only, but this one writes: use a store you can write (--db / AMUR_DB) or ask its owner`,
      'read-only',
    );
  return new StoreError(`${file}: cannot open the trade store: ${first}`);
}

class DuckDBStore implements Store {
  private depth = 0;
  private closed = false;
  stale: readonly string[] = [];
  constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly readOnly = false,
  ) {}

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  async query<T = Row>(sql: string, params?: Params): Promise<T[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql, toDuckParams(params));
      return reader.getRowObjectsJS().map((r) => plainRow(r) as T);
    } catch (e) {
      throw this.refusedWrite(e);
    }
  }

  async run(sql: string, params?: Params): Promise<void> {
    try {
      await this.connection.run(sql, toDuckParams(params));
    } catch (e) {
      throw this.refusedWrite(e);
    }
  }

  /** DuckDB's refusal of a write on a read-only database, said in the store's words. */
  private refusedWrite(e: unknown): unknown {
    if (this.readOnly && e instanceof Error && /read-only mode/.test(e.message))
      return new StoreError(
        `${this.path}: the trade store is open read-only here; this command writes to it (${e.message.split('\n')[0]})`,
        'read-only',
      );
    return e;
  }

  async transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    if (this.depth > 0) {
      this.depth++;
      try {
        return await fn(this);
      } finally {
        this.depth--;
      }
    }
    await this.connection.run('BEGIN TRANSACTION');
    this.depth = 1;
    try {
      const result = await fn(this);
      await this.connection.run('COMMIT');
      return result;
    } catch (e) {
      try {
        await this.connection.run('ROLLBACK');
      } catch {
        // the transaction may already be aborted; nothing was written either way
      }
      throw e;
    } finally {
      this.depth = 0;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function toDuckParams(params?: Params): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
  if (params === undefined) return undefined;
  if (Array.isArray(params)) return params.map(toDuckValue);
  const out: Record<string, DuckDBValue> = {};
  for (const [k, v] of Object.entries(params)) out[k] = toDuckValue(v);
  return out;
}

function toDuckValue(v: unknown): DuckDBValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint')
    return v;
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

/** A DuckDB row object as `Store.query` returns it (BIGINTs that fit in a double become numbers). */
export function plainRow(r: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(r)) out[k] = plainValue(v);
  return out;
}

function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
  if (Array.isArray(v)) return v.map(plainValue);
  return v;
}

/** A migration file `NNN-name.sql`. */
export interface Migration {
  version: number;
  name: string;
  file: string;
}

export function listMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const out: Migration[] = [];
  for (const f of readdirSync(dir)) {
    const m = /^(\d{3})-([a-z0-9-]+)\.sql$/.exec(f);
    if (m) out.push({ version: Number(m[1]), name: m[2], file: join(dir, f) });
  }
  out.sort((a, b) => a.version - b.version);
  for (let i = 1; i < out.length; i++)
    if (out[i].version === out[i - 1].version)
      throw new StoreError(
        `${out[i].file}: migration number ${out[i].version} is used twice (also ${out[i - 1].file}); each NNN must be unique`,
      );
  return out;
}

/**
 * A migration the read-only queries can do without (its first line is
 * `-- readers: optional`): it only adds a column the readers look for first
 * (e.g. 013's `sources.titles`), so a store this user cannot write opens
 * read-only as it is (stale) rather than being refused.
 */
export function readersOptional(m: Migration): boolean {
  return readFileSync(m.file, 'utf8').startsWith('-- readers: optional');
}

/** Whether a table of the store has a column (a column a readers-optional migration adds). */
export async function hasColumn(store: Store, table: string, column: string): Promise<boolean> {
  const rows = await store.query<{ n: number }>(
    'SELECT count(*)::INT AS n FROM information_schema.columns WHERE table_name = $1 AND column_name = $2',
    [table, column],
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/** Applies the migrations not yet recorded in `schema_migrations`, in order, each in one transaction. */
export async function applyMigrations(store: Store, dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  await store.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp)',
  );
  const done = new Set(
    (await store.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
  );
  const applied: Migration[] = [];
  for (const m of listMigrations(dir)) {
    if (done.has(m.version)) continue;
    const sql = readFileSync(m.file, 'utf8');
    try {
      await store.transaction(async (s) => {
        await s.run(sql);
        await s.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      });
    } catch (e) {
      throw new StoreError(`${m.file}: migration failed: ${(e as Error).message.split('\n')[0]}`);
    }
    applied.push(m);
  }
  return applied;
}

function hookVersion(hook: FirstUseHook): string {
  return typeof hook.version === 'function' ? hook.version() : hook.version;
}

async function hookVersions(store: Store): Promise<Map<string, string>> {
  const rows = await store.query<{ id: string; version: string }>('SELECT id, version FROM store_hooks');
  return new Map(rows.map((r) => [r.id, r.version]));
}

/** Runs the first-use hooks whose (id, version) this database has not recorded, in order. Returns the ids that ran. */
export async function runFirstUseHooks(store: Store, hooks: readonly FirstUseHook[]): Promise<string[]> {
  const seen = await hookVersions(store);
  const ran: string[] = [];
  for (const hook of hooks) {
    const version = hookVersion(hook);
    if (seen.get(hook.id) === version) continue;
    try {
      await store.transaction(async (s) => {
        await hook.run(s);
        await s.run(
          'INSERT OR REPLACE INTO store_hooks (id, version, ran_at) VALUES ($1, $2, current_timestamp)',
          [hook.id, version],
        );
      });
    } catch (e) {
      throw new StoreError(`first-use hook "${hook.id}" failed: ${(e as Error).message}`);
    }
    ran.push(hook.id);
  }
  return ran;
}

/** Quotes an SQL identifier. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** An SQL literal for a string, number, boolean or null (for statements that take no parameters, like COPY). */
export function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new StoreError(`cannot write ${v} as an SQL literal`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return `'${String(v).replaceAll("'", "''")}'`;
}
