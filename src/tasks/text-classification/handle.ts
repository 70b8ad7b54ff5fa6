// The text-classification task as the UI names it: the handle `engine.run` takes, and the request and
// result types. Kept apart from the task's code so the page's bundle does not carry it.

import type { ScoredLabel } from '../../runtimes/pipeline-runtime';
import { taskHandle, type TaskRequestBase } from '../../task-kit/task';

export interface TextClassificationRequest extends TaskRequestBase {
  /** One of the task's models (src/tasks/text-classification/models.ts). */
  readonly modelId: string;
  /** The precision of the model file (fp32, fp16, …), one the model has. */
  readonly dtype: string;
  /** One text per line the user entered; empty lines are dropped. */
  readonly texts: readonly string[];
  /** How many labels to return per text, best first. */
  readonly topK: number;
}

export interface TextClassificationResult {
  readonly modelId: string;
  readonly dtype: string;
  readonly results: ReadonlyArray<{ readonly text: string; readonly labels: readonly ScoredLabel[] }>;
  /** The whole batch, tokenizer and model, once the pipeline was loaded. */
  readonly inferenceMs: number;
}

export const TEXT_CLASSIFICATION_TASK = taskHandle<TextClassificationRequest, TextClassificationResult>(
  'text-classification',
);
