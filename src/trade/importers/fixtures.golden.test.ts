/**
 * Golden importer rows for the importers' fixture files (the seed tables'
 * wide-importer rows are in `wide.golden.test.ts`): the rows each good
 * fixture writes to `flows` (and, for the world-totals ones, to
 * `world_totals`), without the source id, in
 * `src/trade/importers/golden/fixture-<file>.json`. Regenerate with
 * `AMUR_UPDATE_GOLDEN=1 npx vitest run src/trade/importers/fixtures.golden.test.ts`
 * and review the diff.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { expectGolden } from '../../../test/golden.ts';
import { referenceDataHooks } from '../first-use.ts';
import { openStore, type Store } from '../store.ts';
import { type ImportFileOptions, importFile } from './index.ts';
import { readTidyMapping } from './tidy.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

let store: Store;
beforeEach(async () => {
  store = await openStore(':memory:', { hooks: referenceDataHooks });
});
afterEach(() => store.close());

/** Fixture file → the options it is imported with (as the importers' own tests import it). */
const FIXTURES: Record<string, () => ImportFileOptions> = {
  'BACI_HS17_Y2019_V202401-sample.csv': () => ({ worldTotals: true }),
  'comtrade-legacy.csv': () => ({}),
  'comtrade-v1-traps.csv': () => ({}),
  'fcs-regional-2023-01.csv': () => ({}),
  'gacc-exports-by-province-2022.csv': () => ({ flow: 'export' }),
  'gacc-imports-by-province-2022.xlsx': () => ({ flow: 'import' }),
  'gacc-national-usd-2023-01.csv': () => ({}),
  'tidy-cny.csv': () => ({ mapping: readTidyMapping(fixture('tidy-cny.mapping.yaml')) }),
  'world-exports.csv': () => ({}),
};

describe('rows the importers write for their fixture files (golden)', () => {
  for (const [file, opts] of Object.entries(FIXTURES))
    it(file, async () => {
      const r = await importFile(store, fixture(file), opts());
      expectGolden(new URL(`./golden/fixture-${file.replace(/\.[a-z]+$/, '')}.json`, import.meta.url), {
        importer: r.importer,
        rows: r.rows,
        flows: await store.query('SELECT * EXCLUDE (source_id) FROM flows ORDER BY row_no'),
        world_totals: await store.query(
          'SELECT * EXCLUDE (source_id) FROM world_totals ORDER BY flow, year, commodity_system, commodity_code',
        ),
      });
    });
});
