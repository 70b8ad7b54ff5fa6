// Picks, per model, the backend configuration to ship: the simplest one whose outputs can be trusted,
// unless another is faster beyond the noise, with the copy-paste code its runtime gave for it (recorded
// per cell by the worker). A fast backend that computes the wrong answer is never recommended, and a
// median that is lower only within the noise (VAD at 0.30 vs 0.35 ms with overlapping intervals) does not
// buy a more complex configuration: the recommendation says which configurations were tied instead.
//
// "Beyond the noise" compares the distribution-free 95% intervals of the medians (statistics.ts): a
// configuration is beaten when another's interval lies entirely below its own. The ones nobody beats all
// contain the lowest upper bound, so they overlap each other: they are tied, and the simplest of them wins.

import type { BackendId } from '../core/backends';
import type { BenchCell, MedianInterval, Recommendation } from './run-record';
import { measuredMedianMs, medianInterval } from './statistics';

interface Candidate {
  readonly cell: BenchCell;
  readonly medianMs: number;
  /** The median's 95% interval; undefined for a single sample, which is then its own interval. */
  readonly interval: MedianInterval | undefined;
  readonly lowMs: number;
  readonly highMs: number;
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

/** Trusted 'ok' cells with samples. */
function candidates(cells: readonly BenchCell[]): Candidate[] {
  const found: Candidate[] = [];
  for (const cell of cells) {
    const medianMs = measuredMedianMs(cell);
    if (medianMs === undefined || !agreesWithReference(cell)) continue;
    const interval = medianInterval(cell.samplesMs);
    found.push({
      cell,
      medianMs,
      interval,
      lowMs: interval?.lowMs ?? medianMs,
      highMs: interval?.highMs ?? medianMs,
    });
  }
  return found;
}

/** What a deployment has to set up, least first: the CPU, then a GPU, then WebNN. */
const BACKEND_SIMPLICITY: Readonly<Record<BackendId, number>> = { wasm: 0, webgpu: 1, webnn: 2 };

/** How much a configuration departs from the runtime's defaults: an explicit build and each session option. */
function customisations(cell: BenchCell): number {
  const { build, options } = cell.backendConfig;
  return (build !== undefined ? 1 : 0) + Object.keys(options ?? {}).length;
}

/**
 * Simplest first: wasm before WebGPU before WebNN; fewer wasm threads (more need cross-origin isolation and
 * cores); default build and options before custom ones; then by id, so the order of the cells never matters.
 */
function bySimplicity(a: Candidate, b: Candidate): number {
  const configA = a.cell.backendConfig;
  const configB = b.cell.backendConfig;
  const threads = (config: BenchCell['backendConfig']) => (config.backend === 'wasm' ? config.threads : 0);
  return (
    BACKEND_SIMPLICITY[configA.backend] - BACKEND_SIMPLICITY[configB.backend] ||
    threads(configA) - threads(configB) ||
    customisations(a.cell) - customisations(b.cell) ||
    (configA.id < configB.id ? -1 : configA.id > configB.id ? 1 : 0)
  );
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

const formatMs = (ms: number): string => ms.toFixed(2);

/** e.g. "0.30 ms (95% CI of median 0.25–0.36)". */
function medianText(candidate: Candidate): string {
  const range = candidate.interval
    ? ` (95% CI of median ${formatMs(candidate.lowMs)}–${formatMs(candidate.highMs)})`
    : ' (one run, no interval)';
  return `${formatMs(candidate.medianMs)} ms${range}`;
}

function reasonText(best: Candidate, tied: readonly Candidate[], all: readonly Candidate[]): string {
  const fewRuns = all.some((candidate) => (candidate.interval?.coverage ?? 0) < 0.95)
    ? ' Some cells have fewer than 6 runs, so their intervals cover less than 95%.'
    : '';
  if (all.length === 1) {
    return `Median ${medianText(best)}; the only cell whose outputs agree with the reference.${fewRuns}`;
  }
  if (tied.length > 0) {
    return (
      `Median ${medianText(best)}; tied within noise with ${tied
        .map((candidate) => `${candidate.cell.backendConfig.id} at ${medianText(candidate)}`)
        .join(', ')}, so the simplest of them ` +
      `(wasm before GPU backends, fewer threads, default build and options first).${fewRuns}`
    );
  }
  const runnerUp = all
    .filter((candidate) => candidate !== best)
    .sort((a, b) => a.medianMs - b.medianMs || bySimplicity(a, b))[0];
  return (
    `Median ${medianText(best)}, faster beyond the noise than ` +
    `${all.length === 2 ? 'the other cell' : `the other ${all.length - 1} cells`} whose outputs agree with ` +
    `the reference (its interval lies below theirs)` +
    `${runnerUp ? `; runner-up: ${runnerUp.cell.backendConfig.id} at ${medianText(runnerUp)}` : ''}.${fewRuns}`
  );
}

/** One recommendation per model that has a trusted 'ok' cell, in the order models first appear. */
export function recommend(cells: readonly BenchCell[]): Recommendation[] {
  const recommendations: Recommendation[] = [];
  for (const [modelId, modelCells] of groupByModel(cells)) {
    const all = candidates(modelCells);
    if (all.length === 0) continue;
    // Nobody's interval lies entirely below these: each holds the lowest upper bound.
    const lowestHighMs = Math.min(...all.map((candidate) => candidate.highMs));
    const [best, ...tied] = all.filter((candidate) => candidate.lowMs <= lowestHighMs).sort(bySimplicity);
    if (best === undefined) continue;
    recommendations.push({
      modelId,
      backendConfigId: best.cell.backendConfig.id,
      ...(best.cell.runtimeBuild !== undefined ? { runtimeBuild: best.cell.runtimeBuild } : {}),
      medianMs: best.medianMs,
      ...(best.interval !== undefined ? { medianCi95: best.interval } : {}),
      tiedWith: tied.map((candidate) => candidate.cell.backendConfig.id),
      reason: reasonText(best, tied, all),
      snippet: best.cell.setupSnippet ?? NO_SNIPPET,
    });
  }
  return recommendations;
}
