// Turns a run's evaluated cells into the points of the per-model accuracy chart: one point per subject
// (fp32 original, its dtypes, the optimizer's variants) and backend config, at its median latency and
// its accuracy, sized by its model file. A model's variants ("<parentId>~<method>") and dtypes
// ("<id>:<dtype>") share their original's chart.

import { accuracyOf } from '../../bench/evaluation-cell';
import type { BenchCell } from '../../bench/run-record';

export interface AccuracyPoint {
  readonly subjectId: string;
  readonly backendConfigId: string;
  readonly medianMs: number;
  /** 0–1. */
  readonly accuracy: number;
  readonly fileBytes?: number;
  readonly deltaPoints?: number;
}

export interface AccuracyChart {
  /** The original model's id. */
  readonly modelId: string;
  /** The headline metric the points share, e.g. "character accuracy". */
  readonly metric: string;
  readonly points: readonly AccuracyPoint[];
}

/** The original model a subject id belongs to: "ppocr-v4-rec~int8-static" and "x:fp16" → their model. */
export function originalModelId(subjectId: string): string {
  return subjectId.split('~')[0]!.replace(/:[^:]*$/, '');
}

/** One chart per original model with at least one evaluated, measured cell; points in run order. */
export function accuracyCharts(cells: readonly BenchCell[]): AccuracyChart[] {
  const charts = new Map<string, { metric: string; points: AccuracyPoint[] }>();
  for (const cell of cells) {
    const score = accuracyOf(cell);
    if (cell.status !== 'ok' || !cell.stats || !score) continue;
    const modelId = originalModelId(cell.modelId);
    const chart = charts.get(modelId) ?? { metric: score.metric, points: [] };
    charts.set(modelId, chart);
    // A chart plots one metric; a cell scored by another (a changed set) is left out rather than mixed in.
    if (score.metric !== chart.metric) continue;
    chart.points.push({
      subjectId: cell.modelId,
      backendConfigId: cell.backendConfig.id,
      medianMs: cell.stats.medianMs,
      accuracy: score.value,
      ...(cell.modelFile?.bytes !== undefined ? { fileBytes: cell.modelFile.bytes } : {}),
      ...(cell.evaluation?.deltaPoints !== undefined ? { deltaPoints: cell.evaluation.deltaPoints } : {}),
    });
  }
  return [...charts].map(([modelId, chart]) => ({ modelId, ...chart }));
}

/** A label to place: its anchor point, its width in px, and whether it extends left of the anchor. */
export interface LabelBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly left: boolean;
}

/**
 * Baselines for labels so none overlaps another: each label keeps its point's height unless a label
 * placed before it covers that spot, then moves down a line at a time (points at the same place — fp32
 * and fp16 with the same accuracy and similar speed — would otherwise print over each other).
 */
export function placeLabels(labels: readonly LabelBox[], lineHeight: number): number[] {
  const placed: Array<{ x0: number; x1: number; y: number }> = [];
  return labels.map((label) => {
    const x0 = label.left ? label.x - label.width : label.x;
    const x1 = x0 + label.width;
    let y = label.y;
    const clashes = () =>
      placed.some((other) => x0 < other.x1 && other.x0 < x1 && Math.abs(other.y - y) < lineHeight);
    while (clashes()) y += lineHeight;
    placed.push({ x0, x1, y });
    return y;
  });
}
