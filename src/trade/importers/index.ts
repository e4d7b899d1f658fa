/**
 * `importFile`: picks the importer for a file — Comtrade (JSON, v1 CSV, legacy
 * CSV) and BACI by their header, tidy CSV/XLSX when a column mapping is given,
 * the wide-table (paper) importer when a spec is given — and runs it.
 */
import { extname } from 'node:path';
import type { Store } from '../store.ts';
import { importBaci, isBaciHeader } from './baci.ts';
import {
  assertReadable,
  csvColumns,
  headerIndex,
  ImportFileError,
  type ImportOptions,
  type ImportResult,
} from './common.ts';
import { detectComtradeFormat, importComtrade } from './comtrade.ts';
import { importFcs, isFcsHeader } from './fcs.ts';
import { importGacc, isGaccFile } from './gacc.ts';
import { importTidy, type TidyMapping } from './tidy.ts';
import { importWideTable } from './wide.ts';
import { importWorldTotals, isWorldTotalsHeader, worldTotalsFromSource } from './world-totals.ts';

export type ImportFormat = 'comtrade' | 'baci' | 'tidy' | 'spec' | 'world-totals' | 'gacc' | 'fcs';

export interface ImportFileOptions extends ImportOptions {
  /** force a format instead of detecting it from the header */
  format?: ImportFormat;
  /** a column mapping: implies the tidy format */
  mapping?: TidyMapping;
  /** a wide-table spec file: implies the spec importer */
  spec?: string;
  /** BACI: commodity system when the file name does not tell */
  hs?: string;
  /** BACI: also write the file's sums as world totals (a BACI file covers every exporter) */
  worldTotals?: boolean;
  /** GACC: the direction of an export that does not say (no 进出口 column) */
  flow?: 'import' | 'export';
}

/** Detects the format of a CSV/JSON file from its header: 'comtrade', 'baci' or null. */
export async function detectFormat(
  store: Store,
  file: string,
): Promise<'comtrade' | 'baci' | 'world-totals' | 'gacc' | 'fcs' | null> {
  if (/\.json$/i.test(file)) return 'comtrade';
  if (/\.xlsx$/i.test(file)) return (await isGaccFile(file)) ? 'gacc' : null;
  const fields = new Set(headerIndex(await csvColumns(store, file)).keys());
  if (detectComtradeFormat(fields)) return 'comtrade';
  if (isBaciHeader(fields)) return 'baci';
  if (isWorldTotalsHeader(fields)) return 'world-totals';
  if (isFcsHeader(fields)) return 'fcs';
  if (await isGaccFile(file)) return 'gacc';
  return null;
}

export async function importFile(
  store: Store,
  file: string,
  opts: ImportFileOptions = {},
): Promise<ImportResult> {
  assertReadable(file);
  let format = opts.format ?? (opts.spec ? 'spec' : opts.mapping ? 'tidy' : undefined);
  if (!format) {
    const detected = await detectFormat(store, file);
    if (!detected)
      throw new ImportFileError(
        file,
        `cannot tell the format: not a Comtrade, BACI, GACC or FCS header${extname(file) ? ` (${extname(file)})` : ''}; for a tidy CSV/XLSX give a column mapping (--mapping FILE or --map field=Column), for a table copied from a paper give --spec SPEC`,
      );
    format = detected;
  }
  switch (format) {
    case 'comtrade':
      return importComtrade(store, file, opts);
    case 'baci': {
      const r = await importBaci(store, file, { ...opts, hs: opts.hs });
      if (opts.worldTotals) {
        const n = await worldTotalsFromSource(store, r.sourceId);
        r.notes.push(`${n} world export totals derived from "${r.sourceId}" into world_totals`);
      }
      return r;
    }
    case 'world-totals':
      return importWorldTotals(store, file, opts);
    case 'gacc':
      return importGacc(store, file, opts);
    case 'fcs':
      return importFcs(store, file, opts);
    case 'tidy':
      if (!opts.mapping)
        throw new ImportFileError(
          file,
          'the tidy format needs a column mapping (--mapping FILE or --map field=Column)',
        );
      return importTidy(store, file, { ...opts, mapping: opts.mapping });
    case 'spec':
      if (!opts.spec) throw new ImportFileError(file, 'the spec format needs --spec SPEC');
      return importWideTable(store, opts.spec, file, opts);
  }
}
