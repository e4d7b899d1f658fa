import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeShared, sharedData } from '../../test/shared.ts';
import { referenceDataHooks } from './first-use.ts';
import {
  loadHsNomenclature,
  NOMENCLATURE_DIR,
  NOMENCLATURE_FILE,
  readHsNomenclature,
} from './nomenclature.ts';
import { openStore, type Store } from './store.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:', { hooks: referenceDataHooks });
});
afterAll(() => store.close());

const levels = () =>
  store.query<{ level: number; n: number }>(
    "SELECT level, count(*) AS n FROM commodities WHERE system = 'HS2022' GROUP BY level ORDER BY level",
  );

describe('the shipped HS 2022 nomenclature', () => {
  it('is loaded on first use without ../shared: 21 sections, 97 chapters, 1,229 headings', async () => {
    expect(await levels()).toEqual([
      { level: 0, n: 21 },
      { level: 2, n: 97 },
      { level: 4, n: 1229 },
    ]);
    const [ch01] = await store.query<{ parent: string; label_en: string }>(
      "SELECT parent, label_en FROM commodities WHERE system = 'HS2022' AND code = '01'",
    );
    expect(ch01).toEqual({ parent: 'I', label_en: 'Animals; live' });
    const [h0101] = await store.query<{ parent: string }>(
      "SELECT parent FROM commodities WHERE system = 'HS2022' AND code = '0101'",
    );
    expect(h0101.parent).toBe('01');
  });

  it('records its source and licence beside it', () => {
    const sources = readFileSync(join(NOMENCLATURE_DIR, 'SOURCES.md'), 'utf8');
    expect(sources).toContain(NOMENCLATURE_FILE);
    expect(sources).toContain('datasets/harmonized-system');
    expect(sources).toContain('ODC-PDDL-1.0');
  });
});

describeShared('the full HS 2022 files, loaded by the user', () => {
  it('add the 5,613 subheadings and match the shipped rows', async () => {
    const full = readHsNomenclature(sharedData('trade'));
    const shipped = await store.query<{ code: string; label_en: string }>(
      "SELECT code, label_en FROM commodities WHERE system = 'HS2022' ORDER BY code",
    );
    const fromFull = full
      .filter((r) => r.level <= 4)
      .map((r) => ({ code: r.code, label_en: r.label_en }))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(shipped).toEqual(fromFull);
    await loadHsNomenclature(store, sharedData('trade'));
    await loadHsNomenclature(store, sharedData('trade'));
    expect(await levels()).toEqual([
      { level: 0, n: 21 },
      { level: 2, n: 97 },
      { level: 4, n: 1229 },
      { level: 6, n: 5613 },
    ]);
    const [horse] = await store.query<{ parent: string; label_en: string }>(
      "SELECT parent, label_en FROM commodities WHERE system = 'HS2022' AND code = '010121'",
    );
    expect(horse).toEqual({ parent: '0101', label_en: 'Horses; live, pure-bred breeding animals' });
  });
});
