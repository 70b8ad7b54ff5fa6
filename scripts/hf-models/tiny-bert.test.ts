// The generated tiny BERT, loaded by Transformers.js itself (its Node build, on onnxruntime-node) from a
// temporary folder in the Hugging Face layout: the same bytes every time, the labels its lexicon head
// gives, fp16 agreeing with fp32, and unit-length embeddings for feature extraction.
import { pipeline } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { useGeneratedModel } from './generated-model-fixture';
import { TINY_BERT_ID, tinyBertFiles } from './tiny-bert';

useGeneratedModel(TINY_BERT_ID, tinyBertFiles);

const SLOW_MS = 60_000;

describe('the tiny BERT sentiment model', () => {
  it.each(['fp32', 'fp16'] as const)(
    'labels sentences by their lexicon words in %s',
    async (dtype) => {
      const classify = await pipeline('text-classification', TINY_BERT_ID, { dtype });
      const out = (await classify([
        'a great phone',
        'the worst battery, so slow',
        'the meeting room',
      ])) as Array<{
        label: string;
        score: number;
      }>;
      expect(out.map((row) => row.label)).toEqual(['POSITIVE', 'NEGATIVE', 'NEGATIVE']);
      // One vote: softmax([0, 1]); two: softmax([2, 0]); none: a tie.
      expect(out.map((row) => row.score)).toEqual([
        expect.closeTo(Math.exp(1) / (1 + Math.exp(1)), 5),
        expect.closeTo(Math.exp(2) / (1 + Math.exp(2)), 5),
        expect.closeTo(0.5, 5),
      ]);
      await classify.dispose();
    },
    SLOW_MS,
  );

  it(
    'gives one unit-length 64-dimensional embedding per text, close in fp16 and fp32',
    async () => {
      const vectors = async (dtype: 'fp32' | 'fp16') => {
        const embed = await pipeline('feature-extraction', TINY_BERT_ID, { dtype });
        const out = await embed(['private models run offline', 'the cat and the dog'], {
          pooling: 'mean',
          normalize: true,
        });
        await embed.dispose();
        expect(out.dims).toEqual([2, 64]);
        return Array.from(out.data as Float32Array);
      };
      const full = await vectors('fp32');
      const half = await vectors('fp16');
      const norm = Math.hypot(...full.slice(0, 64));
      expect(norm).toBeCloseTo(1, 5);
      const worst = Math.max(...full.map((value, i) => Math.abs(value - (half[i] ?? NaN))));
      expect(worst).toBeLessThan(5e-3);
      expect(worst).toBeGreaterThan(0);
    },
    SLOW_MS,
  );
});
