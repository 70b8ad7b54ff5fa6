// How an embedding model is scored for search: 12 short notes and 12 queries, each written for one
// note (sharing a word or two with it, which is all the tiny generated model can see), scored by how
// often the query's nearest note is its own; against the fp32 model (by the page, scoreAgainstReference)
// by the mean cosine of the notes' and queries' vectors. Apart from the benchmark's built-in notes.

import type { TextEmbedder } from '../../runtimes/pipeline-runtime';
import type { TaskEvaluation } from '../../task-kit/evaluation';
import { shareEqual } from '../../task-kit/evaluation-scores';

/** Notes, and for each a query that should find it first. */
export const EVALUATION_PAIRS: readonly { readonly note: string; readonly query: string }[] = [
  { note: 'The phone battery drains fast when the screen is bright.', query: 'battery drains' },
  { note: 'Book the meeting room on the third floor for Monday.', query: 'meeting room booking' },
  { note: 'Water the tomato plants every evening in summer.', query: 'watering tomatoes' },
  { note: 'The train to the airport leaves every twenty minutes.', query: 'airport train' },
  { note: 'Pay the electricity bill before the end of the month.', query: 'electricity bill' },
  { note: 'The printer on the second floor is out of paper.', query: 'printer paper' },
  { note: 'Bake the bread for forty minutes at high heat.', query: 'bread baking time' },
  { note: 'Small models can run offline in the browser.', query: 'offline models' },
  { note: 'Renew the passport three months before the trip.', query: 'passport renewal' },
  { note: 'The dog needs a walk after lunch.', query: 'walk the dog' },
  { note: 'Back up the laptop to the external disk weekly.', query: 'laptop backup' },
  { note: 'The library closes early on Saturday.', query: 'library hours' },
];

function dot(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
}

export const SEMANTIC_SEARCH_EVALUATION: TaskEvaluation<TextEmbedder> = {
  async evaluate(_model, embedder, _files, onProgress) {
    const notes = await embedder.embed(EVALUATION_PAIRS.map((pair) => pair.note));
    const queries = await embedder.embed(EVALUATION_PAIRS.map((pair) => pair.query));
    onProgress(1, 1);
    const found = queries.map((query) => {
      const scores = notes.map((note) => dot(query, note));
      return String(scores.indexOf(Math.max(...scores)));
    });
    const truth = EVALUATION_PAIRS.map((_, index) => String(index));
    return {
      result: {
        set: `${EVALUATION_PAIRS.length} notes and a query written for each`,
        items: EVALUATION_PAIRS.length,
        scores: [
          { metric: 'queries finding their note first', value: shareEqual(truth, found), against: 'truth' },
        ],
      },
      outputs: { kind: 'vectors', vectors: [...notes, ...queries] },
    };
  },
};
