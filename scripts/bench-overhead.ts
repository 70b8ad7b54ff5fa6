// How much the benchmark panel adds to what it measures. For each model on wasm it prints the panel's
// steady-state median next to the median of a minimal loop that calls onnxruntime-web directly, in a
// worker of the same page in the same browser, on inputs of the same shapes. A benchmark, not a test:
// `npm run bench:overhead` (builds when dist/ is stale; `-- --runs 200 --rounds 5 --models silero-vad-v5` to change it).
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { median, quantile } from 'simple-statistics';
import type { BenchmarkRun } from '../src/bench/run-record';
import type { ModelRecord } from '../src/catalog/model-record';
import { BENCHMARKED_MODELS, TASKS } from '../src/tasks';
import { benchmarkOf, sessionBenchmarkOf } from '../src/task-kit/task';
import { chooseOrtBuild, ORT_BUILDS } from '../src/runtimes/ort/ort-builds';
import { ensureBuilt, openBrowser, serve } from './bench/app-server';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '10' },
    threads: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    models: { type: 'string', default: '' },
  },
});
const models = (args.models ?? '').split(',').filter(Boolean);
const runs = Number(args.runs);
const warmup = Number(args.warmup);
const threads = Number(args.threads);
const rounds = Number(args.rounds);
const DETECTION_SIZE = 640;

/**
 * The minimal loop, run in a module worker: ORT straight from its own bundle, nothing of ours. A blob
 * worker has no base URL to resolve paths against, so every URL in it is absolute.
 */
const minimalLoop = (origin: string) => `
import * as ort from '${origin}/__overhead/ort.mjs';
self.onmessage = async ({ data }) => {
  ort.env.wasm.wasmPaths = '${origin}/ort/';
  ort.env.wasm.numThreads = data.threads;
  const bytes = new Uint8Array(await (await fetch(data.modelUrl)).arrayBuffer());
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all', logSeverityLevel: 3 });
  const feeds = {};
  for (const [name, type, dims] of data.feeds) {
    const size = dims.reduce((a, b) => a * b, 1);
    feeds[name] = type === 'int64' ? new ort.Tensor('int64', BigInt64Array.of(16000n), dims) : new ort.Tensor('float32', new Float32Array(size).fill(0.1), dims);
  }
  const once = async () => {
    const outputs = await session.run(feeds);
    for (const output of Object.values(outputs)) { output.data; output.dispose(); }
  };
  for (let i = 0; i < data.warmup; i++) await once();
  const times = [];
  for (let i = 0; i < data.runs; i++) { const t = performance.now(); await once(); times.push(performance.now() - t); }
  await session.release();
  times.sort((a, b) => a - b);
  self.postMessage(times[Math.floor(times.length / 2)]);
};`;

async function minimalMedian(page: Page, origin: string, model: ModelRecord): Promise<number> {
  return page.evaluate(
    ({ source, message }) =>
      new Promise<number>((resolve, reject) => {
        const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), {
          type: 'module',
        });
        worker.onmessage = (event: MessageEvent<number>) => {
          worker.terminate();
          resolve(event.data);
        };
        worker.onerror = (event) =>
          reject(new Error(`the ORT loop worker failed: ${event.message || 'load error'}`));
        worker.postMessage(message);
      }),
    {
      source: minimalLoop(origin),
      message: {
        modelUrl: `${origin}/models/${model.id}/model.onnx`,
        feeds: sessionBenchmarkOf(TASKS, model).feedShapes(model, { detectionSizePx: DETECTION_SIZE }),
        threads,
        warmup,
        runs,
      },
    },
  );
}

async function panelMedian(page: Page, model: ModelRecord): Promise<number> {
  await page.goto(
    `/?task=bench&models=${model.id}&backends=wasm-${threads}t&warmup=${warmup}&runs=${runs}&profile=0&detsize=${DETECTION_SIZE}&eval=0&autostart=1`,
  );
  await page
    .getByTestId('bench-status')
    .and(page.locator('[data-state="done"]'))
    .waitFor({ timeout: 900_000 });
  const run = (await page.evaluate(() => window.onDeviceLab?.lastBenchmark)) as BenchmarkRun;
  const cell = run.cells[0];
  if (cell?.status !== 'ok' || !cell.stats)
    throw new Error(`${model.id}: the panel cell ${cell?.status}: ${cell?.reason}`);
  if (cell.runtimeBuild !== build)
    throw new Error(
      `${model.id}: the panel ran the ${cell.runtimeBuild} build, the loop ${build}; not comparable`,
    );
  return cell.stats.medianMs;
}

ensureBuilt(false);
const { server, origin } = await serve(0);
const browser = await openBrowser(undefined);
const context = await browser.newContext({ baseURL: origin });
const page = await context.newPage();
await page.goto('/?task=models');
// The loop runs the ORT build the panel picks for wasm in this browser, so both time the same engine.
const build = chooseOrtBuild(
  'wasm',
  undefined,
  await page.evaluate(
    () => typeof (WebAssembly as unknown as Record<string, unknown>).Suspending === 'function',
  ),
);
const ortBundle = readFileSync(
  new URL(`../node_modules/onnxruntime-web/dist/${ORT_BUILDS[build].bundle}`, import.meta.url),
);
// Context-wide, so the request from the worker is served too.
await context.route('**/__overhead/ort.mjs', (route) =>
  route.fulfill({
    body: ortBundle,
    contentType: 'text/javascript',
    headers: { 'Cross-Origin-Resource-Policy': 'same-origin' },
  }),
);

console.log(
  `wasm (${build} build), ${threads} thread(s), ${warmup} warm-up + ${runs} measured runs, ${rounds} alternating rounds`,
);
console.log(
  'Each round measures the ORT loop, then the panel; "panel adds" is the median over rounds of panel/loop − 1, with the\n' +
    'interquartile range of those paired ratios (how much the machine itself moves between rounds).',
);
console.log('model                 panel median   ORT loop median   panel adds   (IQR of rounds)');
// A bare ORT loop can only stand in for a session benchmark; pipelines have no such loop.
for (const model of BENCHMARKED_MODELS.filter(
  (record) =>
    benchmarkOf(TASKS, record).runs === 'session' && (models.length === 0 || models.includes(record.id)),
)) {
  const panel: number[] = [];
  const minimal: number[] = [];
  for (let round = 0; round < rounds; round++) {
    minimal.push(await minimalMedian(page, origin, model));
    panel.push(await panelMedian(page, model));
  }
  const ratios = panel.map((value, index) => value / (minimal[index] ?? NaN));
  const percent = (ratio: number) => `${((ratio - 1) * 100).toFixed(1)}%`;
  const quartile = (q: number) => quantile(ratios, q);
  console.log(
    `${model.id.padEnd(20)} ${median(panel).toFixed(3).padStart(10)} ms ${median(minimal).toFixed(3).padStart(13)} ms ` +
      `${percent(median(ratios)).padStart(10)}   (${percent(quartile(0.25))} to ${percent(quartile(0.75))})`,
  );
}
await browser.close();
await server.close();
