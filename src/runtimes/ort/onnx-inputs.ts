// The graph inputs of an ONNX model and their dimensions, read straight from the model's protobuf bytes,
// so a `dims` session option (free dimension overrides) can be checked against the names the model really
// has. ORT cannot tell us: it ignores an override whose name the model lacks without a word, and
// onnxruntime-web's session.inputMetadata already shows the overridden sizes instead of the names (seen
// with 1.30: ppocr-v4-rec's x reads [1, 3, 48, 320] after `dims=p2o.DynamicDimension.0:1;...:320`,
// and unnamed dims read 4294967295). Only the few fields on the way to the shapes are decoded; every
// other field, the weights included, is skipped by its length, so a 10 MB model costs microseconds.
// Field numbers from onnx.proto: ModelProto.graph 7, GraphProto.input 11, ValueInfoProto.name 1 and
// .type 2, TypeProto.tensor_type 1, TypeProto.Tensor.shape 2, TensorShapeProto.dim 1,
// Dimension.dim_value 1 and .dim_param 2.

export interface OnnxInput {
  readonly name: string;
  /** Each dimension: its size, its dim_param name, or '' when it has neither (free and unnamed). Absent
   * when the input is not a tensor or has no shape. */
  readonly shape?: readonly (number | string)[];
}

/** A protobuf message as a list of fields: varints as numbers, length-delimited ones as byte views. */
type Field = { readonly number: number; readonly value: number | Uint8Array };

const decoder = new TextDecoder();

function fields(bytes: Uint8Array): Field[] {
  const out: Field[] = [];
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (at >= bytes.length) throw new Error('truncated varint');
      const byte = bytes[at++] ?? 0;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  while (at < bytes.length) {
    const key = varint();
    const number = Math.floor(key / 8);
    switch (key % 8) {
      case 0:
        out.push({ number, value: varint() });
        break;
      case 1:
        at += 8;
        break;
      case 2: {
        const length = varint();
        if (at + length > bytes.length) throw new Error('truncated field');
        out.push({ number, value: bytes.subarray(at, at + length) });
        at += length;
        break;
      }
      case 5:
        at += 4;
        break;
      default:
        throw new Error(`unsupported wire type ${key % 8}`);
    }
  }
  return out;
}

const messages = (list: readonly Field[], number: number): Uint8Array[] =>
  list.flatMap((field) =>
    field.number === number && field.value instanceof Uint8Array ? [field.value] : [],
  );

function dimension(bytes: Uint8Array): number | string {
  const list = fields(bytes);
  const param = messages(list, 2)[0];
  if (param !== undefined) return decoder.decode(param);
  const value = list.find((field) => field.number === 1 && typeof field.value === 'number')?.value;
  return typeof value === 'number' ? value : '';
}

function input(bytes: Uint8Array): OnnxInput {
  const list = fields(bytes);
  const name = decoder.decode(messages(list, 1)[0] ?? new Uint8Array());
  const tensorType = messages(list, 2).flatMap((type) => messages(fields(type), 1))[0];
  const shape = tensorType && messages(fields(tensorType), 2)[0];
  return shape ? { name, shape: messages(fields(shape), 1).map(dimension) } : { name };
}

/** The main graph's inputs, in order; throws when the bytes are not a protobuf message. */
export function onnxGraphInputs(model: Uint8Array): OnnxInput[] {
  const graph = messages(fields(model), 7)[0];
  return graph ? messages(fields(graph), 11).map(input) : [];
}
