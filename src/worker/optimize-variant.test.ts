// The engine's optimize refuses, with a reason a person can act on, what the optimizer cannot make:
// a variant of a variant, a pipeline model without an fp32 file, int8-static without the task's
// calibration inputs (session or pipeline task) or with
// out-of-range calibration settings; and it saves nothing when optimizing fails. Deleting a variant
// releases its sessions and forgets it, also in IndexedDB (fake-indexeddb here).
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorKind } from '../core/errors';
import { createCatalog, staticSource } from '../catalog/catalog';
import type { ModelRecord } from '../catalog/model-record';
import type { FetchedFile } from '../catalog/model-store';
import { createMemo } from '../core/memo';
import { openVariantStore } from '../catalog/variant-store';
import {
  pipelineBenchmark,
  taskHandle,
  type AnyTask,
  type TaskContext,
  type TaskRequestBase,
} from '../task-kit/task';
import type { PipelineRuntime, TextClassifier } from '../runtimes/pipeline-runtime';
import type { OptimizeRequest } from './engine-api';
import { optimizeChoices, optimizeVariant, type OptimizeDeps } from './optimize-variant';
import { LocalEngine } from './local-engine';
import {
  installFakeClock,
  scriptedBenchmark,
  ScriptedRuntime,
  testCapabilities,
  testModel,
} from './scripted-runtime';

const SESSION_MODEL = testModel('speechy', 'voice-activity');
const PIPELINE_MODEL = testModel('wordy', 'text-classification');
const VARIANT: ModelRecord = {
  ...testModel('speechy~fp16', 'voice-activity'),
  variant: {
    parentId: 'speechy',
    parentSha256: '0'.repeat(64),
    method: 'fp16',
    optimizerVersion: '1.0.0',
    createdAt: '2026-12-02T08:00:00.000Z',
    summary: [],
  },
};

const SESSION_TASK: AnyTask = {
  handle: taskHandle('speech'),
  models: [SESSION_MODEL],
  benchmark: scriptedBenchmark(),
  run: async () => undefined,
  prepare: async () => {},
};
const PIPELINE_TASK: AnyTask = {
  handle: taskHandle('words'),
  models: [PIPELINE_MODEL],
  benchmark: pipelineBenchmark({
    pipelineKind: 'text-classification',
    input: async () => ({ kind: 'texts', texts: ['hello'] }),
    compareOutputs: () => ({ agrees: true, text: 'same' }),
    workload: async () => {
      throw new Error('not used');
    },
  }),
  run: async () => undefined,
  prepare: async () => {},
};

let saved: string[];
let deps: OptimizeDeps;

beforeEach(() => {
  saved = [];
  deps = {
    runtime: new ScriptedRuntime(installFakeClock()),
    catalog: createCatalog([staticSource('test', [SESSION_MODEL, PIPELINE_MODEL, VARIANT])]),
    tasks: [SESSION_TASK, PIPELINE_TASK],
    store: {
      fetchFile: async () =>
        ({ bytes: Uint8Array.of(3, 1, 4), fetchMs: 1, source: 'network' }) satisfies FetchedFile,
    },
    files: {
      modelFile: () => Promise.reject(new Error('not used')),
      appFile: () => Promise.reject(new Error('not used')),
      memo: createMemo(),
    },
    variants: {
      save: async (record) => {
        saved.push(record.id);
      },
    },
  };
});

afterEach(() => vi.restoreAllMocks());

async function refusal(request: OptimizeRequest): Promise<{ kind: string | undefined; message: string }> {
  const error = await optimizeVariant(request, deps, () => {}).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error, 'optimize should have failed').toBeInstanceOf(Error);
  return { kind: errorKind(error), message: (error as Error).message };
}

describe('optimizeVariant refuses', () => {
  it('a variant as the parent', async () => {
    expect(await refusal({ modelId: 'speechy~fp16', method: 'int8-dynamic' })).toEqual({
      kind: 'InvalidInputError',
      message: 'Model speechy~fp16 is itself a variant of speechy: optimize the original model',
    });
  });

  it('a Transformers.js pipeline model without an fp32 file (onnx/model.onnx)', async () => {
    const { kind, message } = await refusal({ modelId: 'wordy', method: 'fp16' });
    expect(kind).toBe('InvalidInputError');
    expect(message).toBe('Model wordy has no fp32 model file (onnx/model.onnx) to make a variant from');
  });

  it.each([
    ['a Transformers.js pipeline model', 'wordy', 'words'],
    ['an ONNX Runtime session model', 'speechy', 'speech'],
  ])(
    'int8-static of %s whose task has no calibration inputs, naming the methods that remain',
    async (_, modelId, task) => {
      const { kind, message } = await refusal({
        modelId,
        method: 'int8-static',
        calibration: { method: 'minmax', samples: 8 },
      });
      expect(kind).toBe('InvalidInputError');
      expect(message).toContain(
        `the ${task} task has none for ${modelId}: choose fp16, int8 dynamic or 4-bit`,
      );
    },
  );

  it('int8-static without calibration settings, or with a sample count or percentile out of range', async () => {
    expect((await refusal({ modelId: 'speechy', method: 'int8-static' })).message).toMatch(
      /needs a calibration method/,
    );
    expect(
      (
        await refusal({
          modelId: 'speechy',
          method: 'int8-static',
          calibration: { method: 'minmax', samples: 0 },
        })
      ).message,
    ).toMatch(/from 1 to 1000, not 0/);
    expect(
      (
        await refusal({
          modelId: 'speechy',
          method: 'int8-static',
          calibration: { method: 'percentile', percentile: 50, samples: 8 },
        })
      ).message,
    ).toMatch(/between 90 and 100 \(e\.g\. 99\.99\), not 50/);
  });

  it('an unknown model, naming the known ones', async () => {
    expect((await refusal({ modelId: 'nothing', method: 'fp16' })).message).toMatch(
      /Unknown model "nothing"\. Known models: speechy, wordy, speechy~fp16/,
    );
  });

  it('and saves nothing when the optimizer fails on the model', async () => {
    // Three bytes are no ONNX model: whatever the method, the optimizer cannot make a variant of them.
    await refusal({ modelId: 'speechy', method: 'fp16' });
    expect(saved).toEqual([]);
  });
});

describe('optimizeVariant, int8 static of a Transformers.js model whose task calibrates', () => {
  it('loads the parent’s fp32 pipeline on wasm, takes the calibration inputs from it, and disposes of it', async () => {
    const parent: ModelRecord = {
      ...PIPELINE_MODEL,
      files: [{ name: 'onnx/model.onnx', role: 'model', dtype: 'fp32', sha256: '3'.repeat(64), bytes: 3 }],
    };
    const events: string[] = [];
    const classifier: TextClassifier = {
      classify: () => Promise.reject(new Error('calibration does not classify')),
      tokenize: async (texts) => {
        events.push(`tokenize ${texts.join(' | ')}`);
        return [];
      },
      dispose: async () => void events.push('dispose'),
    };
    const pipelines: PipelineRuntime = {
      name: 'scripted-pipelines',
      version: '1.0.0',
      ortBuild: 'jspi',
      setupSnippet: () => '',
      async load(kind, model, { backend, dtype }) {
        events.push(`load ${kind} ${model.id} ${dtype}@${backend}`);
        return {
          pipeline: classifier as never,
          load: { bytes: 0, fetchMs: 0, totalMs: 0, files: [] },
        };
      },
    };
    const calibrating: AnyTask = {
      ...PIPELINE_TASK,
      models: [parent],
      benchmark: pipelineBenchmark({
        pipelineKind: 'text-classification',
        input: async () => ({ kind: 'texts', texts: ['hello'] }),
        compareOutputs: () => ({ agrees: true, text: 'same' }),
        workload: async () => {
          throw new Error('not used');
        },
        calibrationData: async (model, pipeline, count) => ({
          feeds: await pipeline.tokenize(['one', 'two', 'three'].slice(0, count)),
          description: `${count} words of ${model.id}`,
        }),
      }),
    };
    deps = {
      ...deps,
      catalog: createCatalog([staticSource('test', [parent])]),
      tasks: [calibrating],
      pipelines,
    };
    // The three bytes are no ONNX model, so the optimizer fails after the calibration inputs were made.
    await refusal({ modelId: 'wordy', method: 'int8-static', calibration: { method: 'minmax', samples: 2 } });
    expect(events).toEqual(['load text-classification wordy fp32@wasm', 'tokenize one | two', 'dispose']);
    expect(saved).toEqual([]);
  });
});

/** Loads a session of each model it is asked for. */
const LOADER = taskHandle<TaskRequestBase & { readonly ids: readonly string[] }, undefined>('speech');
const LOADER_TASK: AnyTask = {
  ...SESSION_TASK,
  handle: LOADER,
  run: async (request: { readonly ids: readonly string[] }, context: TaskContext) => {
    for (const id of request.ids) await context.session(id);
    return undefined;
  },
};

describe('LocalEngine.deleteVariant', () => {
  it('forgets the variant and releases its sessions, leaving the other models’ sessions alone', async () => {
    const runtime = new ScriptedRuntime(installFakeClock(), { createMs: 1 });
    const variants = await openVariantStore('delete-variant-test');
    await variants.save(VARIANT, Uint8Array.of(5));
    const engine = new LocalEngine({
      runtime,
      catalog: createCatalog([staticSource('test', [SESSION_MODEL]), variants]),
      tasks: [LOADER_TASK],
      store: deps.store,
      appFile: () => Promise.reject(new Error('not used')),
      capabilities: async () => testCapabilities(),
      variants,
    });
    await engine.run(LOADER, { backend: 'wasm', ids: ['speechy', 'speechy~fp16'] });
    const releases = () =>
      Object.fromEntries(runtime.sessions.map((session) => [session.label, session.releases]));
    expect(releases()).toEqual({ 'Model speechy (speechy)': 0, 'Model speechy~fp16 (speechy~fp16)': 0 });

    await engine.deleteVariant('speechy~fp16');
    expect(releases()).toEqual({ 'Model speechy (speechy)': 0, 'Model speechy~fp16 (speechy~fp16)': 1 });
    expect((await engine.models()).map((model) => model.id)).toEqual(['speechy']);
    expect((await openVariantStore('delete-variant-test')).list()).toEqual([]);
    await expect(engine.deleteVariant('speechy~fp16')).rejects.toThrow(/No variant "speechy~fp16"/);
  });
});

describe('optimizeChoices', () => {
  it('offers the originals, not their variants, with the methods the engine refuses and why', () => {
    const choices = optimizeChoices(deps.tasks, [SESSION_MODEL, PIPELINE_MODEL, VARIANT]);
    expect(choices.map((choice) => choice.modelId)).toEqual(['speechy']);
    expect(Object.keys(choices[0]!.refused)).toEqual(['int8-static']);
    expect(choices[0]!.refused['int8-static']).toContain('the speech task has none for speechy');
  });

  it('leaves out a model no method can make a variant of, and offers int8 static where the task calibrates', () => {
    const calibrating: AnyTask = {
      ...SESSION_TASK,
      benchmark: { ...scriptedBenchmark(), calibrationData: async () => ({ feeds: [], description: '' }) },
    };
    // wordy has no fp32 file, so every method is refused and it is not offered at all.
    expect(optimizeChoices([calibrating, PIPELINE_TASK], [SESSION_MODEL, PIPELINE_MODEL])).toEqual([
      { modelId: 'speechy', refused: {} },
    ]);
  });
});
