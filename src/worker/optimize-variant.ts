// The engine's optimize: reads the parent's session model file (verified), gives the optimizer a way
// to create ONNX Runtime sessions on wasm from bytes and, for int8-static, the task's calibration
// inputs, then turns the result into a catalog record and saves it with its bytes. Every refusal says
// what to choose instead, and nothing the task views hold is touched, so the app keeps working.

import { InvalidInputError } from '../core/errors';
import type { ProgressListener } from '../core/progress';
import type { ModelCatalog } from '../catalog/catalog';
import type { ModelStore } from '../catalog/model-store';
import { readSessionModel } from '../catalog/session-model';
import type { VariantStore } from '../catalog/variant-store';
import {
  optimizeModel,
  type CalibrationData,
  type OptimizeOptions,
  type RunnerFactory,
} from '../optimizer/optimize';
import { variantRecord } from '../optimizer/variant-record';
import type { ModelRuntime } from '../runtimes/runtime';
import { taskOfModel, type AnyTask, type TaskFiles } from '../task-kit/task';
import type { OptimizeRequest, OptimizeResponse } from './engine-api';

export interface OptimizeDeps {
  readonly runtime: ModelRuntime;
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

export async function optimizeVariant(
  request: OptimizeRequest,
  deps: OptimizeDeps,
  onProgress: ProgressListener,
): Promise<OptimizeResponse> {
  const parent = deps.catalog.get(request.modelId);
  if (parent.variant)
    throw new InvalidInputError(
      `${parent.displayName} is itself a variant of ${parent.variant.parentId}: optimize the original model`,
    );
  const task = taskOfModel(deps.tasks, parent);
  const benchmark = task.benchmark;
  if (!benchmark)
    throw new InvalidInputError(
      `The ${task.handle.id} task has no benchmark to check a variant of ${parent.displayName} against`,
    );
  if (benchmark.runs !== 'session')
    throw new InvalidInputError(
      `${parent.displayName} runs as a whole Transformers.js pipeline (Hugging Face layout); the optimizer ` +
        'makes variants of ONNX Runtime session models only (OCR, voice activity)',
    );
  const options = optionsOf(request);
  if (options.method === 'int8-static' && !benchmark.calibrationData)
    throw new InvalidInputError(
      `int8 static needs calibration inputs, and the ${task.handle.id} task has none for ${parent.id}: ` +
        'choose fp16, int8 dynamic or 4-bit',
    );
  const started = performance.now();
  const { file, loaded } = await readSessionModel(parent, (candidate) =>
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
  if (options.method === 'int8-static' && benchmark.calibrationData && request.calibration) {
    onProgress({ message: `Preparing ${request.calibration.samples} calibration inputs` });
    const reference = await createRunner(loaded.bytes);
    try {
      calibrationData = await benchmark.calibrationData(
        parent,
        reference,
        deps.files,
        request.calibration.samples,
      );
    } finally {
      await reference.release?.();
    }
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
