// A model fetched with `npm run models:fetch` runs in the app: the fetch (from a local server that answers
// like the Hub, serving the project's tiny BERT under another name) writes it into the served folder, and
// a fresh page lists it in the text view, classifies with it (its files checked against the manifest's
// sha256 on the way) and shows its card with the Hub source and revision. Nothing leaves the origin.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeHub } from '../scripts/hub/fake-hub';
import { fetchHubModel } from '../scripts/hub/hub-fetch';
import { tinyBertFiles } from '../scripts/hf-models/tiny-bert';
import type { BenchmarkRun } from '../src/bench/run-record';
import { expect, openApp, test } from './support/lab';

const REPO = 'e2e-hub/tiny-bert';
const COMMIT = '0123456789abcdef0123456789abcdef01234567';
/** The folder `vite preview` serves the built app from. */
const SERVED_MODELS = join('dist', 'models');

test('a model fetched from a Hub runs in the text view and has a model card', async ({ lab, page }) => {
  const indexPath = join(SERVED_MODELS, 'index.json');
  const indexBefore = existsSync(indexPath) ? readFileSync(indexPath) : undefined;
  const hub = await startFakeHub(REPO, COMMIT, tinyBertFiles());
  try {
    await fetchHubModel({
      host: hub.host,
      repo: REPO,
      revision: 'main',
      dtypes: ['fp32'],
      modelsDir: SERVED_MODELS,
    });
    await openApp(page, '?task=classify&backend=wasm');
    const picker = page.getByTestId('classify-model');
    await expect(picker.locator(`option[value="${REPO}"]`)).toHaveCount(1);
    await picker.selectOption(REPO);
    await expect(page.getByTestId('classify-dtype').locator('option')).toHaveText(['fp32']);
    await page.getByTestId('classify-text').fill('a wonderful day\nbroken and slow');
    const response = await lab.classify(() => page.getByTestId('classify-run').click());
    expect(response.result.modelId).toBe(REPO);
    expect(response.result.results.map((row) => row.labels[0]?.label)).toEqual(['POSITIVE', 'NEGATIVE']);
    expect(lab.requests.some((url) => url.endsWith(`/models/${REPO}/onnx/model.onnx`))).toBe(true);

    await openApp(page, '?task=models');
    const card = page.getByTestId(`model-card-${REPO}`);
    await expect(card).toContainText('Hugging Face Hub');
    await expect(card).toContainText(COMMIT);
    await expect(card.getByTestId('model-license')).toHaveText('apache-2.0');
  } finally {
    await hub.close();
    rmSync(join(SERVED_MODELS, 'e2e-hub'), { recursive: true, force: true });
    if (indexBefore) writeFileSync(indexPath, indexBefore);
    else rmSync(indexPath, { force: true });
  }
});

test('a fetched embedding model is benchmarked per dtype, each compared with its wasm fp32 vectors', async ({
  page,
}) => {
  const repo = 'e2e-hub/tiny-embedder';
  const indexPath = join(SERVED_MODELS, 'index.json');
  const indexBefore = existsSync(indexPath) ? readFileSync(indexPath) : undefined;
  const hub = await startFakeHub(repo, COMMIT, tinyBertFiles());
  try {
    await fetchHubModel({
      host: hub.host,
      repo,
      revision: 'main',
      dtypes: ['fp32', 'fp16'],
      task: 'feature-extraction',
      modelsDir: SERVED_MODELS,
    });
    const subjects = [`${repo}:fp32`, `${repo}:fp16`];
    await page.goto(
      `./?task=bench&models=${subjects.join(',')}&backends=wasm-1t&warmup=1&runs=3&eval=0&autostart=1`,
    );
    await expect(page.getByTestId(`bench-model-${repo}:fp16`)).toBeChecked();
    await expect(page.getByTestId('bench-status')).toHaveAttribute('data-state', 'done', {
      timeout: 120_000,
    });
    const run = (await page.evaluate(() => window.onDeviceLab?.lastBenchmark)) as BenchmarkRun;
    expect(run.cells.map((cell) => [cell.modelId, cell.status])).toEqual([
      [`${repo}:fp32`, 'ok'],
      [`${repo}:fp16`, 'ok'],
    ]);
    expect(run.cells[0]?.inputDescription).toBe('8 passages of the built-in notes');
    const agreement = run.cells[1]?.agreement;
    expect(agreement?.referenceBackendId).toBe('wasm-1t fp32');
    // The fp16 file's vectors differ a little (half-precision weights) and point the same way.
    expect(agreement?.tensors[0]?.output).toBe('embeddings');
    expect(agreement?.tensors[0]?.maxAbsDiff).toBeGreaterThan(0);
    expect(agreement?.tensors[0]?.cosineSimilarity).toBeGreaterThan(0.999);
    expect(agreement?.taskLevel).toBe('3 of 3 texts get the same label');
  } finally {
    await hub.close();
    rmSync(join(SERVED_MODELS, 'e2e-hub'), { recursive: true, force: true });
    if (indexBefore) writeFileSync(indexPath, indexBefore);
    else rmSync(indexPath, { force: true });
  }
});
