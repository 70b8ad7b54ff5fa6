// The engine's optimize: reads the parent's model file (verified: the session model of an ONNX Runtime
// model, the fp32 file of a Transformers.js model in the Hugging Face layout), gives the optimizer a way
// to create ONNX Runtime sessions on wasm from bytes and, for int8-static, the task's calibration
// inputs (for a Transformers.js model, made by its own fp32 pipeline's tokenizer), then turns the result into a catalog record and saves it with its bytes. Every refusal says
// what to choose instead, and nothing the task views hold is touched, so the app keeps working.

import { InvalidInputError } from '../core/errors';
import type { ProgressListener } from '../core/progress';
import type { ModelCatalog } from '../catalog/catalog';
import type { ModelStore } from '../catalog/model-store';
import { dtypeModelFile, type ModelFile, type ModelRecord } from '../catalog/model-record';
import { readSessionModel } from '../catalog/session-model';
import type { VariantStore } from '../catalog/variant-store';
import {
  OPTIMIZE_METHODS,
  optimizeModel,
  type CalibrationData,
  type OptimizeMethod,
  type OptimizeOptions,
  type RunnerFactory,
} from '../optimizer/optimize';
import { variantRecord } from '../optimizer/variant-record';
import type { PipelineRuntime } from '../runtimes/pipeline-runtime';
import type { ModelRuntime } from '../runtimes/runtime';
import {
  benchmarkOf,
  isBenchmarked,
  type AnyTask,
  type PipelineBenchmark,
  type SessionBenchmark,
  type TaskFiles,
} from '../task-kit/task';
import type { OptimizeChoice, OptimizeRequest, OptimizeResponse } from './engine-api';

export interface OptimizeDeps {
  readonly runtime: ModelRuntime;
  /** Loads the fp32 pipeline whose tokenizer makes a Transformers.js model's calibration inputs. */
  readonly pipelines?: PipelineRuntime;
  readonly catalog: ModelCatalog;
  readonly tasks: readonly AnyTask[];
  readonly store: Pick<ModelStore, 'fetchFile'>;
  readonly files: TaskFiles;
  readonly variants: Pick<VariantStore, 'save'>;
}

/** Percentiles below this would clip most activations; ORT's tool uses 99.999 by default. */
const MIN_PERCENTILE = 90;
const MAX_CALIBRATION_SAMPLES = 1000;

function optionsOf(request: OptimizeRequest): OptimizeOptions {
  if (request.method !== 'int8-static') return { method: request.method };
  const calibration = request.calibration;
  if (!calibration)
    throw new InvalidInputError(
      'int8 static needs a calibration method (min-max or percentile) and a sample count',
    );
  if (
    !Number.isInteger(calibration.samples) ||
    calibration.samples < 1 ||
    calibration.samples > MAX_CALIBRATION_SAMPLES
  )
    throw new InvalidInputError(
      `The calibration sample count must be a whole number from 1 to ${MAX_CALIBRATION_SAMPLES}, not ${calibration.samples}`,
    );
  if (calibration.method === 'minmax') return { method: 'int8-static', calibration: { method: 'minmax' } };
  const percentile = calibration.percentile;
  if (percentile === undefined || !(percentile >= MIN_PERCENTILE && percentile <= 100))
    throw new InvalidInputError(
      `The calibration percentile must be between ${MIN_PERCENTILE} and 100 (e.g. 99.99), not ${String(percentile)}`,
    );
  return { method: 'int8-static', calibration: { method: 'percentile', percentile } };
}

const noFp32File = (model: ModelRecord) =>
  `${model.displayName} has no fp32 model file (onnx/model.onnx) to make a variant from`;

/**
 * Why the engine will not make a `method` variant of `model`, or undefined when it will. The one rule:
 * optimizeVariant refuses with it, and the Optimize view lists a refused method disabled, with it.
 */
export function optimizeRefusal(
  tasks: readonly AnyTask[],
  model: ModelRecord,
  method: OptimizeMethod,
): string | undefined {
  if (model.variant)
    return `${model.displayName} is itself a variant of ${model.variant.parentId}: optimize the original model`;
  const task = tasks.find((candidate) => isBenchmarked([candidate], model));
  if (!task?.benchmark)
    return `No task benchmarks ${model.displayName}, so a variant could not be checked against it`;
  const pipeline = task.benchmark.runs === 'pipeline';
  if (pipeline && model.remote)
    return `${model.displayName} is read from the Hub when it loads: fetch it with \`npm run models:fetch\` to optimize it`;
  if (method === 'int8-static' && !task.benchmark.calibrationData)
    return (
      `int8 static needs calibration inputs, and the ${task.handle.id} task has none for ${model.id}: ` +
      'choose fp16, int8 dynamic or 4-bit'
    );
  if (pipeline && !dtypeModelFile(model, 'fp32')) return noFp32File(model);
  return undefined;
}

/** The models the engine can make variants of, each with the methods it refuses and why. */
export function optimizeChoices(tasks: readonly AnyTask[], models: readonly ModelRecord[]): OptimizeChoice[] {
  return models.flatMap((model) => {
    const refused = Object.fromEntries(
      OPTIMIZE_METHODS.flatMap((method) => {
        const reason = optimizeRefusal(tasks, model, method);
        return reason === undefined ? [] : [[method, reason]];
      }),
    );
    return Object.keys(refused).length < OPTIMIZE_METHODS.length ? [{ modelId: model.id, refused }] : [];
  });
}

/** The file a variant is made from: a pipeline model's fp32 file, else the session's model file. */
async function readParentModel(
  parent: ModelRecord,
  pipeline: boolean,
  read: (file: ModelFile) => Promise<{ readonly bytes: Uint8Array }>,
): Promise<{ readonly file: ModelFile; readonly loaded: { readonly bytes: Uint8Array } }> {
  if (!pipeline) return readSessionModel(parent, read);
  const file = dtypeModelFile(parent, 'fp32');
  if (!file) throw new InvalidInputError(noFp32File(parent));
  return { file, loaded: await read(file) };
}

/** The task's calibration feeds, made with a session of the parent's model file. */
async function sessionCalibration(
  benchmark: SessionBenchmark,
  parent: ModelRecord,
  creating: ReturnType<RunnerFactory>,
  files: TaskFiles,
  count: number,
): Promise<CalibrationData | undefined> {
  const reference = await creating;
  try {
    return await benchmark.calibrationData?.(parent, reference, files, count);
  } finally {
    await reference.release?.();
  }
}

/** The task's calibration feeds, made by the parent's own fp32 pipeline (its tokenizer), loaded for this
 * and disposed of after, so the task views' pipelines are not touched. */
async function pipelineCalibration(
  benchmark: PipelineBenchmark,
  parent: ModelRecord,
  runtime: PipelineRuntime | undefined,
  count: number,
  onProgress: ProgressListener,
): Promise<CalibrationData | undefined> {
  if (!runtime)
    throw new Error(
      `This engine has no pipeline runtime to make calibration inputs for ${parent.displayName}`,
    );
  const { pipeline } = await runtime.load(benchmark.pipelineKind, parent, {
    backend: 'wasm',
    dtype: 'fp32',
    onProgress,
  });
  try {
    return await benchmark.calibrationData?.(parent, pipeline, count);
  } finally {
    await pipeline.dispose();
  }
}

export async function optimizeVariant(
  request: OptimizeRequest,
  deps: OptimizeDeps,
  onProgress: ProgressListener,
): Promise<OptimizeResponse> {
  const parent = deps.catalog.get(request.modelId);
  const options = optionsOf(request);
  const refusal = optimizeRefusal(deps.tasks, parent, options.method);
  if (refusal !== undefined) throw new InvalidInputError(refusal);
  const benchmark = benchmarkOf(deps.tasks, parent);
  const pipeline = benchmark.runs === 'pipeline';
  const started = performance.now();
  const { file, loaded } = await readParentModel(parent, pipeline, (candidate) =>
    deps.store.fetchFile(parent, candidate, (progress) =>
      onProgress({
        message: `Reading ${progress.file}`,
        fraction: progress.loadedBytes / progress.totalBytes,
      }),
    ),
  );
  await deps.runtime.start('wasm');
  const createRunner: RunnerFactory = (bytes) =>
    deps.runtime.createSession(bytes, 'wasm', `${parent.displayName} (${request.method} variant)`);
  let calibrationData: CalibrationData | undefined;
  if (options.method === 'int8-static' && request.calibration) {
    const count = request.calibration.samples;
    onProgress({ message: `Preparing ${count} calibration inputs` });
    calibrationData =
      benchmark.runs === 'session'
        ? await sessionCalibration(benchmark, parent, createRunner(loaded.bytes), deps.files, count)
        : await pipelineCalibration(benchmark, parent, deps.pipelines, count, onProgress);
  }
  onProgress({ message: `Optimizing ${parent.displayName} (${request.method})` });
  const result = await optimizeModel(loaded.bytes, options, {
    createRunner,
    ...(calibrationData ? { calibrationData } : {}),
    onProgress: (message, fraction) =>
      onProgress({ message, ...(fraction !== undefined ? { fraction } : {}) }),
  });
  const record = variantRecord(parent, file, result, new Date().toISOString());
  onProgress({ message: `Saving ${record.id} in this browser` });
  await deps.variants.save(record, result.bytes);
  return {
    record,
    report: result.report,
    parentBytes: loaded.bytes.byteLength,
    optimizeMs: performance.now() - started,
    ...(request.returnBytes ? { bytes: result.bytes } : {}),
  };
}
