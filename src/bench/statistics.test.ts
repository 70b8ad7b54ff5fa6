import { describe, expect, it } from 'vitest';
import type { BenchCell } from './run-record';
import { measuredMedianMs, medianInterval, summarize } from './statistics';

describe('summarize', () => {
  it('computes every statistic of [1, 2, 3, 4, 100] as worked out by hand', () => {
    // Given out of order to check nothing assumes sorted input.
    const stats = summarize([100, 3, 1, 4, 2]);
    expect(stats.count).toBe(5);
    expect(stats.meanMs).toBe(22); // 110 / 5
    expect(stats.medianMs).toBe(3);
    // Linear interpolation (R type 7) at index (n − 1)·p of the sorted values [1, 2, 3, 4, 100]:
    // p90: index 3.6  → 4 + 0.6 · (100 − 4) = 61.6
    // p99: index 3.96 → 4 + 0.96 · (100 − 4) = 96.16
    expect(stats.p90Ms).toBeCloseTo(61.6, 10);
    expect(stats.p99Ms).toBeCloseTo(96.16, 10);
    expect(stats.minMs).toBe(1);
    expect(stats.maxMs).toBe(100);
    // Deviations from 22: −21, −20, −19, −18, 78; squares sum to 441 + 400 + 361 + 324 + 6084 = 7610.
    // s² = 7610 / (5 − 1) = 1902.5, s = √1902.5 ≈ 43.6176570.
    expect(stats.stdDevMs).toBeCloseTo(Math.sqrt(1902.5), 10);
    expect(stats.stdDevMs).toBeCloseTo(43.617657, 6);
    // Half-width = t(0.975, 4) · s / √5 = 2.7764451 · 43.6176570 / 2.2360680 ≈ 54.158474.
    expect(stats.ci95LowMs).toBeCloseTo(22 - 54.158474, 5);
    expect(stats.ci95HighMs).toBeCloseTo(22 + 54.158474, 5);
    expect(stats.throughputPerS).toBeCloseTo(1000 / 22, 10); // ≈ 45.4545
    // Five samples: no 95% order-statistic interval exists, so min–max, covering 1 − 2·(1/32) = 0.9375.
    expect(stats.medianCi95).toEqual({ lowMs: 1, highMs: 100, lowRank: 1, highRank: 5, coverage: 0.9375 });
  });

  it('uses the t quantile for n − 1 degrees of freedom (t(0.975, 1) = 12.7062047 for two samples)', () => {
    // [10, 12]: mean 11, s = √2, half-width = 12.7062047 · √2 / √2 = 12.7062047.
    const stats = summarize([10, 12]);
    expect(stats.stdDevMs).toBeCloseTo(Math.SQRT2, 12);
    expect(stats.ci95LowMs).toBeCloseTo(11 - 12.7062047, 6);
    expect(stats.ci95HighMs).toBeCloseTo(11 + 12.7062047, 6);
    expect(stats.p90Ms).toBeCloseTo(11.8, 10); // index 0.9 → 10 + 0.9 · 2
  });

  it('collapses the interval to the mean and reports a zero deviation for a single sample', () => {
    expect(summarize([8])).toEqual({
      count: 1,
      meanMs: 8,
      medianMs: 8,
      p90Ms: 8,
      p99Ms: 8,
      minMs: 8,
      maxMs: 8,
      stdDevMs: 0,
      ci95LowMs: 8,
      ci95HighMs: 8,
      throughputPerS: 125,
    });
  });

  it('does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('rejects an empty sample and non-finite values with a clear error', () => {
    expect(() => summarize([])).toThrow(/no samples/);
    expect(() => summarize([1, Number.NaN, 3])).toThrow(/sample 1 is NaN/);
    expect(() => summarize([1, 2, Number.POSITIVE_INFINITY])).toThrow(/sample 2 is Infinity/);
  });
});

describe('medianInterval', () => {
  /** 1 … n in a scrambled order, so the sample with rank r is worth r (times 10 to tell values from ranks). */
  const ranks = (n: number) => Array.from({ length: n }, (_, i) => ((i * 7) % n) + 1).map((r) => r * 10);

  it('takes x(2) and x(9) of ten samples: P(Bin(10, ½) ≤ 1) = 11/1024 ≤ 2.5% < P(≤ 2) = 56/1024', () => {
    const samples = ranks(10);
    expect(new Set(samples).size).toBe(10);
    expect(medianInterval(samples)).toEqual({
      lowMs: 20,
      highMs: 90,
      lowRank: 2,
      highRank: 9,
      coverage: 1 - 22 / 1024, // 0.978515625
    });
  });

  it('takes x(6) and x(15) of twenty: P(Bin(20, ½) ≤ 5) = 21700/1048576 ≈ 2.07%, P(≤ 6) ≈ 5.77%', () => {
    // C(20, 0…5) = 1 + 20 + 190 + 1140 + 4845 + 15504 = 21700.
    const interval = medianInterval(ranks(20));
    expect(interval).toMatchObject({ lowMs: 60, highMs: 150, lowRank: 6, highRank: 15 });
    expect(interval?.coverage).toBeCloseTo(1 - (2 * 21700) / 1048576, 12);
  });

  it('uses min–max from six samples on, where it first reaches 95% (1 − 2/64 = 96.875%)', () => {
    expect(medianInterval([6, 1, 5, 2, 4, 3])).toEqual({
      lowMs: 1,
      highMs: 6,
      lowRank: 1,
      highRank: 6,
      coverage: 0.96875,
    });
  });

  it('falls back to min–max with its real coverage below six samples, and has none for one sample', () => {
    expect(medianInterval([3, 9])?.coverage).toBe(0.5); // 1 − 2·¼
    expect(medianInterval([3, 9, 4, 5])).toMatchObject({ lowMs: 3, highMs: 9, coverage: 0.875 });
    expect(medianInterval([7])).toBeUndefined();
  });

  it('always holds the median, even on a skewed sample whose mean interval goes below zero', () => {
    // 29 fast runs and one 60 ms outlier: the mean's t interval starts below 0, the median's cannot.
    const samples = [...Array.from({ length: 29 }, (_, i) => 0.5 + i * 0.01), 60];
    const stats = summarize(samples);
    expect(stats.ci95LowMs).toBeLessThan(0);
    // n = 30: P(Bin(30, ½) ≤ 9) ≈ 2.14% ≤ 2.5% < P(≤ 10) ≈ 4.94%, so ranks 10 and 21: 0.59 and 0.70.
    expect(stats.medianCi95).toMatchObject({ lowRank: 10, highRank: 21 });
    expect(stats.medianCi95?.lowMs).toBeCloseTo(0.59, 12);
    expect(stats.medianCi95?.highMs).toBeCloseTo(0.7, 12);
    expect(stats.medianMs).toBeGreaterThanOrEqual(stats.medianCi95?.lowMs ?? Infinity);
    expect(stats.medianMs).toBeLessThanOrEqual(stats.medianCi95?.highMs ?? -Infinity);
  });

  it('stays finite for thousands of samples (½ⁿ underflows past n ≈ 1074)', () => {
    // Exact binomial sums (Python's math.comb): P(Bin(4000, ½) ≤ 1937) ≈ 2.405% ≤ 2.5% < P(≤ 1938), so rank 1938,
    // near the normal approximation n/2 − 1.96·√n/2 ≈ 1938.
    const interval = medianInterval(ranks(4000).map((v) => v / 10));
    expect(interval).toMatchObject({ lowRank: 1938, highRank: 2063, lowMs: 1938, highMs: 2063 });
    expect(interval?.coverage).toBeGreaterThanOrEqual(0.95);
    expect(interval?.coverage).toBeLessThan(0.96);
  });
});

describe('measuredMedianMs', () => {
  const cell = (status: BenchCell['status'], samplesMs: number[]): BenchCell => ({
    modelId: 'm',
    backendConfig: { id: 'wasm-1t', backend: 'wasm', threads: 1 },
    status,
    inputDescription: 'test input',
    warmupMs: [],
    samplesMs,
    softwareAdapter: false,
  });

  it('is the median of an ok cell’s samples and undefined for cells without a measurement', () => {
    expect(measuredMedianMs(cell('ok', [4, 1, 3, 2]))).toBe(2.5);
    expect(measuredMedianMs(cell('ok', []))).toBeUndefined();
    expect(measuredMedianMs(cell('failed', [1, 2, 3]))).toBeUndefined();
    expect(measuredMedianMs(cell('skipped', []))).toBeUndefined();
  });
});
