/**
 * The notes of a trade indicator's answer (what was assumed or left out) in
 * English, Chinese and Russian. An indicator writes each note as a stable
 * `code` with its `params` beside the English sentence (`indicatorNote`,
 * src/trade/indicators/*); the CLI's `--lang` and the web app say it in the
 * reader's language from the code's template (`noteText`, `notePieces`).
 *
 * In a template, `{name}` is a parameter (`INDICATOR_NOTE_PARAMS` lists each
 * code's) and a part in backticks is a symbol kept as written in every
 * language (`world_totals`, `WLD`, `CAGR`): the backticks are not printed,
 * and `notePieces` marks such parts, and the parameters that are ids or
 * codes (`LITERAL_PARAMS`), as literal, so that the web app can set them
 * apart from the words. Parameters in `TERM_PARAMS` take one of a few
 * values that are said in the language (`NOTE_TERMS`).
 */
import type { Lang, Texts } from './messages.ts';

/** The sentence of each note code in en, zh and ru. */
export const INDICATOR_NOTE_TEXTS = {
  'usd-missing': {
    en: 'flows left out because they have no value in US dollars (no exchange rate for their currency and year): {count}',
    zh: '因没有美元金额（缺少该币种该年度的汇率）而未计入的流量：{count} 条',
    ru: 'потоки без стоимости в долларах США (нет курса их валюты за этот год) не учтены: {count}',
  },
  'own-categories': {
    en: "a source's own categories (commodity system `SRC`) may overlap: a top-ten table's categories can add up to more than the total (the audit of the table checks this)",
    zh: '来源自定的商品类别（商品分类体系 `SRC`）可能相互重叠：前十名表格各类别之和可能超过总额（表格核查会检查这一点）',
    ru: 'собственные категории источника (товарная система `SRC`) могут пересекаться: сумма категорий таблицы «первой десятки» может превышать итог (это проверяет аудит таблицы)',
  },
  'world.partner-wld': {
    en: "{trade} to the world: the reporters' rows for partner `WLD`",
    zh: '{trade}对世界的数值：报告方以 `WLD` 为伙伴的行',
    ru: '{trade} в мир: строки отчитывающихся сторон с партнёром `WLD`',
  },
  'world.partner-sum': {
    en: '{trade} to the world: the sum over partner countries (the selection has no partner `WLD` rows)',
    zh: '{trade}对世界的数值：各伙伴国之和（所选数据没有以 `WLD` 为伙伴的行）',
    ru: '{trade} в мир: сумма по странам-партнёрам (в выборке нет строк с партнёром `WLD`)',
  },
  'products.hs': {
    en: 'HS{level} products',
    zh: 'HS{level} 商品',
    ru: 'товары HS{level}',
  },
  'products.hs-totals': {
    en: 'HS{level} products; totals are sums over the products of that level',
    zh: 'HS{level} 商品；总额为该层级各商品之和',
    ru: 'товары HS{level}; итоги — суммы по товарам этого уровня',
  },
  'products.common': {
    en: 'HS{level} products; pairs with no product in common are absent (index 0)',
    zh: 'HS{level} 商品；没有共同商品的国家对不列出（指数为 0）',
    ru: 'товары HS{level}; пар без общих товаров нет в таблице (индекс 0)',
  },
  'products.exported': {
    en: 'HS{level} products with exports > 0; equivalent products = 1/`HHI`',
    zh: '出口额大于 0 的 HS{level} 商品；等效商品数 = 1/`HHI`',
    ru: 'товары HS{level} с экспортом > 0; эквивалентное число товаров = 1/`HHI`',
  },
  'products.world-shares': {
    en: 'HS{level} products; world shares from `world_totals`',
    zh: 'HS{level} 商品；世界占比取自 `world_totals`',
    ru: 'товары HS{level}; мировые доли из `world_totals`',
  },
  'specialisation.world-market': {
    en: 'the market is the world (`world_totals` imports)',
    zh: '市场为世界（`world_totals` 中的进口）',
    ru: 'рынок — весь мир (импорт из `world_totals`)',
  },
  'intensity.world-imports': {
    en: "the world's exports to the partner are measured by the partner's imports from the world (`CIF`)",
    zh: '世界对伙伴的出口以伙伴自世界的进口（`CIF`）衡量',
    ru: 'мировой экспорт партнёру измерен импортом партнёра из мира (`CIF`)',
  },
  'complementarity.sources': {
    en: 'exporters and importers may come from different sources',
    zh: '出口方与进口方的数据可能来自不同来源',
    ru: 'данные экспортёров и импортёров могут быть из разных источников',
  },
  'complexity.basis': {
    en: "{countries} countries × {products} HS{level} products from {source}, {year}; `M = RCA ≥ 1`; {method}; `ECI` and `PCI` standardised with `ECI`'s mean and sd (`Growth Lab` convention)",
    zh: '{countries} 个国家 × {products} 种 HS{level} 商品，来源 {source}，{year} 年；`M = RCA ≥ 1`；{method}；`ECI` 与 `PCI` 均以 `ECI` 的均值和标准差标准化（`Growth Lab` 惯例）',
    ru: '{countries} стран × {products} товаров HS{level} из {source}, {year} г.; `M = RCA ≥ 1`; {method}; `ECI` и `PCI` стандартизованы по среднему и стандартному отклонению `ECI` (соглашение `Growth Lab`)',
  },
  'complexity.excluded': {
    en: 'left out (no `RCA ≥ 1` anywhere): {countries} countries, {products} products',
    zh: '未计入（任何地方均无 `RCA ≥ 1`）：{countries} 个国家，{products} 种商品',
    ru: 'не учтены (нигде нет `RCA ≥ 1`): стран — {countries}, товаров — {products}',
  },
  'hhi.products-hs': {
    en: 'products: HS codes of {level} digits, partner {partner}',
    zh: '商品：{level} 位 HS 编码，伙伴 {partner}',
    ru: 'товары: коды HS из {level} знаков, партнёр {partner}',
  },
  'hhi.products-own': {
    en: "products: the source's own categories, partner {partner}",
    zh: '商品：来源自定的类别，伙伴 {partner}',
    ru: 'товары: собственные категории источника, партнёр {partner}',
  },
  'hhi.partners': {
    en: 'partners: countries only (not `WLD`, groups or areas not specified)',
    zh: '伙伴：仅限国家（不含 `WLD`、国家集团和未列明地区）',
    ru: 'партнёры: только страны (без `WLD`, групп и неуказанных территорий)',
  },
  'growth.non-positive': {
    en: 'years with a zero or negative value are left out of the least-squares fit (no logarithm)',
    zh: '数值为零或负的年份不参与最小二乘拟合（无法取对数）',
    ru: 'годы с нулевым или отрицательным значением не входят в оценку по МНК (логарифма нет)',
  },
  'growth.least-squares': {
    en: 'the least-squares rate uses every year selected; `CAGR` only the first and the last',
    zh: '最小二乘增长率使用所选的每一年；`CAGR` 只用首末两年',
    ru: 'темп по МНК использует все выбранные годы; `CAGR` — только первый и последний',
  },
  'grubel-lloyd.hs': {
    en: 'partner {partners}; HS{level} products',
    zh: '伙伴 {partners}；HS{level} 商品',
    ru: 'партнёр {partners}; товары HS{level}',
  },
  'grubel-lloyd.own': {
    en: "partner {partners}; the source's own categories",
    zh: '伙伴 {partners}；来源自定的类别',
    ru: 'партнёр {partners}; собственные категории источника',
  },
  'grubel-lloyd.one-way': {
    en: 'every product has trade in one direction only (the index is 0): are both flows loaded?',
    zh: '每种商品都只有单向贸易（指数为 0）：进口和出口是否都已导入？',
    ru: 'у каждого товара торговля только в одну сторону (индекс 0): загружены ли оба потока?',
  },
  'mirror.ratio': {
    en: 'a ratio near 1.0–1.1 is the usual `CIF/FOB` margin; far from it, a side misreports or the partner attribution differs',
    zh: '比值在 1.0–1.1 附近属于通常的 `CIF/FOB` 差额；远离此范围，则是一方申报有误或伙伴归属不同',
    ru: 'отношение около 1,0–1,1 — обычная разница `CIF/FOB`; далеко от неё — одна из сторон ошибается или страны-партнёры определены по-разному',
  },
  'share.no-total': {
    en: 'rows with no total (own categories without a `TOTAL` row): {count}',
    zh: '没有总额的行（来源自定类别且无 `TOTAL` 行）：{count} 行',
    ru: 'строк без итога (собственные категории без строки `TOTAL`): {count}',
  },
  'share.sum-of-products': {
    en: 'where a source has no `TOTAL` row, the total is the sum of the HS{level} products',
    zh: '来源没有 `TOTAL` 行时，总额为 HS{level} 各商品之和',
    ru: 'где у источника нет строки `TOTAL`, итог — сумма товаров HS{level}',
  },
  'share.no-world': {
    en: "no world total for {missing}: `share_pct` is empty there (the sum over the partners present is not the reporter's trade with the world)",
    zh: '{missing} 没有对世界的总额：其 `share_pct` 为空（现有伙伴之和并非报告方与世界的贸易额）',
    ru: 'нет итога с миром для {missing}: там `share_pct` пуст (сумма по имеющимся партнёрам — не торговля стороны с миром)',
  },
  'share.printed': {
    en: 'where the store has no partner `WLD` row, the share is the one the source prints, and `total_usd` the world total it implies',
    zh: '数据库中没有以 `WLD` 为伙伴的行时，占比取来源印出的数值，`total_usd` 为其隐含的对世界总额',
    ru: 'где в хранилище нет строки с партнёром `WLD`, доля — напечатанная в источнике, а `total_usd` — следующий из неё итог с миром',
  },
  'share.other-source': {
    en: 'the part and the total come from different sources (see `source` and `total_source`)',
    zh: '部分与总额来自不同来源（见 `source` 与 `total_source`）',
    ru: 'часть и итог взяты из разных источников (см. `source` и `total_source`)',
  },
  'dependence.printed': {
    en: 'where the store has no partner `WLD` row, dependence is the share the source prints, and `world_usd` the world total it implies',
    zh: '数据库中没有以 `WLD` 为伙伴的行时，依存度取来源印出的占比，`world_usd` 为其隐含的对世界总额',
    ru: 'где в хранилище нет строки с партнёром `WLD`, зависимость — доля, напечатанная в источнике, а `world_usd` — следующий из неё итог с миром',
  },
  'fill.none': {
    en: "`--fill-mirror`: no gap filled; all {rows} rows are the reporters' own reports",
    zh: '`--fill-mirror`：没有需要填补的缺口；全部 {rows} 行均为报告方自己的报告',
    ru: '`--fill-mirror`: пропусков нет; все {rows} строк — собственные отчёты сторон',
  },
  'fill.summary': {
    en: "`--fill-mirror`: {mirrorRows} of {rows} rows ({rowPct}%; {valuePct}% of the US$ value) are mirror data from partners' reports, `CIF/FOB`-adjusted by {factor} ({factorSource})",
    zh: '`--fill-mirror`：{rows} 行中有 {mirrorRows} 行（{rowPct}%；美元金额的 {valuePct}%）为来自伙伴报告的镜像数据，已按 `CIF/FOB` 系数 {factor} 调整（{factorSource}）',
    ru: '`--fill-mirror`: {mirrorRows} из {rows} строк ({rowPct}%; {valuePct}% стоимости в долларах США) — зеркальные данные из отчётов партнёров с поправкой `CIF/FOB` {factor} ({factorSource})',
  },
  'fill.summary-given': {
    en: "`--fill-mirror`: {mirrorRows} of {rows} rows ({rowPct}%; {valuePct}% of the US$ value) are mirror data from partners' reports, `CIF/FOB`-adjusted by {factor} (given)",
    zh: '`--fill-mirror`：{rows} 行中有 {mirrorRows} 行（{rowPct}%；美元金额的 {valuePct}%）为来自伙伴报告的镜像数据，已按指定的 `CIF/FOB` 系数 {factor} 调整',
    ru: '`--fill-mirror`: {mirrorRows} из {rows} строк ({rowPct}%; {valuePct}% стоимости в долларах США) — зеркальные данные из отчётов партнёров с заданной поправкой `CIF/FOB` {factor}',
  },
  'fill.cells': {
    en: 'mirror cells (`reported_by = reporter`, `estimated = true` in the series): {cells}',
    zh: '镜像单元（序列中 `reported_by = reporter`、`estimated = true`）：{cells}',
    ru: 'зеркальные ячейки (в ряду `reported_by = reporter`, `estimated = true`): {cells}',
  },
  'fill.cells-more': {
    en: 'mirror cells (`reported_by = reporter`, `estimated = true` in the series): {cells}; … {more} more',
    zh: '镜像单元（序列中 `reported_by = reporter`、`estimated = true`）：{cells}；……另有 {more} 个',
    ru: 'зеркальные ячейки (в ряду `reported_by = reporter`, `estimated = true`): {cells}; … ещё {more}',
  },
} as const satisfies Record<string, Texts>;

export type IndicatorNoteCode = keyof typeof INDICATOR_NOTE_TEXTS;
export const INDICATOR_NOTE_CODES = Object.keys(INDICATOR_NOTE_TEXTS) as [
  IndicatorNoteCode,
  ...IndicatorNoteCode[],
];

/** The parameters each code's templates use (a note carries exactly these). */
export const INDICATOR_NOTE_PARAMS: Record<IndicatorNoteCode, readonly string[]> = {
  'usd-missing': ['count'],
  'own-categories': [],
  'world.partner-wld': ['trade'],
  'world.partner-sum': ['trade'],
  'products.hs': ['level'],
  'products.hs-totals': ['level'],
  'products.common': ['level'],
  'products.exported': ['level'],
  'products.world-shares': ['level'],
  'specialisation.world-market': [],
  'intensity.world-imports': [],
  'complementarity.sources': [],
  'complexity.basis': ['countries', 'products', 'level', 'source', 'year', 'method'],
  'complexity.excluded': ['countries', 'products'],
  'hhi.products-hs': ['level', 'partner'],
  'hhi.products-own': ['partner'],
  'hhi.partners': [],
  'growth.non-positive': [],
  'growth.least-squares': [],
  'grubel-lloyd.hs': ['partners', 'level'],
  'grubel-lloyd.own': ['partners'],
  'grubel-lloyd.one-way': [],
  'mirror.ratio': [],
  'share.no-total': ['count'],
  'share.sum-of-products': ['level'],
  'share.no-world': ['missing'],
  'share.printed': [],
  'share.other-source': [],
  'dependence.printed': [],
  'fill.none': ['rows'],
  'fill.summary': ['mirrorRows', 'rows', 'rowPct', 'valuePct', 'factor', 'factorSource'],
  'fill.summary-given': ['mirrorRows', 'rows', 'rowPct', 'valuePct', 'factor'],
  'fill.cells': ['cells'],
  'fill.cells-more': ['cells', 'more'],
};

/** Parameters that are ids, codes or lists of them (source ids, region codes, cells): kept as written. */
export const LITERAL_PARAMS: ReadonlySet<string> = new Set([
  'source',
  'partner',
  'partners',
  'missing',
  'method',
  'cells',
  'factorSource',
]);

/** The values a term parameter takes, each said in the language. */
export const NOTE_TERMS = {
  trade: {
    exports: { en: 'exports', zh: '出口', ru: 'экспорт' },
    'partner-imports': { en: "the partner's imports", zh: '伙伴的进口', ru: 'импорт партнёра' },
    'exporter-exports': { en: "the exporters' exports", zh: '出口方的出口', ru: 'экспорт экспортёров' },
    'importer-imports': { en: "the importers' imports", zh: '进口方的进口', ru: 'импорт импортёров' },
  },
} as const satisfies Record<string, Record<string, Texts>>;

export type TermParam = keyof typeof NOTE_TERMS;
export const TERM_PARAMS: ReadonlySet<string> = new Set(Object.keys(NOTE_TERMS));

/** A parameter's value: a number, a string (an id, a code, a term's key) or nothing. */
export type NoteParam = string | number | null;

/** What a note says, without its English sentence. */
export interface NoteBody {
  code: string;
  params: Record<string, NoteParam>;
}

/** A part of a note in a language: words, or a symbol or id kept as written (`literal`). */
export interface NotePiece {
  text: string;
  literal?: true;
}

export function isIndicatorNoteCode(code: string): code is IndicatorNoteCode {
  return Object.hasOwn(INDICATOR_NOTE_TEXTS, code);
}

/** A parameter's value said in the language ('' for nothing). */
function paramText(name: string, v: NoteParam | undefined, lang: Lang): string {
  if (v === null || v === undefined) return '';
  if (TERM_PARAMS.has(name)) {
    const terms = NOTE_TERMS[name as TermParam] as Record<string, Texts>;
    return terms[String(v)]?.[lang] ?? String(v);
  }
  return String(v);
}

/**
 * A note in the language as pieces: words, and the symbols (in backticks in
 * the template) and id parameters kept as written. A code without a template
 * (a newer server) gives `null`: show its English message instead.
 */
export function notePieces(note: NoteBody, lang: Lang): NotePiece[] | null {
  if (!isIndicatorNoteCode(note.code)) return null;
  const template: string = INDICATOR_NOTE_TEXTS[note.code][lang];
  const out: NotePiece[] = [];
  const push = (text: string, literal: boolean) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && Boolean(last.literal) === literal) last.text += text;
    else out.push(literal ? { text, literal: true } : { text });
  };
  // split the template into words, `symbols` and {params}
  for (const m of template.matchAll(/`([^`]*)`|\{(\w+)\}|[^`{]+|\{/g)) {
    if (m[1] !== undefined) push(m[1], true);
    else if (m[2] !== undefined) push(paramText(m[2], note.params[m[2]], lang), LITERAL_PARAMS.has(m[2]));
    else push(m[0], false);
  }
  return out;
}

/** A note in the language, as one line of text (the English message when the code has no template). */
export function noteText(note: NoteBody & { message?: string }, lang: Lang): string {
  const pieces = notePieces(note, lang);
  if (!pieces) return note.message ?? note.code;
  return pieces.map((p) => p.text).join('');
}

/** The words an indicator's notes and unit are introduced with in the CLI's text output. */
export const INDICATOR_LABELS = {
  unit: { en: 'unit', zh: '单位', ru: 'единица' },
  note: { en: 'note', zh: '说明', ru: 'примечание' },
} as const satisfies Record<string, Texts>;

/** The indicators' units (`IndicatorDef.unit`), by their English text; column names stay as written. */
export const INDICATOR_UNITS: Record<string, Texts> = {
  '%': { en: '%', zh: '%', ru: '%' },
  '% per year': { en: '% per year', zh: '每年 %', ru: '% в год' },
  'US$ (balance_usd), % (normalised_pct)': {
    en: 'US$ (balance_usd), % (normalised_pct)',
    zh: '美元（balance_usd），%（normalised_pct）',
    ru: 'долл. США (balance_usd), % (normalised_pct)',
  },
  'index 0…1': { en: 'index 0…1', zh: '指数 0…1', ru: 'индекс 0…1' },
  'index 0…1 (count: products)': {
    en: 'index 0…1 (count: products)',
    zh: '指数 0…1（count：商品数）',
    ru: 'индекс 0…1 (count: число товаров)',
  },
  'index (>1: revealed advantage)': {
    en: 'index (>1: revealed advantage)',
    zh: '指数（>1：具有显示性比较优势）',
    ru: 'индекс (>1: выявленное преимущество)',
  },
  index: { en: 'index', zh: '指数', ru: 'индекс' },
  'index (>1: more intense than j’s weight in world trade)': {
    en: 'index (>1: more intense than j’s weight in world trade)',
    zh: '指数（>1：强于 j 在世界贸易中的份额）',
    ru: 'индекс (>1: интенсивнее, чем вес j в мировой торговле)',
  },
  'index 0…100': { en: 'index 0…100', zh: '指数 0…100', ru: 'индекс 0…100' },
  'standard deviations': { en: 'standard deviations', zh: '标准差', ru: 'стандартные отклонения' },
  'standard deviations (of ECI)': {
    en: 'standard deviations (of ECI)',
    zh: '标准差（ECI 的）',
    ru: 'стандартные отклонения (ECI)',
  },
  'US$ per quantity unit; US$/kg': {
    en: 'US$ per quantity unit; US$/kg',
    zh: '每数量单位美元；美元/千克',
    ru: 'долл. США за единицу количества; долл. США/кг',
  },
  'US$, %, ratio': { en: 'US$, %, ratio', zh: '美元、%、比值', ru: 'долл. США, %, отношение' },
};

/** An indicator's unit in the language (an unknown one as written). */
export function indicatorUnit(english: string, lang: Lang): string {
  return INDICATOR_UNITS[english]?.[lang] ?? english;
}
