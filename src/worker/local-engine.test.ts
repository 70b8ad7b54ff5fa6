// Checks LocalEngine apart from ORT, with a scripted runtime, a fake model store and two small tasks: the
// sessions it lends a task (created once per model and backend, reused, released when the backend
// changes), the load reports, unavailable backends and unknown tasks, the files and memo it lends, and how
// benchmark cells free the task sessions and can be cancelled.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackendId } from '../core/backends';
import { BackendUnavailableError, errorKind, InvalidInputError, NetworkBlockedError } from '../core/errors';
import { expectFloat32, float32Tensor } from '../core/tensor';
import { createCatalog, staticSource } from '../catalog/catalog';
import { hubModelSource } from '../catalog/hub-models';
import type { FileRead, ModelFile, ModelRecord } from '../catalog/model-record';
import type { FetchedFile } from '../catalog/model-store';
import type { Capabilities } from '../runtimes/capabilities';
import { taskHandle, type AnyTask, type TaskContext, type TaskRequestBase } from '../task-kit/task';
import type { BenchCellRequest } from './cell-runner';
import type { PipelineRuntime } from '../runtimes/pipeline-runtime';
import type { ModelSession } from '../runtimes/runtime';
import { LocalEngine } from './local-engine';
import {
  installFakeClock,
  SCRIPTED_INPUT_NAME,
  SCRIPTED_OUTPUT_NAME,
  scriptedBenchmark,
  ScriptedRuntime,
  testCapabilities,
  testModel,
  type FakeClock,
  type RuntimeScript,
} from './scripted-runtime';

const ALPHA = testModel('alpha');
const BETA = testModel('beta');

/** Each model file's bytes and fetch time; the scripted sessions answer with a model's first byte. */
const FILES: Record<string, { bytes: Uint8Array; fetchMs: number }> = {
  'alpha/model.onnx': { bytes: Uint8Array.of(3, 1, 4), fetchMs: 11 },
  'alpha/dict.txt': { bytes: Uint8Array.of(97, 98), fetchMs: 1 },
  'beta/model.onnx': { bytes: Uint8Array.of(2, 7, 1, 8), fetchMs: 13 },
  'beta/dict.txt': { bytes: Uint8Array.of(99), fetchMs: 1 },
};

/** Asks for a session of each of its two models and reports what each one answered. */
interface PairRequest extends TaskRequestBase {
  readonly label: string;
}
interface PairResult {
  readonly label: string;
  readonly alpha: number;
  readonly beta: number;
}
const PAIR = taskHandle<PairRequest, PairResult>('pair');
const PAIR_TASK: AnyTask = {
  handle: PAIR,
  models: [ALPHA, BETA],
  benchmark: scriptedBenchmark(),
  async run(request: PairRequest, context: TaskContext): Promise<PairResult> {
    const answer = async (modelId: string) => {
      const session = await context.session(modelId);
      const outputs = await session.run({ [SCRIPTED_INPUT_NAME]: float32Tensor(Float32Array.of(0), [1]) });
      return expectFloat32(outputs, SCRIPTED_OUTPUT_NAME).data[0] ?? NaN;
    };
    return { label: request.label, alpha: await answer('alpha'), beta: await answer('beta') };
  },
  async prepare(_request, context) {
    await context.session('alpha');
  },
};

/** Hands the task context to the request, so a test can use the files and memo the engine lends. */
interface ProbeRequest extends TaskRequestBase {
  readonly use: (context: TaskContext) => Promise<unknown>;
}
const PROBE = taskHandle<ProbeRequest, unknown>('probe');
const PROBE_TASK: AnyTask = {
  handle: PROBE,
  models: [],
  benchmark: scriptedBenchmark(),
  run: (request: ProbeRequest, context) => request.use(context),
  prepare: async () => {},
};

interface FetchCall {
  readonly file: string;
  readonly fresh: boolean;
  /** What the runtime had been asked to start when the fetch began. */
  readonly runtimeStarted: readonly string[];
}

interface Harness {
  readonly engine: LocalEngine;
  readonly runtime: ScriptedRuntime;
  readonly fetches: FetchCall[];
  readonly appFiles: string[];
  capabilities: Capabilities;
}

let clock: FakeClock;

beforeEach(() => {
  clock = installFakeClock();
});

afterEach(() => {
  vi.restoreAllMocks();
});

function harness(script: RuntimeScript = { createMs: 12 }): Harness {
  const runtime = new ScriptedRuntime(clock, script);
  const fetches: FetchCall[] = [];
  const appFiles: string[] = [];
  const h: Harness = {
    runtime,
    fetches,
    appFiles,
    capabilities: testCapabilities(),
    engine: new LocalEngine({
      runtime,
      catalog: createCatalog([staticSource('test', [ALPHA, BETA])]),
      tasks: [PAIR_TASK, PROBE_TASK],
      store: {
        fetchFile: async (model: ModelRecord, file: ModelFile, _onProgress, fresh = false) => {
          const key = `${model.id}/${file.name}`;
          const stored = FILES[key];
          if (!stored) throw new Error(`no file ${key}`);
          fetches.push({ file: key, fresh, runtimeStarted: [...runtime.started] });
          return { bytes: stored.bytes, fetchMs: stored.fetchMs, source: 'network' } satisfies FetchedFile;
        },
      },
      appFile: async (path) => {
        appFiles.push(path);
        return Uint8Array.of(path.length);
      },
      capabilities: async () => h.capabilities,
    }),
  };
  return h;
}

const pair = (backend: BackendId, label = 'hello'): PairRequest => ({ backend, label });

describe('LocalEngine.run', () => {
  it('lends the task a session per model and reports each load; a second run reuses them', async () => {
    const h = harness();
    const first = await h.engine.run(PAIR, pair('wasm', 'first'));
    expect(first).toEqual({
      result: { label: 'first', alpha: 3, beta: 2 },
      loads: [
        {
          modelId: 'alpha',
          backend: 'wasm',
          bytes: 3,
          fetchMs: 11,
          source: 'network',
          createMs: 12,
          reusedSession: false,
        },
        {
          modelId: 'beta',
          backend: 'wasm',
          bytes: 4,
          fetchMs: 13,
          source: 'network',
          createMs: 12,
          reusedSession: false,
        },
      ],
      runtime: {
        runtime: 'scripted-runtime',
        runtimeVersion: '9.8.7',
        threads: 3,
        crossOriginIsolated: true,
      },
      backend: 'wasm',
    });

    const second = await h.engine.run(PAIR, pair('wasm', 'second'));
    expect(second.result).toEqual({ label: 'second', alpha: 3, beta: 2 });
    expect(second.loads).toEqual([
      { modelId: 'alpha', backend: 'wasm', bytes: 0, fetchMs: 0, createMs: 0, reusedSession: true },
      { modelId: 'beta', backend: 'wasm', bytes: 0, fetchMs: 0, createMs: 0, reusedSession: true },
    ]);
    // Nothing fetched or created again.
    expect(h.fetches.map((call) => call.file)).toEqual(['alpha/model.onnx', 'beta/model.onnx']);
    expect(h.runtime.sessions).toHaveLength(2);
    expect(h.runtime.sessions.every((session) => session.releases === 0)).toBe(true);
  });

  it('starts the runtime for the backend while the first model downloads, once per backend', async () => {
    const h = harness({ createMs: 12, startMs: 900 });
    const first = await h.engine.run(PAIR, pair('wasm'));
    await h.engine.run(PAIR, pair('webgpu'));
    expect(h.fetches.map((call) => [call.file, call.runtimeStarted])).toEqual([
      ['alpha/model.onnx', ['wasm@default']],
      ['beta/model.onnx', ['wasm@default']],
      ['alpha/model.onnx', ['wasm@default', 'webgpu@default']],
      ['beta/model.onnx', ['wasm@default', 'webgpu@default']],
    ]);
    // The session time the load reports is the session's own, without the start.
    expect(first.loads.map((load) => load.createMs)).toEqual([12, 12]);
  });

  it('leaves a failed runtime start to the session, which reports its own error', async () => {
    const h = harness({
      startError: new Error('wasm failed to compile'),
      createError: new Error('no session'),
    });
    await expect(h.engine.run(PAIR, pair('wasm'))).rejects.toThrow('no session');
  });

  it('releases the other backend’s sessions when a run picks a new backend, and creates new ones', async () => {
    const h = harness();
    await h.engine.run(PAIR, pair('wasm'));
    const onGpu = await h.engine.run(PAIR, pair('webgpu'));
    expect(onGpu.result).toEqual({ label: 'hello', alpha: 3, beta: 2 });
    expect(onGpu.loads.map((load) => [load.modelId, load.backend, load.reusedSession])).toEqual([
      ['alpha', 'webgpu', false],
      ['beta', 'webgpu', false],
    ]);
    expect(h.runtime.events).toEqual([
      'start wasm@default',
      'create timed#1 wasm',
      'create timed#2 wasm',
      'release timed#1',
      'release timed#2',
      'start webgpu@default',
      'create timed#3 webgpu',
      'create timed#4 webgpu',
    ]);
    // Back on wasm: the released sessions are not handed out again.
    const backOnWasm = await h.engine.run(PAIR, pair('wasm'));
    expect(backOnWasm.loads.map((load) => load.reusedSession)).toEqual([false, false]);
    expect(h.runtime.sessions.map((session) => session.releases)).toEqual([1, 1, 1, 1, 0, 0]);
  });

  it('rejects a run on an unavailable backend with a BackendUnavailableError carrying the reason', async () => {
    const h = harness();
    const reason = 'This browser has no WebNN API (navigator.ml is missing).';
    h.capabilities = testCapabilities({ webnn: { available: false, reason } });
    const error = await h.engine.run(PAIR, pair('webnn')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect(errorKind(error)).toBe('BackendUnavailableError');
    expect((error as Error).message).toBe(reason);
    expect(h.fetches).toEqual([]);
    expect(h.runtime.sessions).toEqual([]);
  });

  it('rejects a task handle it does not know, naming it', async () => {
    const h = harness();
    await expect(h.engine.run(taskHandle<PairRequest, PairResult>('nope'), pair('wasm'))).rejects.toThrow(
      /"nope"/,
    );
  });

  it('prepares a task’s sessions ahead of its run, which then reuses them', async () => {
    const h = harness();
    const loads = await h.engine.prepare(PAIR, { backend: 'wasm' });
    expect(loads.map((load) => [load.modelId, load.reusedSession])).toEqual([['alpha', false]]);
    expect(h.runtime.sessions).toHaveLength(1);
    const run = await h.engine.run(PAIR, pair('wasm'));
    expect(run.loads.map((load) => [load.modelId, load.reusedSession])).toEqual([
      ['alpha', true],
      ['beta', false],
    ]);
    expect(h.runtime.sessions).toHaveLength(2);
  });

  it('creates one session when a task asks for the same model twice at once', async () => {
    const h = harness();
    const both = await h.engine.run(PROBE, {
      backend: 'wasm',
      use: (context) => Promise.all([context.session('alpha'), context.session('alpha')]),
    });
    const [first, second] = both.result as ModelSession[];
    expect(first).toBe(second);
    expect(h.runtime.sessions).toHaveLength(1);
    expect(h.fetches).toHaveLength(1);
  });

  it('forgets a session whose creation failed, so the next run tries again', async () => {
    const h = harness({ createError: new Error('cannot create') });
    await expect(h.engine.run(PAIR, pair('wasm'))).rejects.toThrow('cannot create');
    // The runtime recovers; the engine must not hand out the failed creation again.
    h.runtime.script = { createMs: 12 };
    const retried = await h.engine.run(PAIR, pair('wasm'));
    expect(retried.result).toEqual({ label: 'hello', alpha: 3, beta: 2 });
    expect(retried.loads.map((load) => load.reusedSession)).toEqual([false, false]);
  });
});

describe('LocalEngine files', () => {
  it('reads another file of a model through the store, and app files by path', async () => {
    const h = harness();
    const response = await h.engine.run(PROBE, {
      backend: 'wasm',
      use: async (context) => [
        Array.from(await context.files.modelFile('alpha', 'dictionary')),
        Array.from(await context.files.appFile('samples/speech.wav')),
      ],
    });
    expect(response.result).toEqual([[97, 98], [18]]);
    expect(h.fetches).toEqual([{ file: 'alpha/dict.txt', fresh: false, runtimeStarted: [] }]);
    expect(h.appFiles).toEqual(['samples/speech.wav']);
  });

  it('memo runs its maker once per key across calls and runs, and again after a failure', async () => {
    const h = harness();
    let made = 0;
    const maker = async () => `made ${++made}`;
    const twice = await h.engine.run(PROBE, {
      backend: 'wasm',
      use: (context) => Promise.all([context.files.memo('clip', maker), context.files.memo('clip', maker)]),
    });
    expect(twice.result).toEqual(['made 1', 'made 1']);
    const later = await h.engine.run(PROBE, {
      backend: 'wasm',
      use: (context) => context.files.memo('clip', maker),
    });
    expect(later.result).toBe('made 1');
    expect(made).toBe(1);

    let attempts = 0;
    const flaky = async () => {
      attempts++;
      if (attempts === 1) throw new Error('first attempt fails');
      return `attempt ${attempts}`;
    };
    await expect(
      h.engine.run(PROBE, { backend: 'wasm', use: (context) => context.files.memo('dictionary', flaky) }),
    ).rejects.toThrow('first attempt fails');
    const retried = await h.engine.run(PROBE, {
      backend: 'wasm',
      use: (context) => context.files.memo('dictionary', flaky),
    });
    expect(retried.result).toBe('attempt 2');
    expect(attempts).toBe(2);
  });
});

describe('LocalEngine.runtimeInfo', () => {
  it('reports the runtime’s name, version and threads, and whether the page is cross-origin isolated', async () => {
    const h = harness();
    h.capabilities = { ...testCapabilities(), crossOriginIsolated: false };
    expect(await h.engine.runtimeInfo()).toEqual({
      runtime: 'scripted-runtime',
      runtimeVersion: '9.8.7',
      threads: 3,
      crossOriginIsolated: false,
    });
  });
});

describe('LocalEngine benchmark cells', () => {
  const cell = (runs: number): BenchCellRequest => ({
    modelId: 'alpha',
    backendConfig: { id: 'wasm-1t', backend: 'wasm', threads: 1 },
    warmupRuns: 0,
    runs,
    profileOperators: false,
    detectionSizePx: 640,
    evaluate: false,
  });

  it('releases the task sessions before measuring, and fetches the model afresh', async () => {
    const h = harness({ createMs: 12, defaultRunMs: 5 });
    await h.engine.run(PAIR, pair('wasm'));
    const measured = await h.engine.benchmarkCell(cell(2));
    expect(measured.status).toBe('ok');
    expect(measured.samplesMs).toEqual([5, 5]);
    expect(h.runtime.events).toEqual([
      'start wasm@default',
      'create timed#1 wasm',
      'create timed#2 wasm',
      'release timed#1',
      'release timed#2',
      'create timed#3 wasm',
      'release timed#3',
    ]);
    expect(h.fetches.at(-1)).toMatchObject({ file: 'alpha/model.onnx', fresh: true });
    // The released task sessions are gone: the next run loads new ones.
    const after = await h.engine.run(PAIR, pair('wasm'));
    expect(after.loads.map((load) => load.reusedSession)).toEqual([false, false]);
  });

  it('brings a running cell back skipped as cancelled when cancelBenchmark is called', async () => {
    // Runs of 60 ms on the clock make the cell yield to the event loop, where the cancel arrives.
    const h = harness({ defaultRunMs: 60 });
    const pending = h.engine.benchmarkCell(cell(1000));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await h.engine.cancelBenchmark();
    const cancelled = await pending;
    expect(cancelled.status).toBe('skipped');
    expect(cancelled.reason).toBe('cancelled');
    expect(h.runtime.timedRuns).toBeLessThan(1000);
    expect(h.runtime.unreleased()).toEqual([]);
  });

  it('does not carry a cancel over into the next cell', async () => {
    const h = harness({ defaultRunMs: 60 });
    await h.engine.cancelBenchmark();
    const measured = await h.engine.benchmarkCell(cell(3));
    expect(measured.status).toBe('ok');
    expect(measured.samplesMs).toEqual([60, 60, 60]);
  });
});

describe('LocalEngine pipelines', () => {
  /** A variant of alpha, as the optimizer names it. */
  const ALPHA_Q4: ModelRecord = {
    ...testModel('alpha~q4'),
    variant: {
      parentId: 'alpha',
      parentSha256: '0'.repeat(64),
      method: 'q4',
      optimizerVersion: '1.0.0',
      createdAt: '2026-12-02T08:00:00.000Z',
      summary: [],
    },
  };

  /** A pipeline runtime whose text classifiers answer with their own load number; logs loads and disposals. */
  function pipelineEngine(models: readonly ModelRecord[] = [ALPHA]) {
    const events: string[] = [];
    let loads = 0;
    let hubOn = false;
    const hubRead: FileRead = {
      name: 'config.json',
      bytes: 9,
      sha256: 'ab'.repeat(32),
      pinned: false,
      cache: 'miss',
    };
    const pipelines: PipelineRuntime = {
      name: 'scripted-pipelines',
      version: '1.0.0',
      ortBuild: 'scripted',
      setupSnippet: () => 'scripted pipeline',
      remote: {
        host: 'https://hub.test',
        setEnabled: (enabled) => void (hubOn = enabled),
        enabled: () => hubOn,
        cached: async () => [{ url: 'https://hub.test/o/m/resolve/main/config.json', bytes: 9 }],
        clearCache: async () => void events.push('cache cleared'),
      },
      async load(kind, model, options) {
        const number = ++loads;
        events.push(`load#${number} ${kind} ${model.id} ${options.dtype}@${options.backend}`);
        const pipeline = {
          classify: async (texts: readonly string[]) =>
            texts.map(() => [{ label: `load ${number}`, score: 1 }]),
          embed: async () => [],
          dispose: async () => void events.push(`dispose#${number}`),
        };
        const files = model.remote ? [hubRead] : [];
        return { pipeline: pipeline as never, load: { bytes: 100 * number, fetchMs: 2, totalMs: 7, files } };
      },
    };
    const ASK: AnyTask = {
      ...PROBE_TASK,
      handle: taskHandle<ProbeRequest & { dtype: string }, unknown>('ask'),
      run: async (request: ProbeRequest & { dtype: string; modelId?: string }, context) =>
        (await context.pipeline('text-classification', request.modelId ?? 'alpha', request.dtype)).classify(
          ['x'],
          1,
        ),
    };
    const hubModels = hubModelSource('https://hub.test');
    const engine = new LocalEngine({
      runtime: new ScriptedRuntime(clock),
      pipelines,
      hubModels,
      catalog: createCatalog([staticSource('test', models), hubModels]),
      tasks: [ASK],
      store: { fetchFile: () => Promise.reject(new Error('pipelines read their own files')) },
      appFile: () => Promise.reject(new Error('not used')),
      capabilities: async () => testCapabilities(),
      variants: { save: async () => {}, remove: async (id) => void events.push(`removed ${id}`) },
    });
    const ask = (backend: BackendId, dtype: string, modelId?: string) =>
      engine.run(ASK.handle, { backend, dtype, modelId, use: async () => undefined } as never);
    return { engine, events, ask, hubRead };
  }

  it('keeps one pipeline per model, dtype and backend, reports its load, and disposes of it on a backend change', async () => {
    const { events, ask } = pipelineEngine();
    const first = await ask('wasm', 'fp32');
    expect(first.result).toEqual([[{ label: 'load 1', score: 1 }]]);
    expect(first.loads).toEqual([
      {
        modelId: 'alpha',
        backend: 'wasm',
        bytes: 100,
        fetchMs: 2,
        createMs: 5,
        reusedSession: false,
        files: [],
      },
    ]);
    const again = await ask('wasm', 'fp32');
    expect(again.result).toEqual([[{ label: 'load 1', score: 1 }]]);
    expect(again.loads[0]?.reusedSession).toBe(true);
    await ask('wasm', 'fp16');
    await ask('webgpu', 'fp32');
    expect(events).toEqual([
      'load#1 text-classification alpha fp32@wasm',
      'load#2 text-classification alpha fp16@wasm',
      'dispose#1',
      'dispose#2',
      'load#3 text-classification alpha fp32@webgpu',
    ]);
  });

  it('disposes of a deleted variant’s pipelines, and keeps its parent’s', async () => {
    const { engine, events, ask } = pipelineEngine([ALPHA, ALPHA_Q4]);
    await ask('wasm', 'fp32');
    await ask('wasm', 'q4', ALPHA_Q4.id);
    await engine.deleteVariant(ALPHA_Q4.id);
    expect(events.slice(2)).toEqual(['removed alpha~q4', 'dispose#2']);
    expect((await ask('wasm', 'fp32')).loads[0]?.reusedSession).toBe(true);
  });

  it('disposes of its pipelines when the sessions are released', async () => {
    const { engine, events, ask } = pipelineEngine();
    await ask('wasm', 'fp32');
    await engine.releaseSessions();
    expect(events.at(-1)).toBe('dispose#1');
  });

  it('adds a Hub model only while the Hub is on, and reports its last load and the cache', async () => {
    const { engine, events, ask, hubRead } = pipelineEngine();
    const off = engine.addHubModel('owner/model@v1', 'text-classification');
    await expect(off).rejects.toBeInstanceOf(NetworkBlockedError);
    await expect(off).rejects.toThrow(/owner\/model is on the Hugging Face Hub .*turn on "Hugging Face Hub"/);
    await engine.setHubEnabled(true);
    await expect(engine.addHubModel('not a repo', 'text-classification')).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    const record = await engine.addHubModel('owner/model@v1', 'text-classification');
    expect(record).toMatchObject({
      id: 'hub:owner/model@v1',
      files: [],
      remote: { host: 'https://hub.test', repo: 'owner/model', revision: 'v1' },
    });
    expect((await engine.models()).map((model) => model.id)).toEqual(['alpha', 'hub:owner/model@v1']);
    const run = await ask('wasm', 'q8', record.id);
    expect(run.loads[0]?.files).toEqual([hubRead]);
    const report = await engine.hubCache();
    expect(report).toEqual({
      host: 'https://hub.test',
      enabled: true,
      files: [{ url: 'https://hub.test/o/m/resolve/main/config.json', bytes: 9 }],
      lastLoad: { modelId: 'hub:owner/model@v1', files: [hubRead] },
    });
    await engine.clearHubCache();
    expect(events.at(-1)).toBe('cache cleared');
  });
});
