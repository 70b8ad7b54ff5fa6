import { describe, expect, it } from 'vitest';
import { coveredMs } from './timing';

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
