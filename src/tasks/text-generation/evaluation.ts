// How a language model is scored: six counting prompts with the continuation a person writes (the
// project's tiny decoder counts, up or, after "countdown", down), greedy, four new tokens each, scored as
// "same continuation" against the truth; against the fp32 model (by the page, scoreAgainstReference) by
// characters and by same continuation. The continuations stay short of ten so none depends on what
// comes after it.

import type { TextGenerator } from '../../runtimes/pipeline-runtime';
import type { TaskEvaluation } from '../../task-kit/evaluation';
import { shareEqual } from '../../task-kit/evaluation-scores';

const NEW_TOKENS = 4;

export const EVALUATION_PROMPTS: readonly { readonly prompt: string; readonly continuation: string }[] = [
  { prompt: 'one two', continuation: 'three four five six' },
  { prompt: 'two three four', continuation: 'five six seven eight' },
  { prompt: 'four five', continuation: 'six seven eight nine' },
  { prompt: 'countdown five', continuation: 'four three two one' },
  { prompt: 'countdown ten nine', continuation: 'eight seven six five' },
  { prompt: 'countdown seven', continuation: 'six five four three' },
];

export const TEXT_GENERATION_EVALUATION: TaskEvaluation<TextGenerator> = {
  async evaluate(_model, generator, _files, onProgress) {
    const texts: string[] = [];
    for (const { prompt } of EVALUATION_PROMPTS) {
      const generation = await generator.generate(prompt, { maxNewTokens: NEW_TOKENS });
      texts.push(generation.text.replace(/\s+/g, ' ').trim());
      onProgress(texts.length, EVALUATION_PROMPTS.length);
    }
    const truth = EVALUATION_PROMPTS.map((item) => item.continuation);
    return {
      result: {
        set: `${EVALUATION_PROMPTS.length} counting prompts, greedy, ${NEW_TOKENS} new tokens each`,
        items: EVALUATION_PROMPTS.length,
        scores: [{ metric: 'same continuation', value: shareEqual(truth, texts), against: 'truth' }],
      },
      outputs: { kind: 'texts', texts },
    };
  },
};
