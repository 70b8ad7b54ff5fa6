import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors';
import { floatTensor, modelBytes, node, TensorProto_DataType, valueInfo } from '../hf-models/onnx-builder';
import { nodeRunnerFactory } from './node-runner';
import { checkModel } from '../../src/optimizer/check-model';
import { parseModel } from '../../src/optimizer/onnx-graph';
import { optimizeModel } from '../../src/optimizer/optimize';

const { FLOAT } = TensorProto_DataType;
const createRunner = nodeRunnerFactory();

const matmul = (nodes = [node('MatMul', ['x', 'W'], ['y'])]) =>
  modelBytes({
    name: 'matmul',
    opset: 17,
    inputs: [valueInfo('x', FLOAT, [1, 2])],
    outputs: [valueInfo('y', FLOAT, [1, 2])],
    initializers: [floatTensor('W', [2, 2], [1, 2, 3, 4])],
    nodes,
  });

describe('checkModel', () => {
  it('passes a well-formed model', () => {
    expect(checkModel(parseModel(matmul()))).toEqual([]);
  });

  it('names values read before they are made, made twice, outputs made by nothing and unimported domains', () => {
    const model = parseModel(
      matmul([
        node('Relu', ['h'], ['z']),
        node('MatMul', ['x', 'W'], ['h']),
        node('Relu', ['h'], ['h']),
        { ...node('MatMulNBits', ['x', 'W'], ['q']), domain: 'com.microsoft' },
      ]),
    );
    expect(checkModel(model)).toEqual([
      'Relu node "Relu_z" reads "h" before anything makes it',
      '"h" is made twice (Relu node "Relu_h")',
      'MatMulNBits node "MatMulNBits_q" uses domain "com.microsoft", which the model does not import',
      'graph output "y" is made by no node',
    ]);
  });

  it('names a tensor whose data is shorter than its shape', () => {
    const model = parseModel(matmul());
    model.graph!.initializer[0]!.dims = [3n, 2n];
    expect(checkModel(model)).toEqual(['tensor "W" holds 16 bytes where its shape needs 24']);
  });
});

describe('optimizeModel', () => {
  it('hashes the variant it returns', async () => {
    const result = await optimizeModel(matmul(), { method: 'int8-dynamic' }, { createRunner });
    expect(result.sha256).toBe(createHash('sha256').update(result.bytes).digest('hex'));
  });

  it('refuses a variant the runtime cannot load, with the runtime’s reason', async () => {
    const refusing = async () => {
      throw new Error('No Op registered for DynamicQuantizeMatMul');
    };
    const attempt = optimizeModel(matmul(), { method: 'int8-dynamic' }, { createRunner: refusing });
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(attempt).rejects.toThrow(
      'The runtime refused the int8-dynamic variant: No Op registered for DynamicQuantizeMatMul',
    );
  });

  it('refuses bytes that are not an ONNX model', async () => {
    await expect(
      optimizeModel(new TextEncoder().encode('not a model'), { method: 'fp16' }, { createRunner }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });
});
