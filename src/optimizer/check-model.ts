// The rules of the ONNX checker that a rewritten graph can break, applied to every variant before a
// session is created: every operator's domain imported, every value defined before it is read (nodes in
// order, outer scopes visible to subgraphs), made once, graph outputs made, and tensor data as long as
// its shape says. A broken variant is refused with these reasons instead of ORT's first error.

import {
  attribute,
  subgraphsOf,
  tensorElementCount,
  TensorProto_DataType,
  type GraphProto,
  type ModelProto,
  type TensorProto,
} from './onnx-graph';

const BYTES_PER_ELEMENT = new Map<number, number>([
  [TensorProto_DataType.FLOAT, 4],
  [TensorProto_DataType.FLOAT16, 2],
  [TensorProto_DataType.DOUBLE, 8],
  [TensorProto_DataType.INT8, 1],
  [TensorProto_DataType.UINT8, 1],
  [TensorProto_DataType.INT32, 4],
  [TensorProto_DataType.INT64, 8],
  [TensorProto_DataType.BOOL, 1],
]);

/** What breaks the checker's rules in `model`, one line each; empty when none. */
export function checkModel(model: ModelProto): string[] {
  const problems: string[] = [];
  const domains = new Set(model.opsetImport.map((opset) => (opset.domain === 'ai.onnx' ? '' : opset.domain)));
  if (!domains.has('')) problems.push('the model imports no version of the default ONNX operator set');
  if (model.graph) checkGraph(model.graph, new Set(), domains, problems);
  return problems;
}

function checkGraph(
  graph: GraphProto,
  outer: ReadonlySet<string>,
  domains: Set<string>,
  problems: string[],
): void {
  const defined = new Set(outer);
  const define = (name: string, what: string) => {
    if (!name) return;
    if (defined.has(name) && !outer.has(name)) problems.push(`"${name}" is made twice (${what})`);
    defined.add(name);
  };
  graph.input.forEach((value) => define(value.name, 'graph input'));
  for (const tensor of graph.initializer) {
    if (!graph.input.some((value) => value.name === tensor.name)) define(tensor.name, 'initializer');
    checkTensor(tensor, problems);
  }
  for (const node of graph.node) {
    const label = `${node.opType} node "${node.name || node.output[0] || '?'}"`;
    if (!domains.has(node.domain === 'ai.onnx' ? '' : node.domain))
      problems.push(`${label} uses domain "${node.domain}", which the model does not import`);
    for (const input of node.input)
      if (input && !defined.has(input)) problems.push(`${label} reads "${input}" before anything makes it`);
    const value = node.opType === 'Constant' ? attribute(node, 'value')?.t : undefined;
    if (value) checkTensor(value, problems);
    for (const sub of subgraphsOf(node)) checkGraph(sub, defined, domains, problems);
    node.output.forEach((output) => define(output, label));
  }
  for (const output of graph.output)
    if (!defined.has(output.name)) problems.push(`graph output "${output.name}" is made by no node`);
}

function checkTensor(tensor: TensorProto, problems: string[]): void {
  const size = BYTES_PER_ELEMENT.get(tensor.dataType);
  if (size === undefined || tensor.rawData.byteLength === 0) return;
  const expected = tensorElementCount(tensor) * size;
  if (tensor.rawData.byteLength !== expected)
    problems.push(
      `tensor "${tensor.name}" holds ${tensor.rawData.byteLength} bytes where its shape needs ${expected}`,
    );
}
