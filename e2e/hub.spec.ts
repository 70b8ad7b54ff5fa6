// The Hugging Face Hub switch in the built app, with no real network: the test itself answers for
// https://huggingface.co (context.route also intercepts the inference worker's requests in this
// Chromium), serving the generated tiny sentiment model in the Hub's resolve/ layout under a made-up
// repository. Checks: off refuses a Hub model with the message and nothing leaves the origin; on, the
// model loads from "the Hub" with per-file progress, its files' sha256 (computed, not verified) are the
// ones the project knows, it classifies; the cache panel lists the files, a second load reads them
// from the cache (hits, no download), Clear empties it; a missing repo and a dead network say so; and
// the served Content-Security-Policy allows only the origin and the Hub's hosts.
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { DEFAULT_HUB_HOST, hubHosts } from '../src/core/hub';
import { TINY_BERT_SENTIMENT } from '../src/tasks/text-classification/models';
import { expect, openApp, test, type LabPage } from './support/lab';

const HUB_ORIGINS = hubHosts().origins;
test.use({ allowedOrigins: HUB_ORIGINS });

const REPO = 'test-org/tiny-bert-sentiment';
const RESOLVE = `${DEFAULT_HUB_HOST}/${REPO}/resolve/main/`;
const MODEL_DIR = new URL('../public/models/tiny-bert-sentiment/', import.meta.url);
/** The files a fp32 text-classification load reads, with their known sha256 and size. */
const FP32_FILES = TINY_BERT_SENTIMENT.files.filter((file) => file.name !== 'onnx/model_fp16.onnx');

interface FakeHub {
  /** Full downloads (GET without Range) served, by path in the repo. */
  readonly downloads: string[];
  /** Every request the fake Hub saw. */
  readonly requests: string[];
}

/**
 * Answers https://huggingface.co/** like the Hub: files of REPO at main, 404 otherwise. `holdModel` keeps
 * the ONNX file's download waiting until it settles, so the test sees the load in progress.
 */
async function serveFakeHub(
  context: BrowserContext,
  options: { offline?: boolean; holdModel?: Promise<void> } = {},
): Promise<FakeHub> {
  const hub: FakeHub = { downloads: [], requests: [] };
  await context.route(`${DEFAULT_HUB_HOST}/**`, async (route) => {
    const request = route.request();
    hub.requests.push(request.url());
    if (options.offline) return route.abort('internetdisconnected');
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Content-Range' };
    const name = request.url().startsWith(RESOLVE) ? request.url().slice(RESOLVE.length) : undefined;
    const file = TINY_BERT_SENTIMENT.files.find((candidate) => candidate.name === name);
    if (!file) return route.fulfill({ status: 404, body: 'Entry not found', headers: cors });
    const body = readFileSync(new URL(file.name, MODEL_DIR));
    const range = (await request.allHeaders()).range;
    if (range === 'bytes=0-0')
      return route.fulfill({
        status: 206,
        body: body.subarray(0, 1),
        headers: { ...cors, 'Content-Range': `bytes 0-0/${body.byteLength}` },
      });
    hub.downloads.push(file.name);
    if (file.role === 'model') await options.holdModel;
    return route.fulfill({
      status: 200,
      body,
      headers: { ...cors, 'Content-Length': String(body.byteLength) },
    });
  });
  return hub;
}

async function addHubModel(page: Page, repo: string) {
  await page.getByTestId('classify-hub-repo').fill(repo);
  await page.getByTestId('classify-hub-dtype').selectOption('fp32');
  await page.getByTestId('classify-hub-add').click();
}

const LINES = ['What a great phone', 'The worst battery, so slow'];

async function classifyWithHubModel(lab: LabPage) {
  const { page } = lab;
  await addHubModel(page, `${REPO}@main`);
  await expect(page.getByTestId('classify-model')).toHaveValue(`hub:${REPO}@main`);
  await page.getByTestId('classify-text').fill(LINES.join('\n'));
  return lab.classify(() => page.getByTestId('classify-run').click());
}

async function openModelCards(page: Page) {
  await page.getByTestId('tab-models').click();
  await expect(page.getByTestId('hub-cache-summary')).toBeVisible();
}

test('with the Hub off, a Hub model is refused with what to do, and nothing leaves the origin', async ({
  lab,
  page,
  context,
  baseURL,
}) => {
  const hub = await serveFakeHub(context);
  await openApp(page, '?task=classify&backend=wasm');
  await expect(page.getByTestId('hub-switch')).not.toBeChecked();
  await expect(page.getByTestId('hub-host')).toHaveText(DEFAULT_HUB_HOST);
  await addHubModel(page, REPO);
  const error = page.getByTestId('classify-hub-error');
  await expect(error).toHaveAttribute('data-kind', 'NetworkBlockedError');
  await expect(error).toContainText(`${REPO} is on the Hugging Face Hub`);
  await expect(error).toContainText('turn on "Hugging Face Hub"');
  expect(hub.requests).toEqual([]);
  const origin = new URL(baseURL ?? '').origin;
  expect(lab.requests.filter((url) => url.startsWith('http') && new URL(url).origin !== origin)).toEqual([]);
});

test('with the Hub on, a Hub model loads with per-file progress, classifies, and is cached for the next load', async ({
  lab,
  page,
  context,
}) => {
  let releaseModel = () => {};
  const holdModel = new Promise<void>((resolve) => (releaseModel = resolve));
  const hub = await serveFakeHub(context, { holdModel });
  await openApp(page, '?task=classify&backend=wasm');
  await page.getByTestId('hub-switch').check();
  await expect(page.getByTestId('hub-setting')).toContainText('which see your IP address');

  // Progress per file shows while the model is prepared: config.json done, the ONNX file still coming.
  await addHubModel(page, `${REPO}@main`);
  const progress = (file: string) => page.locator(`[data-testid="file-progress-row"][data-file="${file}"]`);
  await expect(progress('config.json')).toHaveAttribute('data-done', 'true');
  await expect(progress('onnx/model.onnx')).toHaveAttribute('data-done', 'false');
  releaseModel();
  const response = await classifyWithHubModel(lab);
  expect(response.result.modelId).toBe(`hub:${REPO}@main`);
  expect(response.result.results.map((row) => row.labels[0]?.label)).toEqual(['POSITIVE', 'NEGATIVE']);
  expect([...hub.downloads].sort()).toEqual(FP32_FILES.map((file) => file.name).sort());

  // Each file read is shown with its sha256, computed and marked not verified: the project knows the right ones.
  const rows = page.getByTestId('classify-files-row');
  await expect(rows).toHaveCount(FP32_FILES.length);
  for (const file of FP32_FILES) {
    const row = page.locator(`[data-testid="classify-files-row"][data-file="${file.name}"]`);
    await expect(row).toHaveAttribute('data-sha256', file.sha256);
    await expect(row).toHaveAttribute('data-pinned', 'false');
    await expect(row).toHaveAttribute('data-cache', 'miss');
  }
  await expect(page.getByTestId('classify-files')).toContainText('not verified against a manifest');

  await openModelCards(page);
  const cached = await page
    .getByTestId('hub-cache-file')
    .evaluateAll((items) =>
      items.map((item) => [item.getAttribute('data-url'), item.getAttribute('data-bytes')]),
    );
  expect(cached.sort()).toEqual(
    FP32_FILES.map((file) => [`${RESOLVE}${file.name}`, String(file.bytes)]).sort(),
  );
  await expect(page.getByTestId('hub-cache-last-row')).toHaveCount(FP32_FILES.length);
  for (const cache of await page
    .getByTestId('hub-cache-last-row')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-cache'))))
    expect(cache).toBe('miss');

  // A new page (new worker, the switch remembered): the files come from the cache, none is downloaded.
  await page.reload();
  await expect(page.getByTestId('env-threads')).toBeVisible();
  await page.getByTestId('tab-classify').click();
  await expect(page.getByTestId('hub-switch')).toBeChecked();
  const before = hub.downloads.length;
  const again = await classifyWithHubModel(lab);
  expect(again.result.results.map((row) => row.labels[0]?.label)).toEqual(['POSITIVE', 'NEGATIVE']);
  expect(hub.downloads.length).toBe(before);
  await openModelCards(page);
  const hits = await page
    .getByTestId('hub-cache-last-row')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-cache')));
  expect(hits).toEqual(FP32_FILES.map(() => 'hit'));

  await page.getByTestId('hub-cache-clear').click();
  await expect(page.getByTestId('hub-cache-summary')).toHaveAttribute('data-files', '0');
  await expect(page.getByTestId('hub-cache-file')).toHaveCount(0);
});

test('a repository the Hub does not have, and a dead network, fail with messages that say so', async ({
  lab,
  page,
  context,
}) => {
  await serveFakeHub(context);
  await openApp(page, '?task=classify&backend=wasm');
  await page.getByTestId('hub-switch').check();
  await addHubModel(page, 'test-org/missing-model');
  const missing = await lab.failure('classify', () => page.getByTestId('classify-run').click());
  expect(missing.kind).toBe('ModelLoadError');
  expect(missing.message).toContain('test-org/missing-model at revision main has no file config.json');

  await context.unroute(`${DEFAULT_HUB_HOST}/**`);
  await serveFakeHub(context, { offline: true });
  await addHubModel(page, 'test-org/offline-model');
  const offline = await lab.failure('classify', () => page.getByTestId('classify-run').click());
  expect(offline.kind).toBe('ModelLoadError');
  expect(offline.message).toMatch(/Could not reach https:\/\/huggingface\.co .*network seems to be down/);
});

test('the served Content-Security-Policy connects only to the origin and the Hub hosts', async ({ page }) => {
  const response = await page.request.get('./');
  const policy = response.headers()['content-security-policy'] ?? '';
  const connect = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([name]) => name === 'connect-src');
  expect(connect?.slice(1)).toEqual(["'self'", ...HUB_ORIGINS]);
  expect(policy).toContain("default-src 'self'");
});
