/**
 * Coverage of the system the seed papers describe: every place, port,
 * crossing, corridor and zone that the five papers in ../shared/seeds name
 * (transcribed as printed in `seed-names.yaml`, beside this file) resolves in
 * the shipped atlas to the record it means, through the same gazetteer that
 * `amur route` and the API use. Beyond the papers, the seaports, China–Europe
 * train origins and terminals, the continuous Trans-Siberian and BAM in the
 * Far East and the advanced development territories that a user of these
 * channels routes from and to (`beyond-papers.yaml`).
 *
 * What the atlas does not hold is listed under `gaps` with its reason; such a
 * name must then not resolve to another place (an error with candidates).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { foldText, GazetteerError, resolvePlace, searchAtlas } from '../../src/atlas/gazetteer.ts';
import { loadAtlas } from '../../src/atlas/load.ts';
import type { Atlas } from '../../src/atlas/schema.ts';
import { loadProfile } from '../../src/costs/profile.ts';
import { compileNetwork } from '../../src/network/compile.ts';
import { route } from '../../src/routing/index.ts';

const Entry = z
  .object({
    paper: z.string().min(1),
    kind: z.enum(['place', 'crossing', 'zone', 'corridor', 'line', 'region']),
    name: z.string().min(1),
    id: z.string().min(1),
  })
  .strict();
const Gap = z
  .object({ paper: z.string().min(1), name: z.string().min(1), reason: z.string().min(10) })
  .strict();
const Connection = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1),
    modes: z.array(z.enum(['rail', 'road', 'river', 'sea', 'air'])).min(1),
    cargo: z.enum(['teu', 'feu', 'bulk', 'liquid']),
  })
  .strict();
const CoverageFile = z
  .object({
    names: z.array(Entry).min(1),
    connected: z.array(Connection).optional(),
    gaps: z.array(Gap).optional(),
  })
  .strict();
type Entry = z.infer<typeof Entry>;

function readCoverage(file: string) {
  const url = new URL(file, import.meta.url);
  const parsed = CoverageFile.safeParse(parse(readFileSync(url, 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`test/seed-coverage/${file}: ${i.path.join('.')}: ${i.message}`);
  }
  return parsed.data;
}

const { atlas, problems } = loadAtlas();

/** Why `e` does not resolve to its record, or undefined when it does. */
function unresolved(atlas: Atlas, e: Entry): string | undefined {
  switch (e.kind) {
    case 'place': {
      try {
        const got = resolvePlace(atlas, e.name).id;
        return got === e.id ? undefined : `resolves to place ${got}, not ${e.id}`;
      } catch (err) {
        return (err as Error).message;
      }
    }
    case 'crossing':
    case 'zone':
    case 'corridor': {
      if (!(atlas[`${e.kind}s`] as { id: string }[]).some((r) => r.id === e.id))
        return `no ${e.kind} ${e.id} in the atlas`;
      const found = searchAtlas(atlas, e.name, { kinds: [e.kind], limit: 5 });
      const top = found[0];
      if (!top) return `no ${e.kind} matches`;
      if (top.id !== e.id) return `the best ${e.kind} match is ${top.id} (${top.matched}), not ${e.id}`;
      if (!['id', 'exact', 'part', 'side', 'tokens'].includes(top.match))
        return `matches ${e.id} only as a ${top.match} (${top.matched}); add the name as printed to its names`;
      return undefined;
    }
    case 'line': {
      const q = foldText(e.name);
      const holders = atlas.links.filter((l) =>
        [l.line?.en, l.line?.zh, l.line?.ru, ...(l.line?.alt ?? [])].some((n) => n && foldText(n) === q),
      );
      if (holders.length === 0) return `no link has the line name "${e.name}"`;
      const wrong = holders.filter((l) => l.line?.en !== e.id);
      return wrong.length ? `links ${wrong.map((l) => l.id).join(', ')} have it on another line` : undefined;
    }
    case 'region': {
      const code = e.id;
      const has = atlas.places.some((p) => (code.length === 2 ? p.country === code : p.region === code));
      return has ? undefined : `no place in ${code}`;
    }
  }
}

function coverage(file: string) {
  const data = readCoverage(file);
  it('the atlas loads without errors', () => {
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
  it(`every name resolves to the record it means (${data.names.length} names)`, () => {
    const failures = data.names
      .map((e) => ({ e, why: unresolved(atlas, e) }))
      .filter((f) => f.why !== undefined)
      .map(({ e, why }) => `${file}: ${e.paper}: ${e.kind} "${e.name}" → ${e.id}: ${why}`);
    expect(failures).toEqual([]);
  });
  if (data.connected?.length) {
    it(`the places are connected, not just named (${data.connected.length} routes)`, () => {
      const net = compileNetwork(atlas, loadProfile());
      const missing: string[] = [];
      for (const c of data.connected ?? []) {
        const r = route(net, {
          from: c.from,
          to: c.to,
          date: '2024-07-15',
          cargo: c.cargo,
          modes: c.modes,
          optimize: 'cost',
        });
        const legs = r.itineraries[0]?.legs ?? [];
        const modes = new Set(legs.map((l) => l.mode));
        if (legs.length === 0)
          missing.push(`${c.from} → ${c.to} (${c.modes.join(',')}, ${c.cargo}): ${r.message}`);
        else if (![...modes].every((m) => (c.modes as string[]).includes(m)))
          missing.push(`${c.from} → ${c.to}: uses ${[...modes].join(', ')}, not only ${c.modes.join(', ')}`);
      }
      expect(missing).toEqual([]);
    });
  }
  if (data.gaps?.length) {
    it(`the stated gaps never resolve to another place (${data.gaps.length} gaps)`, () => {
      for (const g of data.gaps ?? []) {
        console.log(`gap (${file}, ${g.paper}): "${g.name}" — ${g.reason}`);
        let got: string | undefined;
        try {
          got = resolvePlace(atlas, g.name).id;
        } catch (err) {
          expect(err, g.name).toBeInstanceOf(GazetteerError);
        }
        expect(
          got,
          `gap "${g.name}" resolves to ${got}: record it under names, or drop the gap`,
        ).toBeUndefined();
      }
    });
  }
}

describe('the places, ports, crossings, corridors and zones of the seed papers', () => {
  coverage('seed-names.yaml');
});

describe('beyond the papers: the ports, train origins, trunk lines and territories users route between', () => {
  coverage('beyond-papers.yaml');
});

const DiaoTads = z
  .object({ count: z.number().int().positive(), territories: z.array(z.string().min(1)).min(1) })
  .strict();

describe('the 23 advanced development territories Diao counts (diao-tads.yaml)', () => {
  const tads = DiaoTads.parse(parse(readFileSync(new URL('diao-tads.yaml', import.meta.url), 'utf8')));
  const beyond = readCoverage('beyond-papers.yaml');
  it(`lists exactly ${tads.count}, each once`, () => {
    expect(tads.territories).toHaveLength(tads.count);
    expect(new Set(tads.territories).size).toBe(tads.count);
  });
  it('each is an advanced development territory of the atlas that its name resolves to, or a stated gap', () => {
    const neither: string[] = [];
    for (const name of tads.territories) {
      const entry = beyond.names.find((e) => e.kind === 'zone' && e.name === name);
      const gap = beyond.gaps?.find((g) => g.name === name);
      if (gap) continue;
      if (!entry) {
        neither.push(`${name}: neither a zone name nor a stated gap in beyond-papers.yaml`);
        continue;
      }
      const zone = atlas.zones.find((z) => z.id === entry.id);
      if (zone?.kind !== 'advanced-development-territory')
        neither.push(`${name}: ${entry.id} is ${zone ? `a ${zone.kind}` : 'not in the atlas'}`);
      else if (searchAtlas(atlas, name, { kinds: ['zone'], limit: 1 })[0]?.id !== entry.id)
        neither.push(`${name}: does not resolve to ${entry.id}`);
    }
    expect(neither).toEqual([]);
  });
});
