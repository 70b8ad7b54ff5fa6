// The semantic-search task as the UI names it: the handle `engine.run` takes, and the request and result
// types. Kept apart from the task's code so the page's bundle does not carry it.

import { taskHandle, type TaskRequestBase } from '../../task-kit/task';
import type { SearchDocument } from './documents';

export interface SemanticSearchRequest extends TaskRequestBase {
  /** A text model the pipeline runtime can run feature extraction with. */
  readonly modelId: string;
  readonly dtype: string;
  readonly query: string;
  /** The documents to search (the built-in ones and the user's), split into passages by the task. */
  readonly documents: readonly SearchDocument[];
  readonly topK: number;
}

export interface SearchHit {
  readonly document: string;
  readonly text: string;
  /** Cosine similarity of the passage's and the query's vectors. */
  readonly score: number;
}

export interface SemanticSearchResult {
  readonly hits: readonly SearchHit[];
  readonly passages: number;
  /** Passages embedded in this run; the rest came from the saved index. */
  readonly embedded: number;
  readonly fromIndex: number;
  readonly embedMs: number;
  readonly searchMs: number;
}

export const SEMANTIC_SEARCH_TASK = taskHandle<SemanticSearchRequest, SemanticSearchResult>(
  'semantic-search',
);
