// The text-generation task as the UI names it: the handle `engine.run` takes, and the request and result
// types. Kept apart from the task's code so the page's bundle does not carry it. The generated text
// streams through the run's progress listener (`progress.partial`) while the run goes on.

import type { StopFlag } from '../../core/stop-flag';
import type { Generation } from '../../runtimes/pipeline-runtime';
import { taskHandle, type TaskRequestBase } from '../../task-kit/task';

export interface TextGenerationRequest extends TaskRequestBase {
  /** One of the task's models (src/tasks/text-generation/models.ts). */
  readonly modelId: string;
  /** The precision of the model file (fp32, fp16, …), one the model has. */
  readonly dtype: string;
  readonly prompt: string;
  /** At most this many new tokens, 1 to MAX_NEW_TOKENS. */
  readonly maxNewTokens: number;
  /** Raised by the page to end the generation after the current token (src/core/stop-flag.ts). */
  readonly stop?: StopFlag;
}

export interface TextGenerationResult extends Generation {
  readonly modelId: string;
  readonly dtype: string;
  readonly prompt: string;
  readonly maxNewTokens: number;
}

/** The most new tokens one run may ask for. */
export const MAX_NEW_TOKENS = 1024;

export const TEXT_GENERATION_TASK = taskHandle<TextGenerationRequest, TextGenerationResult>(
  'text-generation',
);
