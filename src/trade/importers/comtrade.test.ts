import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeShared, sharedData } from '../../../test/shared.ts';
import { parseCsvText } from '../csv.ts';
import { referenceDataHooks } from '../first-use.ts';
import { openStore, type Row, type Store } from '../store.ts';
import { IMPORT_MEMORY_LIMIT_BYTES, ImportError, ImportFileError, memoryBytes } from './common.ts';
import { importComtrade } from './comtrade.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

let store: Store;
beforeEach(async () => {
  store = await openStore(':memory:', { hooks: referenceDataHooks });
});
afterEach(() => store.close());

const flowsOf = (sourceId: string) =>
  store.query<Row>('SELECT * FROM flows WHERE source_id = $1 ORDER BY row_no', [sourceId]);

describeShared('Comtrade v1 JSON (real response: China with Argentina and Germany, 2010)', () => {
  const file = sharedData('trade/comtrade-v1-get-C-A-HS-CHN-ARG-DEU-2010.json');

  it('imports the four records with values, flows, partners and basis as in the file', async () => {
    const r = await importComtrade(store, file);
    expect(r.importer).toBe('comtrade-v1-json');
    expect(r.rows).toBe(4);
    expect(r.dropped).toEqual([]);
    const rows = await flowsOf(r.sourceId);
    const pick = rows.map((f) => [f.row_no, f.flow, f.partner_code, f.value_usd, f.basis]);
    expect(pick).toEqual([
      [1, 'import', 'ARG', 6804128143, 'CIF'],
      [2, 'import', 'DEU', 74251272075, 'CIF'],
      [3, 'export', 'ARG', 6115764185, 'FOB'],
      [4, 'export', 'DEU', 68047133397, 'FOB'],
    ]);
    for (const f of rows) {
      expect(f).toMatchObject({
        reporter_level: 'country',
        reporter_code: 'CHN',
        partner_level: 'country',
        year: 2010,
        month: null,
        period_kind: 'year',
        commodity_system: 'TOTAL',
        commodity_code: 'TOTAL',
        currency: 'USD',
        scale: 1,
        reported_by: 'reporter',
        variant: 'as-reported',
        estimated: false,
      });
      expect(f.value).toBe(f.value_usd);
    }
    // China's 2010 trade with the two partners, by hand: 6,804,128,143 + 74,251,272,075 imports.
    const [{ imports }] = await store.query<{ imports: number }>(
      "SELECT sum(value_usd) AS imports FROM flows WHERE flow = 'import'",
    );
    expect(imports).toBe(81055400218);
  });

  it('re-importing the same file is a no-op (same sha256)', async () => {
    const first = await importComtrade(store, file);
    const again = await importComtrade(store, file);
    expect(again.alreadyImported).toBe(true);
    expect(again.sourceId).toBe(first.sourceId);
    const [{ n }] = await store.query<{ n: number }>('SELECT count(*) AS n FROM flows');
    expect(n).toBe(4);
    const [{ s }] = await store.query<{ s: number }>('SELECT count(*) AS s FROM sources');
    expect(s).toBe(1);
  });

  it('maps every "area not specified" partner code of Comtrade to a group region', async () => {
    const rows = parseCsvText(readFileSync(sharedData('trade/comtrade-areas-not-specified.csv'), 'utf8'));
    expect(rows.length).toBe(20);
    for (const r of rows) {
      const code = Number(r.PartnerCode);
      const [hit] = await store.query<{ code: string; level: string }>(
        "SELECT code, level FROM area_codes WHERE scheme = 'comtrade' AND numeric_code = $1",
        [code],
      );
      expect(hit, `Comtrade partner ${code} (${r.PartnerDesc})`).toEqual({
        code: `CT-${code}`,
        level: 'group',
      });
    }
  });
});

describe('Comtrade v1 CSV with the traps (PascalCase headers)', () => {
  it('keeps totals only and says how many breakdown rows were dropped, by reason', async () => {
    const r = await importComtrade(store, fixture('comtrade-v1-traps.csv'));
    expect(r.importer).toBe('comtrade-v1-csv');
    expect(r.rows).toBe(5);
    expect(r.dropped.map((d) => [d.reason.split(' (')[0], d.rows])).toEqual([
      ['breakdown rows by second partner', 1],
      ['breakdown rows by mode of transport', 1],
      ['breakdown rows by customs procedure', 1],
      ['rows of sub-flows', 1],
    ]);
    const rows = await flowsOf(r.sourceId);
    expect(rows.map((f) => f.row_no)).toEqual([2, 3, 4, 5, 10]);
    const [imp, exp, usa, ita, rx] = rows;
    expect(imp).toMatchObject({
      reporter_code: 'CHN',
      partner_code: 'RUS',
      flow: 'import',
      value_usd: 5000.5,
      basis: 'CIF',
    });
    expect(exp).toMatchObject({
      commodity_system: 'HS2017',
      commodity_code: '270900',
      flow: 'export',
      basis: 'FOB',
    });
    // Comtrade's own codes: 842 → USA, 251 → France; an import valued FOB; the lost leading zero restored.
    expect(usa).toMatchObject({
      reporter_code: 'USA',
      partner_code: 'FRA',
      flow: 'import',
      basis: 'FOB',
      commodity_code: '010121',
      commodity_label: 'Horses; live, pure-bred breeding animals',
    });
    // 381 → Italy; partner 899 "Areas, nes" is a group; refMonth 3 is a month.
    expect(ita).toMatchObject({
      reporter_code: 'ITA',
      partner_code: 'CT-899',
      partner_level: 'group',
      month: 3,
      period_kind: 'month',
      quantity: 10,
      quantity_unit: 'kg',
      net_weight_kg: 10,
    });
    expect(imp).toMatchObject({ month: null, period_kind: 'year' });
    // Partner 0 is the world; isReported = False marks an estimate.
    expect(rx).toMatchObject({
      flow: 're-export',
      partner_code: 'WLD',
      partner_level: 'world',
      estimated: true,
    });
  });

  it('stops at the first bad row with file:line:column: value: why (valid), writing nothing', async () => {
    const file = fixture('comtrade-v1-bad.csv');
    const err = await importComtrade(store, file).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message).toBe(`${file}:3:refYear: "20l8": not a year (a year between 1900 and 2100)`);
    const [{ f }] = await store.query<{ f: number }>('SELECT count(*) AS f FROM flows');
    const [{ s }] = await store.query<{ s: number }>('SELECT count(*) AS s FROM sources');
    expect([f, s]).toEqual([0, 0]);
  });

  it('names the line of a row with the wrong number of fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-test-'));
    try {
      const lines = readFileSync(fixture('comtrade-v1-bad.csv'), 'utf8').split('\n');
      const file = join(dir, 'short.csv');
      writeFileSync(file, [lines[0], lines[1], 'C,A,1,2', lines[3], ''].join('\n'));
      const err = await importComtrade(store, file).catch((e) => e);
      expect(err).toBeInstanceOf(ImportFileError);
      expect(err.message).toBe(
        `${file}:3: "C,A,1,2": 4 fields where the header has 47 (a line with the header's fields, quoted with " where a value holds the delimiter)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--skip-bad imports the rest and reports each skipped row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-test-'));
    try {
      const report = join(dir, 'skipped.csv');
      const r = await importComtrade(store, fixture('comtrade-v1-bad.csv'), {
        skipBad: true,
        reportFile: report,
      });
      expect(r.rows).toBe(3);
      expect(r.skippedBadRows).toBe(3);
      expect(r.reportFile).toBe(report);
      const lines = parseCsvText(readFileSync(report, 'utf8'));
      expect(lines.map((l) => [l.line, l.column, l.value, l.why])).toEqual([
        ['3', 'refYear', '20l8', 'not a year'],
        ['5', 'partnerCode', '9999', 'unknown partner code'],
        ['6', 'primaryValue', '-5', 'not a trade value'],
        ['6', 'fobvalue', '-5', 'not a number ≥ 0'],
      ]);
      expect((await flowsOf(r.sourceId)).map((f) => f.row_no)).toEqual([2, 4, 7]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('read without row numbers (as a large file is), names bad rows by line all the same', async () => {
    const file = fixture('comtrade-v1-bad.csv');
    const err = await importComtrade(store, file, { rowNumbers: false }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message).toBe(`${file}:3:refYear: "20l8": not a year (a year between 1900 and 2100)`);
    const dir = mkdtempSync(join(tmpdir(), 'amur-test-'));
    try {
      const short = join(dir, 'short.csv');
      const lines = readFileSync(file, 'utf8').split('\n');
      writeFileSync(short, [lines[0], lines[1], lines[3], 'C,A,1,2', ''].join('\n'));
      const shortErr = await importComtrade(store, short, { rowNumbers: false }).catch((e) => e);
      expect(shortErr).toBeInstanceOf(ImportFileError);
      expect(shortErr.message).toMatch(
        new RegExp(`^${short.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: "C,A,1,2": 4 fields`),
      );
      const report = join(dir, 'skipped.csv');
      const r = await importComtrade(store, file, { skipBad: true, reportFile: report, rowNumbers: false });
      expect(r.rows).toBe(3);
      const reported = parseCsvText(readFileSync(report, 'utf8'));
      expect(reported.map((l) => [l.line, l.column])).toEqual([
        ['3', 'refYear'],
        ['5', 'partnerCode'],
        ['6', 'primaryValue'],
        ['6', 'fobvalue'],
      ]);
      // --skip-bad reads the file once, in parallel, into a table in file order: the lines are known all the same
      const flows = await flowsOf(r.sourceId);
      expect(flows.map((f) => f.row_no).sort()).toEqual([2, 4, 7]);
      expect(flows.map((f) => f.partner_code).sort()).toEqual(['DEU', 'RUS', 'WLD']);
      expect(r.notes.some((n) => n.startsWith('flows.row_no left empty'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drops the same breakdown rows read without row numbers', async () => {
    const r = await importComtrade(store, fixture('comtrade-v1-traps.csv'), { rowNumbers: false });
    expect(r.rows).toBe(5);
    expect(r.dropped.map((d) => d.rows)).toEqual([1, 1, 1, 1]);
    expect((await flowsOf(r.sourceId)).map((f) => f.row_no)).toEqual([null, null, null, null, null]);
  });

  it('counts a row dropped for two reasons under both, in every mode, and afresh for the next file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-test-'));
    try {
      const lines = readFileSync(fixture('comtrade-v1-traps.csv'), 'utf8').trimEnd().split('\n');
      // line 7 is a second-partner breakdown (398 Kazakhstan): make it a mode-of-transport one as well
      const both = lines[6].split(',');
      const header = lines[0].split(',');
      both[header.indexOf('MotCode')] = '2100';
      const file = join(dir, 'two-reasons.csv');
      writeFileSync(file, [...lines, both.join(',')].join('\n'));
      const expected = [
        ['breakdown rows by second partner', 2],
        ['breakdown rows by mode of transport', 2],
        ['breakdown rows by customs procedure', 1],
        ['rows of sub-flows', 1],
      ];
      for (const opts of [{}, { rowNumbers: false }, { skipBad: true, reportFile: join(dir, 'r.csv') }]) {
        const s = await openStore(':memory:', { hooks: referenceDataHooks });
        try {
          const r = await importComtrade(s, file, opts);
          expect(r.rows).toBe(5);
          expect(r.dropped.map((d) => [d.reason.split(' (')[0], d.rows])).toEqual(expected);
          // the next file in the same store counts from zero
          const r2 = await importComtrade(s, fixture('comtrade-v1-traps.csv'), opts);
          expect(r2.dropped.map((d) => d.rows)).toEqual([1, 1, 1, 1]);
        } finally {
          s.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('caps DuckDB memory during the parallel insert of a file store, then puts the limit back', async () => {
    expect(memoryBytes('256.0 MiB')).toBe(256 * 2 ** 20);
    expect(memoryBytes('1GB')).toBe(1e9);
    expect(memoryBytes('18.8 GiB')).toBeCloseTo(18.8 * 2 ** 30);
    expect(memoryBytes('lots')).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'amur-test-'));
    const s = await openStore(join(dir, 'store.duckdb'), { hooks: referenceDataHooks });
    try {
      const limit = async () =>
        (await s.query<{ m: string }>("SELECT current_setting('memory_limit') AS m"))[0].m;
      const before = await limit();
      expect(memoryBytes(before)).toBeGreaterThan(IMPORT_MEMORY_LIMIT_BYTES);
      const seen: string[] = [];
      const run = s.run.bind(s);
      s.run = async (sql, params) => {
        if (sql.startsWith('INSERT INTO flows')) seen.push(await limit());
        return run(sql, params);
      };
      const query = s.query.bind(s);
      s.query = async (sql, params) => {
        if (sql.startsWith('INSERT INTO flows')) seen.push(await limit());
        return query(sql, params);
      };
      const r = await importComtrade(s, fixture('comtrade-v1-traps.csv'), { rowNumbers: false });
      expect(r.rows).toBe(5);
      expect(seen).toEqual(['256.0 MiB']);
      expect(await limit()).toBe(before);
      // numbered (a small file, as usual): the limit is left alone
      seen.length = 0;
      await importComtrade(s, fixture('comtrade-legacy.csv'));
      expect(seen).toEqual([before]);
    } finally {
      s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves no report file when --skip-bad finds nothing to skip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-test-'));
    try {
      const report = join(dir, 'skipped.csv');
      const r = await importComtrade(store, fixture('comtrade-v1-traps.csv'), {
        skipBad: true,
        reportFile: report,
      });
      expect([r.rows, r.skippedBadRows, r.reportFile]).toEqual([5, 0, undefined]);
      expect(existsSync(report)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('mirror data', () => {
  it("keeps the partner's report as the flow it mirrors, beside the reporter's own", async () => {
    // The legacy fixture is Russia's report (imports from China 250,000 CIF; exports to China 12,345 FOB).
    const r = await importComtrade(store, fixture('comtrade-legacy.csv'), { mirror: true });
    const rows = await flowsOf(r.sourceId);
    expect(
      rows.map((f) => [f.reporter_code, f.partner_code, f.flow, f.value_usd, f.basis, f.reported_by]),
    ).toEqual([
      ['CHN', 'RUS', 'export', 250000, 'CIF', 'partner'],
      ['CHN', 'RUS', 'import', 12345, 'FOB', 'partner'],
    ]);
    // China's own report of its imports from Russia stays as it is: both sides are kept.
    await importComtrade(store, fixture('comtrade-v1-traps.csv'));
    const sides = await store.query<{ reported_by: string; basis: string }>(
      "SELECT reported_by, basis FROM flows WHERE reporter_code = 'CHN' AND partner_code = 'RUS' AND flow = 'import' AND year = 2018 AND commodity_code = 'TOTAL' ORDER BY reported_by",
    );
    expect(sides).toEqual([{ reported_by: 'reporter', basis: 'CIF' }]);
    const mirror = await store.query<{ n: number }>(
      "SELECT count(*) AS n FROM flows WHERE reporter_code = 'CHN' AND partner_code = 'RUS' AND reported_by = 'partner'",
    );
    expect(mirror[0].n).toBe(2);
  });
});

describe('Comtrade legacy CSV', () => {
  it('reads Trade Flow Code, Period (YYYY or YYYYMM), Qty Unit Code and Flag', async () => {
    const r = await importComtrade(store, fixture('comtrade-legacy.csv'));
    expect(r.importer).toBe('comtrade-legacy-csv');
    expect(r.rows).toBe(2);
    expect(r.dropped).toEqual([{ reason: expect.stringContaining('mode of transport'), rows: 1 }]);
    const [a, b] = await flowsOf(r.sourceId);
    expect(a).toMatchObject({
      reporter_code: 'RUS',
      partner_code: 'CHN',
      flow: 'import',
      year: 2016,
      month: null,
      commodity_system: 'HS2012',
      commodity_code: '27',
      value_usd: 250000,
      basis: 'CIF',
      quantity: 1000,
      quantity_unit: 'kg',
      net_weight_kg: 1000,
      estimated: false,
    });
    expect(b).toMatchObject({
      flow: 'export',
      month: 3,
      period_kind: 'month',
      commodity_code: '44',
      value_usd: 12345,
      basis: 'FOB',
      quantity: 30,
      quantity_unit: 'm3',
      estimated: true,
    });
  });
});
