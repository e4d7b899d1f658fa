/**
 * The scoped China–Europe express on the bundled atlas and profile: trains
 * from China's inland hubs to Europe run as the express on every rail link
 * (the Chinese approach, the 1,520 mm lands and the EU end), while traffic
 * over the same track that does not cross a Chinese gateway and the EU's
 * keeps the container block train. Also: a scope crossing the atlas lacks is
 * a warning naming the profile, the class and the field.
 */
import { describe, expect, it } from 'vitest';
import { loadAtlas } from '../../atlas/load.ts';
import { loadProfile, type Profile } from '../../costs/profile.ts';
import { route } from '../../routing/index.ts';
import { compileNetwork } from '../compile.ts';

const { atlas } = loadAtlas();
const profile = loadProfile();
const net = compileNetwork(atlas, profile);

/** The class of every rail link of the fastest rail itinerary. */
function railClasses(from: string, to: string): (string | null | undefined)[] {
  const r = route(net, { from, to, date: '2024-05-01', cargo: 'feu', modes: ['rail'], optimize: 'time' });
  const it0 = r.itineraries[0];
  expect(it0, `${from} → ${to}: no itinerary`).toBeDefined();
  return it0.legs.filter((l) => l.linkId).map((l) => l.service);
}

describe('the China–Europe express on the bundled atlas (scope: China–Europe gateways and the EU’s)', () => {
  it.each([
    ['chengdu', 'lodz'],
    ['chongqing', 'duisburg'],
    ['xian', 'hamburg'],
    ['duisburg', 'chongqing'],
  ])('%s → %s runs as the express on every rail link', (from, to) => {
    const classes = railClasses(from, to);
    expect(classes.length).toBeGreaterThan(5);
    expect(new Set(classes)).toEqual(new Set(['China–Europe express']));
  });

  it.each([
    ['vladivostok', 'moscow'],
    ['harbin', 'vladivostok'],
    ['harbin', 'moscow'],
    ['moscow', 'warsaw'],
  ])('%s → %s keeps the container block train', (from, to) => {
    expect(new Set(railClasses(from, to))).toEqual(new Set(['container block train']));
  });

  it('warns of a scope crossing the atlas does not have, naming profile, class and field', () => {
    const p: Profile = structuredClone(profile);
    const express = p.services.find((s) => s.id === 'china-europe-express');
    if (!express?.scope) throw new Error('the bundled express has no scope');
    express.scope.crossings[0].push('no-such-crossing');
    const warnings = compileNetwork(atlas, p, { linkDetail: null }).warnings;
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^profile default: service china-europe-express: scope\.crossings\[0\]: "no-such-crossing" is no crossing with a rail service in the atlas; .*\(valid: .*alashankou-dostyk/,
      ),
    );
  });
});
