import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AttributeProto_AttributeType } from 'onnx-buf';
import { float32Tensor, type TensorData } from '../../src/core/tensor';
import { floatTensor, modelBytes, node, TensorProto_DataType, valueInfo } from '../hf-models/onnx-builder';
import { nodeRunnerFactory } from './node-runner';
import { allGraphs, constantsOf, mainGraph, parseModel } from '../../src/optimizer/onnx-graph';
import { optimizeModel } from '../../src/optimizer/optimize';

const { FLOAT, FLOAT16, BOOL } = TensorProto_DataType;
const createRunner = nodeRunnerFactory();

async function run(bytes: Uint8Array, feeds: Record<string, TensorData>, output: string): Promise<number[]> {
  const runner = await createRunner(bytes);
  const result = await runner.run(feeds);
  await runner.release?.();
  return Array.from(result[output]!.data as Float32Array);
}

// y = Max(Relu(x·W + b), c): Max is on the reference converter's block list.
const W = [0.5, -1, 0.25, 2, 0.125, -0.75, -1.5, 1, 0.3, 0.2, -0.4, 0.6];
const B = [0.1, -0.2, 0.3];
const C = [0.05, 0.05, 0.05];
const blocked = modelBytes({
  name: 'fp16-block-list',
  opset: 17,
  inputs: [valueInfo('x', FLOAT, [1, 4])],
  outputs: [valueInfo('y', FLOAT, [1, 3])],
  initializers: [floatTensor('W', [4, 3], W), floatTensor('b', [3], B), floatTensor('c', [3], C)],
  nodes: [
    node('MatMul', ['x', 'W'], ['h']),
    node('Add', ['h', 'b'], ['a']),
    node('Relu', ['a'], ['r']),
    node('Max', ['r', 'c'], ['y']),
  ],
});

describe('fp16', () => {
  it('stores weights in fp16, keeps block-listed operators and the model inputs/outputs in fp32', async () => {
    const result = await optimizeModel(blocked, { method: 'fp16' }, { createRunner });
    expect(result.report.converted).toEqual({ MatMul: 1, Add: 1, Relu: 1 });
    expect(result.report.keptFloat).toEqual([
      { opType: 'Max', count: 1, reason: expect.stringContaining('block list') },
    ]);
    const graph = mainGraph(parseModel(result.bytes));
    const types = Object.fromEntries(graph.initializer.map((tensor) => [tensor.name, tensor.dataType]));
    expect(types).toEqual({ W: FLOAT16, b: FLOAT16, c: FLOAT });
    const casts = graph.node.filter((n) => n.opType === 'Cast').map((n) => `${n.input[0]}→${n.output[0]}`);
    expect(casts).toEqual(['x→x_fp16', 'r→r_fp32']);

    const x = [1, -0.5, 0.25, 2];
    const expected = [0, 1, 2].map((j) =>
      Math.max(Math.max(0, x.reduce((sum, xi, i) => sum + xi * W[i * 3 + j]!, 0) + B[j]!), C[j]!),
    );
    const y = await run(result.bytes, { x: float32Tensor(Float32Array.from(x), [1, 4]) }, 'y');
    y.forEach((value, j) => expect(value).toBeCloseTo(expected[j]!, 2));
  });

  it('converts inside If branches and keeps a reader of a weight beyond ±65504 in fp32', async () => {
    const branch = (name: string, weight: readonly number[]) => ({
      name,
      node: [node('Mul', ['x', `${name}_w`], [`${name}_out`])],
      initializer: [floatTensor(`${name}_w`, [2], weight)],
      input: [],
      output: [valueInfo(`${name}_out`, FLOAT, [1, 2])],
    });
    const graphAttribute = (name: string, g: ReturnType<typeof branch>) => ({
      name,
      type: AttributeProto_AttributeType.GRAPH,
      g,
    });
    const bytes = modelBytes({
      name: 'fp16-if',
      opset: 17,
      inputs: [valueInfo('flag', BOOL, []), valueInfo('x', FLOAT, [1, 2])],
      outputs: [valueInfo('y', FLOAT, [1, 2])],
      initializers: [],
      nodes: [
        {
          opType: 'If',
          name: 'If_y',
          input: ['flag'],
          output: ['y'],
          attribute: [
            graphAttribute('then_branch', branch('then', [3, -0.5])),
            graphAttribute('else_branch', branch('else', [1e5, 2])),
          ],
        },
      ],
    });
    const result = await optimizeModel(bytes, { method: 'fp16' }, { createRunner });
    expect(result.report.converted).toEqual({ Mul: 1 });
    expect(result.report.keptFloat).toEqual([
      { opType: 'Mul', count: 1, reason: 'a weight beyond the fp16 range (±65504)' },
    ]);
    const model = parseModel(result.bytes);
    const weights = allGraphs(mainGraph(model)).flatMap((graph) => [...constantsOf(graph).values()]);
    expect(Object.fromEntries(weights.map((w) => [w.name, w.tensor.dataType]))).toEqual({
      then_w: FLOAT16,
      else_w: FLOAT,
    });
    const x = float32Tensor(Float32Array.of(0.5, 4), [1, 2]);
    const flag = (value: boolean): TensorData => ({
      type: 'bool',
      data: Uint8Array.of(value ? 1 : 0),
      dims: [],
    });
    expect(await run(result.bytes, { flag: flag(true), x }, 'y')).toEqual([1.5, -2]);
    expect(await run(result.bytes, { flag: flag(false), x }, 'y')).toEqual([50000, 8]);
  });

  it('makes a Silero VAD v5 variant (network inside If branches) at about half the size that agrees with fp32', async () => {
    const parent = new Uint8Array(readFileSync('public/models/silero-vad-v5/model.onnx'));
    const result = await optimizeModel(parent, { method: 'fp16' }, { createRunner });
    expect(result.bytes.byteLength).toBeLessThan(parent.byteLength * 0.6);
    expect(result.report.converted.LSTM).toBe(4);
    const feeds = {
      input: float32Tensor(
        Float32Array.from({ length: 512 }, (_, i) => 0.3 * Math.sin(i * 0.05)),
        [1, 512],
      ),
      state: float32Tensor(new Float32Array(256), [2, 1, 128]),
      sr: { type: 'int64', data: BigInt64Array.of(16000n), dims: [] } as TensorData,
    };
    const [reference] = await run(parent, feeds, 'output');
    const [variant] = await run(result.bytes, feeds, 'output');
    expect(Math.abs(variant! - reference!)).toBeLessThan(5e-3);
  });
});
