/**
 * Golden audit findings of the seed tables (as printed and as corrected):
 * `src/trade/golden/audit-<source>-<variant>.json`. Regenerate with
 * `AMUR_UPDATE_GOLDEN=1 npx vitest run src/trade/audit.golden.test.ts`.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectGolden } from '../../test/golden.ts';
import { auditSource } from './audit.ts';
import { openTradeStore } from './first-use.ts';
import { SEED_SOURCE_IDS } from './seed.ts';
import type { Store } from './store.ts';

let store: Store;
beforeAll(async () => {
  store = await openTradeStore(':memory:');
});
afterAll(() => store.close());

describe('audit findings of the seed tables (golden)', () => {
  for (const id of SEED_SOURCE_IDS)
    it(id, async () => {
      const [{ corrected }] = await store.query<{ corrected: boolean }>(
        'SELECT has_corrections AS corrected FROM wide_tables WHERE source_id = $1',
        [id],
      );
      const result = {
        'as-printed': await auditSource(store, id),
        'as-corrected': corrected ? await auditSource(store, id, { variant: 'as-corrected' }) : null,
      };
      expectGolden(new URL(`./golden/audit-${id}.json`, import.meta.url), result);
    });
});
