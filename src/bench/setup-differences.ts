// Two runs can only be compared when they measured the same thing. This lists every difference between
// their setups, each with a severity: 'refuse' where the numbers mean something else (another detection
// input size, another thread count behind a backend config, other cores, another browser major version,
// cross-origin isolation, another WebGPU adapter) and 'flag' where the difference may be the very change
// being measured or only shifts the numbers a little (library versions, model files, runtime builds,
// warm-up and run counts, memory and operator passes). The CLI gate refuses on the first kind unless told
// otherwise; the report and the panel list both.

import type { BenchCell, BenchmarkRun } from './run-record';

export type DifferenceSeverity = 'refuse' | 'flag';

export interface SetupDifference {
  /** What differs, in words, e.g. "threads behind wasm" or "onnxruntime-web version". */
  readonly what: string;
  readonly baseline: string;
  readonly candidate: string;
  readonly severity: DifferenceSeverity;
}

const text = (value: unknown): string => (value === undefined ? 'not set' : String(value));

/** "Chrome 156" from a Chromium user agent (HeadlessChrome too); undefined for another browser. */
export function browserMajor(userAgent: string): string | undefined {
  const match = /(?:Headless)?Chrome\/(\d+)/.exec(userAgent);
  return match ? `Chrome ${match[1]}` : undefined;
}

function adapterOf(run: BenchmarkRun): string {
  const { webgpu } = run.environment;
  if (!webgpu.available) return `none (${webgpu.reason ?? 'unavailable'})`;
  const name = [webgpu.vendor, webgpu.architecture, webgpu.description].filter(Boolean).join(' ');
  return `${name || 'unnamed adapter'}${webgpu.software ? ' (software)' : ''}`;
}

const measuredWebgpu = (run: BenchmarkRun): boolean =>
  run.cells.some((cell) => cell.backendConfig.backend === 'webgpu' && cell.status === 'ok');

/** The first cell of each backend config id in a run. */
function configsById(run: BenchmarkRun): Map<string, BenchCell> {
  const byId = new Map<string, BenchCell>();
  for (const cell of run.cells) if (!byId.has(cell.backendConfig.id)) byId.set(cell.backendConfig.id, cell);
  return byId;
}

/** Differences of `candidate` from `baseline`, refusing ones first. */
export function setupDifferences(baseline: BenchmarkRun, candidate: BenchmarkRun): SetupDifference[] {
  const found: SetupDifference[] = [];
  const check = (what: string, a: unknown, b: unknown, severity: DifferenceSeverity) => {
    if (text(a) !== text(b)) found.push({ what, baseline: text(a), candidate: text(b), severity });
  };
  const [a, b] = [baseline, candidate];
  check('OCR detection size (px)', a.config.detectionSizePx, b.config.detectionSizePx, 'refuse');
  check(
    'cores (hardwareConcurrency)',
    a.environment.hardwareConcurrency,
    b.environment.hardwareConcurrency,
    'refuse',
  );
  check(
    'cross-origin isolated',
    a.environment.crossOriginIsolated,
    b.environment.crossOriginIsolated,
    'refuse',
  );
  const [majorA, majorB] = [browserMajor(a.environment.userAgent), browserMajor(b.environment.userAgent)];
  if (majorA !== undefined && majorB !== undefined && majorA !== majorB) {
    check('browser', majorA, majorB, 'refuse');
  } else {
    check('user agent', a.environment.userAgent, b.environment.userAgent, 'flag');
  }
  if (measuredWebgpu(a) && measuredWebgpu(b)) check('WebGPU adapter', adapterOf(a), adapterOf(b), 'refuse');
  const cellsA = configsById(a);
  for (const [id, cellB] of configsById(b)) {
    const cellA = cellsA.get(id);
    if (!cellA) continue;
    check(`threads behind ${id}`, cellA.backendConfig.threads, cellB.backendConfig.threads, 'refuse');
    check(`runtime build behind ${id}`, cellA.runtimeBuild, cellB.runtimeBuild, 'flag');
  }
  check('warm-up runs', a.config.warmupRuns, b.config.warmupRuns, 'flag');
  check('runs per cell', a.config.runs, b.config.runs, 'flag');
  check('time budget (ms)', a.config.timeBudgetMs, b.config.timeBudgetMs, 'flag');
  check('memory measured', a.config.measureMemory, b.config.measureMemory, 'flag');
  check('operators profiled', a.config.profileOperators, b.config.profileOperators, 'flag');
  for (const name of Object.keys(a.environment.libraries)) {
    if (name in b.environment.libraries)
      check(`${name} version`, a.environment.libraries[name], b.environment.libraries[name], 'flag');
  }
  for (const model of Object.keys(a.environment.modelSha256)) {
    if (model in b.environment.modelSha256)
      check(
        `${model} model file (sha256)`,
        a.environment.modelSha256[model],
        b.environment.modelSha256[model],
        'flag',
      );
  }
  return [...found.filter((d) => d.severity === 'refuse'), ...found.filter((d) => d.severity === 'flag')];
}

/**
 * Differences between every run of either side and the first candidate run (the one reported), each listed
 * once. Runs of one side that differ among themselves show up here too.
 */
export function setupDifferencesAcross(
  baselines: readonly BenchmarkRun[],
  candidates: readonly BenchmarkRun[],
): SetupDifference[] {
  const [reference] = candidates;
  if (!reference) return [];
  const seen = new Map<string, SetupDifference>();
  for (const run of [...baselines, ...candidates.slice(1)]) {
    for (const difference of setupDifferences(run, reference)) {
      const key = JSON.stringify(difference);
      if (!seen.has(key)) seen.set(key, difference);
    }
  }
  const all = [...seen.values()];
  return [...all.filter((d) => d.severity === 'refuse'), ...all.filter((d) => d.severity === 'flag')];
}

/**
 * The saved runs that repeat `chosen`'s setup: same label (the panel names a run by its models and backend
 * configs) and no setup difference at all, `chosen` first. The panel pools them so its verdict sees the
 * spread between runs.
 */
export function sameSetupRuns(chosen: BenchmarkRun, saved: readonly BenchmarkRun[]): BenchmarkRun[] {
  const repeats = saved.filter(
    (run) => run.id !== chosen.id && run.label === chosen.label && setupDifferences(chosen, run).length === 0,
  );
  return [chosen, ...repeats];
}
