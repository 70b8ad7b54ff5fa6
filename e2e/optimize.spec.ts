// The optimizer in the app, end to end: make an fp16 variant of Silero VAD v5 in the Optimize view, run
// voice activity with it (every true segment found, within 150 ms as for the original), reload, and
// find it again, from IndexedDB, in the VAD picker, the benchmark (listed and measured) and the model
// cards with its lineage; then delete it.
import { readFileSync } from 'node:fs';
import type { BenchmarkRun } from '../src/bench/run-record';
import { VAD_MODELS } from '../src/tasks/vad/models';
import { expect, openApp, test } from './support/lab';

const PARENT = VAD_MODELS.find((model) => model.id === 'silero-vad-v5')!;
const VARIANT_ID = 'silero-vad-v5~fp16';
const TOLERANCE_S = 0.15;
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const truth = JSON.parse(readFileSync(fixture('speech-16k.json'), 'utf8')) as {
  readonly segments: ReadonlyArray<{ readonly startS: number; readonly endS: number }>;
};

test('an fp16 variant made in the app runs VAD, and after a reload is in the benchmark and the model cards', async ({
  lab,
  page,
}) => {
  test.setTimeout(600_000);
  await openApp(page, '?task=optimize&backend=wasm');
  await page.getByTestId('optimize-model').selectOption(PARENT.id);
  await page.getByTestId('optimize-method').selectOption('fp16');
  const status = page.getByTestId('optimize-status');
  await page.getByTestId('optimize-run').click();
  await expect(status).toHaveAttribute('data-finished', '1', { timeout: 300_000 });
  expect(await status.getAttribute('data-state'), await status.innerText()).toBe('done');

  const result = page.getByTestId('optimize-result');
  await expect(result).toHaveAttribute('data-variant', VARIANT_ID);
  const made = (await page.evaluate(() => window.onDeviceLab?.lastOptimize))!;
  const variantFile = made.record.files[0]!;
  // fp16 halves the float weights; the graph and the int64 / fp32 parts that stay are far smaller.
  expect(variantFile.bytes).toBeLessThan(PARENT.files[0]!.bytes * 0.75);
  expect(made.record.variant).toMatchObject({
    parentId: PARENT.id,
    parentSha256: PARENT.files[0]!.sha256,
    method: 'fp16',
  });
  await expect(page.getByTestId('optimize-sha256')).toHaveText(variantFile.sha256);
  await expect(
    page.getByTestId('optimize-report').locator('tr[data-outcome="converted"]').first(),
  ).toBeVisible();
  await expect(page.getByTestId(`optimize-variant-${VARIANT_ID}`)).toBeVisible();

  // The variant in the VAD view: same segments as the truth, its bytes read from this browser's store.
  await page.getByTestId('tab-vad').click();
  await page.getByTestId('vad-model').selectOption(VARIANT_ID);
  const run = await lab.vad(() =>
    page.getByTestId('vad-file-input').setInputFiles(fixture('speech-16k.wav').pathname),
  );
  expect(run.result.segments).toHaveLength(truth.segments.length);
  truth.segments.forEach((expected, index) => {
    const actual = run.result.segments[index]!;
    expect(Math.abs(actual.startS - expected.startS), `segment ${index + 1} start`).toBeLessThanOrEqual(
      TOLERANCE_S,
    );
    expect(Math.abs(actual.endS - expected.endS), `segment ${index + 1} end`).toBeLessThanOrEqual(
      TOLERANCE_S,
    );
  });
  expect(run.loads.map((load) => load.modelId)).toContain(VARIANT_ID);

  // After a reload the variant is still there: a link to it runs, the benchmark lists and measures it.
  await page.reload();
  await openApp(page, `?task=vad&backend=wasm&model=${encodeURIComponent(VARIANT_ID)}`);
  await expect(page.getByTestId('vad-model')).toHaveValue(VARIANT_ID);
  const again = await lab.vad(() => page.getByTestId('vad-sample').click());
  expect(again.result.segments.length).toBeGreaterThan(0);

  await page.goto(
    `./?task=bench&models=${encodeURIComponent(VARIANT_ID)},${PARENT.id}&backends=wasm-1t&warmup=1&runs=3&autostart=1`,
  );
  await expect(page.getByTestId(`bench-model-${VARIANT_ID}`)).toBeChecked();
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-state', 'done', { timeout: 300_000 });
  const bench = (await page.evaluate(() => window.onDeviceLab?.lastBenchmark)) as BenchmarkRun;
  const cell = bench.cells.find((candidate) => candidate.modelId === VARIANT_ID);
  expect(cell?.status, cell?.reason).toBe('ok');
  expect(cell?.phases?.fetchSource).toBe('indexeddb');

  // The model cards: the variant's card with its lineage and its size against its parent's.
  await openApp(page, '?task=models');
  const card = page.getByTestId(`model-card-${VARIANT_ID}`);
  await expect(card.getByTestId('lineage-parent')).toContainText(PARENT.id);
  await expect(card.getByTestId('lineage-parent')).toContainText(PARENT.files[0]!.sha256);
  await expect(card.getByTestId('lineage-method')).toHaveText('fp16');
  await expect(card.getByTestId('lineage-optimizer')).toContainText('version 1.0.0');
  await expect(card).toContainText(variantFile.sha256);
  await expect(card.getByTestId('model-size')).toContainText('of its parent’s 2.33 MB');
  await expect(card.getByTestId('model-license')).toHaveText(PARENT.license);

  // Deleting it removes it from the catalog, also after a reload.
  await openApp(page, '?task=optimize');
  await page.getByTestId(`optimize-delete-${VARIANT_ID}`).click();
  await expect(page.getByTestId('optimize-no-variants')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('env-threads')).toBeVisible();
  await expect(page.getByTestId('optimize-no-variants')).toBeVisible();
});

test('an fp16 variant of the OCR recognizer is offered in the OCR view and reads the sample image', async ({
  lab,
  page,
}) => {
  test.setTimeout(600_000);
  const variantId = 'ppocr-v4-rec~fp16';
  await openApp(page, '?task=optimize&backend=wasm');
  // The OCR view offers a choice of recognizer only once a variant exists.
  await page.getByTestId('tab-ocr').click();
  await expect(page.getByTestId('ocr-model-recognition')).toHaveCount(0);
  await page.getByTestId('tab-optimize').click();
  await page.getByTestId('optimize-model').selectOption('ppocr-v4-rec');
  await page.getByTestId('optimize-method').selectOption('fp16');
  const status = page.getByTestId('optimize-status');
  await page.getByTestId('optimize-run').click();
  await expect(status).toHaveAttribute('data-finished', '1', { timeout: 300_000 });
  expect(await status.getAttribute('data-state'), await status.innerText()).toBe('done');

  await page.getByTestId('tab-ocr').click();
  await page.getByTestId('ocr-model-recognition').selectOption(variantId);
  const run = await lab.ocr(() => page.getByTestId('ocr-sample').click());
  expect(run.loads.map((load) => load.modelId)).toContain(variantId);
  const text = run.result.lines.map((line) => line.text).join(' ');
  expect(text).toContain('On-Device Lab');
  expect(text).toMatch(/42\.50/);
});
