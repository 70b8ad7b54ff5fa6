// Replaces an If node of the main graph by the branch it takes when every calibration input takes the
// same one. Silero VAD v5 keeps its whole network inside the two branches of one If (16 kHz or 8 kHz,
// chosen by its `sr` input); calibration only observes main-graph values, so int8-static could quantize
// nothing in it. The app always feeds 16 kHz, so the variant keeps the branch its inputs take, inlined
// into the main graph, and loses the other one (the report says so). The model's inputs stay as they
// were (a condition input such as `sr` may end up unread; ONNX Runtime accepts that), so callers feed
// the variant exactly as they fed the parent. An If whose condition differs between inputs is kept.

import { InvalidInputError } from '../core/errors';
import type { TensorData } from '../core/tensor';
import { withOutputs } from './calibration';
import {
  allGraphs,
  attribute,
  mainGraph,
  makeNode,
  nameFactory,
  producersOf,
  serializeModel,
  subgraphsOf,
  TensorProto_DataType,
  type GraphProto,
  type ModelProto,
  type NodeProto,
} from './onnx-graph';
import type { OptimizeTools } from './types';

type Feed = Readonly<Record<string, TensorData>>;

/**
 * Inlines, in place, the branch taken by each If node of `model`'s main graph when its condition has
 * the same value on every feed of `feeds` (run with `tools.createRunner`). Returns a note per If node:
 * which branch it was specialised to, or why it was kept.
 */
export async function specializeIfs(
  model: ModelProto,
  tools: OptimizeTools,
  feeds: readonly Feed[],
): Promise<string[]> {
  const graph = mainGraph(model);
  const ifs = graph.node.filter((node) => node.opType === 'If' && node.input[0]);
  if (ifs.length === 0 || feeds.length === 0) return [];
  const values = await conditionValues(model, [...new Set(ifs.map((node) => node.input[0]!))], tools, feeds);
  const fresh = nameFactory(model);
  const notes: string[] = [];
  for (const node of ifs) {
    const condition = node.input[0]!;
    const seen = values.get(condition) ?? [];
    const trueCount = seen.filter(Boolean).length;
    const label = `If node '${node.name || node.output[0]}'`;
    const inputs = inputsBehind(graph, condition);
    const dependence = inputs.length > 0 ? ` (its condition depends on input ${inputs.join(', ')})` : '';
    if (trueCount > 0 && trueCount < seen.length) {
      notes.push(
        `${label} kept: its condition was true on ${trueCount} and false on ${seen.length - trueCount} of ${seen.length} calibration inputs${dependence}, so its branches stay float`,
      );
      continue;
    }
    const [taken, dropped] = trueCount > 0 ? ['then', 'else'] : ['else', 'then'];
    const branch = attribute(node, `${taken}_branch`)?.g;
    if (!branch) throw new InvalidInputError(`${label} has no ${taken}_branch graph`);
    inlineBranch(graph, node, branch, fresh);
    notes.push(
      `${label} specialised to its ${taken}-branch: all ${seen.length} calibration inputs took it${dependence}; the variant no longer has the ${dropped} branch, so inputs that would take it are not supported`,
    );
  }
  removeDeadNodes(graph);
  return notes;
}

/** The value of each boolean `conditions` value on every feed, in feed order. */
async function conditionValues(
  model: ModelProto,
  conditions: readonly string[],
  tools: OptimizeTools,
  feeds: readonly Feed[],
): Promise<Map<string, boolean[]>> {
  const runner = await tools.createRunner(
    serializeModel(withOutputs(model, conditions, TensorProto_DataType.BOOL)),
  );
  const values = new Map(conditions.map((name) => [name, [] as boolean[]]));
  try {
    for (const feed of feeds) {
      const outputs = await runner.run(feed);
      for (const name of conditions) {
        const tensor = outputs[name];
        if (!tensor || tensor.type !== 'bool' || tensor.data.length !== 1)
          throw new InvalidInputError(`The If condition "${name}" did not evaluate to one boolean`);
        values.get(name)!.push(Number(tensor.data[0]) !== 0);
      }
    }
  } finally {
    await runner.release?.();
  }
  return values;
}

/** The graph inputs `value` is computed from, for the report. */
function inputsBehind(graph: GraphProto, value: string): string[] {
  const producers = producersOf(graph);
  const graphInputs = new Set(graph.input.map((input) => input.name));
  const found = new Set<string>();
  const visited = new Set<string>();
  const pending = [value];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (visited.has(name)) continue;
    visited.add(name);
    if (graphInputs.has(name)) found.add(`'${name}'`);
    pending.push(...(producers.get(name)?.input ?? []));
  }
  return [...found];
}

/**
 * Puts `branch`'s nodes and initializers where `ifNode` was. The branch's outputs take the If node's
 * output names (through an Identity when the output is not made by the branch itself, or is output
 * twice); names the branch defines that the rest of the main graph also uses get fresh names.
 */
function inlineBranch(
  graph: GraphProto,
  ifNode: NodeProto,
  branch: GraphProto,
  fresh: (base: string) => string,
): void {
  const outer = outerNames(graph, ifNode);
  const defined = new Set([
    ...branch.initializer.map((tensor) => tensor.name),
    ...branch.node.flatMap((node) => node.output).filter(Boolean),
  ]);
  const rename = new Map<string, string>();
  const identities: NodeProto[] = [];
  const outputCounts = new Map<string, number>();
  for (const output of branch.output) outputCounts.set(output.name, (outputCounts.get(output.name) ?? 0) + 1);
  branch.output.forEach((output, index) => {
    const target = ifNode.output[index];
    if (!target) return;
    if (defined.has(output.name) && outputCounts.get(output.name) === 1 && !rename.has(output.name))
      rename.set(output.name, target);
    else identities.push(makeNode('Identity', [output.name], [target], fresh(`${target}_Identity`)));
  });
  for (const name of defined) if (!rename.has(name) && outer.has(name)) rename.set(name, fresh(name));
  const renamed = (name: string) => rename.get(name) ?? name;
  for (const inner of allGraphs(branch)) {
    for (const node of inner.node) {
      node.input = node.input.map(renamed);
      node.output = node.output.map(renamed);
    }
    // Nested graphs may output a value of the branch itself (no shadowing in ONNX).
    if (inner !== branch) for (const output of inner.output) output.name = renamed(output.name);
  }
  identities.forEach((node) => (node.input = node.input.map(renamed)));
  for (const tensor of branch.initializer) tensor.name = renamed(tensor.name);
  const declared = new Set([...graph.input, ...graph.output, ...graph.valueInfo].map((value) => value.name));
  for (const info of branch.valueInfo) {
    info.name = renamed(info.name);
    if (!declared.has(info.name)) graph.valueInfo.push(info);
  }
  graph.initializer.push(...branch.initializer);
  const at = graph.node.indexOf(ifNode);
  graph.node.splice(at, 1, ...branch.node, ...identities);
}

/** Every value name the main graph uses outside `ifNode`'s branches. */
function outerNames(graph: GraphProto, ifNode: NodeProto): Set<string> {
  const names = new Set(
    [...graph.input, ...graph.output, ...graph.valueInfo, ...graph.initializer].map((value) => value.name),
  );
  for (const node of graph.node) {
    node.input.forEach((name) => names.add(name));
    node.output.forEach((name) => names.add(name));
    if (node === ifNode) continue;
    for (const inner of subgraphsOf(node).flatMap(allGraphs)) {
      inner.node.forEach((n) => [...n.input, ...n.output].forEach((name) => names.add(name)));
      inner.initializer.forEach((tensor) => names.add(tensor.name));
    }
  }
  return names;
}

/** Drops main-graph nodes none of whose outputs anything reads (the If's condition, once inlined). */
function removeDeadNodes(graph: GraphProto): void {
  for (;;) {
    const read = new Set([
      ...allGraphs(graph).flatMap((inner) => inner.node.flatMap((node) => node.input)),
      ...graph.output.map((output) => output.name),
    ]);
    const live = graph.node.filter((node) => node.output.some((name) => name && read.has(name)));
    if (live.length === graph.node.length) return;
    graph.node = live;
  }
}
