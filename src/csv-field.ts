/**
 * The one writer of a CSV field (RFC 4180: quoted when it holds a comma, a
 * quote or a line break; quotes doubled). A leaf module below every area, so
 * that the atlas export and the trade layer (`src/trade/csv.ts`, which adds
 * the spreadsheet-safe `csvExportField`) write the same fields without an
 * import between the two areas.
 */

/** Writes one CSV field (quoted when needed); null and undefined are empty, a Date is its ISO time. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
