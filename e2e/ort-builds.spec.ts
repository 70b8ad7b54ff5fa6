// Each backend runs on the ONNX Runtime Web build chosen for it (wasm on JSPI where the browser has
// it, plain wasm where not, WebGPU and WebNN on JSEP), a build can be asked for in a benchmark, the
// builds agree, every cell records its build, the recommendation names it, and a page fetches only
// the builds it uses.
import type { BenchmarkRun } from '../src/bench/run-record';
import { expect, openApp, test } from './support/lab';

const BUILD_BINARIES = {
  jsep: 'ort-wasm-simd-threaded.jsep.wasm',
  jspi: 'ort-wasm-simd-threaded.jspi.wasm',
  plain: 'ort-wasm-simd-threaded.wasm',
} as const;

const hasJspi = (page: import('@playwright/test').Page) =>
  page.evaluate(() => typeof (WebAssembly as unknown as Record<string, unknown>).Suspending === 'function');

test('wasm runs on its fastest build, the other builds can be asked for and agree with it', async ({
  page,
}) => {
  await page.goto(
    './?task=bench&models=ppocr-mobile-v2-cls,silero-vad-v5&backends=wasm-1t,wasm-1t@plain,wasm-1t@jsep&warmup=1&runs=5&profile=0&eval=0&autostart=1',
  );
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-state', 'done', { timeout: 170_000 });
  const run = (await page.evaluate(() => window.onDeviceLab?.lastBenchmark)) as BenchmarkRun;
  const defaultBuild = (await hasJspi(page)) ? 'jspi' : 'plain';
  console.log(`wasm default build here: ${defaultBuild}`);
  const expectedBuild: Record<string, string> = {
    'wasm-1t': defaultBuild,
    'wasm-1t@plain': 'plain',
    'wasm-1t@jsep': 'jsep',
  };
  expect(run.cells).toHaveLength(6);
  for (const cell of run.cells) {
    const label = `${cell.modelId} on ${cell.backendConfig.id}`;
    console.log(`${label}: ${cell.runtimeBuild} build, median ${cell.stats?.medianMs.toFixed(2)} ms`);
    expect(cell.status, `${label}: ${cell.reason ?? ''}`).toBe('ok');
    expect(cell.runtimeBuild, label).toBe(expectedBuild[cell.backendConfig.id]);
    if (cell.backendConfig.id !== 'wasm-1t') {
      expect(cell.agreement?.withinTolerance, `${label}: ${cell.agreement?.taskLevel}`).toBe(true);
    }
  }
  await expect(
    page.getByTestId('bench-cell-silero-vad-v5-wasm-1t@jsep').getByTestId('cell-build'),
  ).toHaveText('jsep build');

  expect(run.recommendations).toHaveLength(2);
  for (const recommendation of run.recommendations) {
    const cell = run.cells.find(
      (candidate) =>
        candidate.modelId === recommendation.modelId &&
        candidate.backendConfig.id === recommendation.backendConfigId,
    );
    expect(recommendation.runtimeBuild).toBe(cell?.runtimeBuild);
    const importPath = {
      jsep: "'onnxruntime-web'",
      jspi: "'onnxruntime-web/jspi'",
      plain: "'onnxruntime-web/wasm'",
    };
    expect(recommendation.snippet).toContain(
      `import * as ort from ${importPath[cell?.runtimeBuild as keyof typeof importPath]};`,
    );
    await expect(
      page.getByTestId(`recommendation-${recommendation.modelId}`).getByTestId('recommended-build'),
    ).toHaveText(recommendation.runtimeBuild ?? '');
  }
});

test('a build the backend cannot run fails its cell with the reason, and the rest still run', async ({
  page,
}) => {
  await page.goto(
    './?task=bench&models=silero-vad-v5&backends=wasm-1t,wasm-1t@turbo,webgpu@plain&warmup=0&runs=3&profile=0&eval=0&autostart=1',
  );
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  const run = (await page.evaluate(() => window.onDeviceLab?.lastBenchmark)) as BenchmarkRun;
  const byId = Object.fromEntries(run.cells.map((cell) => [cell.backendConfig.id, cell]));
  expect(byId['wasm-1t']?.status).toBe('ok');
  expect(byId['wasm-1t@turbo']).toMatchObject({
    status: 'failed',
    reason: 'There is no ONNX Runtime Web build "turbo"; the builds are jsep, jspi, plain.',
  });
  expect(byId['webgpu@plain']?.status).toBe('failed');
  expect(byId['webgpu@plain']?.reason).toContain('The plain build of ONNX Runtime Web cannot run webgpu');
});

test('a task on wasm fetches only the wasm build, not the WebGPU one', async ({ lab, page }) => {
  await openApp(page, '?task=vad&backend=wasm');
  await lab.vad(() => page.getByTestId('vad-sample').click());
  const fetched = (build: keyof typeof BUILD_BINARIES) =>
    lab.requests.some((url) => url.endsWith(`/ort/${BUILD_BINARIES[build]}`));
  const defaultBuild = (await hasJspi(page)) ? 'jspi' : 'plain';
  expect(fetched(defaultBuild), `${defaultBuild} binary fetched`).toBe(true);
  expect(fetched('jsep'), 'JSEP binary fetched').toBe(false);
});
