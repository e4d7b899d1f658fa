import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../csv.ts';
import { openTradeStore } from '../first-use.ts';
import { SEED_DIR, SEED_SOURCE_IDS } from '../seed.ts';
import { SpecError } from '../spec.ts';
import type { Store } from '../store.ts';
import { ImportError } from './common.ts';
import { importFile } from './index.ts';
import { importWideTable } from './wide.ts';

const dir = mkdtempSync(join(tmpdir(), 'amur-wide-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of a seed table and its spec in the temp dir, with the CSV text changed by `edit`. */
function seedCopy(
  id: string,
  edit: (csv: string) => string = (s) => s,
  editSpec: (y: string) => string = (s) => s,
) {
  const csv = join(dir, `${id}.csv`);
  const spec = join(dir, `${id}.yaml`);
  writeFileSync(csv, edit(readFileSync(join(SEED_DIR, `${id}.csv`), 'utf8')));
  writeFileSync(spec, editSpec(readFileSync(join(SEED_DIR, `${id}.yaml`), 'utf8')));
  return { csv, spec };
}

let store: Store;
beforeAll(async () => {
  // a store without the seed hook's tables: these tests import them themselves
  store = await openTradeStore(':memory:');
  await store.run(
    "DELETE FROM flows; DELETE FROM printed_cells; DELETE FROM text_facts; DELETE FROM wide_tables; DELETE FROM sources WHERE importer = 'wide'",
  );
});
afterAll(() => store?.close());

describe('CSV records', () => {
  it('keep the line each record starts on', () => {
    const { header, records } = parseCsvRecords('a,b\n1,"x\ny"\n\n2,3\n');
    expect(header).toEqual(['a', 'b']);
    expect(records).toEqual([
      { line: 2, cells: ['1', 'x\ny'] },
      { line: 5, cells: ['2', '3'] },
    ]);
  });
});

describe('importing the seed tables', () => {
  it('writes the printed and the corrected copy of Song’s Table 1', async () => {
    const r = await importWideTable(store, join(SEED_DIR, 'heilongjiang-russia-2008-2018.yaml'));
    expect(r).toMatchObject({
      sourceId: 'heilongjiang-russia-2008-2018',
      importer: 'wide',
      rows: 66,
      alreadyImported: false,
    });
    const v = await store.query<{ variant: string; scale: number; n: number; usd: number }>(
      `SELECT variant, scale, count(*)::INTEGER AS n, max(value_usd) AS usd FROM flows
        WHERE source_id = 'heilongjiang-russia-2008-2018' GROUP BY ALL ORDER BY variant`,
    );
    // 11 years × 3 value columns, as printed (million) and as corrected (hundred million)
    expect(v).toEqual([
      { variant: 'as-corrected', scale: 1e8, n: 33, usd: 232.6e8 },
      { variant: 'as-printed', scale: 1e6, n: 33, usd: 232.6e6 },
    ]);
  });

  it('keeps every printed cell with its decimals', async () => {
    const c = await store.query<{
      printed: string;
      value: number;
      decimals: number;
      role: string;
      flow: string;
    }>(
      `SELECT printed, value, decimals, role, flow FROM printed_cells
        WHERE source_id = 'heilongjiang-russia-2008-2018' AND variant = 'as-printed' AND row_key = '2010' AND column_name = 'total_yoy_pct'`,
    );
    expect(c).toEqual([{ printed: '34.0', value: 34, decimals: 1, role: 'growth', flow: 'total' }]);
  });

  it('stores the text facts as claims', async () => {
    const f = await store.query<{ fact_id: string; value_usd: number; comparison: string }>(
      `SELECT fact_id, value_usd, comparison FROM text_facts WHERE source_id = 'heilongjiang-russia-2008-2018' ORDER BY fact_id`,
    );
    expect(f).toContainEqual({ fact_id: 'hlj-foreign-trade-2008', value_usd: 22.9e9, comparison: 'about' });
    expect(f).toContainEqual({
      fact_id: 'china-russia-trade-2018',
      value_usd: 100e9,
      comparison: 'at-least',
    });
  });

  it('attaches quantities from the text (3.342 billion kWh of electricity)', async () => {
    await importWideTable(store, join(SEED_DIR, 'heihe-top-imports-2016.yaml'));
    const q = await store.query<{ quantity: number; quantity_unit: string; variant: string }>(
      `SELECT quantity, quantity_unit, variant FROM flows WHERE source_id = 'heihe-top-imports-2016'
        AND commodity_code = 'electricity-product' ORDER BY variant`,
    );
    expect(q).toEqual([
      { quantity: 3.342e9, quantity_unit: 'kWh', variant: 'as-corrected' },
      { quantity: 3.342e9, quantity_unit: 'kWh', variant: 'as-printed' },
    ]);
    // the blank cells of pulp are kept as printed blanks, not zeros
    const pulp = await store.query<{ printed: string; value: number | null }>(
      `SELECT printed, value FROM printed_cells WHERE source_id = 'heihe-top-imports-2016' AND variant = 'as-printed'
        AND row_key = 'Pulp' AND column_name = 'ratio_pct'`,
    );
    expect(pulp).toEqual([{ printed: '', value: null }]);
  });

  it('re-importing the same table and spec is a no-op', async () => {
    const again = await importWideTable(store, join(SEED_DIR, 'heilongjiang-russia-2008-2018.yaml'));
    expect(again.alreadyImported).toBe(true);
    const n = await store.query<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM sources WHERE id LIKE 'heilongjiang%'",
    );
    expect(n[0].n).toBe(1);
  });

  it('plugs into importFile (amur trade import TABLE --spec SPEC)', async () => {
    const r = await importFile(store, join(SEED_DIR, 'heihe-top-exports-2016.csv'), {
      spec: join(SEED_DIR, 'heihe-top-exports-2016.yaml'),
    });
    expect(r).toMatchObject({ sourceId: 'heihe-top-exports-2016', rows: 10 });
  });

  it('covers every seed id', async () => {
    await importWideTable(store, join(SEED_DIR, 'heihe-foreign-trade-2011-2015.yaml'));
    const ids = (
      await store.query<{ id: string }>("SELECT id FROM sources WHERE importer = 'wide' ORDER BY id")
    ).map((r) => r.id);
    expect(ids).toEqual([...SEED_SOURCE_IDS].sort());
  });
});

describe('bad input stops the import with file:line:column and writes nothing', () => {
  const count = async () =>
    (
      await store.query<{ n: number }>(
        "SELECT count(*)::INTEGER AS n FROM flows WHERE source_id = 'heihe-foreign-trade-x'",
      )
    )[0].n;
  const specEdit = (y: string) => y.replace('id: heihe-foreign-trade-2011-2015', 'id: heihe-foreign-trade-x');

  it('a cell that is not a number', async () => {
    const { spec } = seedCopy(
      'heihe-foreign-trade-2011-2015',
      (s) => s.replace('2013,4.19,10.1', '2013,4.19,1O.1'),
      specEdit,
    );
    const e = await importWideTable(store, spec).catch((x) => x);
    expect(e).toBeInstanceOf(ImportError);
    expect(e.message).toBe(
      `${join(dir, 'heihe-foreign-trade-2011-2015.csv')}:4:3: "1O.1": not a number in column "total_growth_pct" (growth) (a number as printed such as 15.9, -6.4 or 1,234, or an empty cell where nothing is printed)`,
    );
    expect(await count()).toBe(0);
  });

  it('a column the spec does not map', async () => {
    const { spec } = seedCopy(
      'heihe-foreign-trade-2011-2015',
      (s) => s.replace('total_volume,', 'total_value,'),
      specEdit,
    );
    const e = await importWideTable(store, spec).catch((x) => x);
    expect(e.message).toMatch(
      /\.csv:1:2: "total_value": column not in the spec .* \(one of year, total_volume, /,
    );
    expect(await count()).toBe(0);
  });

  it('a correction whose printed text is not what the table prints', async () => {
    const { spec } = seedCopy('heihe-foreign-trade-2011-2015', undefined, (y) =>
      specEdit(y).replace('printed: "159"', 'printed: "158"'),
    );
    const e = await importWideTable(store, spec).catch((x) => x);
    expect(e).toBeInstanceOf(SpecError);
    expect(e.message).toMatch(
      /heihe-foreign-trade-2011-2015\.yaml:\d+:\d+: corrections\.0\.printed = "158": the table prints "159" at row 2012, column total_growth_pct \(heihe-foreign-trade-2011-2015\.csv:3:3\)/,
    );
    expect(await count()).toBe(0);
  });

  it('a duplicate key', async () => {
    const { spec } = seedCopy('heihe-foreign-trade-2011-2015', (s) => s.replace('2014,', '2013,'), specEdit);
    const e = await importWideTable(store, spec).catch((x) => x);
    expect(e.message).toMatch(
      /\.csv:5:1: "2013": the key is used twice \(also on line 4\) \(one row per key\)/,
    );
  });

  it('an attached quantity with no matching row', async () => {
    const spec = seedCopy('heihe-top-imports-2016', undefined, (y) =>
      y
        .replace('id: heihe-top-imports-2016', 'id: heihe-imports-x')
        .replace('code: timber }\n        value: "44.98"', 'code: lumber }\n        value: "44.98"'),
    ).spec;
    const e = await importWideTable(store, spec).catch((x) => x);
    expect(e.message).toMatch(/facts\.\d+\.claims\.0\.attach = true: no table row has this claim's key/);
    const n = await store.query<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM sources WHERE id = 'heihe-imports-x'",
    );
    expect(n[0].n).toBe(0);
  });

  it('a failure inside the transaction leaves nothing behind', async () => {
    const { spec } = seedCopy('heihe-foreign-trade-2011-2015', undefined, specEdit);
    // the last insert (text facts) fails after the source, flows and cells were written
    await store.run('ALTER TABLE text_facts RENAME TO text_facts_hidden');
    const e = await importWideTable(store, spec).catch((x) => x);
    await store.run('ALTER TABLE text_facts_hidden RENAME TO text_facts');
    expect(String(e.message)).toMatch(/text_facts/);
    expect(e).toBeInstanceOf(Error);
    const n = await store.query<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM sources WHERE id = 'heihe-foreign-trade-x'",
    );
    expect(n[0].n).toBe(0);
    expect(await count()).toBe(0);
    const cells = await store.query<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM printed_cells WHERE source_id = 'heihe-foreign-trade-x'",
    );
    expect(cells[0].n).toBe(0);
  });
});

describe('a table in another folder than its spec', () => {
  it('takes the table given on the command line', async () => {
    const { spec } = seedCopy('heihe-top-exports-2016', undefined, (y) =>
      y.replace('id: heihe-top-exports-2016', 'id: exports-elsewhere'),
    );
    const other = join(dir, 'elsewhere.csv');
    copyFileSync(join(SEED_DIR, 'heihe-top-exports-2016.csv'), other);
    const r = await importWideTable(store, spec, other);
    expect(r).toMatchObject({ sourceId: 'exports-elsewhere', file: other, rows: 10 });
  });
});
