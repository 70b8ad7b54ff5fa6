// The image-classification task, registered in src/tasks/index.ts: a Transformers.js
// image-classification pipeline of the chosen model and precision, on the chosen backend, over one
// decoded image.

import { InvalidInputError } from '../../core/errors';
import type { TaskDefinition } from '../../task-kit/task';
import {
  IMAGE_CLASSIFICATION_TASK,
  type ImageClassificationRequest,
  type ImageClassificationResult,
} from './handle';
import { IMAGE_CLASSIFICATION_BENCHMARK } from './benchmark';
import { IMAGE_CLASSIFICATION_MODELS } from './models';

export const imageClassificationTask: TaskDefinition<ImageClassificationRequest, ImageClassificationResult> =
  {
    handle: IMAGE_CLASSIFICATION_TASK,
    models: IMAGE_CLASSIFICATION_MODELS,
    benchmark: IMAGE_CLASSIFICATION_BENCHMARK,
    async prepare(request, context) {
      if (request.modelId !== undefined && request.dtype !== undefined)
        await context.pipeline('image-classification', request.modelId, request.dtype);
    },
    async run(request, context) {
      const { image } = request;
      if (image.width < 1 || image.height < 1 || image.data.length !== image.width * image.height * 4)
        throw new InvalidInputError(
          `The image is ${image.width}×${image.height} with ${image.data.length} bytes of pixels; ` +
            'expected width × height × 4 (RGBA). Decode the file again.',
        );
      const classifier = await context.pipeline('image-classification', request.modelId, request.dtype);
      context.progress({ message: `Classifying a ${image.width}×${image.height} image` });
      const started = performance.now();
      const labels = await classifier.classify(image, request.topK);
      const inferenceMs = performance.now() - started;
      return {
        modelId: request.modelId,
        dtype: request.dtype,
        imageSize: { width: image.width, height: image.height },
        labels,
        inferenceMs,
      };
    },
  };
