import { describe, expect, it } from 'vitest';
import { direction, intervalText, ratioInterval } from './significance';

// A baseline with outliers: 30 values around 10 ms and 6 stalls at 50 ms.
// Sorted, positions 18 and 19 are 10.0 and 10.2 → median 10.1; mean (300 + 300) / 36 = 16.667.
const BASELINE_WITH_OUTLIERS = [
  ...Array<number[]>(6).fill([9.6, 9.8, 10.0, 10.2, 10.4]).flat(),
  ...Array<number>(6).fill(50),
];

describe('ratioInterval, one run per side (bootstrap of the ratio of medians)', () => {
  it('calls no change where Welch on the means was significant but the medians hardly moved', () => {
    // Candidate: 30 tight values, median 10.2, mean 10.2. Welch (scipy ttest_ind, equal_var=False): p = 0.0147,
    // and the ratio of medians 10.2 / 10.1 = 1.0099 > 1, so the old gate said "slower" on a 1% median change
    // driven by the baseline's stalls. The interval of the ratio of medians covers 1.
    const candidate = Array<number[]>(6).fill([9.8, 10.0, 10.2, 10.4, 10.6]).flat();
    const interval = ratioInterval([BASELINE_WITH_OUTLIERS], [candidate]);
    expect(interval.ratio).toBeCloseTo(10.2 / 10.1, 12);
    expect(interval.method).toBe('within-run bootstrap');
    expect(interval.low).toBeLessThan(1);
    expect(interval.high).toBeGreaterThan(1);
    expect(direction(interval)).toBe('no significant change');
  });

  it('judges a tight candidate with a 10% higher median but a lower mean slower, as its ratio says', () => {
    // Candidate 11.0/11.1/11.2 × 10: median 11.1 (ratio 1.099), mean 11.1 < 16.667. The significance now comes
    // from the medians: resampled baseline medians stay within 9.6–10.4 unless 18 of 36 draws hit a stall.
    const candidate = Array<number[]>(10).fill([11.0, 11.1, 11.2]).flat();
    const interval = ratioInterval([BASELINE_WITH_OUTLIERS], [candidate]);
    expect(interval.ratio).toBeCloseTo(11.1 / 10.1, 12);
    expect(interval.low).toBeGreaterThan(11.0 / 10.4);
    expect(interval.high).toBeLessThan(11.2 / 9.6);
    expect(direction(interval)).toBe('slower');
    // Swapped sides: a candidate with stalls whose median is lower is faster, although its mean is higher.
    const swapped = ratioInterval([candidate], [BASELINE_WITH_OUTLIERS]);
    expect(swapped.ratio).toBeCloseTo(10.1 / 11.1, 12);
    expect(direction(swapped)).toBe('faster');
  });

  it('gives a zero-width interval for exact samples and no bound for a single sample', () => {
    const exact = ratioInterval([[10, 10, 10]], [[12, 12, 12]]);
    expect([exact.ratio, exact.low, exact.high]).toEqual([1.2, 1.2, 1.2]);
    expect(direction(exact)).toBe('slower');
    const single = ratioInterval([[10]], [[12, 12, 12]]);
    expect([single.low, single.high]).toEqual([0, Infinity]);
    expect(intervalText(single)).toBe('no interval (too few samples or runs)');
    expect(intervalText(exact)).toBe('95% CI 1.20–1.20× (within one run each)');
    expect(direction(single)).toBe('no significant change');
  });

  it('is reproducible with its seed', () => {
    const a = [[5, 7, 6, 9, 8, 6, 7]];
    const b = [[6, 8, 7, 9, 10, 7, 8]];
    expect(ratioInterval(a, b)).toEqual(ratioInterval(a, b));
  });
});

describe('ratioInterval, several runs (between-run t on log medians)', () => {
  // Per-run medians: baseline 100, 110, 121; candidate 110, 121, 133.1. Logs step by ln 1.1 = 0.0953102,
  // so the ratio of geometric means is exactly 1.1. Each side's sum of squares 2·0.0953102² = 0.0181680,
  // pooled variance 0.036336 / 4, SE = sqrt(0.009084 · 2/3) = 0.0778203, t(0.975, 4) = 2.7764451:
  // interval exp(ln 1.1 ∓ 0.216062) = [0.886252, 1.365300] (scipy.stats.t.ppf cross-check).
  const runsAround = (medians: number[]) => medians.map((m) => [m - 3, m, m + 1]);

  it('matches the hand-computed interval', () => {
    const interval = ratioInterval(runsAround([100, 110, 121]), runsAround([110, 121, 133.1]));
    expect(interval.method).toBe('between-run t');
    expect(interval.ratio).toBeCloseTo(1.1, 12);
    expect(interval.low).toBeCloseTo(0.886252, 6);
    expect(interval.high).toBeCloseTo(1.3653002, 6);
    expect(direction(interval)).toBe('no significant change');
    expect(intervalText(interval)).toBe('95% CI 0.89–1.37× (3 vs 3 runs)');
  });

  it('lets a single baseline run borrow the candidate repeats’ spread', () => {
    // Baseline one run, median 100; candidate as above. df = 2, SE = sqrt(0.0181680/2 · (1 + 1/3)),
    // t(0.975, 2) = 4.302653: [0.753590, 1.942834] around 1.21.
    const interval = ratioInterval(runsAround([100]), runsAround([110, 121, 133.1]));
    expect(interval.ratio).toBeCloseTo(1.21, 12);
    expect(interval.low).toBeCloseTo(0.75359, 5);
    expect(interval.high).toBeCloseTo(1.942834, 5);
  });

  it('passes a run against itself even when its runs spread by 40%', () => {
    const runs = runsAround([100, 140, 110]);
    const interval = ratioInterval(runs, runs);
    expect(interval.ratio).toBeCloseTo(1, 12);
    expect(direction(interval)).toBe('no significant change');
  });

  it('calls a consistent change through run-to-run noise', () => {
    const interval = ratioInterval(runsAround([100, 104, 98, 102]), runsAround([130, 135, 128, 133]));
    expect(interval.low).toBeGreaterThan(1.2);
    expect(direction(interval)).toBe('slower');
  });

  it('refuses empty input and bad options', () => {
    expect(() => ratioInterval([], [[1]])).toThrow(/baseline has no runs/);
    expect(() => ratioInterval([[1]], [[]])).toThrow(/candidate, run 1/);
    expect(() => ratioInterval([[1]], [[1]], { confidence: 1 })).toThrow(/confidence/);
    expect(() => ratioInterval([[1]], [[1]], { resamples: 10 })).toThrow(/resamples/);
  });
});
