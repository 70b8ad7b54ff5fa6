// One benchmark run as Markdown a CI job can post (job summary, pull-request comment) and as a
// fixed-width table for the terminal, so a person reads the cells, the native reference, the verdicts
// against a baseline and the run-to-run spread in one place, computed the same way everywhere.

import { regressions, type CellComparison } from './compare-runs';
import { accuracyOf } from './evaluation-cell';
import type {
  BenchCell,
  BenchEnvironment,
  BenchmarkRun,
  MedianInterval,
  NativeCell,
  OutputAgreement,
} from './run-record';
import type { SetupDifference } from './setup-differences';
import { intervalText } from './significance';
import type { CellVariation } from './variation';

/** How much slower than the baseline median (percent) a significant slowdown may be before it fails. */
export const DEFAULT_THRESHOLD_PCT = 10;

export interface MarkdownReportOptions {
  /** compareRuns(baseline, run): adds a "vs baseline" column. */
  readonly comparison?: readonly CellComparison[];
  /** Regression threshold for the comparison; DEFAULT_THRESHOLD_PCT when absent. */
  readonly thresholdPct?: number;
  /** cellVariation(repeats): adds a run-to-run CV column. */
  readonly variation?: readonly CellVariation[];
  /** setupDifferencesAcross(baselines, candidates): listed under the table, refusing ones marked. */
  readonly differences?: readonly SetupDifference[];
}

/** One line per setup difference, e.g. "❌ cores (hardwareConcurrency): 8 in the baseline, 2 here (refused)". */
export function differenceLines(differences: readonly SetupDifference[]): string[] {
  return differences.map(
    (d) =>
      `${d.severity === 'refuse' ? '❌' : '⚠️'} ${d.what}: ${d.baseline} in the baseline, ${d.candidate} here` +
      (d.severity === 'refuse' ? ' (not comparable)' : ''),
  );
}

/** The comparison row for `cell` (same model, same backend config), if there is one. */
export function comparisonRowFor(
  rows: readonly CellComparison[],
  cell: BenchCell,
): CellComparison | undefined {
  return rows.find((row) => row.modelId === cell.modelId && row.backendConfigId === cell.backendConfig.id);
}

/** The largest maxAbsDiff over the compared tensors; undefined when only the task level was compared. */
export function maxAbsDiff(agreement: OutputAgreement): number | undefined {
  return agreement.tensors.length > 0 ? Math.max(...agreement.tensors.map((t) => t.maxAbsDiff)) : undefined;
}

/** The median of the model's 'ok' native cell at the same thread count, when the run has one. */
function nativeMedianMs(run: BenchmarkRun, cell: BenchCell): number | undefined {
  return run.native?.cells.find(
    (native) =>
      native.modelId === cell.modelId &&
      native.threads === cell.backendConfig.threads &&
      native.status === 'ok',
  )?.stats?.medianMs;
}

const NONE = '—';

const formatMs = (ms: number): string => ms.toFixed(2);
/** "10.77 MB", or "99.6 kB" under a megabyte (the generated models are a few kB). */
const formatBytes = (bytes: number): string =>
  bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
const formatRatio = (ratio: number): string => `${ratio.toFixed(2)}×`;
const formatDiff = (diff: number): string => (diff === 0 ? '0' : diff.toExponential(1));

/** ✓ or ✗ and the largest difference from the reference, e.g. "✓ 4.0e-4". */
function agreementText(agreement: OutputAgreement | undefined): string {
  if (!agreement) return NONE;
  const mark = agreement.withinTolerance ? '✓' : '✗';
  const diff = maxAbsDiff(agreement);
  return diff === undefined ? mark : `${mark} ${formatDiff(diff)}`;
}

/**
 * The median's 95% interval, e.g. "19.80–24.90"; below six samples it is min–max and covers less than 95%,
 * so its real coverage follows, e.g. "20.00–25.00 (94%)". "—" without an interval (one sample, old records).
 */
export function medianIntervalText(
  interval: MedianInterval | undefined,
  format: (ms: number) => string = formatMs,
): string {
  if (!interval) return NONE;
  const range = `${format(interval.lowMs)}–${format(interval.highMs)}`;
  return interval.coverage < 0.95 ? `${range} (${Math.round(interval.coverage * 100)}%)` : range;
}

/** Items per second at the median run time, e.g. "210.5 tokens/s", for cells that count what a run produced. */
export function unitsPerSecondText(cell: BenchCell): string | undefined {
  if (!cell.unitsPerRun || !cell.stats) return undefined;
  return `${((cell.unitsPerRun.count * 1000) / cell.stats.medianMs).toFixed(1)} ${cell.unitsPerRun.unit}/s`;
}

const formatMb = (bytes: number): string => (bytes / 1e6).toFixed(1);
/** Megabytes with three significant digits at least, so the generated models' 0.0995 MB do not read 0.1. */
const formatFileMb = (bytes: number): string =>
  bytes >= 1e6 ? (bytes / 1e6).toFixed(2) : (bytes / 1e6).toPrecision(3);
/** Signed percentage points, e.g. "−1.25 pt", "+0.00 pt". */
const formatPoints = (points: number): string => `${points < 0 ? '−' : '+'}${Math.abs(points).toFixed(2)} pt`;

/**
 * The headline score in percent and its metric, e.g. "98.44% character accuracy"; "failed" when the
 * evaluation failed; "—" when the cell was not evaluated.
 */
export function accuracyText(cell: BenchCell): string {
  if (cell.evaluation?.error !== undefined && cell.evaluation.scores.length === 0) return 'failed';
  const score = accuracyOf(cell);
  return score ? `${(score.value * 100).toFixed(2)}% ${score.metric}` : NONE;
}

/**
 * The clock behind a cell's samples, e.g. "0.1 ms timer (not cross-origin isolated), 20 calls per sample":
 * the resolution the worker saw and how many calls each sample timed together (1 unless sub-millisecond).
 */
export function timerText(cell: BenchCell): string | undefined {
  const { timer, callsPerSample } = cell;
  if (!timer && callsPerSample === undefined) return undefined;
  const resolution =
    timer?.resolutionMs !== undefined ? `${+(timer.resolutionMs * 1000).toPrecision(3)} µs` : 'unknown';
  const parts = [
    ...(timer
      ? [`${resolution} timer${timer.crossOriginIsolated ? '' : ' (not cross-origin isolated)'}`]
      : []),
    ...(callsPerSample !== undefined
      ? [`${callsPerSample} call${callsPerSample === 1 ? '' : 's'} per sample`]
      : []),
  ];
  return parts.join(', ');
}

/**
 * A cell's memory in MB, e.g. "before 40.1, loaded 85.2, released 41.0, WASM heap 33.6": the page's
 * readings (page and workers) and the worker's ORT heap. Records from before loaded readings show "after".
 */
export function memoryText(cell: BenchCell): string | undefined {
  const { memory } = cell;
  if (!memory) return undefined;
  const figures: Array<[string, number | undefined]> = [
    ['before', memory.beforeBytes],
    ['loaded', memory.loadedBytes],
    ['released', memory.releasedBytes],
    ['after', memory.afterBytes],
    ['WASM heap', memory.wasmHeapBytes],
  ];
  const shown = figures.flatMap(([name, bytes]) =>
    bytes !== undefined ? [`${name} ${formatMb(bytes)}`] : [],
  );
  // The model's own figure: what releasing its session gave back (a wasm heap keeps what it grew to, so
  // on wasm this is the memory outside the heap; the heap is shown beside it).
  if (memory.loadedBytes !== undefined && memory.releasedBytes !== undefined)
    shown.push(`freed by release ${formatMb(memory.loadedBytes - memory.releasedBytes)}`);
  return shown.length > 0 ? shown.join(', ') : 'not measured';
}

interface Column {
  readonly header: string;
  readonly numeric?: boolean;
  readonly value: (cell: BenchCell) => string;
}

/** The columns both the Markdown and the terminal table show, by name. */
function cellColumns(run: BenchmarkRun) {
  return {
    model: { header: 'Model', value: (cell) => cell.modelId },
    backend: {
      header: 'Backend',
      value: (cell) => `${cell.backendConfig.id}${cell.softwareAdapter ? ' (software adapter)' : ''}`,
    },
    status: { header: 'Status', value: (cell) => cell.status },
    file: {
      header: 'Model file',
      numeric: true,
      value: (cell) => (cell.modelFile?.bytes !== undefined ? formatBytes(cell.modelFile.bytes) : NONE),
    },
    load: {
      header: 'Load ms (fetch + session)',
      numeric: true,
      value: (cell) => (cell.phases ? formatMs(cell.phases.fetchMs + cell.phases.createSessionMs) : NONE),
    },
    median: {
      header: 'Median ms',
      numeric: true,
      value: (cell) => (cell.stats ? formatMs(cell.stats.medianMs) : NONE),
    },
    p90: {
      header: 'p90 ms',
      numeric: true,
      value: (cell) => (cell.stats ? formatMs(cell.stats.p90Ms) : NONE),
    },
    medianCi: {
      header: '95% CI of median ms',
      numeric: true,
      value: (cell) => medianIntervalText(cell.stats?.medianCi95),
    },
    runs: { header: 'Runs', numeric: true, value: (cell) => String(cell.samplesMs.length) },
    unitsPerS: {
      header: 'Items/s at the median',
      numeric: true,
      value: (cell) => unitsPerSecondText(cell) ?? NONE,
    },
    timer: { header: 'Timer', value: (cell) => timerText(cell) ?? NONE },
    memory: { header: 'Memory MB', value: (cell) => memoryText(cell) ?? NONE },
    agreement: { header: 'Agreement (max |Δ|)', value: (cell) => agreementText(cell.agreement) },
    fileMb: {
      header: 'File MB',
      numeric: true,
      value: (cell) => (cell.modelFile?.bytes !== undefined ? formatFileMb(cell.modelFile.bytes) : NONE),
    },
    accuracy: { header: 'Accuracy', numeric: true, value: accuracyText },
    deltaVsFp32: {
      header: 'Δ vs fp32',
      numeric: true,
      value: (cell) =>
        cell.evaluation?.deltaPoints !== undefined ? formatPoints(cell.evaluation.deltaPoints) : NONE,
    },
    nativeRatio: {
      header: 'Browser/native',
      numeric: true,
      value: (cell) => {
        const nativeMs = nativeMedianMs(run, cell);
        return cell.status === 'ok' && cell.stats && nativeMs
          ? formatRatio(cell.stats.medianMs / nativeMs)
          : NONE;
      },
    },
  } satisfies Record<string, Column>;
}

/** Ratio, its interval and verdict; ❌ marks a regression past the threshold, ⚠️ a significant slowdown within it. */
function baselineColumn(comparison: readonly CellComparison[], thresholdPct: number): Column {
  const regressed = new Set(regressions(comparison, thresholdPct));
  return {
    header: `vs baseline (fails past +${thresholdPct}%)`,
    value: (cell) => {
      const row = comparisonRowFor(comparison, cell);
      if (!row) return NONE;
      const marker = regressed.has(row) ? '❌ ' : row.verdict === 'slower' ? '⚠️ ' : '';
      const figures = [
        ...(row.ratio !== undefined ? [formatRatio(row.ratio)] : []),
        ...(row.interval !== undefined ? [intervalText(row.interval)] : []),
      ];
      return `${marker}${[...figures, row.verdict].join(', ')}`;
    },
  };
}

/** CV of the per-repeat medians; counts the repeats when some were not ok. */
function variationColumn(variation: readonly CellVariation[]): Column {
  return {
    header: 'Run-to-run CV',
    numeric: true,
    value: (cell) => {
      const entry = variation.find(
        (item) => item.modelId === cell.modelId && item.backendConfigId === cell.backendConfig.id,
      );
      if (!entry) return NONE;
      const cv = entry.okRepeats >= 2 && entry.cvPct !== undefined ? `${entry.cvPct.toFixed(1)}%` : NONE;
      return entry.okRepeats < entry.repeats ? `${cv} (${entry.okRepeats}/${entry.repeats} ok)` : cv;
    },
  };
}

/** Text on one line, safe inside Markdown: no line breaks, no HTML, no table-breaking pipes. */
function inline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
}

function markdownTable(
  headers: readonly string[],
  alignRight: readonly boolean[],
  rows: readonly string[][],
) {
  const line = (values: readonly string[]) => `| ${values.map(inline).join(' | ')} |`;
  const rule = `| ${alignRight.map((right) => (right ? '---:' : '---')).join(' | ')} |`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

function cellTable(cells: readonly BenchCell[], columns: readonly Column[]): string {
  return markdownTable(
    columns.map((column) => column.header),
    columns.map((column) => column.numeric === true),
    cells.map((cell) => columns.map((column) => column.value(cell))),
  );
}

/** e.g. "Chrome 134 on Linux"; the whole user agent when the browser is not recognised. */
function shortUserAgent(userAgent: string): string {
  const browsers: ReadonlyArray<[string, RegExp]> = [
    ['Edge', /Edg\/(\d+)/],
    ['Opera', /OPR\/(\d+)/],
    ['Headless Chrome', /HeadlessChrome\/(\d+)/],
    ['Chrome', /Chrome\/(\d+)/],
    ['Firefox', /Firefox\/(\d+)/],
    ['Safari', /Version\/(\d+(?:\.\d+)?).*Safari\//],
  ];
  const platforms: ReadonlyArray<[string, RegExp]> = [
    ['Android', /Android/],
    ['iOS', /iPhone|iPad/],
    ['ChromeOS', /CrOS/],
    ['Windows', /Windows/],
    ['macOS', /Mac OS X/],
    ['Linux', /Linux/],
  ];
  const browser = browsers
    .map(([name, pattern]) => [name, pattern.exec(userAgent)?.[1]] as const)
    .find(([, version]) => version !== undefined);
  if (!browser) return userAgent;
  const platform = platforms.find(([, pattern]) => pattern.test(userAgent))?.[0];
  return `${browser[0]} ${browser[1]}${platform ? ` on ${platform}` : ''}`;
}

function webgpuText(webgpu: BenchEnvironment['webgpu']): string {
  if (!webgpu.available) return `not available${webgpu.reason ? ` (${webgpu.reason})` : ''}`;
  const adapter =
    webgpu.description || [webgpu.vendor, webgpu.architecture].filter(Boolean).join(' ') || 'available';
  return webgpu.software
    ? `${adapter} ⚠️ software adapter: GPU timings are not representative of real hardware`
    : adapter;
}

function environmentLine(environment: BenchEnvironment): string {
  const { webnn } = environment;
  return [
    shortUserAgent(environment.userAgent),
    `${environment.hardwareConcurrency} logical cores`,
    environment.crossOriginIsolated
      ? 'cross-origin isolated'
      : 'not cross-origin isolated (wasm runs on one thread)',
    `WebGPU: ${webgpuText(environment.webgpu)}`,
    `WebNN: ${webnn.available ? 'available' : `not available${webnn.reason ? ` (${webnn.reason})` : ''}`}`,
  ]
    .map(inline)
    .join(' · ');
}

function titleDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function nativeSection(native: NonNullable<BenchmarkRun['native']>): string {
  const parity = (cell: NativeCell): string => {
    if (cell.status !== 'ok') return cell.reason ?? NONE;
    const { agreement } = cell;
    return agreement
      ? `${agreementText(agreement)} vs ${agreement.referenceBackendId}: ${agreement.taskLevel}`
      : NONE;
  };
  return [
    '### Native reference',
    '',
    `${inline(native.runtime)}, CPU, the thread counts of the browser's wasm cells.`,
    '',
    markdownTable(
      ['Model', 'Threads', 'Status', 'Median ms', '95% CI of median ms', 'Parity with the browser (max |Δ|)'],
      [false, true, false, true, true, false],
      native.cells.map((cell) => [
        cell.modelId,
        String(cell.threads),
        cell.status,
        cell.stats ? formatMs(cell.stats.medianMs) : NONE,
        medianIntervalText(cell.stats?.medianCi95),
        parity(cell),
      ]),
    ),
  ].join('\n');
}

function recommendationsSection(run: BenchmarkRun): string {
  const lines = run.recommendations.map((rec) => {
    const interval = rec.medianCi95 ? ` (95% CI of median ${medianIntervalText(rec.medianCi95)})` : '';
    const ties =
      rec.tiedWith && rec.tiedWith.length > 0
        ? `; tied within noise with: ${rec.tiedWith.map(inline).join(', ')}`
        : '';
    return `- ${inline(rec.modelId)}: **${inline(rec.backendConfigId)}**, median ${formatMs(rec.medianMs)} ms${interval}${ties}`;
  });
  return [
    '### Recommendations',
    '',
    ...(lines.length > 0 ? lines : ['None: no cell finished with outputs that agree with the reference.']),
  ].join('\n');
}

function notRunSection(run: BenchmarkRun): string | undefined {
  const lines = run.cells
    .filter((cell) => cell.status !== 'ok')
    .map(
      (cell) =>
        `- ${inline(cell.modelId)} on ${inline(cell.backendConfig.id)}: ${cell.status} — ${inline(cell.reason ?? 'no reason recorded')}`,
    );
  return lines.length > 0 ? ['### Skipped and failed cells', '', ...lines].join('\n') : undefined;
}

/** Accuracy and its difference from fp32, when some cell was evaluated (and a difference when some has one). */
function evaluationColumns(run: BenchmarkRun, columns: ReturnType<typeof cellColumns>): Column[] {
  if (!run.cells.some((cell) => cell.evaluation)) return [];
  return [
    columns.accuracy,
    ...(run.cells.some((cell) => cell.evaluation?.deltaPoints !== undefined) ? [columns.deltaVsFp32] : []),
  ];
}

/** The columns every cell table starts with, in the Markdown report and on the terminal. */
function leadingColumns(columns: ReturnType<typeof cellColumns>): Column[] {
  return [columns.model, columns.backend, columns.status, columns.median, columns.medianCi, columns.p90];
}

/** Markdown for a CI job to post: title, environment, one table row per cell, then the sections that apply. */
export function runSummaryMarkdown(run: BenchmarkRun, options: MarkdownReportOptions = {}): string {
  const { comparison, thresholdPct = DEFAULT_THRESHOLD_PCT, variation, differences = [] } = options;
  const columns = cellColumns(run);
  const tableColumns: Column[] = [
    ...leadingColumns(columns),
    columns.runs,
    columns.file,
    columns.load,
    ...(run.cells.some((cell) => cell.unitsPerRun) ? [columns.unitsPerS] : []),
    ...(run.cells.some((cell) => timerText(cell) !== undefined) ? [columns.timer] : []),
    ...(run.cells.some((cell) => cell.memory) ? [columns.memory] : []),
    columns.agreement,
    ...evaluationColumns(run, columns),
    ...(run.native ? [columns.nativeRatio] : []),
    ...(comparison ? [baselineColumn(comparison, thresholdPct)] : []),
    ...(variation ? [variationColumn(variation)] : []),
  ];
  const onlyInBaseline = (comparison ?? []).filter((row) => row.verdict === 'missing in candidate');
  const sections = [
    `## On-Device Lab benchmark: ${inline(run.label || run.id)} (${titleDate(run.startedAt)})`,
    `**Environment:** ${environmentLine(run.environment)}`,
    ...(run.cancelled ? ['⚠️ The run was cancelled before every cell finished.'] : []),
    cellTable(run.cells, tableColumns),
    ...(onlyInBaseline.length > 0
      ? [
          `In the baseline but not in this run: ${onlyInBaseline
            .map((row) => `${inline(row.modelId)} on ${inline(row.backendConfigId)}`)
            .join(', ')}.`,
        ]
      : []),
    ...(differences.length > 0
      ? [
          `**Setup differences from the baseline:**\n\n${differenceLines(differences)
            .map((line) => `- ${inline(line)}`)
            .join('\n')}`,
        ]
      : []),
    ...(run.native ? [nativeSection(run.native)] : []),
    recommendationsSection(run),
    notRunSection(run),
  ];
  return `${sections.filter((section) => section !== undefined).join('\n\n')}\n`;
}

/** A fixed-width plain-text table of the cells for the terminal; numbers right-aligned. */
export function summaryTable(run: BenchmarkRun): string {
  const columns = cellColumns(run);
  const evaluated = evaluationColumns(run, columns);
  const shown: Column[] = [
    ...leadingColumns(columns),
    ...(evaluated.length > 0 ? [columns.fileMb] : []),
    columns.agreement,
    ...evaluated,
    ...(run.native ? [columns.nativeRatio] : []),
  ];
  const rows = [
    shown.map((column) => column.header),
    ...run.cells.map((cell) => shown.map((c) => c.value(cell))),
  ];
  const widths = shown.map((_, index) => Math.max(...rows.map((row) => row[index]?.length ?? 0)));
  const line = (row: readonly string[]) =>
    row
      .map((value, index) => {
        const width = widths[index] ?? 0;
        return shown[index]?.numeric ? value.padStart(width) : value.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const [header = [], ...body] = rows;
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}
