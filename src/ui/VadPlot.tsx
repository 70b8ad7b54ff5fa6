// The VAD picture: the waveform envelope, the per-frame speech probability on a 0–1 axis, and the
// detected speech segments shaded behind them.
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { waveformSeries } from './plot-data';
import { UPlotChart } from './UPlotChart';

interface VadPlotProps {
  readonly samples: Float32Array;
  readonly sampleRate: number;
  readonly probabilities: Float32Array;
  readonly frameSeconds: number;
  readonly segments: ReadonlyArray<{ readonly startS: number; readonly endS: number }>;
  readonly threshold: number;
}

export function VadPlot({
  samples,
  sampleRate,
  probabilities,
  frameSeconds,
  segments,
  threshold,
}: VadPlotProps) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const series = waveformSeries(samples, sampleRate, probabilities, frameSeconds);
    return [series.times, series.maximum, series.minimum, series.probability];
  }, [samples, sampleRate, probabilities, frameSeconds]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const shadeSegments = (plot: uPlot) => {
      const { ctx, bbox } = plot;
      ctx.save();
      ctx.fillStyle = 'rgba(46, 160, 67, 0.18)';
      for (const segment of segments) {
        const left = plot.valToPos(segment.startS, 'x', true);
        const right = plot.valToPos(segment.endS, 'x', true);
        ctx.fillRect(left, bbox.top, Math.max(1, right - left), bbox.height);
      }
      const y = plot.valToPos(threshold, 'p', true);
      ctx.strokeStyle = 'rgba(200, 80, 0, 0.6)';
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(bbox.left, y);
      ctx.lineTo(bbox.left + bbox.width, y);
      ctx.stroke();
      ctx.restore();
    };
    return {
      scales: { x: { time: false }, amp: { range: [-1, 1] }, p: { range: [0, 1] } },
      axes: [
        { label: 'seconds' },
        { scale: 'amp', label: 'amplitude' },
        { scale: 'p', side: 1, label: 'speech probability', grid: { show: false } },
      ],
      series: [
        { label: 'time (s)', value: (_plot, value) => (value == null ? '' : value.toFixed(2)) },
        { label: 'waveform max', scale: 'amp', stroke: '#7a8ca3', width: 1 },
        { label: 'waveform min', scale: 'amp', stroke: '#7a8ca3', width: 1 },
        { label: 'speech probability', scale: 'p', stroke: '#c2410c', width: 2 },
      ],
      bands: [{ series: [1, 2], fill: 'rgba(122, 140, 163, 0.35)' }],
      hooks: { drawClear: [shadeSegments] },
    };
  }, [segments, threshold]);
  return (
    <UPlotChart
      options={options}
      data={data}
      height={260}
      testId="vad-plot"
      label="Waveform with speech segments and speech probability"
    />
  );
}
