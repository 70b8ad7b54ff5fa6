// WebGPU agrees with wasm. Here WebGPU runs on SwiftShader (a CPU emulation), so inputs are small
// and the numbers only show correctness, not GPU speed; the UI must label the adapter as software.
import { readFileSync } from 'node:fs';
import { expect, openApp, test } from './support/lab';
import { renderTextImage } from './support/text-image';

/** Largest allowed per-frame difference in speech probability between webgpu and wasm. */
const PROBABILITY_TOLERANCE = 1e-3;

test('WebGPU is offered, and a CPU-emulated adapter is labelled software wherever it shows', async ({
  page,
}) => {
  await openApp(page, '?task=ocr&backend=webgpu');
  await expect(page.getByTestId('backend-webgpu')).toHaveAttribute('data-available', 'true');
  const adapter = await page.getByTestId('env-adapter').innerText();
  console.log(`WebGPU adapter: ${adapter}`);
  const emulated = /swiftshader|llvmpipe/i.test(adapter);
  const tag = page.getByTestId('backend-webgpu').getByText('software adapter');
  if (emulated) {
    expect(adapter).toMatch(/software \(CPU emulation\)/);
    await expect(page.getByTestId('env-backend')).toContainText('software adapter');
    await expect(tag).toBeVisible();
  } else {
    await expect(page.getByTestId('env-backend')).not.toContainText('software adapter');
    await expect(tag).toHaveCount(0);
  }
});

test('OCR on webgpu reads the same text as on wasm', async ({ lab, page, context }) => {
  const png = await renderTextImage(context, ['Hello from WebGPU 2026'], { fontSizePx: 26, padding: 12 });
  await openApp(page, '?task=ocr&backend=wasm');
  const wasm = await lab.ocr(() =>
    page
      .getByTestId('ocr-file-input')
      .setInputFiles({ name: 'line.png', mimeType: 'image/png', buffer: png }),
  );
  await page.getByTestId('backend-webgpu').getByRole('radio').check();
  const webgpu = await lab.ocr(() => page.getByTestId('ocr-rerun').click());
  expect(webgpu.backend).toBe('webgpu');
  const texts = (run: typeof wasm) => run.result.lines.map((line) => line.text);
  console.log(`wasm: ${JSON.stringify(texts(wasm))} webgpu: ${JSON.stringify(texts(webgpu))}`);
  expect(texts(wasm).join(' ')).toContain('WebGPU');
  expect(texts(webgpu)).toEqual(texts(wasm));
  wasm.result.lines.forEach((line, index) => {
    expect(Math.abs((webgpu.result.lines[index]?.confidence ?? 0) - line.confidence)).toBeLessThan(0.01);
  });
});

test(`VAD on webgpu matches wasm: same segments, probabilities within ${PROBABILITY_TOLERANCE}`, async ({
  lab,
  page,
}) => {
  const truth = JSON.parse(
    readFileSync(new URL('./fixtures/speech-44k-stereo.json', import.meta.url), 'utf8'),
  ) as {
    file: string;
  };
  await openApp(page, '?task=vad&backend=wasm');
  const wasm = await lab.vad(() =>
    page
      .getByTestId('vad-file-input')
      .setInputFiles(new URL(`./fixtures/${truth.file}`, import.meta.url).pathname),
  );
  await page.getByTestId('backend-webgpu').getByRole('radio').check();
  const webgpu = await lab.vad(() => page.getByTestId('vad-rerun').click());
  expect(webgpu.backend).toBe('webgpu');
  expect(webgpu.result.segments).toEqual(wasm.result.segments);
  const wasmProbabilities = Array.from(wasm.result.probabilities);
  const gpuProbabilities = Array.from(webgpu.result.probabilities);
  expect(gpuProbabilities).toHaveLength(wasmProbabilities.length);
  const maxDifference = Math.max(
    ...wasmProbabilities.map((value, index) => Math.abs(value - (gpuProbabilities[index] ?? NaN))),
  );
  console.log(
    `VAD webgpu vs wasm: max |Δp| = ${maxDifference.toExponential(2)} over ${wasmProbabilities.length} frames`,
  );
  expect(maxDifference).toBeLessThanOrEqual(PROBABILITY_TOLERANCE);
});
