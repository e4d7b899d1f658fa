/**
 * Golden chart options: for each chart kind on the seed tables, the chart's
 * data (`chartSpec`) and the ECharts option it is drawn from (`chartOption`,
 * as JSON: formatter functions are not part of it), in
 * `src/trade/charts/golden/<name>.json`. The rendered SVGs are kept as file
 * snapshots by `charts.test.ts`. Regenerate with
 * `AMUR_UPDATE_GOLDEN=1 npx vitest run src/trade/charts/options.golden.test.ts`
 * and review the diff.
 *
 * The filled charts (`fillMirror`): Russia's reports to Comtrade end in 2021,
 * China's mirror reports fill 2022–2023 (recorded Comtrade responses); each
 * golden shows the mirror flags in the spec, the hollow/dashed styles in the
 * option and the subtitle line that counts the mirror values.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectGolden } from '../../../test/golden.ts';
import { openTradeStore } from '../first-use.ts';
import { importFile } from '../importers/index.ts';
import type { Store } from '../store.ts';
import { type ChartKind, type ChartParams, chartOption, chartSpec } from './index.ts';

let store: Store;
beforeAll(async () => {
  store = await openTradeStore(':memory:');
});
afterAll(() => store?.close());

/** The charts of `charts.test.ts`, by golden file name. */
const CHARTS: Record<string, [ChartKind, ChartParams]> = {
  'line-heilongjiang-zh': ['line', { reporter: ['CN-HL'], lang: 'zh' }],
  'line-heilongjiang-as-printed-en': ['line', { reporter: ['CN-HL'], variant: 'as-printed' }],
  'bar-heihe-ru': ['bar', { reporter: ['CN-HL-HEIHE'], lang: 'ru' }],
  'area-heilongjiang-en': ['area', { reporter: ['CN-HL'] }],
  'treemap-heihe-exports-en': ['treemap', { reporter: ['CN-HL-HEIHE'], flow: ['export'] }],
  'sankey-heihe-zh': ['sankey', { reporter: ['CN-HL-HEIHE'], lang: 'zh' }],
};

describe('chart data and ECharts options on the seed tables (golden)', () => {
  for (const [name, [kind, params]] of Object.entries(CHARTS))
    it(name, async () => {
      const spec = await chartSpec(store, kind, params);
      expectGolden(new URL(`./golden/${name}.json`, import.meta.url), { spec, option: chartOption(spec) });
    });
});

const FILLED: Record<string, [ChartKind, ChartParams]> = {
  'line-russia-china-filled-en': ['line', { reporter: ['RUS'], partner: ['CHN'], fillMirror: true }],
  'bar-russia-china-filled-ru': [
    'bar',
    { reporter: ['RUS'], partner: ['CHN'], lang: 'ru', fillMirror: true },
  ],
  'area-russia-china-filled-zh': [
    'area',
    { reporter: ['RUS'], partner: ['CHN'], lang: 'zh', fillMirror: true },
  ],
  'treemap-russia-filled-en': ['treemap', { reporter: ['RUS'], flow: ['export'], fillMirror: true }],
  'sankey-russia-filled-en': ['sankey', { reporter: ['RUS'], fillMirror: true, cifFob: 1.1 }],
};

describe("charts of a series filled with partners' mirror reports (golden)", () => {
  let filled: Store;
  beforeAll(async () => {
    filled = await openTradeStore(':memory:');
    for (const f of ['chn-rus-total-2019-2023.json', 'rus-chn-total-2019-2021.json'])
      await importFile(filled, new URL(`../fetch/comtrade/fixtures/${f}`, import.meta.url).pathname);
  });
  afterAll(() => filled?.close());
  for (const [name, [kind, params]] of Object.entries(FILLED))
    it(name, async () => {
      const spec = await chartSpec(filled, kind, params);
      expectGolden(new URL(`./golden/${name}.json`, import.meta.url), { spec, option: chartOption(spec) });
    });
});
