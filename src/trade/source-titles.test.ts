/**
 * Source titles in the reader's language: the importers' own titles stored
 * in en (`title`, as before) with zh/ru (`titles`); a title the user gives
 * kept as given without translations; the seed tables' `titles` from their
 * specs; and a store made before migration 013 opening with its old rows
 * untranslated and its seed tables reloaded with theirs.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { titleIn } from '../i18n/source-titles.ts';
import { openTradeStore } from './first-use.ts';
import { importFile } from './importers/index.ts';
import { readTidyMapping } from './importers/tidy.ts';
import { sourceTitlesSql } from './source-titles.ts';
import { listMigrations, openStore, type Store } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'amur-source-titles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (f: string) => new URL(`./importers/fixtures/${f}`, import.meta.url).pathname;

async function titlesOf(store: Store, id: string): Promise<{ title: string; titles: unknown }> {
  const [r] = await store.query<{ title: string; titles: string | null }>(
    'SELECT title, titles FROM sources WHERE id = $1',
    [id],
  );
  return { title: r.title, titles: r.titles === null ? null : JSON.parse(r.titles) };
}

describe('source titles in en/zh/ru', () => {
  it('the importers say their own titles in the three languages, the English as before', async () => {
    const store = await openTradeStore(':memory:');
    try {
      const gacc = await importFile(store, fixture('gacc-national-usd-2023-01.csv'));
      expect(await titlesOf(store, gacc.sourceId)).toEqual({
        title: 'China customs (GACC) online query export: gacc-national-usd-2023-01.csv',
        titles: {
          zh: '中国海关总署在线查询导出数据：gacc-national-usd-2023-01.csv',
          ru: 'Выгрузка онлайн-запроса таможни КНР (ГТУ КНР): gacc-national-usd-2023-01.csv',
        },
      });
      const legacy = await importFile(store, fixture('comtrade-legacy.csv'));
      expect(await titlesOf(store, legacy.sourceId)).toEqual({
        title: 'UN Comtrade data (legacy CSV)',
        titles: {
          zh: '联合国商品贸易统计数据库（UN Comtrade）数据（旧版 CSV）',
          ru: 'Данные UN Comtrade (CSV прежнего формата)',
        },
      });
      // the mapping's own `source.title` is the user's: kept as given, untranslated
      const tidy = await importFile(store, fixture('tidy-cny.csv'), {
        mapping: readTidyMapping(fixture('tidy-cny.mapping.yaml')),
      });
      expect(await titlesOf(store, tidy.sourceId)).toEqual({
        title: 'Test fixture (synthetic values)',
        titles: null,
      });
      const untitled = { ...readTidyMapping(fixture('tidy-cny.mapping.yaml')), source: {} };
      const copy = join(dir, 'tidy-copy.csv');
      copyFileSync(fixture('tidy-cny.csv'), copy);
      // the same bytes are one source per store: a second store
      const other = await openTradeStore(':memory:');
      const generated = await importFile(other, copy, { mapping: untitled });
      const got = await titlesOf(other, generated.sourceId);
      other.close();
      expect(got).toEqual({
        title: 'tidy-copy.csv (tidy CSV)',
        titles: { zh: 'tidy-copy.csv（长表格式 CSV）', ru: 'tidy-copy.csv (CSV в длинном формате)' },
      });
    } finally {
      store.close();
    }
  });

  it('a title the user gives stays as given, with no translation invented', async () => {
    const store = await openTradeStore(':memory:');
    try {
      const r = await importFile(store, fixture('fcs-regional-2023-01.csv'), {
        source: { title: 'Приморье, январь 2023' },
      });
      const t = await titlesOf(store, r.sourceId);
      expect(t).toEqual({ title: 'Приморье, январь 2023', titles: null });
      expect(titleIn(t.title, null, 'zh')).toEqual({ text: 'Приморье, январь 2023', lang: 'en' });
    } finally {
      store.close();
    }
  });

  it('the seed tables carry their specs’ zh and ru titles; the printed title stays in `title`', async () => {
    const store = await openTradeStore(':memory:');
    try {
      expect(await titlesOf(store, 'heihe-foreign-trade-2011-2015')).toEqual({
        title: 'Foreign trade of Heihe during the 12th five-year plan period (2011–2015)',
        titles: {
          zh: '“十二五”时期黑河市对外贸易（2011—2015年）',
          ru: 'Внешняя торговля Хэйхэ в годы 12-й пятилетки (2011–2015 гг.)',
        },
      });
    } finally {
      store.close();
    }
  });

  it('a store made before migration 013 opens: its old rows have no titles, its seed tables are reloaded with theirs', async () => {
    // the migrations of the release before this one
    const old = join(dir, 'old-migrations');
    mkdirSync(old);
    for (const m of listMigrations())
      if (m.version < 13)
        copyFileSync(m.file, join(old, `${String(m.version).padStart(3, '0')}-${m.name}.sql`));
    const file = join(dir, 'old.duckdb');
    const before = await openStore(file, { migrationsDir: old });
    await before.run(
      "INSERT INTO sources (id, title, importer, rows) VALUES ('old-comtrade', 'UN Comtrade data (v1 CSV)', 'comtrade-v1-csv', 0)",
    );
    await before.run("INSERT INTO store_hooks (id, version) VALUES ('amur:seed-tables', 'an older seed')");
    expect(
      (
        await before.query(
          "SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'sources' AND column_name = 'titles'",
        )
      )[0],
    ).toEqual({ n: 0 });
    before.close();

    // a copy this user cannot write opens read-only as it is: 013 only adds a column the readers look for first
    const copy = join(dir, 'old-unwritable.duckdb');
    copyFileSync(file, copy);
    const asIs = await openTradeStore(copy, { readOnly: true, canWrite: () => false });
    try {
      expect(asIs.stale).toContain('the additions of migration 13');
      expect(
        await asIs.query(
          `SELECT id, ${await sourceTitlesSql(asIs)} AS titles FROM sources WHERE id = 'old-comtrade'`,
        ),
      ).toEqual([{ id: 'old-comtrade', titles: null }]);
    } finally {
      asIs.close();
    }

    // a read-only open of a file this user can write brings it up to date first
    const after = await openTradeStore(file, { readOnly: true });
    try {
      expect(after.stale).toEqual([]);
      expect(await titlesOf(after, 'old-comtrade')).toEqual({
        title: 'UN Comtrade data (v1 CSV)',
        titles: null,
      });
      expect((await titlesOf(after, 'heilongjiang-russia-2008-2018')).titles).toEqual({
        zh: '2008—2018年黑龙江省对俄罗斯货物贸易',
        ru: 'Товарная торговля между Россией и провинцией Хэйлунцзян в 2008–2018 гг.',
      });
    } finally {
      after.close();
    }
  });
});
