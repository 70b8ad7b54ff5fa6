// Text classification through Transformers.js in the worker, offline, on the tiny sentiment model the
// project generates (scripts/hf-models/tiny-bert.ts). Its head is written, not trained: each lexicon word
// adds one to its label's logit, so a sentence's label and score are known from its words alone
// (one positive word: POSITIVE at softmax([0, 1]) = 0.731). The fixture checks no request left the origin.
import { expect, openApp, test, type LabPage } from './support/lab';

const softmaxOfOne = Math.exp(1) / (1 + Math.exp(1));
const softmaxOfTwo = Math.exp(2) / (1 + Math.exp(2));

const LINES = [
  ['What a great phone', 'POSITIVE', softmaxOfOne],
  ['The worst battery, so slow', 'NEGATIVE', softmaxOfTwo],
  ['Excellent camera and wonderful photos, but a bad price', 'POSITIVE', softmaxOfOne],
] as const;

async function classify(lab: LabPage, dtype: string) {
  const { page } = lab;
  await page.getByTestId('classify-dtype').selectOption(dtype);
  await page.getByTestId('classify-text').fill(LINES.map(([text]) => text).join('\n'));
  return lab.classify(() => page.getByTestId('classify-run').click());
}

test('classifies lines on wasm in fp32 and fp16 with the labels and scores the lexicon gives', async ({
  lab,
  page,
}) => {
  await openApp(page, '?task=classify&backend=wasm');
  for (const dtype of ['fp32', 'fp16']) {
    const response = await classify(lab, dtype);
    expect(response.result.dtype).toBe(dtype);
    expect(response.result.results.map((row) => row.text)).toEqual(LINES.map(([text]) => text));
    for (const [index, [, label, score]] of LINES.entries()) {
      const [best, other] = response.result.results[index]?.labels ?? [];
      expect(best?.label, `${dtype}: ${LINES[index]?.[0]}`).toBe(label);
      expect(best?.score).toBeCloseTo(score, 3);
      expect((best?.score ?? 0) + (other?.score ?? 0)).toBeCloseTo(1, 5);
    }
    await expect(page.getByTestId('classify-row').first()).toHaveAttribute('data-label', 'POSITIVE');
  }
  // Only this app's own files were read (the fixture also fails on any other origin).
  const modelFiles = lab.requests.filter((url) => url.includes('/models/tiny-bert-sentiment/'));
  expect(modelFiles.some((url) => url.endsWith('/onnx/model.onnx'))).toBe(true);
  expect(modelFiles.some((url) => url.endsWith('/onnx/model_fp16.onnx'))).toBe(true);
  // One onnxruntime-web: its JSPI build's binary, requested once for both runtimes.
  const binaries = lab.requests.filter((url) => url.endsWith('.wasm'));
  expect(binaries.map((url) => new URL(url).pathname)).toEqual(['/ort/ort-wasm-simd-threaded.jspi.wasm']);
});

test('WebGPU gives the labels and scores wasm gives, and refuses fp16 on an adapter without shader-f16', async ({
  lab,
  page,
}) => {
  await openApp(page, '?task=classify&backend=webgpu');
  const response = await classify(lab, 'fp32');
  expect(response.backend).toBe('webgpu');
  for (const [index, [, label, score]] of LINES.entries()) {
    const [best] = response.result.results[index]?.labels ?? [];
    expect(best?.label).toBe(label);
    expect(best?.score).toBeCloseTo(score, 4);
  }
  const hasF16 = await page.evaluate(async () => {
    type Gpu = { requestAdapter(): Promise<{ features: Set<string> } | null> };
    const adapter = await (navigator as unknown as { gpu?: Gpu }).gpu?.requestAdapter();
    return adapter?.features.has('shader-f16') ?? false;
  });
  await page.getByTestId('classify-dtype').selectOption('fp16');
  if (hasF16) {
    const half = await lab.classify(() => page.getByTestId('classify-run').click());
    expect(half.result.results[0]?.labels[0]?.label).toBe('POSITIVE');
  } else {
    const failure = await lab.failure('classify', () => page.getByTestId('classify-run').click());
    expect(failure.message).toMatch(/fp16/);
    // The app keeps working: fp32 still runs.
    await page.getByTestId('classify-dtype').selectOption('fp32');
    const again = await lab.classify(() => page.getByTestId('classify-run').click());
    expect(again.result.results).toHaveLength(LINES.length);
  }
});

test('an empty text gets a clear message and the view keeps working', async ({ lab, page }) => {
  await openApp(page, '?task=classify&backend=wasm');
  await page.getByTestId('classify-text').fill('  \n\n ');
  const failure = await lab.failure('classify', () => page.getByTestId('classify-run').click());
  expect(failure.kind).toBe('InvalidInputError');
  expect(failure.message).toContain('no text to classify');
  await page.getByTestId('classify-text').fill('good');
  const response = await lab.classify(() => page.getByTestId('classify-run').click());
  expect(response.result.results[0]?.labels[0]?.label).toBe('POSITIVE');
});
