// Reading and rewriting ONNX models for the optimizer, on the ONNX protobuf schema (onnx-buf): parse
// and serialize, weights whether they are initializers or Constant nodes (PP-OCR keeps every weight in
// a Constant node), every graph including subgraphs (Silero keeps its whole network inside the two
// branches of an If node), which node makes a value and which read it, opsets, fresh names. Every
// method of the optimizer rewrites models through these, so none of them parses tensors its own way.

import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType,
  ModelProtoSchema,
  NodeProtoSchema,
  TensorProto_DataLocation,
  TensorProto_DataType,
  TensorProtoSchema,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type TensorProto,
} from 'onnx-buf';
import { InvalidInputError } from '../core/errors';
import { fromHalf } from './float16';

export { TensorProto_DataType };
export type { GraphProto, ModelProto, NodeProto, TensorProto };

/** The model in `bytes`; an InvalidInputError naming the problem when they are not an ONNX model. */
export function parseModel(bytes: Uint8Array): ModelProto {
  let model: ModelProto;
  try {
    model = fromBinary(ModelProtoSchema, bytes);
  } catch (error) {
    throw new InvalidInputError(
      `The file is not an ONNX model (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!model.graph || model.graph.node.length === 0)
    throw new InvalidInputError('The file is not an ONNX model: it has no graph with nodes');
  return model;
}

export function serializeModel(model: ModelProto): Uint8Array {
  return toBinary(ModelProtoSchema, model);
}

/** The model's graph (parseModel guarantees one). */
export function mainGraph(model: ModelProto): GraphProto {
  if (!model.graph) throw new InvalidInputError('The model has no graph');
  return model.graph;
}

/** The subgraphs held by a node's attributes (If branches, Loop and Scan bodies). */
export function subgraphsOf(node: NodeProto): GraphProto[] {
  return node.attribute.flatMap((attribute) => {
    if (attribute.type === AttributeProto_AttributeType.GRAPH && attribute.g) return [attribute.g];
    if (attribute.type === AttributeProto_AttributeType.GRAPHS) return attribute.graphs;
    return [];
  });
}

/** The graph and every graph nested in it, outermost first. */
export function allGraphs(graph: GraphProto): GraphProto[] {
  return [graph, ...graph.node.flatMap((node) => subgraphsOf(node).flatMap(allGraphs))];
}

/** The version of an operator set the model imports (the default domain unless named), or 0. */
export function opsetVersion(model: ModelProto, domain = ''): number {
  const entry = model.opsetImport.find(
    (opset) => opset.domain === domain || (domain === '' && opset.domain === 'ai.onnx'),
  );
  return entry ? Number(entry.version) : 0;
}

/** Imports `domain` at `version` at least (adds the import, or raises an older one). */
export function requireOpset(model: ModelProto, domain: string, version: number): void {
  const entry = model.opsetImport.find((opset) => opset.domain === domain);
  if (!entry)
    model.opsetImport.push({ $typeName: 'onnx.OperatorSetIdProto', domain, version: BigInt(version) });
  else if (Number(entry.version) < version) entry.version = BigInt(version);
}

/** An attribute's value, by name. */
export function attribute(node: NodeProto, name: string) {
  return node.attribute.find((candidate) => candidate.name === name);
}

/** An INT attribute, or `fallback` when the node has none. */
export function intAttribute(node: NodeProto, name: string, fallback: number): number {
  const found = attribute(node, name);
  return found ? Number(found.i) : fallback;
}

export function tensorElementCount(tensor: TensorProto): number {
  return tensor.dims.reduce((product, dim) => product * Number(dim), 1);
}

/** A tensor's values as float32, for FLOAT, FLOAT16 and DOUBLE tensors stored in the file itself. */
export function floatValues(tensor: TensorProto): Float32Array {
  if (tensor.dataLocation === TensorProto_DataLocation.EXTERNAL || tensor.externalData.length > 0)
    throw new InvalidInputError(
      `Tensor "${tensor.name}" keeps its data in an external file, which the optimizer cannot read`,
    );
  const count = tensorElementCount(tensor);
  // A copy with its own buffer: rawData may be a view into a larger buffer (a Node Buffer's pool, whose
  // slice() is a view too), so neither its .buffer nor raw.buffer is safe to read from 0.
  const raw = new Uint8Array(tensor.rawData);
  switch (tensor.dataType) {
    case TensorProto_DataType.FLOAT:
      if (raw.byteLength > 0) return new Float32Array(raw.buffer, 0, count);
      return Float32Array.from(tensor.floatData);
    case TensorProto_DataType.FLOAT16: {
      const halves =
        raw.byteLength > 0 ? new Uint16Array(raw.buffer, 0, count) : Uint16Array.from(tensor.int32Data);
      return Float32Array.from(halves, fromHalf);
    }
    case TensorProto_DataType.DOUBLE:
      if (raw.byteLength > 0) return Float32Array.from(new Float64Array(raw.buffer, 0, count));
      return Float32Array.from(tensor.doubleData);
    default:
      throw new InvalidInputError(
        `Tensor "${tensor.name}" is of ONNX type ${TensorProto_DataType[tensor.dataType] ?? tensor.dataType}, not a float type`,
      );
  }
}

/** A tensor holding `data` (raw little-endian bytes) of `dataType` and `dims`. */
export function tensorOf(
  name: string,
  dataType: TensorProto_DataType,
  dims: readonly number[],
  data: Float32Array | Uint16Array | Int8Array | Uint8Array | Int32Array | BigInt64Array,
): TensorProto {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  return create(TensorProtoSchema, { name, dataType, dims: dims.map(BigInt), rawData: bytes });
}

/** A weight: an initializer, or the tensor of a Constant node (`node` set), with the graph holding it. */
export interface ConstantValue {
  readonly name: string;
  readonly tensor: TensorProto;
  readonly graph: GraphProto;
  readonly node?: NodeProto;
}

/** The constants a graph defines: its initializers and the `value` tensors of its Constant nodes. */
export function constantsOf(graph: GraphProto): Map<string, ConstantValue> {
  const constants = new Map<string, ConstantValue>();
  for (const tensor of graph.initializer) constants.set(tensor.name, { name: tensor.name, tensor, graph });
  for (const node of graph.node) {
    const value = node.opType === 'Constant' ? attribute(node, 'value') : undefined;
    const output = node.output[0];
    if (value?.t && output) constants.set(output, { name: output, tensor: value.t, graph, node });
  }
  return constants;
}

/** Which node makes each value of the graph. */
export function producersOf(graph: GraphProto): Map<string, NodeProto> {
  const producers = new Map<string, NodeProto>();
  for (const node of graph.node) for (const output of node.output) if (output) producers.set(output, node);
  return producers;
}

/** Which nodes read each value of the graph (a node reading a value twice is listed twice). Reads from
 * inside a node's subgraphs (outer-scope values) count as reads by that node. */
export function consumersOf(graph: GraphProto): Map<string, NodeProto[]> {
  const consumers = new Map<string, NodeProto[]>();
  const add = (name: string, node: NodeProto) => {
    if (!name) return;
    const list = consumers.get(name);
    if (list) list.push(node);
    else consumers.set(name, [node]);
  };
  for (const node of graph.node) {
    for (const input of node.input) add(input, node);
    for (const sub of subgraphsOf(node))
      for (const inner of allGraphs(sub))
        for (const name of inner.node.flatMap((n) => n.input)) add(name, node);
  }
  return consumers;
}

/** Makes names no graph of the model uses yet: `fresh("w_quantized")` → "w_quantized", then "w_quantized_1". */
export function nameFactory(model: ModelProto): (base: string) => string {
  const used = new Set<string>();
  for (const graph of allGraphs(mainGraph(model))) {
    for (const tensor of graph.initializer) used.add(tensor.name);
    for (const value of [...graph.input, ...graph.output, ...graph.valueInfo]) used.add(value.name);
    for (const node of graph.node) {
      node.output.forEach((name) => used.add(name));
      node.input.forEach((name) => used.add(name));
      if (node.name) used.add(node.name);
    }
  }
  return (base) => {
    let name = base;
    for (let suffix = 1; used.has(name); suffix += 1) name = `${base}_${suffix}`;
    used.add(name);
    return name;
  };
}

/** A node, with INT/INTS/FLOAT/STRING attributes written from plain values. */
export function makeNode(
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  name: string,
  attributes: Readonly<Record<string, number | readonly number[] | string | { readonly float: number }>> = {},
  domain = '',
): NodeProto {
  return create(NodeProtoSchema, {
    opType,
    domain,
    name,
    input: [...inputs],
    output: [...outputs],
    attribute: Object.entries(attributes).map(([key, value]) => {
      if (typeof value === 'string')
        return { name: key, type: AttributeProto_AttributeType.STRING, s: new TextEncoder().encode(value) };
      if (typeof value === 'number')
        return { name: key, type: AttributeProto_AttributeType.INT, i: BigInt(value) };
      if ('float' in value) return { name: key, type: AttributeProto_AttributeType.FLOAT, f: value.float };
      return { name: key, type: AttributeProto_AttributeType.INTS, ints: value.map(BigInt) };
    }),
  });
}

/**
 * Nodes in an order where every node comes after the nodes making its inputs (ONNX requires it).
 * Values from outside (graph inputs, initializers, outer scopes) count as ready. Throws on a cycle.
 */
export function topologicalOrder(graph: GraphProto): NodeProto[] {
  const producers = producersOf(graph);
  const state = new Map<NodeProto, 'visiting' | 'done'>();
  const ordered: NodeProto[] = [];
  const needs = (node: NodeProto) => [
    ...node.input,
    ...subgraphsOf(node).flatMap((sub) =>
      allGraphs(sub).flatMap((inner) => inner.node.flatMap((n) => n.input)),
    ),
  ];
  const visit = (root: NodeProto) => {
    const stack: Array<{ node: NodeProto; inputs: string[] }> = [{ node: root, inputs: needs(root) }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (state.get(top.node) === 'done') {
        stack.pop();
        continue;
      }
      state.set(top.node, 'visiting');
      const next = top.inputs.pop();
      if (next === undefined) {
        state.set(top.node, 'done');
        ordered.push(top.node);
        stack.pop();
        continue;
      }
      const producer = producers.get(next);
      if (!producer || producer === top.node) continue;
      const seen = state.get(producer);
      if (seen === 'visiting')
        throw new InvalidInputError(`The graph "${graph.name}" has a cycle through "${next}"`);
      if (seen !== 'done') stack.push({ node: producer, inputs: needs(producer) });
    }
  };
  for (const node of graph.node) visit(node);
  return ordered;
}

/** Every node of every graph of the model that reads each value itself (not through a subgraph). */
export function readersOf(model: ModelProto): Map<string, NodeProto[]> {
  const readers = new Map<string, NodeProto[]>();
  for (const graph of allGraphs(mainGraph(model)))
    for (const node of graph.node)
      for (const input of node.input) {
        if (!input) continue;
        const list = readers.get(input);
        if (list) list.push(node);
        else readers.set(input, [node]);
      }
  return readers;
}

/** Renames value `from` to `to` wherever a node of any graph makes or reads it. */
export function renameValue(model: ModelProto, from: string, to: string): void {
  for (const graph of allGraphs(mainGraph(model)))
    for (const node of graph.node) {
      node.input.forEach((name, index) => {
        if (name === from) node.input[index] = to;
      });
      node.output.forEach((name, index) => {
        if (name === from) node.output[index] = to;
      });
    }
}

/**
 * Removes the weights (initializers, Constant nodes) no node and no graph output reads any more, e.g.
 * the float weights a method replaced by quantized ones. Returns how many bytes of tensor data went.
 */
export function dropUnusedConstants(model: ModelProto): number {
  const graphs = allGraphs(mainGraph(model));
  const read = new Set([...readersOf(model).keys(), ...graphs.flatMap((g) => g.output.map((o) => o.name))]);
  let dropped = 0;
  for (const graph of graphs) {
    const unused = (name: string) => !read.has(name);
    for (const tensor of graph.initializer) if (unused(tensor.name)) dropped += tensor.rawData.byteLength;
    graph.initializer = graph.initializer.filter((tensor) => !unused(tensor.name));
    graph.node = graph.node.filter((node) => {
      const output = node.output[0];
      if (node.opType !== 'Constant' || !output || !unused(output)) return true;
      dropped += attribute(node, 'value')?.t?.rawData.byteLength ?? 0;
      return false;
    });
  }
  return dropped;
}
