import { distance } from '@turf/distance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greatCircleKm, KM_PER_DEGREE } from './geodesy.ts';

const lon = fc.double({ min: -180, max: 180, noNaN: true });
const lat = fc.double({ min: -90, max: 90, noNaN: true });

describe('greatCircleKm', () => {
  it("equals Turf's distance to the bit, anywhere on the sphere", () => {
    fc.assert(
      fc.property(lon, lat, lon, lat, (x1, y1, x2, y2) => {
        expect(greatCircleKm([x1, y1], [x2, y2])).toBe(distance([x1, y1], [x2, y2], { units: 'kilometers' }));
      }),
      { numRuns: 5000 },
    );
  });

  it('measures a degree of a meridian, a quarter and half of a great circle on a 6,371.0088 km sphere', () => {
    expect(greatCircleKm([10, 0], [10, 1])).toBeCloseTo(KM_PER_DEGREE, 9);
    expect(KM_PER_DEGREE).toBeCloseTo(111.19508, 5);
    expect(greatCircleKm([0, 0], [90, 0])).toBeCloseTo((Math.PI / 2) * 6371.0088, 9);
    expect(greatCircleKm([0, 90], [0, -90])).toBeCloseTo(Math.PI * 6371.0088, 9);
    // across the antimeridian the short way
    expect(greatCircleKm([179.5, 0], [-179.5, 0])).toBeCloseTo(KM_PER_DEGREE, 9);
  });
});
