// The OCR task, registered in src/tasks/index.ts: decode the user's image, load detection and
// recognition (and the angle classifier when asked) on the chosen backend, and read the text.

import type { TaskContext, TaskDefinition } from '../../task-kit/task';
import { decodeImageFile } from '../../inputs/image-decode';
import { OCR_BENCHMARK } from './benchmark';
import {
  OCR_MODEL_ROLES,
  OCR_TASK,
  type OcrModelChoice,
  type OcrRequest,
  type OcrTaskResult,
} from './handle';
import { OCR_MODELS } from './models';
import { ocrCharset } from './ocr-files';
import { recognizeText } from './ocr-pipeline';

const STAGE_WORDS = {
  detect: 'Detecting text',
  classify: 'Checking line angles',
  recognize: 'Reading line',
} as const;

/**
 * The sessions and the dictionary, asked for at once so downloads overlap each other and the runtime's
 * start-up, which pays where the network is the bottleneck. On a 2-core machine with a local server it
 * was neutral (models prepared 3.2 s one after the other, 3.5 s at once, within the noise of
 * `npm run bench:cold`): there, hashing, wasm compilation and session creation share the same cores.
 */
async function loadAll(useAngleClassifier: boolean, models: OcrModelChoice, context: TaskContext) {
  const [det, rec, cls, charset] = await Promise.all([
    context.session(models.detection ?? OCR_MODEL_ROLES.detection.defaultId),
    context.session(models.recognition ?? OCR_MODEL_ROLES.recognition.defaultId),
    useAngleClassifier ? context.session(models.angle ?? OCR_MODEL_ROLES.angle.defaultId) : undefined,
    ocrCharset(context.files),
  ]);
  return { det, rec, cls, charset };
}

export const ocrTask: TaskDefinition<OcrRequest, OcrTaskResult> = {
  handle: OCR_TASK,
  models: OCR_MODELS,
  benchmark: OCR_BENCHMARK,
  async prepare(request, context) {
    await loadAll(request.useAngleClassifier === true, request.models ?? {}, context);
  },
  async run(request, context) {
    context.progress({ message: `Decoding ${request.fileName}` });
    const image = await decodeImageFile(request.image, request.fileName);
    const { det, rec, cls, charset } = await loadAll(
      request.useAngleClassifier,
      request.models ?? {},
      context,
    );
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
