// Entry of the history panel's page (bundled to media/dist/panel.js): receives validated data from the
// host, renders chart, legend, details and table, and keeps its state across hide/show and reloads.
import type { HistoryFunctionEntry, HistoryMetric, HistoryRequest, HistoryView, LineCostsView, PanelToHostMessage } from '../../../../server/src/protocol';
import { baselineIndex } from '../baseline';
import { isHistoryFunctionEntry, isHistoryTarget, isHistoryView, isHostToPanelMessage, isLineCostsView } from '../messages';
import { baselineIndices, drawChart, isDense, type ChartHandle } from './chart';
import { renderDetails } from './details';
import { renderLineCosts } from './flame';
import { formatBytes, formatNs, versionLabel } from './format';
import { isColumnKey, renderTable, type SortState, type TableHandle } from './table';
import { readPalette } from './theme';

type Target = HistoryRequest.Params;

/** What the page keeps with setState: enough to redraw at once after a reload, before the host answers. */
interface PanelState {
  target?: Target;
  view?: HistoryView | null;
  functions: HistoryFunctionEntry[];
  metric: HistoryMetric;
  selectedId?: string;
  sort: SortState;
  /** Per-line costs of the latest run in this session, when the server has them. */
  lines?: LineCostsView | null;
}

interface VsCodeApi {
  postMessage(message: PanelToHostMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const METRICS: HistoryMetric[] = ['time', 'alloc', 'complexity'];

// State restored from VS Code is ours, but it crossed a serialisation boundary: check it before use.
function restoreState(raw: unknown): PanelState {
  const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const sort = s.sort as Record<string, unknown> | undefined;
  return {
    target: isHistoryTarget(s.target) ? s.target : undefined,
    view: s.view === null ? null : isHistoryView(s.view) ? s.view : undefined,
    functions: Array.isArray(s.functions) ? s.functions.filter(isHistoryFunctionEntry) : [],
    metric: METRICS.includes(s.metric as HistoryMetric) ? (s.metric as HistoryMetric) : 'time',
    selectedId: typeof s.selectedId === 'string' ? s.selectedId : undefined,
    sort: sort && isColumnKey(sort.key) && (sort.dir === 'asc' || sort.dir === 'desc') ? { key: sort.key, dir: sort.dir } : { key: 'index', dir: 'asc' },
    lines: isLineCostsView(s.lines) ? s.lines : null,
  };
}

const state = restoreState(vscode.getState());
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const picker = $<HTMLSelectElement>('function-picker');
const title = $<HTMLHeadingElement>('title');
const status = $<HTMLParagraphElement>('status');
const chartEl = $<HTMLDivElement>('chart');
const legend = $<HTMLUListElement>('legend');
const details = $<HTMLElement>('details');
const table = $<HTMLTableElement>('versions');
const pager = $<HTMLElement>('pager');
const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('[role=tab]'));

let chart: ChartHandle | undefined;
let tableHandle: TableHandle | undefined;

const post = (m: PanelToHostMessage): void => vscode.postMessage(m);
// setState copies the whole state (up to 1,000 versions) to the host: coalesce bursts (renders, held-down
// arrow keys) into one copy after the current task.
let saveTimer: ReturnType<typeof setTimeout> | undefined;
const save = (): void => {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => vscode.setState(state), 0);
};
const selectedIndex = (): number | undefined => {
  const i = state.view?.versions.findIndex((v) => v.id === state.selectedId) ?? -1;
  return i >= 0 ? i : undefined;
};
const chartSize = (): { width: number; height: number } => ({
  width: Math.max(320, chartEl.clientWidth || document.body.clientWidth - 32),
  height: 320,
});

function renderPicker(): void {
  const opts = state.functions.map((f, i) => {
    const o = document.createElement('option');
    o.value = String(i);
    o.textContent = `${f.qualifiedName} — ${f.file} (${f.versionCount} version${f.versionCount === 1 ? '' : 's'})`;
    o.selected = state.target !== undefined && f.uri === state.target.uri && f.qualifiedName === state.target.qualifiedName;
    return o;
  });
  // The shown function may not be in the list yet (no runs stored): keep it selectable by name.
  if (state.target && !opts.some((o) => o.selected)) {
    const o = document.createElement('option');
    o.value = 'current';
    o.textContent = state.target.qualifiedName;
    o.selected = true;
    opts.unshift(o);
  }
  picker.replaceChildren(...opts);
  picker.disabled = opts.length === 0;
}

function legendItem(text: string, swatch: string): HTMLLIElement {
  const li = document.createElement('li');
  const s = document.createElement('span');
  s.className = `swatch ${swatch}`;
  s.setAttribute('aria-hidden', 'true');
  li.append(s, document.createTextNode(text));
  return li;
}

function renderLegend(view: HistoryView): void {
  const items: HTMLLIElement[] = [];
  const dense = isDense(chartSize().width, view.versions.length);
  // Dense charts draw no Accept / no-verdict points: the line stands for them, and the legend says so.
  const lineNote = dense ? ' (points: Review and Reject only)' : '';
  if (state.metric === 'time') items.push(legendItem(`Median time${lineNote}`, 'line-median'), legendItem('95% confidence interval', 'band'));
  if (state.metric === 'alloc') items.push(legendItem(`Allocated bytes per call${lineNote}`, 'line-alloc'));
  if (state.metric === 'complexity') items.push(legendItem('Cyclomatic', 'line-cyclomatic'), legendItem('Cognitive', 'line-cognitive'));
  else {
    if (!dense) items.push(legendItem('Accept', 'point verdict-accept'));
    items.push(legendItem('Review', 'point verdict-review'), legendItem('Reject', 'point verdict-reject'));
    if (!dense) items.push(legendItem('No verdict', 'point verdict-none'));
  }
  if (baselineIndices(view).length > 0) items.push(legendItem('Baseline', 'line-baseline'));
  legend.replaceChildren(...items);
}

// A one-sentence summary for screen readers; the table carries the full data.
function chartLabel(view: HistoryView): string {
  const n = view.versions.length;
  const first = view.versions[0];
  const last = view.versions[n - 1];
  if (!first || !last) return 'No versions to chart.';
  const metric = state.metric === 'time' ? 'Median time per call' : state.metric === 'alloc' ? 'Allocated bytes per call' : 'Complexity';
  const value = (i: number): string => {
    const v = view.versions[i]!;
    return state.metric === 'time' ? formatNs(v.medianNs) : state.metric === 'alloc' ? formatBytes(v.allocatedBytesPerCall) : `cyclomatic ${v.cyclomatic ?? '—'}`;
  };
  const b = baselineIndex(view);
  return `${metric} for ${n} versions of ${view.qualifiedName}, from ${versionLabel(first)} (${value(0)}) to ${versionLabel(last)} (${value(n - 1)})${b === undefined ? '' : `; baseline ${versionLabel(view.versions[b]!)} (${value(b)})`}. Use the arrow keys to step through versions; the table below lists every value.`;
}

const onDiff = (versionId: string): void => post({ type: 'openDiff', versionId });

function select(index: number | undefined, from: 'chart' | 'table' | 'init' = 'init'): void {
  const view = state.view;
  if (!view) return;
  state.selectedId = index === undefined ? undefined : view.versions[index]?.id;
  chart?.select(index);
  tableHandle?.select(index, from === 'table');
  renderDetails(details, view, index, baselineIndex(view), onDiff);
  save();
}

function renderChart(): void {
  const view = state.view;
  chart?.destroy();
  chart = undefined;
  if (!view || view.versions.length === 0) {
    chartEl.replaceChildren();
    return;
  }
  renderLegend(view);
  chartEl.setAttribute('aria-label', chartLabel(view));
  chart = drawChart(chartEl, view, state.metric, readPalette(), chartSize(), selectedIndex(), (i) => select(i, 'chart'));
}

function renderTabs(): void {
  for (const t of tabs) {
    const on = t.dataset.metric === state.metric;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    if (on) $('chart-panel').setAttribute('aria-labelledby', t.id);
  }
}

function renderTableNow(): void {
  const view = state.view;
  if (!view) {
    table.tBodies[0]?.replaceChildren();
    table.tHead?.replaceChildren();
    pager.replaceChildren();
    tableHandle = undefined;
    return;
  }
  tableHandle = renderTable(table, pager, view, state.sort, selectedIndex(), {
    onSelect: (i) => select(i, 'table'),
    onSort: (sort) => {
      state.sort = sort;
      renderTableNow();
      save();
    },
  });
}

/** Renders everything from `state`; measured as the `perflens:render` user-timing entry. */
function renderAll(): void {
  performance.mark('perflens:render-start');
  renderPicker();
  renderTabs();
  const view = state.view;
  const name = view?.qualifiedName ?? state.target?.qualifiedName;
  title.textContent = name ? `Performance history: ${name}` : 'Performance history';
  // Not a body class: VS Code's theme changes are observed on the body's class list.
  const empty = !view || view.versions.length === 0;
  $('chart-panel').hidden = empty;
  document.querySelector<HTMLElement>('.tabs')!.hidden = empty;
  if (!state.target) status.textContent = 'Choose a function with stored runs from the list above.';
  else if (!view || view.versions.length === 0)
    status.textContent = `No runs are stored for ${name} yet. Run ▶ Benchmark above the function to record one.`;
  else status.textContent = `${view.versions.length} version${view.versions.length === 1 ? '' : 's'} · ${view.file}`;
  // Chart and table are built with the selection already in place: a later select() would redraw the
  // canvas, and a canvas font change right after inserting 1,000 rows forces an extra style pass.
  renderChart();
  renderTableNow();
  if (view) renderDetails(details, view, selectedIndex(), baselineIndex(view), onDiff);
  else details.replaceChildren();
  renderLineCosts($('line-costs'), state.lines ?? null);
  save();
  performance.measure('perflens:render', 'perflens:render-start');
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = e.data;
  if (!isHostToPanelMessage(m)) {
    console.warn('PerfLens history: ignored a malformed message from the extension host');
    return;
  }
  if (m.type === 'error') {
    status.textContent = m.message;
    return;
  }
  const sameFunction = state.target?.uri === m.target?.uri && state.target?.qualifiedName === m.target?.qualifiedName;
  state.target = m.target ?? undefined;
  state.view = m.view;
  state.functions = m.functions;
  state.lines = m.lines ?? null;
  // Keep the user's selection across live refreshes of the same function; otherwise show the newest version.
  if (!sameFunction || selectedIndex() === undefined) state.selectedId = m.view?.versions.at(-1)?.id;
  renderAll();
});

picker.addEventListener('change', () => {
  const f = state.functions[Number(picker.value)];
  if (f) post({ type: 'selectFunction', target: { uri: f.uri, qualifiedName: f.qualifiedName } });
});
$('export-csv').addEventListener('click', () => post({ type: 'export', format: 'csv' }));
$('export-json').addEventListener('click', () => post({ type: 'export', format: 'json' }));

for (const t of tabs) {
  t.addEventListener('click', () => {
    state.metric = t.dataset.metric as HistoryMetric;
    renderTabs();
    renderChart();
    save();
  });
  // Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation).
  t.addEventListener('keydown', (e) => {
    const i = tabs.indexOf(t);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : undefined;
    if (next === undefined) return;
    const target = tabs[(next + tabs.length) % tabs.length]!;
    target.focus();
    target.click();
    e.preventDefault();
  });
}

chartEl.addEventListener('keydown', (e) => {
  const n = state.view?.versions.length ?? 0;
  if (n === 0) return;
  const cur = selectedIndex() ?? n - 1;
  const moves: Record<string, number> = { ArrowLeft: cur - 1, ArrowRight: cur + 1, Home: 0, End: n - 1, PageUp: cur - 10, PageDown: cur + 10 };
  if (e.key in moves) {
    select(Math.max(0, Math.min(n - 1, moves[e.key]!)), 'chart');
    e.preventDefault();
  }
});

// VS Code switches theme by changing the body class and the variables on <html>: repaint the canvas then.
const onThemeChange = (): void => {
  if (state.view) renderChart();
};
new MutationObserver(onThemeChange).observe(document.body, { attributes: true, attributeFilter: ['class'] });
new MutationObserver(onThemeChange).observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });

let lastWidth = 0;
new ResizeObserver(() => {
  const { width, height } = chartSize();
  if (chart && width !== lastWidth) chart.resize(width, height);
  lastWidth = width;
}).observe(chartEl);

if (state.view !== undefined || state.target) renderAll();
else renderTabs();
post({ type: 'ready', target: state.target });
