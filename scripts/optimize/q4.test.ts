import { describe, expect, it } from 'vitest';
import { float32Tensor } from '../../src/core/tensor';
import { floatTensor, modelBytes, node, TensorProto_DataType, valueInfo } from '../hf-models/onnx-builder';
import { nodeRunnerFactory } from './node-runner';
import { intAttribute, mainGraph, parseModel } from '../../src/optimizer/onnx-graph';
import { optimizeModel } from '../../src/optimizer/optimize';

const { FLOAT } = TensorProto_DataType;
const createRunner = nodeRunnerFactory();

describe('q4', () => {
  it('stores MatMul weights as MatMulNBits 4-bit blocks (worked by hand) and computes the same product', async () => {
    // K=32, N=2. Column 0 repeats [0, 1.5, -1.5, 3] (one block: scale 0.3, zero point 5, q 5,10,0,15);
    // column 1 is all zeros (scale 1, zero point 0). Both lie on the 4-bit grid, so the product is exact.
    const K = 32;
    const column0 = Array.from({ length: K }, (_, k) => [0, 1.5, -1.5, 3][k % 4]!);
    const W = column0.flatMap((value) => [value, 0]);
    const bytes = modelBytes({
      name: 'q4',
      opset: 17,
      inputs: [valueInfo('x', FLOAT, [1, K])],
      outputs: [valueInfo('y', FLOAT, [1, 2])],
      initializers: [floatTensor('W', [K, 2], W)],
      nodes: [node('MatMul', ['x', 'W'], ['y'])],
    });
    const result = await optimizeModel(bytes, { method: 'q4' }, { createRunner });
    expect(result.report.converted).toEqual({ MatMul: 1 });
    const graph = mainGraph(parseModel(result.bytes));
    const [product] = graph.node;
    expect(`${product!.domain}:${product!.opType}`).toBe('com.microsoft:MatMulNBits');
    expect(['K', 'N', 'bits', 'block_size'].map((name) => intAttribute(product!, name, -1))).toEqual([
      K,
      2,
      4,
      32,
    ]);
    const tensors = new Map(graph.initializer.map((tensor) => [tensor.name, tensor]));
    expect(tensors.has('W')).toBe(false);
    expect(tensors.get('W_q4')!.dims.map(Number)).toEqual([2, 1, 16]);
    expect(Array.from(tensors.get('W_q4')!.rawData.subarray(0, 16))).toEqual(
      Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 5 | (10 << 4) : 0 | (15 << 4))),
    );
    expect(Array.from(tensors.get('W_q4')!.rawData.subarray(16))).toEqual(new Array(16).fill(0));
    expect(Array.from(tensors.get('W_q4_zero_points')!.rawData)).toEqual([5, 0]);

    const x = Array.from({ length: K }, (_, k) => Math.cos(k));
    const runner = await createRunner(result.bytes);
    const outputs = await runner.run({ x: float32Tensor(Float32Array.from(x), [1, K]) });
    await runner.release?.();
    const expected = x.reduce((sum, value, k) => sum + value * column0[k]!, 0);
    const [y0, y1] = outputs.y!.data as Float32Array;
    expect(y0).toBeCloseTo(expected, 4);
    expect(y1).toBe(0);
  });

  it('leaves Gemm alone and says so', async () => {
    const bytes = modelBytes({
      name: 'q4-gemm',
      opset: 17,
      inputs: [valueInfo('x', FLOAT, [1, 2])],
      outputs: [valueInfo('y', FLOAT, [1, 2])],
      initializers: [floatTensor('W', [2, 2], [1, 2, 3, 4])],
      nodes: [node('Gemm', ['x', 'W'], ['y'])],
    });
    await expect(optimizeModel(bytes, { method: 'q4' }, { createRunner })).rejects.toThrow(
      /nothing to convert.*Skipped: Gemm ×1 \(this method rewrites MatMul only\)/,
    );
  });
});
