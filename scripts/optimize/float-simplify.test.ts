import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { floatTensor, modelBytes, node, TensorProto_DataType, valueInfo } from '../hf-models/onnx-builder';
import { foldAffineIntoConv, foldConvAffine } from '../../src/optimizer/conv-affine-fold';
import { rewriteHardSwish } from '../../src/optimizer/hard-swish';
import {
  constantsOf,
  floatValues,
  mainGraph,
  nameFactory,
  parseModel,
  serializeModel,
} from '../../src/optimizer/onnx-graph';

const FLOAT = TensorProto_DataType.FLOAT;

async function outputOf(bytes: Uint8Array, data: Float32Array, dims: number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const outputs = await session.run({ x: new ort.Tensor('float32', data, dims) });
  return outputs[session.outputNames[0]!]!.data as Float32Array;
}

/** Conv 1 → 2 channels (1×1, w = [2, −1], b = [0.5, 1]) → Mul([3, 0.5] per channel, constant first) → Add(scale). */
function affineModel(scaleDims: number[], shift: number) {
  return modelBytes({
    name: 'affine',
    opset: 13,
    initializers: [
      floatTensor('w', [2, 1, 1, 1], [2, -1]),
      floatTensor('b', [2], [0.5, 1]),
      floatTensor('a', scaleDims, [3, 0.5]),
      floatTensor('shift', [], [shift]),
    ],
    inputs: [valueInfo('x', FLOAT, [1, 1, 2, 2])],
    outputs: [valueInfo('y', FLOAT, [1, 2, 2, 2])],
    nodes: [
      node('Conv', ['x', 'w', 'b'], ['c']),
      node('Mul', ['a', 'c'], ['m']),
      node('Add', ['m', 'shift'], ['y']),
    ],
  });
}

describe('foldConvAffine', () => {
  it('folds a per-channel Mul and a scalar Add into the Conv: w·a, b·a + shift', async () => {
    const bytes = affineModel([1, 2, 1, 1], 1);
    const model = parseModel(bytes);
    const graph = mainGraph(model);
    expect(foldConvAffine(graph, nameFactory(model))).toEqual({ mul: 1, add: 1 });
    expect(graph.node.map((n) => n.opType)).toEqual(['Conv']);
    const constants = constantsOf(graph);
    const conv = graph.node[0]!;
    expect(Array.from(floatValues(constants.get(conv.input[1]!)!.tensor))).toEqual([6, -0.5]);
    expect(Array.from(floatValues(constants.get(conv.input[2]!)!.tensor))).toEqual([2.5, 1.5]);
    const input = Float32Array.from([1, -2, 0.5, 4]);
    const [before, after] = [
      await outputOf(bytes, input, [1, 1, 2, 2]),
      await outputOf(serializeModel(model), input, [1, 1, 2, 2]),
    ];
    before.forEach((value, index) => expect(after[index]).toBeCloseTo(value, 5));
  });

  it('leaves a Mul whose constant would broadcast on another axis', () => {
    const model = parseModel(affineModel([2], 1)); // [2] lines up with the last (width) axis, not channels
    expect(foldConvAffine(mainGraph(model), nameFactory(model))).toEqual({ mul: 0, add: 0 });
  });
});

describe('foldAffineIntoConv', () => {
  /** Mul(x, 2) → Add(0.5) → Conv 1 → 2 channels (1×1, w = [1, −3], b = [0.1, 0.2]), padded or not. */
  const model = (pads: number) =>
    modelBytes({
      name: 'pre-affine',
      opset: 13,
      initializers: [
        floatTensor('a', [1], [2]),
        floatTensor('shift', [], [0.5]),
        floatTensor('w', [2, 1, 1, 1], [1, -3]),
        floatTensor('b', [2], [0.1, 0.2]),
      ],
      inputs: [valueInfo('x', FLOAT, [1, 1, 2, 2])],
      outputs: [valueInfo('y', FLOAT, [1, 2, 2 + 2 * pads, 2 + 2 * pads])],
      nodes: [
        node('Mul', ['x', 'a'], ['m']),
        node('Add', ['shift', 'm'], ['s']),
        node('Conv', ['s', 'w', 'b'], ['y'], { pads: [pads, pads, pads, pads] }),
      ],
    });

  it('folds into an unpadded Conv: w·a, b + shift·Σw', async () => {
    const bytes = model(0);
    const parsed = parseModel(bytes);
    const graph = mainGraph(parsed);
    expect(foldAffineIntoConv(graph, nameFactory(parsed))).toEqual({ mul: 1, add: 1 });
    expect(graph.node.map((n) => n.opType)).toEqual(['Conv']);
    const constants = constantsOf(graph);
    const conv = graph.node[0]!;
    expect(conv.input[0]).toBe('x');
    expect(Array.from(floatValues(constants.get(conv.input[1]!)!.tensor))).toEqual([2, -6]);
    const bias = floatValues(constants.get(conv.input[2]!)!.tensor);
    expect(bias[0]).toBeCloseTo(0.6, 6);
    expect(bias[1]).toBeCloseTo(-1.3, 6);
    const input = Float32Array.from([1, -2, 0.5, 4]);
    const [before, after] = [
      await outputOf(bytes, input, [1, 1, 2, 2]),
      await outputOf(serializeModel(parsed), input, [1, 1, 2, 2]),
    ];
    before.forEach((value, index) => expect(after[index]).toBeCloseTo(value, 5));
  });

  it('leaves a padded Conv (its border would read the shift)', () => {
    const parsed = parseModel(model(1));
    expect(foldAffineIntoConv(mainGraph(parsed), nameFactory(parsed))).toEqual({ mul: 0, add: 0 });
  });
});

describe('rewriteHardSwish', () => {
  const bytes = modelBytes({
    name: 'hard-swish',
    opset: 13,
    initializers: [floatTensor('three', [], [3]), floatTensor('zero', [], [0]), floatTensor('six', [], [6])],
    inputs: [valueInfo('x', FLOAT, [8])],
    outputs: [valueInfo('y', FLOAT, [8])],
    nodes: [
      node('Add', ['x', 'three'], ['shifted']),
      node('Clip', ['shifted', 'zero', 'six'], ['clipped']),
      node('Mul', ['x', 'clipped'], ['product']),
      node('Div', ['product', 'six'], ['y']),
    ],
  });

  it('writes x · Clip(x + 3, 0, 6) / 6 as x · HardSigmoid(x) with the same values', async () => {
    const model = parseModel(bytes);
    const graph = mainGraph(model);
    expect(rewriteHardSwish(graph, nameFactory(model))).toBe(1);
    expect(graph.node.map((n) => n.opType)).toEqual(['HardSigmoid', 'Mul']);
    const input = Float32Array.from([-5, -3, -1, 0, 1, 2.5, 3, 4]);
    const after = await outputOf(serializeModel(model), input, [8]);
    // hard-swish by hand: 0 below −3, x itself above 3, x(x + 3)/6 between.
    const expected = [0, 0, -1 / 3, 0, 2 / 3, (2.5 * 5.5) / 6, 3, 4];
    expected.forEach((value, index) => expect(after[index]).toBeCloseTo(value, 6));
  });
});
