import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../../test/cli.ts';

const MINI = 'src/atlas/fixtures/mini';
const BROKEN = 'src/atlas/fixtures/broken';

type Names = { en: string; zh: string; ru: string };
type Listed = { id: string; kind: string; names: Names; sides?: string[]; countries?: string[] };

describe('amur atlas (fixture atlas)', () => {
  it('validate: exit 0 and a count line on a good atlas', async () => {
    const r = await runCli(['atlas', 'validate', '--dir', MINI]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: 8 places, 2 crossings, 3 links, 1 zones, 1 corridors, 6 sources$/m);
  });

  it('validate: exit 1 and file: record: field: problem lines on a bad one', async () => {
    const r = await runCli(['atlas', 'validate', '--dir', `${BROKEN}/unknown-place.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `error: ${BROKEN}/unknown-place.yaml: heihe-nowhere: sides[1]: unknown place "nowhere" (a crossing side is a place id)`,
    );
    const j = await runCliJson<{ ok: boolean; problems: { message: string; field: string }[] }>([
      'atlas',
      'validate',
      '--json',
      '--dir',
      `${BROKEN}/missing-gauge.yaml`,
    ]);
    expect(j.code).toBe(1);
    expect(j.json.ok).toBe(false);
    expect(j.json.problems.map((p) => p.field)).toEqual(['services[0].gauges']);
  });

  it('list --json: records with id, kind, names; crossings with sides and countries', async () => {
    const { code, json } = await runCliJson<Listed[]>(['atlas', 'list', '--json', '--dir', MINI]);
    expect(code).toBe(0);
    expect(json.length).toBe(15);
    for (const r of json) {
      expect(typeof r.id).toBe('string');
      expect(['place', 'crossing', 'link', 'zone', 'corridor']).toContain(r.kind);
      expect(Object.keys(r.names)).toEqual(expect.arrayContaining(['en', 'zh', 'ru']));
    }
    const crossing = json.find((r) => r.id === 'suifenhe-grodekovo')!;
    expect(crossing).toMatchObject({
      kind: 'crossing',
      sides: ['suifenhe', 'grodekovo'],
      countries: ['CN', 'RU'],
    });
    const zone = json.find((r) => r.kind === 'zone') as Listed & { zoneKind: string };
    expect(zone.zoneKind).toBe('border-economic-cooperation-zone');
  });

  it('list filters by kind, country and mode', async () => {
    const { json } = await runCliJson<Listed[]>([
      'atlas',
      'list',
      '--json',
      '--dir',
      MINI,
      '--kind',
      'place,crossing',
      '--country',
      'ru',
      '--mode',
      'rail',
    ]);
    expect(json.map((r) => r.id)).toEqual(['grodekovo', 'ussuriysk', 'vladivostok', 'suifenhe-grodekovo']);
  });

  it('list text: a table with names in en, zh, ru, or one language with --lang', async () => {
    const all = await runCli(['atlas', 'list', '--kind', 'place', '--dir', MINI]);
    expect(all.stdout).toMatch(/^kind\s+id\s+name \(en\)\s+name \(zh\)\s+name \(ru\)\s+detail$/m);
    expect(all.stdout).toMatch(/^place\s+heihe\s+Heihe\s+黑河\s+Хэйхэ\s+CN CN-HL/m);
    const ru = await runCli(['atlas', 'list', '--kind', 'place', '--lang', 'ru', '--dir', MINI]);
    // with --lang the headers and record kinds too (src/i18n/atlas-lines.ts)
    expect(ru.stdout).toMatch(/^пункт\s+heihe\s+Хэйхэ\s+CN CN-HL/m);
    expect(ru.stdout).not.toContain('黑河');
  });

  it('show --json: the record with its sources resolved and its sides', async () => {
    const { code, json } = await runCliJson<{
      id: string;
      kind: string;
      sources: { id: string; title: string }[];
      sourceIds: string[];
      sidePlaces: { id: string; country: string }[];
      file: string;
    }>(['atlas', 'show', 'suifenhe-grodekovo', '--json', '--dir', MINI]);
    expect(code).toBe(0);
    expect(json.kind).toBe('crossing');
    expect(json.sources).toEqual([
      expect.objectContaining({ id: 'perceptiode-grodekovo', title: 'Гродеково (станция)', kind: 'wiki' }),
    ]);
    expect(json.sourceIds).toEqual(['perceptiode-grodekovo']);
    expect(json.sidePlaces.map((p) => [p.id, p.country])).toEqual([
      ['suifenhe', 'CN'],
      ['grodekovo', 'RU'],
    ]);
    expect(json.file).toBe(`${MINI}/crossings.yaml`);
  });

  it('show: a corridor lists its chain; an unknown id suggests candidates (exit 2)', async () => {
    const r = await runCli(['atlas', 'show', 'harbin-vladivostok-rail', '--dir', MINI]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'harbin-suifenhe-rail: Harbin – Suifenhe | 哈尔滨—绥芬河 | Харбин — Суйфэньхэ (rail, 548 km)',
    );
    expect(r.stdout).toContain('[wiki-harbin-suifenhe-railway] Harbin–Suifenhe railway');
    const bad = await runCli(['atlas', 'show', 'blagovesh', '--dir', MINI]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'amur: no record has the id "blagovesh"; did you mean place blagoveshchensk',
    );
  });

  it('search --json: ranked { id, kind, names, score }; 黑河, Благовещенск and heihe find the crossing', async () => {
    for (const q of ['黑河', 'Благовещенск', 'heihe']) {
      const { code, json } = await runCliJson<{ id: string; kind: string; names: Names; score: number }[]>([
        'atlas',
        'search',
        q,
        '--json',
        '--dir',
        MINI,
      ]);
      expect(code).toBe(0);
      expect(
        json.map((c) => c.id),
        q,
      ).toContain('heihe-blagoveshchensk');
      for (const c of json) {
        expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'kind', 'names', 'score']));
        expect(c.score).toBeGreaterThan(0);
      }
    }
  });

  it('search text: a table; nothing found exits 1', async () => {
    const r = await runCli(['atlas', 'search', 'Hei', 'He', '--dir', MINI]);
    expect(r.stdout).toMatch(/^1\.00\s+place\s+heihe\s+Heihe\s+黑河\s+Хэйхэ/m);
    const none = await runCli(['atlas', 'search', 'xyzzy', '--dir', MINI]);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('nothing matches "xyzzy"');
  });

  it('summary --json: counts, crossings by country pair and mode, corridors, sources', async () => {
    const { json } = await runCliJson<Record<string, unknown>>(['atlas', 'summary', '--json', '--dir', MINI]);
    expect(json).toMatchObject({
      places: 8,
      crossings: 2,
      sources: 6,
      crossingsByCountryPair: [{ countries: ['CN', 'RU'], crossings: 2, byMode: { rail: 1, road: 1 } }],
      corridorList: [{ id: 'harbin-vladivostok-rail', links: 3, km: 763, crossings: ['suifenhe-grodekovo'] }],
    });
  });

  it('export: GeoJSON and CSV files, with a JSON report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-export-'));
    const geo = join(dir, 'atlas.geojson');
    const r = await runCliJson<{ files: { file: string; records: number }[] }>([
      'atlas',
      'export',
      '--format',
      'geojson',
      '--out',
      geo,
      '--json',
      '--dir',
      MINI,
    ]);
    expect(r.code).toBe(0);
    expect(r.json.files).toEqual([expect.objectContaining({ file: geo, records: 15 })]);
    const fc = JSON.parse(readFileSync(geo, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(15);

    const csvDir = join(dir, 'csv');
    const c = await runCli(['atlas', 'export', '--format', 'csv', '--out', csvDir, '--dir', MINI]);
    expect(c.code).toBe(0);
    expect(readdirSync(csvDir).sort()).toEqual([
      'corridors.csv',
      'crossings.csv',
      'links.csv',
      'places.csv',
      'sources.csv',
      'zones.csv',
    ]);
    expect(readFileSync(join(csvDir, 'places.csv'), 'utf8').split('\r\n')[0]).toMatch(
      /^id,kind,name_en,name_zh,name_ru,/,
    );

    const one = await runCli(['atlas', 'export', '--format', 'csv', '--kind', 'crossing', '--dir', MINI]);
    expect(one.stdout.split('\r\n')).toHaveLength(4); // header, 2 rows, final empty
  });

  it('user errors name the option and what is valid (exit 2)', async () => {
    const kind = await runCli(['atlas', 'list', '--kind', 'port', '--dir', MINI]);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain(
      'amur: --kind "port" is not a record kind here (valid: place, crossing, link, zone, corridor, source)',
    );
    const mode = await runCli(['atlas', 'list', '--mode', 'ship', '--dir', MINI]);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toMatch(/--mode "ship" is not a mode \(valid: rail, road, river-cargo/);
    const csv = await runCli(['atlas', 'export', '--format', 'csv', '--dir', MINI]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('needs --out DIR');
  });

  it('schema --check: the committed JSON Schema is up to date', async () => {
    const { code, json } = await runCliJson<{ upToDate: boolean; stale: string[] }>([
      'atlas',
      'schema',
      '--check',
      '--json',
    ]);
    expect(json.stale).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('amur atlas (the bundled atlas)', () => {
  it('validate passes', async () => {
    const r = await runCli(['atlas', 'validate']);
    expect(r.stdout).toMatch(/^ok: /m);
    expect(r.code).toBe(0);
  });

  it('search 黑河, Благовещенск and heihe find the same crossing', async () => {
    const found: string[][] = [];
    for (const q of ['黑河', 'Благовещенск', 'heihe']) {
      const { json } = await runCliJson<{ id: string; kind: string }[]>([
        'atlas',
        'search',
        q,
        '--json',
        '--kind',
        'crossing',
      ]);
      found.push(json.map((c) => c.id));
    }
    const common = found[0].filter((id) => found[1].includes(id) && found[2].includes(id));
    expect(common).toContain('heihe-blagoveshchensk');
  });
});
