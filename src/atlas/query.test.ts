import { describe, expect, it } from 'vitest';
import { loadAtlas } from './load.ts';
import { AtlasQueryError, ListedRecord, listRecords, ShownRecord, showRecord } from './query.ts';

const loaded = loadAtlas('src/atlas/fixtures/mini');
const atlas = loaded.atlas;

describe('listRecords', () => {
  it('lists every kind but sources by default, each with id, kind and names', () => {
    const all = listRecords(atlas);
    const kinds = new Set(all.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['corridor', 'crossing', 'link', 'place', 'zone']);
    expect(all).toHaveLength(
      atlas.places.length +
        atlas.crossings.length +
        atlas.links.length +
        atlas.zones.length +
        atlas.corridors.length,
    );
    for (const r of all) expect(ListedRecord.parse(r)).toEqual(r);
  });

  it('gives crossings their countries and modes, and moves a zone kind to zoneKind', () => {
    const [sg] = listRecords(atlas, { kind: 'crossing' }).filter((r) => r.id === 'suifenhe-grodekovo');
    expect(sg).toMatchObject({ kind: 'crossing', sides: ['suifenhe', 'grodekovo'], countries: ['CN', 'RU'] });
    expect(sg.kind === 'crossing' && sg.modes).toEqual(['rail']);
    const [zone] = listRecords(atlas, { kind: 'zone' });
    expect(zone.kind).toBe('zone');
    expect(zone.kind === 'zone' && zone.zoneKind).toBe(atlas.zones[0].kind);
  });

  it('filters by country (any case) and mode', () => {
    const ru = listRecords(atlas, { kind: ['place'], country: 'ru' });
    expect(ru.map((r) => r.id).sort()).toEqual(
      atlas.places
        .filter((p) => p.country === 'RU')
        .map((p) => p.id)
        .sort(),
    );
    const rail = listRecords(atlas, { kind: ['crossing', 'link'], mode: 'rail' });
    expect(rail.map((r) => r.id)).toContain('suifenhe-grodekovo');
    expect(rail.map((r) => r.id)).not.toContain('heihe-blagoveshchensk');
    expect(listRecords(atlas, { kind: 'place', country: 'XX' })).toEqual([]);
  });

  it('refuses a bad country or mode, naming the parameter and what is valid', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as AtlasQueryError;
      }
      throw new Error('did not throw');
    };
    const mode = err(() => listRecords(atlas, { mode: 'ship' }));
    expect(mode).toBeInstanceOf(AtlasQueryError);
    expect(mode.parameter).toBe('mode');
    expect(mode.valid).toContain('river-cargo');
    const country = err(() => listRecords(atlas, { country: 'Russia' }));
    expect(country.parameter).toBe('country');
    expect(country.valid).toContain('ISO 3166-1 alpha-2');
    // the message: the parameter, the value as given and what is valid (the shared describer)
    expect(mode.message).toMatch(/^mode: invalid value "ship" \(valid: "rail", "road", .*"river-cargo"/);
    expect(country.message).toBe(
      'country: "Russia" is not valid (expected an ISO 3166-1 alpha-2 country code (e.g. CN, RU, MN))',
    );
  });
});

describe('showRecord', () => {
  it('resolves the sources, the sides and the file', () => {
    const shown = showRecord(atlas, 'suifenhe-grodekovo', { origins: loaded.origins });
    expect(ShownRecord.parse(shown)).toEqual(shown);
    if (shown.kind !== 'crossing') throw new Error('not a crossing');
    expect(shown.sourceIds).toEqual(['perceptiode-grodekovo']);
    expect(shown.sources.map((s) => s.id)).toEqual(['perceptiode-grodekovo']);
    expect(shown.sidePlaces.map((p) => p.id)).toEqual(['suifenhe', 'grodekovo']);
    expect(shown.file).toMatch(/crossings\.yaml$/);
  });

  it('finds a record by an exact name unless asked for ids only', () => {
    expect(showRecord(atlas, '黑河', { kind: 'place' }).id).toBe('heihe');
    expect(() => showRecord(atlas, '黑河', { kind: 'place', byName: false })).toThrow(AtlasQueryError);
  });

  it('names the unknown id and suggests candidates from the gazetteer', () => {
    try {
      showRecord(atlas, 'blagovesh');
      throw new Error('did not throw');
    } catch (e) {
      expect(e).toBeInstanceOf(AtlasQueryError);
      const q = e as AtlasQueryError;
      expect(q.parameter).toBe('id');
      expect(q.message).toContain('no record has the id "blagovesh"; did you mean place blagoveshchensk');
      expect(q.candidates.map((c) => c.id)).toContain('blagoveshchensk');
      expect(q.valid).toContain('blagoveshchensk');
    }
  });
});
