// Turns benchmark run records into files and back: JSON for re-importing and comparing runs, CSV
// (one row per cell) for spreadsheets, and a file name to save them under. Imports are checked
// against the shared JSON Schema, so a hand-edited or foreign file fails with a readable message.

import Papa from 'papaparse';
import { accuracyOf } from './evaluation-cell';
import { validateRunRecord } from './record-schema';
import type { BenchCell, BenchmarkRun } from './run-record';
import { errorMessage } from '../core/errors';

/** The CSV header, in column order. */
export const CSV_COLUMNS = [
  'run_id',
  'label',
  'started_at',
  'model',
  'backend_config',
  'backend',
  'threads',
  'runtime_build',
  'status',
  'reason',
  'input',
  'fetch_ms',
  'fetch_source',
  'runtime_start_ms',
  'create_session_ms',
  'first_inference_ms',
  'count',
  'mean_ms',
  'median_ms',
  'median_ci95_low_ms',
  'median_ci95_high_ms',
  'median_ci95_coverage',
  'p90_ms',
  'p99_ms',
  'min_ms',
  'max_ms',
  'std_dev_ms',
  'mean_ci95_low_ms',
  'mean_ci95_high_ms',
  'throughput_per_s',
  'max_abs_diff',
  'cosine_min',
  'within_tolerance',
  'task_level',
  'software_adapter',
  'calls_per_sample',
  'timer_resolution_ms',
  'cross_origin_isolated',
  'memory_before_bytes',
  'memory_loaded_bytes',
  'memory_released_bytes',
  'wasm_heap_bytes',
  'file_bytes',
  'evaluation_set',
  'accuracy_metric',
  'accuracy',
  'accuracy_reference',
  'accuracy_delta_points',
  'evaluation_ms',
] as const;

type CsvColumn = (typeof CSV_COLUMNS)[number];
type CsvValue = string | number | boolean;

/** Pretty-printed JSON with keys in the order the record was built; ends with a newline. */
export function runToJson(run: BenchmarkRun): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}

/** Parses and validates an exported run; throws "not JSON: …" or the schema problems. */
export function runFromJson(text: string): BenchmarkRun {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${errorMessage(error)}`, { cause: error });
  }
  return validateRunRecord(value);
}

/**
 * One row per cell with the columns of CSV_COLUMNS; absent values are empty; CRLF line ends (RFC 4180).
 * Text that starts like a spreadsheet formula (=, +, -, @) gets a leading ' so opening the file runs nothing.
 */
export function runToCsv(run: BenchmarkRun): string {
  const rows = run.cells.map((cell) => {
    const row = csvRow(run, cell);
    return CSV_COLUMNS.map((column) => row[column] ?? '');
  });
  const csv = Papa.unparse(
    { fields: [...CSV_COLUMNS], data: rows },
    { escapeFormulae: true, newline: '\r\n' },
  );
  // papaparse ends the text with a line break only when there are no rows; always end with one.
  return csv.endsWith('\r\n') ? csv : `${csv}\r\n`;
}

function csvRow(run: BenchmarkRun, cell: BenchCell): Record<CsvColumn, CsvValue | undefined> {
  const { phases, stats, agreement, evaluation } = cell;
  const tensors = agreement?.tensors ?? [];
  const accuracy = accuracyOf(cell);
  return {
    run_id: run.id,
    label: run.label,
    started_at: run.startedAt,
    model: cell.modelId,
    backend_config: cell.backendConfig.id,
    backend: cell.backendConfig.backend,
    threads: cell.backendConfig.threads,
    runtime_build: cell.runtimeBuild ?? '',
    status: cell.status,
    reason: cell.reason,
    input: cell.inputDescription,
    fetch_ms: phases?.fetchMs,
    fetch_source: phases?.fetchSource,
    runtime_start_ms: phases?.runtimeStartMs,
    create_session_ms: phases?.createSessionMs,
    first_inference_ms: phases?.firstInferenceMs,
    count: stats?.count,
    mean_ms: stats?.meanMs,
    median_ms: stats?.medianMs,
    median_ci95_low_ms: stats?.medianCi95?.lowMs,
    median_ci95_high_ms: stats?.medianCi95?.highMs,
    median_ci95_coverage: stats?.medianCi95?.coverage,
    p90_ms: stats?.p90Ms,
    p99_ms: stats?.p99Ms,
    min_ms: stats?.minMs,
    max_ms: stats?.maxMs,
    std_dev_ms: stats?.stdDevMs,
    mean_ci95_low_ms: stats?.ci95LowMs,
    mean_ci95_high_ms: stats?.ci95HighMs,
    throughput_per_s: stats?.throughputPerS,
    max_abs_diff: tensors.length > 0 ? Math.max(...tensors.map((t) => t.maxAbsDiff)) : undefined,
    cosine_min: tensors.length > 0 ? Math.min(...tensors.map((t) => t.cosineSimilarity)) : undefined,
    within_tolerance: agreement?.withinTolerance,
    task_level: agreement?.taskLevel,
    software_adapter: cell.softwareAdapter,
    calls_per_sample: cell.callsPerSample,
    timer_resolution_ms: cell.timer?.resolutionMs,
    cross_origin_isolated: cell.timer?.crossOriginIsolated,
    memory_before_bytes: cell.memory?.beforeBytes,
    memory_loaded_bytes: cell.memory?.loadedBytes,
    // Records from before loaded readings kept the after-cell reading as afterBytes.
    memory_released_bytes: cell.memory?.releasedBytes ?? cell.memory?.afterBytes,
    wasm_heap_bytes: cell.memory?.wasmHeapBytes,
    file_bytes: cell.modelFile?.bytes,
    evaluation_set: evaluation?.set,
    accuracy_metric: accuracy?.metric,
    accuracy: accuracy?.value,
    accuracy_reference: evaluation?.reference,
    accuracy_delta_points: evaluation?.deltaPoints,
    evaluation_ms: evaluation?.durationMs,
  };
}

/** e.g. `on-device-lab-laptop-battery-2025-03-14T09-26-53.json`; safe on every file system. */
export function suggestedFileName(run: BenchmarkRun, ext: 'json' | 'csv'): string {
  const parts = ['on-device-lab', fileSafe(run.label.toLowerCase(), 40), fileSafe(run.startedAt, 19)];
  return `${parts.filter((part) => part !== '').join('-')}.${ext}`;
}

/** Letters and digits of `text` with dashes between runs of anything else, at most `maxLength` long. */
function fileSafe(text: string, maxLength: number): string {
  return text
    .replace(/[^A-Za-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
}
