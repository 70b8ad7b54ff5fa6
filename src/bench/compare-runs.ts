// Lines up benchmark runs cell by cell (same model, same backend config) and says, per cell, whether the
// candidate got faster, slower or stayed within noise; the CLI gates a build on `regressions`. Either side
// may be several runs of one setup (`--repeat K`, several baseline files, saved runs in the panel): then
// the run-to-run spread of the medians is the noise (see significance.ts).

import { median } from 'simple-statistics';
import type { BenchCell, BenchmarkRun } from './run-record';
import { direction, ratioInterval, type RatioInterval } from './significance';
import { measuredMedianMs } from './statistics';

/** 'not comparable': a side has no 'ok' cell with samples in any of its runs. */
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
  /** Median of the side's ok samples (one run) or of its per-run medians (several); present when it has any. */
  readonly baselineMedianMs?: number;
  readonly candidateMedianMs?: number;
  /** candidate over baseline (the interval's ratio); present when both sides are comparable. */
  readonly ratio?: number;
  /** The 95% interval of `ratio`; present with it. */
  readonly interval?: RatioInterval;
  /** The interval lies wholly on one side of 1. */
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

/** Every cell of a side's runs, grouped by key in order of first appearance. */
function cellsOfSide(runs: readonly BenchmarkRun[]): Map<string, BenchCell[]> {
  const byKey = new Map<string, BenchCell[]>();
  for (const run of runs) {
    for (const [key, cell] of cellsByKey(run)) byKey.set(key, [...(byKey.get(key) ?? []), cell]);
  }
  return byKey;
}

/** The ok cells' samples, one array per run. */
function okSamples(cells: readonly BenchCell[]): number[][] {
  return cells.filter((cell) => measuredMedianMs(cell) !== undefined).map((cell) => [...cell.samplesMs]);
}

/** One run: the median of its samples; several: the median of their medians. */
function sideMedianMs(cells: readonly BenchCell[]): number | undefined {
  const medians = cells.map(measuredMedianMs).filter((value) => value !== undefined);
  return medians.length === 0 ? undefined : median(medians);
}

function unpairedRow(
  cells: readonly BenchCell[],
  verdict: 'missing in baseline' | 'missing in candidate',
): CellComparison {
  const [first] = cells;
  const medianMs = sideMedianMs(cells);
  return {
    modelId: first?.modelId ?? '',
    backendConfigId: first?.backendConfig.id ?? '',
    ...(verdict === 'missing in baseline' ? { candidateMedianMs: medianMs } : { baselineMedianMs: medianMs }),
    significant: false,
    verdict,
  };
}

function pairedRow(baseline: readonly BenchCell[], candidate: readonly BenchCell[]): CellComparison {
  const [first] = baseline;
  const ids = { modelId: first?.modelId ?? '', backendConfigId: first?.backendConfig.id ?? '' };
  const baselineMedianMs = sideMedianMs(baseline);
  const candidateMedianMs = sideMedianMs(candidate);
  if (baselineMedianMs === undefined || candidateMedianMs === undefined) {
    return { ...ids, baselineMedianMs, candidateMedianMs, significant: false, verdict: 'not comparable' };
  }
  const interval = ratioInterval(okSamples(baseline), okSamples(candidate));
  const verdict = direction(interval);
  return {
    ...ids,
    baselineMedianMs,
    candidateMedianMs,
    ratio: interval.ratio,
    interval,
    significant: verdict !== 'no significant change',
    verdict,
  };
}

const asRuns = (side: BenchmarkRun | readonly BenchmarkRun[]): readonly BenchmarkRun[] =>
  'cells' in side ? [side] : side;

/**
 * One row per cell of either side: baseline cells in baseline order, then cells only the candidate has.
 * Each side is one run or several runs of the same setup.
 */
export function compareRuns(
  baseline: BenchmarkRun | readonly BenchmarkRun[],
  candidate: BenchmarkRun | readonly BenchmarkRun[],
): CellComparison[] {
  const baselineCells = cellsOfSide(asRuns(baseline));
  const candidateCells = cellsOfSide(asRuns(candidate));
  const rows: CellComparison[] = [];
  for (const [key, cells] of baselineCells) {
    const candidateSide = candidateCells.get(key);
    rows.push(
      candidateSide === undefined
        ? unpairedRow(cells, 'missing in candidate')
        : pairedRow(cells, candidateSide),
    );
  }
  for (const [key, cells] of candidateCells) {
    if (!baselineCells.has(key)) rows.push(unpairedRow(cells, 'missing in baseline'));
  }
  return rows;
}

/**
 * The gate: rows whose interval lies wholly above 1 ('slower') and whose ratio exceeds 1 + thresholdPct/100,
 * i.e. a slowdown that is both real and larger than the threshold.
 */
export function regressions(rows: readonly CellComparison[], thresholdPct: number): CellComparison[] {
  if (!(thresholdPct >= 0 && Number.isFinite(thresholdPct))) {
    throw new RangeError(`thresholdPct must be a finite number ≥ 0, got ${thresholdPct}.`);
  }
  return rows.filter(
    // Compared as a ratio, not as (ratio − 1) · 100, which turns 1.1 into 10.000000000000009 %.
    (row) => row.verdict === 'slower' && row.ratio !== undefined && row.ratio > 1 + thresholdPct / 100,
  );
}
