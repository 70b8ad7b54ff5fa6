// The contract between a task and everything above it. A task (src/tasks/<name>/) is one folder that
// exports one TaskDefinition: its models, how to run a request on sessions the engine lends it, and
// its benchmark (input, workload, agreement check). The engine, the cell runner, the benchmark and the
// UI know tasks only through this file, so adding a task touches no switch or union elsewhere: one
// folder, and one line in src/tasks/index.ts.

import type { BackendId } from '../core/backends';
import type { ProgressListener } from '../core/progress';
import type { TensorRunner } from '../core/tensor';
import type { ModelRecord } from '../catalog/model-record';
import type { PipelineKind, PipelineKinds } from '../runtimes/pipeline-runtime';
import type { CalibrationData } from '../optimizer/optimize';
import type { TaskEvaluation } from './evaluation';
import type { TaskFiles } from './task-files';
import type { TaskComparison, TaskOutput } from './task-output';
import type { FeedShape, Workload, WorkloadInput } from './workload';

export type { TaskFiles } from './task-files';

/**
 * A task's name as the UI holds it: `engine.run(OCR_TASK, request)` is typed by the handle, so the UI
 * never imports a task's pipeline code. `types` is never set; it only carries the types.
 */
export interface TaskHandle<Request extends TaskRequestBase, Result> {
  readonly id: string;
  readonly types?: (request: Request) => Result;
  /** Buffers of a request that move to the worker instead of being copied (decoded pixels); the
   * caller's views of them are empty afterwards. */
  readonly transfer?: (request: Request) => Transferable[];
}

export function taskHandle<Request extends TaskRequestBase, Result>(
  id: string,
  options: Pick<TaskHandle<Request, Result>, 'transfer'> = {},
): TaskHandle<Request, Result> {
  return { id, ...options };
}

/** What every task request carries. */
export interface TaskRequestBase {
  readonly backend: BackendId;
}

/** What the engine lends a task for one run. */
export interface TaskContext {
  readonly backend: BackendId;
  /** A session of the model on the run's backend, loaded and verified by the engine, kept for reuse. */
  session(modelId: string): Promise<TensorRunner>;
  /** A whole pipeline of the model (a pipeline runtime's: tokenizer, model, post-processing) on the run's
   * backend in the given precision, kept for reuse like a session. */
  pipeline<K extends PipelineKind>(kind: K, modelId: string, dtype: string): Promise<PipelineKinds[K]>;
  readonly files: TaskFiles;
  readonly progress: ProgressListener;
}

/** Options of a benchmark run that shape a task's inputs. */
export interface BenchInputOptions {
  /** Longer side of the OCR detection page, in pixels. */
  readonly detectionSizePx: number;
}

interface BenchmarkBase {
  /** The input a model is benchmarked on, built in the worker (it may draw on an OffscreenCanvas). */
  input(model: ModelRecord, files: TaskFiles, options: BenchInputOptions): Promise<WorkloadInput>;
  /** Whether two task-level outputs mean the same to a user of the task ("same text", "same frames"). */
  compareOutputs(reference: TaskOutput, candidate: TaskOutput): TaskComparison;
}

/** The benchmark of a task that runs bare sessions: it times the task's own code on a TensorRunner. */
export interface SessionBenchmark extends BenchmarkBase {
  readonly runs: 'session';
  /** The task's evaluation set and how a model is scored on it; absent where the task has none yet. */
  readonly evaluation?: TaskEvaluation<TensorRunner>;
  /** One timed inference on that input, and the reference outputs; runs in the worker and in Node. */
  workload(
    model: ModelRecord,
    runner: TensorRunner,
    input: WorkloadInput,
    files: TaskFiles,
  ): Promise<Workload>;
  /** The feeds one inference takes, for a bare-runtime loop of the same shapes (bench:overhead). */
  feedShapes(model: ModelRecord, options: BenchInputOptions): readonly FeedShape[];
  /**
   * Feeds for calibrating an int8-static variant of the model: `count` of the task's own inputs (a split
   * apart from its evaluation set), made by the task's own pre-processing; `runner` is a session of the
   * fp32 model (for models whose later feeds depend on earlier outputs, such as a recurrent state).
   */
  calibrationData?(
    model: ModelRecord,
    runner: TensorRunner,
    files: TaskFiles,
    count: number,
  ): Promise<CalibrationData>;
}

/** The benchmark of a task that runs whole pipelines: it times one call of a loaded pipeline. */
export interface PipelineBenchmark extends BenchmarkBase {
  readonly runs: 'pipeline';
  readonly pipelineKind: PipelineKind;
  /** The task's evaluation set and how a loaded pipeline is scored on it; absent where the task has none yet. */
  readonly evaluation?: TaskEvaluation<PipelineKinds[PipelineKind]>;
  /** One timed pipeline call on that input, and the reference outputs (the pipeline is of `pipelineKind`). */
  workload(
    model: ModelRecord,
    pipeline: PipelineKinds[PipelineKind],
    input: WorkloadInput,
  ): Promise<Workload>;
  /**
   * Feeds of the model's own ONNX inputs for calibrating an int8-static variant: `count` of the task's
   * inputs (a split apart from its evaluation set) through the pipeline's own pre-processing (its
   * tokenizer), one feed per input; `pipeline` is the fp32 model's, of `pipelineKind`. Absent where the
   * task cannot make them yet.
   */
  calibrationData?(
    model: ModelRecord,
    pipeline: PipelineKinds[PipelineKind],
    count: number,
  ): Promise<CalibrationData>;
}

export type TaskBenchmark = SessionBenchmark | PipelineBenchmark;

/** A pipeline benchmark whose workload is typed by its pipeline kind. */
export function pipelineBenchmark<K extends PipelineKind>(
  spec: BenchmarkBase & {
    readonly pipelineKind: K;
    workload(model: ModelRecord, pipeline: PipelineKinds[K], input: WorkloadInput): Promise<Workload>;
    readonly evaluation?: TaskEvaluation<PipelineKinds[K]>;
    calibrationData?(model: ModelRecord, pipeline: PipelineKinds[K], count: number): Promise<CalibrationData>;
  },
): PipelineBenchmark {
  const { evaluation, calibrationData } = spec;
  return {
    runs: 'pipeline',
    pipelineKind: spec.pipelineKind,
    input: (model, files, options) => spec.input(model, files, options),
    compareOutputs: (reference, candidate) => spec.compareOutputs(reference, candidate),
    // The cell runner loads the pipeline by `pipelineKind`, so it is of kind K here.
    workload: (model, pipeline, input) => spec.workload(model, pipeline as PipelineKinds[K], input),
    ...(evaluation
      ? {
          evaluation: {
            evaluate: (model, pipeline, files, onProgress) =>
              evaluation.evaluate(model, pipeline as PipelineKinds[K], files, onProgress),
          },
        }
      : {}),
    ...(calibrationData
      ? {
          calibrationData: (model, pipeline, count) =>
            calibrationData(model, pipeline as PipelineKinds[K], count),
        }
      : {}),
  };
}

export interface TaskDefinition<Request extends TaskRequestBase, Result> {
  readonly handle: TaskHandle<Request, Result>;
  /** The built-in models this task runs and benchmarks. */
  readonly models: readonly ModelRecord[];
  /** Model tasks (ModelRecord.task) it also runs and benchmarks, besides those of its own models: a
   * search embeds with any feature-extraction model, e.g. one fetched from the Hub. */
  readonly modelTasks?: readonly string[];
  run(request: Request, context: TaskContext): Promise<Result>;
  /**
   * Gets ready for the next run before it is asked for: loads the sessions (and files) a request like
   * this one will need, so the first result comes sooner. The page calls it as soon as it is idle.
   */
  prepare(request: Partial<Request> & TaskRequestBase, context: TaskContext): Promise<void>;
  /** How its models are benchmarked; absent for tasks the benchmark does not measure yet. */
  readonly benchmark?: TaskBenchmark;
}

/** A task of any request and result type, as lists of tasks hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTask = TaskDefinition<any, unknown>;

/** Whether the task runs models that do what `model` does. */
function runsModel(task: AnyTask, model: ModelRecord): boolean {
  return (
    task.models.some((record) => record.task === model.task) || (task.modelTasks ?? []).includes(model.task)
  );
}

/** The task a model belongs to, by what the model does (so a generated variant finds its parent's task). */
export function taskOfModel(tasks: readonly AnyTask[], model: ModelRecord): AnyTask {
  const task = tasks.find((candidate) => runsModel(candidate, model));
  if (!task) throw new Error(`No task runs the model "${model.id}" (task "${model.task}")`);
  return task;
}

/** How a model is benchmarked: its task's benchmark; throws, naming the task, when the task has none yet. */
export function benchmarkOf(tasks: readonly AnyTask[], model: ModelRecord): TaskBenchmark {
  const { benchmark, handle } = taskOfModel(tasks, model);
  if (!benchmark) throw new Error(`The benchmark does not measure ${handle.id} models (${model.id}) yet`);
  return benchmark;
}

/** The session benchmark of a model (what a bare-runtime loop or onnxruntime-node can also run). */
export function sessionBenchmarkOf(tasks: readonly AnyTask[], model: ModelRecord): SessionBenchmark {
  const benchmark = benchmarkOf(tasks, model);
  if (benchmark.runs !== 'session')
    throw new Error(
      `${model.id} is benchmarked as a whole ${benchmark.pipelineKind} pipeline, not a bare session`,
    );
  return benchmark;
}

/** The models of tasks that have a benchmark. */
export function benchmarkedModels(tasks: readonly AnyTask[]): ModelRecord[] {
  return tasks.flatMap((task) => (task.benchmark ? task.models : []));
}

/** Whether some task with a benchmark runs `model`. */
export function isBenchmarked(tasks: readonly AnyTask[], model: ModelRecord): boolean {
  return tasks.some((task) => task.benchmark !== undefined && runsModel(task, model));
}
