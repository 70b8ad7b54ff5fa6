// The OCR task as the UI names it: the handle `engine.run` takes, and the request and result types.
// Kept apart from the task's code so the page's bundle does not carry the pipeline.

import type { RgbaImageSize } from '../../inputs/image';
import { taskHandle, type TaskRequestBase } from '../../task-kit/task';
import type { OcrResult } from './ocr-pipeline';

export interface OcrRequest extends TaskRequestBase {
  readonly image: Blob;
  readonly fileName: string;
  readonly useAngleClassifier: boolean;
}

export interface OcrTaskResult extends OcrResult {
  readonly imageSize: RgbaImageSize;
}

export const OCR_TASK = taskHandle<OcrRequest, OcrTaskResult>('ocr');
