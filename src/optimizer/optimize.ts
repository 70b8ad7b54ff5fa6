// The optimizer's one entry point: a model's bytes and a method in, a variant's bytes, a report of what
// was converted, kept or skipped per operator, and its lineage out. The methods live in their own
// modules; this file names them, validates the result (the checker rules, then a session actually
// created by the caller's runtime) and hashes it. It runs in the app's worker (ORT-web creates the
// sessions) and in Node for `npm run optimize` and the unit tests (onnxruntime-node creates them).

import type { TensorData, TensorRunner } from '../core/tensor';

export const OPTIMIZER_VERSION = '1.0.0';

export const OPTIMIZE_METHODS = ['fp16', 'int8-dynamic', 'int8-static', 'q4'] as const;
export type OptimizeMethod = (typeof OPTIMIZE_METHODS)[number];

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

/** What a method did, by operator type: counts of nodes converted, and nodes kept or skipped with why. */
export interface OptimizeReport {
  readonly method: OptimizeMethod;
  /** Operator type → nodes converted (quantized, run in fp16). */
  readonly converted: Readonly<Record<string, number>>;
  /** Nodes left in fp32 on purpose (a block list, a too-small weight), grouped by operator and reason. */
  readonly keptFloat: readonly { readonly opType: string; readonly count: number; readonly reason: string }[];
  /** Nodes the method could not handle and left as they were, grouped by operator and reason. */
  readonly skipped: readonly { readonly opType: string; readonly count: number; readonly reason: string }[];
  /** Notes such as "opset raised from 9 to 13". */
  readonly notes: readonly string[];
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
  void bytes;
  void tools;
  throw new Error(`The ${options.method} method is not written yet`);
}
