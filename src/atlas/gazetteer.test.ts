import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldText,
  GazetteerError,
  pinyinVariants,
  resolvePlace,
  resolvePlaceMatch,
  searchAtlas,
  TRANSLIT_SYSTEMS,
  transliterate,
  translitVariants,
} from './gazetteer.ts';
import { loadAtlas } from './load.ts';
import type { Atlas, Place } from './schema.ts';

const MINI = fileURLToPath(new URL('./fixtures/mini/', import.meta.url));
const mini = loadAtlas(MINI).atlas;

const ids = (text: string, atlas: Atlas = mini) => searchAtlas(atlas, text).map((c) => c.id);
const top = (text: string, atlas: Atlas = mini) => searchAtlas(atlas, text)[0]?.id;
const system = (name: string) => TRANSLIT_SYSTEMS.find((s) => s.name === name)!;

describe('foldText', () => {
  it('drops tones, diacritics, case, spaces and punctuation', () => {
    expect(foldText('Hēihé')).toBe('heihe');
    expect(foldText('Hei He')).toBe('heihe');
    expect(foldText('RU VVO')).toBe('ruvvo');
    expect(foldText('Małaszewicze')).toBe('malaszewicze');
    expect(foldText('Zamyn-Üüd')).toBe('zamynuud');
    expect(foldText('黑河—布拉戈维申斯克')).toBe('黑河布拉戈维申斯克');
  });
});

describe('pinyin and transliteration', () => {
  it('derives pinyin from Chinese names, with every reading of a polyphonic character', () => {
    expect(pinyinVariants('黑河')).toEqual(['heihe']);
    expect(pinyinVariants('珲春')).toEqual(expect.arrayContaining(['huichun', 'hunchun']));
    expect(pinyinVariants('Heihe')).toEqual([]);
  });

  it('romanises Russian in the usual systems', () => {
    expect(transliterate('Екатеринбург', system('BGN/PCGN'))).toBe('yekaterinburg');
    expect(transliterate('Хабаровск', system('GOST 7.79 B'))).toBe('xabarovsk');
    expect(foldText(transliterate('Благовещенск', system('ISO 9')))).toBe('blagovesensk');
    expect(foldText(transliterate('Благовещенск', system('scholarly')))).toBe('blagovescensk');
    expect(transliterate('Уссурийский', system('informal (sh, -y)'))).toBe('ussuriysky');
    expect(transliterate('Забайкальск', system('ICAO passport'))).toBe('zabaikalsk');
    expect(translitVariants('Благовещенск')).toEqual(
      expect.arrayContaining([
        'blagoveshchensk',
        'blagoveschensk',
        'blagoveshensk',
        'blagoveshhensk',
        'blagovesensk',
        'blagovescensk',
      ]),
    );
  });
});

describe('searchAtlas', () => {
  it('黑河, Благовещенск and heihe all find the crossing heihe-blagoveshchensk, after the place', () => {
    for (const q of ['黑河', 'Благовещенск', 'heihe']) {
      const found = ids(q);
      expect(found, q).toContain('heihe-blagoveshchensk');
    }
    expect(top('黑河')).toBe('heihe');
    expect(top('Благовещенск')).toBe('blagoveshchensk');
    expect(top('heihe')).toBe('heihe');
  });

  it('finds a place by pinyin with or without tones and spaces', () => {
    for (const q of ['Heihe', 'Hei He', 'Hēihé', 'hei1he2', 'HEIHE', 'ha er bin', 'Suifenhe', 'Sui Fen He']) {
      expect(top(q), q).toBe(
        q.toLowerCase().startsWith('ha') ? 'harbin' : q.toLowerCase().startsWith('s') ? 'suifenhe' : 'heihe',
      );
    }
  });

  it('finds a polyphonic name by either reading', () => {
    expect(top('hunchun')).toBe('hunchun');
    expect(top('huichun')).toBe('hunchun');
  });

  it('finds Blagoveshchensk by every common transliteration', () => {
    for (const q of [
      'Blagoveshchensk',
      'Blagoveschensk',
      'Blagoveshensk',
      'Blagovescensk',
      'Blagoveshhensk',
    ]) {
      const [first] = searchAtlas(mini, q);
      expect(first.id, q).toBe('blagoveshchensk');
      expect(first.score, q).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('finds a place by UN/LOCODE with or without the space', () => {
    expect(top('RUVVO')).toBe('vladivostok');
    expect(top('RU VVO')).toBe('vladivostok');
    expect(top('cnhek')).toBe('heihe');
  });

  it('tolerates a typo', () => {
    expect(top('Harbn')).toBe('harbin');
    expect(top('Vladivostk')).toBe('vladivostok');
    expect(top('Blagoveshchenks')).toBe('blagoveshchensk');
    expect(searchAtlas(mini, 'Harbn')[0].match).toBe('fuzzy');
  });

  it('finds alternative names (former Chinese names of Russian cities)', () => {
    expect(top('海参崴')).toBe('vladivostok');
    expect(top('双城子')).toBe('ussuriysk');
    expect(top('Shuangchengzi')).toBe('ussuriysk');
    expect(top('Haishenwai')).toBe('vladivostok');
  });

  it('finds a crossing by the names and codes of its sides', () => {
    const found = searchAtlas(mini, 'CNSFH');
    expect(found[0].id).toBe('suifenhe');
    const crossing = found.find((c) => c.id === 'suifenhe-grodekovo');
    expect(crossing?.match).toBe('side');
    expect(crossing?.matched).toBe('side suifenhe: unlocode CNSFH');
  });

  it('matches several words in any order', () => {
    expect(top('Blagoveshchensk Heihe')).toBe('heihe-blagoveshchensk');
    expect(top('Heihe Blagoveshchensk')).toBe('heihe-blagoveshchensk');
  });

  it('ranks by score, filters by kind and honours the limit', () => {
    const found = searchAtlas(mini, 'Suifenhe');
    expect(found.map((c) => c.score)).toEqual([...found.map((c) => c.score)].sort((a, b) => b - a));
    expect(found.map((c) => c.kind)).toEqual(
      expect.arrayContaining(['place', 'crossing', 'zone', 'corridor']),
    );
    expect(searchAtlas(mini, 'Suifenhe', { kinds: ['crossing'] }).map((c) => c.id)).toEqual([
      'suifenhe-grodekovo',
    ]);
    expect(searchAtlas(mini, 'Suifenhe', { limit: 2 })).toHaveLength(2);
  });

  it('searches links only when asked, by id and line name', () => {
    expect(ids('Trans-Siberian')).toEqual([]);
    expect(searchAtlas(mini, 'Trans-Siberian Railway', { kinds: ['link'] }).map((c) => c.id)).toEqual([
      'ussuriysk-vladivostok-rail',
    ]);
  });

  it('returns nothing for text that matches nothing', () => {
    expect(searchAtlas(mini, 'xyzzy')).toEqual([]);
    expect(searchAtlas(mini, '   ')).toEqual([]);
  });

  it('finds every place of the fixture by each of its names, ranked first', () => {
    for (const p of mini.places) {
      for (const name of [p.names.en, p.names.zh, p.names.ru, p.id, ...(p.unlocode ? [p.unlocode] : [])]) {
        expect(top(name), `${p.id} by "${name}"`).toBe(p.id);
      }
    }
  });
});

describe('resolvePlace', () => {
  const twin: Place = {
    ...mini.places.find((p) => p.id === 'vladivostok')!,
    id: 'vladivostok-port',
    names: { en: 'Vladivostok', zh: '符拉迪沃斯托克港', ru: 'Владивосток' },
    kinds: ['seaport'],
    unlocode: undefined,
  };
  const withTwin: Atlas = { ...mini, places: [...mini.places, twin] };

  it('accepts an exact id, an exact name, or a close unambiguous typo', () => {
    expect(resolvePlace(mini, 'heihe').id).toBe('heihe');
    expect(resolvePlace(mini, '符拉迪沃斯托克').id).toBe('vladivostok');
    expect(resolvePlace(mini, 'Blagoveschensk').id).toBe('blagoveshchensk');
    expect(resolvePlace(mini, 'Vladivostk').id).toBe('vladivostok');
    expect(resolvePlace(withTwin, 'vladivostok').id).toBe('vladivostok');
    expect(resolvePlace(withTwin, '符拉迪沃斯托克港').id).toBe('vladivostok-port');
  });

  it('lists the candidates when a name is shared', () => {
    expect(() => resolvePlace(withTwin, 'Владивосток')).toThrow(
      'ambiguous place "Владивосток": did you mean vladivostok (Vladivostok 符拉迪沃斯托克 Владивосток), vladivostok-port (Vladivostok 符拉迪沃斯托克港 Владивосток)?',
    );
    try {
      resolvePlace(withTwin, 'Vladivostok');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GazetteerError);
      expect((e as GazetteerError).reason).toBe('ambiguous');
      expect((e as GazetteerError).candidates.map((c) => c.id)).toEqual(['vladivostok', 'vladivostok-port']);
    }
  });

  it('says what it accepts when nothing matches', () => {
    expect(() => resolvePlace(mini, 'Paris')).toThrow(
      'unknown place "Paris" (give an id, or a name in English, Chinese or Russian, pinyin, a transliteration or a UN/LOCODE)',
    );
  });

  it('never takes a prefix, a substring or a loose typo for a place', () => {
    expect(() => resolvePlace(mini, 'Ussur Suif')).toThrow(/^(ambiguous|unknown) place "Ussur Suif"/);
    // A prefix of one place is a candidate, not an answer.
    expect(() => resolvePlace(mini, 'Suif')).toThrow(/^unknown place "Suif"; did you mean: suifenhe/);
    // Two edits from a 9-letter name is not a typo we take (Chongqing is not Changling).
    const withChangling: Atlas = {
      ...mini,
      places: [
        ...mini.places,
        {
          ...mini.places.find((p) => p.id === 'heihe')!,
          id: 'changling',
          names: { en: 'Changling', zh: '长岭', ru: 'Чанлин' },
          unlocode: undefined,
        },
      ],
    };
    expect(() => resolvePlace(withChangling, 'Chongqing')).toThrow(
      /^unknown place "Chongqing"; did you mean: changling \(Changling 长岭 Чанлин\)/,
    );
    try {
      resolvePlace(withChangling, 'Chongqing');
      expect.unreachable();
    } catch (e) {
      expect((e as GazetteerError).valid).toEqual(['changling (Changling 长岭 Чанлин)']);
    }
  });

  it('says what a typo-level match matched', () => {
    const r = resolvePlaceMatch(mini, 'Vladivostk');
    expect(r.record.id).toBe('vladivostok');
    expect(r.match).toBe('fuzzy');
    expect(r.note).toMatch(
      /^"Vladivostk" → vladivostok \(Vladivostok .*\): 1 edit from names\.en "Vladivostok"$/,
    );
    expect(resolvePlaceMatch(mini, 'Heihe').note).toBeUndefined();
  });

  it('takes several words only when all are words of one place', () => {
    const a = mini.places.find((p) => p.id === 'heihe')!;
    const withGavan: Atlas = {
      ...mini,
      places: [
        ...mini.places,
        {
          ...a,
          id: 'sovetskaya-gavan',
          names: { en: 'Sovetskaya Gavan', zh: '苏维埃港', ru: 'Советская Гавань' },
          unlocode: undefined,
        },
      ],
    };
    const r = resolvePlaceMatch(withGavan, 'Gavan Sovetskaya');
    expect(r.record.id).toBe('sovetskaya-gavan');
    expect(r.note).toMatch(/every word is a word of its names/);
    expect(() => resolvePlace(withGavan, 'Gavan Heihe')).toThrow(GazetteerError);
  });

  it('refuses a typo that is as close to two places', () => {
    const a = mini.places.find((p) => p.id === 'heihe')!;
    const twins: Atlas = {
      ...mini,
      places: [
        ...mini.places,
        { ...a, id: 'abcdef', names: { en: 'Abcdef', zh: '甲', ru: 'Абвгде' }, unlocode: undefined },
        { ...a, id: 'abcdeh', names: { en: 'Abcdeh', zh: '乙', ru: 'Абвгдж' }, unlocode: undefined },
      ],
    };
    expect(resolvePlace(twins, 'Abcdef').id).toBe('abcdef');
    expect(() => resolvePlace(twins, 'Abcdeg')).toThrow(/^unknown place "Abcdeg"; did you mean: /);
  });
});

describe('resolvePlace on the shipped atlas', () => {
  const atlas = loadAtlas().atlas;

  it('never resolves the exact name of a place to another place (property)', () => {
    // Every name (en, zh, ru, alt), id and UN/LOCODE of every place, in any case and spacing.
    const names = atlas.places.flatMap((p) =>
      [p.id, p.names.en, p.names.zh, p.names.ru, ...(p.names.alt ?? []), p.unlocode ?? '']
        .filter((n) => n.length > 0)
        .map((n) => ({ id: p.id, name: n })),
    );
    const holders = new Map<string, Set<string>>();
    for (const { id, name } of names) {
      const k = foldText(name);
      if (!holders.has(k)) holders.set(k, new Set());
      holders.get(k)!.add(id);
    }
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom('as-is', 'upper', 'lower', 'spaced'),
        ({ id, name }, variant) => {
          const query =
            variant === 'upper'
              ? name.toUpperCase()
              : variant === 'lower'
                ? name.toLowerCase()
                : variant === 'spaced'
                  ? ` ${name} `
                  : name;
          let got: string | undefined;
          try {
            got = resolvePlace(atlas, query).id;
          } catch (e) {
            expect(e).toBeInstanceOf(GazetteerError);
            // Unresolved is allowed only when the name is shared: then every holder is a candidate.
            const shared = holders.get(foldText(name))!;
            expect(
              shared.size,
              `"${query}" (a name of ${id}) did not resolve: ${(e as Error).message}`,
            ).toBeGreaterThan(1);
            expect((e as GazetteerError).candidates.map((c) => c.id)).toContain(id);
            return;
          }
          expect(got, `"${query}" is a name of ${id}`).toBe(id);
        },
      ),
      { numRuns: 400 },
    );
  });
});
