/**
 * The API's error shape and the conversions into it. Every error a client can
 * cause is answered with `{ error, parameter, message, valid }`: a short code,
 * the request parameter at fault (`date`, `body.from`, `path`), a sentence
 * saying what is wrong, and what would be valid. Nothing else leaves the
 * server: no stack traces, no internal paths.
 */
import { homedir, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { describeIssue, pathToField } from '../atlas/problems.ts';
import { AmurError, type ErrorKind, httpStatusOf, kindOfStatus, validText } from '../errors.ts';

/** Longest message an answer carries: an error never echoes more than a short prefix of the input. */
export const MAX_MESSAGE_CHARS = 600;
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Directories whose names must not reach a client (the repository, the temporary directory, home). */
const PRIVATE_ROOTS = [
  ...new Set([
    REPO_ROOT,
    process.cwd(),
    tmpdir(),
    homedir(),
    '/tmp',
    '/home',
    '/root',
    '/etc',
    '/var',
    '/usr',
    '/proc',
    '/work',
  ]),
]
  .filter((r) => r.length > 1)
  .sort((a, b) => b.length - a.length);
const PRIVATE_PATH = new RegExp(
  `(?:${PRIVATE_ROOTS.map(escapeRegExp).join('|')})(?:/[^\\s"'\`:;,()]*)?`,
  'g',
);

/**
 * A message as it may leave the server: absolute paths under the server's
 * own directories become their last segment, a process id is not named, and
 * the text is cut to a short prefix.
 */
export function publicMessage(text: string, max = MAX_MESSAGE_CHARS): string {
  const scrubbed = text
    .replace(PRIVATE_PATH, (m) => {
      const last = m.replace(/\/+$/, '').split('/').pop();
      return last ? last : '(a server directory)';
    })
    .replace(/\s*\(?PID \d+\)?/gi, '')
    .replace(/\bby user \S+/gi, '');
  return scrubbed.length > max ? `${scrubbed.slice(0, max - 1)}…` : scrubbed;
}

export const ApiErrorBody = z
  .object({
    error: z
      .string()
      .describe(
        'short code: bad-request, not-found, unauthorized, forbidden, read-only, payload-too-large, uri-too-long, headers-too-large, unsupported-media-type, too-large, timeout, busy, rate-limited, unavailable, data-broken, internal',
      ),
    parameter: z.string().describe('the request parameter at fault, e.g. "date", "body.from", "path"'),
    message: z.string().describe('what is wrong, in one sentence'),
    valid: z.string().describe('what would be valid'),
  })
  .describe('An error answered by the API');
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** An error answered to the client as it is (status and body). */
export class ApiError extends AmurError {
  constructor(
    readonly status: number,
    readonly code: string,
    override readonly parameter: string,
    message: string,
    override readonly valid: string,
    /** Seconds after which a retry may succeed (sent as `Retry-After` with a 429 or 503). */
    readonly retryAfterS?: number,
  ) {
    super(kindOfStatus(status), message, { parameter, valid });
    this.name = 'ApiError';
  }

  body(): ApiErrorBody {
    return {
      error: this.code,
      parameter: publicMessage(this.parameter, 120),
      message: publicMessage(this.message),
      valid: publicMessage(this.valid),
    };
  }
}

/** The API's short code of each error kind. */
const CODE_OF_KIND: Record<ErrorKind, string> = {
  input: 'bad-request',
  'not-found': 'not-found',
  'too-large': 'too-large',
  data: 'data-broken',
  unavailable: 'unavailable',
  timeout: 'timeout',
  internal: 'internal',
};

const VALID_OF_KIND: Record<ErrorKind, string> = {
  input: 'see /openapi.json',
  'not-found': 'an id listed by the API',
  'too-large': 'a smaller request (see GET /api/health for the limits)',
  data: 'the server operator fixes the data (`amur atlas validate`, the profile) and restarts the server',
  unavailable: 'retry in a moment',
  timeout: 'a narrower request, or retry later',
  internal: 'retry, or report the request',
};

/**
 * Any library error (an `AmurError`) as the API answers it: the status from
 * its kind (mapped once, in `src/errors.ts`), the parameter it names (with
 * `prefix`, e.g. `body.`), the message without server paths. Data the server
 * itself loads (a broken atlas or profile) is said to be broken, with the
 * first problem; anything else is an internal error whose details stay in
 * the log.
 */
export function fromLibraryError(e: unknown, prefix = ''): ApiError {
  if (e instanceof ApiError) return e;
  if (!(e instanceof AmurError)) {
    return new ApiError(
      500,
      'internal',
      'request',
      'the server failed to answer this request (the error is logged); other requests are unaffected',
      VALID_OF_KIND.internal,
    );
  }
  const status = httpStatusOf(e);
  const named = e.parameter ?? e.field;
  const parameter = named ? (named.startsWith(prefix) ? named : `${prefix}${named}`) : 'request';
  const message =
    e.kind === 'data'
      ? `the server's own data is broken (${e.name}): ${e.message.split('\n').slice(0, 2).join(' ').trim()}`
      : e.message;
  return new ApiError(
    status,
    CODE_OF_KIND[e.kind],
    parameter,
    message,
    (e.kind === 'data' ? undefined : validText(e.valid)) ?? VALID_OF_KIND[e.kind],
    status === 503 ? 5 : undefined,
  );
}

export function badRequest(parameter: string, message: string, valid: string): ApiError {
  return new ApiError(400, 'bad-request', parameter, message, valid);
}

export function notFound(parameter: string, message: string, valid: string): ApiError {
  return new ApiError(404, 'not-found', parameter, message, valid);
}

/** What would be valid, from a zod issue (the part after "valid:" in the answer). */
export function validOf(issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & {
    expected?: string;
    values?: unknown[];
    keys?: string[];
    minimum?: number | bigint;
    maximum?: number | bigint;
    origin?: string;
    format?: string;
  };
  switch (i.code) {
    case 'invalid_type':
      return `a value of type ${i.expected}`;
    case 'invalid_value':
      return `one of ${(i.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return 'only the documented fields (see /openapi.json)';
    case 'too_small':
      return i.origin === 'array'
        ? `at least ${String(i.minimum)} entries`
        : i.origin === 'string'
          ? `at least ${String(i.minimum)} characters`
          : `at least ${String(i.minimum)}`;
    case 'too_big':
      return i.origin === 'array'
        ? `at most ${String(i.maximum)} entries`
        : i.origin === 'string'
          ? `at most ${String(i.maximum)} characters`
          : `at most ${String(i.maximum)}`;
    case 'invalid_format':
    case 'custom':
      return i.message;
    case 'invalid_union':
      return 'one of the shapes documented in /openapi.json';
    default:
      return 'see /openapi.json';
  }
}

/**
 * Turns a zod failure into a 400 naming the parameter. `where` prefixes the
 * path: '' for query and path parameters (they are named as they are), 'body'
 * for the request body.
 */
export function fromZodError(error: z.ZodError, where: '' | 'body'): ApiError {
  const issue = error.issues[0];
  const field = issue.path.length > 0 ? pathToField(issue.path) : '';
  const parameter = where ? (field ? `${where}.${field}` : where) : field || '(query)';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem(s))` : '';
  let problem: string;
  try {
    problem = describeIssue(issue);
  } catch {
    // an input too deep to print (e.g. thousands of nested arrays)
    problem = describeIssue({ ...issue, input: '(a value too deeply nested to show)' } as z.core.$ZodIssue);
  }
  return badRequest(parameter, `${parameter}: ${problem}${more}`, validOf(issue));
}

/** Parses `input` with `schema` or throws a 400 naming the parameter. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, where: '' | 'body'): z.output<S> {
  const r = schema.safeParse(input, { reportInput: true });
  if (!r.success) throw fromZodError(r.error, where);
  return r.data;
}
