/**
 * Words the trade layer shares with its users, defined once and used by the
 * wide-table specs, the tidy mappings, the audit, the CLI and the API:
 *
 * - `Scale`: the multiplier a printed value carries. A positive number, or
 *   one of the words `unit` (1), `thousand` (1e3), `ten-thousand` (1e4, 万),
 *   `million` (1e6), `hundred-million` (1e8, 亿) and `billion` (1e9), or the
 *   Chinese and Russian words papers print (千, 万, 百万, 亿, 十亿; тыс., млн,
 *   млрд). 万 is kept: Chinese customs and provincial yearbooks print values
 *   in 万元 / 万美元 (tens of thousands), so refusing it would force every
 *   user to write 10000 by hand.
 * - `SourceId`: the id of a source in the store: lower-case letters and
 *   digits in dash-separated words (`heihe-top-exports-2016`), at most 80
 *   characters; `sourceIdFrom(text)` derives one from a file name or title.
 * - `Flow`: the direction of a flow (`export`, `import`, `total`,
 *   `re-export`, `re-import`).
 */
import { z } from 'zod';

/** The directions of a trade flow, as the store, specs, mappings, the CLI and the API name them. */
export const FLOWS = ['export', 'import', 'total', 're-export', 're-import'] as const;
export const Flow = z.enum(FLOWS);
export type Flow = z.infer<typeof Flow>;

/** The scale words and their multipliers, in order of size. */
export const SCALE_WORDS = {
  unit: 1,
  thousand: 1e3,
  'ten-thousand': 1e4,
  million: 1e6,
  'hundred-million': 1e8,
  billion: 1e9,
} as const;
export type ScaleWord = keyof typeof SCALE_WORDS;

/** The same scales as papers print them in Chinese and Russian. */
export const SCALE_ALIASES: Readonly<Record<string, ScaleWord>> = {
  千: 'thousand',
  万: 'ten-thousand',
  百万: 'million',
  亿: 'hundred-million',
  十亿: 'billion',
  'тыс.': 'thousand',
  тыс: 'thousand',
  млн: 'million',
  'млн.': 'million',
  млрд: 'billion',
  'млрд.': 'billion',
};

/** What a user may write for a scale, for error messages. */
export const SCALE_VALID =
  'a positive number (1, 1000, 1e4, 1e6, 1e8) or unit, thousand, ten-thousand (万), million, hundred-million (亿), billion';

/** The multiplier of a scale word or alias (case-insensitive), or null. */
export function scaleOfWord(word: string): number | null {
  const w = word.trim().toLowerCase();
  if (w in SCALE_WORDS) return SCALE_WORDS[w as ScaleWord];
  const alias = SCALE_ALIASES[w];
  return alias ? SCALE_WORDS[alias] : null;
}

/** A scale in a spec, mapping or request: a positive number or a word; parsed to the multiplier. */
export const Scale = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const n =
    typeof v === 'number' ? v : (scaleOfWord(v) ?? (/^\s*[0-9.e+]+\s*$/i.test(v) ? Number(v) : Number.NaN));
  if (!(n > 0) || !Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(v)}: not a scale; ${SCALE_VALID}` });
    return z.NEVER;
  }
  return n;
});

/** How a multiplier reads in a message: `millions`, `hundreds of millions (亿)`, else `×n`. */
export function scaleName(multiplier: number): string {
  return SCALE_NAMES.get(multiplier) ?? `×${multiplier}`;
}

const SCALE_NAMES = new Map<number, string>([
  [1, 'units'],
  [10, 'tens'],
  [100, 'hundreds'],
  [1e3, 'thousands'],
  [1e4, 'tens of thousands (万)'],
  [1e5, 'hundreds of thousands'],
  [1e6, 'millions'],
  [1e7, 'tens of millions'],
  [1e8, 'hundreds of millions (亿)'],
  [1e9, 'billions'],
  [1e10, 'tens of billions'],
  [1e11, 'hundreds of billions'],
  [1e12, 'trillions'],
]);

/**
 * SQL for the multiplier of a scale cell `text` (a VARCHAR expression): the
 * words and aliases above, else `number(text)` (the importer's own number
 * parser). NULL when it is neither.
 */
export function scaleSql(text: string, number: (t: string) => string): string {
  const words = [
    ...Object.entries(SCALE_WORDS),
    ...Object.entries(SCALE_ALIASES).map(([a, w]) => [a, SCALE_WORDS[w]] as const),
  ];
  const whens = words.map(([w, n]) => `WHEN '${w.replaceAll("'", "''")}' THEN ${n}::DOUBLE`).join(' ');
  return `(CASE lower(trim(${text})) ${whens} ELSE ${number(text)} END)`;
}

/** The rule every source id follows. */
export const SOURCE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SOURCE_ID_VALID =
  'lower-case letters and digits in dash-separated words, at most 80 characters, e.g. "heihe-top-exports-2016"';

/** A source id (see `SOURCE_ID_PATTERN`). */
export const SourceId = z.string().max(80, SOURCE_ID_VALID).regex(SOURCE_ID_PATTERN, SOURCE_ID_VALID);

/** A source id derived from a file name or title: `Comtrade 2019.csv` → `comtrade-2019`. */
export function sourceIdFrom(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/\.(csv|tsv|txt|json|xlsx|gz|zip)$/g, '')
      .replace(/\.(csv|tsv|txt|json|xlsx)$/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'source'
  );
}
