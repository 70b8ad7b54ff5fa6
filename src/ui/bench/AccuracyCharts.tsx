// Speed against accuracy, one chart per model: each subject (the fp32 original, its dtypes, the
// optimizer's variants) on each backend config is a point at its median latency (x) and its accuracy on
// the task's evaluation set (y), its area proportional to its model file, labelled with what it is.
// A small SVG rather than uPlot: uPlot draws series over a shared x array, and a scatter with per-point
// sizes and labels needs its mode-2 facets plus a custom points renderer; SVG gives sizes, labels and
// per-point tooltips directly, and there are only a handful of points.
import { useMemo } from 'react';
import type { BenchCell } from '../../bench/run-record';
import { accuracyCharts, placeLabels, type AccuracyChart, type AccuracyPoint } from './accuracy-chart-data';

const WIDTH = 560;
const HEIGHT = 260;
const MARGIN = { left: 56, right: 24, top: 16, bottom: 40 };
/** Label metrics at font size 10: an average character's width and a line's height, in px. */
const LABEL_CHAR_WIDTH = 5.6;
const LABEL_LINE_HEIGHT = 12;
const COLORS = ['#1d4ed8', '#c2410c', '#15803d', '#7c3aed', '#be185d', '#0e7490'];

/** Radius for a file size: area proportional to bytes, 4–16 px over the chart's range. */
function radiusScale(points: readonly AccuracyPoint[]): (point: AccuracyPoint) => number {
  const largest = Math.max(1, ...points.map((point) => point.fileBytes ?? 0));
  return (point) => 4 + 12 * Math.sqrt((point.fileBytes ?? 0) / largest);
}

/** The y range: down to a little below the lowest point (at most 0), up to 1. */
function accuracyRange(points: readonly AccuracyPoint[]): [number, number] {
  const lowest = Math.min(...points.map((point) => point.accuracy));
  const span = Math.max(0.02, 1 - lowest);
  return [Math.max(0, lowest - span * 0.25), 1];
}

/** What a point is within its model's chart: "fp32", "fp16" (a dtype), "int8-static" (a variant). */
function subjectLabel(subjectId: string, modelId: string): string {
  return subjectId.slice(modelId.length).replace(/^[:~]/, '') || 'fp32';
}

function fileText(bytes: number | undefined): string {
  return bytes === undefined ? 'size unknown' : `${(bytes / 1e6).toPrecision(3)} MB`;
}

function ScatterChart({ chart }: { chart: AccuracyChart }) {
  const { points } = chart;
  const xMax = Math.max(...points.map((point) => point.medianMs)) * 1.15 || 1;
  const [yMin, yMax] = accuracyRange(points);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (ms: number) => MARGIN.left + (ms / xMax) * plotWidth;
  const y = (accuracy: number) => MARGIN.top + (1 - (accuracy - yMin) / (yMax - yMin)) * plotHeight;
  const radius = radiusScale(points);
  const backends = [...new Set(points.map((point) => point.backendConfigId))];
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const labelText = (point: AccuracyPoint) =>
    `${subjectLabel(point.subjectId, chart.modelId)} @ ${point.backendConfigId}`;
  // Labels of points in the right part go to their left, so they stay inside the chart.
  const labelLeft = (point: AccuracyPoint) => x(point.medianMs) > MARGIN.left + plotWidth * 0.6;
  const labelY = placeLabels(
    points.map((point) => ({
      x: labelLeft(point) ? x(point.medianMs) - radius(point) - 3 : x(point.medianMs) + radius(point) + 3,
      y: y(point.accuracy) + 3,
      width: labelText(point).length * LABEL_CHAR_WIDTH,
      left: labelLeft(point),
    })),
    LABEL_LINE_HEIGHT,
  );
  return (
    <figure className="chart accuracy-chart" data-testid={`accuracy-chart-${chart.modelId}`}>
      <figcaption>
        {chart.modelId}: {chart.metric} vs median latency (point area: model file size)
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`${chart.modelId} accuracy chart`}
      >
        {ticks.map((tick) => (
          <g key={`x${tick}`}>
            <line
              x1={x(tick * xMax)}
              x2={x(tick * xMax)}
              y1={MARGIN.top}
              y2={HEIGHT - MARGIN.bottom}
              stroke="#eef0f3"
            />
            <text x={x(tick * xMax)} y={HEIGHT - MARGIN.bottom + 14} textAnchor="middle" fontSize="10">
              {(tick * xMax).toFixed(tick === 0 ? 0 : 1)}
            </text>
          </g>
        ))}
        {ticks.map((tick) => {
          const value = yMin + tick * (yMax - yMin);
          return (
            <g key={`y${tick}`}>
              <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(value)} y2={y(value)} stroke="#eef0f3" />
              <text x={MARGIN.left - 6} y={y(value) + 3} textAnchor="end" fontSize="10">
                {(value * 100).toFixed(1)}%
              </text>
            </g>
          );
        })}
        <text x={MARGIN.left + plotWidth / 2} y={HEIGHT - 6} textAnchor="middle" fontSize="11">
          median latency (ms)
        </text>
        <text
          x={12}
          y={MARGIN.top + plotHeight / 2}
          textAnchor="middle"
          fontSize="11"
          transform={`rotate(-90 12 ${MARGIN.top + plotHeight / 2})`}
        >
          accuracy
        </text>
        {points.map((point, index) => {
          const color = COLORS[backends.indexOf(point.backendConfigId) % COLORS.length];
          const cx = x(point.medianMs);
          const left = labelLeft(point);
          const delta = point.deltaPoints !== undefined ? `, ${point.deltaPoints.toFixed(2)} pt vs fp32` : '';
          return (
            <g
              key={`${point.subjectId} ${point.backendConfigId}`}
              data-testid={`accuracy-point-${point.subjectId}-${point.backendConfigId}`}
              data-accuracy={point.accuracy}
              data-median={point.medianMs}
            >
              <circle
                cx={cx}
                cy={y(point.accuracy)}
                r={radius(point)}
                fill={color}
                fillOpacity={0.35}
                stroke={color}
              >
                <title>
                  {`${point.subjectId} on ${point.backendConfigId}: ${(point.accuracy * 100).toFixed(2)}% ${chart.metric}${delta}, median ${point.medianMs.toFixed(2)} ms, ${fileText(point.fileBytes)}`}
                </title>
              </circle>
              {labelY[index] !== y(point.accuracy) + 3 && (
                // A label moved off its point's line keeps a thin line back to the point.
                <line
                  x1={cx}
                  y1={y(point.accuracy)}
                  x2={left ? cx - radius(point) - 3 : cx + radius(point) + 3}
                  y2={(labelY[index] ?? 0) - 3}
                  stroke={color}
                  strokeWidth={0.75}
                />
              )}
              <text
                x={left ? cx - radius(point) - 3 : cx + radius(point) + 3}
                y={labelY[index]}
                textAnchor={left ? 'end' : 'start'}
                fontSize="10"
              >
                {labelText(point)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function AccuracyCharts({ cells }: { cells: readonly BenchCell[] }) {
  const charts = useMemo(() => accuracyCharts(cells), [cells]);
  if (charts.length === 0) return null;
  return (
    <div className="bench-charts">
      <h3>Accuracy on the evaluation set vs speed</h3>
      <div className="accuracy-charts">
        {charts.map((chart) => (
          <ScatterChart key={chart.modelId} chart={chart} />
        ))}
      </div>
    </div>
  );
}
