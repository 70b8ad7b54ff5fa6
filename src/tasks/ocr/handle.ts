// The OCR task as the UI names it: the handle `engine.run` takes, and the request and result types.
// Kept apart from the task's code so the page's bundle does not carry the pipeline.

import type { RgbaImageSize } from '../../inputs/image';
import { taskHandle, type TaskRequestBase } from '../../task-kit/task';
import type { OcrResult } from './ocr-pipeline';

export interface OcrRequest extends TaskRequestBase {
  readonly image: Blob;
  readonly fileName: string;
  readonly useAngleClassifier: boolean;
  /** Models to use instead of the built-in ones (an optimizer's variant of each), by the task's role. */
  readonly models?: OcrModelChoice;
}

/** Which model does each OCR step; each defaults to the built-in one (OCR_DEFAULT_MODELS). */
export interface OcrModelChoice {
  readonly detection?: string;
  readonly recognition?: string;
  readonly angle?: string;
}

/** The built-in model of each step, and the model task (ModelRecord.task) its alternatives must have. */
export const OCR_MODEL_ROLES = {
  detection: { defaultId: 'ppocr-v4-det', modelTask: 'ocr-detection' },
  recognition: { defaultId: 'ppocr-v4-rec', modelTask: 'ocr-recognition' },
  angle: { defaultId: 'ppocr-mobile-v2-cls', modelTask: 'ocr-angle' },
} as const;

export interface OcrTaskResult extends OcrResult {
  readonly imageSize: RgbaImageSize;
}

export const OCR_TASK = taskHandle<OcrRequest, OcrTaskResult>('ocr');
