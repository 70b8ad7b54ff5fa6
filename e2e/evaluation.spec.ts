// Accuracy in the benchmark, end to end: a real benchmark of the OCR models, Silero VAD v5 and the tiny
// text classifier, decoder and image classifier on wasm records each cell's evaluation on its task's
// generated set (lines and pages drawn in the worker, spliced speech clips, labelled sentences, counting
// prompts, colour swatches), with plausible values for the fp32 models, and the fp16 dtypes scored
// against their fp32 cells ("Δ vs fp32"); the panel shows each in its accuracy column and on its model's
// chart.
import type { BenchmarkRun } from '../src/bench/run-record';
import { expect, test } from './support/lab';

const MODELS = [
  'ppocr-v4-rec',
  'ppocr-v4-det',
  'ppocr-mobile-v2-cls',
  'silero-vad-v5',
  'tiny-bert-sentiment:fp32',
  'tiny-bert-sentiment:fp16',
  'tiny-decoder:fp32',
  'tiny-image-classifier:fp32',
  'tiny-image-classifier:fp16',
];

/** Headline floors for the fp32 models on their sets, below which the set or the scoring is broken. */
const FLOORS: Record<string, { metric: string; min: number }> = {
  'ppocr-v4-rec': { metric: 'character accuracy', min: 0.9 },
  'ppocr-v4-det': { metric: 'line-box recall (IoU ≥ 0.5)', min: 0.8 },
  'ppocr-mobile-v2-cls': { metric: 'orientation accuracy', min: 0.8 },
  'silero-vad-v5': { metric: 'frame agreement with the truth', min: 0.8 },
  // Generated, not trained: it counts lexicon words, which most of the sentences use.
  'tiny-bert-sentiment:fp32': { metric: 'label accuracy', min: 0.7 },
  // Generated to count: it continues every counting prompt as a person would.
  'tiny-decoder:fp32': { metric: 'same continuation', min: 0.99 },
  // Generated to name an image's mean colour.
  'tiny-image-classifier:fp32': { metric: 'colour accuracy', min: 0.8 },
};

test('each benchmark cell scores its model on the task evaluation set', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto(
    `./?task=bench&models=${MODELS.join(',')}&backends=wasm-2t&warmup=0&runs=2&profile=0&autostart=1`,
  );
  const status = page.getByTestId('bench-status');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 550_000 });
  const run = (await page.evaluate(() => window.onDeviceLab?.lastBenchmark)) as BenchmarkRun;
  expect(run.config.evaluate).toBe(true);
  for (const cell of run.cells) {
    const evaluation = cell.evaluation;
    console.log(
      `${cell.modelId}: ${evaluation?.set} — ${evaluation?.scores.map((s) => `${s.metric} ${s.value.toFixed(4)}`).join(', ')}` +
        `${evaluation?.deltaPoints !== undefined ? `, Δ ${evaluation.deltaPoints.toFixed(2)} pt vs ${evaluation.reference}` : ''}` +
        ` (${evaluation?.durationMs.toFixed(0)} ms)${evaluation?.error ? ` ERROR ${evaluation.error}` : ''}`,
    );
    expect(cell.status, `${cell.modelId}: ${cell.reason ?? ''}`).toBe('ok');
    expect(evaluation?.error, cell.modelId).toBeUndefined();
    const floor = FLOORS[cell.modelId];
    if (floor) {
      expect(evaluation?.scores[0]?.metric, cell.modelId).toBe(floor.metric);
      expect(evaluation?.scores[0]?.value, cell.modelId).toBeGreaterThan(floor.min);
      expect(evaluation?.reference, cell.modelId).toBeUndefined();
    }
  }
  const fp16 = run.cells.find((cell) => cell.modelId === 'tiny-bert-sentiment:fp16')?.evaluation;
  expect(fp16?.reference).toBe('tiny-bert-sentiment:fp32 on wasm-2t');
  expect(typeof fp16?.deltaPoints).toBe('number');
  expect(fp16?.scores.find((score) => score.metric === 'label agreement with fp32')?.value).toBeGreaterThan(
    0,
  );

  // The panel: an accuracy column, and one speed/accuracy chart per model with a point per cell.
  for (const cell of run.cells) {
    const accuracy = cell.evaluation?.scores[0]?.value ?? NaN;
    const row = page.getByTestId(`bench-cell-${cell.modelId}-${cell.backendConfig.id}`);
    await expect(row.getByTestId('accuracy')).toContainText(`${(accuracy * 100).toFixed(2)}%`);
    const point = page
      .getByTestId(`accuracy-chart-${cell.modelId.replace(/:[^:]*$/, '')}`)
      .getByTestId(`accuracy-point-${cell.modelId}-${cell.backendConfig.id}`);
    await expect(point).toHaveAttribute('data-accuracy', String(accuracy));
  }
  // EVAL_SCREENSHOT=<file.png>: a picture of the charts, to look at.
  if (process.env.EVAL_SCREENSHOT)
    await page
      .locator('.bench-charts', { hasText: 'Accuracy on the evaluation set' })
      .screenshot({ path: process.env.EVAL_SCREENSHOT });
});
