// One React wrapper around uPlot, used by every chart: creates the plot, keeps it as wide as its
// container, and destroys it when the options or data change or the component goes away.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface UPlotChartProps {
  /** Everything but the size, which follows the container. */
  readonly options: Omit<uPlot.Options, 'width' | 'height'>;
  readonly data: uPlot.AlignedData;
  readonly height: number;
  readonly testId: string;
  readonly label: string;
}

export function UPlotChart({ options, data, height, testId, label }: UPlotChartProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const width = () => Math.max(320, element.clientWidth);
    const plot = new uPlot({ ...options, width: width(), height }, data, element);
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [options, data, height]);
  return <div ref={container} className="chart" data-testid={testId} role="img" aria-label={label} />;
}
