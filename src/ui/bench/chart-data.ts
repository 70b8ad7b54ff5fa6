// Turns a run's cells into the series the benchmark charts draw: latency quantiles per backend,
// every run in order (warm-up first) per backend, and medians across models and backends.

import { quantileSorted } from 'simple-statistics';
import type uPlot from 'uplot';
import type { BenchCell } from '../../bench/run-record';

export interface ChartSeriesData {
  readonly labels: readonly string[];
  readonly data: uPlot.AlignedData;
}

const okCells = (cells: readonly BenchCell[]) =>
  cells.filter((cell) => cell.status === 'ok' && cell.samplesMs.length > 0);

/** x: percentile 0–100; one series per backend: the latency at that percentile. */
export function quantileChart(cells: readonly BenchCell[]): ChartSeriesData {
  const measured = okCells(cells);
  const percentiles = Array.from({ length: 101 }, (_, index) => index);
  const series = measured.map((cell) => {
    const sorted = [...cell.samplesMs].sort((a, b) => a - b);
    return percentiles.map((p) => quantileSorted(sorted, p / 100));
  });
  return { labels: measured.map((cell) => cell.backendConfig.id), data: [percentiles, ...series] };
}

/** x: run number (warm-up runs first); one series per backend, null where a backend made fewer runs. */
export function trendChart(cells: readonly BenchCell[]): ChartSeriesData & { readonly warmupRuns: number } {
  const measured = okCells(cells);
  const runsOf = (cell: BenchCell) => [...cell.warmupMs, ...cell.samplesMs];
  const length = Math.max(0, ...measured.map((cell) => runsOf(cell).length));
  const x = Array.from({ length }, (_, index) => index + 1);
  const series = measured.map((cell) => x.map((_, index) => runsOf(cell)[index] ?? null));
  return {
    labels: measured.map((cell) => cell.backendConfig.id),
    data: [x, ...series],
    warmupRuns: Math.max(0, ...measured.map((cell) => cell.warmupMs.length)),
  };
}

/** x: model index; one series per backend: its median for that model, null where it did not run. */
export function medianChart(
  cells: readonly BenchCell[],
): ChartSeriesData & { readonly models: readonly string[] } {
  const models = [...new Set(cells.map((cell) => cell.modelId))];
  const backends = [...new Set(cells.map((cell) => cell.backendConfig.id))];
  const series = backends.map((backend) =>
    models.map((model) => {
      const cell = cells.find(
        (candidate) => candidate.modelId === model && candidate.backendConfig.id === backend,
      );
      return cell?.stats?.medianMs ?? null;
    }),
  );
  return { labels: backends, models, data: [models.map((_, index) => index), ...series] };
}
