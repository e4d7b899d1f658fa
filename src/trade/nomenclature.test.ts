import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeShared, sharedData } from '../../test/shared.ts';
import { referenceDataHooks } from './first-use.ts';
import { loadHsNomenclature, sharedTradeDir } from './nomenclature.ts';
import { openStore, type Store } from './store.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:', { hooks: referenceDataHooks });
});
afterAll(() => store.close());

describeShared('HS 2022 nomenclature from the shared files', () => {
  it('is loaded on first use: 21 sections, 97 chapters, 1,229 headings, 5,613 subheadings', async () => {
    expect(sharedTradeDir()).toBe(sharedData('trade'));
    const counts = await store.query<{ level: number; n: number }>(
      "SELECT level, count(*) AS n FROM commodities WHERE system = 'HS2022' GROUP BY level ORDER BY level",
    );
    expect(counts).toEqual([
      { level: 0, n: 21 },
      { level: 2, n: 97 },
      { level: 4, n: 1229 },
      { level: 6, n: 5613 },
    ]);
    const [horse] = await store.query<{ parent: string; label_en: string }>(
      "SELECT parent, label_en FROM commodities WHERE system = 'HS2022' AND code = '010121'",
    );
    expect(horse).toEqual({ parent: '0101', label_en: 'Horses; live, pure-bred breeding animals' });
    const [ch01] = await store.query<{ parent: string }>(
      "SELECT parent FROM commodities WHERE system = 'HS2022' AND code = '01'",
    );
    expect(ch01.parent).toBe('I');
  });

  it('reloads without duplicating', async () => {
    await loadHsNomenclature(store, sharedData('trade'));
    const [{ n }] = await store.query<{ n: number }>(
      "SELECT count(*) AS n FROM commodities WHERE system = 'HS2022'",
    );
    expect(n).toBe(21 + 97 + 1229 + 5613);
  });
});
