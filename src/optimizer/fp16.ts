// The fp16 method: weights stored and operators computed in half precision, the model's inputs and
// outputs kept fp32 through Cast nodes, and the operators the reference converter (onnxconverter-common
// float16.py, DEFAULT_OP_BLOCK_LIST) keeps in fp32 kept in fp32 here too, with casts around them.
// Subgraphs (If branches, where Silero keeps its network) are converted; loop bodies are not.
// On ORT's CPU (wasm) most operators have no fp16 kernel and ORT casts back around them, so the gain
// there is the file size; the compute gain is on a WebGPU adapter with shader-f16.

import { toHalf } from './float16';
import {
  allGraphs,
  attribute,
  constantsOf,
  floatValues,
  intAttribute,
  mainGraph,
  makeNode,
  nameFactory,
  readersOf,
  renameValue,
  subgraphsOf,
  topologicalOrder,
  TensorProto_DataType,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type TensorProto,
} from './onnx-graph';
import { ReportBuilder, sizeText } from './report';
import type { OptimizeReport } from './types';
import { inferValueTypes, type ValueTypes } from './value-types';

const { FLOAT, FLOAT16 } = TensorProto_DataType;
const HALF_MAX = 65504;

const REFERENCE_BLOCK_REASON = 'on the reference fp16 converter’s block list (onnxconverter-common)';

/** Operators kept in fp32, with the reason the report gives. */
export const FP16_BLOCK_LIST: ReadonlyMap<string, string> = new Map([
  ...[
    'ArrayFeatureExtractor',
    'Binarizer',
    'CastMap',
    'CategoryMapper',
    'DictVectorizer',
    'FeatureVectorizer',
    'Imputer',
    'LabelEncoder',
    'LinearClassifier',
    'LinearRegressor',
    'Normalizer',
    'OneHotEncoder',
    'RandomUniformLike',
    'SVMClassifier',
    'SVMRegressor',
    'Scaler',
    'TreeEnsembleClassifier',
    'TreeEnsembleRegressor',
    'ZipMap',
    'NonMaxSuppression',
    'TopK',
    'RoiAlign',
    'Resize',
    'Range',
    'CumSum',
    'Min',
    'Max',
    'Upsample',
  ].map((opType) => [opType, REFERENCE_BLOCK_REASON] as const),
  ...['QuantizeLinear', 'DequantizeLinear', 'DynamicQuantizeLinear'].map(
    (opType) => [opType, 'quantization operators take fp32 scales before opset 19'] as const,
  ),
  ...['EyeLike', 'RandomNormal', 'RandomUniform', 'RandomNormalLike'].map(
    (opType) => [opType, 'its output type is set by an attribute'] as const,
  ),
  ...['Loop', 'Scan'].map(
    (opType) => [opType, 'loop bodies stay fp32 (their carried values would need casts each step)'] as const,
  ),
]);

type Precision = 'half' | 'float' | 'untouched';

/** Converts `model` to fp16 in place; the report says what was converted and what was kept in fp32. */
export function convertToFloat16(model: ModelProto): OptimizeReport {
  const report = new ReportBuilder('fp16');
  const types = inferValueTypes(model);
  const isFloat = (name: string) => types.get(name) === FLOAT;
  const precisionOf = precisionRule(model, types, report);
  const readers = readersOf(model);
  const fresh = nameFactory(model);
  /** Float values that now hold half floats. */
  const half = new Set<string>();

  // Weights are stored in fp16 when some fp16 operator reads them; fp32 readers get a Cast.
  let weightBytes = 0;
  for (const graph of allGraphs(mainGraph(model)))
    for (const [name, constant] of constantsOf(graph)) {
      if (constant.tensor.dataType !== FLOAT) continue;
      if (!(readers.get(name) ?? []).some((reader) => precisionOf(reader) === 'half')) continue;
      storeAsHalf(constant.tensor);
      weightBytes += constant.tensor.rawData.byteLength;
      half.add(name);
    }
  if (weightBytes > 0) report.note(`weights stored in fp16: ${sizeText(weightBytes)}`);

  let casts = 0;
  /** A Cast of float value `name` to fp16 (`wantHalf`) or fp32, making a new value of that precision. */
  const castNode = (name: string, wantHalf: boolean): NodeProto => {
    const cast = fresh(`${name}_${wantHalf ? 'fp16' : 'fp32'}`);
    casts += 1;
    types.set(cast, FLOAT);
    if (wantHalf) half.add(cast);
    return makeNode('Cast', [name], [cast], fresh(`Cast_${cast}`), { to: wantHalf ? FLOAT16 : FLOAT });
  };
  const convertGraph = (graph: GraphProto) => {
    const cache = new Map<string, string>();
    const ordered: NodeProto[] = [];
    /** The name of `name` in the wanted precision, adding a Cast when it is in the other one. */
    const inPrecision = (name: string, wantHalf: boolean): string => {
      if (!name || !isFloat(name) || half.has(name) === wantHalf) return name;
      const key = `${name}\u0000${wantHalf}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const cast = castNode(name, wantHalf);
      ordered.push(cast);
      cache.set(key, cast.output[0]!);
      return cast.output[0]!;
    };
    for (const node of topologicalOrder(graph)) {
      if (node.opType === 'If') convertIf(node);
      const precision = node.opType === 'If' ? 'untouched' : precisionOf(node);
      if (precision === 'untouched') {
        ordered.push(node);
        continue;
      }
      node.input.forEach((name, index) => {
        node.input[index] = inPrecision(name, precision === 'half');
      });
      if (precision === 'half') {
        retypeAttributes(node);
        node.output.filter(isFloat).forEach((name) => half.add(name));
        if (node.opType !== 'Cast') report.convert(node.opType);
      }
      ordered.push(node);
    }
    graph.node = ordered;
  };
  /** Converts an If's branches; an output is fp16 when every branch makes it in fp16, else fp32. */
  const convertIf = (node: NodeProto) => {
    const branches = subgraphsOf(node);
    branches.forEach(convertGraph);
    node.output.forEach((name, index) => {
      if (!isFloat(name)) return;
      const allHalf = branches.every((branch) => half.has(branch.output[index]?.name ?? ''));
      for (const branch of branches) {
        const output = branch.output[index];
        if (!output) continue;
        if (half.has(output.name) !== allHalf) output.name = castAtEnd(branch, output.name, allHalf);
        if (allHalf) setElemType(output, FLOAT16);
      }
      if (allHalf) half.add(name);
    });
  };
  /** A branch's value in the other precision, cast at the end of the branch. */
  const castAtEnd = (branch: GraphProto, name: string, wantHalf: boolean): string => {
    const cast = castNode(name, wantHalf);
    branch.node.push(cast);
    return cast.output[0]!;
  };
  convertGraph(mainGraph(model));

  // The model's outputs stay fp32: the fp16 value is renamed and cast back under the output's name.
  const graph = mainGraph(model);
  for (const output of graph.output) {
    if (!half.has(output.name)) continue;
    const inner = fresh(`${output.name}_fp16`);
    renameValue(model, output.name, inner);
    graph.node.push(makeNode('Cast', [inner], [output.name], fresh(`Cast_${output.name}`), { to: FLOAT }));
    casts += 1;
    half.add(inner);
  }
  for (const sub of allGraphs(graph))
    for (const value of sub.valueInfo) if (half.has(value.name)) setElemType(value, FLOAT16);
  report.note(`model inputs and outputs kept fp32; ${casts} Cast nodes added`);
  return report.build();
}

/**
 * Decides per node: compute in fp16, keep in fp32 (block list, unknown domain), or leave alone (no float
 * values, a Constant, a node inside a loop body).
 */
function precisionRule(
  model: ModelProto,
  types: ValueTypes,
  report: ReportBuilder,
): (node: NodeProto) => Precision {
  const decided = new Map<NodeProto, Precision>();
  const outOfRange = weightsBeyondHalfRange(model);
  for (const graph of allGraphs(mainGraph(model)))
    for (const loop of graph.node.filter((node) => node.opType === 'Loop' || node.opType === 'Scan'))
      for (const body of subgraphsOf(loop))
        for (const inner of allGraphs(body)) inner.node.forEach((node) => decided.set(node, 'untouched'));
  const isFloat = (name: string) => types.get(name) === FLOAT;
  return (node) => {
    const known = decided.get(node);
    if (known) return known;
    let precision: Precision;
    const touchesFloat = node.input.some(isFloat) || node.output.some(isFloat);
    const blockReason = FP16_BLOCK_LIST.get(node.opType);
    if (!touchesFloat || node.opType === 'Constant') precision = 'untouched';
    else if (node.domain !== '' && node.domain !== 'ai.onnx') {
      precision = 'float';
      report.skip(
        node.opType,
        `operator of domain ${node.domain}, whose fp16 support the converter does not know`,
      );
    } else if (blockReason) {
      precision = 'float';
      report.keepFloat(node.opType, blockReason);
    } else if (node.input.some((name) => outOfRange.has(name))) {
      precision = 'float';
      report.keepFloat(node.opType, `a weight beyond the fp16 range (±${HALF_MAX})`);
    } else precision = 'half';
    decided.set(node, precision);
    return precision;
  };
}

/** The float weights holding a value fp16 cannot represent (|v| > 65504): their readers stay fp32. */
function weightsBeyondHalfRange(model: ModelProto): Set<string> {
  const names = new Set<string>();
  for (const graph of allGraphs(mainGraph(model)))
    for (const [name, constant] of constantsOf(graph))
      if (
        constant.tensor.dataType === FLOAT &&
        floatValues(constant.tensor).some((v) => Math.abs(v) > HALF_MAX)
      )
        names.add(name);
  return names;
}

/** Attributes that name the float type (Cast's target, ConstantOfShape's value) switched to fp16. */
function retypeAttributes(node: NodeProto): void {
  if (node.opType === 'Cast' && intAttribute(node, 'to', 0) === FLOAT) {
    const to = attribute(node, 'to');
    if (to) to.i = BigInt(FLOAT16);
  }
  const value = node.opType === 'ConstantOfShape' ? attribute(node, 'value')?.t : undefined;
  if (value?.dataType === FLOAT) storeAsHalf(value);
}

/** Rewrites a float tensor as fp16 in place (readers of weights beyond the fp16 range stay fp32). */
function storeAsHalf(tensor: TensorProto): void {
  const halves = Uint16Array.from(floatValues(tensor), toHalf);
  tensor.dataType = FLOAT16;
  tensor.floatData = [];
  tensor.rawData = new Uint8Array(halves.buffer);
}

function setElemType(
  value: { type?: { value: { case?: string; value?: unknown } } },
  elemType: number,
): void {
  const type = value.type?.value;
  if (type?.case === 'tensorType') (type.value as { elemType: number }).elemType = elemType;
}
