/**
 * Scenario endpoints: the list (shipped and uploaded), one scenario with what
 * it changes, the diff of two over the shipped OD pairs (as `amur scenario
 * diff A B --json`), and, with the API token, uploads. Applying, compiling
 * and diffing run in the compute pool with a deadline.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id } from '../../atlas/schema.ts';
import { Metric } from '../../routing/schema.ts';
import { DEFAULT_DIFF_DATES } from '../../scenarios/default-dates.ts';
import { ScenarioDiff } from '../../scenarios/diff-schema.ts';
import { DEFAULT_SCENARIO_DIR, listScenarios, loadScenario, ScenarioError } from '../../scenarios/load.ts';
import { inLanguages, Scenario } from '../../scenarios/schema.ts';
import { defineRoute, type PreHandler } from '../api.ts';
import { ComputeError, type ScenarioRef } from '../compute.ts';
import type { ServerContext } from '../context.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { DateParam } from '../params.ts';

/** The OD pairs the shipped scenarios are compared over. */
export const DEFAULT_PAIRS_FILE = resolve(
  fileURLToPath(new URL('../../../data/demand/od-pairs.yaml', import.meta.url)),
);
const MAX_UPLOADS = 50;
/** Longest scenario id: an id names a file, and a file name has a bounded length. */
export const MAX_SCENARIO_ID = 100;
/** A scenario id: an atlas-style id of at most MAX_SCENARIO_ID characters. */
const ScenarioId = z.string().max(MAX_SCENARIO_ID).pipe(Id);
const MAX_DATES = 12;

const InLanguages = z.object({ en: z.string(), zh: z.string().optional(), ru: z.string().optional() });

export const ScenarioSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** `name` by language: `en` always, `zh`/`ru` when the file translates it. */
  names: InLanguages,
  /** `description` by language, as `names`. */
  descriptions: InLanguages,
  extends: z.string().optional(),
  modifications: z.number().int(),
  uploaded: z.boolean(),
});

export const DiffQuery = z
  .object({
    a: ScenarioId.describe('the scenario before (e.g. before-bridges)'),
    b: ScenarioId.describe('the scenario after (e.g. current)'),
    date: z
      .string()
      .max(200)
      .optional()
      .describe(
        `departure dates, comma-separated YYYY-MM-DD (default ${DEFAULT_DIFF_DATES.join(',')}; at most ${MAX_DATES})`,
      )
      .transform((s, c) => {
        const dates = (s ?? DEFAULT_DIFF_DATES.join(','))
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean);
        if (dates.length === 0 || dates.length > MAX_DATES) {
          c.addIssue({
            code: 'custom',
            message: `1 to ${MAX_DATES} dates YYYY-MM-DD, comma-separated`,
            input: s,
          });
          return z.NEVER;
        }
        for (const d of dates) {
          if (!DateParam.safeParse(d).success) {
            c.addIssue({
              code: 'custom',
              message: 'dates YYYY-MM-DD (real days, years 1900–2100), comma-separated',
              input: d,
            });
            return z.NEVER;
          }
        }
        return dates;
      }),
    months: z
      .enum(['true', 'false'])
      .optional()
      .describe('the 15th of every month of `year` instead of `date`'),
    year: z.coerce.number().pipe(z.number().int().min(1990).max(2100)).optional(),
    optimize: Metric.default('cost'),
  })
  .strict();

/** The scenarios this server knows: the shipped ones (read once) and the uploads (kept while it runs). */
interface ScenarioRegistry {
  shipped: () => ReturnType<typeof listScenarios>;
  /** What GET /api/scenarios lists of each upload, computed once when it is uploaded (never re-parsed per request). */
  uploadSummaries: Map<string, z.output<typeof ScenarioSummary>>;
  /** A scenario named by a request, for the compute pool; 404 when there is none of that id. */
  ref: (id: string, parameter: string) => ScenarioRef;
  /** Keeps an uploaded scenario (checked by the library's loader) and answers its summary. */
  upload: (body: z.output<typeof Scenario>) => z.output<typeof ScenarioSummary>;
}

function scenarioRegistry(ctx: ServerContext): ScenarioRegistry {
  const uploads = new Map<string, string>();
  const uploadSummaries = new Map<string, z.output<typeof ScenarioSummary>>();
  let uploadDir: string | null = null;
  ctx.onClose(() => {
    if (uploadDir) rmSync(uploadDir, { recursive: true, force: true });
  });

  // the shipped scenarios do not change while the server runs
  let shippedList: ReturnType<typeof listScenarios> | null = null;
  const shipped = () => {
    shippedList ??= listScenarios(DEFAULT_SCENARIO_DIR);
    return shippedList;
  };
  const ref = (id: string, parameter: string): ScenarioRef => {
    if (uploads.has(id)) return { id, file: uploads.get(id) };
    if (shipped().some((s) => s.id === id)) return { id };
    throw notFound(
      parameter,
      `no scenario "${id}"`,
      `one of ${[...shipped().map((s) => s.id), ...uploads.keys()].join(', ')}`,
    );
  };
  const upload = (body: z.output<typeof Scenario>) => {
    const id = body.id;
    if (!id)
      throw badRequest(
        'body.id',
        'an uploaded scenario needs an id',
        'a lowercase kebab-case id, e.g. "my-new-bridge"',
      );
    if (id.length > MAX_SCENARIO_ID)
      throw badRequest(
        'body.id',
        `the id is ${id.length} characters long`,
        `a lowercase kebab-case id of at most ${MAX_SCENARIO_ID} characters`,
      );
    if (shipped().some((s) => s.id === id))
      throw badRequest('body.id', `"${id}" is a shipped scenario`, 'an id no shipped scenario has');
    if (!uploads.has(id) && uploads.size >= MAX_UPLOADS)
      throw new ApiError(
        422,
        'too-large',
        'body',
        `this server keeps at most ${MAX_UPLOADS} uploaded scenarios`,
        'restart the server to clear them',
      );
    uploadDir ??= mkdtempSync(join(tmpdir(), 'amur-scenarios-'));
    const file = join(uploadDir, `${id}.yaml`);
    writeFileSync(file, JSON.stringify(body, null, 2));
    let s: ReturnType<typeof loadScenario>;
    try {
      s = loadScenario(file, DEFAULT_SCENARIO_DIR);
    } catch (e) {
      rmSync(file, { force: true });
      if (e instanceof ScenarioError)
        throw badRequest(
          'body',
          e.message.replaceAll(file, `${id}.yaml`),
          'a valid scenario (see data/scenarios/*.yaml)',
        );
      throw e;
    }
    uploads.set(id, file);
    const summary = {
      id,
      name: s.name,
      description: s.description,
      names: inLanguages(s.name, s.names),
      descriptions: inLanguages(s.description, s.descriptions),
      ...(s.extends ? { extends: s.extends } : {}),
      modifications: s.modifications.length,
      uploaded: true,
    };
    uploadSummaries.set(id, summary);
    return summary;
  };
  return { shipped, uploadSummaries, ref, upload };
}

/** A failure of a scenario computation as the API answers it. */
function failure(e: unknown): never {
  if (e instanceof ComputeError && e.detail.name === 'ScenarioError') {
    throw badRequest(
      'scenario',
      e.detail.message,
      'a scenario that applies to the atlas (see GET /api/scenarios/ID)',
    );
  }
  if (e instanceof ComputeError) {
    throw new ApiError(
      500,
      'internal',
      'request',
      'the scenario could not be computed (the error is logged)',
      'retry, or report it',
    );
  }
  throw e;
}

export function registerScenarioRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  requireToken: PreHandler,
): void {
  const scenarios = scenarioRegistry(ctx);
  registerReadRoutes(app, ctx, scenarios);
  registerUploadRoute(app, scenarios, requireToken);
}

/** `GET /scenarios`, `GET /scenarios/diff`, `GET /scenarios/:id`. */
function registerReadRoutes(app: FastifyInstance, ctx: ServerContext, scenarios: ScenarioRegistry): void {
  const { ref } = scenarios;
  defineRoute(app, {
    method: 'GET',
    url: '/scenarios',
    tags: ['scenarios'],
    summary: 'The scenarios: shipped, and uploaded to this server',
    response: z.array(ScenarioSummary),
    handler: () => [
      ...scenarios.shipped().map((s) => ({ ...s, uploaded: false })),
      ...scenarios.uploadSummaries.values(),
    ],
  });

  defineRoute(app, {
    method: 'GET',
    url: '/scenarios/diff',
    tags: ['scenarios'],
    summary:
      'What changes from scenario a to b over the shipped OD pairs (as `amur scenario diff A B --json`)',
    querystring: DiffQuery,
    response: ScenarioDiff,
    handler: async ({ query, reply }) => {
      const dates =
        query.months === 'true'
          ? Array.from({ length: 12 }, (_, i) => `${query.year ?? 2024}-${String(i + 1).padStart(2, '0')}-15`)
          : query.date;
      try {
        const { json } = await ctx.compute().run(
          {
            kind: 'scenario-diff',
            a: ref(query.a, 'a'),
            b: ref(query.b, 'b'),
            dates,
            optimize: query.optimize,
            pairsFile: DEFAULT_PAIRS_FILE,
          },
          // a diff routes every pair on every date in both scenarios
          ctx.limits.computeMs * 3,
          ctx.deadline(reply),
        );
        reply.type('application/json; charset=utf-8');
        return json;
      } catch (e) {
        return failure(e);
      }
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/scenarios/:id',
    tags: ['scenarios'],
    summary:
      'One scenario: description, sources, modifications and what they change (as `amur scenario show --json`)',
    params: z.object({ id: ScenarioId }),
    response: z.record(z.string(), z.unknown()),
    handler: async ({ params, reply }) => {
      try {
        const { json } = await ctx
          .compute()
          .run(
            { kind: 'scenario-show', scenario: ref(params.id, 'id') },
            ctx.limits.computeMs,
            ctx.deadline(reply),
          );
        reply.type('application/json; charset=utf-8');
        return json;
      } catch (e) {
        return failure(e);
      }
    },
  });
}

/** `POST /scenarios` (needs the API token). */
function registerUploadRoute(
  app: FastifyInstance,
  scenarios: ScenarioRegistry,
  requireToken: PreHandler,
): void {
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/scenarios',
      tags: ['scenarios'],
      summary: 'Upload a scenario (needs the API token); it lasts as long as this server runs',
      description:
        'The body is a scenario (the YAML file format, as JSON) with an `id` that no shipped scenario has.',
      body: Scenario,
      response: ScenarioSummary,
      write: true,
      handler: ({ body }) => scenarios.upload(body),
    },
    requireToken,
  );
}
