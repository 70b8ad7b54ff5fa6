// Session options as benchmark dimensions in the real app: a backend config written with `~key=value`
// runs with those options and records them as asked, agrees with the default session, carries them into
// the recommendation's snippet when it wins, and an option value the runtime does not know fails only its
// own cell, with a reason naming the option and the accepted values.
import type { BenchmarkRun } from '../src/bench/run-record';
import { expect, test } from './support/lab';

const DEFAULT = 'wasm-1t';
const WITH_OPTIONS = 'wasm-1t~opt=basic~mempattern=off';
const BOGUS = 'wasm-1t~opt=bogus';

test('session options run, are recorded as asked, agree with the default, and reach the snippet', async ({
  page,
}) => {
  await page.goto(
    `./?task=bench&models=silero-vad-v5&backends=${[DEFAULT, WITH_OPTIONS, BOGUS].join(',')}` +
      '&warmup=0&runs=3&profile=0&eval=0&autostart=1',
  );
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  const run = (await page.evaluate(() => window.onDeviceLab?.lastBenchmark)) as BenchmarkRun;
  expect(run.cells.map((cell) => cell.backendConfig.id)).toEqual([DEFAULT, WITH_OPTIONS, BOGUS]);
  const [plain, withOptions, bogus] = run.cells;

  for (const cell of [plain, withOptions]) {
    const label = `${cell?.modelId} on ${cell?.backendConfig.id}`;
    console.log(`${label}: ${cell?.status}, median ${cell?.stats?.medianMs.toFixed(3)} ms`);
    expect(cell?.status, `${label}: ${cell?.reason ?? ''}`).toBe('ok');
    expect(cell?.samplesMs, label).toHaveLength(3);
  }
  expect(plain?.backendConfig.options).toBeUndefined();
  expect(withOptions?.backendConfig).toEqual({
    id: WITH_OPTIONS,
    backend: 'wasm',
    threads: 1,
    options: { opt: 'basic', mempattern: 'off' },
  });
  expect(withOptions?.agreement?.referenceBackendId).toBe(DEFAULT);
  expect(withOptions?.agreement?.withinTolerance, withOptions?.agreement?.taskLevel).toBe(true);
  // Each cell's own snippet carries exactly its options.
  expect(plain?.setupSnippet).toContain("executionProviders: ['wasm'], graphOptimizationLevel: 'all' });");
  expect(withOptions?.setupSnippet).toContain(
    "executionProviders: ['wasm'], graphOptimizationLevel: 'basic', enableMemPattern: false });",
  );

  expect(bogus).toMatchObject({ status: 'failed', samplesMs: [] });
  expect(bogus?.reason).toBe(
    'Session option opt=bogus: the accepted values are disabled, basic, extended, layout, all.',
  );
  const bogusRow = page.getByTestId(`bench-cell-silero-vad-v5-${BOGUS}`);
  await expect(bogusRow).toHaveAttribute('data-status', 'failed');
  await expect(bogusRow).toContainText('failed: Session option opt=bogus: the accepted values are');

  // Whichever of the two trusted cells is faster is recommended, with the snippet of its own options.
  expect(run.recommendations).toHaveLength(1);
  const [recommendation] = run.recommendations;
  console.log(`recommended: ${recommendation?.backendConfigId}`);
  expect([DEFAULT, WITH_OPTIONS]).toContain(recommendation?.backendConfigId);
  const recommended = recommendation?.backendConfigId === WITH_OPTIONS ? withOptions : plain;
  expect(recommendation?.snippet).toBe(recommended?.setupSnippet);
  if (recommended === withOptions) {
    expect(recommendation?.snippet).toContain("graphOptimizationLevel: 'basic', enableMemPattern: false");
  } else {
    expect(recommendation?.snippet).not.toContain('enableMemPattern');
  }
});
