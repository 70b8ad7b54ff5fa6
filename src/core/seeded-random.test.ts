import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';

describe('seededRandom', () => {
  it('gives the same sequence for a seed', () => {
    expect(Array.from({ length: 5 }, seededRandom(7))).toEqual(Array.from({ length: 5 }, seededRandom(7)));
    expect(seededRandom(7)()).not.toBe(seededRandom(8)());
  });

  it('stays in [0, 1) with a mean near one half', () => {
    const random = seededRandom(42);
    const values = Array.from({ length: 10_000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(0.5, 1);
  });
});
