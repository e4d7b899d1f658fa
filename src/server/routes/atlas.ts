/**
 * Atlas endpoints: the records (list and one by id with its sources), the
 * gazetteer search, map layers as GeoJSON, and a crossing's regime on a date.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { atlasToGeoJSON, type ExportKind, GEO_KINDS } from '../../atlas/export.ts';
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
import { csvEnum, DateParam, todayIso } from '../params.ts';
import { CrossingRegime, RegimeCache } from '../regime.ts';

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
  kinds: csvEnum(SEARCH_KINDS as unknown as [SearchKind, ...SearchKind[]], 'record kinds').optional(),
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

const GeoKinds = GEO_KINDS as unknown as [ExportKind, ...ExportKind[]];

export const GeoJsonQuery = z.object({
  kinds: csvEnum(GeoKinds, 'record kinds').optional(),
  crossingGeometry: z.enum(['point', 'line']).default('point'),
});

export const DateQuery = z.object({
  date: DateParam.optional().describe('the day to resolve (default: today, UTC)'),
});

/** RFC 7946 FeatureCollection (described loosely: properties are the export columns of each kind). */
const FeatureCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.looseObject({ type: z.literal('Feature') })),
  })
  .describe(
    'GeoJSON FeatureCollection (RFC 7946); feature properties are the columns of `amur atlas export`',
  );

export function registerAtlasRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const regimes = new RegimeCache();
  const searches = new Map<string, string>();

  defineRoute(app, {
    method: 'GET',
    url: '/atlas/geojson',
    tags: ['atlas'],
    summary: 'The atlas as GeoJSON, for map layers (one feature per record)',
    querystring: GeoJsonQuery,
    response: FeatureCollectionSchema,
    handler: ({ query, reply }) => {
      reply.header('cache-control', 'no-cache');
      return atlasToGeoJSON(ctx.atlas(), { kinds: query.kinds, crossingGeometry: query.crossingGeometry });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/atlas/crossings/state',
    tags: ['atlas'],
    summary: "Every crossing's regime on a date: each service's state, the next change, and the map look",
    querystring: DateQuery,
    response: z.object({ date: z.string(), crossings: z.array(CrossingRegime) }),
    handler: ({ query }) => {
      const date = query.date ?? todayIso();
      return { date, crossings: regimes.all(ctx.atlas(), date) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/atlas/crossings/:id/state',
    tags: ['atlas'],
    summary: "One crossing's regime on a date: each service's state and next change",
    params: IdParams,
    querystring: DateQuery,
    response: CrossingRegime,
    handler: ({ params, query }) => {
      const atlas = ctx.atlas();
      const date = query.date ?? todayIso();
      const found = regimes.all(atlas, date).find((r) => r.id === params.id);
      if (!found) throw unknownId(atlas, 'crossings', params.id);
      return found;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/search',
    tags: ['atlas'],
    summary: 'Find places, crossings, zones and corridors by any name, in any script',
    querystring: SearchQuery,
    response: z.array(SearchCandidate),
    handler: ({ query, reply }) => {
      // the atlas does not change while the server runs: an answer holds for the same question
      const key = `${query.q}\u0000${query.kinds?.join(',') ?? ''}\u0000${query.limit}`;
      let json = searches.get(key);
      if (json === undefined) {
        json = JSON.stringify(searchAtlas(ctx.atlas(), query.q, { kinds: query.kinds, limit: query.limit }));
        searches.set(key, json);
        if (searches.size > 2000) searches.delete(searches.keys().next().value as string);
      }
      reply.type('application/json; charset=utf-8');
      return json;
    },
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
        if (!record) throw unknownId(atlas, list, params.id);
        return list === 'sources' ? record : { record, sources: sourcesOf(atlas, record) };
      },
    });
  }
}

function unknownId(atlas: Atlas, list: RecordList, id: string) {
  const kind = list.replace(/s$/, '');
  const near =
    list === 'sources'
      ? []
      : searchAtlas(atlas, id, { kinds: [kind as SearchKind], limit: 3, minScore: 0.3 }).map((c) => c.id);
  return notFound(
    'id',
    `no ${kind} with id "${id}"`,
    near.length > 0
      ? `an id listed by GET /api/atlas/${list}, e.g. ${near.join(', ')}`
      : `an id listed by GET /api/atlas/${list}`,
  );
}
