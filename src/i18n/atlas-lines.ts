/**
 * The words of `amur atlas summary|list|search`'s text output in English,
 * Chinese and Russian: the tables' headers, the summary's labels and titles,
 * the record kinds, and the detail column's words and codes (modes, kinds of
 * place, zone, corridor and source). In English they are the words the
 * commands have always printed (record kinds, modes and kinds by their
 * codes). Ids, country codes, UN/LOCODEs and URLs stay as written; names come
 * from the atlas.
 *
 * `{name}` is a value the CLI fills in (src/cli/atlas.ts); every template has
 * the same placeholders in every language.
 */
import { fill, type Lang, type Texts } from './messages.ts';

/** Table headers and labels (no placeholders). */
export const ATLAS_WORDS = {
  kind: { en: 'kind', zh: '类型', ru: 'вид' },
  id: { en: 'id', zh: '编号', ru: 'идентификатор' },
  /** The one name column of `--lang` (English: which language it is). */
  name: { en: 'name (en)', zh: '名称', ru: 'название' },
  detail: { en: 'detail', zh: '说明', ru: 'описание' },
  score: { en: 'score', zh: '匹配度', ru: 'оценка' },
  matched: { en: 'matched', zh: '匹配内容', ru: 'совпадение' },
  countries: { en: 'countries', zh: '国家', ru: 'страны' },
  crossings: { en: 'crossings', zh: '口岸', ru: 'пункты пропуска' },
  links: { en: 'links', zh: '线路', ru: 'участки' },
  zones: { en: 'zones', zh: '区域', ru: 'зоны' },
  corridors: { en: 'corridors', zh: '走廊', ru: 'коридоры' },
  places: { en: 'places', zh: '地点', ru: 'пункты' },
  sources: { en: 'sources', zh: '来源', ru: 'источники' },
  'crossings-by-pair': {
    en: 'crossings by country pair and mode',
    zh: '口岸（按国家对和运输方式）',
    ru: 'пункты пропуска по парам стран и видам транспорта',
  },
  'no-records': { en: 'no records match', zh: '没有符合条件的记录', ru: 'подходящих записей нет' },
} as const satisfies Record<string, Texts>;

/** Lines and parts of lines with values. */
export const ATLAS_LINES = {
  'sources-line': {
    en: 'sources: {count}{kinds}',
    zh: '来源：{count}{kinds}',
    ru: 'источники: {count}{kinds}',
  },
  'sources-kinds': { en: ' ({kinds})', zh: '（{kinds}）', ru: ' ({kinds})' },
  'records-one': { en: '{count} record', zh: '{count} 条记录', ru: 'записей: {count}' },
  'records-other': { en: '{count} records', zh: '{count} 条记录', ru: 'записей: {count}' },
  'nothing-matches': {
    en: 'nothing matches "{text}"',
    zh: '没有与“{text}”相符的记录',
    ru: 'по запросу «{text}» ничего не найдено',
  },
  'link-detail': {
    en: '{mode}, {km} km{estimate}{gauge}',
    zh: '{mode}，{km} km{estimate}{gauge}',
    ru: '{mode}, {km} km{estimate}{gauge}',
  },
  'link-estimate': { en: ' (estimate)', zh: '（估算）', ru: ' (оценка)' },
  'link-gauge': { en: ', gauge {gauge}', zh: '，轨距 {gauge}', ru: ', колея {gauge}' },
  'corridor-detail': {
    en: '{kind}; {count} links{via}',
    zh: '{kind}；{count} 段线路{via}',
    ru: '{kind}; участков: {count}{via}',
  },
  'corridor-via': { en: ', via {crossings}', zh: '，经由 {crossings}', ru: ', через {crossings}' },
  // `amur atlas show`: the lines around the record as authored (its YAML stays as written)
  'show-head': { en: '{kind} {id}: {name}', zh: '{kind} {id}：{name}', ru: '{kind} {id}: {name}' },
  'show-file': { en: 'file: {file}', zh: '文件：{file}', ru: 'файл: {file}' },
  'show-sides': { en: 'sides: {a}  ↔  {b}', zh: '两侧：{a}  ↔  {b}', ru: 'стороны: {a}  ↔  {b}' },
  'show-ends': { en: 'ends: {a}  –  {b}', zh: '起讫点：{a}  –  {b}', ru: 'концы: {a}  –  {b}' },
  'show-crossings-here': {
    en: 'crossings here: {ids}',
    zh: '此地的口岸：{ids}',
    ru: 'пункты пропуска здесь: {ids}',
  },
  'show-links-here': {
    en: 'links here: {ids}',
    zh: '连接此地的线路：{ids}',
    ru: 'примыкающие участки: {ids}',
  },
  'show-place': {
    en: '{id} ({name}, {country})',
    zh: '{id}（{name}，{country}）',
    ru: '{id} ({name}, {country})',
  },
  'show-unknown-place': {
    en: '{id} (unknown place)',
    zh: '{id}（地图集中没有此地点）',
    ru: '{id} (такого пункта в атласе нет)',
  },
  'show-chain': { en: 'chain:', zh: '线路链：', ru: 'цепочка участков:' },
  'show-chain-link': {
    en: '  {id}: {name} ({mode}, {km} km{estimate})',
    zh: '  {id}：{name}（{mode}，{km} km{estimate}）',
    ru: '  {id}: {name} ({mode}, {km} km{estimate})',
  },
  'show-chain-estimate': { en: ', estimate', zh: '，估算', ru: ', оценка' },
  'show-unknown-link': {
    en: '  {id}: unknown link',
    zh: '  {id}：地图集中没有此线路',
    ru: '  {id}: такого участка в атласе нет',
  },
  'show-sources': { en: 'sources:', zh: '来源：', ru: 'источники:' },
  'show-unknown-source': {
    en: 'unknown source',
    zh: '地图集中没有此来源',
    ru: 'такого источника в атласе нет',
  },
} as const satisfies Record<string, Texts>;

/** Record kinds (`RecordKind`); English by its code. */
export const RECORD_KIND_NAMES: Record<string, Texts> = {
  place: { en: 'place', zh: '地点', ru: 'пункт' },
  crossing: { en: 'crossing', zh: '口岸', ru: 'пункт пропуска' },
  link: { en: 'link', zh: '线路', ru: 'участок' },
  zone: { en: 'zone', zh: '区域', ru: 'зона' },
  corridor: { en: 'corridor', zh: '走廊', ru: 'коридор' },
  source: { en: 'source', zh: '来源', ru: 'источник' },
};

/** Modes of crossings and links (`CrossingMode`, `LinkMode`); English by its code. */
export const ATLAS_MODE_NAMES: Record<string, Texts> = {
  rail: { en: 'rail', zh: '铁路', ru: 'железная дорога' },
  road: { en: 'road', zh: '公路', ru: 'автодорога' },
  river: { en: 'river', zh: '内河', ru: 'река' },
  'river-cargo': { en: 'river-cargo', zh: '内河货运', ru: 'речной грузовой' },
  'river-passenger': { en: 'river-passenger', zh: '内河客运', ru: 'речной пассажирский' },
  pedestrian: { en: 'pedestrian', zh: '步行', ru: 'пешеходный' },
  sea: { en: 'sea', zh: '海运', ru: 'море' },
  air: { en: 'air', zh: '航空', ru: 'авиа' },
  pipeline: { en: 'pipeline', zh: '管道', ru: 'трубопровод' },
  power: { en: 'power', zh: '电力', ru: 'электроэнергия' },
  cable: { en: 'cable', zh: '光缆', ru: 'кабель' },
};

/** Kinds of place (`PlaceKind`); English by its code. */
export const PLACE_KIND_NAMES: Record<string, Texts> = {
  city: { en: 'city', zh: '城市', ru: 'город' },
  seaport: { en: 'seaport', zh: '海港', ru: 'морской порт' },
  'river-port': { en: 'river-port', zh: '河港', ru: 'речной порт' },
  'rail-station': { en: 'rail-station', zh: '火车站', ru: 'железнодорожная станция' },
  'rail-yard': { en: 'rail-yard', zh: '铁路编组站', ru: 'сортировочная станция' },
  'dry-port': { en: 'dry-port', zh: '陆港', ru: 'сухой порт' },
  airport: { en: 'airport', zh: '机场', ru: 'аэропорт' },
  'border-post': { en: 'border-post', zh: '边检站', ru: 'пограничный пост' },
  'pipeline-station': { en: 'pipeline-station', zh: '管道站', ru: 'станция трубопровода' },
  substation: { en: 'substation', zh: '变电站', ru: 'подстанция' },
};

/** Kinds of zone (`ZoneKind`); English by its code. */
export const ZONE_KIND_NAMES: Record<string, Texts> = {
  'free-trade-zone': { en: 'free-trade-zone', zh: '自由贸易试验区', ru: 'зона свободной торговли' },
  'free-trade-zone-area': {
    en: 'free-trade-zone-area',
    zh: '自由贸易试验区片区',
    ru: 'участок зоны свободной торговли',
  },
  'comprehensive-bonded-zone': {
    en: 'comprehensive-bonded-zone',
    zh: '综合保税区',
    ru: 'комплексная бондовая зона',
  },
  'border-economic-cooperation-zone': {
    en: 'border-economic-cooperation-zone',
    zh: '边境经济合作区',
    ru: 'зона приграничного экономического сотрудничества',
  },
  'cross-border-trade-zone': {
    en: 'cross-border-trade-zone',
    zh: '边民互市贸易区',
    ru: 'зона приграничной торговли',
  },
  'advanced-development-territory': {
    en: 'advanced-development-territory',
    zh: '超前发展区',
    ru: 'территория опережающего развития',
  },
  'free-port': { en: 'free-port', zh: '自由港', ru: 'свободный порт' },
  'industrial-core': { en: 'industrial-core', zh: '产业核心区', ru: 'промышленное ядро' },
  'industrial-belt': { en: 'industrial-belt', zh: '产业带', ru: 'промышленный пояс' },
  'industrial-ring': { en: 'industrial-ring', zh: '产业环', ru: 'промышленное кольцо' },
  'development-zone': { en: 'development-zone', zh: '开发区', ru: 'зона развития' },
};

/** Kinds of corridor (`Corridor.kind`); English by its code. */
export const CORRIDOR_KIND_NAMES: Record<string, Texts> = {
  'international-transport-corridor': {
    en: 'international-transport-corridor',
    zh: '国际交通走廊',
    ru: 'международный транспортный коридор',
  },
  'rail-route': { en: 'rail-route', zh: '铁路线路', ru: 'железнодорожный маршрут' },
  'land-sea-channel': { en: 'land-sea-channel', zh: '陆海通道', ru: 'сухопутно-морской коридор' },
  'sea-route': { en: 'sea-route', zh: '海上航线', ru: 'морской путь' },
  'pipeline-route': { en: 'pipeline-route', zh: '管道线路', ru: 'трасса трубопровода' },
  'economic-corridor': { en: 'economic-corridor', zh: '经济走廊', ru: 'экономический коридор' },
};

/** Kinds of source (`SourceKind`); English by its code. */
export const SOURCE_KIND_NAMES: Record<string, Texts> = {
  paper: { en: 'paper', zh: '论文', ru: 'статья' },
  official: { en: 'official', zh: '官方文件', ru: 'официальный документ' },
  news: { en: 'news', zh: '新闻', ru: 'новости' },
  wiki: { en: 'wiki', zh: '维基', ru: 'вики' },
  dataset: { en: 'dataset', zh: '数据集', ru: 'набор данных' },
  book: { en: 'book', zh: '图书', ru: 'книга' },
  company: { en: 'company', zh: '企业', ru: 'компания' },
  other: { en: 'other', zh: '其他', ru: 'другое' },
};

/** A code said by one of the tables above in the language (an unknown code as written). */
export function codeName(table: Record<string, Texts>, code: string, lang: Lang): string {
  return table[code]?.[lang] ?? code;
}

/** One of `ATLAS_LINES` in the language, its placeholders filled. */
export function atlasLine(
  key: keyof typeof ATLAS_LINES,
  lang: Lang,
  vars: Record<string, string | number> = {},
): string {
  return fill(
    ATLAS_LINES[key][lang],
    Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])),
  );
}
