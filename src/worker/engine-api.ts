// The interface between the UI and inference. The UI only ever holds an `Engine`; the worker-backed
// implementation (worker-engine.ts) and the in-process one (local-engine.ts) both satisfy it, so
// tests, the benchmark runner and the app share one contract.

import type { BackendId } from '../core/backends';
import type { Capabilities } from '../runtimes/capabilities';
import type { OcrResult } from '../tasks/ocr/ocr-pipeline';
import type { VadResult } from '../tasks/vad/vad-pipeline';
import type { SileroVariant } from '../tasks/vad/silero';
import type { BenchCellRequest, BenchCellResult, BenchProgress } from './cell-runner';

export interface EngineProgress {
  /** What is happening, e.g. "Downloading ppocr-v4-rec/model.onnx" or "Recognising line 3 of 9". */
  readonly message: string;
  /** 0..1 when the amount of work is known. */
  readonly fraction?: number;
}

export type ProgressListener = (progress: EngineProgress) => void;

/** How one model got ready for a run: download, integrity check and session creation. */
export interface ModelLoadReport {
  readonly modelId: string;
  readonly backend: BackendId;
  readonly bytes: number;
  readonly fetchMs: number;
  readonly createMs: number;
  /** The session already existed from an earlier run on this backend. */
  readonly reusedSession: boolean;
}

export interface RuntimeInfo {
  readonly runtime: string;
  readonly runtimeVersion: string;
  readonly threads: number;
  readonly crossOriginIsolated: boolean;
}

export interface OcrRequest {
  readonly backend: BackendId;
  readonly image: Blob;
  readonly fileName: string;
  readonly useAngleClassifier: boolean;
}

export interface OcrResponse {
  readonly result: OcrResult;
  readonly imageSize: { readonly width: number; readonly height: number };
  readonly loads: readonly ModelLoadReport[];
  readonly runtime: RuntimeInfo;
  readonly backend: BackendId;
}

export interface VadRequest {
  readonly backend: BackendId;
  readonly modelId: SileroVariant;
  /** Mono samples at `sampleRate`; the engine resamples to 16 kHz. */
  readonly samples: Float32Array;
  readonly sampleRate: number;
}

export interface VadResponse {
  readonly result: VadResult;
  readonly loads: readonly ModelLoadReport[];
  readonly runtime: RuntimeInfo;
  readonly backend: BackendId;
}

export interface Engine {
  capabilities(): Promise<Capabilities>;
  runtimeInfo(): Promise<RuntimeInfo>;
  recognizeText(request: OcrRequest, onProgress?: ProgressListener): Promise<OcrResponse>;
  detectSpeech(request: VadRequest, onProgress?: ProgressListener): Promise<VadResponse>;
  /** Measures one benchmark cell (see src/bench/cell-runner.ts). */
  benchmarkCell(
    request: BenchCellRequest,
    onProgress?: (progress: BenchProgress) => void,
  ): Promise<BenchCellResult>;
  /** Makes a running benchmarkCell stop at its next inference; the cell comes back skipped ("cancelled"). */
  cancelBenchmark(): Promise<void>;
  /** Frees every session (and its GPU buffers). */
  releaseSessions(): Promise<void>;
}

export interface EngineOptions {
  /** wasm threads; fixed for the engine's lifetime because ORT reads it once. */
  readonly threads: number;
  /** Absolute URL the app is served from (models/ and ort/ live below it). */
  readonly appBaseUrl: string;
}
