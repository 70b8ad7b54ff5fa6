// The command line of `npm run optimize -- …`, parsed and checked before anything is built or launched:
// which models, which methods, the calibration, where the variants go and how they are evaluated.

import { parseArgs } from 'node:util';
import { backendConfigFromId } from '../../src/bench/backend-configs';
import type { ModelCatalog } from '../../src/catalog/catalog';
import { errorMessage } from '../../src/core/errors';
import {
  DEFAULT_CALIBRATION,
  DEFAULT_CALIBRATION_SAMPLES,
  DEFAULT_PERCENTILE,
  OPTIMIZE_METHODS,
  type CalibrationMethod,
  type OptimizeMethod,
} from '../../src/optimizer/optimize';

export interface OptimizeCliOptions {
  readonly models: readonly string[];
  readonly methods: readonly OptimizeMethod[];
  /** How many of the task's calibration inputs int8-static runs. */
  readonly calibrationSamples: number;
  readonly calibrationMethod: CalibrationMethod;
  readonly percentile?: number;
  /** The folder that holds one folder per model (public/models). */
  readonly out: string;
  /** Benchmark each parent and its variants afterwards (size, latency, accuracy), unless --no-eval. */
  readonly evaluate: boolean;
  readonly backends: readonly string[];
  readonly runs: number;
  readonly warmup: number;
  /** Runs of the whole evaluation benchmark in fresh browser contexts (their spread is reported). */
  readonly repeat: number;
  /** Where the evaluation's run.json and summary go. */
  readonly reportDir: string;
  readonly port: number;
  readonly noBuild: boolean;
  readonly help: boolean;
}

export class OptimizeUsageError extends Error {
  override name = 'OptimizeUsageError';
}

export const OPTIMIZE_USAGE = `Usage: npm run optimize -- --model <ids> --method <methods> [options]

Makes optimized variants of models in the app (headless Chromium, the same worker code as the Optimize
view), writes each to <out>/<model>~<method>/ with a manifest that records its lineage, then benchmarks
every model next to its variants: file size, load time, median latency and accuracy on the task's
evaluation set.

  --model <ids>               comma-separated model ids (ONNX Runtime session models, or
                              Transformers.js models with an fp32 file: not int8-static), e.g.
                              ppocr-v4-rec,silero-vad-v5,tiny-bert-sentiment
  --method <list|all>         comma-separated: ${OPTIMIZE_METHODS.join(', ')}; all = every method
                              (a method that does not apply to a model is reported and skipped)
  --calibration <N>           int8-static: how many of the task's calibration inputs to run (default ${DEFAULT_CALIBRATION_SAMPLES})
  --calibration-method <m>    int8-static: minmax (default) or percentile
  --percentile <P>            with percentile: the share of values the range keeps (default 99.999)
  --out <dir>                 where the variants are written (default public/models)
  --no-eval                   only make the variants
  --backends <list>           backends of the evaluation benchmark (default wasm-1t)
  --runs <N>, --warmup <N>    timed and warm-up runs per cell of the evaluation (default 20, 3)
  --repeat <N>                run the evaluation benchmark N times in fresh contexts (default 1)
  --report <dir>              where the evaluation's run.json and summary.md go (default bench-results/optimize)
  --port <N>                  port for the app server (default 0: any free port)
  --no-build                  fail instead of building when dist/ is out of date
  --help

Exit codes: 0 every variant made (methods that do not apply are reported, not failures), 1 a variant
could not be made or failed validation, 2 usage, 3 the browser or the evaluation failed.`;

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function positiveInt(flag: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min)
    throw new OptimizeUsageError(`${flag} takes a whole number ≥ ${min}, not "${value}"`);
  return parsed;
}

export function parseOptimizeArgs(
  argv: readonly string[],
  catalog: Pick<ModelCatalog, 'find'>,
): OptimizeCliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        model: { type: 'string' },
        method: { type: 'string' },
        calibration: { type: 'string' },
        'calibration-method': { type: 'string' },
        percentile: { type: 'string' },
        out: { type: 'string' },
        'no-eval': { type: 'boolean' },
        backends: { type: 'string' },
        runs: { type: 'string' },
        warmup: { type: 'string' },
        repeat: { type: 'string' },
        report: { type: 'string' },
        port: { type: 'string' },
        'no-build': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new OptimizeUsageError(errorMessage(error));
  }
  const base = {
    calibrationSamples: positiveInt('--calibration', values.calibration, DEFAULT_CALIBRATION_SAMPLES),
    out: values.out ?? 'public/models',
    evaluate: values['no-eval'] !== true,
    runs: positiveInt('--runs', values.runs, 20),
    warmup: positiveInt('--warmup', values.warmup, 3, 0),
    repeat: positiveInt('--repeat', values.repeat, 1),
    reportDir: values.report ?? 'bench-results/optimize',
    port: positiveInt('--port', values.port, 0, 0),
    noBuild: values['no-build'] === true,
    help: values.help === true,
  };
  if (base.help) return { ...base, models: [], methods: [], calibrationMethod: 'minmax', backends: [] };

  const models = list(values.model);
  if (models.length === 0) throw new OptimizeUsageError('--model is required (one or more model ids)');
  for (const id of models) {
    const model = catalog.find(id);
    if (!model) throw new OptimizeUsageError(`--model: no model "${id}" in the catalog`);
    if (model.variant)
      throw new OptimizeUsageError(
        `--model: "${id}" is itself a variant; optimize its parent ${model.variant.parentId}`,
      );
  }

  const methodNames = list(values.method);
  if (methodNames.length === 0)
    throw new OptimizeUsageError(`--method is required: ${OPTIMIZE_METHODS.join(', ')} or all`);
  const methods = methodNames.includes('all') ? [...OPTIMIZE_METHODS] : methodNames;
  for (const method of methods)
    if (!(OPTIMIZE_METHODS as readonly string[]).includes(method))
      throw new OptimizeUsageError(`--method: "${method}" is not one of ${OPTIMIZE_METHODS.join(', ')}, all`);

  const calibrationMethod = values['calibration-method'] ?? DEFAULT_CALIBRATION.method;
  if (calibrationMethod !== 'minmax' && calibrationMethod !== 'percentile')
    throw new OptimizeUsageError(
      `--calibration-method takes minmax or percentile, not "${calibrationMethod}"`,
    );
  let percentile = calibrationMethod === 'percentile' ? DEFAULT_PERCENTILE : undefined;
  if (values.percentile !== undefined) {
    if (calibrationMethod !== 'percentile')
      throw new OptimizeUsageError('--percentile goes with --calibration-method percentile');
    percentile = Number(values.percentile);
    if (!(percentile > 50 && percentile <= 100))
      throw new OptimizeUsageError(
        `--percentile takes a number above 50 and at most 100, not "${values.percentile}"`,
      );
  }

  const backends = values.backends === undefined ? ['wasm-1t'] : list(values.backends);
  for (const id of backends) {
    try {
      backendConfigFromId(id, 1);
    } catch (error) {
      throw new OptimizeUsageError(`--backends: ${errorMessage(error)}`);
    }
  }
  return {
    ...base,
    models,
    methods: methods as OptimizeMethod[],
    calibrationMethod,
    ...(percentile !== undefined ? { percentile } : {}),
    backends,
  };
}
