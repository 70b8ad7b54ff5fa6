// The semantic-search task, registered in src/tasks/index.ts: split the documents into passages, embed
// each with a Transformers.js feature-extraction pipeline (vectors already in the IndexedDB index are
// reused), embed the query, and rank the passages by cosine similarity.

import { InvalidInputError } from '../../core/errors';
import type { TaskDefinition } from '../../task-kit/task';
import { SEMANTIC_SEARCH_BENCHMARK } from './benchmark';
import { chunkText } from './chunking';
import { indexKey, openEmbeddingIndex } from './embedding-index';
import { SEMANTIC_SEARCH_TASK, type SemanticSearchRequest, type SemanticSearchResult } from './handle';

/** Passages embedded per pipeline call: big enough to batch, small enough to report progress often. */
const BATCH = 16;
/** More passages than this is more text than a page should embed in one go. */
const MAX_PASSAGES = 5000;

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

export const semanticSearchTask: TaskDefinition<SemanticSearchRequest, SemanticSearchResult> = {
  handle: SEMANTIC_SEARCH_TASK,
  // Any text model of the pipeline runtime gives passage vectors; the search has no models of its own,
  // and benchmarks the feature-extraction ones (those fetched from the Hub).
  models: [],
  modelTasks: ['feature-extraction'],
  benchmark: SEMANTIC_SEARCH_BENCHMARK,
  async prepare(request, context) {
    if (request.modelId !== undefined && request.dtype !== undefined)
      await context.pipeline('feature-extraction', request.modelId, request.dtype);
  },
  async run(request, context) {
    const query = request.query.trim();
    if (query.length === 0)
      throw new InvalidInputError('There is nothing to search for: enter a question or some words.');
    const passages = request.documents.flatMap((document) => chunkText(document.name, document.text));
    if (passages.length === 0)
      throw new InvalidInputError(
        'There is nothing to search in: add your own text or keep the built-in documents.',
      );
    if (passages.length > MAX_PASSAGES)
      throw new InvalidInputError(
        `${passages.length} passages is more than ${MAX_PASSAGES} at once: search a shorter text.`,
      );
    const embedder = await context.pipeline('feature-extraction', request.modelId, request.dtype);
    const index = await context.files.memo('embedding-index', () => openEmbeddingIndex());

    const started = performance.now();
    const keys = await Promise.all(
      passages.map((passage) => indexKey(request.modelId, request.dtype, passage.text)),
    );
    const vectors = await index.getMany(keys);
    const missing = vectors.flatMap((vector, at) => (vector ? [] : [at]));
    for (let start = 0; start < missing.length; start += BATCH) {
      const batch = missing.slice(start, start + BATCH);
      context.progress({
        message: `Embedding passage ${start + 1} of ${missing.length}`,
        fraction: start / missing.length,
      });
      const embedded = await embedder.embed(batch.map((at) => passages[at]?.text ?? ''));
      batch.forEach((at, row) => (vectors[at] = embedded[row]));
      await index.putMany(
        batch.map((at, row) => [keys[at] ?? '', embedded[row] ?? new Float32Array()] as const),
      );
    }
    const embedMs = performance.now() - started;

    const searchStarted = performance.now();
    const [queryVector] = await embedder.embed([query]);
    const hits = passages
      .map((passage, at) => ({
        document: passage.document,
        text: passage.text,
        score: dot(queryVector ?? new Float32Array(), vectors[at] ?? new Float32Array()),
      }))
      .sort((a, b) => b.score - a.score)
      .slice(0, request.topK);
    return {
      hits,
      passages: passages.length,
      embedded: missing.length,
      fromIndex: passages.length - missing.length,
      embedMs,
      searchMs: performance.now() - searchStarted,
    };
  },
};
