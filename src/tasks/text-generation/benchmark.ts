// How the benchmark measures a language model: one timed greedy generation of a fixed number of new
// tokens from a short prompt (tokenizing, the prompt's pass and every cached step, text decoded), so
// a cell's median is the time for those tokens and tokens per second follow from it. Greedy decoding
// is deterministic, so agreement asks for the same continuation as the reference cell (wasm, fp32):
// the same greedy tokens, as text.

import type { Generation } from '../../runtimes/pipeline-runtime';
import { compareTaskOutputs } from '../../task-kit/task-output';
import { pipelineBenchmark } from '../../task-kit/task';
import type { WorkloadInput } from '../../task-kit/workload';
import { TEXT_GENERATION_EVALUATION } from './evaluation';

/** A prompt a counting model continues and a real small language model can too. */
export const BENCHMARK_PROMPT = 'one two three';
/** New tokens per timed generation: enough for the cached steps to outweigh the prompt's pass. */
export const BENCHMARK_NEW_TOKENS = 32;

function promptOf(input: WorkloadInput): { prompt: string; maxNewTokens: number } {
  if (input.kind !== 'prompt')
    throw new Error(`A language model is benchmarked on a prompt, not ${input.kind}`);
  return input;
}

export const TEXT_GENERATION_BENCHMARK = pipelineBenchmark({
  pipelineKind: 'text-generation',
  input: async () => ({ kind: 'prompt', prompt: BENCHMARK_PROMPT, maxNewTokens: BENCHMARK_NEW_TOKENS }),
  async workload(_model, generator, input) {
    const { prompt, maxNewTokens } = promptOf(input);
    let last: Generation | undefined;
    return {
      inputDescription: `"${prompt}", greedy, up to ${maxNewTokens} new tokens`,
      runOnce: async () => {
        last = await generator.generate(prompt, { maxNewTokens });
      },
      referenceOutputs: async () => {
        const generation = await generator.generate(prompt, { maxNewTokens });
        return { tensors: {}, task: { kind: 'text', text: generation.text } };
      },
      unitsPerRun: () => ({ count: last?.tokenCount ?? 0, unit: 'tokens' }),
    };
  },
  compareOutputs: compareTaskOutputs,
  evaluation: TEXT_GENERATION_EVALUATION,
});
