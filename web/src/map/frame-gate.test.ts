import type * as maplibregl from 'maplibre-gl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FrameGate } from './frame-gate.ts';

/** Stands in for MapLibre's Map: `triggerRepaint` on the class, as MapLibre has it; counts the frames asked for. */
class FakeMap {
  frames = 0;
  triggerRepaint(): void {
    this.frames++;
  }
}

const gated = (maxHoldMs?: number) => {
  const map = new FakeMap();
  const gate = new FrameGate(map as unknown as maplibregl.Map, maxHoldMs);
  return { map, gate };
};

describe('FrameGate', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds the frames asked for while closed, lets one through on pass, and draws the held one on open', () => {
    const { map, gate } = gated();
    map.triggerRepaint();
    map.triggerRepaint();
    expect(map.frames).toBe(0);
    expect(gate.isClosed()).toBe(true);
    gate.pass();
    expect(map.frames).toBe(1);
    // a frame asked for after the pass is held again
    map.triggerRepaint();
    expect(map.frames).toBe(1);
    gate.open();
    expect(gate.isClosed()).toBe(false);
    expect(map.frames).toBe(2);
    // the class's own method is back: every request is a frame
    expect(Object.hasOwn(map, 'triggerRepaint')).toBe(false);
    map.triggerRepaint();
    expect(map.frames).toBe(3);
  });

  it('draws nothing on open when no frame was asked for, and opening twice changes nothing', () => {
    const { map, gate } = gated();
    gate.open();
    gate.open();
    expect(map.frames).toBe(0);
    gate.pass();
    expect(map.frames).toBe(0);
  });

  it('opens by itself after maxHoldMs when nobody opens it', () => {
    vi.useFakeTimers();
    const { map, gate } = gated(5_000);
    map.triggerRepaint();
    vi.advanceTimersByTime(4_999);
    expect(gate.isClosed()).toBe(true);
    expect(map.frames).toBe(0);
    vi.advanceTimersByTime(1);
    expect(gate.isClosed()).toBe(false);
    expect(map.frames).toBe(1);
  });
});
