// The microphone path: Chromium's fake capture device plays e2e/fixtures/speech-16k.wav (see
// playwright.config.ts) into getUserMedia; recording it and running VAD must find the speech.
import { readFileSync } from 'node:fs';
import { expect, openApp, test } from './support/lab';

const truth = JSON.parse(readFileSync(new URL('./fixtures/speech-16k.json', import.meta.url), 'utf8')) as {
  durationS: number;
  segments: Array<{ startS: number; endS: number }>;
};

test('speech recorded from the (fake) microphone is found', async ({ lab, page }) => {
  await openApp(page, '?task=vad&backend=wasm');
  await page.getByTestId('vad-record').click();
  await expect(page.getByTestId('vad-record-stop')).toBeVisible();
  await page.waitForTimeout((truth.durationS + 0.8) * 1000);
  const run = await lab.vad(() => page.getByTestId('vad-record-stop').click());
  const speechS = run.result.segments.reduce((sum, segment) => sum + segment.endS - segment.startS, 0);
  const truthS = truth.segments.reduce((sum, segment) => sum + segment.endS - segment.startS, 0);
  console.log(
    `microphone: ${run.result.audio.durationS.toFixed(2)} s recorded, segments ${JSON.stringify(run.result.segments)}`,
  );
  expect(run.result.segments.length).toBeGreaterThanOrEqual(1);
  expect(speechS).toBeGreaterThan(truthS * 0.6);
  expect(speechS).toBeLessThan(truthS + 1.5);
});
