// The run as pictures: latency quantiles per backend and every run in order (warm-up shaded) for one
// model, and medians across all models and backends on a log scale (the legend gives each median's 95%
// interval). Software-adapter series say so.
import { useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { medianIntervalText } from '../../bench/report-markdown';
import type { BenchCell } from '../../bench/run-record';
import { UPlotChart } from '../UPlotChart';
import { medianChart, quantileChart, trendChart } from './chart-data';

const COLORS = ['#1d4ed8', '#c2410c', '#15803d', '#7c3aed', '#be185d', '#0e7490'];

type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

function seriesFor(labels: readonly string[], cells: readonly BenchCell[], lines: boolean): uPlot.Series[] {
  return labels.map((label, index) => {
    const software = cells.some((cell) => cell.backendConfig.id === label && cell.softwareAdapter);
    return {
      label: software ? `${label} (software adapter)` : label,
      stroke: COLORS[index % COLORS.length],
      width: 2,
      value: (_plot: uPlot, value: number | null) => (value == null ? '–' : `${value.toFixed(2)} ms`),
      ...(lines
        ? {}
        : { paths: () => null, points: { show: true, size: 9, fill: COLORS[index % COLORS.length] } }),
    };
  });
}

export function BenchCharts({ cells }: { cells: readonly BenchCell[] }) {
  const models = useMemo(() => [...new Set(cells.map((cell) => cell.modelId))], [cells]);
  const [chosen, setChosen] = useState<string>();
  const model = chosen && models.includes(chosen) ? chosen : models[0];
  const modelCells = useMemo(() => cells.filter((cell) => cell.modelId === model), [cells, model]);

  const quantiles = useMemo(() => {
    const chart = quantileChart(modelCells);
    const options: ChartOptions = {
      scales: { x: { time: false } },
      axes: [{ label: 'percentile' }, { label: 'latency (ms)' }],
      series: [{ label: 'percentile' }, ...seriesFor(chart.labels, modelCells, true)],
    };
    return { chart, options };
  }, [modelCells]);

  const trend = useMemo(() => {
    const chart = trendChart(modelCells);
    const shadeWarmup = (plot: uPlot) => {
      if (chart.warmupRuns === 0) return;
      const { ctx, bbox } = plot;
      const right = plot.valToPos(chart.warmupRuns + 0.5, 'x', true);
      ctx.save();
      ctx.fillStyle = 'rgba(250, 204, 21, 0.18)';
      ctx.fillRect(bbox.left, bbox.top, Math.max(0, right - bbox.left), bbox.height);
      ctx.restore();
    };
    const options: ChartOptions = {
      scales: { x: { time: false } },
      axes: [
        { label: 'run (warm-up shaded)', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
        { label: 'latency (ms)' },
      ],
      series: [{ label: 'run' }, ...seriesFor(chart.labels, modelCells, true)],
      hooks: { drawClear: [shadeWarmup] },
    };
    return { chart, options };
  }, [modelCells]);

  const medians = useMemo(() => {
    const chart = medianChart(cells);
    const options: ChartOptions = {
      scales: { x: { time: false, range: [-0.5, chart.models.length - 0.5] }, y: { distr: 3 } },
      axes: [
        {
          label: 'model',
          splits: () => chart.models.map((_, index) => index),
          values: (_plot, splits) => splits.map((split) => chart.models[split] ?? ''),
        },
        { label: 'median latency (ms, log scale)' },
      ],
      series: [
        { label: 'model', value: (_plot, value) => (value == null ? '' : (chart.models[value] ?? '')) },
        ...seriesFor(chart.labels, cells, false).map((series, index) => ({
          ...series,
          value: (_plot: uPlot, value: number | null, _series: number, dataIndex: number | null) => {
            if (value == null) return '–';
            const interval = cells.find(
              (cell) =>
                cell.modelId === chart.models[dataIndex ?? -1] &&
                cell.backendConfig.id === chart.labels[index],
            )?.stats?.medianCi95;
            const range = interval ? ` (95% CI of median ${medianIntervalText(interval)})` : '';
            return `${value.toFixed(2)} ms${range}`;
          },
        })),
      ],
    };
    return { chart, options };
  }, [cells]);

  if (models.length === 0) return null;
  return (
    <div className="bench-charts">
      <label>
        Model for the first two charts{' '}
        <select
          value={model}
          onChange={(event) => setChosen(event.target.value)}
          data-testid="bench-chart-model"
        >
          {models.map((id) => (
            <option key={id}>{id}</option>
          ))}
        </select>
      </label>
      <h3>Latency distribution (quantiles) — {model}</h3>
      <UPlotChart
        options={quantiles.options}
        data={quantiles.chart.data}
        height={240}
        testId="chart-quantiles"
        label={`Latency quantiles per backend for ${model}`}
      />
      <h3>Every run in order — {model}</h3>
      <UPlotChart
        options={trend.options}
        data={trend.chart.data}
        height={240}
        testId="chart-trend"
        label={`Latency of every run per backend for ${model}`}
      />
      <h3>Median latency across models and backends</h3>
      <UPlotChart
        options={medians.options}
        data={medians.chart.data}
        height={260}
        testId="chart-medians"
        label="Median latency per model and backend"
      />
    </div>
  );
}
