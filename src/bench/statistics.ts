// Descriptive statistics for one benchmark cell's latency samples, so every view, export and comparison
// reports the same numbers computed the same way.
//
// Percentiles use linear interpolation between order statistics (R type 7, numpy's default), which is
// what simple-statistics' `quantile` implements: the p-quantile of n sorted values sits at index (n − 1)·p.

import { max, mean, median, min, quantile, sampleStandardDeviation } from 'simple-statistics';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { BenchCell, SampleStats } from './run-record';

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

export function summarize(samplesMs: readonly number[]): SampleStats {
  assertValidSamples(samplesMs);
  const meanMs = mean(samplesMs);
  const stdDevMs = stdDev(samplesMs);
  const halfWidth = ci95HalfWidth(samplesMs, stdDevMs);
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
  };
}

/** Median of an 'ok' cell's raw samples; undefined for a skipped or failed cell or one without samples. */
export function measuredMedianMs(cell: BenchCell): number | undefined {
  return cell.status === 'ok' && cell.samplesMs.length > 0 ? median(cell.samplesMs) : undefined;
}
