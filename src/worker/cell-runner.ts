// Measures one benchmark cell (one model on one backend) inside the worker, with its phases kept
// apart: the runtime's start for the backend (paid by the first cell that needs it, 0 after),
// fetch (network or HTTP cache) + integrity check, session creation, first inference, warm-up
// and steady-state inferences (outputs read back inside the timing; sub-millisecond calls timed in
// batches, the per-call figure derived), a pause with the session still alive so the page can read
// memory, then, untimed, the reference outputs for agreement and a second, diagnostic session for node
// placement and the operator profile.
// The runtime, the model's task and the files are passed in: nothing here knows ORT or a task.

import type { BackendConfig } from '../core/backend-config';
import { errorMessage } from '../core/errors';
import { timed, timerResolutionMs } from '../core/timing';
import type { ModelCatalog } from '../catalog/catalog';
import type { ModelFile, ModelRecord } from '../catalog/model-record';
import type { FetchedFile } from '../catalog/model-store';
import type { Capabilities } from '../runtimes/capabilities';
import type { NodePlacement, OperatorTime } from '../runtimes/diagnostics';
import type { ModelRuntime, SessionSettings } from '../runtimes/runtime';
import type { TensorRunner } from '../core/tensor';
import { benchSubject, subjectModelFile, type BenchSubject } from '../catalog/bench-subject';
import type { PipelineRuntime } from '../runtimes/pipeline-runtime';
import {
  benchmarkOf,
  type AnyTask,
  type PipelineBenchmark,
  type SessionBenchmark,
  type TaskFiles,
} from '../task-kit/task';
import type { EvaluationRun, TaskEvaluation } from '../task-kit/evaluation';
import type { ReferenceOutputs, Workload, WorkloadInput } from '../task-kit/workload';
import type { CellMeasurement } from './cell-measurement';

export interface BenchCellRequest {
  readonly modelId: string;
  readonly backendConfig: BackendConfig;
  readonly warmupRuns: number;
  readonly runs: number;
  readonly timeBudgetMs?: number;
  readonly profileOperators: boolean;
  readonly detectionSizePx: number;
  /** Also score the model on its task's evaluation set, untimed, after the timed runs. */
  readonly evaluate: boolean;
}

/** A cell's evaluation on its task's set: the run (scores and outputs), or why it failed; how long it took. */
export interface CellEvaluation {
  readonly durationMs: number;
  readonly run?: EvaluationRun;
  readonly error?: string;
}

/** What the worker measured; the page adds statistics, agreement and memory to make a BenchCell. */
export type BenchCellResult = CellMeasurement & {
  /** The input and the outputs on it, for agreement across backends and the native reference. */
  readonly reference?: ReferenceOutputs;
  readonly input?: WorkloadInput;
  /** The runtime's WASM heap with the session alive (the page files it under the cell's memory). */
  readonly wasmHeapBytes?: number;
  /** Set when the request asked for it and the model's task has an evaluation set. */
  readonly evaluated?: CellEvaluation;
};

export interface BenchProgress {
  readonly phase:
    | 'start'
    | 'fetch'
    | 'session'
    | 'first'
    | 'warmup'
    | 'steady'
    | 'loaded'
    | 'reference'
    | 'evaluate'
    | 'profile';
  readonly done: number;
  readonly total: number;
}

export interface CellRunnerDeps {
  readonly runtime: ModelRuntime;
  /** Runs whole pipelines (Transformers.js in the app), for models whose task benchmarks a pipeline. */
  readonly pipelines?: PipelineRuntime;
  readonly catalog: ModelCatalog;
  readonly tasks: readonly AnyTask[];
  /** The file a session loads (readSessionModel), fetched afresh (network or HTTP cache, not memory) and checked. */
  readonly fetchModel: (
    model: ModelRecord,
  ) => Promise<{ readonly file: ModelFile; readonly loaded: FetchedFile }>;
  readonly files: TaskFiles;
  readonly capabilities: Capabilities;
  /** True once the user cancelled; checked between inferences. */
  readonly cancelled: () => boolean;
  /** Called once after the steady runs with the session (or pipeline) still alive; the cell waits for
   * it, so the page can read memory while the model is loaded. */
  readonly whileLoaded?: () => Promise<void>;
}

/** A call under this (estimated from the warm-up runs) is timed in batches: one sample is k calls. */
export const BATCH_BELOW_MS = 1;
/** A batch is made this long, at least, so the timer's resolution (100 µs without cross-origin
 * isolation) is at most 5% of a sample. */
export const BATCH_SAMPLE_MS = 2;
/** Calls per sample at most, for calls too quick for the timer to see at all. */
export const MAX_CALLS_PER_SAMPLE = 1000;

/**
 * How many calls one steady-state sample times: 1 for a call of BATCH_BELOW_MS or more, else enough
 * calls for BATCH_SAMPLE_MS by the estimate (at most MAX_CALLS_PER_SAMPLE). The sample recorded is the
 * batch's time divided by that count.
 */
export function callsPerSample(estimatedCallMs: number): number {
  if (estimatedCallMs >= BATCH_BELOW_MS) return 1;
  if (estimatedCallMs <= 0) return MAX_CALLS_PER_SAMPLE;
  return Math.min(MAX_CALLS_PER_SAMPLE, Math.ceil(BATCH_SAMPLE_MS / estimatedCallMs));
}

/** How often, at most, a cell lets the worker's event loop see a cancel request. */
const CANCEL_CHECK_MS = 100;

/** Profiled runs in the diagnostic session; the first one includes any shader compilation. */
const PROFILED_RUNS = 2;

class Cancelled extends Error {}

/** A cell that measured nothing: skipped (unavailable, cancelled) or failed before any sample. */
export function unmeasuredCell(
  status: 'skipped' | 'failed',
  reason: string,
  softwareAdapter = false,
): BenchCellResult {
  return { status, reason, inputDescription: '', warmupMs: [], samplesMs: [], softwareAdapter };
}

/** Progress reaches the page at most this often within a phase: each report re-renders the page, and
 * on a 2-core machine that rendering competes with the inference being timed. */
const PROGRESS_INTERVAL_MS = 250;

function throttled(report: (progress: BenchProgress) => void): (progress: BenchProgress) => void {
  let lastPhase: BenchProgress['phase'] | undefined;
  let lastAt = 0;
  return (progress) => {
    const now = performance.now();
    const phaseEnded = progress.done === progress.total;
    if (progress.phase === lastPhase && !phaseEnded && now - lastAt < PROGRESS_INTERVAL_MS) return;
    lastPhase = progress.phase;
    lastAt = now;
    report(progress);
  };
}

/** The build and session options the config asks for, the same for the timed and the diagnostic session. */
function sessionSettings({ build, options }: BackendConfig): SessionSettings {
  return { ...(build !== undefined ? { build } : {}), ...(options !== undefined ? { options } : {}) };
}

export async function runBenchCell(
  request: BenchCellRequest,
  deps: CellRunnerDeps,
  report: (progress: BenchProgress) => void,
): Promise<BenchCellResult> {
  const onProgress = throttled(report);
  const { backend } = request.backendConfig;
  const status = deps.capabilities.backends[backend];
  const softwareAdapter = backend === 'webgpu' && deps.capabilities.webgpuAdapter?.software === true;
  if (!status.available)
    return unmeasuredCell('skipped', status.reason ?? `${backend} is unavailable`, softwareAdapter);
  try {
    return await measure(request, deps, onProgress, softwareAdapter);
  } catch (error) {
    if (error instanceof Cancelled) return unmeasuredCell('skipped', 'cancelled', softwareAdapter);
    return unmeasuredCell('failed', errorMessage(error), softwareAdapter);
  }
}

/** Lets the worker see a cancel request now and then, and stops the cell once it has come. */
function cancelChecker(cancelled: () => boolean): () => Promise<void> {
  // Runtimes' runs may resolve through microtasks only, so the worker would never see the page's
  // cancel message; a macrotask now and then (outside any timing) lets it in.
  let lastYield = performance.now();
  return async () => {
    if (performance.now() - lastYield > CANCEL_CHECK_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
    }
    if (cancelled()) throw new Cancelled();
  };
}

/** Times `calls` runs of the workload as one sample, readied untimed first; the per-call time. */
async function timedCalls(workload: Workload, calls: number): Promise<number> {
  workload.prepareRuns?.(calls);
  const total = await timed(async () => {
    for (let call = 0; call < calls; call++) await workload.runOnce();
  });
  return total / calls;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The first, warm-up and steady-state runs of a workload, a pause with it loaded, then its reference
 * outputs (untimed). */
async function timeWorkload(
  workload: Workload,
  request: BenchCellRequest,
  deps: CellRunnerDeps,
  stopIfCancelled: () => Promise<void>,
  onProgress: (progress: BenchProgress) => void,
): Promise<{
  firstInferenceMs: number;
  warmupMs: number[];
  samplesMs: number[];
  callsPerSample: number;
  reference: ReferenceOutputs;
  unitsPerRun?: { count: number; unit: string };
  wasmHeapBytes?: number;
}> {
  onProgress({ phase: 'first', done: 0, total: 1 });
  const firstInferenceMs = await timedCalls(workload, 1);
  const warmupMs: number[] = [];
  for (let run = 0; run < request.warmupRuns; run++) {
    await stopIfCancelled();
    warmupMs.push(await timedCalls(workload, 1));
    onProgress({ phase: 'warmup', done: run + 1, total: request.warmupRuns });
  }
  // The warm-up mean, not the median: at 100 µs resolution most single sub-millisecond samples read 0.
  const calls = callsPerSample(warmupMs.length > 0 ? mean(warmupMs) : firstInferenceMs);
  const samplesMs: number[] = [];
  const budgetEnds = request.timeBudgetMs === undefined ? Infinity : performance.now() + request.timeBudgetMs;
  while (samplesMs.length < request.runs && (samplesMs.length === 0 || performance.now() < budgetEnds)) {
    await stopIfCancelled();
    samplesMs.push(await timedCalls(workload, calls));
    onProgress({ phase: 'steady', done: samplesMs.length, total: request.runs });
  }
  const unitsPerRun = workload.unitsPerRun?.();
  onProgress({ phase: 'loaded', done: 0, total: 1 });
  const wasmHeapBytes = deps.runtime.wasmHeapBytes?.();
  await deps.whileLoaded?.();
  onProgress({ phase: 'reference', done: 0, total: 1 });
  return {
    firstInferenceMs,
    warmupMs,
    samplesMs,
    callsPerSample: calls,
    reference: await workload.referenceOutputs(),
    ...(unitsPerRun ? { unitsPerRun } : {}),
    ...(wasmHeapBytes !== undefined ? { wasmHeapBytes } : {}),
  };
}

/** What every measured cell records about its timing: calls per sample and the clock it was read on. */
function timingFacts(
  callsPerSampleUsed: number,
  capabilities: Capabilities,
  wasmHeapBytes: number | undefined,
): Pick<BenchCellResult, 'callsPerSample' | 'timer' | 'wasmHeapBytes'> {
  const resolutionMs = timerResolutionMs();
  return {
    callsPerSample: callsPerSampleUsed,
    timer: {
      ...(resolutionMs !== undefined ? { resolutionMs } : {}),
      crossOriginIsolated: capabilities.crossOriginIsolated,
    },
    ...(wasmHeapBytes !== undefined ? { wasmHeapBytes } : {}),
  };
}

async function measure(
  request: BenchCellRequest,
  deps: CellRunnerDeps,
  onProgress: (progress: BenchProgress) => void,
  softwareAdapter: boolean,
): Promise<BenchCellResult> {
  const subject = benchSubject(deps.catalog, request.modelId);
  const benchmark = benchmarkOf(deps.tasks, subject.model);
  const stopIfCancelled = cancelChecker(deps.cancelled);
  // Built before the session exists, so a failure here leaves nothing to release.
  const input = await benchmark.input(subject.model, deps.files, {
    detectionSizePx: request.detectionSizePx,
  });
  return benchmark.runs === 'pipeline'
    ? measurePipeline(request, deps, subject, benchmark, input, stopIfCancelled, onProgress, softwareAdapter)
    : measureSession(
        request,
        deps,
        subject.model,
        benchmark,
        input,
        stopIfCancelled,
        onProgress,
        softwareAdapter,
      );
}

async function measureSession(
  request: BenchCellRequest,
  deps: CellRunnerDeps,
  model: ModelRecord,
  benchmark: SessionBenchmark,
  input: WorkloadInput,
  stopIfCancelled: () => Promise<void>,
  onProgress: (progress: BenchProgress) => void,
  softwareAdapter: boolean,
): Promise<BenchCellResult> {
  const { backend } = request.backendConfig;
  const label = `${model.displayName} (${model.id})`;
  const settings = sessionSettings(request.backendConfig);
  onProgress({ phase: 'start', done: 0, total: 1 });
  const runtimeStartMs = await timed(() => deps.runtime.start(backend, settings));
  onProgress({ phase: 'fetch', done: 0, total: 1 });
  const { file: sessionFile, loaded: fetched } = await deps.fetchModel(model);
  onProgress({ phase: 'session', done: 0, total: 1 });
  const session = await deps.runtime.createSession(fetched.bytes, backend, label, settings);
  let timings: Awaited<ReturnType<typeof timeWorkload>>;
  let inputDescription: string;
  let evaluation: CellEvaluation | undefined;
  try {
    const workload = await benchmark.workload(model, session, input, deps.files);
    inputDescription = workload.inputDescription;
    timings = await timeWorkload(workload, request, deps, stopIfCancelled, onProgress);
    if (request.evaluate)
      evaluation = await evaluateCell(benchmark.evaluation, model, session, deps.files, onProgress);
  } finally {
    await session.release();
  }
  const { firstInferenceMs, warmupMs, samplesMs, reference } = timings;

  const diagnostics = request.profileOperators
    ? await diagnose(
        request,
        deps,
        fetched.bytes,
        label,
        (runner) => benchmark.workload(model, runner, input, deps.files),
        onProgress,
      )
    : undefined;
  return {
    status: 'ok',
    inputDescription,
    phases: {
      runtimeStartMs,
      fetchMs: fetched.fetchMs,
      fetchSource: fetched.source,
      createSessionMs: session.info.createMs,
      firstInferenceMs,
    },
    warmupMs,
    samplesMs,
    ...timingFacts(timings.callsPerSample, deps.capabilities, timings.wasmHeapBytes),
    reference,
    input,
    ...(evaluation ? { evaluated: evaluation } : {}),
    softwareAdapter,
    modelFile: { name: sessionFile.name, sha256: sessionFile.sha256, bytes: sessionFile.bytes },
    runtimeBuild: session.info.build,
    setupSnippet: deps.runtime.setupSnippet(request.backendConfig),
    ...diagnostics,
  };
}

/** Transformers.js dtypes whose files compute in half precision (WebGPU needs shader-f16 for them). */
const HALF_PRECISION_DTYPES: readonly string[] = ['fp16', 'q4f16'];

/**
 * A whole pipeline (tokenizer or image processor, model, post-processing) in one precision. The
 * pipeline runtime loads it afresh, so its file reads and its session creation are this cell's; the
 * shared ONNX Runtime is started first (its build for the pipeline runtime), so the first cell does
 * not carry that start in its load time. Operator profiles are the session path's; a pipeline has none.
 */
async function measurePipeline(
  request: BenchCellRequest,
  deps: CellRunnerDeps,
  subject: BenchSubject,
  benchmark: PipelineBenchmark,
  input: WorkloadInput,
  stopIfCancelled: () => Promise<void>,
  onProgress: (progress: BenchProgress) => void,
  softwareAdapter: boolean,
): Promise<BenchCellResult> {
  const { backend } = request.backendConfig;
  if (!deps.pipelines) throw new Error(`This engine has no pipeline runtime to run ${subject.id}`);
  if (request.backendConfig.build !== undefined || request.backendConfig.options !== undefined)
    throw new Error(
      `${deps.pipelines.name} chooses its own ONNX Runtime build and session options: benchmark ${subject.id} on a plain backend config`,
    );
  const dtype = subject.dtype ?? 'fp32';
  const adapterFeatures = deps.capabilities.webgpuAdapter?.features ?? [];
  if (
    backend === 'webgpu' &&
    HALF_PRECISION_DTYPES.includes(dtype) &&
    !adapterFeatures.includes('shader-f16')
  )
    return unmeasuredCell(
      'skipped',
      `${dtype} on WebGPU needs the adapter's shader-f16 feature, which this adapter lacks`,
      softwareAdapter,
    );
  const file = subjectModelFile(subject);
  onProgress({ phase: 'start', done: 0, total: 1 });
  const runtimeStartMs = await timed(() => deps.runtime.start(backend, { build: deps.pipelines!.ortBuild }));
  onProgress({ phase: 'session', done: 0, total: 1 });
  const { pipeline, load } = await deps.pipelines.load(benchmark.pipelineKind, subject.model, {
    backend,
    dtype,
  });
  let timings: Awaited<ReturnType<typeof timeWorkload>>;
  let inputDescription: string;
  let evaluation: CellEvaluation | undefined;
  try {
    const workload = await benchmark.workload(subject.model, pipeline, input);
    inputDescription = workload.inputDescription;
    timings = await timeWorkload(workload, request, deps, stopIfCancelled, onProgress);
    if (request.evaluate)
      evaluation = await evaluateCell(benchmark.evaluation, subject.model, pipeline, deps.files, onProgress);
  } finally {
    await pipeline.dispose();
  }
  return {
    status: 'ok',
    inputDescription,
    phases: {
      runtimeStartMs,
      fetchMs: load.fetchMs,
      createSessionMs: Math.max(0, load.totalMs - load.fetchMs),
      firstInferenceMs: timings.firstInferenceMs,
    },
    warmupMs: timings.warmupMs,
    samplesMs: timings.samplesMs,
    ...timingFacts(timings.callsPerSample, deps.capabilities, timings.wasmHeapBytes),
    reference: timings.reference,
    ...(timings.unitsPerRun ? { unitsPerRun: timings.unitsPerRun } : {}),
    input,
    ...(evaluation ? { evaluated: evaluation } : {}),
    softwareAdapter,
    modelFile: { name: file.name, sha256: file.sha256, bytes: file.bytes },
    runtimeBuild: deps.pipelines.ortBuild,
    setupSnippet: deps.pipelines.setupSnippet(benchmark.pipelineKind, subject.model.id, { backend, dtype }),
    pipeline: { runtime: `${deps.pipelines.name} ${deps.pipelines.version}`, dtype, bytes: load.bytes },
  };
}

/**
 * The model scored on its task's evaluation set with the cell's own session (or pipeline), untimed;
 * undefined when the task has no set. A failure is recorded, not thrown: the timings stand without it.
 */
async function evaluateCell<Subject>(
  evaluation: TaskEvaluation<Subject> | undefined,
  model: ModelRecord,
  subject: Subject,
  files: TaskFiles,
  onProgress: (progress: BenchProgress) => void,
): Promise<CellEvaluation | undefined> {
  if (!evaluation) return undefined;
  onProgress({ phase: 'evaluate', done: 0, total: 1 });
  const startedAt = performance.now();
  try {
    const run = await evaluation.evaluate(model, subject, files, (done, total) =>
      onProgress({ phase: 'evaluate', done, total }),
    );
    return { durationMs: performance.now() - startedAt, run };
  } catch (error) {
    return { durationMs: performance.now() - startedAt, error: errorMessage(error) };
  }
}

/** A separate diagnostic session, so logging and profiling never touch the timed numbers. */
async function diagnose(
  request: BenchCellRequest,
  deps: CellRunnerDeps,
  bytes: Uint8Array,
  label: string,
  workloadOn: (runner: TensorRunner) => Promise<Workload>,
  onProgress: (progress: BenchProgress) => void,
): Promise<{ placement: NodePlacement; operatorTimes: OperatorTime[] }> {
  const { backend } = request.backendConfig;
  onProgress({ phase: 'profile', done: 0, total: PROFILED_RUNS });
  const session = await deps.runtime.createDiagnosticSession(
    bytes,
    backend,
    label,
    sessionSettings(request.backendConfig),
  );
  try {
    const workload = await workloadOn(session);
    for (let run = 0; run < PROFILED_RUNS; run++) {
      await workload.runOnce();
      onProgress({ phase: 'profile', done: run + 1, total: PROFILED_RUNS });
    }
    return { placement: session.placement, operatorTimes: await session.endProfiling() };
  } finally {
    await session.release();
  }
}
