// How the benchmark measures a text-embedding (feature-extraction) model: one timed call that embeds
// the passages of the built-in notes, the batch a search embeds on its first run, mean-pooled and unit
// length. Agreement compares every vector element by element and by cosine with the reference cell
// (wasm, fp32), and, as a user of search would, the note each of a few queries finds first.

import { compareTaskOutputs } from '../../task-kit/task-output';
import { pipelineBenchmark } from '../../task-kit/task';
import type { WorkloadInput } from '../../task-kit/workload';
import { chunkText } from './chunking';
import { BUILT_IN_DOCUMENTS } from './documents';
import { SEMANTIC_SEARCH_EVALUATION } from './evaluation';

/** Queries whose nearest note the agreement check compares. */
export const BENCHMARK_QUERIES: readonly string[] = [
  'my phone battery is slow',
  'where is the meeting room',
  'models that run offline',
];

const PASSAGES = BUILT_IN_DOCUMENTS.flatMap((document) => chunkText(document.name, document.text));

function textsOf(input: WorkloadInput): readonly string[] {
  if (input.kind !== 'texts')
    throw new Error(`An embedding model is benchmarked on texts, not ${input.kind}`);
  return input.texts;
}

function dot(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
}

export const SEMANTIC_SEARCH_BENCHMARK = pipelineBenchmark({
  pipelineKind: 'feature-extraction',
  input: async () => ({ kind: 'texts', texts: PASSAGES.map((passage) => passage.text) }),
  async workload(_model, embedder, input) {
    const texts = textsOf(input);
    return {
      inputDescription: `${texts.length} passages of the built-in notes`,
      runOnce: async () => {
        await embedder.embed(texts);
      },
      referenceOutputs: async () => {
        const vectors = await embedder.embed(texts);
        const queries = await embedder.embed(BENCHMARK_QUERIES);
        const nearest = queries.map((query) => {
          const scores = vectors.map((vector) => dot(query, vector));
          return PASSAGES[scores.indexOf(Math.max(...scores))]?.document ?? '';
        });
        const flat = new Float32Array(vectors.reduce((size, vector) => size + vector.length, 0));
        vectors.reduce((offset, vector) => (flat.set(vector, offset), offset + vector.length), 0);
        return { tensors: { embeddings: flat }, task: { kind: 'labels', labels: nearest } };
      },
    };
  },
  compareOutputs: compareTaskOutputs,
  evaluation: SEMANTIC_SEARCH_EVALUATION,
});
