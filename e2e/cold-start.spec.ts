// The page gets the current task ready by itself: once the worker is up, the OCR models are loaded
// without a click, the milestones are recorded on window.onDeviceLab.coldStart in order, and on a
// reload the models come from the browser's model cache instead of the network. The sessions are made
// from the pre-optimized copies prepare-models writes (model.basic.onnx), not the published files.
import { builtinCatalog } from '../src/tasks';
import { expect, test } from './support/lab';

const OCR_MODELS = ['ppocr-v4-det', 'ppocr-v4-rec'];

test('the OCR models are prepared without a click, and come from the model cache after a reload', async ({
  lab,
  page,
}) => {
  await page.goto('./?task=ocr&backend=wasm');
  const prepared = () =>
    page.waitForFunction(() => window.onDeviceLab?.coldStart?.prepared !== undefined, undefined, {
      timeout: 120_000,
    });
  await prepared();
  const fresh = await page.evaluate(() => window.onDeviceLab?.coldStart);
  console.log(`fresh: ${JSON.stringify(fresh)}`);
  expect(fresh?.engineReady).toBeGreaterThan(0);
  expect(fresh?.prepared).toBeGreaterThan(fresh?.engineReady ?? Infinity);
  expect(fresh?.firstResult).toBeUndefined();
  expect(fresh?.preparedLoads?.map((load) => [load.modelId, load.source])).toEqual(
    OCR_MODELS.map((id) => [id, 'network']),
  );
  const optimizedBytes = (id: string) =>
    builtinCatalog()
      .get(id)
      .files.find((file) => file.role === 'optimized-model')?.bytes;
  expect(fresh?.preparedLoads?.map((load) => load.bytes)).toEqual(OCR_MODELS.map(optimizedBytes));
  await expect(page.getByTestId('ocr-preparing')).toHaveCount(0);

  // A run now reuses the prepared sessions.
  const run = await lab.ocr(() => page.getByTestId('ocr-sample').click());
  expect(run.loads.map((load) => [load.modelId, load.reusedSession])).toEqual(
    OCR_MODELS.map((id) => [id, true]),
  );
  const afterRun = await page.evaluate(() => window.onDeviceLab?.coldStart);
  expect(afterRun?.firstResult).toBeGreaterThan(afterRun?.prepared ?? Infinity);

  await page.reload();
  await prepared();
  const reloaded = await page.evaluate(() => window.onDeviceLab?.coldStart);
  console.log(`reload: ${JSON.stringify(reloaded)}`);
  expect(reloaded?.preparedLoads?.map((load) => [load.modelId, load.source])).toEqual(
    OCR_MODELS.map((id) => [id, 'cache-storage']),
  );
  const modelRequests = lab.requests.filter((url) => url.includes('/models/') && url.endsWith('.onnx'));
  // One download per model in the first visit, of the pre-optimized copy only; none after the reload.
  expect(modelRequests.filter((url) => url.includes('ppocr-v4-rec'))).toEqual([
    expect.stringMatching(/ppocr-v4-rec\/model\.basic\.onnx$/),
  ]);
});
