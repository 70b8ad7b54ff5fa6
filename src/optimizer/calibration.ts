// Activation ranges for int8-static quantization, observed on inputs the task supplies (rendered text
// lines for OCR, speech frames for VAD…). A copy of the model lists the float tensors to quantize as
// graph outputs, the caller's runtime runs it on every calibration feed one at a time, and only running
// statistics are kept per tensor (never the activations of all feeds together). Two methods, as ONNX
// Runtime's calibrators name them: 'minmax' (the smallest and largest value seen) and 'percentile' (a
// 2048-bin histogram of the signed values; the range cuts (100 − p)/2 % of the values off each tail,
// like ORT's HistogramCalibrater with symmetric=False; p defaults to 99.999 as in ORT).

import { clone } from '@bufbuild/protobuf';
import { ModelProtoSchema, ValueInfoProtoSchema } from 'onnx-buf';
import { create } from '@bufbuild/protobuf';
import { InvalidInputError } from '../core/errors';
import { mainGraph, serializeModel, TensorProto_DataType, type ModelProto } from './onnx-graph';
import type { CalibrationData, CalibrationMethod, CalibrationOptions, OptimizeTools } from './types';

export const DEFAULT_PERCENTILE = 99.999;
const BINS = 2048;

export interface TensorRange {
  readonly min: number;
  readonly max: number;
}

export interface CalibrationResult {
  readonly method: CalibrationMethod;
  /** For 'percentile': the share of values kept inside each range (the rest split evenly over both tails). */
  readonly percentile?: number;
  /** Tensor name → observed range. */
  readonly ranges: ReadonlyMap<string, TensorRange>;
  /** Feeds run. */
  readonly samples: number;
  /** What the feeds were, from the task. */
  readonly data: string;
}

/** What is kept per tensor while the feeds stream through. */
interface Statistic {
  add(values: Float32Array): void;
  range(): TensorRange;
}

/**
 * Runs `model` (float, not modified) on every feed of `tools.calibrationData` with the float `tensors`
 * (values of its main graph) as extra outputs, and returns each tensor's range by `options.method`.
 */
export async function calibrate(
  model: ModelProto,
  tensors: readonly string[],
  options: CalibrationOptions,
  tools: OptimizeTools,
): Promise<CalibrationResult> {
  const data = requireCalibrationData(tools);
  const percentile = options.percentile ?? DEFAULT_PERCENTILE;
  if (options.method === 'percentile' && !(percentile > 0 && percentile <= 100))
    throw new InvalidInputError(`The calibration percentile must be in (0, 100], not ${percentile}`);
  const statistics = new Map<string, Statistic>(
    tensors.map((name) => [name, options.method === 'minmax' ? new MinMax() : new Histogram(percentile)]),
  );
  const runner = await tools.createRunner(serializeModel(withOutputs(model, tensors)));
  try {
    for (const [index, feed] of data.feeds.entries()) {
      tools.onProgress?.(
        `Calibrating: input ${index + 1} of ${data.feeds.length}`,
        index / data.feeds.length,
      );
      const outputs = await runner.run(feed);
      for (const [name, statistic] of statistics) {
        const tensor = outputs[name];
        if (!tensor || !(tensor.data instanceof Float32Array))
          throw new InvalidInputError(`Calibration run returned no float32 values for "${name}"`);
        statistic.add(tensor.data);
      }
    }
    tools.onProgress?.('Calibration done', 1);
  } finally {
    await runner.release?.();
  }
  const ranges = new Map([...statistics].map(([name, statistic]) => [name, statistic.range()]));
  return {
    method: options.method,
    ...(options.method === 'percentile' ? { percentile } : {}),
    ranges,
    samples: data.feeds.length,
    data: data.description,
  };
}

/** The calibration data of `tools`; an InvalidInputError when the task supplied no inputs. */
export function requireCalibrationData(tools: OptimizeTools): CalibrationData {
  const data = tools.calibrationData;
  if (!data || data.feeds.length === 0)
    throw new InvalidInputError('int8-static needs calibration data: the task supplied no inputs');
  return data;
}

/** A copy of `model` whose main graph also outputs `tensors` (as values of `elemType`, any shape). */
export function withOutputs(
  model: ModelProto,
  tensors: readonly string[],
  elemType: TensorProto_DataType = TensorProto_DataType.FLOAT,
): ModelProto {
  const copy = clone(ModelProtoSchema, model);
  const graph = mainGraph(copy);
  const outputs = new Set(graph.output.map((output) => output.name));
  for (const name of tensors) {
    if (outputs.has(name)) continue;
    graph.output.push(
      create(ValueInfoProtoSchema, {
        name,
        type: { value: { case: 'tensorType', value: { elemType } } },
      }),
    );
  }
  return copy;
}

class MinMax implements Statistic {
  private min = Infinity;
  private max = -Infinity;

  add(values: Float32Array): void {
    for (const value of values) {
      if (value < this.min) this.min = value;
      if (value > this.max) this.max = value;
    }
  }

  range(): TensorRange {
    return Number.isFinite(this.min) ? { min: this.min, max: this.max } : { min: 0, max: 0 };
  }
}

/**
 * A histogram of signed values over [low, high], widened when a feed goes outside it (old counts are
 * moved to the bins of the wider range by their bin centres, as ORT merges histograms).
 */
export class Histogram implements Statistic {
  private counts = new Float64Array(BINS);
  private low = 0;
  private high = 0;
  private total = 0;

  constructor(private readonly percentile: number) {}

  add(values: Float32Array): void {
    if (values.length === 0) return;
    let min = Infinity;
    let max = -Infinity;
    for (const value of values) {
      if (value < min) min = value;
      if (value > max) max = value;
    }
    if (this.total === 0) {
      this.low = min;
      this.high = max;
    } else if (min < this.low || max > this.high)
      this.widen(Math.min(min, this.low), Math.max(max, this.high));
    const width = this.high - this.low;
    for (const value of values) {
      const bin = width > 0 ? Math.min(BINS - 1, Math.floor(((value - this.low) / width) * BINS)) : 0;
      this.counts[bin] = (this.counts[bin] ?? 0) + 1;
    }
    this.total += values.length;
  }

  private widen(low: number, high: number): void {
    const old = this.counts;
    const oldWidth = (this.high - this.low) / BINS;
    this.counts = new Float64Array(BINS);
    const width = high - low;
    old.forEach((count, index) => {
      if (count === 0) return;
      const centre = this.low + (index + 0.5) * oldWidth;
      const bin = Math.min(BINS - 1, Math.max(0, Math.floor(((centre - low) / width) * BINS)));
      this.counts[bin] = (this.counts[bin] ?? 0) + count;
    });
    this.low = low;
    this.high = high;
  }

  range(): TensorRange {
    if (this.total === 0) return { min: 0, max: 0 };
    const tail = ((100 - this.percentile) / 200) * this.total;
    const binWidth = (this.high - this.low) / BINS;
    let cumulative = 0;
    let lowBin = 0;
    while (lowBin < BINS - 1 && cumulative + (this.counts[lowBin] ?? 0) <= tail)
      cumulative += this.counts[lowBin++] ?? 0;
    cumulative = 0;
    let highBin = BINS - 1;
    while (highBin > lowBin && cumulative + (this.counts[highBin] ?? 0) <= tail)
      cumulative += this.counts[highBin--] ?? 0;
    return { min: this.low + lowBin * binWidth, max: this.low + (highBin + 1) * binWidth };
  }
}
