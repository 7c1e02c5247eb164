// The trend chart (uPlot, bundled): one point per version on the x-axis, the chosen metric on the y-axis,
// the 95% CI as a band, points coloured by verdict, dashed lines at baselines, a ring on the selected version.
import uPlot from 'uplot';
import type { HistoryMetric, HistoryView } from '../../../../server/src/protocol';
import { byteUnit, timeUnit, versionLabel } from './format';
import type { ChartPalette } from './theme';

type Column = (number | null)[];

/** What the chart plots for one metric: aligned columns (x first) and how to label them. */
export interface ChartData {
  columns: Column[];
  yLabel: string;
  /** Which columns are the median/primary line, the CI band edges, the verdict point sets. */
  kind: HistoryMetric;
}

const VERDICTS = ['ACCEPT', 'REVIEW', 'REJECT', undefined] as const;

// Splits the primary values into four point sets, one per verdict, so each gets its own colour.
function verdictColumns(view: HistoryView, primary: Column): Column[] {
  return VERDICTS.map((kind) => view.versions.map((v, i) => (v.verdict?.recommendation === kind ? primary[i]! : null)));
}

/** The columns for `metric`, scaled into a readable unit named in the axis label. */
export function chartData(view: HistoryView, metric: HistoryMetric): ChartData {
  const xs = view.versions.map((_, i) => i);
  if (metric === 'time') {
    const max = Math.max(0, ...view.versions.map((v) => v.ci95Ns?.[1] ?? v.medianNs ?? 0));
    const u = timeUnit(max);
    const med = view.versions.map((v) => (v.medianNs === undefined ? null : v.medianNs / u.divisor));
    const lo = view.versions.map((v) => (v.ci95Ns ? v.ci95Ns[0] / u.divisor : null));
    const hi = view.versions.map((v) => (v.ci95Ns ? v.ci95Ns[1] / u.divisor : null));
    return { kind: metric, yLabel: `Median time per call (${u.name})`, columns: [xs, med, lo, hi, ...verdictColumns(view, med)] };
  }
  if (metric === 'alloc') {
    const max = Math.max(0, ...view.versions.map((v) => v.allocatedBytesPerCall ?? 0));
    const u = byteUnit(max);
    const a = view.versions.map((v) => (v.allocatedBytesPerCall === undefined ? null : v.allocatedBytesPerCall / u.divisor));
    return { kind: metric, yLabel: `Allocated per call (${u.name})`, columns: [xs, a, ...verdictColumns(view, a)] };
  }
  const cyc = view.versions.map((v) => v.cyclomatic ?? null);
  const cog = view.versions.map((v) => v.cognitive ?? null);
  return { kind: metric, yLabel: 'Complexity (count)', columns: [xs, cyc, cog] };
}

/** Indices of versions that carry a baseline label. */
export const baselineIndices = (view: HistoryView): number[] =>
  view.versions.flatMap((v, i) => (v.baselines.length > 0 ? [i] : []));

/** A drawn chart the page can update without rebuilding it. */
export interface ChartHandle {
  /** Moves the selection ring (undefined clears it). */
  select(index: number | undefined): void;
  resize(width: number, height: number): void;
  destroy(): void;
}

/**
 * True when versions sit under about 4 px apart: the points would bury the line, so only Review and
 * Reject points are drawn (the ones worth finding), smaller; the line stands for the rest.
 */
export const isDense = (width: number, versions: number): boolean => width / Math.max(versions, 1) < 4;

const X_INCREMENTS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000];

/** Draws `view` into `el` (emptying it first). `onSelect` fires with a version index on click. */
export function drawChart(
  el: HTMLElement,
  view: HistoryView,
  metric: HistoryMetric,
  pal: ChartPalette,
  size: { width: number; height: number },
  selected: number | undefined,
  onSelect: (index: number) => void,
): ChartHandle {
  el.replaceChildren();
  const n = view.versions.length;
  const data = chartData(view, metric);
  const lineWidth = pal.highContrast ? 3 : 2;
  const dense = isDense(size.width, n);
  const pointSize = dense ? 4 : n > 80 ? 7 : 9;
  const baselines = baselineIndices(view);
  let sel = selected;

  const pointsOnly = (label: string, color: string, showWhenDense = false): uPlot.Series => ({
    label,
    stroke: color,
    fill: color,
    paths: () => null,
    points: { show: !dense || showWhenDense, size: pointSize, stroke: pal.highContrast ? pal.foreground : color, fill: color, width: pal.highContrast ? 1 : 0 },
  });
  const line = (label: string, color: string, withPoints: boolean): uPlot.Series => ({
    label,
    stroke: color,
    width: lineWidth,
    spanGaps: true,
    points: { show: withPoints, size: pointSize, stroke: color, fill: color },
  });
  const edge = (label: string): uPlot.Series => ({ label, stroke: 'transparent', width: 0, spanGaps: false, points: { show: false } });

  let series: uPlot.Series[];
  let bands: uPlot.Band[] = [];
  if (metric === 'time') {
    series = [
      {},
      line('Median', pal.median, false),
      edge('95% CI low'),
      edge('95% CI high'),
      pointsOnly('Accept', pal.accept),
      pointsOnly('Review', pal.review, true),
      pointsOnly('Reject', pal.reject, true),
      pointsOnly('No verdict', pal.noVerdict),
    ];
    bands = [{ series: [3, 2], fill: pal.band }];
  } else if (metric === 'alloc') {
    series = [
      {},
      line('Allocated per call', pal.alloc, false),
      pointsOnly('Accept', pal.accept),
      pointsOnly('Review', pal.review, true),
      pointsOnly('Reject', pal.reject, true),
      pointsOnly('No verdict', pal.noVerdict),
    ];
  } else {
    series = [{}, line('Cyclomatic', pal.cyclomatic, true), line('Cognitive', pal.cognitive, true)];
  }

  const axisCommon = {
    stroke: pal.foreground,
    font: pal.font,
    labelFont: pal.labelFont,
    grid: { stroke: pal.grid, width: 1 },
    ticks: { stroke: pal.grid, width: 1 },
  };

  // Draws on top of the series: baseline markers (dashed, labelled) and the selected version's ring.
  const drawMarkers = (u: uPlot): void => {
    const ctx = u.ctx;
    const px = uPlot.pxRatio;
    const top = u.bbox.top;
    const bottom = u.bbox.top + u.bbox.height;
    ctx.save();
    ctx.font = pal.labelFont.replace(/^(\d+)px/, (_m, s: string) => `${Math.round(Number(s) * px)}px`);
    ctx.textBaseline = 'bottom';
    for (const i of baselines) {
      const x = Math.round(u.valToPos(i, 'x', true));
      ctx.strokeStyle = pal.baseline;
      ctx.lineWidth = (pal.highContrast ? 3 : 2) * px;
      ctx.setLineDash([6 * px, 4 * px]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      const text = `Baseline: ${view.versions[i]!.baselines.join(', ')}`;
      const w = ctx.measureText(text).width;
      ctx.fillStyle = pal.baseline;
      // Keep the label inside the canvas when the baseline sits near the right edge.
      const tx = Math.min(x + 4 * px, u.bbox.left + u.bbox.width - w);
      ctx.fillText(text, Math.max(u.bbox.left, tx), top - 4 * px);
    }
    if (sel !== undefined && sel >= 0 && sel < n) {
      const x = Math.round(u.valToPos(sel, 'x', true));
      ctx.setLineDash([]);
      ctx.strokeStyle = pal.selected;
      ctx.lineWidth = 1 * px;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      const y = data.columns[1]![sel];
      if (y !== null && y !== undefined) {
        ctx.lineWidth = 2 * px;
        ctx.beginPath();
        ctx.arc(x, u.valToPos(y, 'y', true), (pointSize / 2 + 4) * px, 0, 2 * Math.PI);
        ctx.stroke();
      }
    }
    ctx.restore();
  };

  const opts: uPlot.Options = {
    width: size.width,
    height: size.height,
    padding: [28, 24, 4, 4],
    legend: { show: false },
    cursor: { y: false, points: { show: false }, drag: { x: false, y: false, setScale: false } },
    scales: {
      x: { time: false, range: (): uPlot.Range.MinMax => [-0.5, Math.max(n, 1) - 0.5] },
      y: { range: (_u, _min, max): uPlot.Range.MinMax => [0, max !== null && max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      {
        ...axisCommon,
        label: 'Version (short commit, or date first seen)',
        incrs: X_INCREMENTS,
        space: 80,
        values: (_u, splits) =>
          splits.map((s) => (Number.isInteger(s) && s >= 0 && s < n ? versionLabel(view.versions[s]!) : '')),
      },
      {
        ...axisCommon,
        label: data.yLabel,
        size: 64,
        // Counts step by whole numbers; times and sizes keep uPlot's default steps (and its tick formatting).
        ...(metric === 'complexity' ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500] } : {}),
      },
    ],
    series,
    bands,
    hooks: { draw: [drawMarkers] },
  };

  const plot = new uPlot(opts, data.columns as uPlot.AlignedData, el);
  plot.over.addEventListener('click', () => {
    const i = plot.cursor.idx;
    if (i !== null && i !== undefined) onSelect(i);
  });

  return {
    select(index) {
      sel = index;
      plot.redraw(false);
    },
    resize(width, height) {
      plot.setSize({ width, height });
    },
    destroy() {
      plot.destroy();
    },
  };
}
