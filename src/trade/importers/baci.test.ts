import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referenceDataHooks } from '../first-use.ts';
import { openStore, type Row, type Store } from '../store.ts';
import { baciSystemFromName, importBaci } from './baci.ts';
import { ImportError } from './common.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

let store: Store;
beforeEach(async () => {
  store = await openStore(':memory:', { hooks: referenceDataHooks });
});
afterEach(() => store.close());

describe('BACI importer', () => {
  it('reads t,i,j,k,v,q: thousands of USD, tonnes, HS6 as text with its leading zero', async () => {
    const r = await importBaci(store, fixture('BACI_HS17_Y2019_V202401-sample.csv'));
    expect(r.rows).toBe(3);
    const rows = await store.query<Row>('SELECT * FROM flows ORDER BY row_no');
    expect(
      rows.map((f) => [f.reporter_code, f.partner_code, f.commodity_code, f.value, f.scale, f.value_usd]),
    ).toEqual([
      ['CHN', 'RUS', '010121', 12.5, 1000, 12500],
      ['RUS', 'CHN', '270900', 1000, 1000, 1000000],
      ['USA', 'FRA', '440710', 7.25, 1000, 7250],
    ]);
    expect(rows[0]).toMatchObject({
      year: 2019,
      flow: 'export',
      commodity_system: 'HS2017',
      quantity: 3.2,
      quantity_unit: 't',
      net_weight_kg: 3200,
      basis: 'FOB',
      derived: true,
    });
    // "NA" padded with spaces is a missing quantity, not an error.
    expect(rows[1]).toMatchObject({ quantity: null, quantity_unit: null, net_weight_kg: null });
  });

  it('takes the HS revision from the file name', () => {
    expect(baciSystemFromName('BACI_HS92_Y1995_V202401.csv')).toBe('HS1992');
    expect(baciSystemFromName('/x/BACI_HS22_Y2022_V202401.csv')).toBe('HS2022');
    expect(baciSystemFromName('baci.csv')).toBeNull();
  });

  it('rejects an unknown country code with its line and column, writing nothing', async () => {
    const file = fixture('baci-bad-country.csv');
    const err = await importBaci(store, file).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message).toBe(
      `${file}:3:j: "157": unknown importer code (a BACI/Comtrade numeric country code, e.g. 156 (China), 643 (Russia), 842 (USA))`,
    );
    const [{ n }] = await store.query<{ n: number }>('SELECT count(*) AS n FROM flows');
    expect(n).toBe(0);
  });
});
