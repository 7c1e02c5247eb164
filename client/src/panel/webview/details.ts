// The "selected version" pane: its statistics, its verdict with the (untrusted) reasoning as plain text,
// and the button that asks the host for a diff against the baseline.
import type { HistoryView } from '../../../../server/src/protocol';
import { ciRelative, formatBytes, formatNs, percent, shortDate, versionLabel } from './format';

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};

/** Fills `root` with the details of version `index` (or a prompt when nothing is selected). */
export function renderDetails(
  root: HTMLElement,
  view: HistoryView,
  index: number | undefined,
  baselineIndex: number | undefined,
  onDiff: (versionId: string) => void,
): void {
  const v = index === undefined ? undefined : view.versions[index];
  if (!v || index === undefined) {
    root.replaceChildren(el('p', 'Select a point on the chart or a row in the table to see that version.', 'muted'));
    return;
  }
  const heading = el('h2', `Version ${versionLabel(v)} — ${index + 1} of ${view.versions.length}`);
  const dl = el('dl', undefined, 'stats');
  const add = (term: string, value: string): void => {
    if (!value) return;
    dl.append(el('dt', term), el('dd', value));
  };
  add('Median time per call', formatNs(v.medianNs));
  add('95% confidence interval', v.ci95Ns ? `${formatNs(v.ci95Ns[0])} – ${formatNs(v.ci95Ns[1])} (${ciRelative(v)})` : '—');
  add('Spread (median absolute deviation)', v.spread === undefined ? '—' : `±${percent(v.spread)}`);
  if (v.failure) add('Latest run failed', `${v.failure.kind}: ${v.failure.message}`);
  add('Allocated per call', formatBytes(v.allocatedBytesPerCall));
  add('Growth', v.growthOrder ?? '—');
  add('Complexity', `cyclomatic ${v.cyclomatic ?? '—'}, cognitive ${v.cognitive ?? '—'}`);
  add(v.workingTree ? 'Uncommitted, on commit' : 'Commit', v.commit ?? '—');
  add('Content hash', v.hash.slice(0, 12));
  add('First seen', shortDate(v.firstSeen));
  add('Last run', shortDate(v.lastRun));
  add('Baselines', v.baselines.join(', '));

  const verdict = el('div', undefined, 'verdict-block');
  if (v.verdict) {
    const rec = v.verdict.recommendation;
    const badge = el('span', rec, `badge verdict-${rec.toLowerCase()}`);
    const meta = el(
      'span',
      ` score ${Math.round(v.verdict.score)}/100 · ${v.verdict.source === 'llm' ? 'LLM' : 'rules'} · confidence ${Math.round(v.verdict.confidence * 100)} %`,
      'muted',
    );
    const head = el('p');
    head.append(el('strong', 'Verdict: '), badge, meta);
    // Reasoning may come from an LLM: shown as text only, never parsed as markup.
    const reasoning = el('p', v.verdict.reasoning, 'reasoning');
    verdict.append(head, reasoning);
  } else {
    verdict.append(el('p', 'No verdict: this version was not compared against a baseline.', 'muted'));
  }

  const actions = el('div', undefined, 'actions');
  const diff = el('button', 'Diff against baseline');
  diff.type = 'button';
  diff.id = 'diff-baseline';
  if (baselineIndex === undefined || baselineIndex === index) {
    diff.disabled = true;
    actions.append(diff, el('span', baselineIndex === undefined ? ' No baseline is set for this function.' : ' This version is the baseline.', 'muted'));
  } else {
    const base = view.versions[baselineIndex]!;
    diff.setAttribute('aria-label', `Diff version ${versionLabel(v)} against baseline ${versionLabel(base)}`);
    diff.addEventListener('click', () => onDiff(v.id));
    actions.append(diff);
  }
  root.replaceChildren(heading, dl, verdict, actions);
}
