// `npm run optimize`: makes optimized variants of models with the app's own optimizer, in headless
// Chromium (the worker code the Optimize view runs, so calibration uses the task's own rendered lines
// and speech frames), writes each variant with its lineage into public/models (and the built app's
// copy, so it is served at once), then benchmarks every model next to its variants with `npm run bench`
// on the wasm backend: file size, load time, median latency, and accuracy on the task's evaluation set.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { benchSubjects } from '../src/catalog/bench-subject';
import type { ModelCatalog } from '../src/catalog/catalog';
import { modelFile, type ModelRecord } from '../src/catalog/model-record';
import type { OptimizeRequest } from '../src/worker/engine-api';
import { ensureBuilt, openBrowser, ROOT, RunnerError, serve } from './bench/app-server';
import { localCatalog } from './bench/local-catalog';
import {
  OPTIMIZE_USAGE,
  OptimizeUsageError,
  parseOptimizeArgs,
  type OptimizeCliOptions,
} from './optimize/cli-args';
import { writeVariantToModelsDir } from './optimize/write-variant';

interface PageOutcome {
  readonly record?: ModelRecord;
  readonly parentBytes?: number;
  readonly optimizeMs?: number;
  /** The variant's file, base64. */
  readonly bytes?: string;
  readonly error?: string;
}

/** The page-side call, as source text (tsx would wrap a named function in a helper the page lacks). */
const optimizeInPage = (request: OptimizeRequest) => `(async () => {
  const hook = window.onDeviceLab;
  try {
    const response = await hook.optimize(${JSON.stringify(request)});
    const bytes = response.bytes;
    let text = '';
    for (let offset = 0; offset < bytes.length; offset += 0x8000)
      text += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
    return { record: response.record, parentBytes: response.parentBytes, optimizeMs: response.optimizeMs, bytes: btoa(text) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
})()`;

/** A method that finds nothing to do in a model (no MatMul for q4), or int8 static of a model whose task
 * makes no calibration inputs (Transformers.js image classification, generation), is reported, not a
 * failure. */
const NOT_APPLICABLE = /found nothing to (convert|quantize)|int8 static needs calibration inputs, and the/;

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

async function makeVariants(page: Page, options: OptimizeCliOptions, servedDirs: readonly string[]) {
  const made: ModelRecord[] = [];
  let failed = 0;
  for (const modelId of options.models) {
    for (const method of options.methods) {
      const request: OptimizeRequest = {
        modelId,
        method,
        returnBytes: true,
        ...(method === 'int8-static'
          ? {
              calibration: {
                method: options.calibrationMethod,
                samples: options.calibrationSamples,
                ...(options.percentile !== undefined ? { percentile: options.percentile } : {}),
              },
            }
          : {}),
      };
      console.log(`${modelId} → ${method}…`);
      const outcome = (await page.evaluate(optimizeInPage(request))) as PageOutcome;
      if (outcome.error !== undefined || !outcome.record || outcome.bytes === undefined) {
        const message = outcome.error ?? 'the page returned no variant';
        const applies = !NOT_APPLICABLE.test(message);
        if (applies) failed += 1;
        console.log(`  ${applies ? 'FAILED' : 'does not apply'}: ${message}`);
        continue;
      }
      const bytes = new Uint8Array(Buffer.from(outcome.bytes, 'base64'));
      for (const dir of servedDirs) writeVariantToModelsDir(dir, outcome.record, bytes);
      const lineage = outcome.record.variant;
      console.log(
        `  ${outcome.record.id}: ${megabytes(outcome.parentBytes ?? 0)} → ${megabytes(bytes.byteLength)} ` +
          `in ${((outcome.optimizeMs ?? 0) / 1000).toFixed(1)} s, sha256 ${modelFile(outcome.record, 'model').sha256.slice(0, 12)}…`,
      );
      if (lineage?.calibration)
        console.log(`  calibration: ${lineage.calibration.method}, ${lineage.calibration.data}`);
      for (const line of lineage?.summary ?? []) console.log(`    ${line}`);
      made.push(outcome.record);
    }
  }
  return { made, failed };
}

/** The benchmark subject of a model: itself, or (a Transformers.js model) its fp32 file, or a variant's one dtype. */
const subjectOf = (model: ModelRecord) => benchSubjects(model)[0]?.id ?? model.id;

/** The evaluation: `npm run bench` on each model and its variants (its table has size and accuracy). */
function evaluate(
  options: OptimizeCliOptions,
  catalog: Pick<ModelCatalog, 'get'>,
  variants: readonly ModelRecord[],
): number {
  const parents = options.models.filter((id) => variants.some((variant) => variant.variant?.parentId === id));
  const models = parents.flatMap((id) => [
    subjectOf(catalog.get(id)),
    ...variants.filter((variant) => variant.variant?.parentId === id).map(subjectOf),
  ]);
  console.log(`\nEvaluating ${models.join(', ')} on ${options.backends.join(', ')}…`);
  const result = spawnSync(
    'npx',
    [
      'tsx',
      'scripts/bench.ts',
      '--models',
      models.join(','),
      '--backends',
      options.backends.join(','),
      '--runs',
      String(options.runs),
      '--warmup',
      String(options.warmup),
      '--repeat',
      String(options.repeat),
      '--out',
      options.reportDir,
      '--no-build',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  return result.status ?? 3;
}

async function main(argv: readonly string[]): Promise<number> {
  const catalog = await localCatalog();
  const options = parseOptimizeArgs(argv, catalog);
  if (options.help) {
    console.log(OPTIMIZE_USAGE);
    return 0;
  }
  ensureBuilt(options.noBuild);
  // The built app serves its own copy of public/; a variant written to public/models goes there too, so
  // the evaluation (and a `vite preview`) sees it without a rebuild.
  const served = join(ROOT, 'dist', 'models');
  const servedDirs = [
    options.out,
    ...(resolve(options.out) === join(ROOT, 'public', 'models') && existsSync(served) ? [served] : []),
  ];
  const { server, origin } = await serve(options.port);
  const browser = await openBrowser(undefined);
  let outcome: { made: ModelRecord[]; failed: number };
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${origin}/?task=optimize&backend=wasm`);
    await page.waitForFunction(() => typeof window.onDeviceLab?.optimize === 'function', undefined, {
      timeout: 60_000,
    });
    outcome = await makeVariants(page, options, servedDirs);
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(
    `\nWrote ${outcome.made.length} variant(s) to ${options.out}/: ${outcome.made.map((record) => record.id).join(', ') || 'none'}`,
  );
  if (options.evaluate && outcome.made.length > 0) {
    const code = evaluate(options, catalog, outcome.made);
    if (code !== 0) return 3;
  }
  return outcome.failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof OptimizeUsageError) {
      console.error(`${error.message}\n\n${OPTIMIZE_USAGE}`);
      process.exit(2);
    }
    if (error instanceof RunnerError) {
      console.error(error.message);
      process.exit(error.exitCode);
    }
    console.error(error);
    process.exit(3);
  },
);
