/**
 * The network while it is compiled: nodes (keyed by place, mode and gauge),
 * edge drafts, calendars, link and crossing tables and warnings, filled by the
 * stages of `compileNetwork` in order (place nodes, link edges, crossing
 * edges, overlays, transfers) and packed into CSR by `pack.ts`. Node and edge
 * ids follow the order in which the stages add them.
 */
import type { CrossingService, Link } from '../../atlas/schema.ts';
import { CARGO_UNITS, type CargoUnit, type FreightMode } from '../../costs/profile.ts';
import {
  type EdgeKind,
  MODE_CODE,
  type NetworkCalendar,
  type NetworkCrossing,
  type NetworkLink,
} from '../types.ts';

/** An edge's hours, USD and kg CO2e (WTW and TTW) for one cargo unit. */
export interface EdgeCost {
  hours: number;
  usd: number;
  co2eKg: number;
  co2eKgTtw: number;
}

export interface EdgeDraft {
  tail: number;
  head: number;
  kind: EdgeKind;
  mode: FreightMode | 'gate';
  km: number;
  /** By cargo index (CARGO_UNITS order). */
  cost: EdgeCost[];
  mask: number;
  calendar: number;
  ref: number;
}

/** One cost per cargo unit, in CARGO_UNITS order. */
export function perCargo(f: (cargo: CargoUnit) => EdgeCost): EdgeCost[] {
  return CARGO_UNITS.map((c) => f(c));
}

export class NetworkDraft {
  readonly nodePlace: number[] = [];
  readonly nodeMode: number[] = [];
  readonly nodeGauge: number[] = [];
  private readonly nodeKey = new Map<string, number>();
  readonly edges: EdgeDraft[] = [];
  readonly calendars: NetworkCalendar[] = [];
  readonly links: NetworkLink[] = [];
  readonly crossings: NetworkCrossing[] = [];
  readonly warnings: string[] = [];

  get nodeCount(): number {
    return this.nodePlace.length;
  }

  /** The node of a place for a mode (and rail gauge), made on first use. */
  node(place: number, mode: FreightMode | 'gate', gauge = 0): number {
    const key = `${place}|${mode}|${gauge}`;
    let id = this.nodeKey.get(key);
    if (id === undefined) {
      id = this.nodePlace.length;
      this.nodePlace.push(place);
      this.nodeMode.push(MODE_CODE[mode]);
      this.nodeGauge.push(gauge);
      this.nodeKey.set(key, id);
    }
    return id;
  }

  /** The node of a place for a mode (and rail gauge) if it has been made. */
  existing(place: number, mode: FreightMode | 'gate', gauge = 0): number | undefined {
    return this.nodeKey.get(`${place}|${mode}|${gauge}`);
  }

  /**
   * Sea arrival node → the call a ship arriving there pays to sail on, per
   * cargo unit (`seaArrival`); the place's departure node is `node(place, 'sea')`.
   */
  readonly seaCalls = new Map<number, EdgeCost[]>();

  /** The node where ships whose call costs `call` arrive at a port (made on first use). */
  seaArrival(place: number, call: EdgeCost[]): number {
    const key = `${place}|sea-in|${call.map((c) => `${c.hours},${c.usd},${c.co2eKg},${c.co2eKgTtw}`).join(';')}`;
    let id = this.nodeKey.get(key);
    if (id === undefined) {
      id = this.nodePlace.length;
      this.nodePlace.push(place);
      this.nodeMode.push(MODE_CODE.sea);
      this.nodeGauge.push(0);
      this.nodeKey.set(key, id);
      this.seaCalls.set(id, call);
    }
    return id;
  }

  /** `count` anonymous nodes (junctions of a line-network overlay, place −1); returns the first id. */
  junctions(count: number, mode: FreightMode, gauge: number): number {
    const first = this.nodePlace.length;
    for (let i = 0; i < count; i++) {
      this.nodePlace.push(-1);
      this.nodeMode.push(MODE_CODE[mode]);
      this.nodeGauge.push(gauge);
    }
    return first;
  }

  /** The edge `tail → head`, and with `back` also `head → tail` with the same attributes and `back`'s calendar and ref. */
  edge(e: EdgeDraft, back?: { calendar: number; ref: number }): void {
    this.edges.push(e);
    if (back) this.edges.push({ ...e, tail: e.head, head: e.tail, calendar: back.calendar, ref: back.ref });
  }

  /**
   * Attaches a link's or a service's status and calendar; returns its index.
   * A calendar given in one side's clock is read in that zone from either side.
   */
  addCalendar(
    thing: Pick<Link, 'status' | 'calendar'> | Pick<CrossingService, 'status' | 'calendar'>,
    timezone: string,
    label: string,
  ): number {
    this.calendars.push({
      thing,
      timezone: thing.calendar?.timezone ?? timezone,
      label,
      seasonRanges: thing.calendar?.seasons?.map((s) => ({ from: s.fromRange, to: s.toRange })),
    });
    return this.calendars.length - 1;
  }
}
