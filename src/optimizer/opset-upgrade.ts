// Raises a model's default-domain opset (to 13 for int8-static: QuantizeLinear/DequantizeLinear with a
// per-channel `axis` exist from 13, and ORT fuses DQ→Conv→Q into QLinearConv only from 10). PP-OCRv4
// recognition and the angle classifier are opset 9, detection 11, so their operators whose inputs or
// meaning changed on the way are rewritten here, the way ONNX's version converter does: Clip min/max
// (inputs from 11), Slice starts/ends/axes (inputs from 10), Squeeze/Unsqueeze/ReduceSum axes and Split
// sizes (inputs from 13), Pad pads/value (inputs from 11), TopK k (input from 10), Softmax/LogSoftmax/
// Hardmax (13 normalizes one axis instead of the coerced 2-D tail: kept when the axis is the last,
// otherwise written as Flatten → op → Reshape), Upsample and Resize-10 (Resize with asymmetric
// coordinates), Dropout (identity at inference). Operators known to keep their meaning are listed;
// any other operator is refused by name, never carried over silently.

import { create } from '@bufbuild/protobuf';
import { AttributeProto_AttributeType, AttributeProtoSchema } from 'onnx-buf';
import { InvalidInputError } from '../core/errors';
import {
  allGraphs,
  attribute,
  intAttribute,
  mainGraph,
  makeNode,
  nameFactory,
  opsetVersion,
  tensorOf,
  TensorProto_DataType,
  type GraphProto,
  type ModelProto,
  type NodeProto,
} from './onnx-graph';

/** The oldest opset the rewrites below start from (7 and 8 changed BatchNormalization and Upsample). */
const OLDEST_SUPPORTED = 9;

/**
 * Default-domain operators whose meaning at 13 is the same as at every version from 9 (later versions
 * only added types, negative axes, optional inputs or attributes whose default is the old behaviour).
 */
const UNCHANGED = new Set([
  'Abs',
  'Acos',
  'Acosh',
  'Add',
  'And',
  'ArgMax',
  'ArgMin',
  'Asin',
  'Asinh',
  'Atan',
  'Atanh',
  'AveragePool',
  'BatchNormalization',
  'Cast',
  'Ceil',
  'Compress',
  'Concat',
  'Constant',
  'ConstantOfShape',
  'Conv',
  'ConvInteger',
  'ConvTranspose',
  'Cos',
  'Cosh',
  'CumSum',
  'DepthToSpace',
  'DequantizeLinear',
  'Div',
  'Einsum',
  'Elu',
  'Equal',
  'Erf',
  'Exp',
  'Expand',
  'EyeLike',
  'Flatten',
  'Floor',
  'GRU',
  'Gather',
  'GatherElements',
  'GatherND',
  'Gemm',
  'GlobalAveragePool',
  'GlobalLpPool',
  'GlobalMaxPool',
  'Greater',
  'GreaterOrEqual',
  'HardSigmoid',
  'Identity',
  'If',
  'InstanceNormalization',
  'IsInf',
  'IsNaN',
  'LRN',
  'LSTM',
  'LeakyRelu',
  'Less',
  'LessOrEqual',
  'Log',
  'Loop',
  'LpNormalization',
  'LpPool',
  'MatMul',
  'MatMulInteger',
  'Max',
  'MaxPool',
  'MaxRoiPool',
  'Mean',
  'MeanVarianceNormalization',
  'Min',
  'Mod',
  'Mul',
  'Neg',
  'NonMaxSuppression',
  'NonZero',
  'Not',
  'OneHot',
  'Or',
  'PRelu',
  'Pow',
  'QLinearConv',
  'QLinearMatMul',
  'QuantizeLinear',
  'RNN',
  'Range',
  'Reciprocal',
  'ReduceL1',
  'ReduceL2',
  'ReduceLogSum',
  'ReduceLogSumExp',
  'ReduceMax',
  'ReduceMean',
  'ReduceMin',
  'ReduceProd',
  'ReduceSumSquare',
  'Relu',
  'Reshape',
  'ReverseSequence',
  'RoiAlign',
  'Round',
  'Scan',
  'ScatterElements',
  'ScatterND',
  'Selu',
  'Shape',
  'Shrink',
  'Sigmoid',
  'Sign',
  'Sin',
  'Sinh',
  'Size',
  'Softplus',
  'Softsign',
  'SpaceToDepth',
  'Sqrt',
  'Sub',
  'Sum',
  'Tan',
  'Tanh',
  'ThresholdedRelu',
  'Tile',
  'Transpose',
  'Where',
  'Xor',
]);

/** The opset from which an operator takes what used to be attributes as inputs (or changed meaning). */
const CHANGED_AT: Readonly<Record<string, number>> = {
  Clip: 11,
  Slice: 10,
  Squeeze: 13,
  Unsqueeze: 13,
  ReduceSum: 13,
  Split: 13,
  Pad: 11,
  TopK: 10,
  Softmax: 13,
  LogSoftmax: 13,
  Hardmax: 13,
  Resize: 11,
  Upsample: Infinity,
  Dropout: Infinity,
};

export interface OpsetUpgrade {
  readonly from: number;
  readonly to: number;
  /** Operator type → nodes rewritten. */
  readonly rewritten: Readonly<Record<string, number>>;
}

/**
 * Raises the default-domain opset of `model` (in place) to `target` (at most 13, the version the
 * rewrites below are written for) when it is lower, rewriting the nodes of every graph (subgraphs
 * included) whose operator changed. Throws an InvalidInputError naming the operators it cannot carry
 * over: operators without a known rewrite are found before anything changes; a Dropout whose mask is
 * read or an Upsample without a scales input is found while rewriting, so callers work on a copy.
 */
export function upgradeOpset(model: ModelProto, target = 13): OpsetUpgrade {
  if (target > 13)
    throw new InvalidInputError(
      `Opset upgrades go up to 13, not ${target}: later versions changed more operators`,
    );
  const from = opsetVersion(model);
  if (from >= target) return { from, to: from, rewritten: {} };
  if (from < OLDEST_SUPPORTED)
    throw new InvalidInputError(
      `The model imports opset ${from}; raising opsets older than ${OLDEST_SUPPORTED} is not supported`,
    );
  const graphs = allGraphs(mainGraph(model));
  const defaultNodes = graphs.flatMap((graph) =>
    graph.node.filter((node) => node.domain === '' || node.domain === 'ai.onnx'),
  );
  const refused = [
    ...new Set(
      defaultNodes
        .map((node) => node.opType)
        .filter((op) => !UNCHANGED.has(op) && CHANGED_AT[op] === undefined),
    ),
  ];
  if (refused.length > 0)
    throw new InvalidInputError(
      `Cannot raise the model from opset ${from} to ${target}: no rewrite is known for ${refused.join(', ')}`,
    );
  const fresh = nameFactory(model);
  const rewritten: Record<string, number> = {};
  for (const graph of graphs) {
    const nodes: NodeProto[] = [];
    for (const node of graph.node) {
      const changedAt = CHANGED_AT[node.opType];
      const isDefault = node.domain === '' || node.domain === 'ai.onnx';
      if (!isDefault || changedAt === undefined || from >= changedAt) {
        nodes.push(node);
        continue;
      }
      nodes.push(...rewrite(node, graph, from, fresh));
      rewritten[node.opType] = (rewritten[node.opType] ?? 0) + 1;
    }
    graph.node = nodes;
  }
  for (const entry of model.opsetImport)
    if (entry.domain === '' || entry.domain === 'ai.onnx') entry.version = BigInt(target);
  if (model.irVersion < 7n) model.irVersion = 7n;
  return { from, to: target, rewritten };
}

type Fresh = (base: string) => string;

/** The nodes replacing `node` at the new opset (constants it needs are added to `graph`). */
function rewrite(node: NodeProto, graph: GraphProto, from: number, fresh: Fresh): NodeProto[] {
  const constant = (
    base: string,
    dataType: TensorProto_DataType,
    dims: number[],
    data: Float32Array | BigInt64Array,
  ) => {
    const name = fresh(`${node.name || node.output[0]}_${base}`);
    graph.initializer.push(tensorOf(name, dataType, dims, data));
    return name;
  };
  const ints = (name: string) => attribute(node, name)?.ints.map(Number);
  const int64Input = (base: string, values: readonly number[]) =>
    constant(base, TensorProto_DataType.INT64, [values.length], BigInt64Array.from(values.map(BigInt)));
  const floatScalar = (base: string, value: number) =>
    constant(base, TensorProto_DataType.FLOAT, [], Float32Array.of(value));
  const drop = (...names: string[]) => {
    node.attribute = node.attribute.filter((entry) => !names.includes(entry.name));
  };
  const input = (index: number) => node.input[index] ?? '';

  switch (node.opType) {
    case 'Clip': {
      const min = attribute(node, 'min')?.f ?? -3.4028234663852886e38;
      const max = attribute(node, 'max')?.f ?? 3.4028234663852886e38;
      drop('min', 'max');
      node.input = [input(0), floatScalar('min', min), floatScalar('max', max)];
      return [node];
    }
    case 'Slice': {
      const starts = ints('starts') ?? [];
      const axes = ints('axes');
      const inputs = [input(0), int64Input('starts', starts), int64Input('ends', ints('ends') ?? [])];
      if (axes) inputs.push(int64Input('axes', axes));
      drop('starts', 'ends', 'axes');
      node.input = inputs;
      return [node];
    }
    case 'Squeeze':
    case 'Unsqueeze':
    case 'ReduceSum': {
      const axes = ints('axes');
      drop('axes');
      if (axes) node.input = [input(0), int64Input('axes', axes)];
      return [node];
    }
    case 'Split': {
      const split = ints('split');
      drop('split');
      if (split) node.input = [input(0), int64Input('split', split)];
      return [node];
    }
    case 'Pad': {
      const pads = ints('pads') ?? [];
      const value = attribute(node, 'value')?.f ?? 0;
      drop('pads', 'value');
      node.input = [input(0), int64Input('pads', pads), floatScalar('value', value)];
      return [node];
    }
    case 'TopK': {
      const k = intAttribute(node, 'k', -1);
      drop('k');
      node.input = [input(0), int64Input('k', [k])];
      return [node];
    }
    case 'Softmax':
    case 'LogSoftmax':
    case 'Hardmax':
      return lastAxisOnly(node, fresh);
    case 'Upsample':
    case 'Resize':
      return asResize(node, fresh);
    case 'Dropout':
      return asIdentity(node, graph);
    default:
      throw new InvalidInputError(`No rewrite is known for ${node.opType} at opset ${from}`);
  }
}

/**
 * Before 13 these operators normalize the input coerced to 2-D at `axis` (every dimension from `axis`
 * on together); from 13 only along `axis`. The same when the axis is the last (-1); otherwise the old
 * meaning is kept exactly with Flatten(axis) → op(axis -1) → Reshape(to the input's shape).
 */
function lastAxisOnly(node: NodeProto, fresh: Fresh): NodeProto[] {
  const axis = intAttribute(node, 'axis', 1);
  const setAxis = (value: number) => {
    node.attribute = [
      ...node.attribute.filter((entry) => entry.name !== 'axis'),
      create(AttributeProtoSchema, {
        name: 'axis',
        type: AttributeProto_AttributeType.INT,
        i: BigInt(value),
      }),
    ];
  };
  setAxis(-1);
  if (axis === -1) return [node];
  const base = node.name || node.output[0] || node.opType;
  const input = node.input[0] ?? '';
  const output = node.output[0] ?? '';
  const shape = fresh(`${base}_shape`);
  const flat = fresh(`${base}_2d`);
  const normalized = fresh(`${base}_2d_out`);
  node.input = [flat];
  node.output = [normalized];
  return [
    makeNode('Shape', [input], [shape], fresh(`${base}_Shape`)),
    makeNode('Flatten', [input], [flat], fresh(`${base}_Flatten`), { axis }),
    node,
    makeNode('Reshape', [normalized, shape], [output], fresh(`${base}_Reshape`)),
  ];
}

/**
 * Upsample (deprecated at 10) and Resize-10 take (X, scales) and sample with x_in = x_out / scale:
 * Resize from 11 with coordinate_transformation_mode "asymmetric" (and nearest_mode "floor" for
 * nearest) and an empty roi computes the same.
 */
function asResize(node: NodeProto, fresh: Fresh): NodeProto[] {
  const mode = new TextDecoder().decode(attribute(node, 'mode')?.s ?? new TextEncoder().encode('nearest'));
  const scales = node.input[1];
  if (!scales)
    throw new InvalidInputError(
      `${node.opType} "${node.name}" has no scales input (opset 7 form); not supported`,
    );
  const onnxMode = mode === 'bilinear' ? 'linear' : mode;
  return [
    makeNode('Resize', [node.input[0] ?? '', '', scales], [...node.output], node.name || fresh('Resize'), {
      mode: onnxMode,
      coordinate_transformation_mode: 'asymmetric',
      ...(onnxMode === 'nearest' ? { nearest_mode: 'floor' } : {}),
    }),
  ];
}

/** Dropout is the identity at inference; its mask output, if anything reads it, cannot be carried over. */
function asIdentity(node: NodeProto, graph: GraphProto): NodeProto[] {
  const mask = node.output[1];
  if (mask && graph.node.some((other) => other.input.includes(mask)))
    throw new InvalidInputError(`Dropout "${node.name}" has its mask read by another node; not supported`);
  if (mask && graph.output.some((output) => output.name === mask))
    throw new InvalidInputError(`Dropout "${node.name}" has its mask as a graph output; not supported`);
  return [makeNode('Identity', [node.input[0] ?? ''], [node.output[0] ?? ''], node.name)];
}
