// A few helpers to write small ONNX graphs with the ONNX schema (onnx-buf, @bufbuild/protobuf): named
// tensors, nodes with attributes, graph inputs and outputs with symbolic dimensions, and a model with
// its opset. Used to generate the tiny Hugging Face-layout models the tests and the offline app run.

import { create, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType,
  ModelProtoSchema,
  NodeProtoSchema,
  TensorProto_DataType,
  TensorProtoSchema,
  ValueInfoProtoSchema,
  Version,
} from 'onnx-buf';
import { toHalf } from '../../src/optimizer/float16';

type Tensor = MessageInitShape<typeof TensorProtoSchema>;
type Node = MessageInitShape<typeof NodeProtoSchema>;
type ValueInfo = MessageInitShape<typeof ValueInfoProtoSchema>;

/** A float32 initializer. */
export function floatTensor(name: string, dims: readonly number[], values: ArrayLike<number>): Tensor {
  checkSize(name, dims, values.length);
  return {
    name,
    dims: dims.map(BigInt),
    dataType: TensorProto_DataType.FLOAT,
    rawData: new Uint8Array(Float32Array.from(values).buffer),
  };
}

/** A float16 initializer (IEEE half, round to nearest even), from float values. */
export function float16Tensor(name: string, dims: readonly number[], values: ArrayLike<number>): Tensor {
  checkSize(name, dims, values.length);
  const halves = Uint16Array.from(Array.from(values), toHalf);
  return {
    name,
    dims: dims.map(BigInt),
    dataType: TensorProto_DataType.FLOAT16,
    rawData: new Uint8Array(halves.buffer),
  };
}

/** An int64 initializer. */
export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): Tensor {
  checkSize(name, dims, values.length);
  return {
    name,
    dims: dims.map(BigInt),
    dataType: TensorProto_DataType.INT64,
    rawData: new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer),
  };
}

function checkSize(name: string, dims: readonly number[], length: number): void {
  const size = dims.reduce((product, dim) => product * dim, 1);
  if (size !== length) throw new Error(`${name}: ${length} values for dims [${dims.join(', ')}]`);
}

type AttributeValue = number | readonly number[] | string | Tensor;

/** A node; numbers become INT attributes unless written as floats in `floats`. */
export function node(
  opType: string,
  input: readonly string[],
  output: readonly string[],
  attributes: Readonly<Record<string, AttributeValue>> = {},
  floats: readonly string[] = [],
): Node {
  return {
    opType,
    input: [...input],
    output: [...output],
    name: `${opType}_${output[0] ?? ''}`,
    attribute: Object.entries(attributes).map(([name, value]) => {
      if (typeof value === 'string')
        return { name, type: AttributeProto_AttributeType.STRING, s: new TextEncoder().encode(value) };
      if (typeof value === 'number')
        return floats.includes(name)
          ? { name, type: AttributeProto_AttributeType.FLOAT, f: value }
          : { name, type: AttributeProto_AttributeType.INT, i: BigInt(value) };
      if (Array.isArray(value))
        return { name, type: AttributeProto_AttributeType.INTS, ints: (value as number[]).map(BigInt) };
      return { name, type: AttributeProto_AttributeType.TENSOR, t: value as Tensor };
    }),
  };
}

/** A graph input or output; a string dimension is symbolic (batch_size, sequence_length). */
export function valueInfo(
  name: string,
  elemType: TensorProto_DataType,
  dims: readonly (number | string)[],
): ValueInfo {
  return {
    name,
    type: {
      value: {
        case: 'tensorType',
        value: {
          elemType,
          shape: {
            dim: dims.map((dim) =>
              typeof dim === 'number'
                ? { value: { case: 'dimValue' as const, value: BigInt(dim) } }
                : { value: { case: 'dimParam' as const, value: dim } },
            ),
          },
        },
      },
    },
  };
}

export interface GraphParts {
  readonly name: string;
  readonly nodes: readonly Node[];
  readonly initializers: readonly Tensor[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly opset: number;
}

/** The model's bytes. */
export function modelBytes(parts: GraphParts): Uint8Array {
  return toBinary(
    ModelProtoSchema,
    create(ModelProtoSchema, {
      irVersion: BigInt(Version.IR_VERSION_2021_7_30),
      producerName: 'on-device-lab',
      opsetImport: [{ domain: '', version: BigInt(parts.opset) }],
      graph: {
        name: parts.name,
        node: [...parts.nodes],
        initializer: [...parts.initializers],
        input: [...parts.inputs],
        output: [...parts.outputs],
      },
    }),
  );
}

/**
 * A model's weights in the precision of its file: float32 initializers, or float16 initializers named
 * `<name>_fp16` with a Cast back to float32 under the weight's own name, so the graph reads the same
 * names either way (the fp16 file stores half the bytes and computes in float32).
 */
export function weightsIn(
  dtype: 'fp32' | 'fp16',
  weights: ReadonlyArray<readonly [name: string, dims: readonly number[], values: ArrayLike<number>]>,
): { readonly initializers: Tensor[]; readonly casts: Node[] } {
  if (dtype === 'fp32')
    return {
      initializers: weights.map(([name, dims, values]) => floatTensor(name, dims, values)),
      casts: [],
    };
  return {
    initializers: weights.map(([name, dims, values]) => float16Tensor(`${name}_fp16`, dims, values)),
    casts: weights.map(([name]) =>
      node('Cast', [`${name}_fp16`], [name], { to: TensorProto_DataType.FLOAT }),
    ),
  };
}

/** A JSON file of a model (config.json, tokenizer.json), written the same way every time. */
export function jsonBytes(value: object): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
}

export { TensorProto_DataType };
