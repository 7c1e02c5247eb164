// The history panel's HTML shell: a strict CSP, one nonce'd script, stylesheets from media/ only.
// No data is ever written into this page; everything arrives by postMessage and is rendered with DOM APIs.

/** Where the page loads its assets from, already converted for the webview (asWebviewUri in VS Code). */
export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin scripts, styles and fonts may come from. */
  cspSource: string;
  /** Random per-load nonce (base64 or hex, no quotes). */
  nonce: string;
  /** The bundled page script (media/dist/panel.js). */
  scriptUri: string;
  /** Stylesheets, in order (uPlot's css, then the panel's). */
  styleUris: string[];
}

/**
 * The Content-Security-Policy the page declares: our stylesheets and the nonce'd script, nothing else (no
 * images, fonts, frames or connections: the page needs none, so injected markup could load none).
 */
export function panelCsp(o: Pick<PanelHtmlOptions, 'cspSource' | 'nonce'>): string {
  return ["default-src 'none'", `style-src ${o.cspSource}`, `script-src 'nonce-${o.nonce}'`].join('; ');
}

// The options are ours (URIs built by the host), but quote them anyway so a stray character cannot break out.
const attr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The full HTML document of the panel. */
export function renderPanelHtml(o: PanelHtmlOptions): string {
  const styles = o.styleUris.map((u) => `  <link rel="stylesheet" href="${attr(u)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(panelCsp(o))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
  <title>PerfLens History</title>
</head>
<body>
  <header class="toolbar">
    <label for="function-picker">Function</label>
    <select id="function-picker" aria-label="Function to show"></select>
    <span class="spacer"></span>
    <button type="button" id="export-csv" aria-label="Export history as CSV">Export CSV</button>
    <button type="button" id="export-json" aria-label="Export history as JSON">Export JSON</button>
  </header>
  <h1 id="title">Performance history</h1>
  <p id="status" role="status" aria-live="polite"></p>
  <div role="tablist" aria-label="Metric" class="tabs">
    <button type="button" role="tab" id="tab-time" data-metric="time" aria-controls="chart-panel">Time per call</button>
    <button type="button" role="tab" id="tab-alloc" data-metric="alloc" aria-controls="chart-panel">Allocation per call</button>
    <button type="button" role="tab" id="tab-complexity" data-metric="complexity" aria-controls="chart-panel">Complexity</button>
  </div>
  <section id="chart-panel" role="tabpanel">
    <ul id="legend" class="legend" aria-label="Chart legend"></ul>
    <div id="chart" tabindex="0" role="img"></div>
    <p class="hint">Click a point, or focus the chart and use ← → Home End, to see a version. The table below lists every version.</p>
  </section>
  <section id="details" aria-live="polite" aria-label="Selected version"></section>
  <section id="line-costs" aria-label="Cost per line" hidden></section>
  <section class="table-wrap" aria-label="All versions">
    <table id="versions">
      <caption>Every stored version. Select a column header to sort; select a row, or use the arrow keys, to see its details.</caption>
      <thead></thead>
      <tbody></tbody>
    </table>
  </section>
  <nav id="pager" class="pager" aria-label="Table pages"></nav>
  <script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>
`;
}
