/**
 * Golden importer rows: what the wide-table importer writes for each seed
 * table (flows, printed cells, text facts), in
 * `src/trade/importers/golden/wide-<source>.json`. Regenerate with
 * `AMUR_UPDATE_GOLDEN=1 npx vitest run src/trade/importers/wide.golden.test.ts`.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectGolden } from '../../../test/golden.ts';
import { openTradeStore } from '../first-use.ts';
import { SEED_SOURCE_IDS } from '../seed.ts';
import type { Store } from '../store.ts';

let store: Store;
beforeAll(async () => {
  store = await openTradeStore(':memory:');
});
afterAll(() => store.close());

const rows = (table: string, order: string, id: string) =>
  store.query(`SELECT * EXCLUDE (source_id) FROM ${table} WHERE source_id = $1 ORDER BY ${order}`, [id]);

describe('rows the wide-table importer writes for the seed tables (golden)', () => {
  for (const id of SEED_SOURCE_IDS)
    it(id, async () => {
      expectGolden(new URL(`./golden/wide-${id}.json`, import.meta.url), {
        flows: await rows('flows', 'variant, row_no', id),
        printed_cells: await rows('printed_cells', 'variant, row_no, column_no', id),
        text_facts: await rows('text_facts', 'fact_id, claim_no', id),
      });
    });
});
