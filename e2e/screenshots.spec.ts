// Takes the README's screenshots from the real app (docs/screenshots/). Skipped in `npm test`; run
// `npm run screenshots` after a visible change and commit the PNGs.
import { expect, openApp, test } from './support/lab';

test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 (npm run screenshots) to refresh the README images');
test.use({ viewport: { width: 1280, height: 900 } });

test('OCR view', async ({ lab, page }) => {
  await openApp(page, '?task=ocr&backend=wasm&threads=2');
  await lab.ocr(() => page.getByTestId('ocr-sample').click());
  await page.getByTestId('ocr-lines').locator('li').nth(1).hover();
  await page.screenshot({ path: 'docs/screenshots/ocr.png', fullPage: true });
});

test('voice-activity view', async ({ lab, page }) => {
  await openApp(page, '?task=vad&backend=wasm&threads=1&model=silero-vad-v5');
  await lab.vad(() => page.getByTestId('vad-sample').click());
  await expect(page.getByTestId('vad-plot').locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/vad.png', fullPage: true });
});

test('text-classification view', async ({ lab, page }) => {
  await openApp(page, '?task=classify&backend=wasm&threads=2');
  await lab.classify(() => page.getByTestId('classify-run').click());
  await page.screenshot({ path: 'docs/screenshots/classify.png', fullPage: true });
});

test('semantic-search view', async ({ lab, page }) => {
  await openApp(page, '?task=search&backend=wasm&threads=2');
  await lab.search(() => page.getByTestId('search-run').click());
  await page.screenshot({ path: 'docs/screenshots/search.png', fullPage: true });
});

test('generate view', async ({ lab, page }) => {
  await openApp(page, '?task=generate&backend=wasm&threads=2');
  await page.getByTestId('generate-prompt').fill('countdown');
  await lab.generate(() => page.getByTestId('generate-run').click());
  await page.screenshot({ path: 'docs/screenshots/generate.png', fullPage: true });
});

test('image-classification view', async ({ lab, page }) => {
  await openApp(page, '?task=image&backend=wasm&threads=2');
  await lab.image(() => page.getByTestId('image-sample-sunset').click());
  await page.screenshot({ path: 'docs/screenshots/image.png', fullPage: true });
});

test('benchmark panel', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(
    './?task=bench&models=ppocr-mobile-v2-cls,silero-vad-v5,silero-vad-v6,silero-vad-legacy&backends=wasm-1t,wasm-2t,webgpu&warmup=2&runs=15&eval=0&autostart=1',
  );
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-state', 'done', { timeout: 280_000 });
  await page
    .getByTestId('bench-output')
    .locator('details')
    .first()
    .evaluate((element) => element.setAttribute('open', ''));
  await page.screenshot({ path: 'docs/screenshots/bench.png', fullPage: true });
});

test('model cards', async ({ page }) => {
  await openApp(page, '?task=models');
  await expect(page.getByTestId('model-card-silero-vad-v5')).toContainText('MIT');
  await page.screenshot({ path: 'docs/screenshots/models.png', fullPage: false });
});

test('optimize view and the accuracy chart of a model and its variants', async ({ page }) => {
  test.setTimeout(300_000);
  await openApp(page, '?task=optimize&backend=wasm&threads=2');
  await page.getByTestId('optimize-model').selectOption('ppocr-v4-rec');
  await page.getByTestId('optimize-method').selectOption('int8-static');
  await page.getByTestId('optimize-run').click();
  await expect(page.getByTestId('optimize-result')).toHaveAttribute(
    'data-variant',
    'ppocr-v4-rec~int8-static',
    {
      timeout: 120_000,
    },
  );
  await page.screenshot({ path: 'docs/screenshots/optimize.png', fullPage: true });
  await page.getByTestId('optimize-method').selectOption('fp16');
  await page.getByTestId('optimize-run').click();
  await expect(page.getByTestId('optimize-result')).toHaveAttribute('data-variant', 'ppocr-v4-rec~fp16', {
    timeout: 120_000,
  });
  await page.goto(
    './?task=bench&models=ppocr-v4-rec,ppocr-v4-rec~fp16,ppocr-v4-rec~int8-static&backends=wasm-1t,wasm-2t&warmup=2&runs=15&autostart=1',
  );
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-state', 'done', { timeout: 280_000 });
  await page.getByTestId('accuracy-chart-ppocr-v4-rec').screenshot({ path: 'docs/screenshots/accuracy.png' });
});
