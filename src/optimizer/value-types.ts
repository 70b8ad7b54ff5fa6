// The element type (float, int64, bool…) of every value of a model, subgraphs included, for methods
// that must know which values are float before rewriting them (fp16 casts only float values, int8
// quantizes only float activations). Shipped models rarely declare the types of their inner values
// (PP-OCR declares none), so types are inferred from the graph inputs, the weights and a rule per
// operator; a type the model declares (value_info, graph outputs) wins over the inferred one.

import {
  attribute,
  constantsOf,
  intAttribute,
  mainGraph,
  subgraphsOf,
  topologicalOrder,
  TensorProto_DataType,
  type GraphProto,
  type ModelProto,
  type NodeProto,
} from './onnx-graph';

const { FLOAT, INT32, INT64, UINT8, BOOL } = TensorProto_DataType;

/** Operators whose every output is int64 whatever their inputs. */
const INT64_OUTPUTS = new Set(['Shape', 'Size', 'NonZero', 'ArgMax', 'ArgMin']);
/** Operators whose every output is bool. */
const BOOL_OUTPUTS = new Set([
  'Equal',
  'Less',
  'Greater',
  'LessOrEqual',
  'GreaterOrEqual',
  'Not',
  'And',
  'Or',
  'Xor',
  'IsNaN',
  'IsInf',
]);

/** Element types by value name, for the whole model (ONNX names are unique across nested scopes). */
export type ValueTypes = Map<string, TensorProto_DataType>;

/** Infers the element type of every value of `model` (graphs, subgraphs). Unknown values are absent. */
export function inferValueTypes(model: ModelProto): ValueTypes {
  const types = new Map<string, TensorProto_DataType>();
  inferGraph(mainGraph(model), types);
  return types;
}

function declaredType(value: { type?: { value: { case?: string; value?: unknown } } }): number | undefined {
  const type = value.type?.value;
  if (type?.case !== 'tensorType') return undefined;
  const elemType = (type.value as { elemType: number }).elemType;
  return elemType || undefined;
}

function inferGraph(graph: GraphProto, types: Map<string, TensorProto_DataType>): void {
  const declared = new Map<string, number>();
  for (const value of [...graph.input, ...graph.valueInfo, ...graph.output]) {
    const type = declaredType(value);
    if (type) declared.set(value.name, type);
  }
  for (const value of graph.input) {
    const type = declared.get(value.name);
    if (type) types.set(value.name, type);
  }
  for (const [name, constant] of constantsOf(graph)) types.set(name, constant.tensor.dataType);
  for (const node of topologicalOrder(graph)) {
    subgraphsOf(node).forEach((sub) => inferGraph(sub, types));
    const inferred =
      node.opType === 'If'
        ? branchOutputTypes(node, types)
        : outputTypes(node, (index) => {
            const name = node.input[index];
            return name ? types.get(name) : undefined;
          });
    node.output.forEach((name, index) => {
      const type = declared.get(name) ?? inferred[index];
      if (name && type) types.set(name, type);
    });
  }
}

/** The element types of a node's outputs, from its inputs' types and its attributes. */
function outputTypes(node: NodeProto, input: (index: number) => number | undefined): (number | undefined)[] {
  const all = (type: number | undefined) => node.output.map(() => type);
  if (INT64_OUTPUTS.has(node.opType)) return all(INT64);
  if (BOOL_OUTPUTS.has(node.opType)) return all(BOOL);
  switch (node.opType) {
    case 'Cast':
      return all(intAttribute(node, 'to', 0) || undefined);
    case 'CastLike':
      return all(input(1));
    case 'Constant':
      return all(constantType(node));
    case 'ConstantOfShape':
      return all(attribute(node, 'value')?.t?.dataType ?? FLOAT);
    case 'EyeLike':
    case 'RandomNormal':
    case 'RandomUniform':
    case 'RandomNormalLike':
    case 'RandomUniformLike':
      return all(intAttribute(node, 'dtype', 0) || (node.opType.endsWith('Like') ? input(0) : FLOAT));
    case 'Where':
      return all(input(1));
    case 'OneHot':
      return all(input(2));
    case 'TopK':
    case 'MaxPool':
      return [input(0), INT64];
    case 'DequantizeLinear':
      return all(input(1) ?? FLOAT);
    case 'QuantizeLinear':
      return all(input(2) ?? UINT8);
    case 'DynamicQuantizeLinear':
      return [UINT8, FLOAT, UINT8];
    case 'MatMulInteger':
    case 'ConvInteger':
      return all(INT32);
    default:
      // Elementwise, shape and compute operators keep the type of their first input.
      return all(input(0));
  }
}

function constantType(node: NodeProto): number | undefined {
  const tensor = attribute(node, 'value')?.t;
  if (tensor) return tensor.dataType;
  if (attribute(node, 'value_float') || attribute(node, 'value_floats')) return FLOAT;
  if (attribute(node, 'value_int') || attribute(node, 'value_ints')) return INT64;
  return undefined;
}

/** An If node's outputs have the types of its then-branch's outputs (declared, or inferred inside). */
function branchOutputTypes(node: NodeProto, types: ReadonlyMap<string, number>): (number | undefined)[] {
  const branch = attribute(node, 'then_branch')?.g;
  return node.output.map((_, index) => {
    const output = branch?.output[index];
    return output ? (declaredType(output) ?? types.get(output.name)) : undefined;
  });
}
