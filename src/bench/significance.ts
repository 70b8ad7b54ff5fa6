// Decides whether a cell got slower or faster on one statistic: the ratio of medians (candidate /
// baseline) and a 95% interval for that same ratio. A change is called only when the whole interval lies
// on one side of 1, so the verdict and the number a person reads can never point in opposite directions
// (Welch's t-test on the means, used before, could: its significance came from the means, its direction
// from the medians, so a tight candidate whose mean fell but whose median rose 10% was reported slower).
//
// Two sources of noise, two intervals:
// - One run per side ('within-run'): a percentile bootstrap of median(candidate) / median(baseline),
//   resampling each side's samples, with a seeded PRNG so the same records give the same interval. It
//   knows only the scatter inside one run, which on a shared machine is far smaller than the spread
//   between runs (README: up to 40%); a gate on it alone fails at random.
// - Several runs on either side ('between-runs', `npm run bench -- --repeat K`, several baseline files,
//   or several saved runs of one setup in the panel): the unit of noise is the run. Each run gives its
//   median; the ratio is the ratio of the geometric means of those medians (with one run per side, the
//   plain ratio of medians), and the interval is Student's t on the difference of the mean log medians,
//   with the variance pooled over the sides that have ≥ 2 runs (a side with one run borrows the other's
//   run-to-run variance). The between-run spread of medians already contains the within-run scatter.

import { median } from 'simple-statistics';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { assertValidSamples } from './statistics';
import { seededRandom } from '../core/seeded-random';

export type IntervalMethod = 'within-run bootstrap' | 'between-run t';

export interface RatioInterval {
  /** Candidate over baseline (ratio of medians, or of geometric means of per-run medians); > 1 is slower. */
  readonly ratio: number;
  /** Bounds of the interval for `ratio`; 0 and Infinity when the data cannot bound it (too few samples or runs). */
  readonly low: number;
  readonly high: number;
  readonly confidence: number;
  readonly method: IntervalMethod;
  readonly baselineRuns: number;
  readonly candidateRuns: number;
}

export interface IntervalOptions {
  /** Default 0.95. */
  readonly confidence?: number;
  /** Bootstrap resamples for the within-run interval; default 2000. */
  readonly resamples?: number;
  /** PRNG seed for the bootstrap; default 1, so an interval is reproducible. */
  readonly seed?: number;
}

function resampledMedian(samples: readonly number[], random: () => number, scratch: number[]): number {
  for (let i = 0; i < samples.length; i++) scratch[i] = samples[Math.floor(random() * samples.length)] ?? NaN;
  return median(scratch);
}

/** The q-quantile of sorted values, linear interpolation (type 7), as statistics.ts computes p90. */
function sortedQuantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const lower = sorted[below] ?? NaN;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] ?? NaN;
  return lower + (upper - lower) * (position - below);
}

function withinRun(
  baseline: readonly number[],
  candidate: readonly number[],
  confidence: number,
  resamples: number,
  seed: number,
): Pick<RatioInterval, 'ratio' | 'low' | 'high'> {
  const ratio = median(candidate) / median(baseline);
  if (baseline.length < 2 || candidate.length < 2) return { ratio, low: 0, high: Infinity };
  const random = seededRandom(seed);
  const scratchB = new Array<number>(baseline.length);
  const scratchC = new Array<number>(candidate.length);
  const ratios = new Float64Array(resamples);
  for (let i = 0; i < resamples; i++) {
    ratios[i] = resampledMedian(candidate, random, scratchC) / resampledMedian(baseline, random, scratchB);
  }
  const sorted = [...ratios].sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  return { ratio, low: sortedQuantile(sorted, tail), high: sortedQuantile(sorted, 1 - tail) };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function sumOfSquares(values: readonly number[]): number {
  const center = mean(values);
  return values.reduce((sum, value) => sum + (value - center) ** 2, 0);
}

function betweenRuns(
  baselineMedians: readonly number[],
  candidateMedians: readonly number[],
  confidence: number,
): Pick<RatioInterval, 'ratio' | 'low' | 'high'> {
  const logB = baselineMedians.map(Math.log);
  const logC = candidateMedians.map(Math.log);
  const difference = mean(logC) - mean(logB);
  const ratio = Math.exp(difference);
  const df = logB.length - 1 + (logC.length - 1);
  if (df < 1) return { ratio, low: 0, high: Infinity };
  const pooledVariance = (sumOfSquares(logB) + sumOfSquares(logC)) / df;
  const standardError = Math.sqrt(pooledVariance * (1 / logB.length + 1 / logC.length));
  const margin = tQuantile(1 - (1 - confidence) / 2, df) * standardError;
  return { ratio, low: Math.exp(difference - margin), high: Math.exp(difference + margin) };
}

function assertRuns(runs: readonly (readonly number[])[], what: string): void {
  if (runs.length === 0) throw new RangeError(`${what} has no runs.`);
  runs.forEach((samples, index) => assertValidSamples(samples, `${what}, run ${index + 1}`));
}

/**
 * The ratio of medians of `candidate` over `baseline` with its interval. Each side is a list of runs, each
 * run its samples (ms). Throws when a side has no runs, or a run is empty or holds a non-finite value.
 */
export function ratioInterval(
  baseline: readonly (readonly number[])[],
  candidate: readonly (readonly number[])[],
  options: IntervalOptions = {},
): RatioInterval {
  const { confidence = 0.95, resamples = 2000, seed = 1 } = options;
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1 (exclusive), got ${confidence}.`);
  }
  if (!(Number.isInteger(resamples) && resamples >= 100)) {
    throw new RangeError(`resamples must be a whole number ≥ 100, got ${resamples}.`);
  }
  assertRuns(baseline, 'baseline');
  assertRuns(candidate, 'candidate');
  const [onlyBaseline] = baseline;
  const [onlyCandidate] = candidate;
  const counts = { confidence, baselineRuns: baseline.length, candidateRuns: candidate.length };
  if (baseline.length === 1 && candidate.length === 1 && onlyBaseline && onlyCandidate) {
    return {
      ...withinRun(onlyBaseline, onlyCandidate, confidence, resamples, seed),
      ...counts,
      method: 'within-run bootstrap',
    };
  }
  return {
    ...betweenRuns(baseline.map(median), candidate.map(median), confidence),
    ...counts,
    method: 'between-run t',
  };
}

/** 'slower' / 'faster' only when the ratio and its whole interval agree on the side of 1. */
export function direction(interval: RatioInterval): 'slower' | 'faster' | 'no significant change' {
  if (interval.ratio > 1 && interval.low > 1) return 'slower';
  if (interval.ratio < 1 && interval.high < 1) return 'faster';
  return 'no significant change';
}

/** "0.95–1.08× (between 3 and 3 runs)": the interval as a report shows it. */
export function intervalText(interval: RatioInterval): string {
  if (!Number.isFinite(interval.high)) return 'no interval (too few samples or runs)';
  const runs =
    interval.method === 'between-run t'
      ? `${interval.baselineRuns} vs ${interval.candidateRuns} runs`
      : 'within one run each';
  return `${Math.round(interval.confidence * 100)}% CI ${interval.low.toFixed(2)}–${interval.high.toFixed(2)}× (${runs})`;
}
