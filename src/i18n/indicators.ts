/**
 * The trade indicators' definitions (formula and the definition it follows,
 * `IndicatorDef.definition` in src/trade/indicators) in Chinese and Russian.
 * The English text is the library's own; `indicatorDefinition(name, lang,
 * english)` gives the reader's language. Formula symbols and the names of
 * the works followed (WITS, UNCTAD, Balassa 1965, …) stay as written.
 */
import { indicatorUnit } from './indicator-notes.ts';
import { indicatorName, type Lang, type Texts } from './messages.ts';

type Translated = Record<Exclude<Lang, 'en'>, string>;

export const INDICATOR_DEFINITIONS: Record<string, Translated> = {
  growth: {
    zh: 'g_t = 100 · (v_t / v_{t−1} − 1)，按序列（来源、报告方、伙伴、流向、商品）计算，现价美元；月度与年初至今数据与上年同期比较（WITS“同比增长”）',
    ru: 'g_t = 100 · (v_t / v_{t−1} − 1) по каждому ряду (источник, отчитывающаяся сторона, партнёр, направление, товар), в текущих долларах США; месяцы и период с начала года — к тому же периоду прошлого года (WITS, «прирост к предыдущему году»)',
  },
  'average-growth': {
    zh: 'CAGR = 100 · ((v_last / v_first)^(1/(末年 − 初年)) − 1)（WITS Trade Outcomes）；最小二乘法：对各年拟合 ln v_t = a + b·t，增长率 = 100 · (e^b − 1)（世界银行 WDI 最小二乘增长率）',
    ru: 'CAGR = 100 · ((v_last / v_first)^(1/(последний − первый)) − 1) (WITS Trade Outcomes); метод наименьших квадратов: ln v_t = a + b·t по годам, темп = 100 · (e^b − 1) (темп роста по МНК, WDI Всемирного банка)',
  },
  share: {
    zh: '商品：100 · x_ik / X_i（WITS 商品在出口总额中的占比）；伙伴：100 · x_ij / X_i,WLD（WITS 市场占比）；报告方：100 · x_r / x_R，R 为上级地区或 `--in` 指定的地区（世界：world_totals，WITS 国家占世界出口的比重）',
    ru: 'товар: 100 · x_ik / X_i (WITS, доля товара в экспорте); партнёр: 100 · x_ij / X_i,WLD (WITS, доля рынка); отчитывающаяся сторона: 100 · x_r / x_R, где R — объемлющий регион или `--in` (мир: world_totals, WITS, доля страны в мировом экспорте)',
  },
  balance: {
    zh: 'B = X − M（美元）；标准化 100 · (X − M) / (X + M)（WITS 出口、进口与贸易差额）',
    ru: 'B = X − M (долл. США); нормированное 100 · (X − M) / (X + M) (WITS, экспорт, импорт и торговый баланс)',
  },
  dependence: {
    zh: 'd_ij = 100 · (x_ij + m_ij) / (X_i + M_i)：报告方 i 与伙伴 j 的贸易占其与世界（WLD）贸易的比重；来源未分出口和进口时使用合计行',
    ru: 'd_ij = 100 · (x_ij + m_ij) / (X_i + M_i): торговля стороны i с партнёром j к её торговле с миром (WLD); строки итога, где источник не делит экспорт и импорт',
  },
  hhi: {
    zh: 'HHI = Σ s_k²，s_k = x_k / Σ x_k，按商品（同一 HS 层级）或伙伴国计算；标准化 (HHI − 1/N)/(1 − 1/N)（WITS）；UNCTAD 集中度 (√HHI − √(1/N))/(1 − √(1/N))',
    ru: 'HHI = Σ s_k², s_k = x_k / Σ x_k по товарам (один уровень HS) или странам-партнёрам; нормированный (HHI − 1/N)/(1 − 1/N) (WITS); концентрация UNCTAD (√HHI − √(1/N))/(1 − √(1/N))',
  },
  diversification: {
    zh: 'DX_i = ½ Σ_k |h_ik − h_k|，h_ik 为商品 k 在 i 出口中的占比，h_k 为 k 在世界出口中的占比（world_totals）（UNCTAD 多样化指数）；--method count：出口商品数与 1/HHI',
    ru: 'DX_i = ½ Σ_k |h_ik − h_k|, h_ik — доля товара k в экспорте i, h_k — доля k в мировом экспорте (world_totals) (индекс диверсификации UNCTAD); --method count: число экспортируемых товаров и 1/HHI',
  },
  rca: {
    zh: 'RCA_ik = (x_ik / X_i) / (w_k / W)，X_i = Σ_k x_ik，w_k 为 world_totals 中 k 的世界出口，W = 同一 HS 层级的 Σ_k w_k（Balassa 1965；WITS）',
    ru: 'RCA_ik = (x_ik / X_i) / (w_k / W), X_i = Σ_k x_ik, w_k — мировой экспорт k из world_totals, W = Σ_k w_k на том же уровне HS (Balassa 1965; WITS)',
  },
  specialisation: {
    zh: 'ES_ik,j = (x_ik / X_i) / (m_jk / M_j)：商品 k 在 i 出口中的占比除以其在伙伴 j 进口中的占比（j 自己的报告），未指定 --partner 时除以其在世界进口中的占比（world_totals）',
    ru: 'ES_ik,j = (x_ik / X_i) / (m_jk / M_j): доля товара k в экспорте i к его доле в импорте партнёра j (по отчётам j), без --partner — в мировом импорте (world_totals)',
  },
  intensity: {
    zh: 'TII_ij = (x_ij / X_i) / (x_wj / X_w)：j 在 i 出口中的占比除以 j 在世界贸易中的占比；x_wj 以 j 自世界的进口衡量，X_w 为世界出口（world_totals TOTAL）（WITS）',
    ru: 'TII_ij = (x_ij / X_i) / (x_wj / X_w): доля j в экспорте i к доле j в мировой торговле; x_wj — импорт j из мира, X_w — мировой экспорт (world_totals TOTAL) (WITS)',
  },
  complementarity: {
    zh: 'TC_ij = 100 · (1 − ½ Σ_k |m_jk − x_ik|) = 100 · Σ_k min(x_ik, m_jk)，x_ik 为 k 在 i 出口中的占比，m_jk 为 k 在 j 进口中的占比（Michaely 1996；WITS）',
    ru: 'TC_ij = 100 · (1 − ½ Σ_k |m_jk − x_ik|) = 100 · Σ_k min(x_ik, m_jk), x_ik — доля k в экспорте i, m_jk — доля k в импорте j (Michaely 1996; WITS)',
  },
  'grubel-lloyd': {
    zh: 'GL_k = 1 − |x_k − m_k|/(x_k + m_k)；总体 Σ(x_k + m_k − |x_k − m_k|)/Σ(x_k + m_k)（Grubel & Lloyd 1975）；边际 A_k = 1 − |ΔX_k − ΔM_k|/(|ΔX_k| + |ΔM_k|)，以 (|ΔX_k| + |ΔM_k|) 加权（Brülhart 1994）',
    ru: 'GL_k = 1 − |x_k − m_k|/(x_k + m_k); совокупный Σ(x_k + m_k − |x_k − m_k|)/Σ(x_k + m_k) (Grubel & Lloyd 1975); предельный A_k = 1 − |ΔX_k − ΔM_k|/(|ΔX_k| + |ΔM_k|) с весами (|ΔX_k| + |ΔM_k|) (Brülhart 1994)',
  },
  mirror: {
    zh: 'M_ij（i 自 j 的进口，i 的报告，CIF）对比 X_ji（j 对 i 的出口，j 的报告，FOB）：差异 = M_ij − X_ji，100·(M_ij − X_ji)/X_ji，cif_fob_ratio = M_ij / X_ji',
    ru: 'M_ij (импорт i из j по отчёту i, CIF) против X_ji (экспорт j в i по отчёту j, FOB): расхождение = M_ij − X_ji, 100·(M_ij − X_ji)/X_ji, cif_fob_ratio = M_ij / X_ji',
  },
  'unit-value': {
    zh: 'usd_per_unit = value_usd / 数量（按所列单位：kWh、m³、t、u …）；usd_per_kg = value_usd / net_weight_kg',
    ru: 'usd_per_unit = value_usd / количество (в указанной единице: kWh, m³, t, u …); usd_per_kg = value_usd / net_weight_kg',
  },
  'value-volume': {
    zh: 'value_growth = 100·(V_t/V_{t−1} − 1)；volume_growth = 100·(Q_t/Q_{t−1} − 1)；unit_value_growth = 100·((V_t/Q_t)/(V_{t−1}/Q_{t−1}) − 1)（WITS 价值增长与数量增长）',
    ru: 'value_growth = 100·(V_t/V_{t−1} − 1); volume_growth = 100·(Q_t/Q_{t−1} − 1); unit_value_growth = 100·((V_t/Q_t)/(V_{t−1}/Q_{t−1}) − 1) (WITS, рост стоимости и объёма)',
  },
  eci: {
    zh: 'ECI：D_d⁻¹ M D_u⁻¹ Mᵀ 第二大特征值对应的特征向量，M = [RCA ≥ 1]，取与多样性同向的符号并标准化（Hidalgo & Hausmann 2009；经济复杂度地图集；py-ecomplexity）',
    ru: 'ECI: собственный вектор второго по величине собственного значения D_d⁻¹ M D_u⁻¹ Mᵀ, M = [RCA ≥ 1], знак — по росту диверсифицированности, стандартизован (Hidalgo & Hausmann 2009; Атлас экономической сложности; py-ecomplexity)',
  },
  pci: {
    zh: 'PCI：D_u⁻¹ Mᵀ D_d⁻¹ M 第二大特征值对应的特征向量，与 ECI 同号同尺度（用 ECI 的均值和标准差标准化，使 ECI 等于一国产品 PCI 的均值）',
    ru: 'PCI: собственный вектор второго по величине собственного значения D_u⁻¹ Mᵀ D_d⁻¹ M, в тех же знаке и масштабе, что ECI (стандартизован средним и стандартным отклонением ECI, так что ECI — среднее PCI товаров страны)',
  },
};

/** An indicator's definition in the language; the library's English where there is no translation. */
export function indicatorDefinition(name: string, lang: Lang, english: string): string {
  return lang === 'en' ? english : (INDICATOR_DEFINITIONS[name]?.[lang] ?? english);
}

/**
 * What data each indicator needs (`IndicatorDef.needs`), in en, zh and ru.
 * The English is the library's own sentence, kept here so that a changed
 * sentence fails src/i18n/indicators.test.ts until its translations follow.
 * Table names, codes and the sources named (world_totals, WLD, TOTAL, BACI)
 * stay as written.
 */
export const INDICATOR_NEEDS: Record<string, Texts> = {
  growth: {
    en: 'the same flow in two consecutive years (or months) from one source',
    zh: '同一来源中同一流量连续两年（或连续两个月）的数据',
    ru: 'один и тот же поток за два года (или месяца) подряд из одного источника',
  },
  'average-growth': {
    en: 'a series with positive values in at least two years (annual data)',
    zh: '至少有两年为正值的序列（年度数据）',
    ru: 'ряд с положительными значениями не менее чем за два года (годовые данные)',
  },
  share: {
    en: 'product: the reporter’s TOTAL row or HS products at one level; partner: the reporter’s trade with WLD or with country partners; reporter: the larger region’s flow (or world totals)',
    zh: '按商品：报告方的 TOTAL 行或同一层级的 HS 商品；按伙伴：报告方与 WLD 或与各伙伴国的贸易；按报告方：上级地区的同一流量（或世界总额）',
    ru: 'по товарам: строка TOTAL отчитывающейся стороны или товары HS одного уровня; по партнёрам: торговля отчитывающейся стороны с WLD или со странами-партнёрами; по отчитывающимся сторонам: тот же поток объемлющего региона (или мировые итоги)',
  },
  balance: {
    en: 'exports and imports of the same reporter, partner, commodity and year from one source',
    zh: '同一来源中同一报告方、伙伴、商品和年份的出口与进口',
    ru: 'экспорт и импорт одной и той же отчитывающейся стороны, партнёра, товара и года из одного источника',
  },
  dependence: {
    en: 'the reporter’s trade with the partner and with WLD (exports and imports, or totals) in one source',
    zh: '同一来源中报告方与该伙伴及与 WLD 的贸易（出口和进口，或合计）',
    ru: 'торговля отчитывающейся стороны с партнёром и с WLD (экспорт и импорт или итоги) в одном источнике',
  },
  hhi: {
    en: 'a reporter’s flows by product (at one HS level) or by partner country',
    zh: '报告方按商品（同一 HS 层级）或按伙伴国划分的流量',
    ru: 'потоки отчитывающейся стороны по товарам (одного уровня HS) или по странам-партнёрам',
  },
  diversification: {
    en: 'the reporter’s exports by HS product and, for the UNCTAD index, world exports by product (world_totals) at the same level',
    zh: '报告方按 HS 商品划分的出口；计算 UNCTAD 指数时另需同一层级按商品划分的世界出口（world_totals）',
    ru: 'экспорт отчитывающейся стороны по товарам HS, а для индекса UNCTAD — мировой экспорт по товарам (world_totals) того же уровня',
  },
  rca: {
    en: 'the reporter’s exports by HS product and world exports by product (world_totals) for the same years and level',
    zh: '相同年份和层级下报告方按 HS 商品划分的出口及按商品划分的世界出口（world_totals）',
    ru: 'экспорт отчитывающейся стороны по товарам HS и мировой экспорт по товарам (world_totals) за те же годы и того же уровня',
  },
  specialisation: {
    en: 'the reporter’s exports by HS product and the partner’s imports by product (or world imports by product)',
    zh: '报告方按 HS 商品划分的出口，以及伙伴按商品划分的进口（或按商品划分的世界进口）',
    ru: 'экспорт отчитывающейся стороны по товарам HS и импорт партнёра по товарам (или мировой импорт по товарам)',
  },
  intensity: {
    en: 'the reporter’s exports to the partner and to the world, the partner’s total imports from the world, and world exports (world_totals, TOTAL)',
    zh: '报告方对该伙伴和对世界的出口、伙伴自世界的进口总额，以及世界出口（world_totals，TOTAL）',
    ru: 'экспорт отчитывающейся стороны партнёру и в мир, совокупный импорт партнёра из мира и мировой экспорт (world_totals, TOTAL)',
  },
  complementarity: {
    en: 'exports by HS product of the exporters and imports by HS product of the importers, in the same years',
    zh: '相同年份中出口方按 HS 商品划分的出口和进口方按 HS 商品划分的进口',
    ru: 'экспорт экспортёров и импорт импортёров по товарам HS за одни и те же годы',
  },
  eci: {
    en: 'exports by HS product of many countries in one year, from one source (BACI, Comtrade)',
    zh: '同一来源（BACI、Comtrade）中众多国家同一年份按 HS 商品划分的出口',
    ru: 'экспорт многих стран по товарам HS за один год из одного источника (BACI, Comtrade)',
  },
  pci: {
    en: 'exports by HS product of many countries in one year, from one source (BACI, Comtrade)',
    zh: '同一来源（BACI、Comtrade）中众多国家同一年份按 HS 商品划分的出口',
    ru: 'экспорт многих стран по товарам HS за один год из одного источника (BACI, Comtrade)',
  },
  'grubel-lloyd': {
    en: 'exports and imports by product of the same reporter and partner (two years for marginal)',
    zh: '同一报告方与同一伙伴之间按商品划分的出口和进口（边际指数需两个年份）',
    ru: 'экспорт и импорт по товарам одной и той же пары «отчитывающаяся сторона — партнёр» (для предельного индекса — за два года)',
  },
  'unit-value': {
    en: 'flows with a quantity (and its unit) or a net weight',
    zh: '带有数量（及其单位）或净重的流量',
    ru: 'потоки с количеством (и его единицей измерения) или весом нетто',
  },
  'value-volume': {
    en: 'the value and the quantity (same unit) of a series in two consecutive years',
    zh: '同一序列连续两年的金额和数量（单位相同）',
    ru: 'стоимость и количество (в одной единице) ряда за два года подряд',
  },
  mirror: {
    en: 'both reports of the same flow: the importer’s and the exporter’s (or mirror rows)',
    zh: '同一流量的双方报告：进口方的和出口方的（或镜像数据行）',
    ru: 'оба отчёта об одном потоке: импортёра и экспортёра (или зеркальные строки)',
  },
};

/** What an indicator needs, in the language; the library's English where there is no translation. */
export function indicatorNeeds(name: string, lang: Lang, english: string): string {
  const t = INDICATOR_NEEDS[name];
  // a translation of another English sentence is not this one's
  return t && t.en === english ? t[lang] : english;
}

/**
 * The lines `amur trade indicator --list` prints under an indicator's name and
 * definition: its unit and what it needs, and the options it reads. Every
 * template has the same placeholders in every language.
 */
export const INDICATOR_LIST_LINES = {
  'unit-needs': {
    en: 'unit: {unit}; needs: {needs}',
    zh: '单位：{unit}；所需数据：{needs}',
    ru: 'единица измерения: {unit}; нужны данные: {needs}',
  },
  options: { en: 'options: {options}', zh: '参数：{options}', ru: 'параметры: {options}' },
} as const satisfies Record<string, Texts>;

/** An indicator's human-readable texts, as the library lists them (`listIndicators`). */
export interface IndicatorTexts {
  title: string;
  definition: string;
  unit: string;
  needs: string;
}

/** An indicator's title, definition, unit and needs in the language (each the library's English where untranslated). */
export function indicatorTexts(
  d: IndicatorTexts & { name: string },
  lang: Lang,
): IndicatorTexts & { lang: Lang } {
  return {
    lang,
    // in English the library's own title (INDICATOR_NAMES.en is the web app's shorter one)
    title: lang === 'en' ? d.title : indicatorName(d.name, lang, d.title),
    definition: indicatorDefinition(d.name, lang, d.definition),
    unit: indicatorUnit(d.unit, lang),
    needs: indicatorNeeds(d.name, lang, d.needs),
  };
}
