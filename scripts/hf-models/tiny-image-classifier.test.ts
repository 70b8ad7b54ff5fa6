// The generated tiny image classifier, checked against the logits its construction gives: the graph
// alone on onnxruntime-node (fp32 and fp16), and the whole Transformers.js image-classification
// pipeline (its Node build) loading the files from a temporary folder in the Hugging Face layout.
import { pipeline, RawImage } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { useGeneratedModel } from './generated-model-fixture';
import {
  IMAGE_SIDE,
  rankedScores,
  SOLID_COLOUR_LOGITS,
  TINY_IMAGE_CLASSIFIER_ID,
  TINY_IMAGE_LABELS,
  tinyImageClassifierFiles,
} from './tiny-image-classifier';

const SOLIDS = SOLID_COLOUR_LOGITS;

/** The pixel_values the processor makes of a solid colour: 2·v/255 − 1 per channel, CHW. */
function solidPixelValues(rgb: readonly number[]): Float32Array {
  const plane = IMAGE_SIDE * IMAGE_SIDE;
  const values = new Float32Array(3 * plane);
  rgb.forEach((v, channel) => values.fill((2 * v) / 255 - 1, channel * plane, (channel + 1) * plane));
  return values;
}

const modelDir = useGeneratedModel(TINY_IMAGE_CLASSIFIER_ID, tinyImageClassifierFiles);

const SLOW_MS = 60_000;

describe('the tiny image classifier', () => {
  it.each([
    ['fp32', 'model.onnx', 1e-6],
    // Half-precision biases round by at most 1.96e-4 (see the generator).
    ['fp16', 'model_fp16.onnx', 2e-4],
  ] as const)(
    'gives the derived logits for solid colours in %s on onnxruntime-node',
    async (_dtype, file, tolerance) => {
      const session = await ort.InferenceSession.create(`${modelDir()}/onnx/${file}`);
      const batch = new Float32Array(SOLIDS.flatMap(({ rgb }) => Array.from(solidPixelValues(rgb))));
      const out = await session.run({
        pixel_values: new ort.Tensor('float32', batch, [SOLIDS.length, 3, IMAGE_SIDE, IMAGE_SIDE]),
      });
      const logits = out.logits;
      expect(logits?.dims).toEqual([SOLIDS.length, TINY_IMAGE_LABELS.length]);
      const data = Array.from(logits?.data as Float32Array);
      SOLIDS.forEach(({ name, logits: expected }, row) => {
        const got = data.slice(row * expected.length, (row + 1) * expected.length);
        const worst = Math.max(...got.map((value, i) => Math.abs(value - (expected[i] ?? NaN))));
        expect(worst, name).toBeLessThanOrEqual(tolerance);
      });
      await session.release();
    },
    SLOW_MS,
  );

  it(
    'labels solid images through the Transformers.js pipeline with the derived top five and scores',
    async () => {
      const classify = await pipeline('image-classification', TINY_IMAGE_CLASSIFIER_ID, { dtype: 'fp32' });
      for (const { name, rgb, logits } of SOLIDS) {
        // Already at the processor's size, so no resampling happens (Node resizes with sharp).
        const pixels = new Uint8ClampedArray(IMAGE_SIDE * IMAGE_SIDE * 4);
        for (let i = 0; i < pixels.length; i += 4) pixels.set([...rgb, 255], i);
        const out = (await classify(new RawImage(pixels, IMAGE_SIDE, IMAGE_SIDE, 4), {
          top_k: 5,
        })) as Array<{ label: string; score: number }>;
        const expected = rankedScores(logits).slice(0, 5);
        expect(
          out.map((row) => row.label),
          name,
        ).toEqual(expected.map((row) => row.label));
        out.forEach((row, i) =>
          expect(row.score, `${name} ${row.label}`).toBeCloseTo(expected[i]?.score ?? NaN, 5),
        );
      }
      await classify.dispose();
    },
    SLOW_MS,
  );

  it('puts red first on pure red with the score the generator derives', () => {
    expect(rankedScores(SOLIDS[0].logits)[0]).toEqual({ label: 'red', score: expect.closeTo(0.8213, 4) });
  });
});
