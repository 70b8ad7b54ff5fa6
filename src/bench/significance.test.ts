import { describe, expect, it } from 'vitest';
import { compareSamples } from './significance';

describe('compareSamples (Welch two-sample t-test, two-sided)', () => {
  // a = [19.1, 21.3, 20.4, 22.0, 20.9]: sum 103.7, mean 20.74
  //   deviations −1.64, 0.56, −0.34, 1.26, 0.16 → squares sum 4.732 → s²a = 4.732 / 4 = 1.183
  // b = [24.2, 23.9, 25.1, 26.0, 24.7]: sum 123.9, mean 24.78
  //   deviations −0.58, −0.88, 0.32, 1.22, −0.08 → squares sum 2.708 → s²b = 2.708 / 4 = 0.677
  // SE² = 1.183/5 + 0.677/5 = 0.2366 + 0.1354 = 0.372, SE = 0.6099180
  // t = (20.74 − 24.78) / 0.6099180 = −6.623841
  // df = 0.372² / (0.2366²/4 + 0.1354²/4) = 0.138384 / 0.018578180 = 7.448738
  // p = 2 · P(T₇.₄₄₈₇ < −6.623841) = 0.00022697 (cross-checked with scipy.stats.ttest_ind(a, b, equal_var=False))
  // Medians: a → 20.9, b → 24.7, ratio 24.7 / 20.9 = 1.181818.
  const a = [19.1, 21.3, 20.4, 22.0, 20.9];
  const b = [24.2, 23.9, 25.1, 26.0, 24.7];

  it('matches the hand-computed Welch test', () => {
    const result = compareSamples(a, b);
    expect(result.test).toBe('welch-t');
    expect(result.tStatistic).toBeCloseTo(-6.623841, 4);
    expect(result.df).toBeCloseTo(7.448738, 4); // a pooled (equal-variance) test would have df = 8
    expect(Math.abs(result.pValue - 0.00022697)).toBeLessThan(1e-7);
    expect(result.significant).toBe(true);
    expect(result.ratio).toBeCloseTo(24.7 / 20.9, 12);
  });

  it('is symmetric: swapping the sides flips t and inverts the ratio but keeps p', () => {
    const forward = compareSamples(a, b);
    const backward = compareSamples(b, a);
    expect(backward.tStatistic).toBeCloseTo(-forward.tStatistic, 10);
    expect(backward.pValue).toBeCloseTo(forward.pValue, 12);
    expect(backward.ratio).toBeCloseTo(1 / forward.ratio, 12);
  });

  it('honours alpha: t = −2 on 8 df gives p = 0.0805162', () => {
    // [10..14] vs [12..16]: both s² = 2.5, SE = √(0.5 + 0.5) = 1, t = −2 / 1 = −2,
    // df = 1² / (0.5²/4 + 0.5²/4) = 8, p = 2 · P(T₈ < −2) = 0.0805162.
    const x = [10, 11, 12, 13, 14];
    const y = [12, 13, 14, 15, 16];
    const atFivePercent = compareSamples(x, y);
    expect(atFivePercent.pValue).toBeCloseTo(0.0805162, 6);
    expect(atFivePercent.significant).toBe(false);
    expect(compareSamples(x, y, 0.1).significant).toBe(true);
  });

  it('runs the t-test when only one side has zero variance', () => {
    // [5, 5, 5] vs [6, 7, 8]: SE² = 0 + 1/3, t = −2 / √(1/3) = −2√3, df = (1/3)² / ((1/3)²/2) = 2.
    // With 2 df the t CDF is ½ + t / (2√(2 + t²)), so p = 1 − 2√3 / √14 = 0.0741799.
    const result = compareSamples([5, 5, 5], [6, 7, 8]);
    expect(result.tStatistic).toBeCloseTo(-2 * Math.sqrt(3), 10);
    expect(result.df).toBeCloseTo(2, 10);
    expect(result.pValue).toBeCloseTo(1 - (2 * Math.sqrt(3)) / Math.sqrt(14), 6);
    expect(result.significant).toBe(false);
  });

  it('is not significant with p = 1 when the samples are the same values', () => {
    const result = compareSamples([10, 12, 11, 13, 9], [9, 13, 11, 12, 10]);
    expect(result.pValue).toBeCloseTo(1, 12);
    expect(result.significant).toBe(false);
    expect(result.ratio).toBe(1);
  });

  describe('degenerate cases', () => {
    it('is never significant with fewer than two samples on a side, and p is NaN', () => {
      const oneBaseline = compareSamples([5], [50, 51, 52]);
      expect(oneBaseline.pValue).toBeNaN();
      expect(oneBaseline.significant).toBe(false);
      expect(oneBaseline.ratio).toBe(51 / 5);
      expect(compareSamples([5, 6, 7], [50]).significant).toBe(false);
    });

    it('with zero variance on both sides, is significant iff the means differ', () => {
      const differ = compareSamples([5, 5, 5], [6, 6]);
      expect(differ).toMatchObject({ pValue: 0, significant: true, ratio: 1.2 });
      const same = compareSamples([5, 5], [5, 5, 5]);
      expect(same).toMatchObject({ pValue: 1, significant: false, ratio: 1 });
    });

    it('treats repeated non-representable values as exactly zero variance', () => {
      expect(compareSamples([0.1, 0.1, 0.1], [0.2, 0.2, 0.2])).toMatchObject({
        pValue: 0,
        significant: true,
      });
    });
  });

  it('rejects empty samples, non-finite values and an alpha outside (0, 1)', () => {
    expect(() => compareSamples([], [1, 2])).toThrow(/sample a: there are no samples/);
    expect(() => compareSamples([1, 2], [1, Number.NaN])).toThrow(/sample b: sample 1 is NaN/);
    expect(() => compareSamples(a, b, 0)).toThrow(RangeError);
    expect(() => compareSamples(a, b, 1)).toThrow(RangeError);
  });
});
