// The interface between the UI and inference. The UI only ever holds an `Engine`; the worker-backed
// implementation (src/client/worker-engine.ts) and the in-process one (local-engine.ts) both satisfy
// it, so tests, the benchmark runner and the app share one contract. Tasks are run through one
// generic entry point, typed by the task's handle: a new task adds nothing here.

import type { BackendId } from '../core/backends';
import type { FileRead, ModelRecord } from '../catalog/model-record';
import type { ProgressListener } from '../core/progress';
import type { FetchedFile } from '../catalog/model-store';
import type { Capabilities } from '../runtimes/capabilities';
import type { CachedRemoteFile } from '../runtimes/pipeline-runtime';
import type { CalibrationOptions, OptimizeMethod, OptimizeReport } from '../optimizer/optimize';
import type { TaskHandle, TaskRequestBase } from '../task-kit/task';
import type { BenchCellRequest, BenchCellResult, BenchProgress } from './cell-runner';

/** How one model got ready for a run: download, integrity check and session creation. */
export interface ModelLoadReport {
  readonly modelId: string;
  readonly backend: BackendId;
  readonly bytes: number;
  readonly fetchMs: number;
  /** Where the model's bytes came from (absent when the session was reused). */
  readonly source?: FetchedFile['source'];
  readonly createMs: number;
  /** The session already existed from an earlier run on this backend. */
  readonly reusedSession: boolean;
  /** A pipeline load's files, each with its sha256 (verified against the record, or only computed for a
   * Hub model) and, for a Hub model, whether the Hub cache had it. */
  readonly files?: readonly FileRead[];
}

/** The Hub switch and cache as the engine sees them. */
export interface HubCacheReport {
  readonly host: string;
  readonly enabled: boolean;
  /** Files in the browser's Hub cache. */
  readonly files: readonly CachedRemoteFile[];
  /** The last Hub model load of this engine: each file read, hit or miss. */
  readonly lastLoad?: { readonly modelId: string; readonly files: readonly FileRead[] };
}

export interface RuntimeInfo {
  readonly runtime: string;
  readonly runtimeVersion: string;
  readonly threads: number;
  readonly crossOriginIsolated: boolean;
}

/** A task's result with what it took to get there. */
export interface TaskResponse<Result> {
  readonly result: Result;
  readonly loads: readonly ModelLoadReport[];
  readonly runtime: RuntimeInfo;
  readonly backend: BackendId;
}

/** A variant to make of a catalog model (see src/optimizer). */
export interface OptimizeRequest {
  /** The model to optimize: an ONNX Runtime session model that is not itself a variant. */
  readonly modelId: string;
  readonly method: OptimizeMethod;
  /** int8-static only: how ranges are found, and how many of the task's calibration inputs to run. */
  readonly calibration?: CalibrationOptions & { readonly samples: number };
  /** Also return the variant's bytes (for `npm run optimize`, which writes them to public/models/). */
  readonly returnBytes?: boolean;
}

/** A model the engine can make variants of, and the methods it refuses for it, each with why. */
export interface OptimizeChoice {
  readonly modelId: string;
  /** Method → why it is refused; a method not named here is offered. */
  readonly refused: Readonly<Partial<Record<OptimizeMethod, string>>>;
}

export interface OptimizeResponse {
  /** The variant's catalog record, lineage included, as saved in this browser. */
  readonly record: ModelRecord;
  readonly report: OptimizeReport;
  /** Size of the parent's file it was made from, for "before → after". */
  readonly parentBytes: number;
  readonly optimizeMs: number;
  /** The variant's model file, when the request asked for it. */
  readonly bytes?: Uint8Array;
}

export interface Engine {
  capabilities(): Promise<Capabilities>;
  runtimeInfo(): Promise<RuntimeInfo>;
  /** Every model the engine's catalog knows: the built-in ones, then those `npm run models:fetch` added. */
  models(): Promise<readonly ModelRecord[]>;
  /** Runs a task (see src/tasks/) on the request's backend. */
  run<Request extends TaskRequestBase, Result>(
    task: TaskHandle<Request, Result>,
    request: Request,
    onProgress?: ProgressListener,
  ): Promise<TaskResponse<Result>>;
  /**
   * Loads what a run of the task like `request` will need (sessions on its backend, files), so the run
   * itself starts at once; reports each model load. A run asked for meanwhile waits for the same loads.
   */
  prepare<Request extends TaskRequestBase, Result>(
    task: TaskHandle<Request, Result>,
    request: Partial<Request> & TaskRequestBase,
    onProgress?: ProgressListener,
  ): Promise<readonly ModelLoadReport[]>;
  /** Measures one benchmark cell (see cell-runner.ts). `whileLoaded` runs once after the steady runs,
   * with the session still alive, and the cell waits for it (the page reads memory there). */
  benchmarkCell(
    request: BenchCellRequest,
    onProgress?: (progress: BenchProgress) => void,
    whileLoaded?: () => Promise<void>,
  ): Promise<BenchCellResult>;
  /** Makes a running benchmarkCell stop at its next inference; the cell comes back skipped ("cancelled"). */
  cancelBenchmark(): Promise<void>;
  /** Frees every session (and its GPU buffers). */
  releaseSessions(): Promise<void>;
  /** Switches Hub models on or off (off by default: then no request leaves the page's origin). */
  setHubEnabled(enabled: boolean): Promise<void>;
  /**
   * Adds a Hub model for this session from "owner/name[@revision]", for a task's models of kind `task`
   * (e.g. "text-classification"), and returns its record. Refuses with NetworkBlockedError while the
   * Hub is off, InvalidInputError for a malformed id. Nothing is downloaded until a task loads it.
   */
  addHubModel(input: string, task: string): Promise<ModelRecord>;
  hubCache(): Promise<HubCacheReport>;
  clearHubCache(): Promise<void>;
  /**
   * Makes a variant of a model (fp16, int8 dynamic or static, 4-bit) on wasm, validates it with a
   * session, saves it in this browser (IndexedDB) and adds it to the catalog, replacing an earlier
   * variant of the same model and method. Refuses with InvalidInputError, naming the reason, when the
   * method cannot apply (a pipeline model, a variant, int8-static without the task's calibration data).
   */
  optimize(request: OptimizeRequest, onProgress?: ProgressListener): Promise<OptimizeResponse>;
  /** Forgets a variant made in this browser: its record, its bytes and its sessions. */
  deleteVariant(id: string): Promise<void>;
  /** The catalog's models the engine can make variants of, with the methods it refuses and why. */
  optimizeChoices(): Promise<readonly OptimizeChoice[]>;
}

export interface EngineOptions {
  /** wasm threads; fixed for the engine's lifetime because ORT reads it once. */
  readonly threads: number;
  /** Absolute URL the app is served from (models/ and ort/ live below it). */
  readonly appBaseUrl: string;
}
