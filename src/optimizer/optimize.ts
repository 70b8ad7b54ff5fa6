// The optimizer's one entry point: a model's bytes and a method in, a variant's bytes, a report of what
// was converted, kept or skipped per operator, and its lineage out. The methods live in their own
// modules; this file names them, validates the result (the checker rules, then a session actually
// created by the caller's runtime) and hashes it. It runs in the app's worker (ORT-web creates the
// sessions) and in Node for `npm run optimize` and the unit tests (onnxruntime-node creates them).

import { errorMessage, InvalidInputError } from '../core/errors';
import type { TensorData, TensorRunner } from '../core/tensor';
import { sha256Hex } from '../catalog/integrity';
import type { VariantLineage } from '../catalog/model-record';
import { checkModel } from './check-model';
import { convertToFloat16 } from './fp16';
import { quantizeInt8Dynamic } from './int8-dynamic';
import type { OptimizeMethod } from './methods';
import { mainGraph, parseModel, serializeModel, type ModelProto } from './onnx-graph';
import { quantizeQ4 } from './q4';
import { reportLines, type OptimizeReport } from './report';

export { OPTIMIZE_METHODS, type OptimizeMethod } from './methods';
export { reportLines, type OptimizeReport } from './report';

export const OPTIMIZER_VERSION = '1.0.0';

/** How activation ranges are found from the calibration data (int8-static). */
export type CalibrationMethod = 'minmax' | 'percentile';

export interface CalibrationOptions {
  readonly method: CalibrationMethod;
  /** For 'percentile': the share of values inside the range, e.g. 99.99. */
  readonly percentile?: number;
}

/** Inputs the task supplies for calibration: feeds of the model, and what they are in words. */
export interface CalibrationData {
  readonly feeds: readonly Readonly<Record<string, TensorData>>[];
  /** e.g. "24 rendered text lines (6 fonts, 20–36 px), calibration split". */
  readonly description: string;
}

export interface OptimizeOptions {
  readonly method: OptimizeMethod;
  /** int8-static only. */
  readonly calibration?: CalibrationOptions;
}

/** Creates a session of a model from its bytes, on the caller's runtime (validation, calibration). */
export type RunnerFactory = (modelBytes: Uint8Array) => Promise<TensorRunner & { release?(): Promise<void> }>;

export interface OptimizeTools {
  readonly createRunner: RunnerFactory;
  /** Needed by int8-static. */
  readonly calibrationData?: CalibrationData;
  /** Progress of long steps (calibration runs), for a progress bar. */
  readonly onProgress?: (message: string, fraction?: number) => void;
}

export interface OptimizeResult {
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly report: OptimizeReport;
  /** For int8-static: the calibration method and data it used. */
  readonly calibration?: CalibrationOptions & { readonly data: string; readonly samples: number };
}

/**
 * Makes a variant of the model in `bytes` by `options.method`, validates it (checker rules, then a
 * session created with `tools.createRunner`) and hashes it. Throws an InvalidInputError naming the
 * reason when the variant is invalid or the method cannot apply to the model at all.
 */
export async function optimizeModel(
  bytes: Uint8Array,
  options: OptimizeOptions,
  tools: OptimizeTools,
): Promise<OptimizeResult> {
  const model = parseModel(bytes);
  // Old models also list their initializers as inputs; a session does not count those.
  const weights = new Set(mainGraph(model).initializer.map((tensor) => tensor.name));
  const parentInputs = mainGraph(model)
    .input.map((value) => value.name)
    .filter((name) => !weights.has(name));
  const parentOutputs = mainGraph(model).output.map((value) => value.name);
  const report = applyMethod(model, options.method);
  if (Object.keys(report.converted).length === 0)
    throw new InvalidInputError(
      `The ${options.method} method found nothing to convert in this model (${reportLines(report).join('; ')})`,
    );
  const problems = checkModel(model);
  if (problems.length > 0)
    throw new InvalidInputError(
      `The ${options.method} variant breaks the ONNX checker's rules: ${problems.slice(0, 5).join('; ')}` +
        (problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''),
    );
  const variant = serializeModel(model);
  tools.onProgress?.('Creating a session of the variant');
  await validateSession(variant, options.method, tools, [parentInputs, parentOutputs]);
  return { bytes: variant, sha256: await sha256Hex(variant), report };
}

/** The lineage a catalog entry of the variant records: its parent, the method and data, this optimizer. */
export function variantLineage(
  parent: { readonly id: string; readonly sha256: string },
  result: OptimizeResult,
  createdAt: Date,
): VariantLineage {
  const calibration = result.calibration;
  return {
    parentId: parent.id,
    parentSha256: parent.sha256,
    method: result.report.method,
    ...(calibration
      ? {
          calibration: {
            method: calibration.method,
            ...(calibration.percentile !== undefined ? { percentile: calibration.percentile } : {}),
            samples: calibration.samples,
            data: calibration.data,
          },
        }
      : {}),
    optimizerVersion: OPTIMIZER_VERSION,
    createdAt: createdAt.toISOString(),
    summary: reportLines(result.report),
  };
}

function applyMethod(model: ModelProto, method: OptimizeMethod): OptimizeReport {
  switch (method) {
    case 'fp16':
      return convertToFloat16(model);
    case 'int8-dynamic':
      return quantizeInt8Dynamic(model);
    case 'q4':
      return quantizeQ4(model);
    case 'int8-static':
      throw new InvalidInputError('The int8-static method is not in this build of the optimizer');
  }
}

/** Creates a session of the variant on the caller's runtime; it must load and keep the parent's inputs and outputs. */
async function validateSession(
  variant: Uint8Array,
  method: OptimizeMethod,
  tools: OptimizeTools,
  [inputs, outputs]: readonly [readonly string[], readonly string[]],
): Promise<void> {
  let runner: Awaited<ReturnType<RunnerFactory>>;
  try {
    runner = await tools.createRunner(variant);
  } catch (error) {
    throw new InvalidInputError(`The runtime refused the ${method} variant: ${errorMessage(error)}`);
  }
  try {
    const same = (a: readonly string[], b: readonly string[]) =>
      a.length === b.length && a.every((name) => b.includes(name));
    if (!same(runner.inputNames, inputs) || !same(runner.outputNames, outputs))
      throw new InvalidInputError(
        `The ${method} variant's inputs/outputs (${runner.inputNames.join(', ')} → ${runner.outputNames.join(', ')}) ` +
          `differ from the model's (${inputs.join(', ')} → ${outputs.join(', ')})`,
      );
  } finally {
    await runner.release?.();
  }
}
