import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getAtlas, loadAtlas } from './load.ts';
import { formatProblem } from './problems.ts';

describe('loadAtlas', () => {
  it('loads the bundled atlas without errors', () => {
    const atlas = getAtlas();
    expect(atlas.places.length).toBeGreaterThan(0);
    expect(atlas.crossings.length).toBeGreaterThan(0);
  });

  it('names file, record, field and what is valid for a bad record', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-atlas-'));
    writeFileSync(
      join(dir, 'bad.yaml'),
      'places:\n  - id: x\n    names: { en: X, zh: 叉, ru: Икс }\n    country: CHN\n    region: CN-HL\n    coords: [1, 2]\n    timezone: Asia/Shanghai\n    kinds: [city]\n    sources: [s]\n',
    );
    const { problems } = loadAtlas(dir);
    const lines = problems.map(formatProblem);
    expect(lines.some((l) => /bad\.yaml: x: country: .*ISO 3166-1 alpha-2/.test(l))).toBe(true);
  });

  it('names the file, place, field and what is valid for a bad container dwell', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-atlas-'));
    writeFileSync(
      join(dir, 'ports.yaml'),
      'places:\n  - id: p\n    names: { en: P, zh: 普, ru: П }\n    country: RU\n    region: RU-PRI\n    coords: [133, 42]\n    timezone: Asia/Vladivostok\n    kinds: [seaport]\n    containerDwell: { hours: -5, basis: assumed, year: 2011, quote: q, sources: [s] }\n    sources: [s]\n',
    );
    const lines = loadAtlas(dir).problems.map(formatProblem);
    expect(lines.some((l) => /ports\.yaml: p: containerDwell\.hours: .*positive/.test(l))).toBe(true);
    expect(lines.some((l) => /ports\.yaml: p: containerDwell\.basis: .*published/.test(l))).toBe(true);
  });
});
