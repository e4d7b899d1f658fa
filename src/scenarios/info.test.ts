import { describe, expect, it } from 'vitest';
import { getAtlas } from '../atlas/load.ts';
import { loadProfile } from '../costs/profile.ts';
import { buildScenario } from './apply.ts';
import { scenarioInfo } from './info.ts';
import { loadScenario } from './load.ts';

describe('scenarioInfo', () => {
  const s = loadScenario('before-bridges');
  const built = buildScenario(getAtlas(), loadProfile(), s);

  it('says the scenario, its chain, what it changes and its times in ms to two decimals', () => {
    const info = scenarioInfo(s, built);
    expect(Object.keys(info)).toEqual([
      'id',
      'name',
      'description',
      'names',
      'descriptions',
      'extends',
      'chain',
      'sources',
      'modifications',
      'changes',
      'rules',
      'applyMs',
      'compileMs',
    ]);
    expect(info).toMatchObject({ id: 'before-bridges', name: s.name, extends: s.extends ?? null });
    expect(info.chain).toEqual(s.chain.map((c) => c.id));
    expect(info.names).toEqual({ en: s.name, zh: s.names?.zh, ru: s.names?.ru });
    expect(info.descriptions.en).toBe(s.description);
    expect(info.descriptions.zh).toMatch(/2022年6月/);
    expect(info.changes).toBe(built.changes);
    expect(info.changes.length).toBeGreaterThan(0);
    for (const ms of [info.applyMs, info.compileMs]) expect(Math.round(ms * 100) / 100).toBe(ms);
  });

  it('takes another id (an uploaded scenario is named by its id, not its file)', () => {
    expect(scenarioInfo(s, built, 'uploaded-1').id).toBe('uploaded-1');
  });
});
