// Measures one benchmark cell (one model on one backend) inside the worker, with its phases kept
// apart: fetch (network or HTTP cache) + integrity check, session creation, first inference, warm-up
// and steady-state inferences (outputs read back inside the timing), then, untimed, the reference
// outputs for agreement and a second, verbose session for node placement and the operator profile.

import type { BackendId } from '../core/backends';
import type { Capabilities } from '../runtimes/capabilities';
import { captureConsole } from '../runtimes/ort/console-capture';
import { errorMessage } from '../core/errors';
import type { ModelStore } from '../catalog/model-store';
import { parseNodePlacement, parseProfile } from '../runtimes/ort/ort-diagnostics';
import type { ModelRuntime } from '../runtimes/runtime';
import { findModel, modelFile } from '../catalog/model-record';
import type { BackendConfig, BenchCell, NodePlacement, OperatorTime } from '../bench/run-record';
import { buildWorkloadInput, type InputAssets } from '../task-kit/workload-inputs';
import { createWorkload, type ReferenceOutputs, type Workload, type WorkloadInput } from '../task-kit/workloads';
import type { TensorRunner } from '../core/tensor';

export interface BenchCellRequest {
  readonly modelId: string;
  readonly backendConfig: BackendConfig;
  readonly warmupRuns: number;
  readonly runs: number;
  readonly timeBudgetMs?: number;
  readonly profileOperators: boolean;
  readonly detectionSizePx: number;
}

/** What the worker measured; the page adds statistics, agreement and memory to make a BenchCell. */
export type BenchCellResult = Pick<
  BenchCell,
  | 'status'
  | 'reason'
  | 'inputDescription'
  | 'phases'
  | 'warmupMs'
  | 'samplesMs'
  | 'placement'
  | 'operatorTimes'
  | 'softwareAdapter'
> & {
  /** The input and the outputs on it, for agreement across backends and the native reference. */
  readonly reference?: ReferenceOutputs;
  readonly input?: WorkloadInput;
};

export interface BenchProgress {
  readonly phase: 'fetch' | 'session' | 'first' | 'warmup' | 'steady' | 'reference' | 'profile';
  readonly done: number;
  readonly total: number;
}

export interface CellRunnerDeps {
  readonly runtime: ModelRuntime;
  readonly store: ModelStore;
  readonly capabilities: Capabilities;
  readonly assets: Omit<InputAssets, 'detectionSizePx'> & { charset(): Promise<string[]> };
  /** True once the user cancelled; checked between inferences. */
  readonly cancelled: () => boolean;
}

/** ORT's name for the provider each backend asks for, to count nodes that fell back to the CPU. */
const REQUESTED_PROVIDER: Readonly<Record<BackendId, string>> = {
  wasm: 'CPUExecutionProvider',
  webgpu: 'JsExecutionProvider',
  webnn: 'WebNNExecutionProvider',
};

/** How often, at most, a cell lets the worker's event loop see a cancel request. */
const CANCEL_CHECK_MS = 100;

/** Profiled runs in the diagnostic session; the first one includes any shader compilation. */
const PROFILED_RUNS = 2;

class Cancelled extends Error {}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
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

export async function runBenchCell(
  request: BenchCellRequest,
  deps: CellRunnerDeps,
  report: (progress: BenchProgress) => void,
): Promise<BenchCellResult> {
  const onProgress = throttled(report);
  const { backend } = request.backendConfig;
  const status = deps.capabilities.backends[backend];
  const softwareAdapter = backend === 'webgpu' && deps.capabilities.webgpuAdapter?.software === true;
  const empty = { inputDescription: '', warmupMs: [], samplesMs: [], softwareAdapter };
  if (!status.available)
    return { ...empty, status: 'skipped', reason: status.reason ?? `${backend} is unavailable` };
  try {
    return await measure(request, deps, onProgress, softwareAdapter);
  } catch (error) {
    if (error instanceof Cancelled) return { ...empty, status: 'skipped', reason: 'cancelled' };
    return { ...empty, status: 'failed', reason: errorMessage(error) };
  }
}

async function measure(
  request: BenchCellRequest,
  deps: CellRunnerDeps,
  onProgress: (progress: BenchProgress) => void,
  softwareAdapter: boolean,
): Promise<BenchCellResult> {
  const { backend } = request.backendConfig;
  const model = findModel(request.modelId);
  const label = `${model.displayName} (${model.id})`;
  // ORT's runs resolve through microtasks, so the worker would never see the page's cancel message;
  // a macrotask now and then (outside any timing) lets it in.
  let lastYield = performance.now();
  const stopIfCancelled = async () => {
    if (performance.now() - lastYield > CANCEL_CHECK_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
    }
    if (deps.cancelled()) throw new Cancelled();
  };

  onProgress({ phase: 'fetch', done: 0, total: 1 });
  const fetched = await deps.store.fetchFile(model, modelFile(model, 'model'), undefined, true);
  onProgress({ phase: 'session', done: 0, total: 1 });
  const session = await deps.runtime.createSession(fetched.bytes, backend, label);
  const warmupMs: number[] = [];
  const samplesMs: number[] = [];
  let reference: ReferenceOutputs;
  let firstInferenceMs: number;
  let inputDescription: string;
  const input = await buildWorkloadInput(model, { ...deps.assets, detectionSizePx: request.detectionSizePx });
  const charset = model.task === 'ocr-recognition' ? await deps.assets.charset() : undefined;
  try {
    const workload = createWorkload(model, session, input, charset);
    inputDescription = workload.inputDescription;
    onProgress({ phase: 'first', done: 0, total: 1 });
    firstInferenceMs = await timed(() => workload.runOnce());
    for (let run = 0; run < request.warmupRuns; run++) {
      await stopIfCancelled();
      warmupMs.push(await timed(() => workload.runOnce()));
      onProgress({ phase: 'warmup', done: run + 1, total: request.warmupRuns });
    }
    const budgetEnds =
      request.timeBudgetMs === undefined ? Infinity : performance.now() + request.timeBudgetMs;
    while (samplesMs.length < request.runs && (samplesMs.length === 0 || performance.now() < budgetEnds)) {
      await stopIfCancelled();
      samplesMs.push(await timed(() => workload.runOnce()));
      onProgress({ phase: 'steady', done: samplesMs.length, total: request.runs });
    }
    onProgress({ phase: 'reference', done: 0, total: 1 });
    reference = await workload.referenceOutputs();
  } finally {
    await session.release();
  }

  const diagnostics = request.profileOperators
    ? await diagnose(
        request,
        deps,
        fetched.bytes,
        label,
        (runner) => createWorkload(model, runner, input, charset),
        onProgress,
      )
    : undefined;
  return {
    status: 'ok',
    inputDescription,
    phases: {
      fetchMs: fetched.fetchMs,
      fetchSource: fetched.source,
      createSessionMs: session.info.createMs,
      firstInferenceMs,
    },
    warmupMs,
    samplesMs,
    reference,
    input,
    softwareAdapter,
    ...diagnostics,
  };
}

/** A separate verbose, profiled session, so logging and profiling never touch the timed numbers. */
async function diagnose(
  request: BenchCellRequest,
  deps: CellRunnerDeps,
  bytes: Uint8Array,
  label: string,
  workloadOn: (runner: TensorRunner) => Workload,
  onProgress: (progress: BenchProgress) => void,
): Promise<{ placement: NodePlacement; operatorTimes: OperatorTime[] }> {
  const { backend } = request.backendConfig;
  onProgress({ phase: 'profile', done: 0, total: PROFILED_RUNS });
  const session = await deps.runtime.createDiagnosticSession(bytes, backend, label);
  try {
    const workload = workloadOn(session);
    for (let run = 0; run < PROFILED_RUNS; run++) {
      // Verbose sessions log every run; keep that out of the user's console.
      await captureConsole(() => workload.runOnce());
      onProgress({ phase: 'profile', done: run + 1, total: PROFILED_RUNS });
    }
    const profile = await session.endProfiling();
    return {
      placement: parseNodePlacement(session.creationLog, REQUESTED_PROVIDER[backend]),
      operatorTimes: parseProfile(profile),
    };
  } finally {
    await session.release();
  }
}
