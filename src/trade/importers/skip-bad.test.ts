/**
 * `--skip-bad` reads the file once (`stageRecords` in common.ts): the import
 * reads a named pipe (FIFO), which yields its bytes to the first reader only
 * (a writer process serves the file once, then an empty file to any later
 * reader), and must still import every good row, report every bad row with
 * its line, column, value and what is valid, and leave nothing half-written
 * when it fails. (Read twice, the pipe makes the second read wait: the test
 * times out.) The same import with a counter on the reader counts each record
 * once.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvText } from '../csv.ts';
import { referenceDataHooks } from '../first-use.ts';
import { openStore, type Store } from '../store.ts';
import { csvDialect, csvFromSql, csvReadSql, headerIndex, runSqlImport, sha256File } from './common.ts';
import { comtradePlan } from './comtrade.ts';

const fixture = fileURLToPath(new URL('./fixtures/comtrade-v1-bad.csv', import.meta.url));
const canFifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

let dir: string;
let store: Store;
/** The fixture's data lines (3 good, 3 bad: lines 3, 5, 6) repeated 500 times: 3,001 lines. */
let file: string;
const REPEAT = 500;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amur-skip-bad-'));
  store = await openStore(':memory:', { hooks: referenceDataHooks });
  const [header, ...body] = readFileSync(fixture, 'utf8').trimEnd().split('\n');
  file = join(dir, 'comtrade-bad.csv');
  writeFileSync(file, `${[header, ...Array.from({ length: REPEAT }, () => body).flat()].join('\n')}\n`);
});
afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A FIFO serving `source` to its first reader, and an empty file to each later one (up to 1,000). */
function servedOnce(source: string, name: string): { path: string; writer: ChildProcess } {
  const path = join(dir, name);
  spawnSync('mkfifo', [path]);
  const writer = spawn(
    process.execPath,
    [
      '-e',
      `const fs = require('node:fs');
       const [src, fifo] = process.argv.slice(1);
       fs.writeFileSync(fifo, fs.readFileSync(src));
       for (let i = 0; i < 1000; i++) fs.writeFileSync(fifo, '');`,
      source,
      path,
    ],
    { stdio: 'ignore' },
  );
  return { path, writer };
}

describe.skipIf(!canFifo)('amur trade import --skip-bad reads the file once', () => {
  for (const rowNumbers of [true, false])
    it(`imports the good rows and reports every bad one by line from a file that can be read once (${rowNumbers ? 'numbered' : 'read in parallel, as a large file'})`, async () => {
      const { path, writer } = servedOnce(file, `pipe-${rowNumbers}.csv`);
      try {
        const dialect = await csvDialect(file); // the header, from the regular copy (the pipe is for the import alone)
        const plan = comtradePlan(
          path,
          'comtrade-v1-csv',
          headerIndex(dialect.columns),
          csvFromSql(path, dialect),
          csvReadSql(path, dialect),
        );
        const report = join(dir, `skipped-${rowNumbers}.csv`);
        const hash = `${await sha256File(file)}-${rowNumbers}`;
        const r = await runSqlImport(store, plan, { skipBad: true, reportFile: report, rowNumbers }, hash);
        expect(r.rows).toBe(3 * REPEAT);
        expect(r.skippedBadRows).toBe(3 * REPEAT);
        const reported = parseCsvText(readFileSync(report, 'utf8'));
        // every bad row, by line (block k holds lines 6k+2 … 6k+7; bad: 6k+3, 6k+5, 6k+6 with two problems)
        const expected = Array.from({ length: REPEAT }, (_, k) => [
          [String(6 * k + 3), 'refYear', '20l8'],
          [String(6 * k + 5), 'partnerCode', '9999'],
          [String(6 * k + 6), 'primaryValue', '-5'],
          [String(6 * k + 6), 'fobvalue', '-5'],
        ]).flat();
        expect(reported.map((l) => [l.line, l.column, l.value])).toEqual(expected);
        expect(reported[0].why).toBe('not a year');
        expect(reported[0].valid).toBe('a year between 1900 and 2100');
        // the good rows, with their lines
        const lines = await store.query<{ n: number }>(
          'SELECT row_no::INT AS n FROM flows WHERE source_id = $1 ORDER BY row_no',
          [r.sourceId],
        );
        expect(lines.map((x) => x.n)).toEqual(
          Array.from({ length: REPEAT }, (_, k) => [6 * k + 2, 6 * k + 4, 6 * k + 7]).flat(),
        );
      } finally {
        writer.kill();
      }
    });

  for (const rowNumbers of [true, false])
    it(`reads each record once (a counter on the reader; ${rowNumbers ? 'numbered' : 'read in parallel'})`, async () => {
      const dialect = await csvDialect(file);
      await store.run('CREATE OR REPLACE TEMP SEQUENCE amur_test_reads START 1');
      // the reader, counting the records it yields (a filter calling a volatile function runs on every row)
      const reader = `(SELECT * FROM ${csvReadSql(file, dialect)} WHERE nextval('amur_test_reads') > 0)`;
      const numbered = `(SELECT *, CAST(row_number() OVER () AS BIGINT) + 1 AS __row FROM ${reader})`;
      const plan = comtradePlan(file, 'comtrade-v1-csv', headerIndex(dialect.columns), numbered, reader);
      const r = await runSqlImport(
        store,
        plan,
        { skipBad: true, reportFile: join(dir, `counted-${rowNumbers}.csv`), rowNumbers },
        `counted-${rowNumbers}`,
      );
      expect(r.rows).toBe(3 * REPEAT);
      expect(r.skippedBadRows).toBe(3 * REPEAT);
      const [{ reads }] = await store.query<{ reads: number }>(
        "SELECT (nextval('amur_test_reads') - 1)::INT AS reads",
      );
      expect(reads).toBe(6 * REPEAT); // the file's 3,000 records
    });

  it('leaves nothing behind when the import fails after the file was read', async () => {
    const before = await store.query<{ f: number; s: number }>(
      'SELECT (SELECT count(*) FROM flows)::INT AS f, (SELECT count(*) FROM sources)::INT AS s',
    );
    const dialect = await csvDialect(file);
    const plan = comtradePlan(
      file,
      'comtrade-v1-csv',
      headerIndex(dialect.columns),
      csvFromSql(file, dialect),
    );
    // a column the flows table refuses (NOT NULL) fails the insert after the records were staged
    const broken = { ...plan, columns: { ...plan.columns, flow: 'NULL::VARCHAR' } };
    await expect(
      runSqlImport(store, broken, { skipBad: true, reportFile: join(dir, 'r.csv') }, 'broken-import'),
    ).rejects.toThrow(/NOT NULL/);
    const after = await store.query<{ f: number; s: number }>(
      'SELECT (SELECT count(*) FROM flows)::INT AS f, (SELECT count(*) FROM sources)::INT AS s',
    );
    expect(after).toEqual(before);
    const staged = await store.query(
      "SELECT 1 FROM duckdb_tables() WHERE temporary AND table_name = 'amur_import_records'",
    );
    expect(staged).toEqual([]);
  });
});
