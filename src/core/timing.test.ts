import { describe, expect, it } from 'vitest';
import { coveredMs, timerResolutionMs } from './timing';

describe('coveredMs', () => {
  it('counts overlapping spans once and gaps not at all', () => {
    // 0–10 and 5–20 overlap (20 ms together); 30–35 stands alone; 31–33 lies inside it.
    const spans = [
      { start: 30, end: 35 },
      { start: 0, end: 10 },
      { start: 5, end: 20 },
      { start: 31, end: 33 },
    ];
    expect(coveredMs(spans)).toBe(25);
  });

  it('is the sum for spans that follow one another, and 0 for none', () => {
    expect(
      coveredMs([
        { start: 0, end: 4 },
        { start: 4, end: 6 },
        { start: 10, end: 11 },
      ]),
    ).toBe(7);
    expect(coveredMs([])).toBe(0);
  });
});

describe('timerResolutionMs', () => {
  /** A clock that returns `reads` in turn, then keeps returning the last one. */
  function scriptedClock(reads: readonly number[]): () => number {
    let index = 0;
    return () => reads[Math.min(index++, reads.length - 1)] ?? 0;
  }

  it('is the smallest nonzero step between successive reads, repeats ignored', () => {
    // Steps: 0, 0.1, 0, 0.1, 0.2, 0.1, 0 … — a 100 µs clock, as without cross-origin isolation.
    expect(timerResolutionMs(scriptedClock([5, 5, 5.1, 5.1, 5.2, 5.4, 5.5]))).toBeCloseTo(0.1, 12);
    // A 5 µs clock with a late jump of 1 ms.
    expect(timerResolutionMs(scriptedClock([0, 0.005, 0.01, 1.01, 1.015]))).toBeCloseTo(0.005, 12);
  });

  it('is undefined for a clock that never moves, and ends', () => {
    expect(timerResolutionMs(() => 42)).toBeUndefined();
  });
});
