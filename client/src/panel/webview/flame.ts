// The per-line section of the history panel: an icicle of the latest run (the whole call, then where its
// time goes by function or package, then each function's hot lines), a per-line table, and for a
// comparison the per-line difference against the baseline. DOM APIs only; sizes through CSSOM, colours
// through CSS classes on --vscode-* variables.
import type { LineCostsView } from '../../../../server/src/protocol';
import { formatBytes, formatNs } from './format';

/** A block of the icicle: a share of the call, a label, and the row below it. */
interface Block {
  label: string;
  detail: string;
  pct: number;
  kind: 'call' | 'target' | 'workspace' | 'package' | 'gc' | 'line';
  children: Block[];
}

/** Blocks narrower than this (percent of the call) are drawn but not labelled. */
const LABEL_MIN_PCT = 6;
/** How many lines the table lists. */
const TABLE_LINES = 20;

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};
const pct = (x: number): string => `${x < 10 ? x.toFixed(1) : Math.round(x)}%`;
const lineOf = (file: string, line: number): string => `${file.split(/[\\/]/).pop()}:${line}`;

/** The icicle's tree: the call; its functions (the benchmarked one, workspace callees), packages and GC; their lines. */
export function icicleOf(view: LineCostsView): Block {
  const byFunction = new Map<string, Block>();
  for (const l of view.lines) {
    const key = l.function;
    let b = byFunction.get(key);
    if (!b) {
      b = { label: key, detail: '', pct: 0, kind: key === view.qualifiedName ? 'target' : 'workspace', children: [] };
      byFunction.set(key, b);
    }
    b.pct += l.selfPct;
    b.children.push({ label: `L${l.line}`, detail: `${lineOf(l.file, l.line)} · ${l.text}`, pct: l.selfPct, kind: 'line', children: [] });
  }
  const outside: Block[] = view.callees
    .filter((c) => !c.file)
    .map((c) => ({ label: c.name, detail: c.package ? `package ${c.package}` : 'V8', pct: c.selfPct, kind: c.name === '(garbage collector)' ? 'gc' : 'package', children: [] }));
  const functions = [...byFunction.values()].map((b) => ({ ...b, pct: Math.round(b.pct * 10) / 10, detail: b.kind === 'target' ? 'the benchmarked function' : 'workspace function' }));
  const children = [...functions, ...outside].filter((b) => b.pct > 0).sort((a, b) => (a.kind === 'target' ? -1 : b.kind === 'target' ? 1 : b.pct - a.pct));
  return { label: view.qualifiedName, detail: `${formatNs(view.medianNs)}/call`, pct: 100, kind: 'call', children };
}

/** One row of blocks, each placed at its left offset within the row. */
function row(blocks: Array<{ block: Block; left: number }>, depth: number): HTMLDivElement {
  const r = el('div', 'icicle-row');
  r.setAttribute('role', 'list');
  r.setAttribute('aria-label', depth === 0 ? 'The whole call' : depth === 1 ? 'By function and package' : 'By line');
  for (const { block, left } of blocks) {
    const b = el('div', `icicle-block kind-${block.kind}`);
    b.style.left = `${left}%`;
    b.style.width = `${Math.max(block.pct, 0.3)}%`;
    b.setAttribute('role', 'listitem');
    b.tabIndex = 0;
    const text = `${block.label} · ${pct(block.pct)}${block.detail ? ` · ${block.detail}` : ''}`;
    b.title = text;
    b.setAttribute('aria-label', text);
    if (block.pct >= LABEL_MIN_PCT) b.textContent = `${block.label} ${pct(block.pct)}`;
    r.append(b);
  }
  return r;
}

function renderIcicle(root: Block): HTMLDivElement {
  const wrap = el('div', 'icicle');
  wrap.append(row([{ block: root, left: 0 }], 0));
  const second: Array<{ block: Block; left: number }> = [];
  const third: Array<{ block: Block; left: number }> = [];
  let x = 0;
  for (const f of root.children) {
    second.push({ block: f, left: x });
    let y = x;
    for (const l of f.children) {
      third.push({ block: l, left: y });
      y += l.pct;
    }
    x += f.pct;
  }
  wrap.append(row(second, 1), row(third, 2));
  return wrap;
}

function table(caption: string, head: string[], rows: string[][], numeric: number[]): HTMLTableElement {
  const t = el('table', 'line-table');
  t.append(el('caption', undefined, caption));
  const thead = el('thead');
  const hr = el('tr');
  for (const h of head) hr.append(el('th', undefined, h));
  thead.append(hr);
  const tbody = el('tbody');
  for (const r of rows) {
    const tr = el('tr');
    r.forEach((c, i) => {
      const td = el('td', numeric.includes(i) ? 'num' : i === r.length - 1 ? 'code' : undefined, c);
      tr.append(td);
    });
    tbody.append(tr);
  }
  t.append(thead, tbody);
  return t;
}

/** Renders the line-cost section into `host`; empty (and hidden) when there is nothing to show. */
export function renderLineCosts(host: HTMLElement, view: LineCostsView | null): void {
  host.replaceChildren();
  host.hidden = !view || view.lines.length === 0;
  if (!view || view.lines.length === 0) return;
  host.append(el('h2', undefined, 'Where the time goes (latest run in this session)'));
  host.append(el('p', 'hint', 'Self time: each block is the share of the call spent in that function or line itself, not in what it calls.'));
  host.append(renderIcicle(icicleOf(view)));
  host.append(
    table(
      'Hottest lines: share of the call, time and estimated allocation per call',
      ['Line', 'Function', 'Self', 'Time/call', 'Alloc/call', 'Code'],
      view.lines.slice(0, TABLE_LINES).map((l) => [lineOf(l.file, l.line), l.function, pct(l.selfPct), formatNs(l.selfNsPerCall), formatBytes(l.allocBytesPerCall), l.text]),
      [2, 3, 4],
    ),
  );
  const changes = (view.changes ?? []).filter((c) => c.deltaNsPerCall !== 0).slice(0, TABLE_LINES);
  if (changes.length > 0) {
    host.append(
      table(
        'Per-line difference against the baseline, largest growth first',
        ['Line', 'Change/call', 'Baseline', 'Current', 'Status', 'Code'],
        changes.map((c) => [lineOf(c.file, c.line), `${c.deltaNsPerCall > 0 ? '+' : '−'}${formatNs(Math.abs(c.deltaNsPerCall))}`, formatNs(c.baselineNsPerCall), formatNs(c.currentNsPerCall), c.status, c.text]),
        [1, 2, 3],
      ),
    );
  }
}
