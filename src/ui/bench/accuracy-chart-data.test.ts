import { describe, expect, it } from 'vitest';
import { makeCell } from '../../bench/test-fixtures';
import { accuracyCharts, originalModelId, placeLabels } from './accuracy-chart-data';

const evaluation = (value: number, metric = 'character accuracy') => ({
  set: 'lines',
  items: 32,
  durationMs: 10,
  scores: [{ metric, value, against: 'truth' as const }],
});

describe('originalModelId', () => {
  it('strips a variant method and a dtype', () => {
    expect(originalModelId('ppocr-v4-rec~int8-static')).toBe('ppocr-v4-rec');
    expect(originalModelId('tiny-bert-sentiment:fp16')).toBe('tiny-bert-sentiment');
    expect(originalModelId('Xenova/model:q8')).toBe('Xenova/model');
    expect(originalModelId('silero-vad-v5')).toBe('silero-vad-v5');
  });
});

describe('accuracyCharts', () => {
  it('puts a model, its variants and dtypes on one chart, one point per subject and backend', () => {
    const charts = accuracyCharts([
      makeCell({ evaluation: evaluation(0.98) }),
      makeCell({
        modelId: 'ppocr-v4-rec~int8-static',
        modelFile: { name: 'v.onnx', sha256: 'c'.repeat(64), bytes: 3_000_000 },
        evaluation: { ...evaluation(0.96), deltaPoints: -2 },
      }),
      makeCell({ modelId: 'silero-vad-v5', evaluation: evaluation(0.97, 'frame agreement with the truth') }),
      makeCell({ modelId: 'ppocr-v4-det' }),
    ]);
    expect(charts.map((chart) => [chart.modelId, chart.metric, chart.points.length])).toEqual([
      ['ppocr-v4-rec', 'character accuracy', 2],
      ['silero-vad-v5', 'frame agreement with the truth', 1],
    ]);
    expect(charts[0]?.points[1]).toEqual({
      subjectId: 'ppocr-v4-rec~int8-static',
      backendConfigId: 'wasm-1t',
      medianMs: 22,
      accuracy: 0.96,
      fileBytes: 3_000_000,
      deltaPoints: -2,
    });
  });

  it('leaves out cells that were not measured or scored by another metric', () => {
    const charts = accuracyCharts([
      makeCell({ evaluation: evaluation(0.98) }),
      makeCell({ evaluation: evaluation(0.5, 'lines read exactly') }),
      makeCell({ status: 'failed', stats: undefined, evaluation: evaluation(0.9) }),
    ]);
    expect(charts[0]?.points).toHaveLength(1);
  });
});

describe('placeLabels', () => {
  it('keeps a label at its point when nothing is in the way', () => {
    expect(placeLabels([{ x: 10, y: 50, width: 40, left: false }], 12)).toEqual([50]);
  });

  it('moves a label that would cover an earlier one down a line at a time', () => {
    const atSameSpot = { x: 100, y: 50, width: 60, left: false };
    expect(placeLabels([atSameSpot, atSameSpot, atSameSpot], 12)).toEqual([50, 62, 74]);
  });

  it('leaves labels alone that only share a height but not a stretch of x, on either side of their point', () => {
    const labels = [
      { x: 100, y: 50, width: 60, left: false }, // 100–160
      { x: 99, y: 50, width: 60, left: true }, // 39–99
      { x: 170, y: 55, width: 30, left: false }, // 170–200
    ];
    expect(placeLabels(labels, 12)).toEqual([50, 50, 55]);
  });
});
