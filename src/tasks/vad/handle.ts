// The voice-activity task as the UI names it: the handle `engine.run` takes, and the request and
// result types. Kept apart from the task's code so the page's bundle does not carry the pipeline.

import { taskHandle, type TaskRequestBase } from '../../task-kit/task';
import type { VadResult } from './vad-pipeline';

export interface VadRequest extends TaskRequestBase {
  /** One of the task's models (src/tasks/vad/models.ts). */
  readonly modelId: string;
  /** Mono samples at `sampleRate`; the task resamples to 16 kHz. */
  readonly samples: Float32Array;
  readonly sampleRate: number;
}

export const VAD_TASK = taskHandle<VadRequest, VadResult>('vad');
