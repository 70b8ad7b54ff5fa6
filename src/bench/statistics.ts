// Descriptive statistics for one benchmark cell's latency samples, so every view, export and comparison
// reports the same numbers computed the same way.
//
// Percentiles use linear interpolation between order statistics (R type 7, numpy's default), which is
// what simple-statistics' `quantile` implements: the p-quantile of n sorted values sits at index (n − 1)·p.
//
// The median gets its own distribution-free 95% interval (the mean's Student-t interval can leave the median
// outside it and go below zero on skewed latencies): order statistics x(k) and x(n − k + 1), with k the
// largest rank for which P(Bin(n, ½) ≤ k − 1) ≤ 2.5%. Its coverage, 1 − 2·P(Bin(n, ½) ≤ k − 1), is exact for
// any continuous distribution and at least 95%. Below 6 samples no pair of order statistics reaches 95%
// (min–max covers 1 − 2·½ⁿ: 93.75% at n = 5), so the interval is min–max with that coverage recorded; a
// single sample has no interval.

import { max, mean, median, min, quantile, sampleStandardDeviation } from 'simple-statistics';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { BenchCell, MedianInterval, SampleStats } from './run-record';

/** Throws unless `samplesMs` holds at least one sample and every sample is a finite number. */
export function assertValidSamples(samplesMs: readonly number[], label = 'samples'): void {
  if (samplesMs.length === 0) {
    throw new Error(`Cannot summarise ${label}: there are no samples.`);
  }
  const badIndex = samplesMs.findIndex((value) => !Number.isFinite(value));
  if (badIndex !== -1) {
    throw new Error(
      `Cannot summarise ${label}: sample ${badIndex} is ${samplesMs[badIndex]}, not a finite number.`,
    );
  }
}

/** Sample standard deviation (n − 1). With a single sample it is undefined; we report 0 so the record stays JSON. */
function stdDev(samplesMs: readonly number[]): number {
  return samplesMs.length < 2 ? 0 : sampleStandardDeviation(samplesMs);
}

/**
 * Half-width of the 95% confidence interval of the mean: t(0.975, n − 1) · s / √n.
 * With a single sample there are no degrees of freedom, so the interval collapses to the mean (half-width 0).
 */
function ci95HalfWidth(samplesMs: readonly number[], sd: number): number {
  const n = samplesMs.length;
  return n < 2 ? 0 : (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
}

/** The 95% level every interval here aims for. */
const LEVEL = 0.95;

/**
 * P(Bin(n, ½) ≤ j) for j = 0 … n, summed in log space so it stays finite for thousands of samples
 * (½ⁿ alone underflows past n ≈ 1074).
 */
function binomialHalfCdf(n: number): number[] {
  const cdf: number[] = [];
  let logPmf = -n * Math.LN2; // log P(B = 0)
  let total = 0;
  for (let j = 0; j <= n; j += 1) {
    if (j > 0) logPmf += Math.log((n - j + 1) / j);
    total += Math.exp(logPmf);
    cdf.push(Math.min(total, 1));
  }
  return cdf;
}

/**
 * Distribution-free 95% interval of the median from the order statistics (see the top of the file);
 * undefined for fewer than two samples. Ranks are 1-based positions in the sorted samples.
 */
export function medianInterval(samplesMs: readonly number[]): MedianInterval | undefined {
  assertValidSamples(samplesMs);
  const n = samplesMs.length;
  if (n < 2) return undefined;
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const cdf = binomialHalfCdf(n);
  // Largest k with 1 − 2·P(B ≤ k − 1) ≥ 95%; k = 1 (min–max) when even that falls short.
  let lowRank = 1;
  while (lowRank < n / 2 && 1 - 2 * (cdf[lowRank] ?? 1) >= LEVEL) lowRank += 1;
  const highRank = n - lowRank + 1;
  return {
    lowMs: sorted[lowRank - 1] ?? Number.NaN,
    highMs: sorted[highRank - 1] ?? Number.NaN,
    lowRank,
    highRank,
    coverage: 1 - 2 * (cdf[lowRank - 1] ?? 0),
  };
}

export function summarize(samplesMs: readonly number[]): SampleStats {
  assertValidSamples(samplesMs);
  const meanMs = mean(samplesMs);
  const stdDevMs = stdDev(samplesMs);
  const halfWidth = ci95HalfWidth(samplesMs, stdDevMs);
  const medianCi95 = medianInterval(samplesMs);
  return {
    count: samplesMs.length,
    meanMs,
    medianMs: quantile(samplesMs, 0.5),
    p90Ms: quantile(samplesMs, 0.9),
    p99Ms: quantile(samplesMs, 0.99),
    minMs: min(samplesMs),
    maxMs: max(samplesMs),
    stdDevMs,
    ci95LowMs: meanMs - halfWidth,
    ci95HighMs: meanMs + halfWidth,
    throughputPerS: 1000 / meanMs,
    ...(medianCi95 !== undefined ? { medianCi95 } : {}),
  };
}

/** Median of an 'ok' cell's raw samples; undefined for a skipped or failed cell or one without samples. */
export function measuredMedianMs(cell: BenchCell): number | undefined {
  return cell.status === 'ok' && cell.samplesMs.length > 0 ? median(cell.samplesMs) : undefined;
}
