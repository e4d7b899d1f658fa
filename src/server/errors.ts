/**
 * The API's error shape and the conversions into it. Every error a client can
 * cause is answered with `{ error, parameter, message, valid }`: a short code,
 * the request parameter at fault (`date`, `body.from`, `path`), a sentence
 * saying what is wrong, and what would be valid. Nothing else leaves the
 * server: no stack traces, no internal paths.
 */
import { z } from 'zod';
import { describeIssue, pathToField } from '../atlas/load.ts';

export const ApiErrorBody = z
  .object({
    error: z
      .string()
      .describe(
        'short code: bad-request, not-found, unauthorized, read-only, payload-too-large, too-large, timeout, rate-limited, unavailable, internal',
      ),
    parameter: z.string().describe('the request parameter at fault, e.g. "date", "body.from", "path"'),
    message: z.string().describe('what is wrong, in one sentence'),
    valid: z.string().describe('what would be valid'),
  })
  .describe('An error answered by the API');
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** An error answered to the client as it is (status and body). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly parameter: string,
    message: string,
    readonly valid: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): ApiErrorBody {
    return { error: this.code, parameter: this.parameter, message: this.message, valid: this.valid };
  }
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
