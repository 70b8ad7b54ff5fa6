import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors';
import { float32Tensor } from '../../src/core/tensor';
import {
  floatTensor,
  modelBytes,
  node,
  TensorProto_DataType,
  valueInfo,
  weightsIn,
} from '../hf-models/onnx-builder';
import { nodeRunnerFactory } from './node-runner';
import { mainGraph, parseModel, TensorProto_DataType as DataType } from '../../src/optimizer/onnx-graph';
import { optimizeModel } from '../../src/optimizer/optimize';

const { FLOAT } = TensorProto_DataType;
const createRunner = nodeRunnerFactory();

// K=3, N=2. Column 0 max |w| = 2, column 1 max |w| = 0.5.
const W = [1, -0.5, -2, 0.25, 0.5, 0.125];
const X = [0.8, -0.4, 0.6, -1, 0.2, 0.9];
const matmul = (x: readonly number[], w: readonly number[], rows: number, k: number, n: number) =>
  Array.from({ length: rows * n }, (_, index) => {
    const [row, column] = [Math.floor(index / n), index % n];
    return Array.from({ length: k }, (_, i) => x[row * k + i]! * w[i * n + column]!).reduce((a, b) => a + b);
  });

describe('int8-dynamic', () => {
  it('quantizes MatMul and Gemm weights per column to int8 (worked by hand) and skips activation products', async () => {
    const bytes = modelBytes({
      name: 'int8-dynamic',
      opset: 13,
      inputs: [valueInfo('x', FLOAT, [2, 3])],
      outputs: [valueInfo('y', FLOAT, [2, 2]), valueInfo('g', FLOAT, [2, 2]), valueInfo('s', FLOAT, [2, 2])],
      initializers: [
        floatTensor('W', [3, 2], W),
        // Gemm's weight stored N×K with transB = 1: the transpose of W.
        floatTensor('Wt', [2, 3], [1, -2, 0.5, -0.5, 0.25, 0.125]),
        floatTensor('bias', [2], [0.5, -1]),
      ],
      nodes: [
        node('MatMul', ['x', 'W'], ['y']),
        node('Gemm', ['x', 'Wt', 'bias'], ['g'], { transB: 1 }),
        node('Transpose', ['x'], ['xt']),
        node('MatMul', ['x', 'xt'], ['s']),
      ],
    });
    const result = await optimizeModel(bytes, { method: 'int8-dynamic' }, { createRunner });
    expect(result.report.converted).toEqual({ MatMul: 1, Gemm: 1 });
    expect(result.report.skipped).toEqual([
      { opType: 'MatMul', count: 1, reason: expect.stringContaining('computed at run time') },
    ]);
    const graph = mainGraph(parseModel(result.bytes));
    expect(graph.node.map((n) => `${n.domain}:${n.opType}`)).toEqual([
      'com.microsoft:DynamicQuantizeMatMul',
      'com.microsoft:DynamicQuantizeMatMul',
      ':Transpose',
      ':MatMul',
    ]);
    // The float weights are gone; W and Wt quantize to the same int8 matrix and scales.
    const initializers = new Map(graph.initializer.map((tensor) => [tensor.name, tensor]));
    expect([...initializers.keys()].sort()).toEqual(
      ['W_int8', 'W_scale', 'Wt_transposed_int8', 'Wt_transposed_scale', 'bias'].sort(),
    );
    // 1/(2/127) = 63.5 → 64, -2 → -127, 0.5/(2/127) = 31.75 → 32; -0.5/(0.5/127) = -127,
    // 0.25 → 63.5 → 64, 0.125 → 31.75 → 32.
    for (const name of ['W_int8', 'Wt_transposed_int8']) {
      expect(initializers.get(name)!.dataType).toBe(DataType.INT8);
      expect(Array.from(new Int8Array(initializers.get(name)!.rawData.slice().buffer))).toEqual([
        64, -127, -127, 64, 32, 32,
      ]);
    }
    expect(Array.from(new Float32Array(initializers.get('W_scale')!.rawData.slice().buffer))).toEqual([
      Math.fround(2 / 127),
      Math.fround(0.5 / 127),
    ]);

    const runner = await createRunner(result.bytes);
    const outputs = await runner.run({ x: float32Tensor(Float32Array.from(X), [2, 3]) });
    await runner.release?.();
    const exact = matmul(X, W, 2, 3, 2);
    // Weight error ≤ scale/2 per weight, activation error ≤ (2/255)/2 per value: well under 0.05 here.
    Array.from(outputs.y!.data as Float32Array).forEach((v, i) =>
      expect(Math.abs(v - exact[i]!)).toBeLessThan(0.05),
    );
    Array.from(outputs.g!.data as Float32Array).forEach((v, i) =>
      expect(Math.abs(v - (exact[i]! + [0.5, -1][i % 2]!))).toBeLessThan(0.05),
    );
  });

  it('says a weight stored in fp16 behind a Cast is not quantized from there (start from fp32)', async () => {
    const { initializers, casts } = weightsIn('fp16', [['W', [3, 2], W]]);
    const bytes = modelBytes({
      name: 'fp16-file',
      opset: 13,
      inputs: [valueInfo('x', FLOAT, [2, 3])],
      outputs: [valueInfo('y', FLOAT, [2, 2])],
      initializers,
      nodes: [...casts, node('MatMul', ['x', 'W'], ['y'])],
    });
    await expect(optimizeModel(bytes, { method: 'int8-dynamic' }, { createRunner })).rejects.toThrow(
      'Skipped: MatMul ×1 (its weight is stored in another precision and converted at run time; start from the fp32 model)',
    );
  });

  it('refuses a model with no MatMul or Gemm weight, saying what it left alone', async () => {
    const convOnly = modelBytes({
      name: 'conv-only',
      opset: 13,
      inputs: [valueInfo('x', FLOAT, [1, 1, 4, 4])],
      outputs: [valueInfo('y', FLOAT, [1, 1, 4, 4])],
      initializers: [floatTensor('k', [1, 1, 1, 1], [2])],
      nodes: [node('Conv', ['x', 'k'], ['y'])],
    });
    const attempt = optimizeModel(convOnly, { method: 'int8-dynamic' }, { createRunner });
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(attempt).rejects.toThrow(/found nothing to convert.*Kept in fp32: Conv ×1/);
  });

  it('quantizes the opset-9 PP-OCRv4 recognizer (weights in Constant nodes) and stays close to fp32', async () => {
    const parent = new Uint8Array(readFileSync('public/models/ppocr-v4-rec/model.onnx'));
    const result = await optimizeModel(parent, { method: 'int8-dynamic' }, { createRunner });
    expect(result.report.converted).toEqual({ MatMul: 9 });
    expect(result.bytes.byteLength).toBeLessThan(parent.byteLength * 0.75);
    const x = float32Tensor(
      Float32Array.from({ length: 3 * 48 * 320 }, (_, i) => Math.sin(i * 0.01)),
      [1, 3, 48, 320],
    );
    const outputs = await Promise.all(
      [parent, result.bytes].map(async (bytes) => {
        const runner = await createRunner(bytes);
        const out = await runner.run({ x });
        await runner.release?.();
        return out[runner.outputNames[0]!]!;
      }),
    );
    const [reference, variant] = outputs.map((out) => out.data as Float32Array) as [
      Float32Array,
      Float32Array,
    ];
    // Per time step, the most likely character is the same.
    const classes = outputs[0]!.dims.at(-1)!;
    const argmax = (values: Float32Array, step: number) => {
      const row = values.subarray(step * classes, (step + 1) * classes);
      return row.indexOf(Math.max(...row));
    };
    for (let step = 0; step < reference.length / classes; step += 1)
      expect(argmax(variant, step)).toBe(argmax(reference, step));
  });
});
