/**
 * A nesting limit for JSON request bodies, checked on the text before it is
 * parsed: one pass over the characters, counting `[` and `{` outside strings.
 * A body nested deeper than any API shape (the deepest, a scenario, is under
 * ten levels) is refused with a 400 instead of reaching `JSON.parse`, the zod
 * checks and `JSON.stringify`, whose recursion it would overflow.
 */

/** Deepest nesting of arrays and objects a JSON body may have. */
export const MAX_JSON_DEPTH = 64;

/** The error the JSON body parser passes on (answered 400 by the app's error handler). */
export class JsonDepthError extends Error {
  readonly code = 'FST_ERR_JSON_TOO_DEEP';
  readonly statusCode = 400;
  constructor(readonly depth: number) {
    super(`the JSON body is nested more than ${depth} levels deep`);
    this.name = 'JsonDepthError';
  }
}

/** Null when `text` nests at most `max` levels, else the error to answer. */
export function jsonDepthError(text: string, max = MAX_JSON_DEPTH): JsonDepthError | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return new JsonDepthError(max);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return null;
}
