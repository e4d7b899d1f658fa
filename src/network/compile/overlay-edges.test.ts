import { describe, expect, it } from 'vitest';
import { atlasOf, place, testProfile } from '../../../test/route-semantics/fixtures.ts';
import type { LineNetworkOverlay } from '../overlay.ts';
import { MODE_CODE } from '../types.ts';
import { NetworkDraft } from './draft.ts';
import { addOverlayEdges } from './overlay-edges.ts';
import { placeNodes } from './place-nodes.ts';

const overlay = (
  mode: LineNetworkOverlay['mode'],
  extra: Partial<LineNetworkOverlay> = {},
): LineNetworkOverlay => ({
  id: 'ov',
  mode,
  nodes: { lon: Float64Array.from([131, 132, 133]), lat: Float64Array.from([43, 43, 43]) },
  edges: {
    from: Int32Array.from([0, 1]),
    to: Int32Array.from([1, 2]),
    km: Float64Array.from([80, 90]),
    tag: Int32Array.from([0, 1]),
  },
  tags: ['', 'arctic'],
  joins: [
    { node: 0, place: 'port', km: 3 },
    { node: 2, place: 'town', km: 4 },
    { node: 2, place: 'nowhere', km: 1 },
  ],
  source: { title: 'test lanes', licence: 'test', file: 'test.geojson' },
  ...extra,
});

describe('overlay edges (compile stage 4)', () => {
  const atlas = atlasOf({
    places: [place('port', 'RU', 131, 43, { kinds: ['seaport'] }), place('town', 'RU', 133, 43)],
  });

  it('adds junctions, edges both ways (tagged ones on the tag’s calendar) and joins to ports only', () => {
    const draft = new NetworkDraft();
    const at = placeNodes(atlas, draft);
    const summer = { seasons: [{ from: '07-01', to: '10-31', sources: ['test'] }] };
    addOverlayEdges(
      draft,
      overlay('sea', { tagCalendars: { arctic: summer } as never }),
      testProfile(),
      atlas,
      at.placeIndex,
    );
    // nodes 0–3: the places' gates and roads; 4–6 junctions; 7 the port's sea departure node, 8 its arrival node
    expect(draft.nodePlace.slice(4)).toEqual([-1, -1, -1, 0, 0]);
    expect(draft.seaCalls.has(8)).toBe(true);
    expect(draft.nodeMode.slice(4).every((m) => m === MODE_CODE.sea)).toBe(true);
    expect(draft.edges.map((e) => [e.tail, e.head, e.km, e.calendar])).toEqual([
      [4, 5, 80, -1],
      [5, 4, 80, -1],
      [5, 6, 90, 0],
      [6, 5, 90, 0],
      [7, 4, 3, -1],
      [4, 8, 3, -1],
    ]);
    expect(draft.calendars[0]).toMatchObject({ timezone: 'UTC', label: 'ov arctic' });
    expect(draft.links).toEqual([{ id: 'overlay:ov', mode: 'sea', line: 'test lanes', estimated: false }]);
    expect(draft.warnings).toEqual([
      'overlay ov: join to "town" ignored (not a seaport)',
      'overlay ov: join to unknown place "nowhere" ignored',
    ]);
  });

  it('puts a rail overlay without a gauge (or dual) on 1520 mm', () => {
    for (const gauge of [undefined, 'dual'] as const) {
      const draft = new NetworkDraft();
      const at = placeNodes(atlas, draft);
      addOverlayEdges(draft, overlay('rail', { gauge }), testProfile(), atlas, at.placeIndex);
      expect(draft.nodeGauge.slice(4)).toEqual([1520, 1520, 1520, 1520, 1520]);
    }
  });
});
