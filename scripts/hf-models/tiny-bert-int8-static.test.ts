// An int8-static variant of the generated tiny BERT made the way the app makes it: the text-classification
// task's calibration sentences through the fp32 pipeline's own tokenizer (Transformers.js' Node build),
// then the optimizer on onnxruntime-node; the variant, saved as onnx/model_int8.onnx, loads in
// Transformers.js as dtype int8 and labels sentences by their lexicon words as the fp32 model does.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { nodeRunnerFactory } from '../optimize/node-runner';
import { useGeneratedModel } from './generated-model-fixture';
import { TINY_BERT_ID, tinyBertFiles } from './tiny-bert';
import { optimizeModel } from '../../src/optimizer/optimize';
import type { TextClassifier } from '../../src/runtimes/pipeline-runtime';
import { modelFeeds, type TokenizingPipeline } from '../../src/runtimes/transformers/model-feeds';
import {
  CALIBRATION_SENTENCES,
  textClassificationCalibrationData,
} from '../../src/tasks/text-classification/calibration-sentences';
import { TINY_BERT_SENTIMENT } from '../../src/tasks/text-classification/models';

const modelDir = useGeneratedModel(TINY_BERT_ID, tinyBertFiles);

const SLOW_MS = 60_000;

/** The classifier the calibration reads: only the tokenizer of the loaded fp32 pipeline. */
const tokenizingClassifier = (loaded: unknown): TextClassifier => ({
  classify: () => Promise.reject(new Error('calibration does not classify')),
  tokenize: async (texts) => modelFeeds(loaded as TokenizingPipeline, texts),
  dispose: async () => {},
});

describe('int8 static of the tiny BERT, calibrated through its tokenizer', () => {
  it(
    'makes one feed per calibration sentence, of the inputs the model declares, and a variant that keeps its labels',
    async () => {
      const fp32 = await pipeline('text-classification', TINY_BERT_ID, { dtype: 'fp32' });
      const calibration = await textClassificationCalibrationData(
        TINY_BERT_SENTIMENT,
        tokenizingClassifier(fp32),
        8,
      );
      expect(calibration.feeds).toHaveLength(8);
      expect(calibration.description).toMatch(/^8 sentences \(\d+ words\) through the model's tokenizer/);
      for (const [index, feed] of calibration.feeds.entries()) {
        expect(Object.keys(feed).sort()).toEqual(['attention_mask', 'input_ids', 'token_type_ids']);
        const ids = feed['input_ids'];
        // [CLS] … [SEP]: at least one word between, one sentence per feed, no padding.
        expect(ids?.type).toBe('int64');
        expect(ids?.dims[0]).toBe(1);
        expect(ids?.dims[1]).toBeGreaterThan(2);
        expect(feed['attention_mask']?.dims).toEqual(ids?.dims);
        expect([...(feed['attention_mask']?.data ?? [])].every((value) => value === 1n)).toBe(true);
        const expected = (await fp32.tokenizer(CALIBRATION_SENTENCES[index] ?? '')) as {
          input_ids: { data: BigInt64Array };
        };
        expect(ids?.data).toEqual(expected.input_ids.data);
      }
      await fp32.dispose();

      const parent = readFileSync(join(modelDir(), 'onnx/model.onnx'));
      const result = await optimizeModel(
        new Uint8Array(parent),
        { method: 'int8-static', calibration: { method: 'minmax' } },
        { createRunner: nodeRunnerFactory(), calibrationData: calibration },
      );
      expect(result.report.converted['MatMul']).toBeGreaterThan(0);
      writeFileSync(join(modelDir(), 'onnx/model_int8.onnx'), result.bytes);

      const int8 = await pipeline('text-classification', TINY_BERT_ID, { dtype: 'int8' });
      const out = (await int8([
        'a wonderful day',
        'broken and slow',
        'a great phone',
        'the worst battery',
      ])) as Array<{
        label: string;
      }>;
      expect(out.map((row) => row.label)).toEqual(['POSITIVE', 'NEGATIVE', 'POSITIVE', 'NEGATIVE']);
      await int8.dispose();
    },
    SLOW_MS,
  );
});
