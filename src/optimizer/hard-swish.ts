// Rewrites hard-swish written as four float ops, x · Clip(x + 3, 0, 6) / 6 (how paddle2onnx exports it:
// PP-OCRv4 recognition has 28, detection 24), as two: x · HardSigmoid(x; α = 1/6, β = 0.5), the same
// function (clip(x/6 + 1/2, 0, 1) = clip(x + 3, 0, 6)/6). After int8-static quantizes the Convs these
// float passes are a large part of what is left on ORT-web's wasm build.

import {
  constantsOf,
  consumersOf,
  floatValues,
  makeNode,
  type ConstantValue,
  type GraphProto,
  type NodeProto,
} from './onnx-graph';

/** Rewrites every Add(x, 3) → Clip(0, 6) → Mul(x, ·) → Div(6) chain of `graph` in place; returns how many. */
export function rewriteHardSwish(graph: GraphProto, fresh: (base: string) => string): number {
  const constants = constantsOf(graph);
  const consumers = consumersOf(graph);
  const outputs = new Set(graph.output.map((output) => output.name));
  const scalar = (name: string | undefined) => scalarValue(constants.get(name ?? ''));
  const onlyReader = (value: string | undefined) => {
    const readers = value ? (consumers.get(value) ?? []) : [];
    return value && readers.length === 1 && !outputs.has(value) ? readers[0] : undefined;
  };
  const replaced = new Map<NodeProto, NodeProto[]>();
  for (const add of graph.node) {
    if (add.opType !== 'Add' || add.input.length !== 2) continue;
    const three = add.input.findIndex((name) => scalar(name) === 3);
    const x = add.input[1 - three];
    if (three < 0 || !x) continue;
    const clip = onlyReader(add.output[0]);
    if (clip?.opType !== 'Clip' || scalar(clip.input[1]) !== 0 || scalar(clip.input[2]) !== 6) continue;
    const mul = onlyReader(clip.output[0]);
    if (mul?.opType !== 'Mul' || !mul.input.includes(x) || !mul.input.includes(clip.output[0] ?? ''))
      continue;
    const div = onlyReader(mul.output[0]);
    if (div?.opType !== 'Div' || div.input[0] !== mul.output[0] || scalar(div.input[1]) !== 6) continue;
    const gate = fresh(`${x}_hard_sigmoid`);
    replaced.set(add, [
      makeNode('HardSigmoid', [x], [gate], fresh(`${add.name}_HardSigmoid`), {
        alpha: { float: 1 / 6 },
        beta: { float: 0.5 },
      }),
      makeNode('Mul', [x, gate], [div.output[0] ?? ''], fresh(`${add.name}_HardSwish`)),
    ]);
    for (const gone of [clip, mul, div]) replaced.set(gone, []);
  }
  graph.node = graph.node.flatMap((node) => replaced.get(node) ?? [node]);
  return [...replaced.values()].filter((nodes) => nodes.length > 0).length;
}

/** The value of a one-element float constant, or undefined. */
function scalarValue(constant: ConstantValue | undefined): number | undefined {
  if (!constant) return undefined;
  try {
    const values = floatValues(constant.tensor);
    return values.length === 1 ? values[0] : undefined;
  } catch {
    return undefined;
  }
}
