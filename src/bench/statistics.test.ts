import { describe, expect, it } from 'vitest';
import type { BenchCell } from './run-record';
import { measuredMedianMs, summarize } from './statistics';

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
