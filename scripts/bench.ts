// `npm run bench`: the headless benchmark runner. It builds the app if needed, serves it with COOP/COEP
// on loopback, drives the same benchmark page a person uses in Chromium (launched here, or a remote
// Playwright browser server with --browser-ws), prints a line per cell, and writes the run record
// (JSON, validated against schemas/benchmark-run.schema.json), CSV, a Markdown summary and JUnit XML.
// Optional: a native onnxruntime-node reference (--native), a baseline gate (--baseline: one or more
// runs; exit codes in scripts/bench/gate.ts) and repeated runs in fresh contexts (--repeat), whose
// run-to-run spread the gate then uses.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { compareRuns, regressions, type CellComparison } from '../src/bench/compare-runs';
import { runToCsv, runToJson } from '../src/bench/record-io';
import { validateRunRecord } from '../src/bench/record-schema';
import { junitXml } from '../src/bench/report-junit';
import { differenceLines, runSummaryMarkdown, summaryTable } from '../src/bench/report-markdown';
import { CELL_FINISHED_BINDING, cellNotice, cellNoticeLine, type CellNotice } from '../src/bench/cell-notice';
import type { BenchmarkRun, NativeCell } from '../src/bench/run-record';
import { setupDifferencesAcross, type SetupDifference } from '../src/bench/setup-differences';
import { intervalText } from '../src/bench/significance';
import { cellVariation } from '../src/bench/variation';
import { ensureBuilt, openBrowser, RunnerError, serve } from './bench/app-server';
import { CliUsageError, parseBenchArgs, USAGE, type BenchCliOptions } from './bench/cli-args';
import { EXIT_CODES, gateExitCode, gatedCellProblems } from './bench/gate';
import { localCatalog } from './bench/local-catalog';
import { runNativeReference } from './bench/native-runner';
import { readBrowserReferences } from './bench/page-bridge';
import { errorMessage } from '../src/core/errors';

const POLL_MS = 250;
/** After a timed-out cell is cancelled, how long the page gets to wind down. */
const CANCEL_GRACE_MS = 30_000;

function benchUrl(origin: string, options: BenchCliOptions): string {
  const params = new URLSearchParams({
    task: 'bench',
    models: options.models.join(','),
    backends: options.backends.join(','),
    warmup: String(options.warmup),
    runs: String(options.runs),
    detsize: String(options.detsize),
    eval: options.evaluate ? '1' : '0',
    profile: '1',
    autostart: '1',
  });
  return `${origin}/?${params.toString()}`;
}

interface PageState {
  readonly state: string;
  readonly progress: string;
}

/** Two short strings from the DOM: the cells themselves arrive through CELL_FINISHED_BINDING. */
const readState = (page: Page): Promise<PageState> =>
  page.evaluate(() => {
    const status = document.querySelector('[data-testid="bench-status"]');
    return {
      state: status?.getAttribute('data-state') ?? 'loading',
      progress: status?.textContent ?? '',
    };
  });

/** Runs the whole matrix once in a fresh browser context; cancels a cell that runs past the timeout. */
async function runMatrix(
  context: BrowserContext,
  origin: string,
  options: BenchCliOptions,
): Promise<{ run: BenchmarkRun; page: Page }> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  const total = options.models.length * options.backends.length;
  let printed = 0;
  let lastChange = Date.now();
  const print = (notice: CellNotice) => {
    if (notice.index <= printed) return;
    printed = notice.index;
    lastChange = Date.now();
    console.log(cellNoticeLine(notice, total));
  };
  // The page announces each finished cell with a small notice (no raw samples), so nothing large is
  // serialised while cells run; the whole run is read once, at the end.
  await page.exposeFunction(CELL_FINISHED_BINDING, print);
  await page.goto(benchUrl(origin, options));
  let timedOut: string | undefined;
  for (;;) {
    const { state, progress } = await readState(page);
    if (state === 'done') break;
    if (state === 'error') throw new RunnerError(`The benchmark page stopped: ${progress}`, 3);
    if (!timedOut && Date.now() - lastChange > options.cellTimeout * 1000) {
      timedOut = progress.replace(/\s+/g, ' ').trim();
      console.log(
        `A cell ran past --cell-timeout ${options.cellTimeout} s (${timedOut}); cancelling the run.`,
      );
      await page.getByTestId('bench-cancel').click();
    }
    if (timedOut && Date.now() - lastChange > options.cellTimeout * 1000 + CANCEL_GRACE_MS) {
      throw new RunnerError(`The run hung: ${timedOut}, and it did not stop when cancelled.`, 3);
    }
    await page.waitForTimeout(POLL_MS);
  }
  const read = (await page.evaluate(() => window.onDeviceLab?.lastBenchmark)) as BenchmarkRun;
  const run = timedOut ? markTimeout(read, options.cellTimeout) : read;
  // A notice still in flight when the run ended: print its cell from the record (printed ones are skipped).
  run.cells.forEach((cell, position) => print(cellNotice(cell, position + 1)));
  return { run, page };
}

/** The cell that was cancelled for running too long is a failure, not a user cancel. */
function markTimeout(run: BenchmarkRun, seconds: number): BenchmarkRun {
  let marked = false;
  const cells = run.cells.map((cell) => {
    if (cell.status !== 'skipped' || cell.reason !== 'cancelled') return cell;
    if (marked) return { ...cell, reason: 'not run: an earlier cell timed out' };
    marked = true;
    return { ...cell, status: 'failed' as const, reason: `timed out after ${seconds} s (--cell-timeout)` };
  });
  return { ...run, cells };
}

function writeOutputs(
  dir: string,
  run: BenchmarkRun,
  repeats: BenchmarkRun[],
  comparison: CellComparison[] | undefined,
  differences: readonly SetupDifference[],
  options: BenchCliOptions,
): void {
  mkdirSync(dir, { recursive: true });
  const variation = repeats.length > 1 ? cellVariation(repeats) : undefined;
  const reportOptions = {
    ...(comparison ? { comparison, thresholdPct: options.threshold, differences } : {}),
    ...(variation ? { variation } : {}),
  };
  writeFileSync(join(dir, 'run.json'), runToJson(run));
  writeFileSync(join(dir, 'run.csv'), runToCsv(run));
  writeFileSync(join(dir, 'summary.md'), runSummaryMarkdown(run, reportOptions));
  writeFileSync(
    join(dir, 'junit.xml'),
    junitXml(run, comparison ? { comparison, thresholdPct: options.threshold } : {}),
  );
  if (repeats.length > 1)
    repeats.forEach((repeat, index) => writeFileSync(join(dir, `run-${index + 1}.json`), runToJson(repeat)));
}

/** onnxruntime-node on the page's inputs, once per wasm thread count in the run (none: all threads). */
async function nativeReference(result: { run: BenchmarkRun; page: Page }, options: BenchCliOptions) {
  const wasmThreads = result.run.cells
    .filter((cell) => cell.backendConfig.backend === 'wasm')
    .map((cell) => cell.backendConfig.threads);
  const threadCounts = [...new Set(wasmThreads.length > 0 ? wasmThreads : [availableParallelism()])];
  const references = await readBrowserReferences(result.page);
  const cells: NativeCell[] = [];
  let runtime = 'onnxruntime-node';
  for (const threads of threadCounts) {
    console.log(`Native reference: onnxruntime-node, ${threads} thread(s)…`);
    const native = await runNativeReference(references, {
      threads,
      warmupRuns: options.warmup,
      runs: options.runs,
      onCell: (cell) =>
        console.log(
          `[native ${threads}t] ${cell.modelId}: ` +
            (cell.status === 'ok'
              ? `median ${cell.stats?.medianMs.toFixed(3)} ms, ${cell.agreement?.withinTolerance ? 'agrees' : 'DISAGREES'} with the browser (${cell.agreement?.taskLevel})`
              : `${cell.status} — ${cell.reason}`),
        ),
    });
    runtime = native.runtime;
    cells.push(...native.cells);
  }
  return { runtime, cells };
}

function readRecord(path: string, what: string): BenchmarkRun {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RunnerError(`Cannot read the ${what} file ${path}: ${String(error)}`, 2);
  }
  try {
    return validateRunRecord(JSON.parse(text));
  } catch (error) {
    throw new RunnerError(`${path} is not a valid run record: ${errorMessage(error)}`, 2);
  }
}

/**
 * The baseline runs: each `--baseline` entry is a run.json, or a directory of an earlier `npm run bench`
 * (its run-N.json repeats when it has them, else its run.json).
 */
function readBaselines(paths: readonly string[]): BenchmarkRun[] {
  return paths.flatMap((path) => {
    if (!existsSync(path) || !statSync(path).isDirectory()) return [readRecord(path, 'baseline')];
    const repeats = readdirSync(path)
      .filter((name) => /^run-\d+\.json$/.test(name))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const files = repeats.length > 0 ? repeats : ['run.json'];
    return files.map((name) => readRecord(join(path, name), 'baseline'));
  });
}

/** Writes the outputs, prints the table, and gates on the baseline: the exit code. */
function report(
  run: BenchmarkRun,
  repeats: BenchmarkRun[],
  baselines: readonly BenchmarkRun[],
  options: BenchCliOptions,
): number {
  const candidates = repeats.length > 0 ? repeats : [run];
  const gated = baselines.length > 0;
  const comparison = gated ? compareRuns(baselines, candidates) : undefined;
  const differences = gated ? setupDifferencesAcross(baselines, candidates) : [];
  writeOutputs(options.out, run, repeats, comparison, differences, options);
  console.log(`\n${summaryTable(run)}`);
  console.log(`Wrote run.json, run.csv, summary.md and junit.xml to ${options.out}/`);
  if (!comparison) return EXIT_CODES.pass;
  for (const line of differenceLines(differences)) console.log(`SETUP ${line}`);
  const cellProblems = gatedCellProblems(comparison, candidates);
  for (const { modelId, backendConfigId, problem } of cellProblems) {
    console.log(`GATED CELL ${modelId} on ${backendConfigId}: ${problem}`);
  }
  const regressed = regressions(comparison, options.threshold);
  for (const row of regressed) {
    console.log(
      `REGRESSION ${row.modelId} on ${row.backendConfigId}: ${row.ratio?.toFixed(2)}× the baseline median` +
        (row.interval ? ` (${intervalText(row.interval)})` : ''),
    );
  }
  const code = gateExitCode({
    differences,
    allowDifferentSetup: options.allowDifferentSetup,
    cellProblems,
    regressions: regressed,
  });
  const runs = `${baselines.length} baseline run(s) against ${candidates.length} candidate run(s)`;
  if (code === EXIT_CODES.notComparable) {
    console.log(
      `Not comparable (${runs}): the setups differ (see SETUP ❌ above); --allow-different-setup gates anyway.`,
    );
  } else if (code === EXIT_CODES.pass) {
    console.log(`No significant regression past ${options.threshold}% against the baseline (${runs}).`);
  }
  return code;
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseBenchArgs([...argv], await localCatalog());
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const baselines = readBaselines(options.baselines);
  if (options.from) return report(readRecord(options.from, 'run'), [], baselines, options);
  ensureBuilt(options.noBuild);
  const { server, origin } = await serve(options.port);
  let browser: Browser | undefined;
  try {
    browser = await openBrowser(options.browserWs);
    console.log(
      `Serving ${origin}; browser ${browser.version()}${options.browserWs ? ` at ${options.browserWs}` : ''}`,
    );
    const repeats: BenchmarkRun[] = [];
    let run: BenchmarkRun | undefined;
    for (let repeat = 1; repeat <= options.repeat; repeat++) {
      if (options.repeat > 1)
        console.log(`— repeat ${repeat} of ${options.repeat} (fresh browser context) —`);
      const context = await browser.newContext();
      try {
        const result = await runMatrix(context, origin, options);
        repeats.push(result.run);
        if (repeat === 1 && options.native)
          run = { ...result.run, native: await nativeReference(result, options) };
        run ??= result.run;
      } finally {
        await context.close();
      }
    }
    if (!run) throw new RunnerError('No run was recorded.', 3);
    validateRunRecord(JSON.parse(runToJson(run)));
    return report(run, repeats, baselines, options);
  } finally {
    await browser?.close();
    await server.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliUsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(EXIT_CODES.usage);
    }
    if (error instanceof RunnerError) {
      console.error(error.message);
      process.exit(error.exitCode);
    }
    console.error(error);
    process.exit(3);
  },
);
