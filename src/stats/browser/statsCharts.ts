import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartDataset } from 'chart.js';
import { byteStep, formatBytes, formatPercent, formatRate, formatTick, timeTicks } from '../statsFormat';
import { RANGE_MS, type ChartPoint, type TimeRange } from '../statsProtocol';

// Only what these line charts use, so the bundle leaves the rest of chart.js out.
Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Legend);

type Field = Exclude<keyof ChartPoint, 't'>;
type Colour = 'blue' | 'red' | 'green' | 'orange' | 'purple' | 'yellow';

interface SeriesSpec {
  field: Field;
  label: string;
  colour: Colour;
  dashed?: boolean;
}

interface ChartSpec {
  id: string;
  title: string;
  series: SeriesSpec[];
  format: (value: number) => string;
  percent?: boolean;
  /** Byte values: steps of binary units, and an axis up to at least this when all is zero. */
  minBytesMax?: number;
}

const SPECS: ChartSpec[] = [
  { id: 'cpu', title: 'CPU', series: [{ field: 'cpu', label: 'CPU %', colour: 'blue' }], format: formatPercent, percent: true },
  {
    id: 'memory',
    title: 'Memory',
    series: [
      { field: 'memUsed', label: 'Used', colour: 'purple' },
      { field: 'memLimit', label: 'Limit', colour: 'red', dashed: true },
    ],
    format: formatBytes,
    minBytesMax: 1024 * 1024,
  },
  {
    id: 'network',
    title: 'Network',
    series: [
      { field: 'rxRate', label: 'Receive', colour: 'green' },
      { field: 'txRate', label: 'Send', colour: 'orange' },
    ],
    format: formatRate,
    minBytesMax: 1024,
  },
  {
    id: 'blockio',
    title: 'Block I/O',
    series: [
      { field: 'readRate', label: 'Read', colour: 'blue' },
      { field: 'writeRate', label: 'Write', colour: 'yellow' },
    ],
    format: formatRate,
    minBytesMax: 1024,
  },
];

// Used when a theme does not define a charts colour (older VS Code builds).
const FALLBACK: Record<Colour, string> = { blue: '#3794ff', red: '#f14c4c', green: '#89d185', orange: '#d18616', purple: '#b180d7', yellow: '#cca700' };

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value.length > 0 ? value : fallback;
}

interface ThemeColours {
  series: Record<Colour, string>;
  text: string;
  grid: string;
  font: string;
}

function themeColours(): ThemeColours {
  const series = {} as Record<Colour, string>;
  for (const colour of Object.keys(FALLBACK) as Colour[]) series[colour] = cssVar(`--vscode-charts-${colour}`, FALLBACK[colour]);
  return {
    series,
    text: cssVar('--vscode-descriptionForeground', cssVar('--vscode-foreground', '#888')),
    grid: cssVar('--vscode-editorWidget-border', cssVar('--vscode-panel-border', 'rgba(128,128,128,0.35)')),
    font: cssVar('--vscode-font-family', 'sans-serif'),
  };
}

type XY = { x: number; y: number | null };

/** The four dashboard charts; points are replaced per range and appended live. */
export class StatsCharts {
  private readonly charts: Array<{ spec: ChartSpec; chart: Chart<'line', XY[]>; wrapper: HTMLElement }> = [];
  private points: ChartPoint[] = [];
  private range: TimeRange = 'live';
  /** Set once the user toggled a memory series in the legend: their choice then stands. */
  private memoryChosenByUser = false;

  constructor(container: HTMLElement) {
    const colours = themeColours();
    Chart.defaults.font.family = colours.font;
    for (const spec of SPECS) {
      const wrapper = document.createElement('section');
      wrapper.className = 'chart';
      wrapper.dataset.chart = spec.id;
      const heading = document.createElement('h2');
      heading.textContent = spec.title;
      const box = document.createElement('div');
      box.className = 'chart-box';
      const canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `${spec.title} over time`);
      box.append(canvas);
      wrapper.append(heading, box);
      container.append(wrapper);
      const chart = new Chart<'line', XY[]>(canvas, {
        type: 'line',
        data: { datasets: spec.series.map((series) => this.dataset(series, colours)) },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          parsing: false,
          normalized: true,
          spanGaps: false,
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: {
              type: 'linear',
              ticks: { maxRotation: 0, autoSkip: true, callback: (value) => formatTick(Number(value), this.range) },
              afterBuildTicks: (axis) => {
                axis.ticks = timeTicks(axis.min, axis.max, this.range).map((value) => ({ value }));
              },
            },
            y: {
              type: 'linear',
              beginAtZero: true,
              suggestedMax: spec.percent ? 100 : spec.minBytesMax,
              ticks: { maxTicksLimit: 6, callback: (value) => spec.format(Number(value)) },
            },
          },
          plugins: {
            legend: {
              display: spec.series.length > 1,
              labels: { boxWidth: 12, boxHeight: 2 },
              // Shows or hides a series on demand (the memory limit, say) and fits the axis to what is shown.
              onClick: (_event, item, legend) => {
                const index = item.datasetIndex;
                if (index === undefined) return;
                legend.chart.setDatasetVisibility(index, !legend.chart.isDatasetVisible(index));
                if (spec.id === 'memory') this.memoryChosenByUser = true;
                this.render();
              },
            },
            tooltip: {
              callbacks: {
                title: (items) => (items.length > 0 ? new Date(items[0].parsed.x ?? 0).toLocaleString() : ''),
                label: (item) => `${item.dataset.label ?? ''}: ${item.parsed.y === null ? '–' : spec.format(item.parsed.y)}`,
              },
            },
          },
        },
      });
      this.charts.push({ spec, chart, wrapper });
    }
    this.applyTheme();
  }

  /** Replaces every chart's data (a new range, or catching up after being hidden). */
  setPoints(range: TimeRange, points: ChartPoint[]): void {
    this.range = range;
    this.points = [...points];
    this.render();
  }

  /** Adds live points, dropping those that fell out of the window. */
  append(points: ChartPoint[]): void {
    if (points.length === 0) return;
    this.points.push(...points);
    const cutoff = Date.now() - RANGE_MS[this.range];
    const first = this.points.findIndex((p) => p.t >= cutoff);
    if (first > 0) this.points.splice(0, first);
    this.render();
  }

  /**
   * Shows the memory limit line only for a container that has a limit: without one the engine's
   * "limit" is the host's memory, and an axis up to it flattens the usage. The legend shows it on demand.
   */
  showMemoryLimit(shown: boolean): void {
    if (this.memoryChosenByUser) return;
    const memory = this.charts.find((c) => c.spec.id === 'memory');
    const index = memory?.spec.series.findIndex((s) => s.field === 'memLimit') ?? -1;
    if (!memory || index < 0 || memory.chart.isDatasetVisible(index) === shown) return;
    memory.chart.setDatasetVisibility(index, shown);
    this.render();
  }

  /** Re-reads the theme's colours: VS Code changes the CSS variables when the theme changes. */
  applyTheme(): void {
    const colours = themeColours();
    Chart.defaults.font.family = colours.font;
    for (const { spec, chart } of this.charts) {
      spec.series.forEach((series, i) => {
        const dataset = chart.data.datasets[i];
        dataset.borderColor = colours.series[series.colour];
        dataset.backgroundColor = colours.series[series.colour];
      });
      const scales = chart.options.scales ?? {};
      for (const axis of ['x', 'y'] as const) {
        const scale = scales[axis];
        if (!scale) continue;
        if (scale.ticks) scale.ticks.color = colours.text;
        scale.grid = { ...(scale.grid ?? {}), color: colours.grid };
        scale.border = { ...(scale.border ?? {}), color: colours.grid };
      }
      const legend = chart.options.plugins?.legend;
      if (legend?.labels) legend.labels.color = colours.text;
      chart.update('none');
    }
  }

  private render(): void {
    const now = Date.now();
    const lastT = this.points.length > 0 ? this.points[this.points.length - 1].t : now;
    const max = this.range === 'live' ? Math.max(now, lastT) : now;
    const min = max - RANGE_MS[this.range];
    let total = 0;
    for (const { spec, chart, wrapper } of this.charts) {
      let shown = 0;
      spec.series.forEach((series, i) => {
        const data = this.points.map((p) => ({ x: p.t, y: p[series.field] }));
        if (chart.isDatasetVisible(i)) shown += data.filter((d) => d.y !== null).length;
        chart.data.datasets[i].data = data;
      });
      const x = chart.options.scales?.x;
      if (x) {
        x.min = min;
        x.max = max;
      }
      const y = chart.options.scales?.y;
      if (spec.minBytesMax !== undefined && y?.ticks) {
        // Hidden series do not count, as Chart.js leaves them out of the axis range too.
        let top = spec.minBytesMax;
        chart.data.datasets.forEach((dataset, i) => {
          if (!chart.isDatasetVisible(i)) return;
          for (const d of dataset.data) if (d.y !== null && d.y > top) top = d.y;
        });
        (y.ticks as { stepSize?: number }).stepSize = byteStep(top);
        wrapper.dataset.axisTop = String(top);
      }
      // Few points: show them as dots too, so a single sample is visible at all.
      const radius = this.points.length <= 60 ? 2 : 0;
      for (const dataset of chart.data.datasets) (dataset as ChartDataset<'line', XY[]>).pointRadius = radius;
      chart.update('none');
      wrapper.dataset.points = String(shown);
      wrapper.dataset.hiddenSeries = spec.series.filter((_, i) => !chart.isDatasetVisible(i)).map((s) => s.label).join(',');
      total += shown;
    }
    document.body.dataset.points = String(total);
  }

  private dataset(series: SeriesSpec, colours: ThemeColours): ChartDataset<'line', XY[]> {
    return {
      label: series.label,
      data: [],
      borderColor: colours.series[series.colour],
      backgroundColor: colours.series[series.colour],
      borderWidth: 1.5,
      borderDash: series.dashed ? [6, 4] : undefined,
      // Until the header says the container has a memory limit, the host's memory is not drawn as one.
      hidden: series.field === 'memLimit',
      pointRadius: 0,
      pointHoverRadius: 3,
      tension: 0,
    };
  }
}
