// Picks, per model, the backend configuration to ship: the fastest one whose outputs can be trusted,
// with the copy-paste code its runtime gave for it (recorded per cell by the worker). A fast backend
// that computes the wrong answer is never recommended.

import type { BenchCell, Recommendation } from './run-record';
import { measuredMedianMs } from './statistics';

interface Candidate {
  readonly cell: BenchCell;
  readonly medianMs: number;
}

/**
 * Outputs can be trusted when they were checked and are within tolerance, or when the cell is a wasm
 * cell without a check: wasm is the reference the others are compared with, so it agrees with itself.
 */
function agreesWithReference(cell: BenchCell): boolean {
  return cell.agreement === undefined
    ? cell.backendConfig.backend === 'wasm'
    : cell.agreement.withinTolerance;
}

/** Trusted 'ok' cells with samples, fastest median first; ties keep the order of the cells. */
function rankedCandidates(cells: readonly BenchCell[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const cell of cells) {
    const medianMs = measuredMedianMs(cell);
    if (medianMs !== undefined && agreesWithReference(cell)) candidates.push({ cell, medianMs });
  }
  return candidates.sort((a, b) => a.medianMs - b.medianMs);
}

function groupByModel(cells: readonly BenchCell[]): Map<string, BenchCell[]> {
  const byModel = new Map<string, BenchCell[]>();
  for (const cell of cells) {
    const group = byModel.get(cell.modelId);
    if (group === undefined) byModel.set(cell.modelId, [cell]);
    else group.push(cell);
  }
  return byModel;
}

/** For records made before cells carried their runtime's setup code. */
const NO_SNIPPET = '// This run did not record the code that sets up its sessions.';

function formatMs(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}

function reasonText(best: Candidate, runnerUp: Candidate | undefined, trustedCount: number): string {
  if (runnerUp === undefined) {
    return `Median ${formatMs(best.medianMs)}; the only cell whose outputs agree with the reference, so no runner-up.`;
  }
  return (
    `Median ${formatMs(best.medianMs)}, the fastest of ${trustedCount} cells whose outputs agree with the reference; ` +
    `runner-up: ${runnerUp.cell.backendConfig.id} at ${formatMs(runnerUp.medianMs)}.`
  );
}

/** One recommendation per model that has a trusted 'ok' cell, in the order models first appear. */
export function recommend(cells: readonly BenchCell[]): Recommendation[] {
  const recommendations: Recommendation[] = [];
  for (const [modelId, modelCells] of groupByModel(cells)) {
    const ranked = rankedCandidates(modelCells);
    const [best, runnerUp] = ranked;
    if (best === undefined) continue;
    recommendations.push({
      modelId,
      backendConfigId: best.cell.backendConfig.id,
      ...(best.cell.runtimeBuild !== undefined ? { runtimeBuild: best.cell.runtimeBuild } : {}),
      medianMs: best.medianMs,
      reason: reasonText(best, runnerUp, ranked.length),
      snippet: best.cell.setupSnippet ?? NO_SNIPPET,
    });
  }
  return recommendations;
}
