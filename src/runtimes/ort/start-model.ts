// The smallest model ORT will run: one Identity node on a one-element float tensor. ORT Web has no
// public call that starts its wasm (fetch and compile the binary, start the threads, set up the
// execution provider); the first InferenceSession.create does it. Creating a session on this model
// while the real model is still downloading takes that start off the first real session (the benchmark
// times it apart as `runtimeStartMs`: hundreds of ms for the JSPI build with 2 threads here). Built with
// the ONNX schema from onnx-buf, not written as bytes by hand.

import { create, toBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema, TensorProto_DataType, TypeProtoSchema, Version } from 'onnx-buf';

const FLOAT_OF_ONE = create(TypeProtoSchema, {
  value: {
    case: 'tensorType',
    value: {
      elemType: TensorProto_DataType.FLOAT,
      shape: { dim: [{ value: { case: 'dimValue', value: 1n } }] },
    },
  },
});

/** The bytes of a model whose only node copies its input `x` to its output `y`. */
export function startModelBytes(): Uint8Array {
  return toBinary(
    ModelProtoSchema,
    create(ModelProtoSchema, {
      irVersion: BigInt(Version.IR_VERSION_2020_5_8),
      producerName: 'on-device-lab',
      opsetImport: [{ domain: '', version: 13n }],
      graph: {
        name: 'start',
        node: [{ opType: 'Identity', input: ['x'], output: ['y'] }],
        input: [{ name: 'x', type: FLOAT_OF_ONE }],
        output: [{ name: 'y', type: FLOAT_OF_ONE }],
      },
    }),
  );
}
