/**
 * Atlas endpoints: the records (list and one by id with its sources), the
 * gazetteer search, map layers as GeoJSON, and a crossing's regime on a date.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { atlasToGeoJSON, type ExportKind, GEO_KINDS } from '../../atlas/export.ts';
import { Candidate, SEARCH_KINDS, type SearchKind, searchAtlas } from '../../atlas/gazetteer.ts';
import { getLoadedAtlas } from '../../atlas/load.ts';
import {
  AtlasQueryError,
  findRecord,
  ListedRecord,
  ListFilter,
  listRecords,
  RECORD_LIST_NAMES,
  ShownRecord,
  showRecord,
} from '../../atlas/query.ts';
import { type Atlas, Id, KIND_OF_LIST, type RecordList } from '../../atlas/schema.ts';
import { linkDetail, loadLinkGeometry } from '../../network/link-geometry.ts';
import { defineRoute } from '../api.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { csvEnum, DateParam, todayIso } from '../params.ts';
import { CrossingRegime, RegimeCache } from '../regime.ts';

/** The `{kind}` of `/api/atlas/{kind}`: a record list. */
export const KindParams = z.object({
  kind: z.enum(RECORD_LIST_NAMES).describe(`a record list: ${RECORD_LIST_NAMES.join(', ')}`),
});
export const KindIdParams = KindParams.extend({ id: Id });

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
    'GeoJSON FeatureCollection (RFC 7946); feature properties are the columns of `amur atlas export`; a link also has `geometryKind`: `measured` (drawn along its real line, from OSM railways, Natural Earth rivers or MARNET sea lanes) or `schematic` (straight)',
  );

/** The real lines of the atlas links (data/geometry/links.geojson), once per loaded atlas. */
const linkLines = new WeakMap<Atlas, Map<string, [number, number][]>>();
function linkLinesOf(atlas: Atlas): Map<string, [number, number][]> {
  let lines = linkLines.get(atlas);
  if (!lines) {
    lines = new Map([...linkDetail(atlas, loadLinkGeometry())].map(([id, d]) => [id, d.coords]));
    linkLines.set(atlas, lines);
  }
  return lines;
}

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
      const atlas = ctx.atlas();
      return atlasToGeoJSON(atlas, {
        kinds: query.kinds,
        crossingGeometry: query.crossingGeometry,
        linkLines: linkLinesOf(atlas),
      });
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
    response: z.array(Candidate),
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

  defineRoute(app, {
    method: 'GET',
    url: '/atlas/:kind',
    tags: ['atlas'],
    summary: 'The records of one kind, filtered by country and mode (as `amur atlas list --kind K --json`)',
    params: KindParams,
    querystring: ListFilter,
    response: z.array(ListedRecord),
    handler: ({ params, query }) =>
      listRecords(ctx.atlas(), { kind: KIND_OF_LIST[params.kind], country: query.country, mode: query.mode }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/atlas/:kind/:id',
    tags: ['atlas'],
    summary: 'One record by id with its sources resolved (as `amur atlas show ID --json`)',
    params: KindIdParams,
    response: ShownRecord,
    handler: ({ params }) => {
      const atlas = ctx.atlas();
      try {
        return showRecord(atlas, params.id, {
          kind: KIND_OF_LIST[params.kind],
          byName: false,
          origins: getLoadedAtlas(ctx.atlasDir).origins,
        });
      } catch (e) {
        if (e instanceof AtlasQueryError) throw notFoundOf(params.kind, e);
        throw e;
      }
    },
  });
}

/** The 404 of an id the atlas does not have: names the id and the nearest records. */
function notFoundOf(list: RecordList, e: AtlasQueryError) {
  return notFound(e.parameter, e.message, `${e.valid} (GET /api/atlas/${list} lists them)`);
}

function unknownId(atlas: Atlas, list: RecordList, id: string) {
  try {
    findRecord(atlas, id, { kind: KIND_OF_LIST[list], byName: false });
  } catch (e) {
    if (e instanceof AtlasQueryError) return notFoundOf(list, e);
    throw e;
  }
  return notFound('id', `"${id}" has no regime`, `an id listed by GET /api/atlas/${list}`);
}
