/**
 * Snapshot tests of the rendered charts (as Observable Plot keeps them): the
 * SVG of each kind on the seed tables is compared with the file in
 * `__snapshots__/*.svg.snap` (regenerate with `npx vitest run src/trade/charts -u`), and
 * its structure is checked directly: title, series count, axis labels, in
 * English, Chinese and Russian. PNG output is checked for its signature and
 * for the fonts that draw CJK and Cyrillic text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTradeStore } from '../first-use.ts';
import type { Store } from '../store.ts';
import {
  ChartError,
  chartOption,
  chartResources,
  chartSpec,
  findFonts,
  renderChart,
  renderSvg,
  t,
} from './index.ts';

let store: Store;
beforeAll(async () => {
  store = await openTradeStore(':memory:');
});
afterAll(() => store?.close());

/**
 * The SVG with ECharts' class names (`zr3-cls-17`: numbered across every chart
 * made before in the process) renumbered in order of appearance, so that a
 * snapshot does not depend on test order. Snapshots are `.svg.snap` files: open them as SVG to look at them.
 */
const stable = (svg: string) => {
  const seen = new Map<string, string>();
  return svg.replace(/\bzr\d+-cls-\d+\b/g, (c) => {
    if (!seen.has(c)) seen.set(c, `cls-${seen.size}`);
    return seen.get(c)!;
  });
};

/** The texts of an SVG, in order. */
const texts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"'),
  );

describe('labels', () => {
  it('every key exists in the three languages', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
      );
    const en = keys(chartResources.en.trade).sort();
    expect(keys(chartResources.zh.trade).sort()).toEqual(en);
    expect(keys(chartResources.ru.trade).sort()).toEqual(en);
  });

  it('interpolates like i18next', () => {
    expect(t('zh', 'flow.export')).toBe('出口');
    expect(t('ru', 'chart.structure', { reporter: 'Хэйхэ', flow: 'Экспорт', year: 2016 })).toBe(
      'Хэйхэ: Экспорт по товарам, 2016',
    );
  });
});

describe('line chart of Heilongjiang–Russia trade', () => {
  it('has three series (total, exports, imports) over 2008–2018 in billions, in Chinese', async () => {
    const spec = await chartSpec(store, 'line', { reporter: ['CN-HL'], lang: 'zh' });
    expect(spec.kind).toBe('line');
    if (spec.kind !== 'line') return;
    expect(spec.title).toBe('黑龙江省与俄罗斯的贸易，2008–2018年');
    expect(spec.series.map((s) => s.name)).toEqual(['进出口总额', '出口', '进口']);
    expect(spec.categories).toEqual([
      '2008',
      '2009',
      '2010',
      '2011',
      '2012',
      '2013',
      '2014',
      '2015',
      '2016',
      '2017',
      '2018',
    ]);
    const option = chartOption(spec) as { yAxis: { name: string }; series: { data: number[] }[] };
    expect(option.yAxis.name).toBe('十亿美元');
    // the corrected table (hundreds of millions): 2008 total 110.6 × 10^8 = US$11.06 billion
    expect(option.series[0].data[0]).toBeCloseTo(11.06, 6);
    const svg = renderSvg(option);
    const words = texts(svg);
    expect(words).toContain('黑龙江省与俄罗斯的贸易，2008–2018年');
    expect(words).toContain('十亿美元');
    expect(words).toEqual(expect.arrayContaining(['2008', '2018', '年份', '进出口总额', '出口', '进口']));
    expect(svg.match(/<path d="M[^"]*" fill="none"[^>]*stroke-width="2"/g)?.length).toBe(3); // three lines
    await expect(stable(svg)).toMatchFileSnapshot('__snapshots__/line-heilongjiang-zh.svg.snap');
  });

  it('as printed, the same table reads in millions', async () => {
    const spec = await chartSpec(store, 'line', { reporter: ['CN-HL'], variant: 'as-printed' });
    const option = chartOption(spec) as { yAxis: { name: string } };
    expect(option.yAxis.name).toBe('US$ million');
  });
});

describe('bar chart of Heihe’s foreign trade, in Russian', () => {
  it('groups imports, exports and total by year', async () => {
    const r = await renderChart(store, 'bar', { reporter: ['CN-HL-HEIHE'], lang: 'ru' }, 'svg');
    const words = texts(String(r.data));
    expect(words).toContain('Хэйхэ: внешняя торговля, 2011–2015');
    expect(words).toEqual(
      expect.arrayContaining(['Товарооборот', 'Экспорт', 'Импорт', 'млрд долл. США', 'Год']),
    );
    expect((r.option.series as unknown[]).length).toBe(3);
    await expect(stable(String(r.data))).toMatchFileSnapshot('__snapshots__/bar-heihe-ru.svg.snap');
  });
});

describe('stacked area', () => {
  it('stacks exports and imports', async () => {
    const r = await renderChart(store, 'area', { reporter: ['CN-HL'] }, 'svg');
    const series = r.option.series as { stack: string; name: string }[];
    expect(series.map((s) => [s.name, s.stack])).toEqual([
      ['Exports', 'total'],
      ['Imports', 'total'],
    ]);
    await expect(stable(String(r.data))).toMatchFileSnapshot('__snapshots__/area-heilongjiang-en.svg.snap');
  });
});

describe('treemap and Sankey of Heihe’s 2016 products', () => {
  it('treemap: ten export categories, labelled', async () => {
    const r = await renderChart(store, 'treemap', { reporter: ['CN-HL-HEIHE'], flow: ['export'] }, 'svg');
    const data = (r.option.series as { data: { name: string; value: number }[] }[])[0].data;
    expect(data).toHaveLength(10);
    expect(data[0]).toEqual({ name: 'Clothing', value: 159.66 });
    const words = texts(String(r.data));
    expect(words).toContain('Heihe: Exports by product, 2016');
    await expect(stable(String(r.data))).toMatchFileSnapshot(
      '__snapshots__/treemap-heihe-exports-en.svg.snap',
    );
  });

  it('Sankey: 7 import categories → Heihe → 10 export categories', async () => {
    const spec = await chartSpec(store, 'sankey', { reporter: ['CN-HL-HEIHE'], lang: 'zh' });
    if (spec.kind !== 'sankey') throw new Error('not a sankey');
    expect(spec.nodes).toHaveLength(18);
    expect(spec.links).toHaveLength(17);
    expect(spec.title).toBe('黑河市进出口商品结构，2016年');
    const svg = renderSvg(chartOption(spec));
    expect(texts(svg)).toContain('黑河市');
    await expect(stable(svg)).toMatchFileSnapshot('__snapshots__/sankey-heihe-zh.svg.snap');
  });
});

describe('PNG', () => {
  it('renders with fonts for Chinese and Cyrillic where installed, and says so where not', async () => {
    const r = await renderChart(store, 'line', { reporter: ['CN-HL'], lang: 'zh' }, 'png', {
      width: 400,
      height: 250,
    });
    const png = r.data as Buffer;
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(400); // IHDR width
    const fonts = findFonts();
    if (fonts.cjk) expect(r.warnings).toEqual([]);
    else expect(r.warnings.join(' ')).toMatch(/no CJK font/);
  });
});

describe('refusals', () => {
  it('says what the chart needs', async () => {
    await expect(chartSpec(store, 'line', { reporter: ['FRA'] })).rejects.toThrow(ChartError);
    await expect(chartSpec(store, 'treemap', { reporter: ['FRA'] })).rejects.toThrow(
      /nothing to draw: the chart needs one year of flows by product or by partner \(looked for reporter FRA/,
    );
    await expect(chartSpec(store, 'area', { reporter: ['CN-HL-HEIHE'], year: 2016 })).rejects.toThrow(
      /over two years or more/,
    );
  });
});
