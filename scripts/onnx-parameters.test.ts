import { AttributeProto_AttributeType, TensorProto_DataType } from 'onnx-buf';
import { describe, expect, it } from 'vitest';
import {
  float16Tensor,
  floatTensor,
  int64Tensor,
  modelBytes,
  node,
  valueInfo,
} from './hf-models/onnx-builder';
import { countParameters } from './onnx-parameters';

describe('countParameters', () => {
  it('counts float weights in initializers, Constant nodes and subgraphs, not integer shapes', () => {
    // W 3×4 (12) + b 4 (4) as initializers, a 2×5 fp16 Constant (10), a 7-element Constant inside each of
    // an If node's two branches (14), and a shape constant (int64, not counted): 40.
    const branch = {
      name: 'then',
      node: [node('Constant', [], ['k'], { value: floatTensor('k', [7], new Array(7).fill(1)) })],
      initializer: [],
      input: [],
      output: [valueInfo('k', TensorProto_DataType.FLOAT, [7])],
    };
    const bytes = modelBytes({
      name: 'count',
      nodes: [
        node('Constant', [], ['c'], { value: float16Tensor('c', [2, 5], new Array(10).fill(0.5)) }),
        {
          opType: 'If',
          input: ['cond'],
          output: ['y'],
          attribute: [
            { name: 'then_branch', type: AttributeProto_AttributeType.GRAPH, g: branch },
            { name: 'else_branch', type: AttributeProto_AttributeType.GRAPH, g: branch },
          ],
        },
      ],
      initializers: [
        floatTensor('W', [3, 4], new Array(12).fill(0)),
        floatTensor('b', [4], [1, 2, 3, 4]),
        int64Tensor('shape', [2], [1, -1]),
      ],
      inputs: [valueInfo('cond', TensorProto_DataType.BOOL, [])],
      outputs: [valueInfo('y', TensorProto_DataType.FLOAT, [7])],
      opset: 17,
    });
    expect(countParameters(bytes)).toBe(12 + 4 + 10 + 7 + 7);
  });

  it('refuses bytes that are not a model', () => {
    expect(() => countParameters(new TextEncoder().encode('not an onnx file at all'))).toThrow();
  });
});
