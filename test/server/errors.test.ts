/** The error base (src/errors.ts): each library error's kind, exit code and HTTP status, and how the API answers it. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GazetteerError } from '../../src/atlas/gazetteer.ts';
import { AtlasError, loadAtlas } from '../../src/atlas/load.ts';
import { loadProfile, ProfileError } from '../../src/costs/profile.ts';
import {
  AmurError,
  ERROR_KINDS,
  EXIT_CODE,
  errorKind,
  exitCodeOf,
  HTTP_STATUS,
  httpStatusOf,
} from '../../src/errors.ts';
import { RouteQueryError } from '../../src/routing/index.ts';
import { loadScenario } from '../../src/scenarios/load.ts';
import { fromLibraryError } from '../../src/server/errors.ts';
import { ImportError } from '../../src/trade/importers/common.ts';
import { StoreError } from '../../src/trade/store.ts';
import { YamlRefusedError } from '../../src/yaml-values.ts';

const atlasError = () =>
  new AtlasError([
    {
      file: `${process.cwd()}/data/atlas/places/x.yaml`,
      record: 'heihe',
      field: 'coords',
      problem: 'missing',
      severity: 'error',
    } as never,
  ]);

describe('the error base', () => {
  it('maps every kind to an exit code and an HTTP status', () => {
    for (const k of ERROR_KINDS) {
      expect(EXIT_CODE[k]).toBeGreaterThan(0);
      expect(HTTP_STATUS[k]).toBeGreaterThanOrEqual(400);
    }
  });

  it('gives each library error its kind, exit code and status', () => {
    const cases: [unknown, string, number, number][] = [
      [atlasError(), 'data', 3, 500],
      [new ProfileError('p.yaml', ['rail.speed: missing']), 'data', 3, 500],
      [new RouteQueryError('date', 'not a date'), 'input', 2, 400],
      [new GazetteerError('Atlantis', 'unknown', []), 'input', 2, 400],
      [new ImportError('f.csv', 3, 'year', 'x', 'not a year', 'a year'), 'input', 2, 400],
      [new StoreError('damaged', 'corrupt'), 'data', 3, 500],
      [new StoreError('held', 'lock'), 'unavailable', 4, 503],
      [new Error('bug'), 'internal', 1, 500],
    ];
    for (const [e, kind, exit, status] of cases) {
      expect(errorKind(e), String(e)).toBe(kind);
      expect(exitCodeOf(e)).toBe(exit);
      expect(httpStatusOf(e)).toBe(status);
    }
    expect(new ImportError('f.csv', 3, 'year', 'x', 'not a year', 'a year')).toMatchObject({
      file: 'f.csv',
      record: '3',
      field: 'year',
      valid: 'a year',
    });
  });

  it('is answered by the API as a broken atlas or profile, with no server path', () => {
    const a = fromLibraryError(atlasError());
    expect(a.status).toBe(500);
    expect(a.body().error).toBe('data-broken');
    expect(a.body().message).toMatch(/AtlasError/);
    expect(a.body().message).not.toContain(process.cwd());
    const p = fromLibraryError(new ProfileError('/etc/amur/profile.yaml', ['rail: missing']));
    expect(p.body().error).toBe('data-broken');
    expect(p.body().message).toMatch(/ProfileError/);
    expect(p.body().message).not.toContain('/etc/amur');
    const q = fromLibraryError(new RouteQueryError('avoid', 'unknown id "x"', ['harbin']), 'body.');
    expect(q.body()).toMatchObject({ error: 'bad-request', parameter: 'body.avoid', valid: 'one of harbin' });
    expect(fromLibraryError(new AmurError('not-found', 'no such thing')).status).toBe(404);
  });
});

describe('refused YAML', () => {
  const bomb = () => {
    const lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 9; i++) {
      const n = String.fromCharCode(97 + i);
      const p = String.fromCharCode(96 + i);
      lines.push(`${n}: &${n} [${Array.from({ length: 9 }, () => `*${p}`).join(', ')}]`);
    }
    return `${lines.join('\n')}\n`;
  };

  it('names the file of a YAML bomb in every loader', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-yaml-bomb-'));
    try {
      const file = join(dir, 'bomb.yaml');
      writeFileSync(file, bomb());
      for (const load of [() => loadScenario(file), () => loadProfile(file)]) {
        let err: unknown;
        try {
          load();
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(YamlRefusedError);
        expect((err as Error).message).toMatch(/bomb\.yaml: refused/);
        expect(exitCodeOf(err)).toBe(2);
      }
      mkdirSync(join(dir, 'atlas'));
      writeFileSync(join(dir, 'atlas', 'bomb.yaml'), bomb());
      const { problems } = loadAtlas(join(dir, 'atlas'));
      expect(problems.some((p) => p.file.endsWith('bomb.yaml') && /refused/.test(p.problem))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
