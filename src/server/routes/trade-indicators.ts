/** `GET /trade/indicators` (the list) and `GET /trade/indicators/:name` (one computed). */
import { z } from 'zod';
import { indicatorTexts } from '../../i18n/indicators.ts';
import {
  computeIndicator,
  INDICATORS,
  IndicatorError,
  IndicatorParams,
  listIndicators,
} from '../../trade/indicators/index.ts';
import { CIF_FOB_FACTOR, withFilledFlows } from '../../trade/mirror.ts';
import type { Store } from '../../trade/store.ts';
import { defineRoute } from '../api.ts';
import { badRequest, parseOr400 } from '../errors.ts';
import { plain, resolveRegions, splitList, type TradeRoutes } from './trade-common.ts';
import { fillFactorOf, noteIndicatorFill } from './trade-mirror.ts';
import { IndicatorListQuery, IndicatorName, IndicatorQuery, IndicatorResponse } from './trade-params.ts';

export function registerIndicatorRoutes({ app, answer }: TradeRoutes): void {
  defineRoute(app, {
    method: 'GET',
    url: '/trade/indicators',
    tags: ['trade'],
    summary:
      'The indicators: name, title, definition, unit, what each needs and which parameters it reads (in English); with `lang`, also `texts`: the title, definition, unit and needs in that language',
    querystring: IndicatorListQuery,
    response: z.array(z.record(z.string(), z.unknown())),
    handler: ({ query }) => {
      const list = listIndicators();
      const lang = query.lang;
      return lang ? list.map((d) => ({ ...d, texts: indicatorTexts(d, lang) })) : list;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/trade/indicators/:name',
    tags: ['trade'],
    summary: 'Compute an indicator (as `amur trade indicator NAME --json`)',
    params: z.object({ name: IndicatorName }),
    querystring: IndicatorQuery,
    response: IndicatorResponse,
    handler: ({ params, query, request, reply }) => {
      const factor = fillFactorOf(query);
      if (query.fillMirror === 'true' && params.name === 'mirror')
        throw badRequest(
          'fillMirror',
          'fillMirror does not apply to the mirror indicator (it compares both reports; a filled cell would compare a report with itself)',
          'fillMirror=false, or another indicator',
        );
      return answer(request, reply, async (store) => {
        const p = await indicatorParamsOf(store, params.name, query);
        const compute = () => indicatorOf(store, params.name, p);
        if (query.fillMirror !== 'true') return compute();
        const f = factor ?? CIF_FOB_FACTOR.factor;
        const fill = { mark: 'estimated' as const, factor: f, reporters: p.reporter, partners: p.partner };
        return withFilledFlows(store, fill, async () => noteIndicatorFill(store, await compute(), p, f));
      });
    },
  });
}

/** Computes an indicator; one the data cannot support is a 400 saying what it needs. */
async function indicatorOf(store: Store, name: string, p: IndicatorParams) {
  const def = INDICATORS.find((d) => d.name === name)!;
  try {
    return plain([await computeIndicator(store, name, p)])[0];
  } catch (e) {
    if (e instanceof IndicatorError) {
      throw badRequest('name', e.message, `the data and parameters ${name} needs: ${def.needs}`);
    }
    throw e;
  }
}

/** The library's IndicatorParams from URL parameters (regions resolved); a parameter the indicator does not read is a 400. */
async function indicatorParamsOf(
  store: Store,
  name: string,
  query: z.output<typeof IndicatorQuery>,
): Promise<IndicatorParams> {
  const inRegion = query.in ? await resolveRegions(store, query.in, 'in') : undefined;
  const raw: Record<string, unknown> = {
    reporter: await resolveRegions(store, query.reporter, 'reporter'),
    partner: await resolveRegions(store, query.partner, 'partner'),
    year: query.year,
    from: query.from,
    to: query.to,
    flow: query.flow,
    commodity: splitList(query.commodity),
    level: query.level,
    source: splitList(query.source),
    variant: query.variant,
    of: query.of,
    in: inRegion?.[0],
    by: query.by,
    period: query.period,
    method: query.method,
  };
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  const p = parseOr400(IndicatorParams, raw, '');
  const def = INDICATORS.find((d) => d.name === name)!;
  const unread = Object.keys(p).filter((k) => !(def.params as string[]).includes(k));
  if (unread.length > 0) {
    throw badRequest(
      unread[0],
      `${name} does not read the parameter ${unread[0]}`,
      `the parameters of ${name}: ${def.params.join(', ') || '(none)'}`,
    );
  }
  return p;
}
