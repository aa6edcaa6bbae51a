/**
 * A bar chart beside the table that holds its numbers. The canvas is an image whose text
 * alternative is that table (its `aria-label` names it); Chart.js is imported only here, when the
 * chart is drawn, so the page and its tables never wait for it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { defineMessages } from '../../i18n/messages';
import type { BarChartData } from './fund-charts';

const text = defineMessages({
  en: {
    unavailable: 'The chart could not be drawn; the table below has its numbers.',
  },
  es: {
    unavailable: 'No se pudo dibujar el gráfico; la tabla de abajo tiene sus cifras.',
  },
});

export function BarChart(props: {
  readonly data: BarChartData;
  /** The text alternative: what the chart shows and which table holds the same numbers. */
  readonly label: string;
  /** Names the chart for tests and styles (`data-chart`). */
  readonly name: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  // Redraw when the numbers or their labels change (a new page of the ledger, the language).
  const key = JSON.stringify([props.data.labels, props.data.series, props.data.format(1)]);
  useEffect(() => {
    let live = true;
    let destroy: (() => void) | undefined;
    import('./fund-charts').then(
      ({ drawBarChart }) => {
        if (live && canvas.current) destroy = drawBarChart(canvas.current, props.data);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      destroy?.();
    };
  }, [key]);
  return (
    <div class="chart-box">
      {failed ? <p class="notice">{text().unavailable}</p> : null}
      <canvas ref={canvas} role="img" aria-label={props.label} data-chart={props.name} />
    </div>
  );
}
