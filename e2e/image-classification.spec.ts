// Image classification through Transformers.js in the worker, offline, on the tiny colour classifier
// the project generates (scripts/hf-models/tiny-image-classifier.ts). Its head is written, not
// trained, over the image's mean colour, so a solid image's top five labels and scores are known by
// construction (pure red: red 0.821, yellow, magenta, dark, bright). Images are drawn in the test's own
// browser and uploaded like a user's file. The fixture checks no request left the origin.
import type { BrowserContext } from '@playwright/test';
import { makeTextFile } from '../scripts/make-bad-inputs';
import { rankedScores, SOLID_COLOUR_LOGITS } from '../scripts/hf-models/tiny-image-classifier';
import type { ImageClassificationResult } from '../src/tasks/image-classification/handle';
import { expect, openApp, test, type LabPage } from './support/lab';

/**
 * fp32 on wasm vs WebGPU: GlobalAveragePool sums 1024 values per channel in float32, off by at most
 * about 1024 · 2^-24 ≈ 6e-5 of the largest |value| (1) in either order; a head row's weights add up
 * to at most 4 in absolute value, so a logit moves by at most 2.4e-4, and a softmax score by at most
 * half the largest logit change.
 */
const BACKEND_TOLERANCE = 1.2e-4;
/** fp16 vs fp32: the half-precision biases round by at most 1.96e-4 (see the generator), so a score
 * moves by at most 9.8e-5; float32 rounding adds well under 1e-6. */
const DTYPE_TOLERANCE = 1e-4;

/** A solid-colour PNG of the given size, drawn on a canvas in a blank page of the test's browser. */
async function solidPng(context: BrowserContext, rgb: readonly number[], width = 64, height = 40) {
  const page = await context.newPage();
  try {
    const bytes = await page.evaluate(
      async ([colour, w, h]) => {
        const canvas = new OffscreenCanvas(w, h);
        const context2d = canvas.getContext('2d');
        if (!context2d) throw new Error('no 2D context');
        context2d.fillStyle = colour;
        context2d.fillRect(0, 0, w, h);
        const blob = await canvas.convertToBlob({ type: 'image/png' });
        return Array.from(new Uint8Array(await blob.arrayBuffer()));
      },
      [`rgb(${rgb.join(',')})`, width, height] as const,
    );
    return Buffer.from(bytes);
  } finally {
    await page.close();
  }
}

async function upload(lab: LabPage, name: string, buffer: Buffer) {
  return lab.image(() =>
    lab.page.getByTestId('image-file-input').setInputFiles({ name, mimeType: 'image/png', buffer }),
  );
}

function expectDerived(result: ImageClassificationResult, logits: readonly number[], what: string) {
  const expected = rankedScores(logits).slice(0, 5);
  expect(
    result.labels.map((row) => row.label),
    what,
  ).toEqual(expected.map((row) => row.label));
  result.labels.forEach((row, i) =>
    expect(row.score, `${what}: ${row.label}`).toBeCloseTo(expected[i]?.score ?? NaN, 4),
  );
}

const largestDifference = (a: ImageClassificationResult, b: ImageClassificationResult) => {
  expect(b.labels.map((row) => row.label)).toEqual(a.labels.map((row) => row.label));
  return Math.max(...a.labels.map((row, i) => Math.abs(row.score - (b.labels[i]?.score ?? NaN))));
};

test('solid colours get the top five labels and scores their construction gives, on wasm, in fp32 and fp16', async ({
  lab,
  page,
  context,
}) => {
  await openApp(page, '?task=image&backend=wasm');
  for (const { name, rgb, logits } of SOLID_COLOUR_LOGITS) {
    const response = await upload(lab, `${name}.png`, await solidPng(context, rgb));
    expect(response.result.dtype).toBe('fp32');
    expect(response.result.imageSize).toEqual({ width: 64, height: 40 });
    expectDerived(response.result, logits, name);
  }
  // The page shows them: five score bars, best first, and the preview.
  await expect(page.getByTestId('image-label')).toHaveCount(5);
  await expect(page.getByTestId('image-label').first()).toHaveAttribute('data-label', 'dark');
  await expect(page.getByTestId('image-preview')).toBeVisible();
  await expect(page.getByTestId('image-timings')).toContainText('Image processor and model (fp32)');

  // Determinism: the same image again gives the same scores, bit for bit.
  const red = await upload(lab, 'red.png', await solidPng(context, [255, 0, 0]));
  const again = await lab.image(() => page.getByTestId('image-run').click());
  expect(again.result.labels).toEqual(red.result.labels);

  // fp16: the same labels, scores within the tolerance the half-precision biases allow, and not the
  // fp32 file run again.
  await page.getByTestId('image-dtype').selectOption('fp16');
  const half = await lab.image(() => page.getByTestId('image-run').click());
  expect(half.result.dtype).toBe('fp16');
  expectDerived(half.result, SOLID_COLOUR_LOGITS[0].logits, 'red in fp16');
  const difference = largestDifference(red.result, half.result);
  expect(difference).toBeLessThanOrEqual(DTYPE_TOLERANCE);
  expect(difference).toBeGreaterThan(0);

  const modelFiles = lab.requests.filter((url) => url.includes('/models/tiny-image-classifier/'));
  expect(modelFiles.some((url) => url.endsWith('/onnx/model.onnx'))).toBe(true);
  expect(modelFiles.some((url) => url.endsWith('/onnx/model_fp16.onnx'))).toBe(true);
  expect(modelFiles.some((url) => url.endsWith('/preprocessor_config.json'))).toBe(true);
});

test('the built-in samples classify without a file, and WebGPU agrees with wasm', async ({ lab, page }) => {
  await openApp(page, '?task=image&backend=wasm');
  const onWasm = await lab.image(() => page.getByTestId('image-sample-sunset').click());
  expect(onWasm.backend).toBe('wasm');
  expect(onWasm.result.labels).toHaveLength(5);
  const green = await lab.image(() => page.getByTestId('image-sample-green').click());
  expectDerived(green.result, SOLID_COLOUR_LOGITS[1].logits, 'the green sample');

  await openApp(page, '?task=image&backend=webgpu');
  for (const [sample, reference] of [
    ['sunset', onWasm],
    ['green', green],
  ] as const) {
    const onGpu = await lab.image(() => page.getByTestId(`image-sample-${sample}`).click());
    expect(onGpu.backend).toBe('webgpu');
    expect(largestDifference(reference.result, onGpu.result), sample).toBeLessThanOrEqual(BACKEND_TOLERANCE);
  }
});

test('a file that is not an image gets a clear message and the view keeps working', async ({
  lab,
  page,
  context,
}) => {
  await openApp(page, '?task=image&backend=wasm');
  const blue = await upload(lab, 'blue.png', await solidPng(context, [0, 0, 255]));
  const failure = await lab.failure('image', () =>
    page
      .getByTestId('image-file-input')
      .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: makeTextFile() }),
  );
  expect(failure.kind).toBe('InvalidInputError');
  expect(failure.message).toMatch(/notes\.png.* not an image/);
  // What was shown before stays, and the next image runs.
  await expect(page.getByTestId('image-label').first()).toHaveAttribute('data-label', 'blue');
  const again = await lab.image(() => page.getByTestId('image-run').click());
  expect(again.result.labels).toEqual(blue.result.labels);
  const white = await upload(lab, 'white.png', await solidPng(context, [255, 255, 255], 31, 77));
  expectDerived(white.result, SOLID_COLOUR_LOGITS[3].logits, 'white after the error');
});
