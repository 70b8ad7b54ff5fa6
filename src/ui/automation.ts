// A stable hook for automation (Playwright, the benchmark runner): the latest results are published
// on `window.onDeviceLab`, next to the data-testid attributes in the DOM, and finished benchmark cells
// are announced to a runner that exposed CELL_FINISHED_BINDING.

import type { BenchReference } from '../bench/bench-runner';
import { CELL_FINISHED_BINDING, cellNotice, type CellNotice } from '../bench/cell-notice';
import type { BenchCell, BenchmarkRun } from '../bench/run-record';
import type { ImageClassificationResult } from '../tasks/image-classification/handle';
import type { OcrTaskResult } from '../tasks/ocr/handle';
import type { SemanticSearchResult } from '../tasks/semantic-search/handle';
import type { TextClassificationResult } from '../tasks/text-classification/handle';
import type { TextGenerationResult } from '../tasks/text-generation/handle';
import type { VadResult } from '../tasks/vad/vad-pipeline';
import type { ModelLoadReport, OptimizeRequest, OptimizeResponse, TaskResponse } from '../worker/engine-api';

/** Milestones of the page's first minutes, in ms since navigation, each recorded once. */
export interface ColdStartMarks {
  /** The inference worker is up and has reported its capabilities. */
  engineReady?: number;
  /** The current task's models are loaded (prepared while the page was idle). */
  prepared?: number;
  /** The first task result arrived. */
  firstResult?: number;
  /** How each model got ready while preparing: download (or cache) and session creation. */
  preparedLoads?: readonly ModelLoadReport[];
}

export interface AutomationHook {
  coldStart?: ColdStartMarks;
  lastOcr?: TaskResponse<OcrTaskResult>;
  lastVad?: TaskResponse<VadResult>;
  lastTextClassification?: TaskResponse<TextClassificationResult>;
  lastSearch?: TaskResponse<SemanticSearchResult>;
  lastGeneration?: TaskResponse<TextGenerationResult>;
  lastImageClassification?: TaskResponse<ImageClassificationResult>;
  lastBenchmark?: BenchmarkRun;
  /** The variant the Optimize view made last. */
  lastOptimize?: OptimizeResponse;
  /**
   * The engine's optimize, for `npm run optimize` driving this page (Playwright's page.evaluate): the
   * response carries the variant's bytes, which the CLI writes with writeVariantToModelsDir. Set once
   * the inference worker has started.
   */
  optimize?: (request: OptimizeRequest) => Promise<OptimizeResponse>;
  /** Per model, the benchmark input and the wasm reference outputs (for the native reference). */
  benchReferences?: Record<string, BenchReference>;
}

declare global {
  interface Window {
    onDeviceLab?: AutomationHook;
    [CELL_FINISHED_BINDING]?: (notice: CellNotice) => Promise<void>;
  }
}

const TASK_RESULTS: ReadonlyArray<keyof AutomationHook> = [
  'lastOcr',
  'lastVad',
  'lastTextClassification',
  'lastSearch',
  'lastImageClassification',
  'lastGeneration',
];

export function publishResult<K extends keyof AutomationHook>(key: K, value: AutomationHook[K]): void {
  window.onDeviceLab = { ...window.onDeviceLab, [key]: value };
  if (TASK_RESULTS.includes(key)) markColdStart('firstResult');
}

/** Tells the headless runner, if it listens, that a cell finished: a small notice, no raw samples. */
export function announceCell(cell: BenchCell, index: number): void {
  void window[CELL_FINISHED_BINDING]?.(cellNotice(cell, index));
}

/** Records a cold-start milestone the first time it happens (later ones are not cold). */
export function markColdStart(
  mark: 'engineReady' | 'prepared' | 'firstResult',
  loads?: readonly ModelLoadReport[],
): void {
  const marks = window.onDeviceLab?.coldStart ?? {};
  if (marks[mark] !== undefined) return;
  publishResult('coldStart', {
    ...marks,
    [mark]: performance.now(),
    ...(mark === 'prepared' && loads ? { preparedLoads: loads } : {}),
  });
}
