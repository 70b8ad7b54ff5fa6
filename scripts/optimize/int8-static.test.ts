import * as ort from 'onnxruntime-node';
import { AttributeProto_AttributeType } from 'onnx-buf';
import { describe, expect, it } from 'vitest';
import { floatTensor, modelBytes, node, TensorProto_DataType, valueInfo } from '../hf-models/onnx-builder';
import { nodeRunnerFactory } from './node-runner';
import { InvalidInputError } from '../../src/core/errors';
import { float32Tensor } from '../../src/core/tensor';
import {
  constantsOf,
  mainGraph,
  opsetVersion,
  parseModel,
  serializeModel,
  type ModelProto,
} from '../../src/optimizer/onnx-graph';
import { quantizeStatic } from '../../src/optimizer/int8-static';
import type { OptimizeTools } from '../../src/optimizer/optimize';

const FLOAT = TensorProto_DataType.FLOAT;

// A 2x2 Conv, 1 → 2 channels, with weights whose int8 values and scales are worked out by hand:
// channel 0: max |w| = 2     → scale 2/127,   q = round(w · 127/2)   = [64, −127, 16, 8]
// channel 1: max |w| = 0.127 → scale 0.001,   q = round(w / 0.001)   = [127, 0, −63, 10]
const W0 = [1, -2, 0.25, 0.125];
const W1 = [0.127, 0, -0.0634, 0.01];
const BIAS = [0.3, -0.2];
const convModel = modelBytes({
  name: 'conv',
  opset: 9, // raised to 13 by the method
  initializers: [floatTensor('w', [2, 1, 2, 2], [...W0, ...W1]), floatTensor('b', [2], BIAS)],
  inputs: [valueInfo('x', FLOAT, [1, 1, 3, 3])],
  outputs: [valueInfo('y', FLOAT, [1, 2, 2, 2])],
  nodes: [node('Conv', ['x', 'w', 'b'], ['y'], { kernel_shape: [2, 2] })],
});

/** Inputs in [0, 2.55]: uint8 scale 0.01, zero point 0. */
const inputs = [
  Float32Array.from({ length: 9 }, (_, index) => index * 0.25),
  Float32Array.from([2.55, 0, 1, 0.5, 0.3, 2, 1.1, 0.7, 0.05]),
];
const tools = (feeds: readonly Float32Array[], dims: number[]): OptimizeTools => ({
  createRunner: nodeRunnerFactory(),
  calibrationData: {
    feeds: feeds.map((data) => ({ x: float32Tensor(data, dims) })),
    description: 'test inputs',
  },
});

/** The initializer values of the DequantizeLinear node making `value`. */
function dequantizeInputs(model: ModelProto, value: string) {
  const graph = mainGraph(model);
  const dq = graph.node.find(
    (candidate) => candidate.opType === 'DequantizeLinear' && candidate.output[0] === value,
  );
  if (!dq) throw new Error(`no DequantizeLinear makes ${value}`);
  const constants = constantsOf(graph);
  const raw = (name: string | undefined) => {
    const constant = constants.get(name ?? '');
    return constant ? new Uint8Array(constant.tensor.rawData) : new Uint8Array();
  };
  return {
    node: dq,
    data: raw(dq.input[0]),
    scale: new Float32Array(raw(dq.input[1]).buffer),
    zero: raw(dq.input[2]),
  };
}

async function runBoth(before: Uint8Array, after: ModelProto, data: Float32Array, dims: number[]) {
  const run = async (bytes: Uint8Array) => {
    const session = await ort.InferenceSession.create(bytes);
    const outputs = await session.run({ x: new ort.Tensor('float32', data, dims) });
    return outputs[session.outputNames[0]!]!.data as Float32Array;
  };
  return [await run(before), await run(serializeModel(after))] as const;
}

describe('quantizeStatic on a Conv with known weights', () => {
  it('writes int8 per-channel weights, int32 biases and uint8 activations as worked out by hand', async () => {
    const { model, report } = await quantizeStatic(
      parseModel(convModel),
      { method: 'minmax' },
      tools(inputs, [1, 1, 3, 3]),
    );
    expect(opsetVersion(model)).toBe(13);
    expect(report.converted).toEqual({ Conv: 1 });
    expect(report.skipped).toEqual([]);
    const conv = mainGraph(model).node.find((candidate) => candidate.opType === 'Conv')!;

    const weight = dequantizeInputs(model, conv.input[1]!);
    expect(Array.from(new Int8Array(weight.data.buffer))).toEqual([64, -127, 16, 8, 127, 0, -63, 10]);
    expect(weight.scale[0]).toBeCloseTo(2 / 127, 7);
    expect(weight.scale[1]).toBeCloseTo(0.001, 7);
    expect(Array.from(weight.zero)).toEqual([0, 0]);
    expect(weight.node.attribute.find((a) => a.name === 'axis')?.i).toBe(0n);

    const input = dequantizeInputs(model, conv.input[0]!);
    expect(input.scale[0]).toBeCloseTo(0.01, 7);
    expect(Array.from(input.zero)).toEqual([0]);

    // bias scale = input scale × weight scale: 0.3 / (0.01 · 2/127) = 1905, −0.2 / (0.01 · 0.001) = −20000
    const bias = dequantizeInputs(model, conv.input[2]!);
    expect(Array.from(new Int32Array(bias.data.buffer))).toEqual([1905, -20000]);
    expect(bias.scale[0]).toBeCloseTo((0.01 * 2) / 127, 9);
  });

  it('gives outputs close to the float model (within two output quantization steps)', async () => {
    const { model, calibration } = await quantizeStatic(
      parseModel(convModel),
      { method: 'minmax' },
      tools(inputs, [1, 1, 3, 3]),
    );
    const range = calibration.ranges.get('y')!;
    const step = (Math.max(range.max, 0) - Math.min(range.min, 0)) / 255;
    const [expected, actual] = await runBoth(convModel, model, inputs[1]!, [1, 1, 3, 3]);
    expected.forEach((value, index) =>
      expect(Math.abs(value - actual[index]!)).toBeLessThanOrEqual(2 * step),
    );
  });
});

describe('quantizeStatic on what it cannot handle', () => {
  it('reports a MatMul with a computed weight per operator and leaves it float; the model still runs', async () => {
    const bytes = modelBytes({
      name: 'matmuls',
      opset: 13,
      initializers: [floatTensor('w', [3, 2], [0.5, -1, 0.25, 2, -0.75, 1])],
      inputs: [valueInfo('x', FLOAT, [2, 3])],
      outputs: [valueInfo('z', FLOAT, [2, 2])],
      nodes: [
        node('MatMul', ['x', 'w'], ['y']),
        node('Transpose', ['y'], ['yt']),
        node('MatMul', ['y', 'yt'], ['z']),
      ],
    });
    const feeds = [
      Float32Array.from([1, -1, 0.5, 0.2, 0.8, -0.3]),
      Float32Array.from([-0.5, 0.4, 1, 0, -1, 0.6]),
    ];
    const { model, report } = await quantizeStatic(
      parseModel(bytes),
      { method: 'minmax' },
      tools(feeds, [2, 3]),
    );
    expect(report.converted).toEqual({ MatMul: 1 });
    expect(report.skipped).toEqual([
      { opType: 'MatMul', count: 1, reason: 'its weight is computed at run time, not a constant' },
    ]);
    // The weight is per column (MatMul axis 1): max |w| of columns [0.5, 0.25, −0.75] and [−1, 2, 1].
    const weight = dequantizeInputs(
      model,
      mainGraph(model).node.find((n) => n.opType === 'MatMul')!.input[1]!,
    );
    expect(Array.from(weight.scale)).toEqual([Math.fround(0.75 / 127), Math.fround(2 / 127)]);
    const [expected, actual] = await runBoth(bytes, model, feeds[0]!, [2, 3]);
    expected.forEach((value, index) =>
      expect(Math.abs(actual[index]! - value)).toBeLessThanOrEqual(0.03 * Math.abs(value) + 0.02),
    );
  });

  it('refuses a model whose only Conv is inside an If branch the calibration inputs disagree on, saying so', async () => {
    const branch = (name: string, scale: number) => ({
      name,
      node: [node('Conv', ['x', 'w'], [`${name}_y`], { kernel_shape: [1, 1] })],
      initializer: [floatTensor('w', [1, 1, 1, 1], [scale])],
      input: [],
      output: [valueInfo(`${name}_y`, FLOAT, [1, 1, 2, 2])],
    });
    const bytes = modelBytes({
      name: 'branches',
      opset: 13,
      initializers: [],
      inputs: [valueInfo('x', FLOAT, [1, 1, 2, 2]), valueInfo('flag', TensorProto_DataType.BOOL, [])],
      outputs: [valueInfo('y', FLOAT, [1, 1, 2, 2])],
      nodes: [
        {
          opType: 'If',
          name: 'If',
          input: ['flag'],
          output: ['y'],
          attribute: [
            { name: 'then_branch', type: AttributeProto_AttributeType.GRAPH, g: branch('then', 2) },
            { name: 'else_branch', type: AttributeProto_AttributeType.GRAPH, g: branch('else', 3) },
          ],
        },
      ],
    });
    const flag = (value: boolean) => ({
      type: 'bool' as const,
      data: Uint8Array.of(value ? 1 : 0),
      dims: [],
    });
    const x = float32Tensor(new Float32Array(4), [1, 1, 2, 2]);
    const attempt = quantizeStatic(
      parseModel(bytes),
      { method: 'minmax' },
      {
        createRunner: nodeRunnerFactory(),
        calibrationData: {
          feeds: [
            { x, flag: flag(true) },
            { x, flag: flag(false) },
          ],
          description: 'both branches',
        },
      },
    );
    await expect(attempt).rejects.toThrow(InvalidInputError);
    await expect(attempt).rejects.toThrow(/Conv ×2: inside a subgraph/);
  });
});
