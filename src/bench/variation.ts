// Run-to-run variation for `npm run bench -- --repeat K`: the same cells measured in K separate runs,
// so a report can say how much a cell's median moves between runs, not only within one.

import type { BenchCell, BenchmarkRun } from './run-record';
import { measuredMedianMs, summarize } from './statistics';

/** One model on one backend config across the repeated runs. */
export interface CellVariation {
  readonly modelId: string;
  readonly backendConfigId: string;
  /** How many runs were given (K). */
  readonly repeats: number;
  /** Runs in which this cell was 'ok' with samples; the statistics below cover only those. */
  readonly okRepeats: number;
  /** The median of each ok repeat, in run order. */
  readonly mediansMs: readonly number[];
  /** Present when okRepeats ≥ 1. */
  readonly meanMedianMs?: number;
  /** Sample standard deviation (n − 1) of the medians; 0 for a single ok repeat. */
  readonly sdMs?: number;
  /** Coefficient of variation: sdMs / meanMedianMs × 100. */
  readonly cvPct?: number;
  readonly minMedianMs?: number;
  readonly maxMedianMs?: number;
}

/**
 * One entry per (model, backend config) found in any run, in order of first appearance. A cell missing
 * from a run, or not 'ok' there, counts as a repeat that is not ok. Throws when a run has the same
 * model and backend config twice.
 */
export function cellVariation(runs: readonly BenchmarkRun[]): CellVariation[] {
  const groups = new Map<string, { modelId: string; backendConfigId: string; cells: BenchCell[] }>();
  for (const run of runs) {
    const seen = new Set<string>();
    for (const cell of run.cells) {
      const { modelId } = cell;
      const backendConfigId = cell.backendConfig.id;
      const key = JSON.stringify([modelId, backendConfigId]);
      if (seen.has(key)) {
        throw new Error(
          `Run "${run.label}" has two cells for model ${modelId} on ${backendConfigId}; cannot pair its repeats.`,
        );
      }
      seen.add(key);
      const group = groups.get(key) ?? { modelId, backendConfigId, cells: [] };
      group.cells.push(cell);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((group) => variationOf(group, runs.length));
}

function variationOf(
  {
    modelId,
    backendConfigId,
    cells,
  }: { modelId: string; backendConfigId: string; cells: readonly BenchCell[] },
  repeats: number,
): CellVariation {
  const mediansMs = cells.map(measuredMedianMs).filter((medianMs) => medianMs !== undefined);
  const base = { modelId, backendConfigId, repeats, okRepeats: mediansMs.length, mediansMs };
  if (mediansMs.length === 0) return base;
  const stats = summarize(mediansMs);
  return {
    ...base,
    meanMedianMs: stats.meanMs,
    sdMs: stats.stdDevMs,
    cvPct: (stats.stdDevMs / stats.meanMs) * 100,
    minMedianMs: stats.minMs,
    maxMedianMs: stats.maxMs,
  };
}
