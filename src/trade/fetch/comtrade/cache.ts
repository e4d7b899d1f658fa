/**
 * The on-disk cache of Comtrade responses: one file per call, named by the
 * sha256 of the call's canonical query (path and sorted parameters, never the
 * key). A response is written only when it is complete and valid, to a
 * temporary file renamed into place, so an interrupted run leaves either the
 * whole response or nothing, and a re-run resumes with the calls not cached.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$AMUR_CACHE_DIR/comtrade`, else `$XDG_CACHE_HOME/amur/comtrade`, else `~/.cache/amur/comtrade`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AMUR_CACHE_DIR) return join(env.AMUR_CACHE_DIR, 'comtrade');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'amur', 'comtrade');
}

export class ResponseCache {
  constructor(readonly dir: string) {}

  /** The file holding the response of the call with this key. */
  file(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  has(key: string): boolean {
    return existsSync(this.file(key));
  }

  read(key: string): string {
    return readFileSync(this.file(key), 'utf8');
  }

  /** Stores a complete response; `canonical` (the query, without key) is kept beside it for people. */
  write(key: string, body: string, canonical: string): void {
    const file = this.file(key);
    mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, body);
    renameSync(tmp, file);
    writeFileSync(join(this.dir, key.slice(0, 2), `${key}.query.txt`), `${canonical}\n`);
  }
}

/**
 * The calls this machine made to the API, one line per call (`ISO time<TAB>tier`),
 * beside the cache: the client counts the calls of the last 24 hours against
 * the tier's calls per day before each call, so a long run stops before the
 * API's quota does, and says when it can go on.
 */
export class CallLedger {
  constructor(readonly dir: string) {}

  private get file(): string {
    return join(this.dir, 'calls.log');
  }

  /** Times (ms) of the calls on `tier` since `since` (ms), oldest first. */
  since(tier: string, since: number): number[] {
    if (!existsSync(this.file)) return [];
    const out: number[] = [];
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      const [at, t] = line.split('\t');
      const ms = Date.parse(at);
      if (t === tier && ms >= since) out.push(ms);
    }
    return out.sort((a, b) => a - b);
  }

  record(tier: string, at = Date.now()): void {
    mkdirSync(this.dir, { recursive: true });
    appendFileSync(this.file, `${new Date(at).toISOString()}\t${tier}\n`);
  }
}
