/** The audit of a printed table: `GET /trade/audit/:source` (JSON) and its annotated copy (CSV, XLSX). */
import { z } from 'zod';
import { AuditResultSchema } from '../../trade/audit/result-schema.ts';
import { AuditError, auditSource, writeAnnotated } from '../../trade/audit.ts';
import { defineRoute } from '../api.ts';
import { badRequest, notFound } from '../errors.ts';
import { CONTENT_TYPE, sendFile, type TradeRoutes } from './trade-common.ts';
import { AnnotatedQuery, AuditQuery, SourceId } from './trade-params.ts';

function auditFailure(e: unknown, source: string): never {
  if (e instanceof AuditError) {
    if (e.kind === 'not-found')
      throw notFound('source', e.message, 'a source id listed by GET /api/trade/sources');
    throw badRequest(
      'source',
      e.message,
      `a source imported with a spec (e.g. a seed table); "${source}" is not one`,
    );
  }
  throw e;
}

export function registerAuditRoutes({ app, trade, answer }: TradeRoutes): void {
  defineRoute(app, {
    method: 'GET',
    url: '/trade/audit/:source',
    tags: ['trade'],
    summary:
      'Audit of a printed table: its growth rates, totals, shares, text facts, units and scale re-checked',
    params: z.object({ source: SourceId }),
    querystring: AuditQuery,
    // findings by code and params, evidence included, the regions' names (src/trade/audit/result-schema.ts)
    response: AuditResultSchema,
    handler: ({ params, query, request, reply }) =>
      answer(request, reply, (store) =>
        auditSource(store, params.source, { variant: query.variant }).catch((e) =>
          auditFailure(e, params.source),
        ),
      ),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/trade/audit/:source/annotated/:format',
    tags: ['trade'],
    summary: 'The audited table with its findings marked: csv or xlsx (lang: the notes in en, zh or ru)',
    params: z.object({ source: SourceId, format: z.enum(['csv', 'xlsx']) }),
    querystring: AnnotatedQuery,
    produces: [CONTENT_TYPE.csv, CONTENT_TYPE.xlsx],
    handler: ({ params, query, reply }) =>
      trade.use(async (store) => {
        const result = await auditSource(store, params.source, { variant: query.variant }).catch((e) =>
          auditFailure(e, params.source),
        );
        return sendFile(reply, `${params.source}-audit`, params.format, (file) =>
          writeAnnotated(store, result, file, query.lang),
        );
      }),
  });
}
