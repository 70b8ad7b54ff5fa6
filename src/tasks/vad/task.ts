// The voice-activity task, registered in src/tasks/index.ts: load the chosen Silero model on the
// chosen backend and find the speech in the user's audio.

import type { TaskDefinition } from '../../task-kit/task';
import { VAD_BENCHMARK } from './benchmark';
import { VAD_TASK, type VadRequest } from './handle';
import { VAD_MODELS } from './models';
import { sileroVariant } from './silero';
import { runVad, type VadResult } from './vad-pipeline';

export const vadTask: TaskDefinition<VadRequest, VadResult> = {
  handle: VAD_TASK,
  models: VAD_MODELS,
  benchmark: VAD_BENCHMARK,
  async prepare(request, context) {
    if (request.modelId !== undefined) await context.session(request.modelId);
  },
  async run(request, context) {
    const variant = sileroVariant(request.modelId);
    const session = await context.session(request.modelId);
    return runVad(request.samples, request.sampleRate, session, variant, {}, (done, total) =>
      context.progress({ message: `Scoring frame ${done} of ${total}`, fraction: done / total }),
    );
  },
};
