/**
 * What an audit finding says, in English, Chinese and Russian. Every finding
 * carries a stable `code` (one per sentence the rules write) and its `params`
 * (the values of the sentence), and `clauses` for what is added to it (a
 * correction in the spec, a note on a small gap, …), each with its own code
 * and params. The English `message` is this module's English text;
 * `findingText(f, lang, names)` says it in the reader's language (the web
 * app and `amur trade audit --lang`).
 *
 * A placeholder is `{name}` (the value as written: numbers already rounded by
 * `fmt`, printed figures), `{name:money}` (US dollars), `{name:moneyIv}` (an
 * interval `[lo, hi]` of US dollars, `null` for an open end),
 * `{name:scale}` (a multiplier: "millions"), `{name:id}` (a column or row key
 * as imported, kept as written), `{name:region}` / `{name:regions}` (region
 * codes, said by their names), `{name:partner}` (a region, "the world" for
 * WLD), `{name:ev}` (evidence — how a value is known, a text fact, a flow, a
 * unit — an `Evidence` said in the language by evidence-texts.ts) or
 * `{name:list}` (a list of evidence).
 *
 * Pure: no Node import, so the web app bundles it.
 */
import {
  type AuditLang,
  type Evidence,
  type EvidencePiece,
  mergePieces,
  placeholderPieces,
  type RegionNames,
  templatePieces,
} from './evidence-texts.ts';

export { type AuditLang, moneyIvText, moneyText, type RegionNames } from './evidence-texts.ts';

type Texts = Record<AuditLang, string>;

/** A value of a finding's sentence: text or a number as written, an amount, an interval (`null` = open end), evidence. */
export type FindingParam = string | number | null | (number | null)[] | Evidence | Evidence[] | string[];
export type FindingParams = Record<string, FindingParam>;

/** The sentence of each code, in each language. */
export const FINDING_TEXTS = {
  'growth.mismatch': {
    en: 'printed {printed}% but {from} = {estimate}% ({range}% with the rounding of the printed values)',
    zh: '印刷为 {printed}%，但 {from} = {estimate}%（按印刷数值的舍入为 {range}%）',
    ru: 'напечатано {printed}%, но {from} = {estimate}% ({range}% с учётом округления напечатанных значений)',
  },
  'growth.mismatch-known': {
    en: 'printed {printed}% but {current} against {previous:moneyIv} ({how:ev}) = {estimate}% ({range}% with the rounding of the printed values)',
    zh: '印刷为 {printed}%，但 {current} 对比 {previous:moneyIv}（{how:ev}）= {estimate}%（按印刷数值的舍入为 {range}%）',
    ru: 'напечатано {printed}%, но {current} против {previous:moneyIv} ({how:ev}) = {estimate}% ({range}% с учётом округления напечатанных значений)',
  },
  'growth.unchecked': {
    en: '{count} printed growth rate{s} cannot be checked: no {years} value{ys} for the same flow in the table, the text or the store',
    zh: '有 {count} 个印刷的增长率无法核验：表格、正文和数据库中都没有同一流量 {years} 年的数值',
    ru: 'напечатанных темпов прироста, которые нельзя проверить: {count}; нет значений за {years} г. для того же потока ни в таблице, ни в тексте, ни в базе',
  },
  'components.total': {
    en: 'printed total {total} but {exportColumn:id} + {importColumn:id} = {exports} + {imports} = {sum} ({range}); the difference is beyond rounding',
    zh: '印刷的合计为 {total}，但 {exportColumn:id} + {importColumn:id} = {exports} + {imports} = {sum}（{range}）；差额超出舍入范围',
    ru: 'напечатан итог {total}, но {exportColumn:id} + {importColumn:id} = {exports} + {imports} = {sum} ({range}); расхождение больше округления',
  },
  'components.prior-year': {
    en: 'the growth rates printed for {row:id} imply {year} values that do not add up: exports {exports} + imports {imports} = {sum} against a total of {total}',
    zh: '{row:id} 行印刷的增长率推算出的 {year} 年数值不能相加吻合：出口 {exports} + 进口 {imports} = {sum}，而合计为 {total}',
    ru: 'напечатанные для {row:id} темпы прироста дают значения за {year} г., которые не складываются: экспорт {exports} + импорт {imports} = {sum} при итоге {total}',
  },
  'part-whole.exceeds': {
    en: '{part:ev}, {partValue:moneyIv} ({partHow:ev}), exceeds {whole:ev}, {wholeValue:moneyIv} ({wholeHow:ev}), which contains it',
    zh: '{part:ev}为 {partValue:moneyIv}（{partHow:ev}），超过了包含它的{whole:ev}，{wholeValue:moneyIv}（{wholeHow:ev}）',
    ru: '{part:ev}, {partValue:moneyIv} ({partHow:ev}), больше, чем {whole:ev}, {wholeValue:moneyIv} ({wholeHow:ev}), куда оно входит',
  },
  'periods.sum': {
    en: '{fact:ev} gives {claim:money} for {from}–{to}; the years add up to {sum:moneyIv} ({how:ev})',
    zh: '{fact:ev}给出 {from}–{to} 年合计 {claim:money}；各年相加为 {sum:moneyIv}（{how:ev}）',
    ru: '{fact:ev} даёт {claim:money} за {from}–{to} гг.; сумма по годам — {sum:moneyIv} ({how:ev})',
  },
  'periods.world-share': {
    en: "{fact:ev}: {claim:money} with {partner:region} over {period} is {share}% ({range}%) of {reporter:region}'s trade with the world in those years, {sum:moneyIv} ({how:ev})",
    zh: '{fact:ev}：{period} 年与 {partner:region} 的 {claim:money} 占 {reporter:region} 同期对世界贸易 {sum:moneyIv}（{how:ev}）的 {share}%（{range}%）',
    ru: '{fact:ev}: {claim:money} (партнёр: {partner:region}, {period}) — это {share}% ({range}%) всей внешней торговли ({reporter:region}) за те же годы, {sum:moneyIv} ({how:ev})',
  },
  'periods.other-share-lead': {
    en: '{fact:ev}: {claim:money} with {partner:region} over {period}: it is {share}% ({range}%) of {label:ev} over {period}, {sum:moneyIv} ({how:ev})',
    zh: '{fact:ev}：{period} 年与 {partner:region} 的 {claim:money}：占 {period} 年{label:ev} {sum:moneyIv}（{how:ev}）的 {share}%（{range}%）',
    ru: '{fact:ev}: {claim:money} (партнёр: {partner:region}, {period}): это {share}% ({range}%) от итога ({label:ev}) за {period}, {sum:moneyIv} ({how:ev})',
  },
  'periods.other-share': {
    en: 'it is {share}% ({range}%) of {label:ev} over {period}, {sum:moneyIv} ({how:ev})',
    zh: '占 {period} 年{label:ev} {sum:moneyIv}（{how:ev}）的 {share}%（{range}%）',
    ru: 'это {share}% ({range}%) от итога ({label:ev}) за {period}, {sum:moneyIv} ({how:ev})',
  },
  'periods.unrelated': {
    en: "{names:list} cannot be related: nothing gives {reporter:region}'s trade with {partner:region} for every year of {period}",
    zh: '{names:list}无法核对：没有任何数据给出 {period} 年每一年 {reporter:region} 与 {partner:region} 的贸易',
    ru: '{names:list} сверить нельзя: нет данных о торговле ({reporter:region} — {partner:region}) за каждый год периода {period}',
  },
  'scale.unit': {
    en: 'the unit "{unit:ev}" fails {failed} of the {checks} comparisons with the text and other sources that depend on it; all {failed} hold with the values in {scale:scale} (×{factor}), and {passes} of {checks} hold then',
    zh: '单位“{unit:ev}”使依赖它的 {checks} 项与正文和其他来源的比较中有 {failed} 项不符；若数值以{scale:scale}为单位（×{factor}），这 {failed} 项全部相符，共 {passes}/{checks} 项相符',
    ru: 'с единицей «{unit:ev}» не сходятся {failed} из {checks} зависящих от неё сравнений с текстом и другими источниками; в единицах «{scale:scale}» (×{factor}) сходятся все {failed}, а всего {passes} из {checks}',
  },
  'scale.listed': {
    en: '{count} comparisons that fail at "{unit:ev}" and hold at ×{factor} are listed in the scale finding\'s details, not repeated here',
    zh: '在“{unit:ev}”下不符、在 ×{factor} 下相符的 {count} 项比较列在单位问题的详情中，此处不再重复',
    ru: 'сравнения, которые не сходятся при «{unit:ev}» и сходятся при ×{factor} ({count}), перечислены в подробностях находки о масштабе и здесь не повторяются',
  },
  'share.in-table': {
    en: 'printed {printed}% but {part} / {total} = {estimate}% ({range}%)',
    zh: '印刷为 {printed}%，但 {part} / {total} = {estimate}%（{range}%）',
    ru: 'напечатано {printed}%, но {part} / {total} = {estimate}% ({range}%)',
  },
  'share.outside-total': {
    en: 'printed {printed}% but {part} ({scale:scale}) is {estimate}% ({range}%) of {label:ev}, {total:moneyIv} ({how:ev})',
    zh: '印刷为 {printed}%，但 {part}（{scale:scale}）占 {label:ev}（{total:moneyIv}，{how:ev}）的 {estimate}%（{range}%）',
    ru: 'напечатано {printed}%, но {part} ({scale:scale}) — это {estimate}% ({range}%) от итога ({label:ev}), {total:moneyIv} ({how:ev})',
  },
  'share.agreed-total': {
    en: "printed {printed}% but {part} is {estimate}% ({range}%) of {label:ev}, {total} (the total the other rows' values and shares agree on)",
    zh: '印刷为 {printed}%，但 {part} 占 {label:ev}（{total}，即其他各行数值与占比一致推出的总额）的 {estimate}%（{range}%）',
    ru: 'напечатано {printed}%, но {part} — это {estimate}% ({range}%) от итога ({label:ev}), {total} (итог, на котором сходятся значения и доли других строк)',
  },
  'share.over-100': {
    en: 'the {count} printed shares of {label:ev} add up to {total}% (at least {low}% at the bottom of their rounding): the categories overlap, or a share is wrong',
    zh: '{label:ev}的 {count} 个印刷占比相加为 {total}%（按舍入下限至少 {low}%）：类别有重叠，或某个占比有误',
    ru: '{count} напечатанных долей итога ({label:ev}) в сумме дают {total}% (не менее {low}% по нижней границе округления): категории пересекаются или одна из долей неверна',
  },
  'share.parts-exceed': {
    en: 'the {count} values add up to {sum}, more than {label:ev} ({range}, {how:ev}): the categories overlap',
    zh: '{count} 个数值相加为 {sum}，超过{label:ev}（{range}，{how:ev}）：类别有重叠',
    ru: '{count} значений в сумме дают {sum}, больше, чем {label:ev} ({range}, {how:ev}): категории пересекаются',
  },
  'share.parts-exceed-agreed': {
    en: "the {count} values add up to {sum}, more than {label:ev} ({range}, the total the rows' values and shares agree on): the categories overlap",
    zh: '{count} 个数值相加为 {sum}，超过{label:ev}（{range}，即各行数值与占比一致推出的总额）：类别有重叠',
    ru: '{count} значений в сумме дают {sum}, больше, чем {label:ev} ({range}, итог, на котором сходятся значения и доли строк): категории пересекаются',
  },
  'text.value-table': {
    en: '{fact:ev} gives {comparison}{claim:money}, the table {table:money}',
    zh: '{fact:ev}给出{comparison}{claim:money}，表格为 {table:money}',
    ru: '{fact:ev} даёт {comparison}{claim:money}, в таблице {table:money}',
  },
  'text.value-known': {
    en: '{fact:ev} gives {comparison}{claim:money}, against {known:moneyIv} ({how:ev})',
    zh: '{fact:ev}给出{comparison}{claim:money}，而已知为 {known:moneyIv}（{how:ev}）',
    ru: '{fact:ev} даёт {comparison}{claim:money}, тогда как известно {known:moneyIv} ({how:ev})',
  },
  'text.growth-table': {
    en: 'the table prints {printed}% but {fact:ev} says {factPrinted}%',
    zh: '表格印刷为 {printed}%，但{fact:ev}称 {factPrinted}%',
    ru: 'в таблице напечатано {printed}%, но {fact:ev} говорит о {factPrinted}%',
  },
  'text.growth-values': {
    en: '{fact:ev} says {factPrinted}%; {current:moneyIv} ({currentHow:ev}) against {previous:moneyIv} ({previousHow:ev}) is {estimate}% ({range}%)',
    zh: '{fact:ev}称 {factPrinted}%；{current:moneyIv}（{currentHow:ev}）对比 {previous:moneyIv}（{previousHow:ev}）为 {estimate}%（{range}%）',
    ru: '{fact:ev} говорит о {factPrinted}%; {current:moneyIv} ({currentHow:ev}) против {previous:moneyIv} ({previousHow:ev}) — это {estimate}% ({range}%)',
  },
  'text.share': {
    en: '{fact:ev}: {comparison}{factPrinted}%, but {part:moneyIv} ({partHow:ev}) is {estimate}% of {total:moneyIv} ({totalHow:ev}) in {year}',
    zh: '{fact:ev}：{comparison}{factPrinted}%，但 {year} 年 {part:moneyIv}（{partHow:ev}）只占 {total:moneyIv}（{totalHow:ev}）的 {estimate}%',
    ru: '{fact:ev}: {comparison}{factPrinted}%, но {part:moneyIv} ({partHow:ev}) — это {estimate}% от {total:moneyIv} ({totalHow:ev}) в {year} г.',
  },
  'text.value-unchecked': {
    en: '{fact:ev} gives {comparison}{claim:money} ({flow:ev}, {year}): nothing in the table, the other tables and texts or the store gives that flow for {year}, so it cannot be checked',
    zh: '{fact:ev}给出{comparison}{claim:money}（{flow:ev}，{year} 年）：表格、其他表格和正文以及数据库中都没有该流量 {year} 年的数值，因此无法核验',
    ru: '{fact:ev} даёт {comparison}{claim:money} ({flow:ev}, {year} г.): ни в таблице, ни в других таблицах и текстах, ни в базе нет этого потока за {year} г., поэтому проверить нельзя',
  },
  'text.value-unchecked-currency': {
    en: '{fact:ev} gives {comparison}{claim} {currency:id} ({flow:ev}, {year}): there is no {currency:id} rate for {year} and nothing else gives that flow, so it cannot be checked',
    zh: '{fact:ev}给出{comparison}{claim} {currency:id}（{flow:ev}，{year} 年）：没有 {year} 年的 {currency:id} 汇率，也没有其他数据给出该流量，因此无法核验',
    ru: '{fact:ev} даёт {comparison}{claim} {currency:id} ({flow:ev}, {year} г.): нет курса {currency:id} за {year} г. и ничто другое не даёт этот поток, поэтому проверить нельзя',
  },
  'group.claim': {
    en: '{fact:ev}: {comparison}{printed}% with {members:regions}{year:when}',
    zh: '{fact:ev}：与 {members:regions} 的贸易{comparison}{printed}%{year:when}',
    ru: '{fact:ev}: {comparison}{printed}% (партнёры: {members:regions}){year:when}',
  },
  'ratio.unrelated': {
    en: "{fact:ev}: {printed} times {other} cannot be related: nothing gives {reporter:region}'s trade with {partner:partner} over {period}",
    zh: '{fact:ev}：{other} 的 {printed} 倍无法核对：没有任何数据给出 {period} 年 {reporter:region} 与{partner:partner}的贸易',
    ru: '{fact:ev}: «в {printed} раза больше, чем в {other}» сверить нельзя: нет данных о торговле ({reporter:region} — {partner:partner}) за {period}',
  },
  'ratio.head': {
    en: "{fact:ev}: {reporter:region}'s trade with {partner:partner} over {period}, {value:money}, is {printed} times that of {other}, which makes {other} {implied:money} ({low:money}…{high:money})",
    zh: '{fact:ev}：{period} 年 {reporter:region} 与{partner:partner}的贸易为 {value:money}，是 {other} 年的 {printed} 倍，由此 {other} 年为 {implied:money}（{low:money}…{high:money}）',
    ru: '{fact:ev}: торговля ({reporter:region} — {partner:partner}) за {period}, {value:money}, в {printed} раза больше, чем за {other}, откуда за {other} — {implied:money} ({low:money}…{high:money})',
  },
  'ratio.head-how': {
    en: "{fact:ev}: {reporter:region}'s trade with {partner:partner} over {period}, {value:money} ({how:ev}), is {printed} times that of {other}, which makes {other} {implied:money} ({low:money}…{high:money})",
    zh: '{fact:ev}：{period} 年 {reporter:region} 与{partner:partner}的贸易为 {value:money}（{how:ev}），是 {other} 年的 {printed} 倍，由此 {other} 年为 {implied:money}（{low:money}…{high:money}）',
    ru: '{fact:ev}: торговля ({reporter:region} — {partner:partner}) за {period}, {value:money} ({how:ev}), в {printed} раза больше, чем за {other}, откуда за {other} — {implied:money} ({low:money}…{high:money})',
  },
  // clauses: added after the sentence, with their own leading punctuation
  'clause.ratio-consistent': {
    en: '; {other} is {value:money} ({how:ev}), a ratio of {ratio} ({range}): consistent',
    zh: '；{other} 年为 {value:money}（{how:ev}），比值 {ratio}（{range}）：相符',
    ru: '; за {other} — {value:money} ({how:ev}), отношение {ratio} ({range}): сходится',
  },
  'clause.ratio-inconsistent': {
    en: '; {other} is {value:money} ({how:ev}), a ratio of {ratio} ({range}): not {printed}',
    zh: '；{other} 年为 {value:money}（{how:ev}），比值 {ratio}（{range}）：不是 {printed}',
    ru: '; за {other} — {value:money} ({how:ev}), отношение {ratio} ({range}): не {printed}',
  },
  'clause.ratio-unchecked': {
    en: "; nothing in the table, the texts or the store gives {reporter:region}'s trade with {partner:partner} for {other}, so the ratio itself cannot be checked",
    zh: '；表格、正文和数据库中都没有 {other} 年 {reporter:region} 与{partner:partner}的贸易，因此比值本身无法核验',
    ru: '; ни таблица, ни тексты, ни база не дают торговли ({reporter:region} — {partner:partner}) за {other}, поэтому само отношение проверить нельзя',
  },
  'clause.ratio-implied': {
    en: '; the implied {other} value is ',
    zh: '；推算的 {other} 年数值',
    ru: '; выведенное значение за {other} ',
  },
  'clause.ratio-within': {
    en: 'within {whole:money} for {span} ({fact:ev})',
    zh: '在 {span} 年 {whole:money}（{fact:ev}）之内',
    ru: 'в пределах {whole:money} за {span} ({fact:ev})',
  },
  'clause.ratio-more-than': {
    en: 'more than {whole:money} for {span} ({fact:ev})',
    zh: '超过 {span} 年的 {whole:money}（{fact:ev}）',
    ru: 'больше {whole:money} за {span} ({fact:ev})',
  },
  'clause.ratio-together': {
    en: ' together with {period}',
    zh: '（与 {period} 年合计）',
    ru: ' вместе с {period}',
  },
  'clause.and': { en: '; ', zh: '；', ru: '; ' },
  'clause.periods-that': { en: '; that ', zh: '；这', ru: '; это ' },
  'clause.periods-fits': {
    en: 'fits {fact:ev}: {comparison}{printed}%',
    zh: '与{fact:ev}相符：{comparison}{printed}%',
    ru: 'соответствует утверждению ({fact:ev}): {comparison}{printed}%',
  },
  'clause.periods-misfit': {
    en: 'does not fit {fact:ev}: {comparison}{printed}%',
    zh: '与{fact:ev}不符：{comparison}{printed}%',
    ru: 'не соответствует утверждению ({fact:ev}): {comparison}{printed}%',
  },
  'clause.periods-no-year': { en: ' with no year', zh: '（未注明年份）', ru: ' (год не указан)' },
  'clause.periods-year': { en: ' for {year}', zh: '（{year} 年）', ru: ' за {year} г.' },
  'clause.periods-year-outside': {
    en: ' for {year}, outside {period}',
    zh: '（{year} 年，不在 {period} 年内）',
    ru: ' за {year} г., вне {period}',
  },
  'clause.group-unchecked': {
    en: " cannot be checked: nothing gives {reporter:region}'s trade with {members:regions} together with its total for the same year",
    zh: '无法核验：没有任何数据同时给出 {reporter:region} 与 {members:regions} 的贸易及同年的总额',
    ru: ' — проверить нельзя: нет данных о торговле ({reporter:region} — {members:regions}) вместе с итогом за тот же год',
  },
  'clause.group-year-fits': {
    en: '; {year}: {share}% ({range}%), fits',
    zh: '；{year} 年：{share}%（{range}%），相符',
    ru: '; {year} г.: {share}% ({range}%), соответствует',
  },
  'clause.group-year-misfit': {
    en: '; {year}: {share}% ({range}%), does not fit',
    zh: '；{year} 年：{share}%（{range}%），不符',
    ru: '; {year} г.: {share}% ({range}%), не соответствует',
  },
  'clause.group-missing': {
    en: "; nothing in the table, the texts or the store gives {reporter:region}'s trade with {missing:regions}, so the share cannot be checked; {known:regions} alone {verb} ",
    zh: '；表格、正文和数据库中都没有 {reporter:region} 与 {missing:regions} 的贸易数据，因此无法核验该占比；仅 {known:regions} 就',
    ru: '; ни таблица, ни тексты, ни база не дают торговли ({reporter:region} — {missing:regions}), поэтому долю проверить нельзя; доля одних только известных партнёров ({known:regions}) — ',
  },
  'clause.group-span-one': {
    en: '{share}% in {year} of {label:total}',
    zh: '在 {year} 年占{label:total}的 {share}%',
    ru: '{share}% в {year} г. от итога ({label:total})',
  },
  'clause.group-span-range': {
    en: 'from {low}% ({lowYear}) to {high}% ({highYear}) of {label:total} over the {count} years known',
    zh: '在已知的 {count} 年中占{label:total}的 {low}%（{lowYear}）至 {high}%（{highYear}）',
    ru: 'от {low}% ({lowYear}) до {high}% ({highYear}) от итога ({label:total}) за {count} известных лет',
  },
  'clause.group-bound-above': {
    en: " — a lower bound on the group's share, above the text's {printed}% in {years}",
    zh: '——这是该组占比的下限，{years} 年已高于正文所说的 {printed}%',
    ru: ' — это нижняя граница доли группы, и она выше {printed}% из текста в {years} г.',
  },
  'clause.group-bound-at-least': {
    en: ' — a lower bound on the group\'s share, which an "at least" claim cannot contradict',
    zh: '——这是该组占比的下限，与“至少”的说法并不矛盾',
    ru: ' — это нижняя граница доли группы, которая не может противоречить утверждению «не менее»',
  },
  'clause.group-bound-fits': {
    en: " — a lower bound on the group's share, which does not contradict it",
    zh: '——这是该组占比的下限，与其并不矛盾',
    ru: ' — это нижняя граница доли группы, и она ему не противоречит',
  },
  'clause.decimal-slip': {
    en: '; {fits} fits: {what}',
    zh: '；{fits} 相符：{what}',
    ru: '; подходит {fits}: {what}',
  },
  'clause.small-gap': {
    en: '; small: perhaps computed from revised or unrounded figures',
    zh: '；差距很小：可能是按修订后或未舍入的数字计算的',
    ru: '; расхождение небольшое: возможно, рассчитано по пересмотренным или неокруглённым данным',
  },
  'clause.small-gap-outside': {
    en: '; small: perhaps computed from revised or unrounded figures (outside totals are often revised after a paper is written)',
    zh: '；差距很小：可能是按修订后或未舍入的数字计算的（外部总额常在论文写成后被修订）',
    ru: '; расхождение небольшое: возможно, рассчитано по пересмотренным или неокруглённым данным (внешние итоги часто пересматривают после написания статьи)',
  },
  'clause.spec-corrects': {
    en: ' (the spec corrects it to {corrected})',
    zh: '（规格文件将其更正为 {corrected}）',
    ru: ' (спецификация исправляет его на {corrected})',
  },
  'clause.spec-corrects-unit': {
    en: ' (the spec corrects the unit to {scale:scale})',
    zh: '（规格文件将单位更正为{scale:scale}）',
    ru: ' (спецификация исправляет единицу на «{scale:scale}»)',
  },
  'clause.still-off': {
    en: '; with the values in {scale:scale} it is still off: {estimate} ({range})',
    zh: '；即使数值以{scale:scale}为单位仍然不符：{estimate}（{range}）',
    ru: '; и в единицах «{scale:scale}» расхождение остаётся: {estimate} ({range})',
  },
  'clause.factor': {
    en: ': a factor of {factor} (a decimal-point slip in the text or the table)',
    zh: '：相差 {factor} 倍（正文或表格中小数点错位）',
    ru: ': разница в {factor} раз (сдвиг десятичной запятой в тексте или в таблице)',
  },
  'clause.factor-known': {
    en: ': a factor of {factor} (a decimal-point slip in one of them)',
    zh: '：相差 {factor} 倍（其中之一小数点错位）',
    ru: ': разница в {factor} раз (сдвиг десятичной запятой в одном из них)',
  },
  'clause.share-fits-table': {
    en: "; the table's own {share}% share fits {printed}, not the text's figure ({textShare}%)",
    zh: '；表格自身的 {share}% 占比与 {printed} 相符，而不是正文的数字（{textShare}%）',
    ru: '; собственная доля таблицы {share}% соответствует {printed}, а не цифре текста ({textShare}%)',
  },
  'clause.share-fits-text': {
    en: "; the table's own {share}% share fits the text's figure, not {printed}",
    zh: '；表格自身的 {share}% 占比与正文的数字相符，而不是 {printed}',
    ru: '; собственная доля таблицы {share}% соответствует цифре текста, а не {printed}',
  },
  'clause.share-fits-both': {
    en: "; the table's {share}% share fits both",
    zh: '；表格的 {share}% 占比与两者都相符',
    ru: '; доля таблицы {share}% соответствует обоим',
  },
} as const satisfies Record<string, Texts>;

export type FindingCode = keyof typeof FINDING_TEXTS;
export const FINDING_CODES = Object.keys(FINDING_TEXTS) as FindingCode[];

/** True for a code this module has texts for (an answer from a newer server may carry others). */
export const isFindingCode = (code: string): code is FindingCode => Object.hasOwn(FINDING_TEXTS, code);

/** A sentence (or a clause) of a finding: its code and values. */
export interface Said {
  code: FindingCode;
  params: FindingParams;
}

/** What a decimal slip (`decimalSlip` in interval.ts) is, in each language. */
const SLIP_WHAT: Record<string, Texts> = {
  'a lost decimal point': {
    en: 'a lost decimal point',
    zh: '丢失了小数点',
    ru: 'потеряна десятичная запятая',
  },
  'a decimal point one place too far left': {
    en: 'a decimal point one place too far left',
    zh: '小数点左移了一位',
    ru: 'десятичная запятая сдвинута на один знак влево',
  },
};

/** A text comparison of a fact ("at-least", "at-most"; "about" is not said). */
const COMPARISON: Record<string, Texts> = {
  'at-least': { en: 'at-least ', zh: '至少', ru: 'не менее ' },
  'at-most': { en: 'at-most ', zh: '至多', ru: 'не более ' },
};

/** An interval as a param: `[lo, hi]`, an open end as `null` (JSON has no infinity). */
export const ivParam = (iv: { lo: number; hi: number }): (number | null)[] => [
  Number.isFinite(iv.lo) ? iv.lo : null,
  Number.isFinite(iv.hi) ? iv.hi : null,
];

/** One value of a sentence in the language, in pieces, by its placeholder's type. */
function paramPieces(
  value: FindingParam | undefined,
  type: string | undefined,
  name: string,
  lang: AuditLang,
  names?: RegionNames,
): EvidencePiece[] {
  const text = (t: string): EvidencePiece[] => (t ? [{ text: t, kind: 'text' }] : []);
  if (type === 'when') {
    if (value === null || value === undefined)
      return text({ en: ' (no year)', zh: '（未注明年份）', ru: ' (год не указан)' }[lang]);
    return text({ en: ` in ${value}`, zh: `（${value} 年）`, ru: ` в ${value} г.` }[lang]);
  }
  if (type === 'total' && (value === null || value === undefined))
    return text({ en: 'the total', zh: '总额', ru: 'итога' }[lang]);
  if (value === undefined || value === null) return [];
  if (type === 'partner' && value === 'WLD')
    return text({ en: 'the world', zh: '世界', ru: 'весь мир' }[lang]);
  if (name === 'what') return text(SLIP_WHAT[String(value)]?.[lang] ?? String(value));
  if (name === 'comparison')
    return text(value === 'about' ? '' : (COMPARISON[String(value)]?.[lang] ?? `${value} `));
  const t = type === 'partner' ? 'region' : type === 'total' ? 'ev' : type;
  return placeholderPieces(value as never, t, lang, names);
}

/** One piece of a said sentence: text in the language, a literal kept as written (ids, codes), or a citation. */
export type FindingPiece = EvidencePiece;

/** A sentence or clause in the language, in pieces. */
export function saidPieces(s: Said, lang: AuditLang, names?: RegionNames): FindingPiece[] {
  return templatePieces(FINDING_TEXTS[s.code][lang], (name, type) =>
    paramPieces(s.params[name], type, name, lang, names),
  );
}

export function saidText(s: Said, lang: AuditLang, names?: RegionNames): string {
  return saidPieces(s, lang, names)
    .map((p) => p.text)
    .join('');
}

/** What a finding says: its sentence and its clauses (`Finding` has these fields). */
export interface Saying {
  code: FindingCode;
  params: FindingParams;
  clauses?: Said[];
}

/** A finding's whole text in the language, in pieces (neighbours of one kind merged). */
export function findingPieces(f: Saying, lang: AuditLang, names?: RegionNames): FindingPiece[] {
  return mergePieces([f, ...(f.clauses ?? [])].flatMap((s) => saidPieces(s, lang, names)));
}

/** A finding's whole text in the language (in English: its `message`), region names from `names`. */
export function findingText(f: Saying, lang: AuditLang, names?: RegionNames): string {
  return findingPieces(f, lang, names)
    .map((p) => p.text)
    .join('');
}

/** The fields a rule puts on a finding for a sentence with clauses: code, params, clauses and the English message. */
export function saying(main: Said, clauses: Said[] = []): Saying & { message: string } {
  const s: Saying = clauses.length ? { ...main, clauses } : { ...main };
  return { ...s, message: findingText(s, 'en') };
}

/** A said sentence with one more clause. */
export const said = (code: FindingCode, params: FindingParams = {}): Said => ({ code, params });
