// Finds the matrix products whose second operand is a weight (a constant K×N matrix), the nodes int8
// dynamic and 4-bit weight-only quantization rewrite, and reports the ones they cannot take with why
// (a product of two activations such as attention scores, a weight that is not a matrix, a Gemm with
// options the quantized operators lack). Gemm weights are returned as K×N whatever its transB.

import {
  allGraphs,
  attribute,
  constantsOf,
  floatValues,
  intAttribute,
  mainGraph,
  producersOf,
  TensorProto_DataType,
  type ConstantValue,
  type GraphProto,
  type ModelProto,
  type NodeProto,
} from './onnx-graph';
import type { ReportBuilder } from './report';
import { inferValueTypes } from './value-types';

export interface WeightMatMul {
  readonly node: NodeProto;
  /** The graph holding the node (where new weights go). */
  readonly graph: GraphProto;
  /** The activation input. */
  readonly input: string;
  /** The weight's name, and whether it was transposed to K×N (cache key for shared weights). */
  readonly weightKey: string;
  /** A base for the names of the quantized weight's tensors, e.g. "W" or "W_transposed". */
  readonly baseName: string;
  /** Row-major K×N. */
  readonly weight: Float32Array;
  readonly k: number;
  readonly n: number;
  /** Gemm's C when it is a constant vector of N values. */
  readonly bias?: string;
}

const { FLOAT } = TensorProto_DataType;

function floatAttribute(node: NodeProto, name: string, fallback: number): number {
  return attribute(node, name)?.f ?? fallback;
}

/**
 * The MatMul nodes (and Gemm nodes when `withGemm`) of every graph whose second input is a constant
 * float matrix and first input a float activation. Other MatMul/Gemm nodes go to `report.skip`.
 */
export function weightMatMuls(model: ModelProto, report: ReportBuilder, withGemm: boolean): WeightMatMul[] {
  const types = inferValueTypes(model);
  const graphs = allGraphs(mainGraph(model));
  const constants = new Map<string, ConstantValue>();
  graphs.forEach((graph) => constantsOf(graph).forEach((value, name) => constants.set(name, value)));
  const producers = new Map<string, NodeProto>();
  graphs.forEach((graph) => producersOf(graph).forEach((node, name) => producers.set(name, node)));
  /** A weight stored in another precision and converted when the model runs (an fp16 file's Cast). */
  const convertedWeight = (name: string) => {
    const producer = producers.get(name);
    return (
      (producer?.opType === 'Cast' || producer?.opType === 'DequantizeLinear') &&
      constants.has(producer.input[0] ?? '')
    );
  };
  const found: WeightMatMul[] = [];
  for (const graph of graphs)
    for (const node of graph.node) {
      if (node.opType !== 'MatMul' && node.opType !== 'Gemm') continue;
      if (node.domain !== '' && node.domain !== 'ai.onnx') continue;
      const skip = (reason: string) => report.skip(node.opType, reason);
      if (node.opType === 'Gemm' && !withGemm) {
        skip('this method rewrites MatMul only');
        continue;
      }
      const [input = '', weightName = '', biasName = ''] = node.input;
      const weight = constants.get(weightName);
      if (!weight) {
        skip(
          convertedWeight(weightName)
            ? 'its weight is stored in another precision and converted at run time; start from the fp32 model'
            : 'its second input is computed at run time (e.g. attention scores), not a weight',
        );
        continue;
      }
      if (weight.tensor.dataType !== FLOAT || types.get(input) !== FLOAT) {
        skip('its inputs are not fp32');
        continue;
      }
      if (weight.tensor.dims.length !== 2) {
        skip('its weight is not a 2-D matrix');
        continue;
      }
      const [rows, columns] = weight.tensor.dims.map(Number) as [number, number];
      const values = floatValues(weight.tensor);
      if (node.opType === 'MatMul') {
        found.push({
          node,
          graph,
          input,
          weightKey: weightName,
          baseName: weightName,
          weight: values,
          k: rows,
          n: columns,
        });
        continue;
      }
      const transposed = intAttribute(node, 'transB', 0) === 1;
      const n = transposed ? rows : columns;
      const bias = biasName ? constants.get(biasName) : undefined;
      if (
        intAttribute(node, 'transA', 0) !== 0 ||
        floatAttribute(node, 'alpha', 1) !== 1 ||
        floatAttribute(node, 'beta', 1) !== 1
      ) {
        skip('it uses transA, alpha or beta, which the quantized operator lacks');
        continue;
      }
      if (biasName && (!bias || bias.tensor.dataType !== FLOAT || floatValues(bias.tensor).length !== n)) {
        skip('its C is not a constant vector of N values');
        continue;
      }
      found.push({
        node,
        graph,
        input,
        weightKey: `${weightName}${transposed ? '^T' : ''}`,
        baseName: `${weightName}${transposed ? '_transposed' : ''}`,
        weight: transposed ? transpose(values, rows, columns) : values,
        k: transposed ? columns : rows,
        n,
        ...(biasName ? { bias: biasName } : {}),
      });
    }
  return found;
}

/** The transpose of a row-major rows×columns matrix. */
function transpose(values: Float32Array, rows: number, columns: number): Float32Array {
  const result = new Float32Array(values.length);
  for (let row = 0; row < rows; row += 1)
    for (let column = 0; column < columns; column += 1)
      result[column * rows + row] = values[row * columns + column]!;
  return result;
}
