/**
 * The words of `amur matrix`'s text and CSV output in English, Chinese and
 * Russian: the corner cell of the header, and the line under the table that
 * says its unit, per what, and what an empty cell means. In English they are
 * the words the command has always printed (src/cli/matrix-text.ts); places
 * are named by the atlas's names in the language.
 *
 * `{name}` is a value the CLI fills in; every template has the same
 * placeholders in every language.
 */
import type { Texts } from './messages.ts';

export const MATRIX_LINES = {
  corner: { en: 'from \\ to', zh: '起点 \\ 终点', ru: 'откуда \\ куда' },
  unit: {
    en: '({unit} per {cargo}; empty = no route)',
    zh: '（单位：{unit}/{cargo}；空白 = 无可行路线）',
    ru: '(единица: {unit} на {cargo}; пустая клетка — маршрута нет)',
  },
} as const satisfies Record<string, Texts>;

/** The matrix's units (`MatrixResult.unit`); English as the router names them. */
export const MATRIX_UNITS: Record<'hours' | 'usd' | 'kgCO2e', Texts> = {
  hours: { en: 'hours', zh: '小时', ru: 'часы' },
  usd: { en: 'usd', zh: '美元', ru: 'долл. США' },
  kgCO2e: { en: 'kgCO2e', zh: '千克二氧化碳当量', ru: 'кг CO₂-экв.' },
};

/**
 * What a value is per: one cargo unit of the query (src/costs/profile.ts
 * CARGO_UNITS: a TEU, an FEU, a tonne of bulk, of liquid bulk, of air cargo).
 * English: the cargo's id in capitals, as the command has always printed it.
 */
export const MATRIX_PER_CARGO: Record<'teu' | 'feu' | 'bulk' | 'liquid' | 'air', Texts> = {
  teu: { en: 'TEU', zh: '20英尺集装箱', ru: '20-футовый контейнер' },
  feu: { en: 'FEU', zh: '40英尺集装箱', ru: '40-футовый контейнер' },
  bulk: { en: 'BULK', zh: '吨散货', ru: 'тонну навалочного груза' },
  liquid: { en: 'LIQUID', zh: '吨液体货物', ru: 'тонну наливного груза' },
  air: { en: 'AIR', zh: '吨航空货物（计费重量）', ru: 'тонну авиагруза (по оплачиваемому весу)' },
};
