// The generated tiny decoder, run two ways: step by step on onnxruntime-node with its key/value cache fed
// back by hand (the greedy tokens and the cache shapes the construction in tiny-decoder.ts gives, and
// the wrong token an empty cache gives), and through Transformers.js's own text-generation pipeline
// (its Node build) from a temporary folder in the Hugging Face layout, fp32 and fp16.
import { pipeline } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { useGeneratedModel } from './generated-model-fixture';
import { COUNT_WORDS, EOS_ID, TINY_DECODER_ID, TINY_DECODER_VOCAB, tinyDecoderFiles } from './tiny-decoder';

useGeneratedModel(TINY_DECODER_ID, tinyDecoderFiles);

const SLOW_MS = 60_000;
const ids = (words: string) => words.split(' ').map((word) => TINY_DECODER_VOCAB.indexOf(word));
const words = (tokens: readonly number[]) => tokens.map((token) => TINY_DECODER_VOCAB[token]).join(' ');
const int64 = (values: readonly number[]) =>
  new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, values.length]);
const emptyCache = () => new ort.Tensor('float32', new Float32Array(0), [1, 1, 0, 2]);

interface Step {
  readonly next: number;
  readonly key: ort.Tensor;
  readonly value: ort.Tensor;
}

/** One forward pass over `tokens` at positions from `start`, after a cache of `start` tokens. */
async function step(
  session: ort.InferenceSession,
  tokens: readonly number[],
  start: number,
  key: ort.Tensor,
  value: ort.Tensor,
): Promise<Step> {
  const out = await session.run({
    input_ids: int64(tokens),
    attention_mask: int64(new Array<number>(start + tokens.length).fill(1)),
    position_ids: int64(tokens.map((_, index) => start + index)),
    'past_key_values.0.key': key,
    'past_key_values.0.value': value,
  });
  const logits = out.logits as ort.Tensor;
  const vocab = TINY_DECODER_VOCAB.length;
  expect(logits.dims).toEqual([1, tokens.length, vocab]);
  const last = Array.from((logits.data as Float32Array).slice((tokens.length - 1) * vocab));
  return {
    next: last.indexOf(Math.max(...last)),
    key: out['present.0.key'] as ort.Tensor,
    value: out['present.0.value'] as ort.Tensor,
  };
}

/** Greedy decoding with the cache, as generate() does it: the prompt at once, then one token a step. */
async function greedy(session: ort.InferenceSession, prompt: string, maxNew: number): Promise<string> {
  const promptIds = ids(prompt);
  let state = await step(session, promptIds, 0, emptyCache(), emptyCache());
  const out: number[] = [];
  for (let length = promptIds.length; ; length += 1) {
    out.push(state.next);
    expect(state.key.dims).toEqual([1, 1, length, 2]);
    expect(state.value.dims).toEqual([1, 1, length, 2]);
    if (state.next === EOS_ID || out.length === maxNew) return words(out);
    state = await step(session, [state.next], length, state.key, state.value);
  }
}

describe('the tiny decoder', () => {
  it.each(['onnx/model.onnx', 'onnx/model_fp16.onnx'])(
    'continues greedily with its cache on onnxruntime-node (%s)',
    async (file) => {
      const bytes = tinyDecoderFiles()[file];
      if (!bytes) throw new Error(`no ${file}`);
      const session = await ort.InferenceSession.create(bytes);
      // Counting up cycles without end, so max_new_tokens bounds it.
      expect(await greedy(session, 'three', 12)).toBe(
        'four five six seven eight nine ten one two three four five',
      );
      // A countdown anywhere before turns the count around and ends on eos.
      expect(await greedy(session, 'countdown three', 50)).toBe('two one </s>');
      expect(await greedy(session, 'countdown', 50)).toBe(`${[...COUNT_WORDS].reverse().join(' ')} </s>`);
      expect(await greedy(session, 'nine countdown five', 50)).toBe('four three two one </s>');
      // An unknown word ends the text.
      expect(await greedy(session, 'three <unk>', 50)).toBe('</s>');
      await session.release();
    },
    SLOW_MS,
  );

  it('needs its cache: the countdown is seen at later steps only through the past keys and values', async () => {
    const bytes = tinyDecoderFiles()['onnx/model.onnx'];
    if (!bytes) throw new Error('no model');
    const session = await ort.InferenceSession.create(bytes);
    const first = await step(session, ids('countdown three'), 0, emptyCache(), emptyCache());
    expect(words([first.next])).toBe('two');
    // present = concat(past, new): the prompt's keys [20·is_countdown, position] are all there.
    expect(Array.from(first.key.data as Float32Array)).toEqual([20, 0, 0, 1]);
    expect(Array.from(first.value.data as Float32Array)).toEqual([1, 0, 0, 0]);
    const withCache = await step(session, [first.next], 2, first.key, first.value);
    expect(words([withCache.next])).toBe('one');
    expect(Array.from(withCache.key.data as Float32Array)).toEqual([20, 0, 0, 1, 0, 2]);
    const withoutCache = await step(session, [first.next], 0, emptyCache(), emptyCache());
    expect(words([withoutCache.next])).toBe('three');
    await session.release();
  });

  it.each(['fp32', 'fp16'] as const)(
    "generates the designed text through Transformers.js's text-generation pipeline in %s",
    async (dtype) => {
      const generate = await pipeline('text-generation', TINY_DECODER_ID, { dtype });
      const run = async (prompt: string, max_new_tokens: number) =>
        (
          (await generate(prompt, { max_new_tokens, do_sample: false })) as Array<{ generated_text: string }>
        )[0]?.generated_text;
      expect(await run('Three', 9)).toBe('three four five six seven eight nine ten one two');
      expect(await run('countdown three', 20)).toBe('countdown three two one');
      await generate.dispose();
    },
    SLOW_MS,
  );
});
