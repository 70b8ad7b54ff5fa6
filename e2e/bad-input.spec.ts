// Bad input gets a message naming the problem, and the app keeps working: what the user loaded
// before stays on screen and the next good input runs. Each case is made at test time.
import { readFileSync } from 'node:fs';
import { makeGrayPng, makeHugePng, makeTextFile, truncate } from '../scripts/make-bad-inputs';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/lab';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

test('OCR refuses a text file, a truncated PNG and a 12000×12000 image, and keeps working', async ({
  lab,
  page,
}) => {
  await openApp(page, '?task=ocr&backend=wasm');
  const first = await lab.ocr(() => page.getByTestId('ocr-sample').click());
  expect(first.result.lines.length).toBeGreaterThan(0);

  const samplePng = readFileSync(new URL('../public/samples/ocr-sample.png', import.meta.url));
  const badInputs = [
    { name: 'notes.png', mimeType: 'image/png', buffer: makeTextFile(), message: /not an image/ },
    { name: 'cut.png', mimeType: 'image/png', buffer: truncate(samplePng, 0.5), message: /truncated/ },
    { name: 'huge.png', mimeType: 'image/png', buffer: makeHugePng(12000, 12000), message: /12000×12000/ },
  ];
  for (const input of badInputs) {
    const failure = await lab.failure('ocr', () => page.getByTestId('ocr-file-input').setInputFiles(input));
    console.log(`${input.name}: ${failure.message}`);
    expect(failure.kind).toBe('InvalidInputError');
    expect(failure.message).toContain(input.name);
    expect(failure.message).toMatch(input.message);
    // What the user loaded before is still there.
    await expect(page.getByTestId('ocr-result')).toBeVisible();
    await expect(page.getByTestId('ocr-line-text').first()).toHaveText(first.result.lines[0]?.text ?? '');
  }

  const blank = await lab.ocr(() =>
    page.getByTestId('ocr-file-input').setInputFiles({
      name: 'blank.png',
      mimeType: 'image/png',
      buffer: makeGrayPng(200, 80, { pixel: () => 255 }),
    }),
  );
  expect(blank.result.lines).toEqual([]);
  await expect(page.getByTestId('ocr-result')).toContainText('No text was found');
});

test('VAD explains empty and silent audio, and keeps working', async ({ lab, page }) => {
  await openApp(page, '?task=vad&backend=wasm');
  const upload = (file: Parameters<Page['setInputFiles']>[1]) => () =>
    page.getByTestId('vad-file-input').setInputFiles(file);
  const zeroBytes = await lab.failure(
    'vad',
    upload({ name: 'nothing.wav', mimeType: 'audio/wav', buffer: Buffer.alloc(0) }),
  );
  console.log(`nothing.wav (0 bytes): ${zeroBytes.message}`);
  expect(zeroBytes.kind).toBe('InvalidInputError');
  expect(zeroBytes.message).toContain('nothing.wav');

  const noSamples = await lab.failure('vad', upload(fixture('empty.wav')));
  console.log(`empty.wav (header, no samples): ${noSamples.message}`);
  expect(noSamples.kind).toBe('InvalidInputError');
  expect(noSamples.message).toContain('empty.wav');
  expect(noSamples.message).toContain('no audio samples');

  const silent = await lab.vad(() =>
    page.getByTestId('vad-file-input').setInputFiles(fixture('silence-16k.wav')),
  );
  expect(silent.result.audio.silent).toBe(true);
  expect(silent.result.segments).toEqual([]);
  await expect(page.getByTestId('vad-silent')).toBeVisible();

  const speech = await lab.vad(() =>
    page.getByTestId('vad-file-input').setInputFiles(fixture('speech-16k.wav')),
  );
  expect(speech.result.segments.length).toBeGreaterThan(0);
});

test('a model file whose sha256 does not match is refused; the next run works', async ({ lab, page }) => {
  const modelUrl = '**/models/silero-vad-v5/model.onnx';
  await page.route(modelUrl, async (route) => {
    const response = await route.fetch();
    const bytes = Buffer.from(await response.body());
    const middle = bytes.length >> 1;
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    await route.fulfill({ response, body: bytes });
  });
  await openApp(page, '?task=vad&backend=wasm&model=silero-vad-v5');
  const failure = await lab.failure('vad', () => page.getByTestId('vad-sample').click());
  console.log(`tampered model: ${failure.message}`);
  expect(failure.kind).toBe('ModelIntegrityError');
  expect(failure.message).toContain('sha256');
  expect(failure.message).toContain('silero-vad-v5');

  await page.unroute(modelUrl);
  const run = await lab.vad(() => page.getByTestId('vad-sample').click());
  expect(run.result.segments.length).toBeGreaterThan(0);
});
