/**
 * Calls to the Amur API (same origin). A failed call throws an `ApiFailure`
 * carrying the server's `{ error, parameter, message, valid }`, so a view can
 * say what was wrong and keep the user's form as it was.
 */
import type { ApiErrorBody } from '../../src/server/errors.ts';

export type { ApiErrorBody };

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiFailure';
  }
}

function isErrorBody(x: unknown): x is ApiErrorBody {
  return typeof x === 'object' && x !== null && 'message' in x && 'error' in x;
}

async function failure(res: Response): Promise<ApiFailure> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (isErrorBody(body)) return new ApiFailure(res.status, body);
  return new ApiFailure(res.status, {
    error: 'http',
    parameter: 'request',
    message: `the server answered ${res.status} ${res.statusText}`,
    valid: 'retry later',
  });
}

async function call(path: string, init?: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiFailure(0, {
      error: 'network',
      parameter: 'request',
      message: 'the Amur server cannot be reached',
      valid: 'check that `amur serve` is running, then retry',
    });
  }
  if (!res.ok) throw await failure(res);
  return res;
}

export async function getJson<T>(
  path: string,
  params?: Record<string, string | number | undefined>,
): Promise<T> {
  const res = await call(withQuery(path, params));
  return (await res.json()) as T;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}

export function withQuery(path: string, params?: Record<string, string | number | undefined>): string {
  if (!params) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
