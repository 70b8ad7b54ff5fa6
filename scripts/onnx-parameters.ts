// How many parameters an ONNX model has, for its model card: the elements of its weight tensors, i.e.
// initializers and Constant nodes of floating-point or quantized (8- and 4-bit integer) type, in the
// main graph and every subgraph (Silero keeps its whole network inside an If node's branches; PP-OCR
// keeps its weights in Constant nodes). Integer shape and index constants are not parameters.

import { fromBinary } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType,
  ModelProtoSchema,
  TensorProto_DataType,
  type GraphProto,
  type TensorProto,
} from 'onnx-buf';

const WEIGHT_TYPES = new Set<TensorProto_DataType>([
  TensorProto_DataType.FLOAT,
  TensorProto_DataType.FLOAT16,
  TensorProto_DataType.BFLOAT16,
  TensorProto_DataType.DOUBLE,
  TensorProto_DataType.INT8,
  TensorProto_DataType.UINT8,
  TensorProto_DataType.INT4,
  TensorProto_DataType.UINT4,
]);

function elements(tensor: TensorProto): number {
  if (!WEIGHT_TYPES.has(tensor.dataType)) return 0;
  return tensor.dims.reduce((product, dim) => product * Number(dim), 1);
}

function graphParameters(graph: GraphProto): number {
  let total = graph.initializer.reduce((sum, tensor) => sum + elements(tensor), 0);
  for (const node of graph.node) {
    for (const attribute of node.attribute) {
      if (node.opType === 'Constant' && attribute.type === AttributeProto_AttributeType.TENSOR && attribute.t)
        total += elements(attribute.t);
      if (attribute.type === AttributeProto_AttributeType.GRAPH && attribute.g)
        total += graphParameters(attribute.g);
      if (attribute.type === AttributeProto_AttributeType.GRAPHS)
        total += attribute.graphs.reduce((sum, sub) => sum + graphParameters(sub), 0);
    }
  }
  return total;
}

/** The parameter count of the model in `bytes`; throws when the bytes are not an ONNX model. */
export function countParameters(bytes: Uint8Array): number {
  const model = fromBinary(ModelProtoSchema, bytes);
  if (!model.graph) throw new Error('The file has no ONNX graph');
  return graphParameters(model.graph);
}
