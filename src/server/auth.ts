/**
 * Writes (trade imports, scenario uploads) need the API token: the server is
 * read-only unless it was started with a token (`--token-file FILE` or
 * `AMUR_API_TOKEN`), and then a write must carry `Authorization: Bearer TOKEN`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';

const MIN_TOKEN_LENGTH = 16;

/** Reads the API token from a file (first line, trimmed) or returns the env token; undefined = read-only. */
export function readApiToken(tokenFile?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  let token: string | undefined;
  let origin = 'AMUR_API_TOKEN';
  if (tokenFile) {
    origin = tokenFile;
    try {
      token = readFileSync(tokenFile, 'utf8').split(/\r?\n/)[0].trim();
    } catch (e) {
      throw new Error(`--token-file ${tokenFile}: cannot read it (${(e as NodeJS.ErrnoException).code})`);
    }
  } else token = env.AMUR_API_TOKEN?.trim() || undefined;
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new Error(
      `${origin}: the API token is ${token.length} characters long; use at least ${MIN_TOKEN_LENGTH} ` +
        '(e.g. the output of `openssl rand -hex 24`)',
    );
  }
  return token;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** A preHandler that lets a request through only with the right bearer token. */
export function tokenGuard(token: string | undefined) {
  const expected = token === undefined ? undefined : digest(token);
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!expected) {
      throw new ApiError(
        403,
        'read-only',
        'authorization',
        'this server is read-only: writes are enabled only when it is started with an API token',
        'start the server with --token-file FILE or AMUR_API_TOKEN, then send "Authorization: Bearer TOKEN"',
      );
    }
    const header = request.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m || !timingSafeEqual(digest(m[1]), expected)) {
      throw new ApiError(
        401,
        'unauthorized',
        'authorization',
        m ? 'the API token is wrong' : 'this request writes and needs the API token',
        'an "Authorization: Bearer TOKEN" header with the token the server was started with',
      );
    }
  };
}
