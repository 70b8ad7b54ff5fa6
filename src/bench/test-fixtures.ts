// Hand-built, schema-valid benchmark run records for unit tests, so every test that needs a run
// starts from the same realistic shape and overrides only what it is about.

import { RUN_RECORD_SCHEMA, type BenchCell, type BenchmarkRun } from './run-record';

/** A finished wasm cell with every optional part filled in except `reason` (only skipped/failed cells have one). */
export function makeCell(overrides: Partial<BenchCell> = {}): BenchCell {
  const cell: BenchCell = {
    modelId: 'ppocr-v4-rec',
    backendConfig: { id: 'wasm-1t', backend: 'wasm', threads: 1 },
    status: 'ok',
    inputDescription: '320×48 rendered text line',
    phases: {
      runtimeStartMs: 1030.5,
      fetchMs: 41.5,
      fetchSource: 'http-cache',
      createSessionMs: 212.25,
      firstInferenceMs: 38.75,
    },
    warmupMs: [30.5, 27.25],
    samplesMs: [20, 22, 21, 25, 24],
    modelFile: { name: 'model.basic.onnx', sha256: 'b'.repeat(64), bytes: 10_768_419 },
    stats: {
      count: 5,
      meanMs: 22.4,
      medianMs: 22,
      p90Ms: 24.6,
      p99Ms: 24.96,
      minMs: 20,
      maxMs: 25,
      stdDevMs: 2.0736,
      ci95LowMs: 19.8253,
      ci95HighMs: 24.9747,
      throughputPerS: 44.6429,
      medianCi95: { lowMs: 20, highMs: 25, lowRank: 1, highRank: 5, coverage: 0.9375 },
    },
    agreement: {
      referenceBackendId: 'wasm-1t',
      tensors: [
        { output: 'softmax_5.tmp_0', maxAbsDiff: 0, meanAbsDiff: 0, cosineSimilarity: 1, nonFiniteCount: 0 },
      ],
      taskLevel: "same text: 'Hello'",
      taskLevelAgrees: true,
      tolerance: 0.001,
      withinTolerance: true,
    },
    placement: {
      providers: [{ provider: 'CPUExecutionProvider', nodeCount: 3, opCounts: { Conv: 2, Relu: 1 } }],
      cpuFallbackNodes: 0,
    },
    operatorTimes: [
      { opType: 'Conv', provider: 'CPUExecutionProvider', totalMs: 60.5, calls: 10 },
      { opType: 'Relu', provider: 'CPUExecutionProvider', totalMs: 4.25, calls: 5 },
    ],
    memory: { beforeBytes: 52_428_800, afterBytes: 73_400_320, method: 'measureUserAgentSpecificMemory' },
    softwareAdapter: false,
    runtimeBuild: 'jspi',
    setupSnippet: "import * as ort from 'onnxruntime-web/jspi';",
  };
  return { ...cell, ...overrides };
}

/**
 * A finished three-cell run: wasm reference, a WebGPU cell compared with it, a skipped WebNN cell, and the
 * model on onnxruntime-node as the native reference.
 */
export function makeRun(overrides: Partial<BenchmarkRun> = {}): BenchmarkRun {
  const run: BenchmarkRun = {
    schema: RUN_RECORD_SCHEMA,
    id: 'run-2025-03-14-0001',
    label: 'Laptop, battery',
    startedAt: '2025-03-14T09:26:53.589Z',
    finishedAt: '2025-03-14T09:27:41.120Z',
    config: {
      modelIds: ['ppocr-v4-rec'],
      backendConfigIds: ['wasm-1t', 'webgpu', 'webnn'],
      warmupRuns: 2,
      runs: 5,
      timeBudgetMs: 10_000,
      measureMemory: true,
      profileOperators: true,
      detectionSizePx: 640,
    },
    environment: {
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/134.0.0.0',
      hardwareConcurrency: 8,
      crossOriginIsolated: true,
      webgpu: {
        available: true,
        vendor: 'intel',
        architecture: 'gen-12lp',
        description: 'Intel(R) Iris(R) Xe Graphics',
        software: false,
        shaderF16: true,
        features: ['shader-f16', 'timestamp-query'],
      },
      webnn: { available: false, reason: 'navigator.ml is not defined' },
      libraries: { 'onnxruntime-web': '1.30.0' },
      modelSha256: { 'ppocr-v4-rec': 'a'.repeat(64) },
    },
    cells: [
      makeCell(),
      makeCell({
        backendConfig: { id: 'webgpu', backend: 'webgpu', threads: 1 },
        samplesMs: [8.5, 9, 8.75, 9.25, 8.5],
        stats: {
          count: 5,
          meanMs: 8.8,
          medianMs: 8.75,
          p90Ms: 9.15,
          p99Ms: 9.24,
          minMs: 8.5,
          maxMs: 9.25,
          stdDevMs: 0.326,
          ci95LowMs: 8.3953,
          ci95HighMs: 9.2047,
          throughputPerS: 113.6364,
          medianCi95: { lowMs: 8.5, highMs: 9.25, lowRank: 1, highRank: 5, coverage: 0.9375 },
        },
        agreement: {
          referenceBackendId: 'wasm-1t',
          tensors: [
            {
              output: 'softmax_5.tmp_0',
              maxAbsDiff: 0.0004,
              meanAbsDiff: 0.00002,
              cosineSimilarity: 0.99999,
              nonFiniteCount: 0,
            },
          ],
          taskLevel: "same text: 'Hello'",
          taskLevelAgrees: true,
          tolerance: 0.001,
          withinTolerance: true,
        },
      }),
      {
        modelId: 'ppocr-v4-rec',
        backendConfig: { id: 'webnn', backend: 'webnn', threads: 1 },
        status: 'skipped',
        reason: 'WebNN is not available in this browser',
        inputDescription: '320×48 rendered text line',
        warmupMs: [],
        samplesMs: [],
        softwareAdapter: false,
      },
    ],
    recommendations: [
      {
        modelId: 'ppocr-v4-rec',
        backendConfigId: 'webgpu',
        medianMs: 8.75,
        reason: 'fastest median among cells whose outputs agree with the reference',
        snippet: "ort.InferenceSession.create(url, { executionProviders: ['webgpu'] })",
      },
    ],
    mainThread: { longTaskCount: 1, longestLongTaskMs: 63.5 },
    cancelled: false,
    native: {
      runtime: 'onnxruntime-node 1.30.0',
      cells: [
        {
          modelId: 'ppocr-v4-rec',
          threads: 1,
          status: 'ok',
          samplesMs: [9.5, 10, 9.75, 10.5, 9.25],
          stats: {
            count: 5,
            meanMs: 9.8,
            medianMs: 9.75,
            p90Ms: 10.3,
            p99Ms: 10.48,
            minMs: 9.25,
            maxMs: 10.5,
            stdDevMs: 0.4809,
            ci95LowMs: 9.2029,
            ci95HighMs: 10.3971,
            throughputPerS: 102.0408,
          },
          agreement: {
            referenceBackendId: 'wasm-1t',
            tensors: [
              {
                output: 'softmax_5.tmp_0',
                maxAbsDiff: 0.000002,
                meanAbsDiff: 0.0000001,
                cosineSimilarity: 1,
                nonFiniteCount: 0,
              },
            ],
            taskLevel: "same text: 'Hello'",
            taskLevelAgrees: true,
            tolerance: 0.001,
            withinTolerance: true,
          },
        },
      ],
    },
  };
  return { ...run, ...overrides };
}

/**
 * A cell's evaluation on 32 rendered lines: character accuracy `value` against the truth, and, when
 * `delta` is given, an agreement with fp32 and the difference from the fp32 cell on wasm-1t.
 */
export function lineEvaluation(value: number, delta?: number): NonNullable<BenchCell['evaluation']> {
  return {
    set: '32 rendered lines',
    items: 32,
    durationMs: 1800,
    scores: [
      { metric: 'character accuracy', value, against: 'truth' },
      ...(delta !== undefined
        ? [{ metric: 'character agreement with fp32', value: 0.98, against: 'reference' as const }]
        : []),
    ],
    ...(delta !== undefined ? { reference: 'ppocr-v4-rec on wasm-1t', deltaPoints: delta } : {}),
  };
}
