// Voice-activity detection end to end on wasm: espeak-ng speech with known silences
// (e2e/fixtures, made by scripts/make-test-audio.ts); every true segment must be found, with both
// boundaries within 150 ms, at 16 kHz mono and at 44.1 kHz stereo (resampled in the app).
import { readFileSync } from 'node:fs';
import { expect, openApp, test } from './support/lab';

interface Truth {
  readonly file: string;
  readonly segments: ReadonlyArray<{ readonly startS: number; readonly endS: number }>;
}

const TOLERANCE_S = 0.15;
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const truthOf = (name: string): Truth => JSON.parse(readFileSync(fixture(name), 'utf8')) as Truth;

for (const [truthFile, model] of [
  ['speech-16k.json', 'silero-vad-v5'],
  ['speech-44k-stereo.json', 'silero-vad-v5'],
  ['speech-16k.json', 'silero-vad-v6'],
  ['speech-16k.json', 'silero-vad-legacy'],
] as const) {
  const truth = truthOf(truthFile);
  test(`${model} finds every speech segment of ${truth.file} within 150 ms`, async ({ lab, page }) => {
    await openApp(page, `?task=vad&backend=wasm&model=${model}`);
    const run = await lab.vad(() =>
      page.getByTestId('vad-file-input').setInputFiles(fixture(truth.file).pathname),
    );
    const found = run.result.segments;
    console.log(
      `${model} on ${truth.file}: found ${JSON.stringify(found)} truth ${JSON.stringify(truth.segments)}`,
    );
    expect(found).toHaveLength(truth.segments.length);
    truth.segments.forEach((expected, index) => {
      const actual = found[index];
      expect(actual, `segment ${index + 1}`).toBeDefined();
      expect(Math.abs((actual?.startS ?? Infinity) - expected.startS)).toBeLessThanOrEqual(TOLERANCE_S);
      expect(Math.abs((actual?.endS ?? Infinity) - expected.endS)).toBeLessThanOrEqual(TOLERANCE_S);
    });
    await expect(page.getByTestId('vad-segments').locator('li')).toHaveCount(truth.segments.length);
    await expect(page.getByTestId('vad-plot').locator('canvas').first()).toBeVisible();
  });
}

test('the built-in sample clip runs from the app itself', async ({ lab, page }) => {
  await openApp(page, '?task=vad&backend=wasm');
  const run = await lab.vad(() => page.getByTestId('vad-sample').click());
  expect(run.result.segments.length).toBeGreaterThan(0);
  expect(run.result.probabilities.length).toBeGreaterThan(10);
});
