/**
 * The evidence an audit finding cites, in English, Chinese and Russian: how
 * a value is known (a cell of a table, a value a printed growth or share
 * implies, a text fact, a sum of years), which text fact says something,
 * which flow a value is about, and the table's unit. Each is an `Evidence`,
 * a code (`EVIDENCE_TEXTS`) with its params; a param may itself be evidence
 * (a growth carried on from a known value) or a list of them (a sum).
 *
 * A placeholder is `{name}` (a number or printed figure as written),
 * `{name:id}` (an identifier kept as written: a fact id, a column, a source
 * id, a row key as printed), `{name:cite}` (an author and year),
 * `{name:region}` / `{name:regions}` (region codes, said by their names in
 * the language when the result carries them, else the code),
 * `{name:money}` / `{name:moneyIv}` (US dollars, an interval `[lo, hi]`),
 * `{name:scale}` (a multiplier), `{name:currency}` (a currency code),
 * `{name:ev}` (evidence), `{name:sum}` (evidence joined by "+") and
 * `{name:list}` (evidence joined as a list).
 *
 * Also the money and scale wording shared with the findings' sentences
 * (texts.ts). Pure: no Node import, so the web app bundles it.
 */
import { scaleName } from '../vocabulary.ts';
import { fmt } from './format.ts';

export type AuditLang = 'en' | 'zh' | 'ru';
type Texts = Record<AuditLang, string>;

/** A piece of evidence: its code and values. */
export interface Evidence {
  ev: EvidenceCode;
  params: Record<string, EvidenceParam>;
}
export type EvidenceParam = string | number | null | Evidence | Evidence[] | string[] | (number | null)[];

/** Names of regions by code, in each language (`AuditResult.names`, from the store's regions). */
export type RegionNames = Record<string, Partial<Record<AuditLang, string>>>;

export const EVIDENCE_TEXTS = {
  // sources
  'source.this': { en: 'this table', zh: '本表', ru: 'эта таблица' },
  'source.other': { en: '[{id:id}]', zh: '[{id:id}]', ru: '[{id:id}]' },
  // text facts
  'fact.text': { en: 'the text [{fact:id}]', zh: '正文 [{fact:id}]', ru: 'текст [{fact:id}]' },
  'fact.text-cite': {
    en: 'the text ({cite:cite}) [{fact:id}]',
    zh: '正文（{cite:cite}）[{fact:id}]',
    ru: 'текст ({cite:cite}) [{fact:id}]',
  },
  'fact.other': {
    en: 'the text of {source:ev} [{fact:id}]',
    zh: '{source:ev} 的正文 [{fact:id}]',
    ru: 'текст из {source:ev} [{fact:id}]',
  },
  'fact.other-cite': {
    en: 'the text of {source:ev} ({cite:cite}) [{fact:id}]',
    zh: '{source:ev} 的正文（{cite:cite}）[{fact:id}]',
    ru: 'текст из {source:ev} ({cite:cite}) [{fact:id}]',
  },
  'fact.cite': {
    en: '{cite:cite} [{fact:id}]',
    zh: '{cite:cite} [{fact:id}]',
    ru: '{cite:cite} [{fact:id}]',
  },
  'fact.share-of': {
    en: '{fact:ev} ({printed}% of {label:ev})',
    zh: '{fact:ev}（占{label:ev}的 {printed}%）',
    ru: '{fact:ev} ({printed}% от: {label:ev})',
  },
  // how a value is known
  'how.cell': {
    en: '{source:ev}, {row:id} {column:id} = {printed}',
    zh: '{source:ev}，{row:id} {column:id} = {printed}',
    ru: '{source:ev}, {row:id} {column:id} = {printed}',
  },
  'how.implied-growth': {
    en: 'implied by {source:ev}: {row:id} {column:id} {printed} at a printed growth of {growth}%',
    zh: '由{source:ev}推算：{row:id} {column:id} {printed}，印刷的增长率为 {growth}%',
    ru: 'выведено из данных ({source:ev}): {row:id} {column:id} {printed} при напечатанном приросте {growth}%',
  },
  'how.at-share': {
    en: '{row:id} {column:id} {printed} at {share}% ({shareColumn:id})',
    zh: '{row:id} {column:id} {printed}，占比 {share}%（{shareColumn:id}）',
    ru: '{row:id} {column:id} {printed} при доле {share}% ({shareColumn:id})',
  },
  'how.implied': {
    en: 'implied by {source:ev}: {how:ev}',
    zh: '由{source:ev}推算：{how:ev}',
    ru: 'выведено из данных ({source:ev}): {how:ev}',
  },
  'how.implied-rows': {
    en: 'implied by {source:ev}: the values and {column:id} of its rows',
    zh: '由{source:ev}推算：各行的数值与 {column:id}',
    ru: 'выведено из данных ({source:ev}): значения и {column:id} её строк',
  },
  'how.then-growth': {
    en: '{how:ev}, then {growth}% in {year} ({fact:ev})',
    zh: '{how:ev}，{year} 年再变化 {growth}%（{fact:ev}）',
    ru: '{how:ev}, затем {growth}% в {year} г. ({fact:ev})',
  },
  'how.sum': {
    en: '{parts:sum} ({from}–{to})',
    zh: '{parts:sum}（{from}–{to} 年）',
    ru: '{parts:sum} ({from}–{to} гг.)',
  },
  'how.value': {
    en: '{value:moneyIv} ({how:ev})',
    zh: '{value:moneyIv}（{how:ev}）',
    ru: '{value:moneyIv} ({how:ev})',
  },
  'value.printed': { en: '{printed}', zh: '{printed}', ru: '{printed}' },
  'value.money': { en: '{value:moneyIv}', zh: '{value:moneyIv}', ru: '{value:moneyIv}' },
  // what a flow is: its kind, and its goods
  'what.total': { en: 'trade', zh: '贸易', ru: 'торговля' },
  'what.export': { en: 'exports', zh: '出口', ru: 'экспорт' },
  'what.import': { en: 'imports', zh: '进口', ru: 'импорт' },
  'what.product': { en: '{what:ev} of {code:id}', zh: '{code:id} 的{what:ev}', ru: '{what:ev}: {code:id}' },
  // a flow: who with whom, over a year or not
  'key.with-year': {
    en: "{reporter:region}'s {what:ev} with {partner:region} in {year}",
    zh: '{year} 年{reporter:region}与{partner:region}的{what:ev}',
    ru: '{what:ev} ({reporter:region} — {partner:region}, {year} г.)',
  },
  'key.world-year': {
    en: "{reporter:region}'s {what:ev} in {year}",
    zh: '{year} 年{reporter:region}的{what:ev}',
    ru: '{what:ev} ({reporter:region}, {year} г.)',
  },
  'key.with': {
    en: "{reporter:region}'s {what:ev} with {partner:region}",
    zh: '{reporter:region}与{partner:region}的{what:ev}',
    ru: '{what:ev} ({reporter:region} — {partner:region})',
  },
  'key.world': {
    en: "{reporter:region}'s {what:ev} with the world",
    zh: '{reporter:region}对世界的{what:ev}',
    ru: '{what:ev} ({reporter:region} — весь мир)',
  },
  'key.pair': {
    en: '{reporter:region} – {partner:region}, {what:ev}',
    zh: '{reporter:region}–{partner:region}，{what:ev}',
    ru: '{reporter:region} — {partner:region}, {what:ev}',
  },
  'label.total': { en: 'the total', zh: '总额', ru: 'итог' },
  // the unit of a table: as printed in English, by its scale and currency in the others
  'unit.printed': {
    en: '{printed}',
    zh: '{scale:scale}{currency:currency}',
    ru: '{scale:scale} {currency:currency}',
  },
} as const satisfies Record<string, Texts>;

export type EvidenceCode = keyof typeof EVIDENCE_TEXTS;
export const EVIDENCE_CODES = Object.keys(EVIDENCE_TEXTS) as EvidenceCode[];

export const isEvidence = (v: unknown): v is Evidence =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Evidence).ev === 'string';

/** True for a code this module has texts for (an answer from a newer server may carry others). */
export const isEvidenceCode = (code: string): code is EvidenceCode => Object.hasOwn(EVIDENCE_TEXTS, code);

/** Evidence of a code with its params. */
export const evidence = (ev: EvidenceCode, params: Record<string, EvidenceParam> = {}): Evidence => ({
  ev,
  params,
});

/** A region's name in the language, else its code. */
export const regionName = (code: string, lang: AuditLang, names?: RegionNames): string | undefined =>
  names?.[code]?.[lang] ?? undefined;

/** Names of a multiplier in Chinese and Russian (English: `scaleName`). */
const SCALE_TEXTS: Record<number, Omit<Texts, 'en'>> = {
  1: { zh: '个', ru: 'единицы' },
  10: { zh: '十', ru: 'десятки' },
  100: { zh: '百', ru: 'сотни' },
  1e3: { zh: '千', ru: 'тысячи' },
  1e4: { zh: '万', ru: 'десятки тысяч (万)' },
  1e5: { zh: '十万', ru: 'сотни тысяч' },
  1e6: { zh: '百万', ru: 'миллионы' },
  1e7: { zh: '千万', ru: 'десятки миллионов' },
  1e8: { zh: '亿', ru: 'сотни миллионов (亿)' },
  1e9: { zh: '十亿', ru: 'миллиарды' },
  1e10: { zh: '百亿', ru: 'десятки миллиардов' },
  1e11: { zh: '千亿', ru: 'сотни миллиардов' },
  1e12: { zh: '万亿', ru: 'триллионы' },
};

export function scaleText(m: number, lang: AuditLang): string {
  return lang === 'en' ? scaleName(m) : (SCALE_TEXTS[m]?.[lang] ?? `×${m}`);
}

const CURRENCY_TEXTS: Record<string, Texts> = {
  USD: { en: 'US dollars', zh: '美元', ru: 'долл. США' },
  CNY: { en: 'yuan', zh: '元', ru: 'юани' },
  RUB: { en: 'roubles', zh: '卢布', ru: 'рубли' },
};

/** "US$11.06 billion", "110.6亿美元", "11.06 млрд долл. США" (as `fmtMoney` in English). */
export function moneyText(x: number, lang: AuditLang): string {
  const abs = Math.abs(x);
  if (lang === 'zh') {
    if (abs >= 1e8) return `${fmt(x / 1e8)}亿美元`;
    if (abs >= 1e4) return `${fmt(x / 1e4)}万美元`;
    return `${fmt(x)}美元`;
  }
  if (lang === 'ru') {
    if (abs >= 1e9) return `${fmt(x / 1e9)} млрд долл. США`;
    if (abs >= 1e6) return `${fmt(x / 1e6)} млн долл. США`;
    if (abs >= 1e3) return `${fmt(x / 1e3)} тыс. долл. США`;
    return `${fmt(x)} долл. США`;
  }
  if (abs >= 1e9) return `US$${fmt(x / 1e9)} billion`;
  if (abs >= 1e6) return `US$${fmt(x / 1e6)} million`;
  if (abs >= 1e3) return `US$${fmt(x / 1e3)} thousand`;
  return `US$${fmt(x)}`;
}

/** An interval of US dollars as `fmtMoneyIv` says it (its middle, "at least …" or "at most …"). */
export function moneyIvText(iv: readonly (number | null)[], lang: AuditLang): string {
  const lo = iv[0] ?? -Infinity;
  const hi = iv[1] ?? Infinity;
  if (!Number.isFinite(hi))
    return {
      en: `at least ${moneyText(lo, 'en')}`,
      zh: `至少${moneyText(lo, 'zh')}`,
      ru: `не менее ${moneyText(lo, 'ru')}`,
    }[lang];
  if (lo === 0)
    return {
      en: `at most ${moneyText(hi, 'en')}`,
      zh: `至多${moneyText(hi, 'zh')}`,
      ru: `не более ${moneyText(hi, 'ru')}`,
    }[lang];
  return moneyText(Number.isFinite(lo) ? (lo + hi) / 2 : hi, lang);
}

/**
 * One piece of a said sentence: text in the language (`text`), an identifier
 * or figure kept as written (`literal`: fact ids, columns, codes without a
 * name), or a citation (`cite`: an author and year).
 */
export interface EvidencePiece {
  text: string;
  kind: 'text' | 'literal' | 'cite';
}

const LIST_SEPARATOR: Texts = { en: ', ', zh: '、', ru: ', ' };

/** One placeholder's value in pieces. */
export function placeholderPieces(
  value: EvidenceParam | undefined,
  type: string | undefined,
  lang: AuditLang,
  names?: RegionNames,
): EvidencePiece[] {
  if (value === undefined || value === null || value === '') return [];
  const text = (t: string): EvidencePiece[] => [{ text: t, kind: 'text' }];
  const join = (items: EvidencePiece[][], sep: string): EvidencePiece[] =>
    items.flatMap((p, i) => (i === 0 ? p : [{ text: sep, kind: 'text' as const }, ...p]));
  if (isEvidence(value)) return evidencePieces(value, lang, names);
  if (Array.isArray(value) && (type === 'sum' || type === 'list' || value.some(isEvidence)))
    return join(
      (value as (Evidence | string)[]).map((v) =>
        placeholderPieces(v, type === 'sum' ? 'ev' : 'id', lang, names),
      ),
      type === 'sum' ? ' + ' : LIST_SEPARATOR[lang],
    );
  if (type === 'region' || type === 'regions') {
    const codes = Array.isArray(value) ? value.map(String) : String(value).split(/,\s*/);
    return join(
      codes.map((c) => {
        const n = regionName(c, lang, names);
        return n ? text(n) : [{ text: c, kind: 'literal' as const }];
      }),
      LIST_SEPARATOR[lang],
    );
  }
  if (type === 'money') return text(moneyText(Number(value), lang));
  if (type === 'moneyIv') return text(moneyIvText(value as unknown as (number | null)[], lang));
  if (type === 'scale') return text(scaleText(Number(value), lang));
  if (type === 'currency') {
    const c = CURRENCY_TEXTS[String(value)];
    return c ? text(c[lang]) : [{ text: String(value), kind: 'literal' }];
  }
  if (type === 'cite') return [{ text: String(value), kind: 'cite' }];
  if (type === 'id' || type === 'ev') return [{ text: String(value), kind: 'literal' }];
  return text(Array.isArray(value) ? value.join(', ') : String(value));
}

/** Fills a template in pieces: the words of the template as text, each placeholder by `fill`. */
export function templatePieces(
  template: string,
  fill: (name: string, type: string | undefined) => EvidencePiece[],
): EvidencePiece[] {
  const pieces: EvidencePiece[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)(?::(\w+))?\}/g)) {
    if (m.index > last) pieces.push({ text: template.slice(last, m.index), kind: 'text' });
    pieces.push(...fill(m[1], m[2]));
    last = m.index + m[0].length;
  }
  if (last < template.length) pieces.push({ text: template.slice(last), kind: 'text' });
  return pieces;
}

/** Evidence in the language, in pieces (a code this module lacks: its params' codes, as written). */
export function evidencePieces(e: Evidence, lang: AuditLang, names?: RegionNames): EvidencePiece[] {
  if (!isEvidenceCode(e.ev)) return [{ text: `${e.ev}`, kind: 'literal' }];
  return templatePieces(EVIDENCE_TEXTS[e.ev][lang], (name, type) =>
    placeholderPieces(e.params[name], type, lang, names),
  );
}

export function evidenceText(e: Evidence, lang: AuditLang, names?: RegionNames): string {
  return evidencePieces(e, lang, names)
    .map((p) => p.text)
    .join('')
    .trim();
}

/** Merges neighbouring pieces of the same kind (fewer elements on a page). */
export function mergePieces(pieces: EvidencePiece[]): EvidencePiece[] {
  const out: EvidencePiece[] = [];
  for (const p of pieces) {
    const prev = out[out.length - 1];
    if (prev && prev.kind === p.kind && p.kind !== 'cite') prev.text += p.text;
    else if (p.text) out.push({ ...p });
  }
  return out;
}

/** What a flow is: trade, exports or imports, of a product when its code is not TOTAL. */
export function whatEvidence(flow: string, code?: string, system?: string): Evidence {
  const kind = evidence(flow === 'export' ? 'what.export' : flow === 'import' ? 'what.import' : 'what.total');
  return code && code !== 'TOTAL'
    ? evidence('what.product', { what: kind, code: `${system ?? ''} ${code}`.trim() })
    : kind;
}

/** The flow a key is about, as evidence: "CN-HL's trade with RUS in 2012" (`year` undefined: over any years). */
export function keyEvidence(k: {
  reporter: string;
  partner: string;
  flow: string;
  code?: string;
  system?: string;
  year?: number;
}): Evidence {
  const what = whatEvidence(k.flow, k.code, k.system);
  const world = k.partner === 'WLD';
  const base = { reporter: k.reporter, partner: k.partner, what };
  if (k.year === undefined) return evidence(world ? 'key.world' : 'key.with', base);
  return evidence(world ? 'key.world-year' : 'key.with-year', { ...base, year: k.year });
}
