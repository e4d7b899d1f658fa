/**
 * The one shape of an indicator's answer (zod, the type inferred from it),
 * for the library, the CLI's `--json` and the API (which adds `mirror` with
 * `fillMirror=true`), and the web app's type. A note is a stable `code` with
 * its `params` beside its English `message`; src/i18n/indicator-notes.ts
 * says it in zh and ru (`noteText`, `notePieces`).
 */
import { z } from 'zod';
import {
  INDICATOR_NOTE_CODES,
  INDICATOR_NOTE_PARAMS,
  type IndicatorNoteCode,
  type NoteParam,
  noteText,
} from '../../i18n/indicator-notes.ts';
import { CIF_FOB_FACTOR, type FillSummary } from '../mirror.ts';

export const IndicatorNote = z
  .object({
    code: z.enum(INDICATOR_NOTE_CODES).describe('what the note says (src/i18n/indicator-notes.ts)'),
    params: z
      .record(z.string(), z.union([z.string(), z.number(), z.null()]))
      .describe("the note's values: counts, HS digits, ids and codes"),
    message: z.string().describe('the note in English'),
  })
  .describe('IndicatorNote');
export type IndicatorNote = z.infer<typeof IndicatorNote>;

export const IndicatorResult = z.object({
  indicator: z.string(),
  /** The formula and the definition it follows. */
  definition: z.string().describe('the formula and the definition it follows'),
  /** Unit of the indicator column. */
  unit: z.string().describe('unit of the indicator column'),
  /** Output columns in order. */
  columns: z.array(z.string()).describe('output columns in order'),
  rows: z.array(z.record(z.string(), z.unknown())),
  /** What was assumed or left out (e.g. rows without an exchange rate). */
  notes: z.array(IndicatorNote).describe('what was assumed or left out'),
});
export type IndicatorResult = z.infer<typeof IndicatorResult>;

/**
 * A note with its English sentence. Its params must be the code's
 * (`INDICATOR_NOTE_PARAMS`): a missing or extra one is a bug of the caller.
 */
export function indicatorNote(
  code: IndicatorNoteCode,
  params: Record<string, NoteParam> = {},
): IndicatorNote {
  const want = INDICATOR_NOTE_PARAMS[code];
  const given = Object.keys(params);
  if (given.length !== want.length || !want.every((k) => Object.hasOwn(params, k)))
    throw new Error(`indicator note ${code}: params ${given.join(', ')} (expected ${want.join(', ')})`);
  return { code, params, message: noteText({ code, params }, 'en') };
}

const pct = (a: number, b: number) => (b > 0 ? ((100 * a) / b).toFixed(1) : '0');

/**
 * What an indicator computed on the filled series (`--fill-mirror`,
 * `fillMirror=true`) says of the mirror data it used: the share of the
 * flows, and the filled cells (the first `listed` of them).
 */
export function fillNotes(
  s: FillSummary & { cells: readonly string[] },
  factor: number,
  listed: number = s.cells.length,
): IndicatorNote[] {
  const counts = { mirrorRows: s.mirrorRows, rows: s.rows };
  const shares = { rowPct: pct(s.mirrorRows, s.rows), valuePct: pct(s.mirrorValueUsd, s.valueUsd), factor };
  const notes = [
    s.mirrorRows === 0
      ? indicatorNote('fill.none', { rows: s.rows })
      : factor === CIF_FOB_FACTOR.factor
        ? indicatorNote('fill.summary', {
            ...counts,
            ...shares,
            factorSource: CIF_FOB_FACTOR.source.split(':')[0],
          })
        : indicatorNote('fill.summary-given', { ...counts, ...shares }),
  ];
  if (s.cells.length === 0) return notes;
  const cells = s.cells.slice(0, listed).join('; ');
  const more = s.mirrorRows - Math.min(listed, s.cells.length);
  notes.push(
    more > 0 ? indicatorNote('fill.cells-more', { cells, more }) : indicatorNote('fill.cells', { cells }),
  );
  return notes;
}
