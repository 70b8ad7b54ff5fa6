// The text-classification task, registered in src/tasks/index.ts: a Transformers.js text-classification
// pipeline of the chosen model and precision, on the chosen backend, over the user's lines of text.

import { InvalidInputError } from '../../core/errors';
import type { TaskDefinition } from '../../task-kit/task';
import {
  TEXT_CLASSIFICATION_TASK,
  type TextClassificationRequest,
  type TextClassificationResult,
} from './handle';
import { TEXT_CLASSIFICATION_BENCHMARK } from './benchmark';
import { TEXT_CLASSIFICATION_MODELS } from './models';

/** More lines than this in one run is more than the view shows; the message says to split them. */
const MAX_TEXTS = 256;

export const textClassificationTask: TaskDefinition<TextClassificationRequest, TextClassificationResult> = {
  handle: TEXT_CLASSIFICATION_TASK,
  models: TEXT_CLASSIFICATION_MODELS,
  benchmark: TEXT_CLASSIFICATION_BENCHMARK,
  async prepare(request, context) {
    if (request.modelId !== undefined && request.dtype !== undefined)
      await context.pipeline('text-classification', request.modelId, request.dtype);
  },
  async run(request, context) {
    const texts = request.texts.map((text) => text.trim()).filter((text) => text.length > 0);
    if (texts.length === 0)
      throw new InvalidInputError('There is no text to classify: enter at least one line.');
    if (texts.length > MAX_TEXTS)
      throw new InvalidInputError(`${texts.length} lines is more than ${MAX_TEXTS} at once: split the text.`);
    const classifier = await context.pipeline('text-classification', request.modelId, request.dtype);
    context.progress({ message: `Classifying ${texts.length} ${texts.length === 1 ? 'text' : 'texts'}` });
    const started = performance.now();
    const labels = await classifier.classify(texts, request.topK);
    const inferenceMs = performance.now() - started;
    return {
      modelId: request.modelId,
      dtype: request.dtype,
      results: texts.map((text, index) => ({ text, labels: labels[index] ?? [] })),
      inferenceMs,
    };
  },
};
