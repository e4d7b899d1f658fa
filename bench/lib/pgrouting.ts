/**
 * pgRouting as a benchmark peer: a throw-away PostgreSQL cluster started by the
 * benchmark itself on loopback (initdb into a temporary directory, `pg_ctl
 * start` with its own port and socket directory, as the `postgres` user when we
 * run as root), the graph loaded with COPY, the queries timed inside the server
 * with `clock_timestamp()` around each call in a PL/pgSQL loop, and the
 * cluster stopped and removed at the end.
 *
 * Needs PostgreSQL and pgRouting from Debian's packages
 * (`apt-get install -y postgresql postgresql-15-pgrouting`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Directory of the PostgreSQL server binaries (initdb, pg_ctl), or why none was found. */
export function findPostgresBin(): { dir: string } | { missing: string } {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return { dir: join(root, versions[0], 'bin') };
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return { dir: join(which.stdout.trim(), '..') };
  return { missing: 'PostgreSQL server binaries not found (apt-get install -y postgresql)' };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export class TempPostgres {
  private constructor(
    readonly bin: string,
    readonly dir: string,
    readonly port: number,
    private readonly asPostgres: boolean,
  ) {}

  /** initdb + start. Throws with the server log when it cannot start. */
  static async start(): Promise<TempPostgres> {
    const found = findPostgresBin();
    if ('missing' in found) throw new Error(found.missing);
    const asPostgres = process.getuid?.() === 0;
    const dir = mkdtempSync(join(tmpdir(), 'amur-pg-'));
    chmodSync(dir, 0o777);
    const port = await freePort();
    const pg = new TempPostgres(found.dir, dir, port, asPostgres);
    try {
      pg.server('initdb', [
        '-D',
        join(dir, 'data'),
        '--auth=trust',
        '-U',
        'postgres',
        '-E',
        'UTF8',
        '--no-sync',
      ]);
      pg.server('pg_ctl', [
        '-D',
        join(dir, 'data'),
        '-l',
        join(dir, 'server.log'),
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB`,
        '-w',
        'start',
      ]);
    } catch (e) {
      const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`${(e as Error).message}\n${log}`);
    }
    return pg;
  }

  private server(tool: string, args: string[]): void {
    const exe = join(this.bin, tool);
    const [cmd, argv] = this.asPostgres ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: this.dir });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
  }

  /** Runs SQL through psql; returns its unaligned, tuples-only output. */
  sql(text: string): string {
    const file = join(this.dir, `q${Date.now()}-${Math.random().toString(36).slice(2)}.sql`);
    writeFileSync(file, text);
    chmodSync(file, 0o644);
    try {
      return execFileSync(
        join(this.bin, 'psql'),
        [
          '-h',
          this.dir,
          '-p',
          String(this.port),
          '-U',
          'postgres',
          '-d',
          'postgres',
          '-X',
          '-q',
          '-A',
          '-t',
          '-v',
          'ON_ERROR_STOP=1',
          '-f',
          file,
        ],
        { encoding: 'utf8', maxBuffer: 1 << 28 },
      );
    } finally {
      rmSync(file, { force: true });
    }
  }

  /** Writes `content` to a file the server can read (for COPY … FROM). */
  writeFile(name: string, content: string): string {
    const file = join(this.dir, name);
    writeFileSync(file, content);
    chmodSync(file, 0o644);
    return file;
  }

  /** Stops the server and deletes the cluster. */
  stop(): void {
    try {
      this.server('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/**
 * SQL giving the peak resident memory (VmHWM, kB) of the current backend,
 * read by the server itself from /proc (superuser); NULL where unavailable.
 */
export const BACKEND_PEAK_RSS_KB_SQL =
  "SELECT substring(pg_read_file('/proc/self/status') FROM 'VmHWM:\\s+(\\d+) kB')::bigint";
