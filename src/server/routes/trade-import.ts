/** `POST /trade/import` (needs the API token): a Comtrade or BACI file sent as the body. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportError, ImportFileError } from '../../trade/importers/common.ts';
import { importFile } from '../../trade/importers/index.ts';
import { defineRoute, type PreHandler } from '../api.ts';
import { badRequest } from '../errors.ts';
import type { TradeRoutes } from './trade-common.ts';
import { ImportQuery } from './trade-params.ts';

const IMPORT_BODY_BYTES = 64 * 1024 * 1024;

/** The body as bytes, whatever parser read it. */
function bodyBytes(body: unknown): Buffer {
  return Buffer.isBuffer(body)
    ? body
    : typeof body === 'string'
      ? Buffer.from(body)
      : body !== undefined
        ? Buffer.from(JSON.stringify(body))
        : Buffer.alloc(0);
}

export function registerImportRoute({ app, ctx, trade }: TradeRoutes, requireToken: PreHandler): void {
  app.addContentTypeParser(
    [
      'text/csv',
      'application/octet-stream',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_BYTES },
    (_request, body, done) => done(null, body),
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/trade/import',
      tags: ['trade'],
      summary: 'Import a Comtrade (JSON/CSV) or BACI file sent as the request body (needs the API token)',
      description:
        'Send the file as the body (Content-Type text/csv, application/json or application/octet-stream) and its name in `name`. The import is one transaction: a bad row stops it and nothing is written (unless skipBad=true).',
      querystring: ImportQuery,
      write: true,
      bodyLimit: IMPORT_BODY_BYTES,
      handler: async ({ query, request }) => {
        const bytes = bodyBytes(request.body);
        if (bytes.length === 0)
          throw badRequest('body', 'the request body is empty', 'the file to import as the body');
        const dir = await mkdtemp(join(tmpdir(), 'amur-import-'));
        const file = join(dir, query.name);
        try {
          await writeFile(file, bytes);
          return await trade.write(
            (store) =>
              importFile(store, file, {
                format: query.format,
                skipBad: query.skipBad === 'true',
                mirror: query.mirror === 'true',
                reportFile: join(dir, 'skipped.csv'),
                ...(query.title ? { source: { title: query.title } } : {}),
              }),
            // an import may take longer than a query: the whole of requestMs from when its body arrived
            Date.now() + ctx.limits.requestMs,
          );
        } catch (e) {
          if (e instanceof ImportError) {
            throw badRequest('body', e.message.replace(file, query.name), e.valid);
          }
          if (e instanceof ImportFileError) {
            throw badRequest(
              'body',
              e.message.replace(file, query.name),
              'a Comtrade or BACI file (JSON or CSV)',
            );
          }
          throw e;
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    },
    requireToken,
  );
}
