/**
 * The fund screen's bar charts, drawn by Chart.js. This module is only ever loaded by the fund
 * screen's dynamic `import('./fund-charts')`, so Chart.js lives in its own chunk (named after
 * this file) that the shell and the other screens never download, and the figures and tables
 * render before it arrives. Only the pieces a bar chart needs are registered (tree-shaken).
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
// Axis and legend text as readable as the page's own small text (Chart.js draws 12 px light grey).
Chart.defaults.color = '#3b4151';
Chart.defaults.font.size = 13;

export interface BarSeries {
  readonly label: string;
  readonly values: readonly number[];
  readonly color: string;
}

export interface BarChartData {
  readonly labels: readonly string[];
  readonly series: readonly BarSeries[];
  /** How an amount reads in tooltips (money in the interface's language, to the cent). */
  readonly format: (value: number) => string;
  /** How an amount reads on the axis (whole dollars: the ticks are round numbers). */
  readonly axisFormat?: (value: number) => string;
}

/** Draws a grouped bar chart on `canvas`; answers the function that removes it. */
export function drawBarChart(canvas: HTMLCanvasElement, data: BarChartData): () => void {
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: [...data.labels],
      datasets: data.series.map((series) => ({
        label: series.label,
        data: [...series.values],
        backgroundColor: series.color,
        borderColor: series.color,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label ?? ''}: ${data.format(Number(item.parsed.y))}`,
          },
        },
      },
      scales: {
        y: {
          beginAtZero: true,
          grace: '5%',
          ticks: { callback: (value) => (data.axisFormat ?? data.format)(Number(value)) },
        },
      },
    },
  });
  return () => chart.destroy();
}
