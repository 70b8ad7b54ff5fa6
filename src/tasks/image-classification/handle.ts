// The image-classification task as the UI names it: the handle `engine.run` takes, and the request and
// result types. Kept apart from the task's code so the page's bundle does not carry it. The request
// carries the decoded pixels, and their buffer moves to the worker rather than being copied.

import type { RgbaImage, RgbaImageSize } from '../../inputs/image';
import type { ScoredLabel } from '../../runtimes/pipeline-runtime';
import { taskHandle, type TaskRequestBase } from '../../task-kit/task';

export interface ImageClassificationRequest extends TaskRequestBase {
  /** One of the task's models (src/tasks/image-classification/models.ts). */
  readonly modelId: string;
  /** The precision of the model file (fp32, fp16, …), one the model has. */
  readonly dtype: string;
  /** The decoded image; its buffer is transferred, so the caller's copy is emptied. */
  readonly image: RgbaImage;
  /** How many labels to return, best first. */
  readonly topK: number;
}

export interface ImageClassificationResult {
  readonly modelId: string;
  readonly dtype: string;
  readonly imageSize: RgbaImageSize;
  readonly labels: readonly ScoredLabel[];
  /** The classification, processor and model, once the pipeline was loaded. */
  readonly inferenceMs: number;
}

export const IMAGE_CLASSIFICATION_TASK = taskHandle<ImageClassificationRequest, ImageClassificationResult>(
  'image-classification',
  { transfer: (request) => [request.image.data.buffer] },
);
