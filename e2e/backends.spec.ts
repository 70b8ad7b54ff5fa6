// What the page says about where it runs: cross-origin isolation and threads, and WebNN shown as
// unavailable with its reason — choosing it (even through the URL) is explained, never a crash.
import { expect, openApp, test } from './support/lab';

test('the page is cross-origin isolated and runs the thread count asked for', async ({ page }) => {
  await openApp(page, '?task=ocr&backend=wasm&threads=2');
  await expect(page.getByTestId('env-isolated')).toHaveText('yes');
  await expect(page.getByTestId('env-threads')).toHaveText('2');
  await expect(page.getByTestId('env-backend')).toContainText('WASM');
  await page.getByTestId('threads-select').selectOption('1');
  await expect(page.getByTestId('env-threads')).toHaveText('1');
  await expect(page).toHaveURL(/threads=1/);
});

test('WebNN is listed as unavailable with a reason and cannot be chosen', async ({ page }) => {
  await openApp(page, '?task=vad&backend=wasm');
  const webnn = page.getByTestId('backend-webnn');
  const available = await webnn.getAttribute('data-available');
  test.skip(available === 'true', 'this browser has a working WebNN backend');
  await expect(webnn.getByRole('radio')).toBeDisabled();
  const reason = await page.getByTestId('backend-webnn-reason').innerText();
  console.log(`WebNN: ${reason}`);
  expect(reason).toMatch(/WebNN/);
});

test('asking for WebNN in the URL explains why it cannot run, and the app keeps working', async ({
  lab,
  page,
}) => {
  await openApp(page, '?task=vad&backend=webnn');
  test.skip(
    (await page.getByTestId('backend-webnn').getAttribute('data-available')) === 'true',
    'WebNN works here',
  );
  const failure = await lab.failure('vad', () => page.getByTestId('vad-sample').click());
  console.log(`WebNN chosen through the URL: ${failure.message}`);
  expect(failure.kind).toBe('BackendUnavailableError');
  expect(failure.message).toContain('WebNN');
  await page.getByTestId('backend-wasm').getByRole('radio').check();
  const run = await lab.vad(() => page.getByTestId('vad-sample').click());
  expect(run.backend).toBe('wasm');
  expect(run.result.segments.length).toBeGreaterThan(0);
});
