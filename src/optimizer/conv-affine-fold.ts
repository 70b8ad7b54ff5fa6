// Folds a constant scale and shift that follow a Conv (Conv → Mul(a) → Add(b), a and b scalars or one
// value per output channel) into the Conv's weights and bias: W·a, B·a + b. PP-OCRv4 recognition puts
// such a "learnable affine block" after 38 Convs, with the constant as the Mul's first operand, which is
// why ORT's own ConvMulFusion/ConvAddFusion (they want it second) leave them. Before int8-static it
// removes two float elementwise passes per Conv and lets the quantized Conv write the affine output
// directly. Exact up to float rounding. foldAffineIntoConv does the same for a scalar scale and shift
// in front of an unpadded Conv.

import {
  attribute,
  constantsOf,
  consumersOf,
  floatValues,
  producersOf,
  tensorOf,
  TensorProto_DataType,
  type ConstantValue,
  type GraphProto,
  type NodeProto,
} from './onnx-graph';

/**
 * Folds every Conv → Mul(constant) [→ Add(constant)] chain of `graph` (in place) whose intermediate
 * values have no other reader and are not graph outputs. Returns how many Mul and Add nodes it removed.
 */
export function foldConvAffine(
  graph: GraphProto,
  fresh: (base: string) => string,
): { mul: number; add: number } {
  const constants = constantsOf(graph);
  const consumers = consumersOf(graph);
  const outputs = new Set(graph.output.map((output) => output.name));
  const removed = new Set<NodeProto>();
  let mul = 0;
  let add = 0;
  const onlyReader = (value: string | undefined) => {
    const readers = value ? (consumers.get(value) ?? []) : [];
    return value && readers.length === 1 && !outputs.has(value) ? readers[0] : undefined;
  };
  for (const conv of graph.node) {
    if (conv.opType !== 'Conv') continue;
    const weight = constants.get(conv.input[1] ?? '');
    if (!weight || weight.tensor.dataType !== TensorProto_DataType.FLOAT) continue;
    const channels = Number(weight.tensor.dims[0]);
    const rank = weight.tensor.dims.length;
    const bias = conv.input[2] ? constants.get(conv.input[2]) : undefined;
    if (conv.input[2] && (!bias || bias.tensor.dataType !== TensorProto_DataType.FLOAT)) continue;

    const mulNode = onlyReader(conv.output[0]);
    const scale =
      mulNode?.opType === 'Mul'
        ? perChannel(otherConstant(mulNode, conv.output[0], constants), channels, rank)
        : undefined;
    if (!mulNode || !scale) continue;
    const addNode = onlyReader(mulNode.output[0]);
    const shift =
      addNode?.opType === 'Add'
        ? perChannel(otherConstant(addNode, mulNode.output[0], constants), channels, rank)
        : undefined;

    const weights = floatValues(weight.tensor);
    const inner = weights.length / channels;
    const scaled = Float32Array.from(
      weights,
      (value, index) => value * (scale[Math.floor(index / inner)] ?? 1),
    );
    const biases = bias ? floatValues(bias.tensor) : new Float32Array(channels);
    const shifted = Float32Array.from(
      biases,
      (value, channel) => value * (scale[channel] ?? 1) + (shift?.[channel] ?? 0),
    );
    const weightName = fresh(`${weight.name}_folded`);
    const biasName = fresh(`${bias?.name ?? `${conv.name || weight.name}_bias`}_folded`);
    graph.initializer.push(
      tensorOf(weightName, TensorProto_DataType.FLOAT, weight.tensor.dims.map(Number), scaled),
      tensorOf(biasName, TensorProto_DataType.FLOAT, [channels], shifted),
    );
    conv.input = [conv.input[0] ?? '', weightName, biasName];
    const last = shift && addNode ? addNode : mulNode;
    conv.output = [last.output[0] ?? ''];
    removed.add(mulNode);
    mul += 1;
    if (shift && addNode) {
      removed.add(addNode);
      add += 1;
    }
  }
  graph.node = graph.node.filter((node) => !removed.has(node));
  return { mul, add };
}

/** The constant operand of a binary node whose other operand is `value`. */
function otherConstant(node: NodeProto, value: string | undefined, constants: Map<string, ConstantValue>) {
  if (node.input.length !== 2) return undefined;
  const other = node.input[0] === value ? node.input[1] : node.input[1] === value ? node.input[0] : undefined;
  return other === undefined ? undefined : constants.get(other);
}

/**
 * The values of a constant that broadcasts one value per channel over a Conv output of `rank`
 * dimensions (N, C, …): a single value, or C values on axis 1 once the shapes are right-aligned
 * ([C, 1, 1] or [1, C, 1, 1] for a 2-D Conv). Anything that would change the output's shape: undefined.
 */
function perChannel(
  constant: ConstantValue | undefined,
  channels: number,
  rank: number,
): Float32Array | undefined {
  if (!constant || constant.tensor.dataType !== TensorProto_DataType.FLOAT) return undefined;
  const dims = constant.tensor.dims.map(Number);
  if (dims.length > rank) return undefined;
  const aligned = [...new Array<number>(rank - dims.length).fill(1), ...dims];
  const values = floatValues(constant.tensor);
  if (aligned.every((dim) => dim === 1)) return new Float32Array(channels).fill(values[0] ?? NaN);
  const onChannelAxis = aligned.every((dim, axis) => (axis === 1 ? dim === channels : dim === 1));
  return onChannelAxis ? values : undefined;
}

/**
 * Folds a scalar scale and shift in front of an unpadded Conv (Mul(a) [→ Add(b)] → Conv) into it:
 * Conv(W, a·x + b) = Conv(a·W, x) + b·ΣW per output channel. Exact only without padding (a padded
 * border would read b where the fold reads 0), so padded Convs are left. PP-OCRv4 puts such a block
 * before each pointwise (1×1, unpadded) Conv. Returns how many Mul and Add nodes it removed.
 */
export function foldAffineIntoConv(
  graph: GraphProto,
  fresh: (base: string) => string,
): { mul: number; add: number } {
  const constants = constantsOf(graph);
  const consumers = consumersOf(graph);
  const producers = producersOf(graph);
  const outputs = new Set(graph.output.map((output) => output.name));
  const removed = new Set<NodeProto>();
  let mul = 0;
  let add = 0;
  /** The node making `value` when `reader` is the only reader of it, a binary op with a scalar constant. */
  const scalarStep = (value: string | undefined, reader: NodeProto, opType: string) => {
    const node = value ? producers.get(value) : undefined;
    const readers = value ? (consumers.get(value) ?? []) : [];
    if (
      !node ||
      node.opType !== opType ||
      readers.length !== 1 ||
      readers[0] !== reader ||
      outputs.has(value ?? '')
    )
      return undefined;
    const [left, right] = node.input;
    const leftScalar = scalarOf(constants.get(left ?? ''));
    const rightScalar = scalarOf(constants.get(right ?? ''));
    if (rightScalar !== undefined && left && !constants.has(left))
      return { node, input: left, value: rightScalar };
    if (leftScalar !== undefined && right && !constants.has(right))
      return { node, input: right, value: leftScalar };
    return undefined;
  };
  for (const conv of graph.node) {
    if (conv.opType !== 'Conv' || !unpadded(conv)) continue;
    const weight = constants.get(conv.input[1] ?? '');
    if (!weight || weight.tensor.dataType !== TensorProto_DataType.FLOAT) continue;
    const bias = conv.input[2] ? constants.get(conv.input[2]) : undefined;
    if (conv.input[2] && (!bias || bias.tensor.dataType !== TensorProto_DataType.FLOAT)) continue;
    const shift = scalarStep(conv.input[0], conv, 'Add');
    const scale = scalarStep(shift ? shift.input : conv.input[0], shift?.node ?? conv, 'Mul');
    if (!scale) continue;
    const channels = Number(weight.tensor.dims[0]);
    const weights = floatValues(weight.tensor);
    const inner = weights.length / channels;
    const biases = bias ? floatValues(bias.tensor) : new Float32Array(channels);
    const shifted = Float32Array.from(biases, (value, channel) => {
      let sum = 0;
      for (let index = channel * inner; index < (channel + 1) * inner; index++) sum += weights[index] ?? 0;
      return value + (shift?.value ?? 0) * sum;
    });
    const weightName = fresh(`${weight.name}_prescaled`);
    const biasName = fresh(`${bias?.name ?? `${conv.name || weight.name}_bias`}_preshifted`);
    graph.initializer.push(
      tensorOf(
        weightName,
        TensorProto_DataType.FLOAT,
        weight.tensor.dims.map(Number),
        weights.map((w) => w * scale.value),
      ),
      tensorOf(biasName, TensorProto_DataType.FLOAT, [channels], shifted),
    );
    conv.input = [scale.input, weightName, biasName];
    removed.add(scale.node);
    mul += 1;
    if (shift) {
      removed.add(shift.node);
      add += 1;
    }
  }
  graph.node = graph.node.filter((node) => !removed.has(node));
  return { mul, add };
}

/** No padding: pads absent or all 0, and auto_pad NOTSET or VALID. */
function unpadded(conv: NodeProto): boolean {
  const pads = attribute(conv, 'pads')?.ints ?? [];
  const autoPad = new TextDecoder().decode(attribute(conv, 'auto_pad')?.s ?? new Uint8Array());
  return pads.every((pad) => pad === 0n) && (autoPad === '' || autoPad === 'NOTSET' || autoPad === 'VALID');
}

/** The value of a one-element float constant, or undefined. */
function scalarOf(constant: ConstantValue | undefined): number | undefined {
  if (!constant || constant.tensor.dataType !== TensorProto_DataType.FLOAT) return undefined;
  const values = floatValues(constant.tensor);
  return values.length === 1 ? values[0] : undefined;
}
