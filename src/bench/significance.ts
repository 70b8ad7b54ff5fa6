// Decides whether two sets of latency samples differ by more than run-to-run noise, so a comparison
// of two benchmark runs can say "slower" only when the data supports it.
//
// The test is Welch's two-sample t-test (two-sided, unequal variances) on the raw samples; the reported
// effect size is the ratio of medians, which is robust to the occasional outlier run.
//
// Degenerate cases, where the t-test is undefined, are decided without it:
// - fewer than 2 samples on either side: no variance estimate, so never significant and pValue is NaN;
// - zero variance on both sides: the samples are exact, so the difference is significant iff the means
//   differ (pValue 0) and not significant otherwise (pValue 1); tStatistic and df are NaN.

import { median } from 'simple-statistics';
import ttest2 from '@stdlib/stats-ttest2';
import { assertValidSamples } from './statistics';

export interface SampleComparison {
  /** median(b) / median(a): above 1 means b is slower. */
  readonly ratio: number;
  readonly pValue: number;
  /** pValue < alpha. */
  readonly significant: boolean;
  readonly test: 'welch-t';
  /** Welch's t for mean(a) − mean(b); NaN in the degenerate cases. */
  readonly tStatistic: number;
  /** Welch–Satterthwaite degrees of freedom; NaN in the degenerate cases. */
  readonly df: number;
}

function assertAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`alpha must be between 0 and 1 (exclusive), got ${alpha}.`);
  }
}

/** Zero variance, tested exactly: a computed variance of identical values can come out as 1e-34, not 0. */
function isConstant(samples: readonly number[]): boolean {
  return samples.every((value) => value === samples[0]);
}

function degenerate(ratio: number, pValue: number, alpha: number): SampleComparison {
  return { ratio, pValue, significant: pValue < alpha, test: 'welch-t', tStatistic: NaN, df: NaN };
}

/** Compares sample `b` with sample `a`. Throws when a side is empty or holds a non-finite value. */
export function compareSamples(a: readonly number[], b: readonly number[], alpha = 0.05): SampleComparison {
  assertAlpha(alpha);
  assertValidSamples(a, 'sample a');
  assertValidSamples(b, 'sample b');
  const ratio = median(b) / median(a);
  if (a.length < 2 || b.length < 2) {
    return degenerate(ratio, NaN, alpha);
  }
  if (isConstant(a) && isConstant(b)) {
    return degenerate(ratio, a[0] === b[0] ? 1 : 0, alpha);
  }
  const result = ttest2(Float64Array.from(a), Float64Array.from(b), {
    alternative: 'two-sided',
    variance: 'unequal',
  });
  return {
    ratio,
    pValue: result.pValue,
    significant: result.pValue < alpha,
    test: 'welch-t',
    tStatistic: result.statistic,
    df: result.df,
  };
}
