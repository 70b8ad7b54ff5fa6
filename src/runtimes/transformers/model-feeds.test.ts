// modelFeeds keeps exactly the inputs the model's session declares: the tokenizer's extra outputs are
// dropped, token_type_ids of zeros are made where the tokenizer gives none, and an input nothing makes
// is an error naming it. (The real tokenizer: scripts/hf-models/tiny-bert-int8-static.test.ts.)
import { describe, expect, it } from 'vitest';
import { modelFeeds, type TokenizingPipeline } from './model-feeds';

const ids = (values: number[]) => ({
  type: 'int64',
  data: BigInt64Array.from(values.map(BigInt)),
  dims: [1, values.length],
});

/** A pipeline whose tokenizer gives one id per word and an all-ones mask, and a session with `inputs`. */
const pipelineWith = (inputs: readonly string[]): TokenizingPipeline => ({
  tokenizer: (text) => {
    const words = text.split(' ').map((word) => word.length);
    return { input_ids: ids(words), attention_mask: ids(words.map(() => 1)) };
  },
  model: { sessions: { model: { inputNames: inputs } } },
});

describe('modelFeeds', () => {
  it('gives one feed per text with the declared inputs, token_type_ids as zeros', () => {
    const feeds = modelFeeds(pipelineWith(['input_ids', 'token_type_ids']), ['a bb', 'ccc']);
    expect(feeds).toEqual([
      {
        input_ids: { type: 'int64', data: BigInt64Array.of(1n, 2n), dims: [1, 2] },
        token_type_ids: { type: 'int64', data: BigInt64Array.of(0n, 0n), dims: [1, 2] },
      },
      {
        input_ids: { type: 'int64', data: BigInt64Array.of(3n), dims: [1, 1] },
        token_type_ids: { type: 'int64', data: BigInt64Array.of(0n), dims: [1, 1] },
      },
    ]);
  });

  it('names an input the tokenizer does not make', () => {
    expect(() => modelFeeds(pipelineWith(['input_ids', 'position_ids']), ['a'])).toThrow(
      'The model takes position_ids, which its tokenizer does not make',
    );
  });
});
