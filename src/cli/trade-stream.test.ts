/**
 * `amur trade query` streams: a store of 300,000 synthetic flows is printed in
 * full (CSV, JSON and the text table) by a child process whose V8 heap is
 * capped at 128 MB, which holding the whole result would exceed (about 1 KB a
 * row object). A behavioural bound on memory, not a timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../../test/cli.ts';
import { openTradeStore } from '../trade/first-use.ts';

const ROWS = 300_000;
const dir = mkdtempSync(join(tmpdir(), 'amur-trade-stream-'));
const db = join(dir, 'big.duckdb');
const env = { AMUR_DB: db, AMUR_RUN_FROM: 'src', NODE_OPTIONS: '--max-old-space-size=128' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const store = await openTradeStore(db);
  try {
    await store.run(
      `INSERT INTO sources (id, title, importer, rows) VALUES ('synthetic', 'synthetic flows', 'test', ${ROWS})`,
    );
    // one flow per (partner, year, commodity): 100 partners × 30 years × 100 commodities
    await store.run(`INSERT INTO flows (source_id, row_no, reporter_level, reporter_code, partner_level, partner_code,
        year, period_kind, flow, commodity_system, commodity_code, commodity_label, value, currency, scale, value_usd, reported_by)
      SELECT 'synthetic', i + 2, 'country', 'CHN', 'country', 'P' || lpad(CAST(i // 3000 AS VARCHAR), 3, '0'),
        1990 + (i // 100) % 30, 'year', 'export', 'HS2017', lpad(CAST(i % 100 AS VARCHAR), 4, '0'),
        'synthetic commodity ' || (i % 100), i * 1.5, 'USD', 1, i * 1.5, 'reporter'
      FROM range(${ROWS}) t(i)`);
  } finally {
    store.close();
  }
}, 120_000);

const query = (format: string[]) =>
  spawnCli(['trade', 'query', '--source', 'synthetic', ...format], { env, timeoutMs: 170_000 });

describe('amur trade query on a large store', () => {
  it('prints every row as CSV within a 128 MB heap', async () => {
    const r = await query(['--csv']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines[0].split(',').slice(0, 4)).toEqual([
      'source_id',
      'row_no',
      'reporter_level',
      'reporter_code',
    ]);
    // ordered by partner, year, commodity: the last row is the last partner's last year and commodity
    expect(lines[ROWS]).toContain(',P099,');
    expect(lines[ROWS]).toContain(',2019,');
    expect(lines[ROWS]).toContain(',0099,');
  }, 180_000);

  it('prints every row as one JSON array within a 128 MB heap', async () => {
    const r = await query(['--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('[\n  {\n    "source_id": "synthetic",')).toBe(true);
    expect(r.stdout.endsWith('\n]\n')).toBe(true);
    expect(r.stdout.match(/^ {4}"row_no": /gm)).toHaveLength(ROWS);
  }, 180_000);

  it('prints every row as a text table within a 128 MB heap', async () => {
    const r = await query([]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines[0]).toMatch(/^source_id +reporter_code +partner_code +year/);
    expect(lines.filter((l) => l.startsWith('source_id'))).toHaveLength(1);
  }, 180_000);
});
