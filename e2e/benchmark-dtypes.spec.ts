// The benchmark with dtype as a dimension: the generated Transformers.js sentiment model in fp32 and
// fp16 on wasm and WebGPU, each cell a whole pipeline (tokenizer, model, softmax) on product reviews.
// Every cell names the file of its dtype, reads that file's bytes, and is compared with the wasm fp32
// cell of the same model; fp16 on an adapter without shader-f16 is skipped with the reason.
import type { BenchmarkRun } from '../src/bench/run-record';
import { TINY_BERT_SENTIMENT } from '../src/tasks/text-classification/models';
import { BENCHMARK_REVIEWS } from '../src/tasks/text-classification/benchmark';
import { expect, test } from './support/lab';

const SUBJECTS = ['tiny-bert-sentiment:fp32', 'tiny-bert-sentiment:fp16'];

function fileOf(dtype: string) {
  const file = TINY_BERT_SENTIMENT.files.find(
    (candidate) => 'dtype' in candidate && candidate.dtype === dtype,
  );
  if (!file) throw new Error(`no ${dtype} file`);
  return file;
}

test('benchmarks a pipeline model per dtype, each against the wasm fp32 cell', async ({ page }) => {
  test.setTimeout(300_000);
  // fp16 asked for first: the run still measures fp32 first, as the reference.
  await page.goto(
    `./?task=bench&models=${[...SUBJECTS].reverse().join(',')}&backends=wasm-1t,webgpu&warmup=1&runs=5&eval=0&autostart=1`,
  );
  await expect(page.getByTestId('bench-model-tiny-bert-sentiment:fp16')).toBeChecked();
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-state', 'done', { timeout: 280_000 });
  const run = (await page.evaluate(() => window.onDeviceLab?.lastBenchmark)) as BenchmarkRun;
  const cellOf = (subject: string, backend: string) => {
    const cell = run.cells.find((c) => c.modelId === subject && c.backendConfig.id === backend);
    if (!cell) throw new Error(`no cell for ${subject} on ${backend}`);
    return cell;
  };
  expect(run.cells.map((cell) => `${cell.modelId}@${cell.backendConfig.id}`)).toEqual([
    'tiny-bert-sentiment:fp32@wasm-1t',
    'tiny-bert-sentiment:fp16@wasm-1t',
    'tiny-bert-sentiment:fp32@webgpu',
    'tiny-bert-sentiment:fp16@webgpu',
  ]);

  for (const [subject, backend] of [
    ['tiny-bert-sentiment:fp32', 'wasm-1t'],
    ['tiny-bert-sentiment:fp16', 'wasm-1t'],
    ['tiny-bert-sentiment:fp32', 'webgpu'],
  ] as const) {
    const cell = cellOf(subject, backend);
    const dtype = subject.split(':')[1] ?? '';
    expect(cell.status, `${subject} on ${backend}: ${cell.reason ?? ''}`).toBe('ok');
    expect(cell.samplesMs).toHaveLength(5);
    expect(cell.inputDescription).toBe(`${BENCHMARK_REVIEWS.length} product reviews, 74 words`);
    const { name, sha256, bytes } = fileOf(dtype);
    expect(cell.modelFile).toEqual({ name, sha256, bytes });
    expect(cell.pipeline?.dtype).toBe(dtype);
    expect(cell.runtimeBuild).toBe('jspi');
    expect(cell.setupSnippet).toContain(`dtype: '${dtype}'`);
    // The pipeline read its config and tokenizer files (the first load reads the small JSON ones twice)
    // and the model file of its dtype, and no other model file (the smallest would add 51 kB).
    const others = TINY_BERT_SENTIMENT.files.filter((file) => file.role !== 'model');
    const expected = others.reduce((sum, file) => sum + file.bytes, fileOf(dtype).bytes);
    expect(cell.pipeline?.bytes).toBeGreaterThanOrEqual(expected);
    expect(cell.pipeline?.bytes).toBeLessThan(expected + fileOf('fp16').bytes);
    expect(run.environment.modelSha256[subject]).toBe(fileOf(dtype).sha256);
  }
  // The reference is wasm fp32; fp16 on wasm and fp32 on WebGPU give every review its label.
  expect(cellOf('tiny-bert-sentiment:fp32', 'wasm-1t').agreement).toBeUndefined();
  for (const [subject, backend] of [
    ['tiny-bert-sentiment:fp16', 'wasm-1t'],
    ['tiny-bert-sentiment:fp32', 'webgpu'],
  ] as const) {
    const agreement = cellOf(subject, backend).agreement;
    expect(agreement?.referenceBackendId).toBe('wasm-1t fp32');
    expect(agreement?.taskLevel).toBe(
      `${BENCHMARK_REVIEWS.length} of ${BENCHMARK_REVIEWS.length} texts get the same label`,
    );
    expect(agreement?.taskLevelAgrees).toBe(true);
    expect(agreement?.tensors[0]?.cosineSimilarity).toBeGreaterThan(0.999);
  }
  const skipped = cellOf('tiny-bert-sentiment:fp16', 'webgpu');
  expect(skipped.status).toBe('skipped');
  expect(skipped.reason).toContain('shader-f16');
  await expect(page.getByTestId('cell-pipeline').first()).toContainText('transformers.js');
});

test('benchmarks generation in tokens per second and image classification, each dtype against wasm fp32', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const subjects = [
    'tiny-decoder:fp32',
    'tiny-decoder:fp16',
    'tiny-image-classifier:fp32',
    'tiny-image-classifier:fp16',
  ];
  await page.goto(
    `./?task=bench&models=${subjects.join(',')}&backends=wasm-1t&warmup=1&runs=3&eval=0&autostart=1`,
  );
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-state', 'done', { timeout: 280_000 });
  const run = (await page.evaluate(() => window.onDeviceLab?.lastBenchmark)) as BenchmarkRun;
  expect(run.cells.map((cell) => cell.modelId)).toEqual(subjects);
  for (const cell of run.cells) expect(cell.status, `${cell.modelId}: ${cell.reason ?? ''}`).toBe('ok');
  const [decoder32, decoder16, image32, image16] = run.cells;
  // The counting decoder never ends on its own after "three": every run makes all 32 tokens.
  expect(decoder32?.inputDescription).toBe('"one two three", greedy, up to 32 new tokens');
  expect(decoder32?.unitsPerRun).toEqual({ count: 32, unit: 'tokens' });
  expect(decoder16?.agreement?.referenceBackendId).toBe('wasm-1t fp32');
  expect(decoder16?.agreement?.taskLevel).toMatch(/^same text: "four five six seven eight nine ten one two/);
  expect(decoder16?.agreement?.taskLevelAgrees).toBe(true);
  await expect(page.getByTestId('cell-units-per-s').first()).toContainText('tokens/s');
  // The drawn scene is mostly sky: the colour classifier's answer is the same in both precisions.
  expect(image32?.inputDescription).toBe('640×480 outdoor scene (drawn)');
  expect(image16?.agreement?.taskLevelAgrees).toBe(true);
  expect(image16?.agreement?.tensors[0]?.maxAbsDiff).toBeLessThan(1e-3);
});
