// Checks how runBenchCell measures one cell, with a scripted runtime whose runs move a fake clock by set
// durations: the phases kept apart (first run out of the samples), the build and session options passed to
// the runtime, the time budget, cancellation, skipped and failed cells, the diagnostic session for
// placement and profile, the throttled progress, sub-millisecond runs timed in batches (readied untimed),
// and the pause with the session alive in which the page reads memory.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackendConfig } from '../core/backend-config';
import { createCatalog, staticSource } from '../catalog/catalog';
import type { FetchedFile } from '../catalog/model-store';
import type { Capabilities } from '../runtimes/capabilities';
import type { NodePlacement, OperatorTime } from '../runtimes/diagnostics';
import type { TensorRunner } from '../core/tensor';
import type { TaskEvaluation } from '../task-kit/evaluation';
import { taskHandle, type AnyTask } from '../task-kit/task';
import {
  callsPerSample,
  runBenchCell,
  type BenchCellRequest,
  type BenchProgress,
  type CellRunnerDeps,
} from './cell-runner';
import {
  installFakeClock,
  SCRIPTED_INPUT_DESCRIPTION,
  scriptedBenchmark,
  ScriptedRuntime,
  softwareAdapter,
  testCapabilities,
  testModel,
  type FakeClock,
  type RuntimeScript,
} from './scripted-runtime';

const MODEL = testModel('scripted-model');
/** The model's bytes; the scripted sessions answer with the first one, 42. */
const MODEL_BYTES = Uint8Array.of(42, 1, 2, 3);

const TASK: AnyTask = {
  handle: taskHandle('test-task'),
  models: [MODEL],
  run: async () => {
    throw new Error('a benchmark never runs the task itself');
  },
  prepare: async () => {
    throw new Error('a benchmark never prepares the task');
  },
  benchmark: scriptedBenchmark(),
};

const WASM_2T: BackendConfig = { id: 'wasm-2t', backend: 'wasm', threads: 2 };
const WEBGPU: BackendConfig = { id: 'webgpu', backend: 'webgpu', threads: 4 };

function cellRequest(changes: Partial<BenchCellRequest> = {}): BenchCellRequest {
  return {
    modelId: MODEL.id,
    backendConfig: WASM_2T,
    warmupRuns: 2,
    runs: 3,
    profileOperators: false,
    detectionSizePx: 640,
    evaluate: false,
    ...changes,
  };
}

let clock: FakeClock;

beforeEach(() => {
  clock = installFakeClock();
});

afterEach(() => {
  vi.restoreAllMocks();
});

interface Harness {
  readonly runtime: ScriptedRuntime;
  readonly deps: CellRunnerDeps;
  readonly progress: BenchProgress[];
  fetches: number;
}

function harness(
  script: RuntimeScript,
  options: { capabilities?: Capabilities; cancelled?: (runtime: ScriptedRuntime) => boolean } = {},
): Harness {
  const runtime = new ScriptedRuntime(clock, script);
  const fetched: FetchedFile = { bytes: MODEL_BYTES, fetchMs: 17.25, source: 'http-cache' };
  const h: Harness = {
    runtime,
    progress: [],
    fetches: 0,
    deps: {
      runtime,
      catalog: createCatalog([staticSource('test', [MODEL])]),
      tasks: [TASK],
      fetchModel: async (model) => {
        expect(model).toBe(MODEL);
        h.fetches++;
        return { file: MODEL.files[0]!, loaded: fetched };
      },
      files: {
        modelFile: () => Promise.reject(new Error('not used')),
        appFile: () => Promise.reject(new Error('not used')),
        memo: (_key, make) => make(),
      },
      capabilities: options.capabilities ?? testCapabilities(),
      cancelled: () => options.cancelled?.(runtime) ?? false,
    },
  };
  return h;
}

function run(h: Harness, request: BenchCellRequest) {
  return runBenchCell(request, h.deps, (progress) => h.progress.push(progress));
}

describe('runBenchCell phases', () => {
  it('keeps fetch, session creation and the first run apart from the warm-up and steady samples', async () => {
    const h = harness({ startMs: 800, createMs: 123.5, runMs: [9, 5, 7, 6, 8, 4, 3] });
    const cell = await run(h, cellRequest({ warmupRuns: 2, runs: 3 }));
    expect(cell).toEqual({
      status: 'ok',
      inputDescription: SCRIPTED_INPUT_DESCRIPTION,
      phases: {
        runtimeStartMs: 800,
        fetchMs: 17.25,
        fetchSource: 'http-cache',
        createSessionMs: 123.5,
        firstInferenceMs: 9,
      },
      warmupMs: [5, 7],
      samplesMs: [6, 8, 4],
      // The fake clock stands still between runs, so no resolution is seen; runs of 1 ms or more go one per sample.
      callsPerSample: 1,
      timer: { crossOriginIsolated: true },
      reference: { tensors: { y: Float32Array.of(42) }, task: { kind: 'class', label: 'class 42' } },
      input: { kind: 'speech', samples16k: Float32Array.of(0.25, 0.5) },
      softwareAdapter: false,
      modelFile: { name: 'model.onnx', sha256: '0'.repeat(64), bytes: 4 },
      runtimeBuild: 'scripted',
      setupSnippet: 'scripted setup for wasm-2t with 2 threads',
    });
    // One timed session on the request's backend: first + 2 warm-up + 3 steady + 1 reference run.
    expect(h.runtime.sessions).toMatchObject([{ kind: 'timed', backend: 'wasm', runs: 7, releases: 1 }]);
    expect(h.fetches).toBe(1);
  });

  it('charges the runtime start to the first cell of a backend and build only, before the session', async () => {
    const h = harness({ startMs: 800, createMs: 50 });
    const first = await run(h, cellRequest({}));
    const second = await run(h, cellRequest({}));
    const otherBuild: BackendConfig = { id: 'wasm-2t@fast', backend: 'wasm', threads: 2, build: 'fast' };
    const third = await run(h, cellRequest({ backendConfig: otherBuild }));
    expect([first, second, third].map((cell) => cell.phases?.runtimeStartMs)).toEqual([800, 0, 800]);
    expect([first, second, third].map((cell) => cell.phases?.createSessionMs)).toEqual([50, 50, 50]);
    expect(h.runtime.events.slice(0, 2)).toEqual(['start wasm@default', 'create timed#1 wasm']);
    expect(h.runtime.started).toEqual(['wasm@default', 'wasm@fast']);
  });

  it('fails the cell with the reason when the runtime cannot start, and creates no session', async () => {
    const h = harness({ startError: new Error('no wasm here') });
    const cell = await run(h, cellRequest({}));
    expect(cell.status).toBe('failed');
    expect(cell.reason).toContain('no wasm here');
    expect(h.runtime.sessions).toEqual([]);
  });

  it('asks the runtime for the build the backend config names, for the timed and the profiled session', async () => {
    const h = harness({});
    const backendConfig: BackendConfig = { id: 'wasm-2t@fast', backend: 'wasm', threads: 2, build: 'fast' };
    const cell = await run(h, cellRequest({ backendConfig, profileOperators: true }));
    expect(cell.status).toBe('ok');
    expect(cell.runtimeBuild).toBe('fast');
    expect(h.runtime.sessions.map((session) => [session.kind, session.build])).toEqual([
      ['timed', 'fast'],
      ['diagnostic', 'fast'],
    ]);
  });

  it('passes the session options the backend config names to the timed and the profiled session', async () => {
    const h = harness({});
    const backendConfig: BackendConfig = {
      id: 'wasm-2t@fast~opt=basic~mempattern=on',
      backend: 'wasm',
      threads: 2,
      build: 'fast',
      options: { opt: 'basic', mempattern: 'on' },
    };
    const cell = await run(h, cellRequest({ backendConfig, profileOperators: true }));
    expect(cell.status).toBe('ok');
    expect(cell.setupSnippet).toBe('scripted setup for wasm-2t@fast~opt=basic~mempattern=on with 2 threads');
    expect(h.runtime.sessions.map((session) => [session.kind, session.build, session.options])).toEqual([
      ['timed', 'fast', { opt: 'basic', mempattern: 'on' }],
      ['diagnostic', 'fast', { opt: 'basic', mempattern: 'on' }],
    ]);
  });

  it('asks for no session options when the backend config has none', async () => {
    const h = harness({});
    await run(h, cellRequest({ profileOperators: true }));
    expect(h.runtime.sessions.map((session) => session.options)).toEqual([undefined, undefined]);
  });

  it('runs the reference outputs after the steady runs, untimed', async () => {
    // The eighth run (the reference) takes 1000 ms; none of the measured numbers may contain it.
    const h = harness({ runMs: [9, 5, 7, 6, 8, 4, 1000] });
    const cell = await run(h, cellRequest());
    expect(cell.phases?.firstInferenceMs).toBe(9);
    expect(cell.warmupMs).toEqual([5, 7]);
    expect(cell.samplesMs).toEqual([6, 8, 4]);
    expect(h.runtime.sessions[0]?.runs).toBe(7);
  });
});

describe('runBenchCell time budget', () => {
  it('stops the steady runs once the budget is spent, with fewer samples than asked', async () => {
    // Budget 100 ms from the end of warm-up; runs of 40 ms: samples end at 40, 80, 120 ms.
    const h = harness({ defaultRunMs: 40 });
    const cell = await run(h, cellRequest({ warmupRuns: 1, runs: 10, timeBudgetMs: 100 }));
    expect(cell.status).toBe('ok');
    expect(cell.samplesMs).toEqual([40, 40, 40]);
  });

  it('takes one sample even when a single run outlasts the budget', async () => {
    const h = harness({ defaultRunMs: 40 });
    const cell = await run(h, cellRequest({ warmupRuns: 1, runs: 10, timeBudgetMs: 10 }));
    expect(cell.status).toBe('ok');
    expect(cell.samplesMs).toEqual([40]);
  });
});

describe('runBenchCell cancellation', () => {
  it('comes back skipped as cancelled after the inference during which the user cancelled, and releases the session', async () => {
    // Cancelled once the 5th inference (first, 2 warm-up, 2 steady) has run; runs of 60 ms also make the
    // runner yield to the event loop (every 100 ms) along the way.
    const h = harness({ defaultRunMs: 60 }, { cancelled: (runtime) => runtime.timedRuns >= 5 });
    const cell = await run(h, cellRequest({ warmupRuns: 2, runs: 10, profileOperators: true }));
    expect(cell).toEqual({
      status: 'skipped',
      reason: 'cancelled',
      inputDescription: '',
      warmupMs: [],
      samplesMs: [],
      softwareAdapter: false,
    });
    expect(h.runtime.timedRuns).toBe(5);
    // The timed session released once, and no diagnostic session for a cancelled cell.
    expect(h.runtime.sessions).toMatchObject([{ kind: 'timed', releases: 1 }]);
  });

  it('lets a cancel request that arrives as a macrotask in while runs resolve through microtasks only', async () => {
    let cancelRequested = false;
    const h = harness({ defaultRunMs: 60 }, { cancelled: () => cancelRequested });
    const pending = run(h, cellRequest({ warmupRuns: 0, runs: 1000 }));
    // The page's cancel message: a macrotask, which runs only if the cell yields to the event loop.
    setTimeout(() => {
      cancelRequested = true;
    }, 0);
    const cell = await pending;
    expect(cell.status).toBe('skipped');
    expect(cell.reason).toBe('cancelled');
    expect(h.runtime.timedRuns).toBeLessThan(1000);
    expect(h.runtime.unreleased()).toEqual([]);
  });

  it('does not yield to the event loop while less than 100 ms have passed on the clock', async () => {
    // 50 inferences of 1 ms: 50 ms in all, so no yield and a macrotask cancel comes too late.
    let cancelRequested = false;
    const h = harness({ defaultRunMs: 1 }, { cancelled: () => cancelRequested });
    const pending = run(h, cellRequest({ warmupRuns: 0, runs: 49 }));
    setTimeout(() => {
      cancelRequested = true;
    }, 0);
    const cell = await pending;
    expect(cell.status).toBe('ok');
    expect(cell.samplesMs).toHaveLength(49);
  });
});

describe('runBenchCell skipped and failed cells', () => {
  it('skips a cell whose backend is unavailable, with the reason, without fetching or creating a session', async () => {
    const reason = 'WebGPU is present but no GPU adapter was granted.';
    const h = harness({}, { capabilities: testCapabilities({ webgpu: { available: false, reason } }) });
    const cell = await run(h, cellRequest({ backendConfig: WEBGPU }));
    expect(cell).toEqual({
      status: 'skipped',
      reason,
      inputDescription: '',
      warmupMs: [],
      samplesMs: [],
      softwareAdapter: false,
    });
    expect(h.fetches).toBe(0);
    expect(h.runtime.sessions).toEqual([]);
  });

  it('gives an unavailable backend without a reason a reason naming the backend', async () => {
    const h = harness({}, { capabilities: testCapabilities({ webnn: { available: false } }) });
    const cell = await run(h, cellRequest({ backendConfig: { id: 'webnn', backend: 'webnn', threads: 1 } }));
    expect(cell.status).toBe('skipped');
    expect(cell.reason).toContain('webnn');
  });

  it('marks WebGPU cells measured on a software adapter, and only WebGPU cells', async () => {
    const capabilities = testCapabilities({}, softwareAdapter());
    const webgpuCell = await run(harness({}, { capabilities }), cellRequest({ backendConfig: WEBGPU }));
    expect(webgpuCell.status).toBe('ok');
    expect(webgpuCell.softwareAdapter).toBe(true);
    const wasmCell = await run(harness({}, { capabilities }), cellRequest({ backendConfig: WASM_2T }));
    expect(wasmCell.status).toBe('ok');
    expect(wasmCell.softwareAdapter).toBe(false);
  });

  it('fails with the runtime’s message when the session cannot be created', async () => {
    const h = harness({ createError: new Error('Out of GPU memory while creating the session') });
    const cell = await run(h, cellRequest());
    expect(cell).toEqual({
      status: 'failed',
      reason: 'Out of GPU memory while creating the session',
      inputDescription: '',
      warmupMs: [],
      samplesMs: [],
      softwareAdapter: false,
    });
    expect(h.runtime.sessions).toEqual([]);
  });

  it('fails when a steady run throws, keeps no samples, still releases the session and does not profile', async () => {
    // first (1), warm-up (2), steady (3, then 4 throws).
    const h = harness({ defaultRunMs: 5, failOnRun: 4 });
    const cell = await run(h, cellRequest({ warmupRuns: 1, runs: 5, profileOperators: true }));
    expect(cell.status).toBe('failed');
    expect(cell.reason).toBe('scripted failure on run 4');
    expect(cell.samplesMs).toEqual([]);
    expect(cell.phases).toBeUndefined();
    expect(h.runtime.sessions).toMatchObject([{ kind: 'timed', releases: 1 }]);
  });

  it('fails without creating a session when the benchmark input cannot be built', async () => {
    const h = harness({});
    const task = h.deps.tasks[0]!;
    const broken: AnyTask = {
      ...task,
      benchmark: { ...task.benchmark!, input: () => Promise.reject(new Error('no canvas here')) },
    };
    const cell = await runBenchCell(cellRequest(), { ...h.deps, tasks: [broken] }, () => {});
    expect(cell).toMatchObject({ status: 'failed', reason: 'no canvas here' });
    expect(h.runtime.sessions).toEqual([]);
  });

  it('fails, naming the id, for a model no catalog source knows', async () => {
    const h = harness({});
    const cell = await run(h, cellRequest({ modelId: 'no-such-model' }));
    expect(cell.status).toBe('failed');
    expect(cell.reason).toContain('"no-such-model"');
    expect(h.fetches).toBe(0);
    expect(h.runtime.sessions).toEqual([]);
  });
});

describe('runBenchCell operator profile', () => {
  const placement: NodePlacement = {
    providers: [{ provider: 'webgpu', nodeCount: 7, opCounts: { Conv: 5, Relu: 2 } }],
    cpuFallbackNodes: 1,
  };
  const operatorTimes: OperatorTime[] = [{ opType: 'Conv', provider: 'webgpu', totalMs: 3.5, calls: 10 }];

  it('profiles in a second session, created after the timed one is released, and releases it', async () => {
    const h = harness({ defaultRunMs: 5, placement, operatorTimes });
    const cell = await run(h, cellRequest({ backendConfig: WEBGPU, profileOperators: true }));
    expect(cell.status).toBe('ok');
    expect(cell.placement).toEqual(placement);
    expect(cell.operatorTimes).toEqual(operatorTimes);
    expect(h.runtime.events).toEqual([
      'start webgpu@default',
      'create timed#1 webgpu',
      'release timed#1',
      'create diagnostic#2 webgpu',
      'end profiling diagnostic#2',
      'release diagnostic#2',
    ]);
    // The profiled runs are not timed samples.
    expect(cell.samplesMs).toEqual([5, 5, 5]);
    expect(h.runtime.sessions[1]?.runs).toBeGreaterThan(0);
  });

  it('creates no diagnostic session when the operator profile is not asked for', async () => {
    const h = harness({ placement, operatorTimes });
    const cell = await run(h, cellRequest({ profileOperators: false }));
    expect(cell.status).toBe('ok');
    expect(cell.placement).toBeUndefined();
    expect(cell.operatorTimes).toBeUndefined();
    expect(h.runtime.sessions.map((session) => session.kind)).toEqual(['timed']);
  });
});

describe('runBenchCell progress', () => {
  it('reports every phase in order, at most every 250 ms of clock within a phase, and always its end', async () => {
    // Every timed run takes 100 ms. Clock at each report: start, fetch, session, first at 0; warm-up 1..3 at
    // 200, 300, 400; steady 1..6 at 500..1000; loaded and reference at 1000; profile at 1100 (its runs take 0 ms).
    // Within warm-up, 300 is 100 ms after 200: dropped. Within steady, 600 and 700 are dropped (100 and
    // 200 ms after 500), 800 is kept (300 ms), 900 dropped, 1000 is the phase's end. Profile 1/2 is 0 ms
    // after 0/2: dropped.
    const h = harness({ defaultRunMs: 100 });
    await run(h, cellRequest({ warmupRuns: 3, runs: 6, profileOperators: true }));
    expect(h.progress).toEqual([
      { phase: 'start', done: 0, total: 1 },
      { phase: 'fetch', done: 0, total: 1 },
      { phase: 'session', done: 0, total: 1 },
      { phase: 'first', done: 0, total: 1 },
      { phase: 'warmup', done: 1, total: 3 },
      { phase: 'warmup', done: 3, total: 3 },
      { phase: 'steady', done: 1, total: 6 },
      { phase: 'steady', done: 4, total: 6 },
      { phase: 'steady', done: 6, total: 6 },
      { phase: 'loaded', done: 0, total: 1 },
      { phase: 'reference', done: 0, total: 1 },
      { phase: 'profile', done: 0, total: 2 },
      { phase: 'profile', done: 2, total: 2 },
    ]);
  });
});

/** The test task, its workload logging "prepare <calls>" (untimed) and "run" (timed) in order. */
function loggingTask(log: string[]): AnyTask {
  const base = scriptedBenchmark();
  return {
    ...TASK,
    benchmark: {
      ...base,
      workload: async (model, runner, input, files) => {
        const workload = await base.workload(model, runner, input, files);
        return {
          ...workload,
          prepareRuns: (calls) => log.push(`prepare ${calls}`),
          runOnce: async () => {
            log.push('run');
            await workload.runOnce();
          },
        };
      },
    },
  };
}

describe('callsPerSample', () => {
  it('is 1 from 1 ms up, else enough calls for 2 ms, at most 1000', () => {
    expect(callsPerSample(25)).toBe(1);
    expect(callsPerSample(1)).toBe(1);
    expect(callsPerSample(0.999)).toBe(3);
    expect(callsPerSample(0.5)).toBe(4);
    expect(callsPerSample(0.3)).toBe(7);
    expect(callsPerSample(0.0015)).toBe(1000);
    // A call the timer never saw (every warm-up read 0).
    expect(callsPerSample(0)).toBe(1000);
  });
});

describe('runBenchCell batching', () => {
  it('times sub-millisecond runs in batches sized from the warm-up mean, and records the per-call time', async () => {
    // First 0.5 ms, warm-ups 0.25 ms (mean 0.25: 8 calls make 2 ms), then 8 calls of 0.25 ms and 8 of 0.5 ms.
    const runMs = [0.5, 0.25, 0.25, ...Array<number>(8).fill(0.25), ...Array<number>(8).fill(0.5)];
    const h = harness({ runMs });
    const log: string[] = [];
    const cell = await runBenchCell(
      cellRequest({ warmupRuns: 2, runs: 2 }),
      { ...h.deps, tasks: [loggingTask(log)] },
      () => {},
    );
    expect(cell.phases?.firstInferenceMs).toBe(0.5);
    expect(cell.warmupMs).toEqual([0.25, 0.25]);
    expect(cell.samplesMs).toEqual([0.25, 0.5]);
    expect(cell.callsPerSample).toBe(8);
    // first + 2 warm-ups + 2 × 8 batched + 1 reference run.
    expect(h.runtime.sessions[0]?.runs).toBe(20);
    const eight = Array<string>(8).fill('run');
    expect(log).toEqual([
      ...['prepare 1', 'run', 'prepare 1', 'run', 'prepare 1', 'run'],
      ...['prepare 8', ...eight, 'prepare 8', ...eight],
    ]);
  });

  it('sizes batches from the first run when there are no warm-ups', async () => {
    // 2 / 0.375 = 5.33: 6 calls per sample. Binary fractions, so the clock's sums are exact.
    const h = harness({ runMs: [0.375], defaultRunMs: 0.125 });
    const cell = await run(h, cellRequest({ warmupRuns: 0, runs: 3 }));
    expect(cell.callsPerSample).toBe(6);
    expect(cell.samplesMs).toEqual([0.125, 0.125, 0.125]);
  });
});

describe('runBenchCell while loaded', () => {
  it('waits for whileLoaded after the steady runs, before the reference run and the release, outside every timing', async () => {
    const h = harness({ defaultRunMs: 2, wasmHeapBytes: 3_145_728 });
    const seen: Array<{ runs: number | undefined; releases: number | undefined }> = [];
    const cell = await runBenchCell(
      cellRequest({ warmupRuns: 2, runs: 3 }),
      {
        ...h.deps,
        whileLoaded: async () => {
          seen.push({ runs: h.runtime.sessions[0]?.runs, releases: h.runtime.sessions[0]?.releases });
          clock.advance(500); // a slow memory reading
        },
      },
      () => {},
    );
    // Once, with first + 2 warm-ups + 3 steady runs made and the session not yet released.
    expect(seen).toEqual([{ runs: 6, releases: 0 }]);
    expect(cell.samplesMs).toEqual([2, 2, 2]);
    expect(cell.wasmHeapBytes).toBe(3_145_728);
    expect(h.runtime.sessions[0]).toMatchObject({ runs: 7, releases: 1 });
  });

  it('records no WASM heap when the runtime cannot see one', async () => {
    const cell = await run(harness({}), cellRequest({}));
    expect(cell.status).toBe('ok');
    expect(cell).not.toHaveProperty('wasmHeapBytes');
  });
});

/** The test task with an evaluation that runs the model once on its session and logs when it ran. */
function evaluatedTask(log: string[], fail = false): AnyTask {
  const evaluation: TaskEvaluation<TensorRunner> = {
    evaluate: async (_model, runner, _files, onProgress) => {
      log.push('evaluate');
      if (fail) throw new Error('no canvas here');
      await runner.run({ x: { type: 'float32', data: Float32Array.of(1, 2), dims: [2] } });
      onProgress(1, 1);
      return {
        result: { set: 'one item', items: 1, scores: [{ metric: 'accuracy', value: 1, against: 'truth' }] },
        outputs: { kind: 'labels', labels: ['a'] },
      };
    },
  };
  return { ...TASK, benchmark: { ...scriptedBenchmark(), evaluation } };
}

describe('runBenchCell evaluation', () => {
  it('scores the model on the session after the timed runs, untimed, before the session is released', async () => {
    // The evaluation's run takes 1000 ms on the clock; no measured number may contain it.
    const h = harness({ runMs: [9, 5, 7, 6, 8, 4, 3, 1000] });
    const log: string[] = [];
    const cell = await runBenchCell(
      cellRequest({ evaluate: true }),
      { ...h.deps, tasks: [evaluatedTask(log)] },
      (progress) => h.progress.push(progress),
    );
    expect(cell.samplesMs).toEqual([6, 8, 4]);
    expect(cell.evaluated?.durationMs).toBe(1000);
    expect(cell.evaluated?.run?.result.set).toBe('one item');
    expect(h.runtime.sessions[0]?.runs).toBe(8);
    expect(h.runtime.events.at(-1)).toBe('release timed#1');
    expect(h.progress.filter((p) => p.phase === 'evaluate').map((p) => p.done)).toEqual([0, 1]);
  });

  it('does not evaluate unless asked', async () => {
    const log: string[] = [];
    const h = harness({ runMs: [9, 5, 7, 6, 8, 4, 3] });
    const cell = await runBenchCell(cellRequest(), { ...h.deps, tasks: [evaluatedTask(log)] }, () => {});
    expect(log).toEqual([]);
    expect(cell.evaluated).toBeUndefined();
  });

  it('records a failed evaluation with its reason and keeps the timings', async () => {
    const h = harness({ runMs: [9, 5, 7, 6, 8, 4, 3] });
    const cell = await runBenchCell(
      cellRequest({ evaluate: true }),
      { ...h.deps, tasks: [evaluatedTask([], true)] },
      () => {},
    );
    expect(cell.status).toBe('ok');
    expect(cell.samplesMs).toEqual([6, 8, 4]);
    expect(cell.evaluated).toEqual({ durationMs: 0, error: 'no canvas here' });
  });

  it('has nothing to record for a task without an evaluation set', async () => {
    const h = harness({ runMs: [9, 5, 7, 6, 8, 4, 3] });
    const cell = await run(h, cellRequest({ evaluate: true }));
    expect(cell.evaluated).toBeUndefined();
  });
});
