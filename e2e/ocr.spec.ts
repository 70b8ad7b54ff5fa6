// OCR end to end on wasm: text rendered in the browser with known content goes in through the file
// picker; the recognised text must match it, and the UI thread must stay responsive meanwhile.
import { expect, openApp, test } from './support/lab';
import { renderTextImage } from './support/text-image';
import { characterAccuracy } from './support/text-metrics';

const CASES = [
  {
    name: 'pangrams-sans.png',
    lines: [
      'The quick brown fox jumps over the lazy dog.',
      'Pack my box with five dozen liquor jugs 1234567890',
    ],
    options: { fontSizePx: 30 },
  },
  {
    name: 'notice-serif.png',
    lines: [
      'Meeting moved to Thursday at 3:45 PM',
      'Room 12B, second floor, east wing',
      'Bring your laptop and charger',
    ],
    options: { fontFamily: "'DejaVu Serif', serif", fontSizePx: 24, color: '#1a237e', background: '#fffdf0' },
  },
  {
    name: 'terminal-dark-mono.png',
    lines: ['$ npm run build', 'built in 812 ms, 3 files written', 'warning: 2 unused exports'],
    options: {
      fontFamily: "'DejaVu Sans Mono', monospace",
      fontSizePx: 22,
      color: '#e8e8e8',
      background: '#1e1e1e',
      lineHeight: 1.25,
    },
  },
] as const;

for (const sample of CASES) {
  test(`reads ${sample.name} on wasm with at least 95% character accuracy`, async ({
    lab,
    page,
    context,
  }) => {
    const png = await renderTextImage(context, sample.lines, sample.options);
    await openApp(page, '?task=ocr&backend=wasm&threads=2');
    const run = await lab.ocr(() =>
      page
        .getByTestId('ocr-file-input')
        .setInputFiles({ name: sample.name, mimeType: 'image/png', buffer: png }),
    );
    const recognised = run.result.lines.map((line) => line.text).join('\n');
    const accuracy = characterAccuracy(sample.lines.join('\n'), recognised);
    console.log(`${sample.name}: accuracy ${(accuracy * 100).toFixed(1)}%, recognised:\n${recognised}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
    expect(run.backend).toBe('wasm');
    expect(run.runtime.threads).toBe(2);
    await expect(page.getByTestId('ocr-line-text')).toHaveCount(run.result.lines.length);
    await expect(page.getByTestId('ocr-boxes').locator('polygon')).toHaveCount(run.result.lines.length);
    // Inference ran in the worker: the page itself loaded no runtime file. (The longest main-thread
    // task is printed, not asserted: a timing on a shared 2-core runner flakes.)
    expect(run.result.timings.inference?.detectMs).toBeGreaterThan(0);
    expect(await lab.mainThreadRuntimeFiles()).toEqual([]);
    const longest = await lab.longestLongTaskMs();
    console.log(`${sample.name}: longest main-thread long task during the run: ${longest.toFixed(0)} ms`);
  });
}

test('the built-in sample image is read from the app itself', async ({ lab, page }) => {
  await openApp(page, '?task=ocr&backend=wasm');
  const run = await lab.ocr(() => page.getByTestId('ocr-sample').click());
  const text = run.result.lines.map((line) => line.text).join(' ');
  expect(text).toContain('On-Device Lab');
  expect(text).toMatch(/42\.50/);
  for (const stage of ['preprocessMs', 'detectMs', 'recognizeMs', 'totalMs'] as const) {
    expect(run.result.timings[stage]).toBeGreaterThan(0);
  }
  await expect(page.getByTestId('ocr-timings')).toContainText('Detection');
});
