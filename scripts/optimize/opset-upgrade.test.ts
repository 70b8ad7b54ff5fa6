import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors';
import {
  floatTensor,
  int64Tensor,
  modelBytes,
  node,
  TensorProto_DataType,
  valueInfo,
} from '../hf-models/onnx-builder';
import { opsetVersion, parseModel, serializeModel } from '../../src/optimizer/onnx-graph';
import { upgradeOpset } from '../../src/optimizer/opset-upgrade';

const FLOAT = TensorProto_DataType.FLOAT;

/** Runs both models on the same input and returns the largest absolute difference of the first output. */
async function maxDifference(before: Uint8Array, after: Uint8Array, dims: number[]): Promise<number> {
  const size = dims.reduce((product, dim) => product * dim, 1);
  const data = Float32Array.from({ length: size }, (_, index) => Math.sin(index * 0.37) * 0.9);
  const run = async (bytes: Uint8Array) => {
    const session = await ort.InferenceSession.create(bytes);
    const outputs = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', data, dims) });
    return outputs[session.outputNames[0]!]!.data as Float32Array;
  };
  const [a, b] = [await run(before), await run(after)];
  expect(b.length).toBe(a.length);
  return a.reduce((max, value, index) => Math.max(max, Math.abs(value - (b[index] ?? NaN))), 0);
}

describe('upgradeOpset on the shipped PP-OCR models', () => {
  it.each([
    ['ppocr-v4-rec/model.basic.onnx', [1, 3, 48, 320], 9],
    ['ppocr-v4-rec/model.onnx', [1, 3, 48, 200], 9],
    ['ppocr-mobile-v2-cls/model.onnx', [1, 3, 48, 192], 9],
    ['ppocr-v4-det/model.basic.onnx', [1, 3, 160, 160], 11],
  ] as const)(
    '%s keeps its outputs at opset 13',
    async (file, dims, from) => {
      const bytes = new Uint8Array(readFileSync(`public/models/${file}`));
      const model = parseModel(bytes);
      const upgrade = upgradeOpset(model);
      expect(upgrade.from).toBe(from);
      expect(opsetVersion(model)).toBe(13);
      expect(await maxDifference(bytes, serializeModel(model), [...dims])).toBeLessThanOrEqual(1e-5);
    },
    60_000,
  );
});

describe('upgradeOpset rewrites', () => {
  // An opset-9 graph with each operator whose form changed: Clip (attrs), Slice (attrs), Unsqueeze and
  // Squeeze (axes), Softmax on axis 1 of a 3-D tensor (coerced 2-D before 13), Pad (attrs).
  const legacy = modelBytes({
    name: 'legacy',
    opset: 9,
    initializers: [],
    inputs: [valueInfo('x', FLOAT, [2, 3, 4])],
    outputs: [valueInfo('y', FLOAT, [2, 3, 4]), valueInfo('z', FLOAT, ['n', 'm'])],
    nodes: [
      node('Clip', ['x'], ['clipped'], { min: -0.5, max: 0.6 }, ['min', 'max']),
      node('Softmax', ['clipped'], ['y'], { axis: 1 }),
      node('Slice', ['y'], ['sliced'], { starts: [1], ends: [3], axes: [2] }),
      node('Unsqueeze', ['sliced'], ['unsqueezed'], { axes: [0] }),
      node('Squeeze', ['unsqueezed'], ['squeezed'], { axes: [0] }),
      node('Pad', ['squeezed'], ['padded'], { pads: [0, 0, 1, 0, 0, 1], value: 0.25 }, ['value']),
      node('Flatten', ['padded'], ['z'], { axis: 1 }),
    ],
  });

  it('keeps the meaning of Clip, Softmax (axis 1), Slice, Squeeze, Unsqueeze and Pad', async () => {
    const model = parseModel(legacy);
    const upgrade = upgradeOpset(model);
    expect(upgrade.rewritten).toEqual({ Clip: 1, Softmax: 1, Slice: 1, Unsqueeze: 1, Squeeze: 1, Pad: 1 });
    const dims = [2, 3, 4];
    const data = Float32Array.from({ length: 24 }, (_, index) => Math.sin(index) * 0.9);
    const run = async (bytes: Uint8Array) => {
      const session = await ort.InferenceSession.create(bytes);
      return session.run({ x: new ort.Tensor('float32', data, dims) });
    };
    const [before, after] = [await run(legacy), await run(serializeModel(model))];
    for (const name of ['y', 'z']) {
      expect(after[name]!.dims).toEqual(before[name]!.dims);
      const a = before[name]!.data as Float32Array;
      const b = after[name]!.data as Float32Array;
      a.forEach((value, index) => expect(b[index]).toBeCloseTo(value, 6));
    }
    // Opset 9's Softmax(axis 1) normalizes over the 12 values of each batch item together.
    const y = before.y!.data as Float32Array;
    expect(y.slice(0, 12).reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 5);
  });

  it('refuses an operator whose change it does not handle, naming it, and leaves the model as it was', () => {
    const bytes = modelBytes({
      name: 'scatter',
      opset: 9,
      initializers: [int64Tensor('indices', [1, 1], [0]), floatTensor('updates', [1, 1], [1])],
      inputs: [valueInfo('x', FLOAT, [2, 2])],
      outputs: [valueInfo('y', FLOAT, [2, 2])],
      nodes: [node('Scatter', ['x', 'indices', 'updates'], ['y'])],
    });
    const model = parseModel(bytes);
    expect(() => upgradeOpset(model)).toThrow(InvalidInputError);
    expect(() => upgradeOpset(model)).toThrow(/Scatter/);
    expect(opsetVersion(model)).toBe(9);
  });

  it('leaves a model already at opset 13 or above alone', () => {
    const model = parseModel(readFileSync('public/models/silero-vad-v5/model.onnx'));
    expect(upgradeOpset(model)).toEqual({ from: 16, to: 16, rewritten: {} });
  });
});
