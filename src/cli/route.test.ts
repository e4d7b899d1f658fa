import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { loadAtlas } from '../atlas/load.ts';
import { RouteResult } from '../routing/schema.ts';

const amur = (...args: string[]) => runCli(args);

describe('amur route / amur matrix', () => {
  beforeAll(() => {
    // the bundled atlas is part of the product: the places these tests name must be in it (fail, never skip)
    const ids = new Set(loadAtlas().atlas.places.map((p) => p.id));
    const missing = ['blagoveshchensk', 'harbin', 'heihe', 'vladivostok'].filter((id) => !ids.has(id));
    expect(missing, `the bundled atlas has no place ${missing.join(', ')}`).toEqual([]);
  });

  it('resolves names in any script and prints the fixed JSON shape', async () => {
    const r = await amur(
      'route',
      'Благовещенск',
      '哈尔滨',
      '--date',
      '2023-04-20',
      '--cargo',
      'feu',
      '--optimize',
      'time',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const out = RouteResult.parse(JSON.parse(r.stdout));
    expect(out.query).toMatchObject({
      from: 'blagoveshchensk',
      to: 'harbin',
      cargo: 'feu',
      date: '2023-04-20',
    });
    const it0 = out.itineraries[0];
    expect(Object.keys(it0.totals)).toEqual(expect.arrayContaining(['hours', 'km', 'costUsd', 'co2eKg']));
    expect(it0.legs.length).toBeGreaterThan(0);
    expect(it0.crossings[0].id).toBe('heihe-blagoveshchensk');
  });

  it('prints a readable itinerary with waits and warnings spelled out', async () => {
    const r = await amur('route', 'Blagoveshchensk', 'Harbin', '--date', '2019-04-20');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Blagoveshchensk → Harbin: 1 × FEU, leaving 2019-04-20 08:00/);
    expect(r.stdout).toMatch(/Itinerary 1/);
    expect(r.stdout).toMatch(/totals: /);
  });

  it('--lang zh says the warnings from their codes, naming the crossing by its Chinese name from the atlas', async () => {
    const args = ['route', 'harbin', 'chita', '--date', '2024-03-10'];
    const json = await amur(...args, '--json');
    expect(json.code, json.stderr).toBe(0);
    const warnings = RouteResult.parse(JSON.parse(json.stdout)).itineraries.flatMap((i) => i.warnings);
    const gauge = warnings.find((w) => w.code === 'gauge-change.crossing');
    expect(gauge, 'a gauge change at the crossing on one itinerary').toBeDefined();
    const crossing = loadAtlas().atlas.crossings.find((c) => c.id === gauge?.params.crossingId);
    expect(crossing?.names.zh).toMatch(/\S/);
    expect(gauge?.message).toContain(crossing?.names.en);
    const zh = await amur(...args, '--lang', 'zh');
    expect(zh.code, zh.stderr).toBe(0);
    const lines = zh.stdout.split('\n').filter((l) => l.trimStart().startsWith('! 轨距转换'));
    expect(
      lines.some((l) => l.includes(`在${crossing?.names.zh}口岸`)),
      lines.join('\n'),
    ).toBe(true);
    expect(lines.join('\n')).not.toContain(crossing?.names.en);
  });

  it("--lang zh says the summary and the alternatives' differences in Chinese; --lang ru the no-route explanation", async () => {
    const args = ['route', 'harbin', 'khabarovsk', '--date', '2023-07-01', '--optimize', 'cost'];
    const zh = await amur(...args, '--alternatives', '2', '--lang', 'zh');
    expect(zh.code, zh.stderr).toBe(0);
    const summaries = zh.stdout
      .split('\n')
      .filter((l) => l.startsWith('  ') && l.includes('→') && !l.startsWith('    '));
    expect(summaries.length, zh.stdout).toBe(3);
    expect(summaries[0]).toMatch(/^ {2}哈尔滨 → 哈巴罗夫斯克，/);
    expect(summaries[1]).toContain('与方案 1 相比');
    for (const l of summaries) expect(l).not.toMatch(/\b(by|over|crossings?|days|instead|shares)\b/);
    const en = await amur(...args, '--alternatives', '2');
    expect(en.stdout).toMatch(/^ {2}Harbin → Khabarovsk by river/m);
    const none = await amur(
      'route',
      'harbin',
      'vladivostok',
      '--date',
      '2023-06-01',
      '--modes',
      'air',
      '--lang',
      'ru',
    );
    expect(none.code, none.stderr).toBe(3);
    expect(none.stdout).toMatch(/Маршрут не найден: Харбин и Владивосток не связаны/);
  });

  it('--lang zh|ru says the query, legs, transfers, crossings and totals with no English word but proper names', async () => {
    const { atlas } = loadAtlas();
    // the atlas's English names (places, crossings, their services, lines, corridors) may stay where it has no other
    const proper = new Set(
      [
        ...atlas.places.map((p) => p.names.en),
        ...atlas.crossings.flatMap((c) => [c.names.en, ...c.services.map((x) => x.names?.en ?? '')]),
        ...atlas.links.map((l) => l.line?.en ?? ''),
        ...atlas.corridors.map((c) => c.names.en),
      ].flatMap((n) => n.toLowerCase().match(/[a-z]{3,}/g) ?? []),
    );
    const english = (line: string) =>
      (line.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !proper.has(w.toLowerCase()) && w !== 'km');
    const queries = [
      ['route', 'blagoveshchensk', 'shanghai', '--date', '2019-03-20', '--alternatives', '2'],
      ['route', 'harbin', 'vladivostok', '--date', '2024-06-20', '--modes', 'rail'],
    ];
    for (const args of queries) {
      const en = await amur(...args);
      expect(en.code, en.stderr).toBe(0);
      // English as the command always printed it
      expect(en.stdout).toMatch(/^ {4}(rail|road) {5}\S.* km {2}.*\$[\d,]+ {2}[\d.]+ k?g? ?t? ?CO2e/m);
      expect(en.stdout).toMatch(/^ {2}totals: .* days .* km, \$[\d,]+, .* WTW \(.* TTW\), \d+ transfers?$/m);
      for (const lang of ['zh', 'ru']) {
        const out = await amur(...args, '--lang', lang);
        expect(out.code, out.stderr).toBe(0);
        const lines = out.stdout.split('\n');
        // line for line the English output, each said in the language
        expect(lines.length).toBe(en.stdout.split('\n').length);
        const left = lines.filter((l) => !l.startsWith('  ! ')).filter((l) => english(l).length > 0);
        expect(left, `${args.join(' ')} --lang ${lang}`).toEqual([]);
      }
    }
    const ru = await amur(...queries[1], '--lang', 'ru');
    expect(ru.stdout).toMatch(
      /^ {2}итого: .* сут\. .* km, \$[\d,]+, .*«от скважины до колеса».*, перегрузок: 1$/m,
    );
    expect(ru.stdout).toMatch(/^ {4}железная дорога Харбин → Суйфэньхэ {2}/m);
    const zh = await amur(...queries[1], '--lang', 'zh');
    expect(zh.stdout).toMatch(
      /^ {2}口岸 绥芬河—格罗捷阔沃：.*，通关 4 小时；轨距 1435 → 1520，换装（24 小时）$/m,
    );
  });

  it('prints a ship’s call where it passes through a port between the two legs, in each language', async () => {
    // Shenzhen → Vladivostok by sea chains the lanes through a port (Dalian on the bundled atlas of 2026-12-04)
    const args = [
      'route',
      'shenzhen',
      'vladivostok',
      '--modes',
      'sea',
      '--cargo',
      'feu',
      '--optimize',
      'time',
    ];
    const json = await amur(...args, '--json');
    expect(json.code, json.stderr).toBe(0);
    const it0 = RouteResult.parse(JSON.parse(json.stdout)).itineraries[0];
    const call = it0.transfers.find((t) => t.kind === 'call');
    expect(call, 'a call at the port between the lanes').toBeDefined();
    const legs = it0.legs;
    expect(legs.length).toBeGreaterThan(1);
    expect(legs.some((l, i) => i > 0 && l.from === call?.at && legs[i - 1].to === call?.at)).toBe(true);
    const text = await amur(...args);
    expect(text.stdout).toMatch(
      new RegExp(`^ +↺ port call at ${call?.atName}, ship sails on \\(12 h, \\$40\\)$`, 'm'),
    );
    const zh = await amur(...args, '--lang', 'zh');
    expect(zh.stdout).toMatch(/↺ 船舶途经.+挂靠后续航（12 小时，\$40）/);
  });

  it('names an unknown place and says what would be valid; rejects a bad option value', async () => {
    const r = await amur('route', 'Harbin', 'Qwxzville', '--date', '2023-04-20');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/TO: unknown place "Qwxzville" \(give an id, or a name/);
    const bad = await amur('route', 'Heihe', 'Harbin', '--modes', 'rail,boat');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--modes item 2: unknown mode "boat" \(valid: rail, road, river, sea, air, pipeline\)/,
    );
  });

  it('prints a matrix as CSV', async () => {
    const r = await amur(
      'matrix',
      '--from',
      'Harbin,Heihe',
      '--to',
      'Vladivostok',
      '--date',
      '2023-06-01',
      '--csv',
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('from \\ to,vladivostok');
    expect(lines[1]).toMatch(/^harbin,\d+(\.\d+)?$/);
  });
});
