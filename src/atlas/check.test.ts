/**
 * Each broken fixture under `fixtures/broken/` holds one mistake; its test
 * proves the exact message (file: record: field: problem (what is valid)) and
 * that it is the only problem reported.
 */
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCrossingService, checkReferences } from './check.ts';
import { loadAtlas } from './load.ts';
import { formatProblem } from './problems.ts';
import type { Atlas } from './schema.ts';

const BROKEN = fileURLToPath(new URL('./fixtures/broken/', import.meta.url));
const MINI = fileURLToPath(new URL('./fixtures/mini/', import.meta.url));

function problemsOf(name: string): string[] {
  return loadAtlas(resolve(BROKEN, `${name}.yaml`)).problems.map(formatProblem);
}

function fileOf(name: string): string {
  return relative(process.cwd(), resolve(BROKEN, `${name}.yaml`));
}

const cases: [name: string, expected: (file: string) => string[]][] = [
  [
    'unknown-place',
    (f) => [`${f}: heihe-nowhere: sides[1]: unknown place "nowhere" (a crossing side is a place id)`],
  ],
  [
    'same-country',
    (f) => [`${f}: heihe-aihui: sides: both sides are in CN (a crossing joins two countries)`],
  ],
  [
    'duplicate-id',
    (f) => [`${f}: heihe: id: duplicate id (already defined in ${f}; ids are unique within each kind)`],
  ],
  [
    'unknown-source',
    (f) => [`${f}: harbin: sources[1]: unknown source "unlocode-2024" (define it under sources:)`],
  ],
  [
    'bad-date',
    (f) => [
      `${f}: heihe-blagoveshchensk: services[0].status[1].from: "2022-02-30" is not valid (expected a real calendar date YYYY-MM-DD)`,
    ],
  ],
  [
    'bad-season',
    (f) => [
      `${f}: heihe-blagoveshchensk: services[0].calendar.seasons[0].to: "10-32" is not valid (expected month-day MM-DD; a real day of a non-leap year MM-DD)`,
    ],
  ],
  [
    'calendar-hours',
    (f) => [
      `${f}: heihe-blagoveshchensk: services[0].calendar.hours: opens at 21:00 but closes at 08:00 (close after open, same day)`,
    ],
  ],
  [
    'missing-gauge',
    (f) => [
      `${f}: heihe-blagoveshchensk: services[0].gauges: missing (a rail service gives the gauge on each side, e.g. [1435, 1520])`,
    ],
  ],
  [
    'unknown-field',
    (f) => [
      `${f}: heihe-blagoveshchensk: services[0].calender: unknown field "calender" (did you mean "calendar"?)`,
    ],
  ],
  [
    'missing-source',
    (f) => [
      `${f}: harbin: sources: missing (every record names its sources: a list of source ids, e.g. [song-2019])`,
    ],
  ],
  [
    'broken-chain',
    (f) => [
      `${f}: broken-chain: links[1]: the chain breaks: link "blagoveshchensk-heihe" (blagoveshchensk – heihe) does not continue from link "harbin-suifenhe", which ends at harbin or suifenhe (consecutive links meet at a place, or at the two sides of one of the corridor's crossings; where the chain crosses a border, list the crossing under crossings:)`,
    ],
  ],
  [
    'place-codes',
    (f) => [
      `${f}: harbin: unlocode: "RUHRN" starts with RU but the place is in CN (a UN/LOCODE starts with its country's ISO code)`,
      `${f}: harbin: timezone: unknown IANA time zone "Asia/Harbinn" (e.g. "Asia/Shanghai", "Asia/Vladivostok", "Europe/Moscow")`,
    ],
  ],
  [
    'link-cargo',
    (f) => [
      `${f}: harbin-mudanjiang-hsr: cargo[1]: a rail link cannot carry "electricity" (a rail link carries container, bulk, liquid-bulk, reefer, ro-ro, passenger, vehicles)`,
    ],
  ],
  [
    'calendar-ranges',
    (f) => [
      `${f}: heihe-blagoveshchensk: services[0].calendar.seasons[0].fromRange: the typical from 01-10 lies outside its range 12-20 … 01-05 (the range gives the earliest and latest start seen, around the typical date)`,
      `${f}: heihe-blagoveshchensk: services[0].calendar.closures[1]: overlaps closures[0] (2024-02-01 … 2024-02-10); periods of one list do not overlap`,
    ],
  ],
];

describe('broken fixtures: each mistake gets its own exact message', () => {
  for (const [name, expected] of cases) {
    it(name, () => {
      expect(problemsOf(name)).toEqual(expected(fileOf(name)));
    });
  }

  it('yaml-syntax: a YAML error names file:line:col and what valid YAML looks like', () => {
    const problems = problemsOf('yaml-syntax');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(
        `^${fileOf('yaml-syntax').replace(/[.]/g, '\\.')}:7:\\d+: -: -: YAML syntax: .+ \\(valid YAML: .+\\)$`,
      ),
    );
  });
});

describe('the valid fixture atlas', () => {
  it('has no problems', () => {
    const { problems, atlas } = loadAtlas(MINI);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(atlas.places.length).toBeGreaterThan(5);
  });
});

describe('checkReferences on in-memory atlases', () => {
  const { atlas: mini } = loadAtlas(MINI);
  const check = (a: Atlas) => checkReferences(a, () => 'mem.yaml').map(formatProblem);

  it('a corridor may cross a border between two links at the sides of a listed crossing', () => {
    expect(check(mini)).toEqual([]);
  });

  it('without the crossing listed, the chain breaks at the border', () => {
    const a: Atlas = {
      ...mini,
      corridors: mini.corridors.map((c) => ({ ...c, crossings: undefined })),
    };
    expect(check(a)).toEqual([
      'mem.yaml: harbin-vladivostok-rail: links[1]: the chain breaks: link "grodekovo-ussuriysk-rail" (grodekovo – ussuriysk) does not continue from link "harbin-suifenhe-rail", which ends at harbin or suifenhe (consecutive links meet at a place, or at the two sides of one of the corridor\'s crossings; where the chain crosses a border, list the crossing under crossings:)',
    ]);
  });

  it('links listed in either direction still form a chain', () => {
    const a: Atlas = {
      ...mini,
      links: mini.links.map((l) => ({ ...l, from: l.to, to: l.from })),
    };
    expect(check(a)).toEqual([]);
  });

  it('a crossing listed by a corridor but not on its chain is reported', () => {
    const a: Atlas = {
      ...mini,
      corridors: mini.corridors.map((c) => ({
        ...c,
        crossings: ['suifenhe-grodekovo', 'heihe-blagoveshchensk'],
      })),
    };
    expect(check(a)).toEqual([
      'mem.yaml: harbin-vladivostok-rail: crossings[1]: crossing "heihe-blagoveshchensk" (heihe – blagoveshchensk) is not on the corridor\'s chain (its sides are not both ends of the corridor\'s links)',
    ]);
  });

  it('an open polygon ring is reported', () => {
    const a: Atlas = {
      ...mini,
      zones: [
        {
          ...mini.zones[0],
          geometry: {
            type: 'polygon',
            rings: [
              [
                [131.1, 44.3],
                [131.3, 44.3],
                [131.3, 44.5],
                [131.1, 44.5],
              ],
            ],
          },
        },
      ],
    };
    expect(check(a)).toEqual([
      'mem.yaml: suifenhe-zone: geometry.rings[0]: ring is not closed: it starts at [131.1,44.3] and ends at [131.1,44.5] (repeat the first position at the end)',
    ]);
  });

  it('a crossing whose two sides are one place is reported', () => {
    const a: Atlas = {
      ...mini,
      crossings: mini.crossings.map((c) =>
        c.id === 'heihe-blagoveshchensk' ? { ...c, sides: ['heihe', 'heihe'] as [string, string] } : c,
      ),
    };
    expect(check(a)).toEqual([
      'mem.yaml: heihe-blagoveshchensk: sides: both sides are "heihe" (give one place in each country)',
    ]);
  });
});

describe('checkCrossingService', () => {
  const run = (service: Record<string, unknown>) => {
    const out: string[] = [];
    checkCrossingService(
      'heihe-blagoveshchensk',
      { id: 's', mode: 'rail', status: [{ state: 'open' }], ...service } as never,
      'services[0]',
      new Map([['heihe', {}]]),
      (_list, id, field, problem) => out.push(`${id}: ${field}: ${problem}`),
    );
    return out;
  };

  it('asks a rail service for its gauges and a gauge change where they differ', () => {
    expect(run({})).toEqual([
      'heihe-blagoveshchensk: services[0].gauges: missing (a rail service gives the gauge on each side, e.g. [1435, 1520])',
    ]);
    expect(run({ gauges: [1435, 1520] })).toEqual([
      'heihe-blagoveshchensk: services[0].gaugeChange: missing (gauges differ, 1435 / 1520: say how the change is made)',
    ]);
    expect(run({ gauges: [1435, 'dual'] })).toEqual([]);
  });

  it('refuses gauges on a road service and an unknown gauge-change place', () => {
    expect(run({ mode: 'road', gauges: [1435, 1435] })).toEqual([
      'heihe-blagoveshchensk: services[0].gauges: only rail services have gauges',
    ]);
    expect(
      run({
        gauges: [1435, 1520],
        gaugeChange: { method: 'transshipment', hours: 24, at: ['heihe', 'nowhere'] },
      }),
    ).toEqual(['heihe-blagoveshchensk: services[0].gaugeChange.at[1]: unknown place "nowhere"']);
  });
});
