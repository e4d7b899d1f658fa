import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referenceDataHooks } from '../first-use.ts';
import { openStore, type Store } from '../store.ts';
import { ImportFileError } from './common.ts';
import { importFile } from './index.ts';
import { worldTotalsFromSource } from './world-totals.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

let store: Store;
beforeEach(async () => {
  store = await openStore(':memory:', { hooks: referenceDataHooks });
});
afterEach(() => store.close());

const totals = () =>
  store.query<{
    year: number;
    flow: string;
    commodity_system: string;
    commodity_code: string;
    value_usd: number;
  }>(
    'SELECT year, flow, commodity_system, commodity_code, value_usd FROM world_totals ORDER BY commodity_code',
  );

describe('world totals', () => {
  it('imports a world-totals table detected by its header', async () => {
    const r = await importFile(store, fixture('world-exports.csv'));
    expect([r.importer, r.rows]).toEqual(['world-totals', 3]);
    expect(await totals()).toEqual([
      { year: 2019, flow: 'export', commodity_system: 'HS', commodity_code: '010121', value_usd: 2500 },
      { year: 2019, flow: 'export', commodity_system: 'HS', commodity_code: '270900', value_usd: 400000 },
      { year: 2019, flow: 'export', commodity_system: 'TOTAL', commodity_code: 'TOTAL', value_usd: 1000000 },
    ]);
  });

  it('derives them from a BACI file (which covers every exporter), by product and in total', async () => {
    const r = await importFile(store, fixture('BACI_HS17_Y2019_V202401-sample.csv'), { worldTotals: true });
    expect(r.notes.join('\n')).toContain('4 world export totals derived');
    // By hand: 12.5 + 1000 + 7.25 thousand USD = 1,019,750 USD in all.
    expect((await totals()).map((t) => [t.commodity_code, t.value_usd])).toEqual([
      ['010121', 12500],
      ['270900', 1000000],
      ['440710', 7250],
      ['TOTAL', 1019750],
    ]);
  });

  it('refuses to call the sum of some reporters the world', async () => {
    const r = await importFile(store, fixture('comtrade-v1-traps.csv'));
    await expect(worldTotalsFromSource(store, r.sourceId)).rejects.toThrow(ImportFileError);
    await expect(worldTotalsFromSource(store, r.sourceId)).rejects.toThrow(/not the world/);
  });
});
