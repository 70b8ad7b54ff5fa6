// The text-generation task, registered in src/tasks/index.ts: greedy generation with a Transformers.js
// text-generation pipeline of the chosen model and precision, on the chosen backend. Each new token's
// text so far goes out as progress (`partial`), and the request's stop flag is asked after every token.

import { InvalidInputError } from '../../core/errors';
import { stopRaised } from '../../core/stop-flag';
import type { TaskDefinition } from '../../task-kit/task';
import {
  MAX_NEW_TOKENS,
  TEXT_GENERATION_TASK,
  type TextGenerationRequest,
  type TextGenerationResult,
} from './handle';
import { TEXT_GENERATION_BENCHMARK } from './benchmark';
import { TEXT_GENERATION_MODELS } from './models';

export const textGenerationTask: TaskDefinition<TextGenerationRequest, TextGenerationResult> = {
  handle: TEXT_GENERATION_TASK,
  models: TEXT_GENERATION_MODELS,
  benchmark: TEXT_GENERATION_BENCHMARK,
  async prepare(request, context) {
    if (request.modelId !== undefined && request.dtype !== undefined)
      await context.pipeline('text-generation', request.modelId, request.dtype);
  },
  async run(request, context) {
    const prompt = request.prompt.trim();
    if (prompt.length === 0)
      throw new InvalidInputError('There is no prompt to continue: enter some text first.');
    const { maxNewTokens } = request;
    if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1 || maxNewTokens > MAX_NEW_TOKENS)
      throw new InvalidInputError(
        `Max new tokens must be a whole number from 1 to ${MAX_NEW_TOKENS}; it was ${maxNewTokens}.`,
      );
    const generator = await context.pipeline('text-generation', request.modelId, request.dtype);
    context.progress({ message: 'Generating', partial: { text: '', tokenCount: 0 } });
    const { stop } = request;
    const generation = await generator.generate(prompt, {
      maxNewTokens,
      onToken: (partial) =>
        context.progress({ message: `Generating: ${partial.tokenCount} tokens`, partial }),
      ...(stop ? { shouldStop: () => stopRaised(stop) } : {}),
    });
    return { modelId: request.modelId, dtype: request.dtype, prompt, maxNewTokens, ...generation };
  },
};
