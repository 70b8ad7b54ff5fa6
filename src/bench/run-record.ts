// The benchmark run record: everything one panel run measured, in one JSON-serialisable shape.
// The panel saves, exports, imports and compares it; the headless runner writes it; its JSON Schema
// (schemas/benchmark-run.schema.json) is checked against this file by a unit test.

import type { BackendId } from '../core/backends';

export const RUN_RECORD_SCHEMA = 'on-device-lab/benchmark-run@1';

/** One way of running a model: a backend plus, for wasm, a thread count. Ids look like `wasm-1t`, `webgpu`. */
export interface BackendConfig {
  readonly id: string;
  readonly backend: BackendId;
  readonly threads: number;
}

export interface SampleStats {
  readonly count: number;
  readonly meanMs: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Sample standard deviation (n − 1). */
  readonly stdDevMs: number;
  /** 95% confidence interval of the mean (Student's t). */
  readonly ci95LowMs: number;
  readonly ci95HighMs: number;
  /** Inferences per second at the mean latency. */
  readonly throughputPerS: number;
}

/** Numeric agreement of one output tensor with the wasm reference on the same input. */
export interface TensorAgreement {
  readonly output: string;
  readonly maxAbsDiff: number;
  readonly meanAbsDiff: number;
  readonly cosineSimilarity: number;
  /** NaN and ±Infinity values in this backend's output. */
  readonly nonFiniteCount: number;
}

export interface OutputAgreement {
  /** The cell the outputs were compared with (a wasm cell of the same model). */
  readonly referenceBackendId: string;
  readonly tensors: readonly TensorAgreement[];
  /** The task-level verdict in words, e.g. "same text: 'Hello'" or "312 of 313 frames agree". */
  readonly taskLevel: string;
  readonly taskLevelAgrees: boolean;
  readonly tolerance: number;
  /** False when any tensor's maxAbsDiff exceeds the tolerance, any value is non-finite, or the task level disagrees. */
  readonly withinTolerance: boolean;
}

/** Which execution provider ORT gave each node (from ORT's verbose session log). */
export interface NodePlacement {
  readonly providers: ReadonlyArray<{
    readonly provider: string;
    readonly nodeCount: number;
    /** Operator type → count, e.g. { Conv: 12, Relu: 10 }. */
    readonly opCounts: Readonly<Record<string, number>>;
  }>;
  /** Nodes that ran on the CPU while another provider was requested. */
  readonly cpuFallbackNodes: number;
}

/** Time per operator type from ORT's profiler over the profiled runs. */
export interface OperatorTime {
  readonly opType: string;
  readonly provider: string;
  readonly totalMs: number;
  readonly calls: number;
}

export interface MemoryReading {
  /** Bytes from performance.measureUserAgentSpecificMemory (page + workers), when the browser exposes it. */
  readonly beforeBytes?: number;
  readonly afterBytes?: number;
  /** How the numbers were taken, e.g. "measureUserAgentSpecificMemory" or why there are none. */
  readonly method: string;
}

export type CellStatus = 'ok' | 'skipped' | 'failed';

export interface BenchCell {
  readonly modelId: string;
  readonly backendConfig: BackendConfig;
  readonly status: CellStatus;
  /** Why the cell was skipped or failed. */
  readonly reason?: string;
  /** The input used, in words, e.g. "640×640 rendered text" or "10 s speech, 512-sample frames". */
  readonly inputDescription: string;
  readonly phases?: {
    readonly fetchMs: number;
    readonly fetchSource: 'network' | 'http-cache' | 'memory';
    readonly createSessionMs: number;
    readonly firstInferenceMs: number;
  };
  /** Raw samples in run order, output read-back included. */
  readonly warmupMs: readonly number[];
  readonly samplesMs: readonly number[];
  readonly stats?: SampleStats;
  readonly agreement?: OutputAgreement;
  readonly placement?: NodePlacement;
  readonly operatorTimes?: readonly OperatorTime[];
  readonly memory?: MemoryReading;
  /** The backend ran on a software GPU adapter (SwiftShader, llvmpipe): not representative of a real GPU. */
  readonly softwareAdapter: boolean;
}

export interface BenchEnvironment {
  readonly userAgent: string;
  readonly hardwareConcurrency: number;
  readonly crossOriginIsolated: boolean;
  readonly webgpu: {
    readonly available: boolean;
    readonly reason?: string;
    readonly vendor?: string;
    readonly architecture?: string;
    readonly description?: string;
    readonly software?: boolean;
    readonly shaderF16?: boolean;
    readonly features?: readonly string[];
  };
  readonly webnn: { readonly available: boolean; readonly reason?: string };
  readonly libraries: Readonly<Record<string, string>>;
  /** Model id → sha256 of its model file. */
  readonly modelSha256: Readonly<Record<string, string>>;
}

export interface BenchConfig {
  readonly modelIds: readonly string[];
  readonly backendConfigIds: readonly string[];
  readonly warmupRuns: number;
  /** Steady-state runs per cell; with a time budget, the most runs to make. */
  readonly runs: number;
  /** When set, a cell stops measuring after this many milliseconds of steady-state runs. */
  readonly timeBudgetMs?: number;
  readonly measureMemory: boolean;
  readonly profileOperators: boolean;
  /** Longer side of the OCR detection input, in pixels (640 by default). */
  readonly detectionSizePx: number;
}

export interface Recommendation {
  readonly modelId: string;
  readonly backendConfigId: string;
  readonly medianMs: number;
  /** Why this cell: fastest median among cells whose outputs agree with the reference. */
  readonly reason: string;
  /** Copy-paste code that reproduces the configuration. */
  readonly snippet: string;
}

/** One model on onnxruntime-node (CPU), the headless runner's native reference (`--native`). */
export interface NativeCell {
  readonly modelId: string;
  /** CPU threads onnxruntime-node used: the thread count of the browser wasm cells it is compared with. */
  readonly threads: number;
  readonly status: CellStatus;
  readonly reason?: string;
  readonly samplesMs: readonly number[];
  readonly stats?: SampleStats;
  /** Native outputs compared with the browser's wasm reference on the same input. */
  readonly agreement?: OutputAgreement;
}

export interface NativeReference {
  /** e.g. "onnxruntime-node 1.30.0". */
  readonly runtime: string;
  /** One cell per model and wasm thread count of the browser run. */
  readonly cells: readonly NativeCell[];
}

export interface BenchmarkRun {
  readonly schema: typeof RUN_RECORD_SCHEMA;
  readonly id: string;
  readonly label: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly config: BenchConfig;
  readonly environment: BenchEnvironment;
  readonly cells: readonly BenchCell[];
  readonly recommendations: readonly Recommendation[];
  readonly mainThread: { readonly longTaskCount: number; readonly longestLongTaskMs: number };
  /** The run was cancelled before every cell finished. */
  readonly cancelled: boolean;
  /** The same models on onnxruntime-node, when the headless runner was asked for it. */
  readonly native?: NativeReference;
}
