/**
 * `amur matrix`'s text and CSV output: a header of destinations, one row per
 * origin, and (text) a line saying the unit and what an empty cell means.
 * With `--lang`, its words come from src/i18n/matrix-lines.ts and places are
 * named by the atlas's names in that language; without, the ids and English
 * words the command has always printed.
 */
import { csvField } from '../csv-field.ts';
import { MATRIX_LINES, MATRIX_PER_CARGO, MATRIX_UNITS } from '../i18n/matrix-lines.ts';
import { fill, type Lang } from '../i18n/messages.ts';
import type { MatrixResult } from '../routing/schema.ts';

/** The language of the output and a place's name in it (by id). */
export interface MatrixSay {
  lang: Lang;
  place(id: string): string;
}

/** The matrix as tab-separated text with its unit line, or as CSV; `say`: in that language with places' names. */
export function formatMatrix(m: MatrixResult, csv: boolean, say?: MatrixSay): string {
  const sep = csv ? ',' : '\t';
  const lang = say?.lang ?? 'en';
  // names may hold a comma: quoted in CSV (ids never do)
  const name = (id: string) => (say ? (csv ? csvField(say.place(id)) : say.place(id)) : id);
  const corner = MATRIX_LINES.corner[lang];
  const lines = [[corner, ...m.query.to.map(name)].join(sep)];
  m.values.forEach((row, i) => {
    lines.push([name(m.query.from[i]), ...row.map((v) => (v === null ? '' : String(v)))].join(sep));
  });
  if (!csv) {
    const cargo = m.query.cargo;
    const per = say ? MATRIX_PER_CARGO[cargo][lang] : cargo.toUpperCase();
    const unit = say ? MATRIX_UNITS[m.unit][lang] : m.unit;
    lines.push(fill(MATRIX_LINES.unit[lang], { unit, cargo: per }));
  }
  return lines.join('\n');
}
