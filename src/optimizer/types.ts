// The optimizer's API types: method names, options, calibration data, the runtime the caller lends,
// and the result. A module of their own so the entry point (optimize.ts) and the methods it calls both
// import them without importing each other (a type-only import still closes a cycle for the layer lint).

import type { TensorData, TensorRunner } from '../core/tensor';

export const OPTIMIZE_METHODS = ['fp16', 'int8-dynamic', 'int8-static', 'q4'] as const;
export type OptimizeMethod = (typeof OPTIMIZE_METHODS)[number];

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
