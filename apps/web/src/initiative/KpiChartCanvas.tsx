// The uPlot canvas of one KPI: loaded on demand (with its CSS), so that pages without charts,
// My work above all, never download it.
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { CHART_COLOURS } from './chart-palette';
import type { ChartModel, ChartWindow } from './chart-data';

export interface ChartLabels {
  time: string;
  value: string;
  baseline: string;
  target: string;
  /** The label drawn over a window (its observed aggregate and verdict). */
  window: (window: ChartWindow) => string;
  formatTime: (seconds: number, span: number) => string;
  formatValue: (value: number) => string;
}

const HEIGHT = 280;

/** Keeps what a hook draws inside the plot area. */
function clipToPlot(u: uPlot): void {
  const { left, top, width, height } = u.bbox;
  u.ctx.beginPath();
  u.ctx.rect(left, top, width, height);
  u.ctx.clip();
}

function drawWindows(u: uPlot, windows: ChartWindow[]): void {
  const { ctx } = u;
  const { top, height } = u.bbox;
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  clipToPlot(u);
  for (const w of windows) {
    const left = u.valToPos(w.from, 'x', true);
    const right = u.valToPos(w.to, 'x', true);
    ctx.fillStyle = CHART_COLOURS.window[w.kind];
    ctx.fillRect(left, top, Math.max(right - left, 2 * ratio), height);
  }
  ctx.restore();
}

function drawObserved(u: uPlot, windows: ChartWindow[], labels: ChartLabels): void {
  const { ctx } = u;
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  clipToPlot(u);
  ctx.font = `${12 * ratio}px system-ui, sans-serif`;
  // uPlot leaves the alignment of its last axis label behind.
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  for (const w of windows) {
    if (w.observed === null || w.kind === 'open') continue;
    const left = u.valToPos(w.from, 'x', true);
    const right = u.valToPos(w.to, 'x', true);
    const y = u.valToPos(w.observed, 'y', true);
    const colour = CHART_COLOURS.verdict[w.verdict ?? 'none'];
    ctx.strokeStyle = colour;
    ctx.setLineDash([]);
    ctx.lineWidth = 3 * ratio;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(Math.max(right, left + 2 * ratio), y);
    ctx.stroke();
    if (w.kind === 'follow-up') {
      ctx.setLineDash([3 * ratio, 3 * ratio]);
      ctx.lineWidth = 1.5 * ratio;
      ctx.beginPath();
      ctx.moveTo(right, u.bbox.top);
      ctx.lineTo(right, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.fillStyle = colour;
    // Evaluations are labelled above their line, follow-ups below: neighbours do not overlap.
    const below = w.kind === 'follow-up';
    ctx.textBaseline = below ? 'top' : 'bottom';
    ctx.fillText(
      labels.window(w),
      Math.max(left, u.bbox.left) + 4 * ratio,
      below ? y + 5 * ratio : y - 4 * ratio,
    );
  }
  ctx.restore();
}

export default function KpiChartCanvas({ model, labels }: { model: ChartModel; labels: ChartLabels }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const span = model.x.max - model.x.min;
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 280),
      height: HEIGHT,
      scales: {
        x: { time: true, range: [model.x.min, model.x.max] },
        y: { range: [model.y.min, model.y.max] },
      },
      axes: [
        {
          stroke: CHART_COLOURS.axis,
          grid: { stroke: CHART_COLOURS.grid },
          // Room for a whole time label between ticks.
          space: 110,
          values: (_u, splits) => splits.map((s) => labels.formatTime(s, span)),
        },
        {
          stroke: CHART_COLOURS.axis,
          grid: { stroke: CHART_COLOURS.grid },
          values: (_u, splits) => splits.map((v) => labels.formatValue(v)),
          size: 56,
        },
      ],
      series: [
        { label: labels.time, value: (_u, v) => (v == null ? '—' : labels.formatTime(v, 0)) },
        {
          label: labels.value,
          stroke: CHART_COLOURS.value,
          width: 2,
          spanGaps: true,
          points: { show: true, size: 5, fill: CHART_COLOURS.value },
          value: (_u, v) => (v == null ? '—' : labels.formatValue(v)),
        },
        {
          label: labels.baseline,
          stroke: CHART_COLOURS.baseline,
          width: 1.5,
          dash: [8, 5],
          points: { show: false },
          value: (_u, v) => (v == null ? '—' : labels.formatValue(v)),
        },
        {
          label: labels.target,
          stroke: CHART_COLOURS.target,
          width: 1.5,
          dash: [3, 3],
          points: { show: false },
          value: (_u, v) => (v == null ? '—' : labels.formatValue(v)),
        },
      ],
      hooks: {
        drawClear: [(u) => drawWindows(u, model.windows)],
        draw: [(u) => drawObserved(u, model.windows, labels)],
      },
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
    };
    const chart = new uPlot(options, model.data, element);
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(element.clientWidth, 280), height: HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [model, labels]);
  return <div ref={container} className="chart-canvas" aria-hidden="true" />;
}
