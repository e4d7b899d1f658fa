/**
 * Atlas endpoints: the records (list and one by id with its sources), the
 * gazetteer search, map layers as GeoJSON, and a crossing's regime on a date.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SEARCH_KINDS, type SearchKind, searchAtlas } from '../../atlas/gazetteer.ts';
import {
  type Atlas,
  Corridor,
  Crossing,
  Id,
  Link,
  Place,
  type RecordList,
  Source,
  Zone,
} from '../../atlas/schema.ts';
import { defineRoute } from '../api.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../errors.ts';

const LISTS = [
  'places',
  'crossings',
  'links',
  'zones',
  'corridors',
  'sources',
] as const satisfies RecordList[];
const RECORD_SCHEMA = {
  places: Place,
  crossings: Crossing,
  links: Link,
  zones: Zone,
  corridors: Corridor,
  sources: Source,
} as const;

export const IdParams = z.object({ id: Id });

export const SearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('a name in any script, pinyin, a transliteration or a UN/LOCODE'),
  kinds: z
    .string()
    .optional()
    .describe(`comma-separated record kinds among ${SEARCH_KINDS.join(', ')}`)
    .transform((s, c) => {
      if (s === undefined || s === '') return undefined;
      const out: SearchKind[] = [];
      for (const k of s.split(',').map((x) => x.trim())) {
        if (!(SEARCH_KINDS as readonly string[]).includes(k)) {
          c.addIssue({
            code: 'custom',
            message: `a comma-separated list of ${SEARCH_KINDS.join(', ')}`,
            input: k,
          });
          return z.NEVER;
        }
        out.push(k as SearchKind);
      }
      return out;
    }),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** A gazetteer candidate (the shape of `searchAtlas`'s `Candidate`). */
export const SearchCandidate = z.object({
  id: z.string(),
  kind: z.enum(SEARCH_KINDS as unknown as [SearchKind, ...SearchKind[]]),
  names: z.object({ en: z.string(), zh: z.string(), ru: z.string() }),
  score: z.number().describe('0…1, higher is better'),
  match: z.string().describe('how it matched: id, exact, part, side, prefix, tokens, substring, fuzzy'),
  matched: z.string().describe('what matched, e.g. names.ru "Благовещенск"'),
});

function sourcesOf(atlas: Atlas, record: unknown): Source[] {
  const ids = new Set<string>();
  const walk = (v: unknown, key?: string): void => {
    if (Array.isArray(v)) {
      if ((key === 'sources' || key === 'coordsSources') && v.every((x) => typeof x === 'string'))
        for (const id of v) ids.add(id as string);
      else for (const x of v) walk(x);
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(record);
  return atlas.sources.filter((s) => ids.has(s.id));
}

export function registerAtlasRoutes(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/search',
    tags: ['atlas'],
    summary: 'Find places, crossings, zones and corridors by any name, in any script',
    querystring: SearchQuery,
    response: z.array(SearchCandidate),
    handler: ({ query }) => searchAtlas(ctx.atlas(), query.q, { kinds: query.kinds, limit: query.limit }),
  });

  for (const list of LISTS) {
    const schema = RECORD_SCHEMA[list];
    defineRoute(app, {
      method: 'GET',
      url: `/atlas/${list}`,
      tags: ['atlas'],
      summary: `All ${list} of the atlas`,
      response: z.array(schema),
      handler: () => ctx.atlas()[list],
    });
    defineRoute(app, {
      method: 'GET',
      url: `/atlas/${list}/:id`,
      tags: ['atlas'],
      summary: `One ${list.replace(/s$/, '')} by id, with its sources resolved`,
      params: IdParams,
      response: list === 'sources' ? schema : z.object({ record: schema, sources: z.array(Source) }),
      handler: ({ params }) => {
        const atlas = ctx.atlas();
        const record = (atlas[list] as { id: string }[]).find((r) => r.id === params.id);
        if (!record) {
          const near = searchAtlas(atlas, params.id, { limit: 3 }).map((c) => c.id);
          throw notFound(
            'id',
            `no ${list.replace(/s$/, '')} with id "${params.id}"`,
            near.length > 0
              ? `an id listed by GET /api/atlas/${list}, e.g. ${near.join(', ')}`
              : `an id listed by GET /api/atlas/${list}`,
          );
        }
        return list === 'sources' ? record : { record, sources: sourcesOf(atlas, record) };
      },
    });
  }
}
