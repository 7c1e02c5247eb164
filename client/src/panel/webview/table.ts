// The sortable table of every version under the chart: the accessible alternative to the canvas.
// Built with DOM APIs and textContent only; selection changes touch two rows, not the whole table.
import type { HistoryVersion, HistoryView } from '../../../../server/src/protocol';
import { formatBytes, formatNs, percent, shortDate, versionLabel } from './format';

/** Sort order of the table. */
export interface SortState {
  key: ColumnKey;
  dir: 'asc' | 'desc';
}

type Sortable = number | string | undefined;

interface Column {
  key: string;
  label: string;
  numeric: boolean;
  value: (v: HistoryVersion, i: number) => Sortable;
  text: (v: HistoryVersion, i: number) => string;
}

const VERDICT_ORDER = { ACCEPT: 1, REVIEW: 2, REJECT: 3 } as const;

const COLUMNS = [
  { key: 'index', label: '#', numeric: true, value: (_v, i) => i, text: (_v, i) => String(i + 1) },
  { key: 'version', label: 'Version', numeric: false, value: (v) => versionLabel(v), text: (v) => versionLabel(v) },
  { key: 'date', label: 'First seen', numeric: false, value: (v) => v.firstSeen, text: (v) => shortDate(v.firstSeen) },
  { key: 'median', label: 'Median', numeric: true, value: (v) => v.medianNs, text: (v) => formatNs(v.medianNs) },
  { key: 'ci', label: '95% CI', numeric: true, value: (v) => (v.ci95Ns ? v.ci95Ns[1] - v.ci95Ns[0] : undefined), text: (v) => (v.ci95Ns ? `${formatNs(v.ci95Ns[0])} – ${formatNs(v.ci95Ns[1])}` : '—') },
  { key: 'spread', label: 'Spread', numeric: true, value: (v) => v.spread, text: (v) => (v.spread === undefined ? '—' : `±${percent(v.spread)}`) },
  { key: 'alloc', label: 'Alloc / call', numeric: true, value: (v) => v.allocatedBytesPerCall, text: (v) => formatBytes(v.allocatedBytesPerCall) },
  { key: 'growth', label: 'Growth', numeric: false, value: (v) => v.growthOrder, text: (v) => v.growthOrder ?? '—' },
  { key: 'cyclomatic', label: 'Cyclomatic', numeric: true, value: (v) => v.cyclomatic, text: (v) => (v.cyclomatic === undefined ? '—' : String(v.cyclomatic)) },
  { key: 'cognitive', label: 'Cognitive', numeric: true, value: (v) => v.cognitive, text: (v) => (v.cognitive === undefined ? '—' : String(v.cognitive)) },
  { key: 'verdict', label: 'Verdict', numeric: false, value: (v) => (v.verdict ? VERDICT_ORDER[v.verdict.recommendation] : undefined), text: (v) => v.verdict?.recommendation ?? '—' },
  { key: 'score', label: 'Score', numeric: true, value: (v) => v.verdict?.score, text: (v) => (v.verdict ? String(Math.round(v.verdict.score)) : '—') },
  { key: 'baseline', label: 'Baseline', numeric: false, value: (v) => v.baselines.join(', ') || undefined, text: (v) => v.baselines.join(', ') },
] as const satisfies readonly Column[];

/** A column the table can be sorted by. */
export type ColumnKey = (typeof COLUMNS)[number]['key'];

/** True when `k` names a table column (used to validate restored state). */
export const isColumnKey = (k: unknown): k is ColumnKey => COLUMNS.some((c) => c.key === k);

// Missing values sort last in both directions, so "Median ↓" never starts with a column of dashes.
function compare(a: Sortable, b: Sortable, dir: 1 | -1): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * dir;
  return String(a).localeCompare(String(b)) * dir;
}

/** Version indices in display order for `sort`. Stable: ties keep history order. */
export function sortedIndices(view: HistoryView, sort: SortState): number[] {
  const col: Column = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0];
  const dir = sort.dir === 'asc' ? 1 : -1;
  const keys = view.versions.map((v, i) => col.value(v, i));
  return view.versions.map((_, i) => i).sort((a, b) => compare(keys[a], keys[b], dir) || a - b);
}

/** Callbacks the table raises. */
export interface TableEvents {
  onSelect(index: number): void;
  onSort(sort: SortState): void;
}

/** The rendered table; `select` moves the highlighted row (turning the page if needed). */
export interface TableHandle {
  select(index: number | undefined, focus?: boolean): void;
}

/**
 * Rows per page. A table of 1,000 rows of 13 cells costs hundreds of milliseconds of layout on every
 * change; 100 rows keep it quick, and the chart still shows every version.
 */
export const PAGE_SIZE = 100;

/** Renders the table head, the page holding `selected` (else the first), and the pager under it. */
export function renderTable(
  table: HTMLTableElement,
  pager: HTMLElement,
  view: HistoryView,
  sort: SortState,
  selected: number | undefined,
  ev: TableEvents,
): TableHandle {
  const thead = table.tHead ?? table.createTHead();
  const tbody = table.tBodies[0] ?? table.createTBody();
  const headRow = document.createElement('tr');
  headRow.setAttribute('aria-rowindex', '1');
  for (const c of COLUMNS) {
    const th = document.createElement('th');
    th.scope = 'col';
    if (c.numeric) th.className = 'num';
    const active = c.key === sort.key;
    th.setAttribute('aria-sort', active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'sort';
    b.textContent = c.label + (active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : '');
    b.setAttribute('aria-label', `Sort by ${c.label}`);
    b.addEventListener('click', () =>
      ev.onSort({ key: c.key, dir: active && sort.dir === 'asc' ? 'desc' : active ? 'asc' : c.numeric ? 'desc' : 'asc' }),
    );
    th.appendChild(b);
    headRow.appendChild(th);
  }
  thead.replaceChildren(headRow);
  table.setAttribute('aria-rowcount', String(view.versions.length + 1));

  const order = sortedIndices(view, sort);
  const position = new Int32Array(order.length);
  order.forEach((index, pos) => (position[index] = pos));
  const pages = Math.max(1, Math.ceil(order.length / PAGE_SIZE));
  const pageOf = (index: number): number => Math.floor(position[index]! / PAGE_SIZE);
  let current = selected;
  let page = current === undefined ? 0 : pageOf(current);
  let rows = new Map<number, HTMLTableRowElement>();

  const buildRow = (i: number): HTMLTableRowElement => {
    const v = view.versions[i]!;
    const tr = document.createElement('tr');
    tr.dataset.index = String(i);
    tr.setAttribute('aria-rowindex', String(position[i]! + 2));
    tr.tabIndex = -1;
    tr.setAttribute('aria-selected', String(i === current));
    for (const c of COLUMNS) {
      const td = document.createElement('td');
      if (c.numeric) td.className = 'num';
      if (c.key === 'verdict' && v.verdict) td.className = `verdict verdict-${v.verdict.recommendation.toLowerCase()}`;
      td.textContent = c.text(v, i);
      tr.appendChild(td);
    }
    return tr;
  };

  const status = document.createElement('span');
  status.setAttribute('aria-live', 'polite');
  const pagerButton = (label: string, aria: string, delta: number): HTMLButtonElement => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.setAttribute('aria-label', aria);
    b.addEventListener('click', () => showPage(page + delta));
    return b;
  };
  const prev = pagerButton('◀ Previous', `Previous ${PAGE_SIZE} versions`, -1);
  const next = pagerButton('Next ▶', `Next ${PAGE_SIZE} versions`, 1);
  pager.replaceChildren(prev, status, next);
  pager.hidden = pages === 1;

  function showPage(p: number): void {
    page = Math.max(0, Math.min(pages - 1, p));
    rows = new Map();
    const frag = document.createDocumentFragment();
    for (const i of order.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)) {
      const tr = buildRow(i);
      rows.set(i, tr);
      frag.appendChild(tr);
    }
    tbody.replaceChildren(frag);
    // Roving tabindex: the selected row (else the first on the page) is the table's one tab stop.
    const stop = (current !== undefined ? rows.get(current) : undefined) ?? rows.get(order[page * PAGE_SIZE]!);
    if (stop) stop.tabIndex = 0;
    const first = page * PAGE_SIZE + 1;
    status.textContent = `Versions ${first}–${Math.min(order.length, first + PAGE_SIZE - 1)} of ${order.length}`;
    prev.disabled = page === 0;
    next.disabled = page === pages - 1;
  }
  showPage(page);

  // One listener per body rather than per row.
  const indexOf = (t: EventTarget | null): number | undefined => {
    const tr = t instanceof Element ? t.closest('tr') : null;
    return tr?.dataset.index === undefined ? undefined : Number(tr.dataset.index);
  };
  tbody.onclick = (e) => {
    const i = indexOf(e.target);
    if (i !== undefined) ev.onSelect(i);
  };
  tbody.onkeydown = (e) => {
    const i = indexOf(e.target);
    if (i === undefined) return;
    const pos = position[i]!;
    const move: Record<string, number> = { ArrowDown: pos + 1, ArrowUp: pos - 1, Home: 0, End: order.length - 1, PageDown: pos + 10, PageUp: pos - 10 };
    if (e.key in move) {
      ev.onSelect(order[Math.max(0, Math.min(order.length - 1, move[e.key]!))]!);
      e.preventDefault();
    } else if (e.key === 'Enter' || e.key === ' ') {
      ev.onSelect(i);
      e.preventDefault();
    }
  };

  return {
    select(index, focus) {
      const old = current !== undefined ? rows.get(current) : undefined;
      if (old) {
        old.setAttribute('aria-selected', 'false');
        old.tabIndex = -1;
      }
      current = index;
      if (index !== undefined && pageOf(index) !== page) showPage(pageOf(index));
      const row = index === undefined ? undefined : rows.get(index);
      if (row) {
        row.setAttribute('aria-selected', 'true');
        row.tabIndex = 0;
        if (focus) row.focus();
      }
    },
  };
}
