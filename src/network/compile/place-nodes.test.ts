import { describe, expect, it } from 'vitest';
import { atlasOf, link, place } from '../../../test/route-semantics/fixtures.ts';
import { MODE_CODE } from '../types.ts';
import { NetworkDraft } from './draft.ts';
import { canHave, placeNodes } from './place-nodes.ts';

describe('place nodes (compile stage 1)', () => {
  it('gives every place a gate then a road node, in atlas order', () => {
    const draft = new NetworkDraft();
    const at = placeNodes(atlasOf({ places: [place('a', 'RU', 131, 43), place('b', 'CN', 131, 44)] }), draft);
    expect(draft.nodePlace).toEqual([0, 0, 1, 1]);
    expect(draft.nodeMode).toEqual([MODE_CODE.gate, MODE_CODE.road, MODE_CODE.gate, MODE_CODE.road]);
    expect([...at.gateNode]).toEqual([0, 2]);
    expect(at.placeIndex.get('b')).toBe(1);
    // asking again for a place's node returns it, not a new one
    expect(draft.node(1, 'road')).toBe(3);
  });

  it('finds the rail gauges at a place from its gauges and its rail links; dual adds none', () => {
    const a = atlasOf({
      places: [
        place('x', 'RU', 131, 43, { gauges: [1520] }),
        place('y', 'RU', 132, 43),
        place('z', 'RU', 133, 43),
      ],
      links: [
        link('xy', 'x', 'y', 'rail', 10, { gauge: 1435 }),
        link('yz', 'y', 'z', 'rail', 10, { gauge: 'dual' }),
        link('road', 'x', 'z', 'road', 10),
      ],
    });
    const { railGauges } = placeNodes(a, new NetworkDraft());
    expect([...(railGauges.get(0) ?? [])].sort()).toEqual([1435, 1520]);
    expect([...(railGauges.get(1) ?? [])]).toEqual([1435]);
    expect(railGauges.has(2)).toBe(false);
  });

  it('lets sea, river and air nodes be only at ports of that kind', () => {
    const town = place('t', 'RU', 131, 43);
    const port = place('p', 'RU', 131, 43, { kinds: ['seaport', 'river-port', 'airport'] });
    for (const m of ['sea', 'river', 'air'] as const) {
      expect(canHave(town, m)).toBe(false);
      expect(canHave(port, m)).toBe(true);
    }
    expect(canHave(town, 'rail')).toBe(true);
    expect(canHave(town, 'pipeline')).toBe(true);
  });
});
