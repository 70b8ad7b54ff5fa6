// The command line of `npm run bench -- …`, parsed and checked before anything is built or launched, so
// a typo fails at once with a message that names the flag and what it accepts.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { backendConfigFromId } from '../../src/bench/backend-configs';
import { DEFAULT_THRESHOLD_PCT } from '../../src/bench/report-markdown';
import { errorMessage } from '../../src/core/errors';
import { EXIT_CODES } from './gate';
import { benchSubject } from '../../src/catalog/bench-subject';
import type { ModelCatalog } from '../../src/catalog/catalog';
import { BENCH_SUBJECTS, benchSubjectsOf, builtinCatalog } from '../../src/tasks';

export interface BenchCliOptions {
  /** Model ids to benchmark; every registered model for `--models all`. */
  readonly models: readonly string[];
  /** Backend config ids, e.g. `wasm` (all threads), `wasm-1t`, `webgpu`, `wasm-1t~opt=basic`. */
  readonly backends: readonly string[];
  readonly runs: number;
  readonly warmup: number;
  readonly out: string;
  readonly native: boolean;
  /** Baseline run.json files or directories (a directory gives its run-N.json repeats, else its run.json). */
  readonly baselines: readonly string[];
  /** Gate even when the baseline's setup differs in a way that refuses the comparison. */
  readonly allowDifferentSetup: boolean;
  /** An existing run.json to report on and gate instead of running the benchmark. */
  readonly from?: string;
  /** Percent slower than the baseline at which a significant slowdown fails the run. */
  readonly threshold: number;
  readonly repeat: number;
  readonly browserWs?: string;
  /** 0: any free port. */
  readonly port: number;
  /** Seconds a cell may run before it is cancelled and recorded as failed. */
  readonly cellTimeout: number;
  /** Longer side of the OCR detection input, in pixels. */
  readonly detsize: number;
  /** Score every cell on its task's evaluation set (off with --no-eval). */
  readonly evaluate: boolean;
  readonly noBuild: boolean;
  readonly help: boolean;
}

/** A bad command line; the message names the flag and the value. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

const DEFAULT_BACKENDS = ['wasm-1t', 'wasm', 'webgpu', 'webnn'];

export const USAGE = `Usage: npm run bench -- [options]

Runs the benchmark page headless in Chromium and writes run.json, run.csv, summary.md and junit.xml.

  --models <ids|all>        comma-separated model ids, or all (default: all); a model with dtype
                            files is named once per dtype, <id>:<dtype>; built in:
                            ${BENCH_SUBJECTS.map((subject) => subject.id).join(', ')};
                            models from \`npm run models:fetch\` too, e.g. Xenova/<name>:q8
  --backends <list>         comma-separated: wasm (all threads), wasm-1t, wasm-<N>t, webgpu, webnn,
                            each optionally with @<runtime build>, e.g. wasm-2t@jsep, webgpu@jspi,
                            then session options as ~key=value, e.g. wasm-1t~opt=basic,
                            wasm-2t@jsep~arena=on~mempattern=on; ONNX Runtime Web takes
                            opt=disabled|basic|extended|layout|all, mempattern=on|off, arena=on|off,
                            dims=<name>:<N>;<name>:<N> (quote it in a shell); a key or value the
                            runtime does not know fails that cell with the accepted ones
                            (default: ${DEFAULT_BACKENDS.join(',')}, each on the build the app picks)
  --runs <N>                measured runs per cell, 1 to 100000 (default: 20)
  --warmup <N>              warm-up runs per cell, 0 to 1000 (default: 3)
  --out <dir>               output directory (default: bench-results)
  --native                  also run each model on onnxruntime-node as a native reference
  --baseline <files|dirs>   comma-separated run.json files or output directories of earlier runs (a
                            directory gives its run-N.json repeats, else its run.json) to gate on: a cell
                            regresses when its ratio of medians exceeds 1 + threshold and its 95%
                            interval lies above 1; with several runs on a side the interval comes
                            from the spread between runs
  --allow-different-setup   gate even when the runs differ in cores, browser, threads, detection size…
  --from <file>             do not run: report on (and gate) an existing run.json
  --threshold <pct>         regression threshold in percent of the baseline median (default: ${DEFAULT_THRESHOLD_PCT})
  --repeat <K>              run the whole matrix K times in fresh browser contexts, 1 to 100 (default: 1);
                            the gate then uses the run-to-run spread (CI: --repeat 3 on both sides)
  --browser-ws <endpoint>   connect to a Playwright browser server (ws://…) instead of launching Chromium
  --port <N>                port to serve the app on, 0 for any free port (default: 0)
  --cell-timeout <s>        seconds a cell may take before it is cancelled (default: 300)
  --detsize <px>            longer side of the OCR detection input, 32 to 4096 (default: 640)
  --no-eval                 skip the accuracy evaluation (each cell otherwise scores its model on the
                            task's evaluation set, untimed, after the measured runs: a few seconds)
  --no-build                fail instead of building when dist/ is missing or out of date
  --help                    show this text

Exit codes: ${EXIT_CODES.pass} done (and no regression), ${EXIT_CODES.regression} a gated cell regressed, ${EXIT_CODES.usage} usage or setup problem,
${EXIT_CODES.cellProblem} the run failed, or a gated cell failed, disagrees with its reference or is missing from the run,
${EXIT_CODES.notComparable} the baseline's setup is not comparable (see the listed differences; --allow-different-setup).`;

/** A whole number in [min, max] written in plain decimal digits (no sign, exponent or hex). */
function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(number >= min && number <= max)) {
    throw new CliUsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${value}".`);
  }
  return number;
}

/** A number > 0 (or ≥ 0 with `allowZero`) in plain decimal notation. */
function decimal(flag: string, value: string, allowZero: boolean): number {
  const number = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(allowZero ? number >= 0 : number > 0)) {
    throw new CliUsageError(`--${flag} must be a number ${allowZero ? '≥ 0' : '> 0'}, got "${value}".`);
  }
  return number;
}

/** Splits a comma-separated list; rejects empty entries and repeats. */
function list(flag: string, value: string): string[] {
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) {
    throw new CliUsageError(`--${flag} has an empty entry in "${value}".`);
  }
  const repeated = items.find((item, index) => items.indexOf(item) !== index);
  if (repeated !== undefined) throw new CliUsageError(`--${flag} lists "${repeated}" twice.`);
  return items;
}

function models(value: string, catalog: ModelCatalog): string[] {
  const known = benchSubjectsOf(catalog.list()).map((subject) => subject.id);
  if (value === 'all') return known;
  return list('models', value).map((id) => {
    if (!catalog.find(id.replace(/:[^:]*$/, '')) && !catalog.find(id))
      throw new CliUsageError(`--models: Unknown model "${id}". Known models: ${known.join(', ')}`);
    try {
      return benchSubject(catalog, id).id;
    } catch (error) {
      throw new CliUsageError(`--models: ${errorMessage(error)}`);
    }
  });
}

function backends(value: string): string[] {
  return list('backends', value).map((id) => {
    try {
      return backendConfigFromId(id, 1).id;
    } catch (error) {
      throw new CliUsageError(`--backends: ${errorMessage(error)}`);
    }
  });
}

function browserEndpoint(value: string): string {
  const protocol = URL.canParse(value) ? new URL(value).protocol : undefined;
  if (protocol !== 'ws:' && protocol !== 'wss:') {
    throw new CliUsageError(`--browser-ws must be a ws:// or wss:// URL, got "${value}".`);
  }
  return value;
}

function nonEmpty(flag: string, value: string): string {
  if (value.trim() === '') throw new CliUsageError(`--${flag} must not be empty.`);
  return value;
}

const OPTIONS = {
  models: { type: 'string', default: 'all' },
  backends: { type: 'string', default: DEFAULT_BACKENDS.join(',') },
  runs: { type: 'string', default: '20' },
  warmup: { type: 'string', default: '3' },
  out: { type: 'string', default: 'bench-results' },
  native: { type: 'boolean', default: false },
  baseline: { type: 'string' },
  'allow-different-setup': { type: 'boolean', default: false },
  from: { type: 'string' },
  threshold: { type: 'string', default: String(DEFAULT_THRESHOLD_PCT) },
  repeat: { type: 'string', default: '1' },
  'browser-ws': { type: 'string' },
  port: { type: 'string', default: '0' },
  'cell-timeout': { type: 'string', default: '300' },
  detsize: { type: 'string', default: '640' },
  'no-eval': { type: 'boolean', default: false },
  'no-build': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

/** node:util's strict parse; its errors (unknown flag, missing value, stray argument) become CliUsageErrors. */
function flagValues(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliUsageError(errorMessage(error));
  }
}

/**
 * Parses `process.argv.slice(2)`; throws CliUsageError for anything it does not accept. Model ids are
 * looked up in `catalog` (the built-in models, plus those `npm run models:fetch` added when given).
 */
export function parseBenchArgs(
  args: readonly string[],
  catalog: ModelCatalog = builtinCatalog(),
): BenchCliOptions {
  const values = flagValues(args);
  if (values.from !== undefined && (values.native || values.repeat !== '1')) {
    throw new CliUsageError(
      '--from reports on an existing run; it cannot be combined with --native or --repeat.',
    );
  }
  return {
    models: models(values.models, catalog),
    backends: backends(values.backends),
    runs: wholeNumber('runs', values.runs, 1, 100_000),
    warmup: wholeNumber('warmup', values.warmup, 0, 1000),
    out: nonEmpty('out', values.out),
    native: values.native,
    baselines: values.baseline !== undefined ? list('baseline', nonEmpty('baseline', values.baseline)) : [],
    allowDifferentSetup: values['allow-different-setup'],
    ...(values.from !== undefined ? { from: nonEmpty('from', values.from) } : {}),
    threshold: decimal('threshold', values.threshold, true),
    repeat: wholeNumber('repeat', values.repeat, 1, 100),
    ...(values['browser-ws'] !== undefined ? { browserWs: browserEndpoint(values['browser-ws']) } : {}),
    port: wholeNumber('port', values.port, 0, 65_535),
    cellTimeout: decimal('cell-timeout', values['cell-timeout'], false),
    detsize: wholeNumber('detsize', values.detsize, 32, 4096),
    evaluate: !values['no-eval'],
    noBuild: values['no-build'],
    help: values.help,
  };
}
