/**
 * The scenario operations one by one: every op of the schema has its module;
 * `resolve` checks a modification against the draft without changing it and
 * names the scenario file, the modification's index and the field of what is
 * wrong; `apply` stores the change copy-on-write (the base atlas and profile,
 * frozen here, are never written; untouched lists stay shared).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getAtlas } from '../../atlas/load.ts';
import type { Atlas } from '../../atlas/schema.ts';
import { loadProfile, type Profile } from '../../costs/profile.ts';
import { MODIFICATION_OPS, type Modification } from '../schema.ts';
import { applyModification, Draft, OPERATIONS, Site } from './index.ts';

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

const base: Atlas = deepFreeze(structuredClone(getAtlas()));
const profile: Profile = deepFreeze(structuredClone(loadProfile()));
const LINK = base.links[0].id;
const MULTI = base.crossings.find((c) => c.services.length > 1) ?? base.crossings[0];
const SINGLE = base.crossings.find((c) => c.services.length === 1) ?? base.crossings[0];
const SERVICE = MULTI.services[0].id;
const PLACE = base.places.find((p) => !base.links.some((l) => l.from === p.id || l.to === p.id))?.id ?? '';

/** Runs modifications on a fresh draft; their problems are written as if from data/scenarios/t.yaml. */
function run(mods: unknown[]): { draft: Draft; problems: string[] } {
  const draft = new Draft(base, profile);
  const problems: string[] = [];
  (mods as Modification[]).forEach((m, i) => {
    applyModification(m, draft, new Site(`data/scenarios/t.yaml: modifications[${i}]`, 't', problems));
  });
  return { draft, problems };
}

const newPlace = {
  id: 'test-town',
  names: { en: 'Test Town', zh: '测试', ru: 'Тест' },
  country: 'CN',
  region: 'CN-HL',
  coords: [127, 47],
  timezone: 'Asia/Shanghai',
  kinds: ['city'],
  sources: ['song-2019'],
};

/** One valid modification per op, and the change line it should leave. */
const VALID: [Modification, RegExp][] = [
  [
    {
      op: 'add-source',
      source: { id: 'test-src', title: 'A test', kind: 'other' },
    } as Modification,
    /^source test-src added$/,
  ],
  [{ op: 'add-place', place: newPlace }, /^place test-town added$/],
  [{ op: 'remove-place', id: PLACE }, new RegExp(`^place ${PLACE} removed$`)],
  [{ op: 'change-place', id: PLACE, set: { coords: [120, 40] } }, /: coords changed$/],
  [
    {
      op: 'add-link',
      link: { ...base.links[0], id: 'test-link' },
    },
    /^link test-link added$/,
  ],
  [{ op: 'remove-link', id: LINK }, new RegExp(`^link ${LINK} removed$`)],
  [{ op: 'change-link', id: LINK, set: { note: 'n' } }, new RegExp(`^link ${LINK}: note changed$`)],
  [{ op: 'add-crossing', crossing: { ...MULTI, id: 'test-crossing' } }, /^crossing test-crossing added$/],
  [{ op: 'remove-crossing', id: SINGLE.id }, /removed$/],
  [{ op: 'change-crossing', id: MULTI.id, set: { note: 'n' } }, /: note changed$/],
  [
    { op: 'add-service', crossing: MULTI.id, service: { ...MULTI.services[0], id: 'test-service' } },
    new RegExp(`^${MULTI.id}/test-service added$`),
  ],
  [{ op: 'remove-service', crossing: MULTI.id, service: SERVICE }, /removed$/],
  [{ op: 'change-service', crossing: MULTI.id, service: SERVICE, set: { note: 'n' } }, /: note changed$/],
  [
    { op: 'set-status', target: { link: LINK }, status: [{ state: 'closed', from: '2020-01-01' }] },
    /status set \(closed from 2020-01-01\)$/,
  ],
  [{ op: 'set-calendar', target: { crossing: MULTI.id, service: SERVICE }, calendar: {} }, /calendar set$/],
  [
    {
      op: 'set-capacity',
      target: { link: LINK },
      capacity: [{ value: 2, unit: 'Mt/yr', basis: 'design', sources: ['song-2019'] }],
    },
    /capacity 2 Mt\/yr \(design\)$/,
  ],
  [{ op: 'open', target: { link: LINK }, from: '2999-01-01' }, /open from 2999-01-01$/],
  [{ op: 'close', target: { link: LINK }, from: '2999-01-01' }, /closed from 2999-01-01$/],
  [
    { op: 'suspend', target: { crossing: MULTI.id, service: SERVICE }, from: '2999-01-01' },
    /suspended from 2999-01-01$/,
  ],
  [
    { op: 'change-profile', set: { 'cargo.tonnesPerUnit.teu': 11 } },
    /^profile cargo\.tonnesPerUnit\.teu = 11$/,
  ],
  [{ op: 'forbid-transit', country: 'CN', through: ['RU'] }, /^cargo within CN may not pass through RU$/],
];

describe('scenario operations', () => {
  it('every op of the schema has its module, with resolve and apply', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual([...MODIFICATION_OPS].sort());
    for (const op of Object.values(OPERATIONS)) {
      expect(typeof op.resolve).toBe('function');
      expect(typeof op.apply).toBe('function');
    }
    expect(new Set(VALID.map(([m]) => m.op)).size).toBe(MODIFICATION_OPS.length - 1); // allow-transit below
  });

  for (const [m, change] of VALID)
    it(`${m.op}: applied copy-on-write, the base frozen and untouched lists shared`, () => {
      const { draft, problems } = run([m]);
      expect(problems).toEqual([]);
      expect(draft.changes).toHaveLength(1);
      expect(draft.changes[0]).toMatch(change);
      const changed = (['sources', 'places', 'links', 'crossings'] as const).filter(
        (l) => draft.atlas[l] !== base[l],
      );
      expect(changed.length).toBeLessThanOrEqual(1);
      expect(draft.profile === profile).toBe(m.op !== 'change-profile');
      if (m.op === 'forbid-transit')
        expect(draft.rules).toEqual([{ country: 'CN', through: ['RU'], scenario: 't' }]);
    });

  it('allow-transit lifts a rule forbidden before it, and removes the rule when nothing is left', () => {
    const { draft, problems } = run([
      { op: 'forbid-transit', country: 'CN', through: ['RU', 'KZ'] },
      { op: 'allow-transit', country: 'CN', through: ['RU'] },
    ]);
    expect(problems).toEqual([]);
    expect(draft.rules).toEqual([{ country: 'CN', through: ['KZ'], scenario: 't' }]);
    const all = run([
      { op: 'forbid-transit', country: 'CN', through: ['RU'] },
      { op: 'allow-transit', country: 'CN', through: ['RU'] },
    ]);
    expect(all.draft.rules).toEqual([]);
  });

  it('a change to a crossing service copies that service, its crossing and the crossings list only', () => {
    const { draft } = run([
      { op: 'close', target: { crossing: MULTI.id, service: SERVICE }, from: '2999-01-01' },
    ]);
    const ci = base.crossings.indexOf(MULTI);
    expect(draft.atlas.crossings).not.toBe(base.crossings);
    expect(draft.atlas.crossings[ci]).not.toBe(MULTI);
    expect(draft.atlas.crossings[ci].services[1]).toBe(MULTI.services[1]);
    expect(draft.atlas.crossings.filter((c, i) => c !== base.crossings[i])).toHaveLength(1);
    expect(draft.atlas.crossings[ci].services[0].status?.at(-1)).toEqual({
      state: 'closed',
      from: '2999-01-01',
    });
  });

  it('a later modification sees the earlier ones (add then change then remove)', () => {
    const { draft, problems } = run([
      { op: 'add-place', place: newPlace },
      { op: 'change-place', id: 'test-town', set: { coords: [128, 48] } },
      { op: 'remove-place', id: 'test-town' },
    ]);
    expect(problems).toEqual([]);
    expect(draft.atlas.places.map((p) => p.id)).toEqual(base.places.map((p) => p.id));
  });
});

describe('scenario operation problems', () => {
  const cases: [unknown[], string][] = [
    [
      [{ op: 'remove-place', id: 'harbinn' }],
      'modifications[0]: id: unknown place "harbinn" (valid ids include harbin',
    ],
    [
      [{ op: 'add-place', place: { ...newPlace, coords: 'x' } }],
      'modifications[0]: place.coords: wrong type "x" (expected tuple)',
    ],
    [
      [{ op: 'add-place', place: base.places[0] }],
      `place.id: "${base.places[0].id}" already exists in the atlas`,
    ],
    [[{ op: 'change-link', id: LINK, set: { id: 'other' } }], 'set.id: an id cannot be changed'],
    [
      [{ op: 'set-status', target: { crossing: MULTI.id, service: 'nope' }, status: [{ state: 'open' }] }],
      `modifications[0]: target.service: crossing ${MULTI.id} has no service "nope" (valid: ${MULTI.services.map((s) => s.id).join(', ')})`,
    ],
    [[{ op: 'set-calendar', target: { link: 'nope' }, calendar: {} }], 'target.link: unknown link "nope"'],
    [
      [{ op: 'remove-service', crossing: SINGLE.id, service: SINGLE.services[0].id }],
      `service: crossing ${SINGLE.id} would have no service left`,
    ],
    [
      [{ op: 'add-service', crossing: MULTI.id, service: MULTI.services[0] }],
      `service.id: crossing ${MULTI.id} already has a service "${SERVICE}"`,
    ],
    [
      [
        { op: 'close', target: { link: LINK }, from: '2999-01-01' },
        { op: 'open', target: { link: LINK }, from: '2998-01-01' },
      ],
      'modifications[1]: from: 2998-01-01 is not after the last status entry (closed from 2999-01-01)',
    ],
    [
      [{ op: 'change-profile', set: { 'modes.nope': 1 } }],
      'set.modes.nope: no profile field "modes.nope" (valid here:',
    ],
    [
      [{ op: 'change-profile', set: { 'cargo.tonnesPerUnit.teu': 'x' } }],
      'set.cargo.tonnesPerUnit.teu: wrong type string (expected number, now',
    ],
    [
      [{ op: 'allow-transit', country: 'CN', through: ['RU'] }],
      'through: no forbid-transit rule for CN through RU',
    ],
  ];
  for (const [mods, message] of cases)
    it(`${(mods.at(-1) as Modification).op}: ${message.slice(0, 60)}`, () => {
      const { draft, problems } = run(mods);
      expect(problems).toHaveLength(1);
      expect(problems[0].startsWith('data/scenarios/t.yaml: modifications[')).toBe(true);
      expect(problems[0]).toContain(message);
      // the failing modification changed nothing
      if (mods.length === 1) {
        expect(draft.changes).toEqual([]);
        for (const l of ['sources', 'places', 'links', 'crossings'] as const)
          expect(draft.atlas[l]).toBe(base[l]);
      }
    });
});

describe('scenario problems are written by atlas/problems.ts', () => {
  it('no scenario module imports the atlas loader or formats zod issues itself', () => {
    const root = dirname(dirname(fileURLToPath(import.meta.url)));
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? files(join(dir, e.name))
          : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
            ? [join(dir, e.name)]
            : [],
      );
    for (const f of files(root)) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/from '(\.\.\/)+atlas\/load\.ts'/);
      expect(text, f).not.toMatch(/\.issues\.(map|forEach)|issue\.message/);
      if (/safeParse\(/.test(text)) expect(text, f).toMatch(/describeIssues/);
    }
  });
});
