// The exit code of `npm run bench`, decided by one pure function so a pipeline can rely on it and a test
// can pin it: which gated cells have a problem (failed, disagree with their reference, missing), and what
// the code is given those, the setup differences and the regressions.

import type { CellComparison } from '../../src/bench/compare-runs';
import type { BenchmarkRun } from '../../src/bench/run-record';
import type { SetupDifference } from '../../src/bench/setup-differences';

/** Documented in README ("Exit codes") and in `--help`. */
export const EXIT_CODES = {
  pass: 0,
  regression: 1,
  usage: 2,
  cellProblem: 3,
  notComparable: 4,
} as const;

export interface CellProblem {
  readonly modelId: string;
  readonly backendConfigId: string;
  readonly problem: string;
}

/**
 * Problems of the gated cells (those the baseline measured, 'ok', in some run) in the candidate runs: missing
 * from every candidate run, not 'ok' in one of them, or outputs outside the tolerance of their reference.
 */
export function gatedCellProblems(
  comparison: readonly CellComparison[],
  candidates: readonly BenchmarkRun[],
): CellProblem[] {
  const problems: CellProblem[] = [];
  for (const row of comparison) {
    if (row.baselineMedianMs === undefined) continue;
    const { modelId, backendConfigId } = row;
    const add = (problem: string) => problems.push({ modelId, backendConfigId, problem });
    if (row.verdict === 'missing in candidate') {
      add('missing from the candidate');
      continue;
    }
    candidates.forEach((run, index) => {
      const cell = run.cells.find((c) => c.modelId === modelId && c.backendConfig.id === backendConfigId);
      const where = candidates.length > 1 ? ` in repeat ${index + 1}` : '';
      if (!cell) add(`missing${where}`);
      else if (cell.status !== 'ok') add(`${cell.status}${where}: ${cell.reason ?? 'no reason given'}`);
      else if (cell.agreement && !cell.agreement.withinTolerance)
        add(
          `outputs disagree with ${cell.agreement.referenceBackendId}${where} (${cell.agreement.taskLevel})`,
        );
    });
  }
  return problems;
}

/**
 * 4 when a refusing setup difference stands (not overridden by --allow-different-setup), else 3 when a gated
 * cell has a problem, else 1 on a regression, else 0.
 */
export function gateExitCode(outcome: {
  readonly differences: readonly SetupDifference[];
  readonly allowDifferentSetup: boolean;
  readonly cellProblems: readonly CellProblem[];
  readonly regressions: readonly CellComparison[];
}): number {
  const refused = outcome.differences.some((difference) => difference.severity === 'refuse');
  if (refused && !outcome.allowDifferentSetup) return EXIT_CODES.notComparable;
  if (outcome.cellProblems.length > 0) return EXIT_CODES.cellProblem;
  if (outcome.regressions.length > 0) return EXIT_CODES.regression;
  return EXIT_CODES.pass;
}
