/**
 * Holds MapLibre's frames back while the first view's data is made ready,
 * so that the first frame drawn with layers is the whole view.
 *
 * Why: without a GPU (software WebGL, as on the machine the goal of issue 14
 * is measured on) every frame costs 100–500 ms of CPU in the GPU process,
 * and the compositor reads each WebGL frame back synchronously. MapLibre
 * draws a frame whenever something changes: while its worker parses the
 * basemap and the atlas, it drew the empty background again and again, and
 * then each batch of tiles as it arrived: the frames fought the worker for
 * the CPU and delayed the full view. With the gate closed, MapLibre's
 * requests for a frame are noted, not scheduled; `pass` lets one frame
 * through (MapLibre asks its worker for the view's tiles while drawing), and
 * `open` restores MapLibre's own scheduling and draws what was asked for.
 *
 * Only `triggerRepaint` (public API) is held, as an own property of the map
 * instance that shadows the class's method; `open` deletes it. A resize of
 * the container still draws at once (MapLibre's `redraw`). Should nobody
 * open it (the first view's data failed to load), the gate opens by itself
 * after `maxHoldMs`.
 */
import type * as maplibregl from 'maplibre-gl';

export class FrameGate {
  private asked = false;
  private closed = true;
  private readonly drawNow: () => void;

  constructor(
    private readonly map: maplibregl.Map,
    maxHoldMs = 20_000,
  ) {
    const own = Object.getPrototypeOf(map) as maplibregl.Map;
    this.drawNow = () => own.triggerRepaint.call(map);
    map.triggerRepaint = () => {
      this.asked = true;
    };
    setTimeout(() => this.open(), maxHoldMs);
  }

  /** Whether frames are being held. */
  isClosed(): boolean {
    return this.closed;
  }

  /** Lets one frame through now (the gate stays closed for the ones it asks for). */
  pass(): void {
    if (!this.closed) return;
    this.asked = false;
    this.drawNow();
  }

  /** Stops holding frames and draws the one asked for meanwhile, if any. */
  open(): void {
    if (!this.closed) return;
    this.closed = false;
    delete (this.map as Partial<Pick<maplibregl.Map, 'triggerRepaint'>>).triggerRepaint;
    if (this.asked) this.map.triggerRepaint();
  }
}
