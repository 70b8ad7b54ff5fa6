// The optimizer on a Transformers.js model, in the app: make the 4-bit variant of the tiny sentiment
// model in the Optimize view (its config and tokenizer are the parent's, its one model file
// onnx/model_q4.onnx), classify text with it (the labels the lexicon gives), reload, and find it, from
// IndexedDB, in the classify picker, the benchmark (measured, scored against the parent's fp32) and the
// model cards with its lineage. And its int8-static variant, calibrated (min-max) on the task's
// calibration sentences through the model's own tokenizer: onnx/model_int8.onnx, dtype int8, the same
// labels. int8 static stays refused, with the reason, for a Transformers.js task without calibration
// inputs (image classification). The fixture checks no request left the origin.
import type { BenchmarkRun } from '../src/bench/run-record';
import { TINY_BERT_SENTIMENT as PARENT } from '../src/tasks/text-classification/models';
import { expect, openApp, test } from './support/lab';

const VARIANT_ID = 'tiny-bert-sentiment~q4';
const SUBJECT = `${VARIANT_ID}:q4`;
const PARENT_FP32 = PARENT.files.find((file) => file.name === 'onnx/model.onnx')!;

test('a 4-bit variant of the tiny sentiment model made in the app classifies text, and after a reload is in the benchmark and the model cards', async ({
  lab,
  page,
}) => {
  test.setTimeout(300_000);
  await openApp(page, '?task=optimize&backend=wasm');
  // int8 static chosen for an ONNX Runtime model falls back to fp16 when a Transformers.js model whose
  // task has no calibration inputs is chosen, and says why; the text classifier is offered it.
  await page.getByTestId('optimize-method').selectOption('int8-static');
  await page.getByTestId('optimize-model').selectOption('tiny-image-classifier');
  await expect(page.getByTestId('optimize-method')).toHaveValue('fp16');
  const int8Static = page.getByTestId('optimize-method').locator('option[value="int8-static"]');
  await expect(int8Static).toBeDisabled();
  await expect(int8Static).toContainText(/needs calibration inputs, and the [a-z-]+ task has none/);
  await page.getByTestId('optimize-model').selectOption(PARENT.id);
  await expect(int8Static).toBeEnabled();
  await page.getByTestId('optimize-method').selectOption('q4');
  const status = page.getByTestId('optimize-status');
  await page.getByTestId('optimize-run').click();
  await expect(status).toHaveAttribute('data-finished', '1', { timeout: 120_000 });
  expect(await status.getAttribute('data-state'), await status.innerText()).toBe('done');
  await expect(page.getByTestId('optimize-result')).toHaveAttribute('data-variant', VARIANT_ID);

  const made = (await page.evaluate(() => window.onDeviceLab?.lastOptimize))!;
  const shared = PARENT.files.filter((file) => file.role !== 'model');
  expect(made.record.files.slice(0, -1)).toEqual(shared);
  const variantFile = made.record.files.at(-1)!;
  expect(variantFile).toMatchObject({ name: 'onnx/model_q4.onnx', role: 'model', dtype: 'q4' });
  expect(variantFile.bytes).toBeLessThan(PARENT_FP32.bytes);
  expect(made.record.variant).toMatchObject({
    parentId: PARENT.id,
    parentSha256: PARENT_FP32.sha256,
    method: 'q4',
  });
  await expect(page.getByTestId('optimize-sha256')).toHaveText(variantFile.sha256);

  // The variant in the Classify text view, in its one precision.
  await page.getByTestId('tab-classify').click();
  await page.getByTestId('classify-model').selectOption(VARIANT_ID);
  await expect(page.getByTestId('classify-dtype').locator('option')).toHaveText(['q4']);
  await page.getByTestId('classify-text').fill('a wonderful day\nbroken and slow');
  const response = await lab.classify(() => page.getByTestId('classify-run').click());
  expect(response.result.modelId).toBe(VARIANT_ID);
  expect(response.result.dtype).toBe('q4');
  expect(response.result.results.map((row) => row.labels[0]?.label)).toEqual(['POSITIVE', 'NEGATIVE']);
  // Its model file came from this browser's store, its config from the parent's folder; nothing was
  // asked for under the variant's own id.
  expect(lab.requests.filter((url) => url.includes(`/models/${VARIANT_ID}/`))).toEqual([]);
  expect(lab.requests.some((url) => url.endsWith(`/models/${PARENT.id}/config.json`))).toBe(true);

  // After a reload: the benchmark lists and measures it, scored against the parent's fp32.
  await page.reload();
  await expect(page.getByTestId('env-threads')).toBeVisible();
  const parentSubject = `${PARENT.id}:fp32`;
  await page.goto(
    `./?task=bench&models=${encodeURIComponent(SUBJECT)},${encodeURIComponent(parentSubject)}&backends=wasm-1t&warmup=1&runs=3&autostart=1`,
  );
  await expect(page.getByTestId(`bench-model-${SUBJECT}`)).toBeChecked();
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  const bench = (await page.evaluate(() => window.onDeviceLab?.lastBenchmark)) as BenchmarkRun;
  const cell = bench.cells.find((candidate) => candidate.modelId === SUBJECT);
  expect(cell?.status, cell?.reason).toBe('ok');
  expect(cell?.evaluation?.error).toBeUndefined();
  expect(cell?.evaluation?.reference).toBe(`${parentSubject} on wasm-1t`);
  expect(typeof cell?.evaluation?.deltaPoints).toBe('number');

  // The model cards: the variant's card with its lineage and files.
  await openApp(page, '?task=models');
  const card = page.getByTestId(`model-card-${VARIANT_ID}`);
  await expect(card.getByTestId('lineage-parent')).toContainText(PARENT.id);
  await expect(card.getByTestId('lineage-parent')).toContainText(PARENT_FP32.sha256);
  await expect(card.getByTestId('lineage-method')).toHaveText('4-bit');
  await expect(card).toContainText('onnx/model_q4.onnx');
  await expect(card).toContainText(variantFile.sha256);
  await expect(card.getByTestId('model-license')).toHaveText(PARENT.license);

  // Deleting it removes it from the catalog.
  await openApp(page, '?task=optimize');
  await page.getByTestId(`optimize-delete-${VARIANT_ID}`).click();
  await expect(page.getByTestId(`optimize-variant-${VARIANT_ID}`)).toHaveCount(0);
});

test('an int8-static variant of the tiny sentiment model, calibrated through its tokenizer in the app, classifies text', async ({
  lab,
  page,
}) => {
  test.setTimeout(180_000);
  const variantId = 'tiny-bert-sentiment~int8-static';
  await openApp(page, '?task=optimize&backend=wasm');
  await page.getByTestId('optimize-model').selectOption(PARENT.id);
  await page.getByTestId('optimize-method').selectOption('int8-static');
  await page.getByTestId('optimize-calibration-method').selectOption('minmax');
  await page.getByTestId('optimize-samples').fill('16');
  const status = page.getByTestId('optimize-status');
  await page.getByTestId('optimize-run').click();
  await expect(status).toHaveAttribute('data-finished', '1', { timeout: 120_000 });
  expect(await status.getAttribute('data-state'), await status.innerText()).toBe('done');
  await expect(page.getByTestId('optimize-result')).toHaveAttribute('data-variant', variantId);

  const made = (await page.evaluate(() => window.onDeviceLab?.lastOptimize))!;
  expect(made.record.files.at(-1)).toMatchObject({
    name: 'onnx/model_int8.onnx',
    role: 'model',
    dtype: 'int8',
  });
  expect(made.record.variant?.calibration).toMatchObject({ method: 'minmax', samples: 16 });
  expect(made.record.variant?.calibration?.data).toMatch(
    /16 sentences .* through the model's tokenizer, calibration split/,
  );
  // Its MatMuls are quantized (QDQ); Gather and LayerNormalization stay float.
  expect(made.report.converted['MatMul']).toBeGreaterThan(0);

  await page.getByTestId('tab-classify').click();
  await page.getByTestId('classify-model').selectOption(variantId);
  await expect(page.getByTestId('classify-dtype').locator('option')).toHaveText(['int8']);
  await page.getByTestId('classify-text').fill('a wonderful day\nbroken and slow');
  const response = await lab.classify(() => page.getByTestId('classify-run').click());
  expect(response.result.modelId).toBe(variantId);
  expect(response.result.dtype).toBe('int8');
  expect(response.result.results.map((row) => row.labels[0]?.label)).toEqual(['POSITIVE', 'NEGATIVE']);

  await openApp(page, '?task=optimize');
  await page.getByTestId(`optimize-delete-${variantId}`).click();
  await expect(page.getByTestId(`optimize-variant-${variantId}`)).toHaveCount(0);
});
