// The OCR task, registered in src/tasks/index.ts: decode the user's image, load detection and
// recognition (and the angle classifier when asked) on the chosen backend, and read the text.

import type { TaskDefinition } from '../../task-kit/task';
import { decodeImageFile } from '../../inputs/image-decode';
import { OCR_BENCHMARK } from './benchmark';
import { OCR_TASK, type OcrRequest, type OcrTaskResult } from './handle';
import { OCR_MODELS } from './models';
import { ocrCharset, RECOGNITION_MODEL_ID } from './ocr-files';
import { recognizeText } from './ocr-pipeline';

const DETECTION_MODEL_ID = 'ppocr-v4-det';
const ANGLE_MODEL_ID = 'ppocr-mobile-v2-cls';

const STAGE_WORDS = {
  detect: 'Detecting text',
  classify: 'Checking line angles',
  recognize: 'Reading line',
} as const;

export const ocrTask: TaskDefinition<OcrRequest, OcrTaskResult> = {
  handle: OCR_TASK,
  models: OCR_MODELS,
  benchmark: OCR_BENCHMARK,
  async run(request, context) {
    context.progress({ message: `Decoding ${request.fileName}` });
    const image = await decodeImageFile(request.image, request.fileName);
    const det = await context.session(DETECTION_MODEL_ID);
    const rec = await context.session(RECOGNITION_MODEL_ID);
    const cls = request.useAngleClassifier ? await context.session(ANGLE_MODEL_ID) : undefined;
    context.progress({ message: 'Loading the recognition dictionary' });
    const charset = await ocrCharset(context.files);
    const result = await recognizeText(
      image,
      { det, rec, ...(cls ? { cls } : {}) },
      charset,
      {},
      (progress) =>
        context.progress({
          message:
            `${STAGE_WORDS[progress.stage]} ${progress.total > 1 ? `${progress.done} of ${progress.total}` : ''}`.trim(),
          fraction: progress.total > 0 ? progress.done / progress.total : undefined,
        }),
    );
    return { ...result, imageSize: { width: image.width, height: image.height } };
  },
};
