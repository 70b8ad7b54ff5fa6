// Runs a whole benchmark from the page: one worker per wasm thread count, every selected model on
// every selected backend, wasm first so it can serve as the reference. It turns each cell the worker
// measured into a BenchCell (statistics, agreement with wasm, memory before the cell, while its model is
// loaded — the worker waits for the page's reading — and after release), watches the main thread for
// long tasks, and returns the run record. Cancelling stops at the next inference.

import type { Capabilities } from '../runtimes/capabilities';
import type { Engine } from '../worker/engine-api';
import { errorMessage } from '../core/errors';
import type { ModelCatalog } from '../catalog/catalog';
import {
  benchSubject,
  benchSubjects,
  fp32ReferenceId,
  orderSubjects,
  subjectModelFile,
  type BenchSubject,
} from '../catalog/bench-subject';
import { evaluationRecord } from './evaluation-cell';
import type { EvaluationRun } from '../task-kit/evaluation';
import { backendConfigFromId, orderForRun } from './backend-configs';
import { recommend } from './recommend';
import type {
  BackendConfig,
  BenchCell,
  BenchConfig,
  BenchEnvironment,
  BenchmarkRun,
  MemoryReading,
} from './run-record';
import { RUN_RECORD_SCHEMA } from './run-record';
import { summarize } from './statistics';
import { agreementWith } from '../task-kit/agreement';
import { benchmarkOf, type AnyTask, type TaskBenchmark } from '../task-kit/task';
import type { ReferenceOutputs, WorkloadInput } from '../task-kit/workload';
import { unmeasuredCell, type BenchCellResult, type BenchProgress } from '../worker/cell-runner';

export interface BenchRunProgress {
  readonly cellIndex: number;
  readonly cellCount: number;
  readonly modelId: string;
  readonly backendConfigId: string;
  readonly cell: BenchProgress;
  /** 0..1 over the whole run. */
  readonly fraction: number;
}

export interface BenchRunDeps {
  /** Starts an engine whose wasm uses `threads` threads; the runner terminates it when done. */
  readonly startEngine: (threads: number) => Promise<Engine & { terminate(): void }>;
  readonly capabilities: Capabilities;
  /** Where the run's model ids are looked up. */
  readonly catalog: ModelCatalog;
  /** The tasks whose agreement checks compare the cells' outputs. */
  readonly tasks: readonly AnyTask[];
  readonly libraries: Readonly<Record<string, string>>;
  /** Called as each cell finishes, with the wasm reference's input and outputs when it is one. */
  readonly onCell?: (cell: BenchCell, reference?: BenchReference) => void;
}

/** A model's benchmark input and the wasm reference's outputs on it (for a native reference run). */
export interface BenchReference {
  readonly backendConfigId: string;
  readonly input: WorkloadInput;
  readonly outputs: ReferenceOutputs;
}

interface MemoryApi {
  measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }>;
}

async function readMemory(): Promise<number | undefined> {
  const api = performance as Performance & MemoryApi;
  if (!api.measureUserAgentSpecificMemory || !crossOriginIsolated) return undefined;
  return (await api.measureUserAgentSpecificMemory()).bytes;
}

function memoryMethod(): string {
  const api = performance as Performance & MemoryApi;
  if (!crossOriginIsolated) return 'unavailable: the page is not cross-origin isolated';
  if (!api.measureUserAgentSpecificMemory)
    return 'unavailable: this browser lacks measureUserAgentSpecificMemory';
  return 'performance.measureUserAgentSpecificMemory (page and its workers), before the cell, with the model loaded (the worker waits) and after release';
}

function environmentOf(
  capabilities: Capabilities,
  libraries: Readonly<Record<string, string>>,
  catalog: ModelCatalog,
): BenchEnvironment {
  const adapter = capabilities.webgpuAdapter;
  return {
    userAgent: capabilities.userAgent,
    hardwareConcurrency: capabilities.hardwareConcurrency,
    crossOriginIsolated: capabilities.crossOriginIsolated,
    webgpu: {
      available: capabilities.backends.webgpu.available,
      ...(capabilities.backends.webgpu.reason ? { reason: capabilities.backends.webgpu.reason } : {}),
      ...(adapter
        ? {
            vendor: adapter.vendor,
            architecture: adapter.architecture,
            description: adapter.description,
            software: adapter.software,
            shaderF16: adapter.features.includes('shader-f16'),
            features: adapter.features,
          }
        : {}),
    },
    webnn: {
      available: capabilities.backends.webnn.available,
      ...(capabilities.backends.webnn.reason ? { reason: capabilities.backends.webnn.reason } : {}),
    },
    libraries,
    modelSha256: Object.fromEntries(
      catalog
        .list()
        .flatMap(benchSubjects)
        .map((subject) => [subject.id, subjectModelFile(subject).sha256]),
    ),
  };
}

/** Watches the main thread for long tasks (over 50 ms) while the benchmark runs. */
function watchLongTasks() {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) durations.push(entry.duration);
  });
  try {
    observer.observe({ type: 'longtask' });
  } catch {
    // Browsers without Long Tasks support report none.
  }
  return () => {
    observer.disconnect();
    return { longTaskCount: durations.length, longestLongTaskMs: Math.max(0, ...durations) };
  };
}

export async function runBenchmark(
  config: BenchConfig,
  deps: BenchRunDeps,
  onProgress: (progress: BenchRunProgress) => void,
  signal: AbortSignal,
): Promise<BenchmarkRun> {
  const startedAt = new Date().toISOString();
  const stopWatching = watchLongTasks();
  const configs = orderForRun(
    config.backendConfigIds.map((id) => backendConfigFromId(id, deps.capabilities.maxWasmThreads)),
  );
  const subjects = orderSubjects(config.modelIds.map((id) => benchSubject(deps.catalog, id)));
  const cellCount = configs.length * subjects.length;
  const cells: BenchCell[] = [];
  /** The reference outputs of each model family (not subject): its first wasm cell, the fp32 original
   * where it has dtypes or variants (orderSubjects runs it first). */
  const references = new Map<string, { id: string; outputs: ReferenceOutputs }>();
  /** Each measured cell's evaluation, by subject and backend config, for the variants scored against it. */
  const evaluations = new Map<string, EvaluationRun>();
  const threadGroups = [...new Set(configs.map((backendConfig) => backendConfig.threads))];

  for (const threads of threadGroups) {
    const group = configs.filter((backendConfig) => backendConfig.threads === threads);
    let engine: (Engine & { terminate(): void }) | undefined;
    const cancel = () => void engine?.cancelBenchmark();
    signal.addEventListener('abort', cancel);
    try {
      for (const backendConfig of group) {
        for (const subject of subjects) {
          if (signal.aborted) {
            cells.push({ modelId: subject.id, backendConfig, ...unmeasuredCell('skipped', 'cancelled') });
            continue;
          }
          engine ??= await deps.startEngine(threads);
          const cellIndex = cells.length;
          const report = (cell: BenchProgress) =>
            onProgress({
              cellIndex,
              cellCount,
              modelId: subject.id,
              backendConfigId: backendConfig.id,
              cell,
              fraction: (cellIndex + (cell.total > 0 ? cell.done / cell.total : 0) / 2) / cellCount,
            });
          const memoryBefore = config.measureMemory ? await readMemory() : undefined;
          let memoryLoaded: number | undefined;
          let result: BenchCellResult;
          try {
            result = await engine.benchmarkCell(
              {
                modelId: subject.id,
                backendConfig,
                warmupRuns: config.warmupRuns,
                runs: config.runs,
                ...(config.timeBudgetMs !== undefined ? { timeBudgetMs: config.timeBudgetMs } : {}),
                profileOperators: config.profileOperators,
                detectionSizePx: config.detectionSizePx,
                evaluate: config.evaluate ?? false,
              },
              report,
              config.measureMemory
                ? async () => {
                    memoryLoaded = await readMemory();
                  }
                : undefined,
            );
          } catch (error) {
            result = unmeasuredCell('failed', errorMessage(error));
          }
          const measured = await toCell(
            subject,
            benchmarkOf(deps.tasks, subject.model),
            backendConfig,
            result,
            references,
            config.measureMemory ? { before: memoryBefore, loaded: memoryLoaded } : undefined,
          );
          const cell = withEvaluation(measured, subject, result, evaluations, deps.catalog);
          cells.push(cell);
          const reference = references.get(subject.model.id);
          deps.onCell?.(
            cell,
            reference && result.input && reference.id === backendConfig.id
              ? { backendConfigId: reference.id, input: result.input, outputs: reference.outputs }
              : undefined,
          );
        }
      }
    } finally {
      signal.removeEventListener('abort', cancel);
      engine?.terminate();
    }
  }

  return {
    schema: RUN_RECORD_SCHEMA,
    id: crypto.randomUUID(),
    label: `${subjects.map((subject) => subject.id).join(', ')} on ${configs.map((c) => c.id).join(', ')}`,
    startedAt,
    finishedAt: new Date().toISOString(),
    config,
    environment: environmentOf(deps.capabilities, deps.libraries, deps.catalog),
    cells,
    recommendations: recommend(cells),
    mainThread: stopWatching(),
    cancelled: signal.aborted,
  };
}

/** How a cell names its reference: the backend config, and the dtype when the model has them. */
function referenceName(subject: BenchSubject, backendConfig: BackendConfig): string {
  return subject.dtype === undefined ? backendConfig.id : `${backendConfig.id} ${subject.dtype}`;
}

const evaluationKey = (subjectId: string, backendConfigId: string) => `${subjectId} on ${backendConfigId}`;

/**
 * The cell with its evaluation recorded: scored against its fp32 reference's evaluation on the same
 * backend config when that cell ran before it (orderSubjects sees to it when both were asked for).
 */
function withEvaluation(
  cell: BenchCell,
  subject: BenchSubject,
  result: BenchCellResult,
  evaluations: Map<string, EvaluationRun>,
  catalog: ModelCatalog,
): BenchCell {
  if (!result.evaluated || cell.status !== 'ok') return cell;
  const { run } = result.evaluated;
  if (run) evaluations.set(evaluationKey(subject.id, cell.backendConfig.id), run);
  const referenceId = fp32ReferenceId(catalog, subject);
  const name = referenceId !== undefined ? evaluationKey(referenceId, cell.backendConfig.id) : undefined;
  const reference = name !== undefined ? evaluations.get(name) : undefined;
  return {
    ...cell,
    evaluation: evaluationRecord(result.evaluated, reference && name ? { name, run: reference } : undefined),
  };
}

async function toCell(
  subject: BenchSubject,
  benchmark: TaskBenchmark,
  backendConfig: BackendConfig,
  result: BenchCellResult,
  references: Map<string, { id: string; outputs: ReferenceOutputs }>,
  /** The page's readings so far when memory is measured: before the cell and while it was loaded. */
  memoryRead: { before?: number | undefined; loaded?: number | undefined } | undefined,
): Promise<BenchCell> {
  const { reference: outputs, input: _input, wasmHeapBytes, evaluated: _evaluated, ...measured } = result;
  const memory: MemoryReading | undefined = memoryRead
    ? bytesFields({
        method: memoryMethod(),
        beforeBytes: memoryRead.before,
        loadedBytes: memoryRead.loaded,
        releasedBytes: await readMemory(),
        wasmHeapBytes,
      })
    : undefined;
  const base: BenchCell = {
    modelId: subject.id,
    backendConfig,
    ...measured,
    ...(memory ? { memory } : {}),
  };
  if (result.status !== 'ok' || !outputs) return base;
  const stats = summarize(result.samplesMs);
  // Agreement says whether backends compute the same model: a variant is compared with its own wasm
  // cell (what it costs against its parent is the evaluation's "Δ vs fp32"); a model's dtypes share the
  // model's wasm fp32 cell, as Transformers.js's dtype files are one model.
  const reference = references.get(subject.model.id);
  if (!reference) {
    if (backendConfig.backend === 'wasm')
      references.set(subject.model.id, { id: referenceName(subject, backendConfig), outputs });
    return { ...base, stats };
  }
  try {
    return {
      ...base,
      stats,
      agreement: agreementWith(reference.outputs, reference.id, outputs, benchmark.compareOutputs),
    };
  } catch (error) {
    return {
      ...base,
      stats,
      status: 'failed',
      reason: `Outputs could not be compared: ${errorMessage(error)}`,
    };
  }
}

/** The memory reading with the readings that were taken (optional fields stay absent, not undefined). */
function bytesFields(reading: {
  method: string;
  beforeBytes: number | undefined;
  loadedBytes: number | undefined;
  releasedBytes: number | undefined;
  wasmHeapBytes: number | undefined;
}): MemoryReading {
  const { method, ...readings } = reading;
  return {
    method,
    ...Object.fromEntries(Object.entries(readings).filter(([, bytes]) => bytes !== undefined)),
  };
}
