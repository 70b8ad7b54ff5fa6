// A stable hook for automation (Playwright, the benchmark runner): the latest results are published
// on `window.onDeviceLab`, next to the data-testid attributes in the DOM.

import type { BenchReference } from '../bench/bench-runner';
import type { BenchCell, BenchmarkRun } from '../bench/run-record';
import type { OcrTaskResult } from '../tasks/ocr/handle';
import type { VadResult } from '../tasks/vad/vad-pipeline';
import type { TaskResponse } from '../worker/engine-api';

export interface AutomationHook {
  lastOcr?: TaskResponse<OcrTaskResult>;
  lastVad?: TaskResponse<VadResult>;
  lastBenchmark?: BenchmarkRun;
  /** Cells of the benchmark in progress, as they finish (the headless runner prints them). */
  benchCells?: BenchCell[];
  /** Per model, the benchmark input and the wasm reference outputs (for the native reference). */
  benchReferences?: Record<string, BenchReference>;
}

declare global {
  interface Window {
    onDeviceLab?: AutomationHook;
  }
}

export function publishResult<K extends keyof AutomationHook>(key: K, value: AutomationHook[K]): void {
  window.onDeviceLab = { ...window.onDeviceLab, [key]: value };
}
