// The benchmark run record: everything one panel run measured, in one JSON-serialisable shape. The panel
// saves, exports, imports and compares it; the headless runner writes it. Defined once, as TypeBox
// schemas: the types here are their static types, src/bench/record-schema.ts validates with them, and
// schemas/benchmark-run.schema.json is generated from BenchmarkRunSchema (`npm run schema:write`). The
// parts lower layers produce (backend config, runtime diagnostics, the worker's measurement) are defined
// in those layers and composed here.

import { Type } from '@sinclair/typebox';
import { BackendConfigSchema } from '../core/backend-config';
import type { ReadonlyStatic } from '../core/readonly-static';
import { OutputAgreementSchema } from '../task-kit/agreement-record';
import { EvaluationRecordSchema } from '../task-kit/evaluation-record';
import { CellMeasurementSchema, CellStatusSchema } from '../worker/cell-measurement';

export type { BackendConfig } from '../core/backend-config';
export type { NodePlacement, OperatorTime } from '../runtimes/diagnostics';
export type { CellStatus } from '../worker/cell-measurement';
export type { OutputAgreement, TensorAgreement } from '../task-kit/agreement-record';
export type { EvaluationRecord } from '../task-kit/evaluation-record';

export const RUN_RECORD_SCHEMA = 'on-device-lab/benchmark-run@1';

const count = Type.Integer({ minimum: 0 });
const durationMs = Type.Number({ minimum: 0 });
const stringList = Type.Array(Type.String());

const MedianIntervalSchema = Type.Object(
  {
    lowMs: durationMs,
    highMs: durationMs,
    lowRank: Type.Integer({ minimum: 1, description: '1-based rank of lowMs among the sorted samples.' }),
    highRank: Type.Integer({ minimum: 1, description: '1-based rank of highMs among the sorted samples.' }),
    coverage: Type.Number({
      minimum: 0,
      maximum: 1,
      description:
        'Probability that the interval holds the true median: 1 − 2·P(Bin(n, ½) < lowRank). At least 0.95 from 6 samples on; below that the interval is min–max and covers less (0.9375 at n = 5).',
    }),
  },
  {
    additionalProperties: false,
    description:
      'Distribution-free 95% confidence interval of the median from order statistics (binomial ranks). Absent for a single sample and in records made before it existed.',
  },
);

export type MedianInterval = ReadonlyStatic<typeof MedianIntervalSchema>;

const SampleStatsSchema = Type.Object(
  {
    count,
    meanMs: durationMs,
    medianMs: durationMs,
    p90Ms: durationMs,
    p99Ms: durationMs,
    minMs: durationMs,
    maxMs: durationMs,
    stdDevMs: Type.Number({ minimum: 0, description: 'Sample standard deviation (n − 1).' }),
    ci95LowMs: Type.Number({
      description:
        "Low end of the 95% confidence interval of the MEAN (Student's t), not of the median (see medianCi95). May be negative for few, widely spread samples.",
    }),
    ci95HighMs: Type.Number({
      description: "High end of the 95% confidence interval of the mean (Student's t).",
    }),
    throughputPerS: Type.Number({ minimum: 0, description: 'Inferences per second at the mean latency.' }),
    medianCi95: Type.Optional(MedianIntervalSchema),
  },
  { additionalProperties: false },
);

export type SampleStats = ReadonlyStatic<typeof SampleStatsSchema>;

const MemoryReadingSchema = Type.Object(
  {
    beforeBytes: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          'Bytes from performance.measureUserAgentSpecificMemory (page + workers) before the cell, when the browser exposes it.',
      }),
    ),
    loadedBytes: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          'The same reading after the steady runs, with the session (or pipeline) still alive: the worker waits for it.',
      }),
    ),
    releasedBytes: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'The same reading after the cell, every session of it released.',
      }),
    ),
    afterBytes: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'Records from before loadedBytes: the reading after the cell (now releasedBytes).',
      }),
    ),
    wasmHeapBytes: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          "The worker's ONNX Runtime WASM heap(s) with the session alive (WebAssembly.Memory buffer sizes; a heap never shrinks).",
      }),
    ),
    method: Type.String({
      description: 'How the numbers were taken, e.g. "measureUserAgentSpecificMemory" or why there are none.',
    }),
  },
  { additionalProperties: false },
);

export type MemoryReading = ReadonlyStatic<typeof MemoryReadingSchema>;

const BenchCellSchema = Type.Object(
  {
    modelId: Type.String({ minLength: 1 }),
    backendConfig: BackendConfigSchema,
    ...CellMeasurementSchema.properties,
    stats: Type.Optional(SampleStatsSchema),
    agreement: Type.Optional(OutputAgreementSchema),
    evaluation: Type.Optional(EvaluationRecordSchema),
    memory: Type.Optional(MemoryReadingSchema),
  },
  {
    additionalProperties: false,
    description:
      "One model on one backend config: the worker's measurement plus statistics, agreement and memory.",
  },
);

export type BenchCell = ReadonlyStatic<typeof BenchCellSchema>;

const BenchEnvironmentSchema = Type.Object(
  {
    userAgent: Type.String(),
    hardwareConcurrency: count,
    crossOriginIsolated: Type.Boolean(),
    webgpu: Type.Object(
      {
        available: Type.Boolean(),
        reason: Type.Optional(Type.String()),
        vendor: Type.Optional(Type.String()),
        architecture: Type.Optional(Type.String()),
        description: Type.Optional(Type.String()),
        software: Type.Optional(Type.Boolean()),
        shaderF16: Type.Optional(Type.Boolean()),
        features: Type.Optional(stringList),
      },
      { additionalProperties: false },
    ),
    webnn: Type.Object(
      { available: Type.Boolean(), reason: Type.Optional(Type.String()) },
      { additionalProperties: false },
    ),
    libraries: Type.Unsafe<Record<string, string>>({
      type: 'object',
      description: 'Library name → version.',
      additionalProperties: Type.String(),
    }),
    modelSha256: Type.Unsafe<Record<string, string>>({
      type: 'object',
      description: 'Model id → lowercase hex sha256 of its model file.',
      additionalProperties: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    }),
  },
  { additionalProperties: false },
);

export type BenchEnvironment = ReadonlyStatic<typeof BenchEnvironmentSchema>;

const BenchConfigSchema = Type.Object(
  {
    modelIds: stringList,
    backendConfigIds: stringList,
    warmupRuns: count,
    runs: Type.Integer({
      minimum: 0,
      description: 'Steady-state runs per cell; with a time budget, the most runs to make.',
    }),
    timeBudgetMs: Type.Optional(
      Type.Number({
        minimum: 0,
        description: 'When set, a cell stops measuring after this many milliseconds of steady-state runs.',
      }),
    ),
    measureMemory: Type.Boolean(),
    profileOperators: Type.Boolean(),
    detectionSizePx: Type.Integer({
      minimum: 32,
      description: 'Longer side of the OCR detection input, in pixels (640 by default).',
    }),
    evaluate: Type.Optional(
      Type.Boolean({
        description:
          "Cells were also scored on their task's evaluation set (untimed, after the measured runs). Absent in records made before evaluation existed.",
      }),
    ),
  },
  { additionalProperties: false },
);

export type BenchConfig = ReadonlyStatic<typeof BenchConfigSchema>;

const RecommendationSchema = Type.Object(
  {
    modelId: Type.String(),
    backendConfigId: Type.String(),
    runtimeBuild: Type.Optional(
      Type.String({ description: 'The build of the runtime the recommended cell ran on, e.g. "jspi".' }),
    ),
    medianMs: durationMs,
    medianCi95: Type.Optional(MedianIntervalSchema),
    tiedWith: Type.Optional(
      Type.Array(Type.String(), {
        description:
          'Other trusted configurations whose median intervals overlap the fastest ones: tied within noise, so the simplest was recommended. Absent in records made before ties were reported.',
      }),
    ),
    reason: Type.String({
      description:
        'Why this cell: the simplest configuration whose outputs agree with the reference, unless another is faster beyond the noise (its median interval lies entirely below).',
    }),
    snippet: Type.String({ description: 'Copy-paste code that reproduces the configuration.' }),
  },
  { additionalProperties: false },
);

export type Recommendation = ReadonlyStatic<typeof RecommendationSchema>;

const NativeCellSchema = Type.Object(
  {
    modelId: Type.String({ minLength: 1 }),
    threads: Type.Integer({
      minimum: 1,
      description:
        'CPU threads onnxruntime-node used: the thread count of the browser wasm cells it is compared with.',
    }),
    status: CellStatusSchema,
    reason: Type.Optional(Type.String()),
    samplesMs: Type.Array(durationMs),
    stats: Type.Optional(SampleStatsSchema),
    agreement: Type.Optional(OutputAgreementSchema),
  },
  {
    additionalProperties: false,
    description: "One model on onnxruntime-node (CPU), the headless runner's native reference (`--native`).",
  },
);

export type NativeCell = ReadonlyStatic<typeof NativeCellSchema>;

const NativeReferenceSchema = Type.Object(
  {
    runtime: Type.String({ description: 'e.g. "onnxruntime-node 1.30.0".' }),
    cells: Type.Array(NativeCellSchema, {
      description: 'One cell per model and wasm thread count of the browser run.',
    }),
  },
  {
    additionalProperties: false,
    description: 'The same models on onnxruntime-node, when the headless runner was asked for it.',
  },
);

export type NativeReference = ReadonlyStatic<typeof NativeReferenceSchema>;

export const BenchmarkRunSchema = Type.Object(
  {
    schema: Type.Literal(RUN_RECORD_SCHEMA),
    id: Type.String({ minLength: 1 }),
    label: Type.String(),
    startedAt: Type.String({ description: 'ISO 8601 timestamp.' }),
    finishedAt: Type.String({ description: 'ISO 8601 timestamp.' }),
    config: BenchConfigSchema,
    environment: BenchEnvironmentSchema,
    cells: Type.Array(BenchCellSchema),
    recommendations: Type.Array(RecommendationSchema),
    mainThread: Type.Object(
      { longTaskCount: count, longestLongTaskMs: durationMs },
      { additionalProperties: false },
    ),
    cancelled: Type.Boolean({ description: 'The run was cancelled before every cell finished.' }),
    native: Type.Optional(NativeReferenceSchema),
  },
  { additionalProperties: false, title: 'On-Device Lab benchmark run' },
);

export type BenchmarkRun = ReadonlyStatic<typeof BenchmarkRunSchema>;
