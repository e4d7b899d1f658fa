/**
 * Request parameters shared by several routes. They reuse the atlas's own
 * schemas (`IsoDate`, `Id`) and only add what a request needs (a bounded
 * year, a comma-separated list).
 */
import { z } from 'zod';
import { IsoDate } from '../atlas/schema.ts';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** A calendar date the atlas can answer for: ISO `YYYY-MM-DD`, a real day, years 1900–2100. */
export const DateParam = IsoDate.refine(
  (s) => {
    const y = Number(s.slice(0, 4));
    return y >= MIN_YEAR && y <= MAX_YEAR;
  },
  { message: `a date YYYY-MM-DD in the years ${MIN_YEAR}–${MAX_YEAR}` },
).describe(`ISO date YYYY-MM-DD (years ${MIN_YEAR}–${MAX_YEAR})`);

/** Text from a request: no control characters (they have no business in a name, an id or a code). */
export function text(max: number) {
  return z
    .string()
    .max(max)
    .refine((s) => !/\p{Cc}/u.test(s), 'text without control characters');
}

/** Today, in UTC, as YYYY-MM-DD. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A comma-separated list of values from `allowed` (e.g. `kinds=place,link`). */
export function csvEnum<const T extends readonly [string, ...string[]]>(allowed: T, what: string) {
  return text(500)
    .describe(`comma-separated ${what}: ${allowed.join(', ')}`)
    .transform((s, c) => {
      const out: T[number][] = [];
      for (const raw of s.split(',')) {
        const v = raw.trim();
        if (v === '') continue;
        if (!(allowed as readonly string[]).includes(v)) {
          c.addIssue({
            code: 'custom',
            message: `a comma-separated list of ${allowed.join(', ')}`,
            input: v,
          });
          return z.NEVER;
        }
        if (!out.includes(v)) out.push(v);
      }
      return out;
    });
}
