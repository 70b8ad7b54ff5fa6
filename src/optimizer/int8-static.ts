// int8 static quantization in the QDQ format, as ONNX Runtime's quantize_static(QuantFormat.QDQ,
// per_channel=True) writes it: weights int8, symmetric (range ±127), one scale per output channel (Conv
// axis 0, MatMul axis 1, Gemm by transB); biases int32 with scale = input scale × weight scale; the
// activations around each quantized node uint8 (or int8), asymmetric, from ranges calibrated on the
// task's own inputs (calibration.ts). Every float tensor T chosen gets T → QuantizeLinear →
// DequantizeLinear → (every reader of T), so ORT fuses DQ→Conv→Q into QLinearConv (DQ→MatMul→Q into
// QLinearMatMul) and runs the rest in float. A Conv/MatMul whose only reader is a Relu, or a Clip at
// [0, x], has that output quantized instead of its own, so ORT drops the Relu/Clip into the Q.
// The default-domain opset is raised to 13 first (per-channel axis; opset-upgrade.ts).
// Nodes it cannot handle stay float and are listed per operator with why: a computed (non-constant)
// weight, a non-float weight, nodes inside subgraphs (If/Loop bodies: calibration cannot observe them).
// An If of the main graph whose condition is the same on every calibration input is first replaced by
// the branch taken (if-specialize.ts: Silero VAD v5's network sits inside one).
// Measured on PP-OCRv4 rec, 1×3×48×320 text-line crop, onnxruntime-web's wasm build in Node, 1 thread,
// interleaved medians (2026-12-02, a 2-core machine shared with other jobs: load 7–13, so ±20%):
// every Conv in int8 was slower than fp32 (0.74–0.80x: ORT-web's int8 depthwise kernel is ~4x slower
// than its float one); pointwise Convs only, 1.26–1.48x; with prepareFloat's folds and hard-swish
// rewrite too, 1.40–1.95x (1×1 Convs alone run ~3x faster in int8). The simplified fp32 model alone is
// 1.0–1.16x on wasm (1.3–1.5x on onnxruntime-node), so on wasm the gain is int8's.
// uint8 and int8 activations gave the same outputs (the same grid) and no measurable speed difference.
// Silero VAD v5 (16 kHz branch inlined, its 6 Convs in int8, the LSTMs float), same setup, 512-sample
// speech frames: 1.3–1.6x of fp32 on wasm (inlining alone 1.0x), but per-tensor uint8 activations are
// too coarse for it: over e2e/fixtures/speech-16k.wav (239 frames, state carried) the speech probability
// moved by up to 0.56 (mean 0.06) and 11 frames changed side of 0.5. Every Conv contributes (the STFT
// Conv most); lower percentiles or calibration with the carried state did not bring it under 0.3.

import { clone } from '@bufbuild/protobuf';
import { ModelProtoSchema } from 'onnx-buf';
import { InvalidInputError } from '../core/errors';
import { calibrate, requireCalibrationData, type CalibrationResult, type TensorRange } from './calibration';
import {
  allGraphs,
  attribute,
  constantsOf,
  consumersOf,
  floatValues,
  intAttribute,
  mainGraph,
  makeNode,
  nameFactory,
  tensorOf,
  topologicalOrder,
  TensorProto_DataType,
  type ConstantValue,
  type GraphProto,
  type ModelProto,
  type NodeProto,
} from './onnx-graph';
import type { CalibrationOptions, OptimizeReport, OptimizeTools } from './types';
import { foldAffineIntoConv, foldConvAffine } from './conv-affine-fold';
import { rewriteHardSwish } from './hard-swish';
import { specializeIfs } from './if-specialize';
import { upgradeOpset } from './opset-upgrade';

/** The operators with weights this method quantizes. */
const WEIGHTED = new Set(['Conv', 'MatMul', 'Gemm']);
/** Operators with weights it leaves float on purpose (ORT-web has no fused int8 kernel for them). */
const KEPT_FLOAT: Readonly<Record<string, string>> = {
  ConvTranspose: 'no fused int8 ConvTranspose kernel in ORT-web; left float',
  LSTM: 'recurrent weights are left float (this method quantizes Conv, MatMul and Gemm only)',
  GRU: 'recurrent weights are left float (this method quantizes Conv, MatMul and Gemm only)',
  RNN: 'recurrent weights are left float (this method quantizes Conv, MatMul and Gemm only)',
};

export type ActivationType = 'uint8' | 'int8';

export interface StaticOptions extends CalibrationOptions {
  /** uint8 (ORT's long-time default for activations) unless set. */
  readonly activationType?: ActivationType;
  /**
   * Float simplifications first, true unless set: Conv → Mul(constant) → Add(constant) folded into the
   * Conv (conv-affine-fold.ts) and hard-swish chains as HardSigmoid · x (hard-swish.ts). Both would speed
   * the fp32 model too; they are here because they shrink the float work left between int8 Convs.
   */
  readonly simplifyFloat?: boolean;
  /**
   * Grouped/depthwise Convs (group > 1) quantized too; false unless set: on ORT-web's wasm build the int8
   * depthwise kernel is several times slower than the float one (PP-OCRv4 rec, 14 depthwise Convs:
   * the whole model went from 0.8x to 1.3–1.5x of fp32 speed by leaving them float).
   */
  readonly depthwise?: boolean;
}

export interface StaticResult {
  readonly model: ModelProto;
  readonly report: OptimizeReport;
  readonly calibration: CalibrationResult;
}

/** The scale and zero point of a tensor quantized over `range` to `type` (asymmetric, range holds 0). */
export function activationParameters(range: TensorRange, type: ActivationType) {
  const [qmin, qmax] = type === 'uint8' ? [0, 255] : [-128, 127];
  const low = Math.min(range.min, 0);
  const high = Math.max(range.max, 0);
  const scale = high > low ? (high - low) / (qmax - qmin) : 1;
  const zeroPoint = Math.max(qmin, Math.min(qmax, Math.round(qmin - low / scale)));
  return { scale: Math.fround(scale), zeroPoint };
}

/**
 * Int8 values and per-channel scales of `weights` (dims `dims`) quantized symmetrically along `axis`:
 * scale = max|w| / 127 per channel (1 for an all-zero channel), q = round(w / scale) in [-127, 127].
 */
export function quantizeWeights(weights: Float32Array, dims: readonly number[], axis: number) {
  const channels = dims[axis] ?? 1;
  const inner = dims.slice(axis + 1).reduce((product, dim) => product * dim, 1);
  const channelOf = (index: number) => Math.floor(index / inner) % channels;
  const absMax = new Float32Array(channels);
  weights.forEach((value, index) => {
    const channel = channelOf(index);
    absMax[channel] = Math.max(absMax[channel] ?? 0, Math.abs(value));
  });
  const scales = Float32Array.from(absMax, (value) => (value > 0 ? value / 127 : 1));
  const values = Int8Array.from(weights, (value, index) =>
    Math.max(-127, Math.min(127, Math.round(value / (scales[channelOf(index)] ?? 1)))),
  );
  return { values, scales };
}

/** Int32 bias values with scale = input scale × weight scale of each channel. */
export function quantizeBias(bias: Float32Array, inputScale: number, weightScales: Float32Array) {
  const scales = Float32Array.from(weightScales, (scale) => inputScale * scale);
  const values = Int32Array.from(bias, (value, channel) => {
    const scale = scales[channel] ?? 1;
    return Math.max(-2147483648, Math.min(2147483647, Math.round(value / scale)));
  });
  return { values, scales };
}

interface Plan {
  readonly node: NodeProto;
  readonly weight: ConstantValue;
  /** Axis of the weight's output channels. */
  readonly axis: number;
  /** The float activation read by the node. */
  readonly input: string;
  /** The tensor quantized after the node: its output, or the output of a Relu/Clip reading only it. */
  readonly output: string;
}

/**
 * Quantizes `model` (not modified) to int8 QDQ with activation ranges calibrated by `options` on
 * `tools.calibrationData`, after specialising its If nodes to the branch every calibration input takes.
 * The returned model's default opset is at least 13.
 */
export async function quantizeStatic(
  model: ModelProto,
  options: StaticOptions,
  tools: OptimizeTools,
): Promise<StaticResult> {
  const copy = clone(ModelProtoSchema, model);
  const notes = [
    ...(await specializeIfs(copy, tools, requireCalibrationData(tools).feeds)),
    ...prepareFloat(copy, options.simplifyFloat !== false),
  ];
  const graph = mainGraph(copy);
  const fresh = nameFactory(copy);
  const skipped = new Tally();
  const keptFloat = new Tally();
  const plans = planNodes(graph, options, skipped, keptFloat);
  for (const sub of allGraphs(graph).slice(1))
    for (const node of sub.node) {
      const keep = KEPT_FLOAT[node.opType];
      if (keep) keptFloat.add(node.opType, keep);
      else if (WEIGHTED.has(node.opType))
        skipped.add(node.opType, 'inside a subgraph (If/Loop body), whose values calibration cannot observe');
    }
  if (plans.length === 0)
    throw new InvalidInputError(
      `int8-static found nothing to quantize: ${skipped.describe() || 'the model has no Conv, MatMul or Gemm'}`,
    );

  const tensors = [...new Set(plans.flatMap((plan) => [plan.input, plan.output]))];
  const calibration = await calibrate(copy, tensors, options, tools);
  const activationType = options.activationType ?? 'uint8';
  const added: NodeProto[] = [];
  const scales = new Map<string, number>();
  const scalar = (
    name: string,
    dataType: TensorProto_DataType,
    value: Float32Array | Uint8Array | Int8Array,
  ) => {
    graph.initializer.push(tensorOf(name, dataType, [], value));
    return name;
  };

  // Activations: T → Q → DQ, every reader of T (but the Q) reading the DQ's output.
  const consumers = consumersOf(graph);
  const outputs = new Set(graph.output.map((output) => output.name));
  for (const tensor of tensors) {
    const range = calibration.ranges.get(tensor) ?? { min: 0, max: 0 };
    const { scale, zeroPoint } = activationParameters(range, activationType);
    scales.set(tensor, scale);
    const scaleName = scalar(fresh(`${tensor}_scale`), TensorProto_DataType.FLOAT, Float32Array.of(scale));
    const zeroName =
      activationType === 'uint8'
        ? scalar(fresh(`${tensor}_zero_point`), TensorProto_DataType.UINT8, Uint8Array.of(zeroPoint))
        : scalar(fresh(`${tensor}_zero_point`), TensorProto_DataType.INT8, Int8Array.of(zeroPoint));
    const quantized = fresh(`${tensor}_quantized`);
    const dequantized = fresh(`${tensor}_dequantized`);
    for (const reader of consumers.get(tensor) ?? [])
      reader.input = reader.input.map((name) => (name === tensor ? dequantized : name));
    added.push(
      makeNode(
        'QuantizeLinear',
        [tensor, scaleName, zeroName],
        [quantized],
        fresh(`${tensor}_QuantizeLinear`),
      ),
      makeNode(
        'DequantizeLinear',
        [quantized, scaleName, zeroName],
        [dequantized],
        fresh(`${tensor}_DequantizeLinear`),
      ),
    );
    if (outputs.has(tensor))
      notes.push(`graph output "${tensor}" is quantized for its readers, kept float as output`);
  }

  // Weights (int8 per channel) and Conv/Gemm biases (int32), each behind a DequantizeLinear.
  const converted: Record<string, number> = {};
  const constants = constantsOf(graph);
  for (const plan of plans) {
    const dims = plan.weight.tensor.dims.map(Number);
    const { values, scales: weightScales } = quantizeWeights(
      floatValues(plan.weight.tensor),
      dims,
      plan.axis,
    );
    const base = plan.weight.name;
    const weightName = fresh(`${base}_quantized`);
    graph.initializer.push(tensorOf(weightName, TensorProto_DataType.INT8, dims, values));
    const scaleDims = [weightScales.length];
    const wScale = fresh(`${base}_scale`);
    const wZero = fresh(`${base}_zero_point`);
    graph.initializer.push(
      tensorOf(wScale, TensorProto_DataType.FLOAT, scaleDims, weightScales),
      tensorOf(wZero, TensorProto_DataType.INT8, scaleDims, new Int8Array(weightScales.length)),
    );
    const weightOut = fresh(`${base}_dequantized`);
    added.push(
      makeNode(
        'DequantizeLinear',
        [weightName, wScale, wZero],
        [weightOut],
        fresh(`${base}_DequantizeLinear`),
        { axis: plan.axis },
      ),
    );
    plan.node.input[1] = weightOut;

    const biasName = plan.node.opType === 'MatMul' ? undefined : plan.node.input[2];
    const bias = biasName ? constants.get(biasName) : undefined;
    const inputScale = scales.get(plan.input);
    if (
      bias &&
      inputScale !== undefined &&
      bias.tensor.dataType === TensorProto_DataType.FLOAT &&
      bias.tensor.dims.length === 1
    ) {
      const quantizedBias = quantizeBias(floatValues(bias.tensor), inputScale, weightScales);
      const bName = fresh(`${bias.name}_quantized`);
      const bScale = fresh(`${bias.name}_scale`);
      const bZero = fresh(`${bias.name}_zero_point`);
      const count = quantizedBias.values.length;
      graph.initializer.push(
        tensorOf(bName, TensorProto_DataType.INT32, [count], quantizedBias.values),
        tensorOf(bScale, TensorProto_DataType.FLOAT, [count], quantizedBias.scales),
        tensorOf(bZero, TensorProto_DataType.INT32, [count], new Int32Array(count)),
      );
      const biasOut = fresh(`${bias.name}_dequantized`);
      added.push(
        makeNode(
          'DequantizeLinear',
          [bName, bScale, bZero],
          [biasOut],
          fresh(`${bias.name}_DequantizeLinear`),
          { axis: 0 },
        ),
      );
      plan.node.input[2] = biasOut;
    }
    converted[plan.node.opType] = (converted[plan.node.opType] ?? 0) + 1;
  }

  graph.node = [...graph.node, ...added];
  removeUnread(graph);
  graph.node = topologicalOrder(graph);
  const method = calibration.method === 'percentile' ? `percentile ${calibration.percentile}` : 'minmax';
  notes.push(
    `activations ${activationType} asymmetric, ranges by ${method} on ${calibration.samples} inputs (${calibration.data}); weights int8 symmetric per channel; biases int32`,
  );
  return {
    model: copy,
    calibration,
    report: {
      method: 'int8-static',
      converted,
      keptFloat: keptFloat.entries(),
      skipped: skipped.entries(),
      notes,
    },
  };
}

/**
 * The float model int8-static quantizes, in place: opset raised to 13, then (when `simplify`) the
 * Conv → Mul/Add folds and the hard-swish rewrite, unread constants dropped. Exported so a measurement
 * can time this float model too and tell the simplifications' share of the speed-up from int8's.
 * Returns notes for the report.
 */
export function prepareFloat(model: ModelProto, simplify: boolean): string[] {
  const notes: string[] = [];
  const upgrade = upgradeOpset(model, 13);
  if (upgrade.from !== upgrade.to) {
    const rewritten = Object.entries(upgrade.rewritten).map(([op, count]) => `${op} ×${count}`);
    notes.push(
      `opset raised from ${upgrade.from} to ${upgrade.to}${rewritten.length ? ` (rewritten: ${rewritten.join(', ')})` : ''}`,
    );
  }
  const graph = mainGraph(model);
  const fresh = nameFactory(model);
  if (simplify) {
    const after = foldConvAffine(graph, fresh);
    const before = foldAffineIntoConv(graph, fresh);
    const folded = { mul: after.mul + before.mul, add: after.add + before.add };
    if (folded.mul > 0)
      notes.push(
        `folded ${folded.mul} Mul and ${folded.add} Add with constants next to a Conv into its weights and bias`,
      );
    const hardSwish = rewriteHardSwish(graph, fresh);
    if (hardSwish > 0)
      notes.push(`rewrote ${hardSwish} hard-swish chains (Add, Clip, Mul, Div) as HardSigmoid · x`);
  }
  removeUnread(graph);
  return notes;
}

/** The weighted nodes of the main graph it can quantize; the others are tallied with why. */
function planNodes(graph: GraphProto, options: StaticOptions, skipped: Tally, keptFloat: Tally): Plan[] {
  const constants = constantsOf(graph);
  const consumers = consumersOf(graph);
  const graphOutputs = new Set(graph.output.map((output) => output.name));
  const plans: Plan[] = [];
  for (const node of graph.node) {
    const keep = KEPT_FLOAT[node.opType];
    if (keep) {
      keptFloat.add(node.opType, keep);
      continue;
    }
    if (!WEIGHTED.has(node.opType)) continue;
    if (node.opType === 'Conv' && options.depthwise !== true && intAttribute(node, 'group', 1) > 1) {
      keptFloat.add(
        node.opType,
        'grouped/depthwise Conv left float: slower in int8 than in float on ORT-web wasm (option depthwise)',
      );
      continue;
    }
    const reason = unsupported(node, constants);
    if (reason) {
      skipped.add(node.opType, reason);
      continue;
    }
    const weight = constants.get(node.input[1] ?? '');
    const input = node.input[0];
    const output = node.output[0];
    if (!weight || !input || !output) continue;
    const axis =
      node.opType === 'Conv'
        ? 0
        : node.opType === 'Gemm'
          ? intAttribute(node, 'transB', 0) === 1
            ? 0
            : 1
          : 1;
    plans.push({
      node,
      weight,
      axis,
      input,
      output: fusedOutput(output, consumers, constants, graphOutputs),
    });
  }
  return plans;
}

/** Why `node` cannot be quantized, or undefined. */
function unsupported(node: NodeProto, constants: Map<string, ConstantValue>): string | undefined {
  const weight = constants.get(node.input[1] ?? '');
  if (constants.has(node.input[0] ?? ''))
    return 'its first input is a constant (the weight must be the second input)';
  if (!weight) return 'its weight is computed at run time, not a constant';
  if (weight.tensor.dataType !== TensorProto_DataType.FLOAT)
    return `its weight is ${TensorProto_DataType[weight.tensor.dataType] ?? weight.tensor.dataType}, not float32`;
  if (node.opType === 'MatMul' && weight.tensor.dims.length !== 2)
    return `its weight has ${weight.tensor.dims.length} dimensions (2 supported)`;
  if (node.opType === 'Gemm') {
    if (intAttribute(node, 'transA', 0) !== 0) return 'transA = 1 is not supported';
    const alpha = attribute(node, 'alpha')?.f ?? 1;
    const beta = attribute(node, 'beta')?.f ?? 1;
    if (alpha !== 1 || beta !== 1) return `alpha ${alpha} / beta ${beta} (only 1 supported)`;
  }
  return undefined;
}

/**
 * The tensor to quantize after a node: its output, unless the output's only reader is a Relu or a Clip
 * with a constant minimum of 0 (then that reader's output, which ORT folds into the QuantizeLinear).
 */
function fusedOutput(
  output: string,
  consumers: Map<string, NodeProto[]>,
  constants: Map<string, ConstantValue>,
  graphOutputs: Set<string>,
): string {
  const readers = consumers.get(output) ?? [];
  const reader = readers[0];
  if (readers.length !== 1 || !reader || graphOutputs.has(output)) return output;
  const minimum = reader.opType === 'Clip' ? constants.get(reader.input[1] ?? '') : undefined;
  const clipFromZero = minimum !== undefined && floatValues(minimum.tensor)[0] === 0;
  if ((reader.opType === 'Relu' || clipFromZero) && reader.output[0]) return reader.output[0];
  return output;
}

/** Drops the initializers and Constant nodes no node or output of `graph` reads any more. */
function removeUnread(graph: GraphProto): void {
  const read = new Set([
    ...allGraphs(graph).flatMap((inner) => inner.node.flatMap((node) => node.input)),
    ...graph.output.map((output) => output.name),
  ]);
  graph.initializer = graph.initializer.filter((tensor) => read.has(tensor.name));
  graph.node = graph.node.filter((node) => node.opType !== 'Constant' || read.has(node.output[0] ?? ''));
}

/** Counts of nodes by operator and reason. */
class Tally {
  private readonly counts = new Map<string, { opType: string; reason: string; count: number }>();

  add(opType: string, reason: string): void {
    const key = `${opType}\u0000${reason}`;
    const entry = this.counts.get(key);
    if (entry) entry.count += 1;
    else this.counts.set(key, { opType, reason, count: 1 });
  }

  entries() {
    return [...this.counts.values()].map(({ opType, count, reason }) => ({ opType, count, reason }));
  }

  describe(): string {
    return this.entries()
      .map(({ opType, count, reason }) => `${opType} ×${count}: ${reason}`)
      .join('; ');
  }
}
