// Checks how runBenchCell measures a model whose task benchmarks a whole pipeline, in each of its
// dtypes: the pipeline runtime's ONNX Runtime build started first and apart, the load split into file
// reads and the rest, the dtype's file named in the record, the pipeline disposed, and the cells a
// pipeline cannot run (fp16 on a WebGPU adapter without shader-f16, a backend config with a build).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackendConfig } from '../core/backend-config';
import { createCatalog, staticSource } from '../catalog/catalog';
import type { ModelRecord } from '../catalog/model-record';
import type { PipelineRuntime, TextClassifier } from '../runtimes/pipeline-runtime';
import { pipelineBenchmark, taskHandle, type AnyTask } from '../task-kit/task';
import { compareTaskOutputs } from '../task-kit/task-output';
import { runBenchCell, type BenchCellRequest, type CellRunnerDeps } from './cell-runner';
import {
  installFakeClock,
  ScriptedRuntime,
  softwareAdapter,
  testCapabilities,
  type FakeClock,
} from './scripted-runtime';

const MODEL: ModelRecord = {
  id: 'tiny-pipeline',
  displayName: 'Tiny pipeline',
  task: 'sentiment',
  runtime: 'transformers.js',
  files: [
    { name: 'config.json', role: 'config', sha256: 'c'.repeat(64), bytes: 10 },
    { name: 'onnx/model.onnx', role: 'model', dtype: 'fp32', sha256: 'a'.repeat(64), bytes: 400 },
    { name: 'onnx/model_fp16.onnx', role: 'model', dtype: 'fp16', sha256: 'b'.repeat(64), bytes: 200 },
  ],
  inputSpec: 'text',
  outputSpec: 'labels',
  license: 'MIT',
  originProject: 'test',
  originUrl: 'https://example.org',
  modelCardUrl: 'https://example.org',
  intendedUse: 'tests',
  limitations: [],
};

/** Each classify call takes this long on the fake clock; fp16 files classify faster. */
const CLASSIFY_MS: Readonly<Record<string, number>> = { fp32: 8, fp16: 5 };

const TASK: AnyTask = {
  handle: taskHandle('sentiment'),
  models: [MODEL],
  run: () => Promise.reject(new Error('not used')),
  prepare: () => Promise.reject(new Error('not used')),
  benchmark: pipelineBenchmark({
    pipelineKind: 'text-classification',
    input: async () => ({ kind: 'texts', texts: ['good', 'bad'] }),
    async workload(_model, classifier, input) {
      const texts = input.kind === 'texts' ? input.texts : [];
      return {
        inputDescription: `${texts.length} texts`,
        runOnce: async () => void (await classifier.classify(texts, 2)),
        referenceOutputs: async () => {
          const rows = await classifier.classify(texts, 2);
          return {
            tensors: { scores: Float32Array.from(rows.map((row) => row[0]?.score ?? 0)) },
            task: { kind: 'labels', labels: rows.map((row) => row[0]?.label ?? '') },
          };
        },
      };
    },
    compareOutputs: compareTaskOutputs,
  }),
};

let clock: FakeClock;
beforeEach(() => {
  clock = installFakeClock();
});
afterEach(() => {
  vi.restoreAllMocks();
});

function harness(capabilities = testCapabilities()) {
  const events: string[] = [];
  const runtime = new ScriptedRuntime(clock, { startMs: 700 });
  const startBuilds: Array<string | undefined> = [];
  const start = runtime.start.bind(runtime);
  runtime.start = (backend, settings) => {
    startBuilds.push(settings?.build);
    return start(backend, settings);
  };
  const pipelines: PipelineRuntime = {
    name: 'scripted-pipelines',
    version: '1.0.0',
    ortBuild: 'jspi',
    setupSnippet: (kind, modelId, { backend, dtype }) => `${kind} ${modelId} ${backend} ${dtype}`,
    async load(kind, model, { backend, dtype }) {
      events.push(`load ${kind} ${model.id} ${dtype}@${backend}`);
      clock.advance(30);
      const classifier: TextClassifier = {
        async classify(texts) {
          clock.advance(CLASSIFY_MS[dtype] ?? 0);
          return texts.map((text) => [{ label: text === 'good' ? 'POSITIVE' : 'NEGATIVE', score: 0.75 }]);
        },
        tokenize: async () => {
          throw new Error('A benchmark cell does not tokenize');
        },
        dispose: async () => void events.push(`dispose ${dtype}`),
      };
      return { pipeline: classifier as never, load: { bytes: 1234, fetchMs: 12, totalMs: 30, files: [] } };
    },
  };
  const deps: CellRunnerDeps = {
    runtime,
    pipelines,
    catalog: createCatalog([staticSource('test', [MODEL])]),
    tasks: [TASK],
    fetchModel: () => Promise.reject(new Error('a pipeline reads its own files')),
    files: {
      modelFile: () => Promise.reject(new Error('not used')),
      appFile: () => Promise.reject(new Error('not used')),
      memo: (_key, make) => make(),
    },
    capabilities,
    cancelled: () => false,
  };
  return { deps, events, startBuilds };
}

const WASM_1T: BackendConfig = { id: 'wasm-1t', backend: 'wasm', threads: 1 };
const WEBGPU: BackendConfig = { id: 'webgpu', backend: 'webgpu', threads: 1 };

function request(modelId: string, backendConfig = WASM_1T): BenchCellRequest {
  return {
    modelId,
    backendConfig,
    warmupRuns: 1,
    runs: 3,
    profileOperators: true,
    detectionSizePx: 640,
    evaluate: false,
  };
}

describe('runBenchCell on a pipeline', () => {
  it('times the dtype asked for, with the runtime start and the load kept apart', async () => {
    const h = harness();
    const cell = await runBenchCell(request('tiny-pipeline:fp16'), h.deps, () => {});
    expect(h.startBuilds).toEqual(['jspi']);
    expect(h.events).toEqual(['load text-classification tiny-pipeline fp16@wasm', 'dispose fp16']);
    expect(cell).toMatchObject({
      status: 'ok',
      inputDescription: '2 texts',
      phases: { runtimeStartMs: 700, fetchMs: 12, createSessionMs: 18, firstInferenceMs: 5 },
      warmupMs: [5],
      samplesMs: [5, 5, 5],
      modelFile: { name: 'onnx/model_fp16.onnx', sha256: 'b'.repeat(64) },
      runtimeBuild: 'jspi',
      setupSnippet: 'text-classification tiny-pipeline wasm fp16',
      pipeline: { runtime: 'scripted-pipelines 1.0.0', dtype: 'fp16', bytes: 1234 },
    });
    // No fetch source a pipeline cannot know, and no operator profile (that is the session path's).
    expect(cell.phases?.fetchSource).toBeUndefined();
    expect(cell.operatorTimes).toBeUndefined();
    expect(cell.reference?.task).toEqual({ kind: 'labels', labels: ['POSITIVE', 'NEGATIVE'] });
  });

  it('skips fp16 on a WebGPU adapter without shader-f16, before loading anything', async () => {
    const h = harness(testCapabilities({ webgpu: { available: true } }, softwareAdapter()));
    const cell = await runBenchCell(request('tiny-pipeline:fp16', WEBGPU), h.deps, () => {});
    expect(cell.status).toBe('skipped');
    expect(cell.reason).toMatch(/shader-f16/);
    expect(h.events).toEqual([]);
    const fp32 = await runBenchCell(request('tiny-pipeline:fp32', WEBGPU), h.deps, () => {});
    expect(fp32.status).toBe('ok');
    expect(fp32.samplesMs).toEqual([8, 8, 8]);
  });

  it('fails a backend config that picks an ONNX Runtime build, naming the pipeline runtime', async () => {
    const h = harness();
    const cell = await runBenchCell(
      request('tiny-pipeline:fp32', { ...WASM_1T, id: 'wasm-1t@jsep', build: 'jsep' }),
      h.deps,
      () => {},
    );
    expect(cell.status).toBe('failed');
    expect(cell.reason).toContain('scripted-pipelines chooses its own ONNX Runtime build');
  });

  it('names the dtypes a model has when asked for one it lacks', async () => {
    const cell = await runBenchCell(request('tiny-pipeline:q4'), harness().deps, () => {});
    expect(cell).toMatchObject({
      status: 'failed',
      reason:
        '"tiny-pipeline:q4" is not something the benchmark can run: tiny-pipeline is benchmarked as tiny-pipeline:fp32, tiny-pipeline:fp16',
    });
  });
});
