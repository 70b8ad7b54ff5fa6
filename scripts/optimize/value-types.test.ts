import { describe, expect, it } from 'vitest';
import { create } from '@bufbuild/protobuf';
import { AttributeProto_AttributeType, ValueInfoProtoSchema } from 'onnx-buf';
import {
  floatTensor,
  int64Tensor,
  modelBytes,
  node,
  TensorProto_DataType,
  valueInfo,
} from '../hf-models/onnx-builder';
import { parseModel } from '../../src/optimizer/onnx-graph';
import { inferValueTypes } from '../../src/optimizer/value-types';

const { FLOAT, FLOAT16, INT64, BOOL } = TensorProto_DataType;

describe('inferValueTypes', () => {
  it('follows shapes, casts, comparisons, Where and If branches, and prefers declared types', () => {
    const branch = (name: string) => ({
      name,
      node: [node('Neg', ['x'], [`${name}_out`])],
      initializer: [],
      input: [],
      output: [{ name: `${name}_out` }],
    });
    const bytes = modelBytes({
      name: 'types',
      opset: 17,
      inputs: [valueInfo('x', FLOAT, [2])],
      outputs: [valueInfo('y', FLOAT, [2])],
      initializers: [floatTensor('w', [2], [1, 2]), int64Tensor('axes', [1], [0])],
      nodes: [
        node('Shape', ['x'], ['shape']),
        node('Cast', ['shape'], ['shape_half'], { to: FLOAT16 }),
        node('Greater', ['x', 'w'], ['mask']),
        node('Where', ['mask', 'x', 'w'], ['picked']),
        node('ReduceSum', ['picked', 'axes'], ['sum']),
        node('Relu', ['x'], ['declared']),
        {
          opType: 'If',
          name: 'If_y',
          input: ['flag'],
          output: ['y'],
          attribute: ['then_branch', 'else_branch'].map((name) => ({
            name,
            type: AttributeProto_AttributeType.GRAPH,
            g: branch(name),
          })),
        },
      ],
    });
    const model = parseModel(bytes);
    // A declared type wins over the rule (Relu would keep float).
    model.graph!.valueInfo.push(
      create(ValueInfoProtoSchema, valueInfo('declared', TensorProto_DataType.DOUBLE, [2])),
    );
    const types = inferValueTypes(model);
    expect(
      Object.fromEntries(
        ['shape', 'shape_half', 'mask', 'picked', 'sum', 'declared', 'then_branch_out', 'y'].map((name) => [
          name,
          types.get(name),
        ]),
      ),
    ).toEqual({
      shape: INT64,
      shape_half: FLOAT16,
      mask: BOOL,
      picked: FLOAT,
      sum: FLOAT,
      declared: TensorProto_DataType.DOUBLE,
      then_branch_out: FLOAT,
      y: FLOAT,
    });
  });
});
