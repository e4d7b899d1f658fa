/**
 * One Comtrade+ call over HTTP, with the retries a long run needs: HTTP 429
 * waits for `Retry-After` (or the "Try again in N seconds" of the message),
 * 5xx, network errors and truncated or unparsable bodies back off
 * exponentially; a refused key, an exhausted daily quota or a bad request stop
 * at once with the API's message. The subscription key travels in the
 * `Ocp-Apim-Subscription-Key` header and is masked in every message.
 */
import { AmurError } from '../../../errors.ts';
import type { ComtradeCall } from './plan.ts';

export interface ClientOptions {
  /** e.g. `https://comtradeapi.un.org` (tests: a local server) */
  baseUrl: string;
  /** the subscription key; none for the preview endpoint */
  key?: string;
  /** pause between two calls (ms) */
  minIntervalMs: number;
  /** retries after the first attempt of a call (default 5) */
  maxRetries?: number;
  /** first back-off wait (ms), doubled on each retry (default 2000) */
  backoffBaseMs?: number;
  /** longest wait the client accepts from a Retry-After (ms, default 10 minutes) */
  maxWaitMs?: number;
  /** per-attempt timeout (ms, default 120 s) */
  timeoutMs?: number;
  /** waits (tests replace it to avoid real sleeping) */
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (e: RetryEvent) => void;
}

export interface RetryEvent {
  call: ComtradeCall;
  attempt: number;
  reason: string;
  waitMs: number;
}

/** A call that failed for good. `kind` says why; the message names the call and never the key. */
export class ComtradeCallError extends AmurError {
  constructor(
    message: string,
    /** `key` refused, daily `quota` used up, bad `request`, `retries` exhausted, response possibly `cut` */
    readonly reason: 'key' | 'quota' | 'request' | 'retries' | 'cut',
    readonly status?: number,
  ) {
    super(
      reason === 'quota' || reason === 'retries' ? 'unavailable' : reason === 'cut' ? 'too-large' : 'input',
      message,
    );
    this.name = 'ComtradeCallError';
  }
}

/** A parsed, complete response. */
export interface ComtradeResponse {
  body: string;
  records: number;
  attempts: number;
}

const sleepReal = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Replaces the key wherever it appears. */
export function maskKey(text: string, key: string | undefined): string {
  return key ? text.split(key).join('***') : text;
}

/** Seconds to wait from a Retry-After header (seconds or HTTP date) or an APIM message. */
export function retryAfterMs(header: string | null, message: string, now = Date.now()): number | null {
  if (header) {
    const s = Number(header);
    if (Number.isFinite(s) && s >= 0) return s * 1000;
    const t = Date.parse(header);
    if (!Number.isNaN(t)) return Math.max(0, t - now);
  }
  const m = /try again in (\d+) seconds?/i.exec(message);
  return m ? Number(m[1]) * 1000 : null;
}

/** The message of an error body: APIM `{ statusCode, message }`, Comtrade `{ error }` or text. */
function errorMessage(body: string): string {
  try {
    const j = JSON.parse(body) as Record<string, unknown>;
    for (const k of ['message', 'error', 'errorMessage'])
      if (typeof j[k] === 'string' && j[k]) return String(j[k]);
    const eo = j.errorObject as Record<string, unknown> | undefined;
    if (eo && typeof eo.errorMessage === 'string') return eo.errorMessage;
  } catch {
    // not JSON
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** Paces calls: at most one per `minIntervalMs`. */
export class Pacer {
  private last = 0;
  constructor(
    private readonly minIntervalMs: number,
    private readonly sleep: (ms: number) => Promise<void> = sleepReal,
  ) {}
  async wait(): Promise<void> {
    const due = this.last + this.minIntervalMs - Date.now();
    if (this.last > 0 && due > 0) await this.sleep(due);
    this.last = Date.now();
  }
}

/** Performs one call with retries. Resolves with a complete response or throws `ComtradeCallError`. */
export async function performCall(
  call: ComtradeCall,
  opts: ClientOptions,
  pacer: Pacer,
): Promise<ComtradeResponse> {
  const sleep = opts.sleep ?? sleepReal;
  const maxRetries = opts.maxRetries ?? 5;
  const base = opts.backoffBaseMs ?? 2000;
  const maxWait = opts.maxWaitMs ?? 600_000;
  const url = `${opts.baseUrl.replace(/\/+$/, '')}${call.canonical}`;
  const where = `call ${call.index} (${call.label})`;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.key) headers['Ocp-Apim-Subscription-Key'] = opts.key;

  for (let attempt = 1; ; attempt++) {
    await pacer.wait();
    let status = 0;
    let body = '';
    let transient: string | null = null;
    let wait: number | null = null;
    try {
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(opts.timeoutMs ?? 120_000) });
      status = res.status;
      body = await res.text();
      if (status === 429) {
        const msg = errorMessage(body);
        transient = `HTTP 429 ${msg}`;
        wait = retryAfterMs(res.headers.get('retry-after'), msg);
      } else if (status >= 500) transient = `HTTP ${status} ${errorMessage(body)}`.trim();
      else if (status === 401 || (status === 403 && !/quota/i.test(body)))
        throw new ComtradeCallError(
          `${where}: the API refused the subscription key (HTTP ${status}: ${maskKey(errorMessage(body), opts.key)}); check --key-file or $COMTRADE_API_KEY`,
          'key',
          status,
        );
      else if (status === 403)
        throw new ComtradeCallError(
          `${where}: the daily call quota is used up (HTTP 403: ${maskKey(errorMessage(body), opts.key)}); the calls made so far are cached, run the same command again when the quota is replenished`,
          'quota',
          status,
        );
      else if (status !== 200)
        throw new ComtradeCallError(
          `${where}: the API rejected the request (HTTP ${status}: ${maskKey(errorMessage(body), opts.key)})`,
          'request',
          status,
        );
    } catch (e) {
      if (e instanceof ComtradeCallError) throw e;
      transient = `network error: ${maskKey((e as Error).message, opts.key)}${(e as { cause?: Error }).cause ? ` (${maskKey(String((e as { cause?: Error }).cause?.message), opts.key)})` : ''}`;
    }
    if (transient === null) {
      // HTTP 200: the body must be a whole JSON document with a data array.
      let doc: { data?: unknown; error?: unknown; count?: unknown } | null = null;
      try {
        doc = JSON.parse(body);
      } catch {
        transient = `incomplete or malformed JSON body (${body.length} bytes)`;
      }
      if (doc !== null) {
        if (typeof doc.error === 'string' && doc.error.trim() !== '')
          throw new ComtradeCallError(
            `${where}: the API answered with an error: ${maskKey(doc.error, opts.key)}`,
            'request',
          );
        if (!Array.isArray(doc.data)) transient = 'the body has no "data" array';
        else {
          const records = doc.data.length;
          const limit = Number(call.params.maxRecords);
          if (records >= limit)
            throw new ComtradeCallError(
              `${where}: returned ${records} records, the most one call may return, so the data may be cut; narrow the query (fewer periods, partners or a coarser --hs) or use a tier with more records per call`,
              'cut',
            );
          return { body, records, attempts: attempt };
        }
      }
    }
    if (attempt > maxRetries)
      throw new ComtradeCallError(
        `${where}: gave up after ${attempt} attempts; last: ${transient}. The calls made so far are cached: run the same command again to resume`,
        'retries',
        status || undefined,
      );
    const backoff = base * 2 ** (attempt - 1);
    const ms = Math.min(maxWait, wait ?? backoff);
    opts.onRetry?.({ call, attempt, reason: transient ?? 'unknown', waitMs: ms });
    await sleep(ms);
  }
}
