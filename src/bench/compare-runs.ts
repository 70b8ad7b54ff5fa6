// Lines up two benchmark runs cell by cell (same model, same backend config) and says, per cell, whether
// the candidate got faster, slower or stayed within noise; the CLI gates a build on `regressions`.

import type { BenchCell, BenchmarkRun } from './run-record';
import { compareSamples } from './significance';
import { measuredMedianMs } from './statistics';

/** 'not comparable': a side is not 'ok' or has no samples. */
export type ComparisonVerdict =
  | 'faster'
  | 'slower'
  | 'no significant change'
  | 'missing in baseline'
  | 'missing in candidate'
  | 'not comparable';

export interface CellComparison {
  readonly modelId: string;
  readonly backendConfigId: string;
  /** Present when that side is an 'ok' cell with samples. */
  readonly baselineMedianMs?: number;
  readonly candidateMedianMs?: number;
  /** candidate median / baseline median; present when both sides are comparable. */
  readonly ratio?: number;
  /** Welch's t-test p-value; NaN when a side has fewer than 2 samples (see significance.ts). */
  readonly pValue?: number;
  readonly significant: boolean;
  readonly verdict: ComparisonVerdict;
}

function cellKey(cell: BenchCell): string {
  return `${cell.modelId}\u0000${cell.backendConfig.id}`;
}

function cellsByKey(run: BenchmarkRun): Map<string, BenchCell> {
  const byKey = new Map<string, BenchCell>();
  for (const cell of run.cells) {
    const key = cellKey(cell);
    if (byKey.has(key)) {
      throw new Error(
        `Run "${run.label}" has two cells for model ${cell.modelId} on ${cell.backendConfig.id}; cannot compare it.`,
      );
    }
    byKey.set(key, cell);
  }
  return byKey;
}

function unpairedRow(
  cell: BenchCell,
  verdict: 'missing in baseline' | 'missing in candidate',
): CellComparison {
  const medianMs = measuredMedianMs(cell);
  return {
    modelId: cell.modelId,
    backendConfigId: cell.backendConfig.id,
    ...(verdict === 'missing in baseline' ? { candidateMedianMs: medianMs } : { baselineMedianMs: medianMs }),
    significant: false,
    verdict,
  };
}

function directionOf(ratio: number, significant: boolean): ComparisonVerdict {
  if (significant && ratio > 1) return 'slower';
  if (significant && ratio < 1) return 'faster';
  return 'no significant change';
}

function pairedRow(baseline: BenchCell, candidate: BenchCell, alpha: number): CellComparison {
  const ids = { modelId: baseline.modelId, backendConfigId: baseline.backendConfig.id };
  const baselineMedianMs = measuredMedianMs(baseline);
  const candidateMedianMs = measuredMedianMs(candidate);
  if (baselineMedianMs === undefined || candidateMedianMs === undefined) {
    return { ...ids, baselineMedianMs, candidateMedianMs, significant: false, verdict: 'not comparable' };
  }
  const { ratio, pValue, significant } = compareSamples(baseline.samplesMs, candidate.samplesMs, alpha);
  return {
    ...ids,
    baselineMedianMs,
    candidateMedianMs,
    ratio,
    pValue,
    significant,
    verdict: directionOf(ratio, significant),
  };
}

/**
 * One row per cell of either run: baseline cells in baseline order, then cells only the candidate has.
 * The direction of a significant change follows the ratio of medians.
 */
export function compareRuns(baseline: BenchmarkRun, candidate: BenchmarkRun, alpha = 0.05): CellComparison[] {
  const baselineCells = cellsByKey(baseline);
  const candidateCells = cellsByKey(candidate);
  const rows: CellComparison[] = [];
  for (const [key, baselineCell] of baselineCells) {
    const candidateCell = candidateCells.get(key);
    rows.push(
      candidateCell === undefined
        ? unpairedRow(baselineCell, 'missing in candidate')
        : pairedRow(baselineCell, candidateCell, alpha),
    );
  }
  for (const [key, candidateCell] of candidateCells) {
    if (!baselineCells.has(key)) rows.push(unpairedRow(candidateCell, 'missing in baseline'));
  }
  return rows;
}

/** Rows significantly slower than the baseline by more than `thresholdPct` percent of the baseline median. */
export function regressions(rows: readonly CellComparison[], thresholdPct: number): CellComparison[] {
  if (!(thresholdPct >= 0 && Number.isFinite(thresholdPct))) {
    throw new RangeError(`thresholdPct must be a finite number ≥ 0, got ${thresholdPct}.`);
  }
  return rows.filter(
    // Compared as a ratio, not as (ratio − 1) · 100, which turns 1.1 into 10.000000000000009 %.
    (row) => row.verdict === 'slower' && row.ratio !== undefined && row.ratio > 1 + thresholdPct / 100,
  );
}
