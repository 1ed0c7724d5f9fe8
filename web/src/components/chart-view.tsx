// A Chart.js chart in a canvas that the page lays out: recreated when its configuration
// changes, destroyed with the component. The canvas carries a text label for screen readers.

import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { Chart } from '../charts/chart-setup.js';

export function ChartView(props: {
  /** Build it with useMemo: a new object redraws the chart. */
  config: ChartConfiguration;
  /** What the chart shows, in words. */
  label: string;
  size?: 'small' | 'medium' | 'large';
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, props.config);
    return () => chart.destroy();
  }, [props.config]);
  return (
    <div class={`chart chart--${props.size ?? 'medium'}`}>
      <canvas ref={canvas} role="img" aria-label={props.label}>
        {props.label}
      </canvas>
    </div>
  );
}
