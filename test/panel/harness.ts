// Renders the real history panel page (media/dist/panel.js + the host's HTML and CSP) in headless Chromium,
// served from a 127.0.0.1 HTTP server, with a stub acquireVsCodeApi and VS Code-like theme variables.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderPanelHtml } from '../../client/src/panel/html';
import type { HostToPanelMessage, PanelToHostMessage } from '../../server/src/protocol';
import { themeCss, themes, type WebviewTheme } from './themes';

const ROOT = join(__dirname, '..', '..');
const MEDIA = join(ROOT, 'media');
const CHROMIUM = '/usr/bin/chromium';

/** Launch flags: headless, no sandbox (CI containers), and no background traffic of any kind. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// The page's stand-in for VS Code's webview API: records posted messages; state lives in sessionStorage
// so a page reload behaves like VS Code restoring a webview's state.
const STUB = `
window.__posted = [];
window.__csp = window.__csp || [];
window.acquireVsCodeApi = function () {
  return {
    postMessage: function (m) { window.__posted.push(JSON.parse(JSON.stringify(m))); },
    getState: function () { var s = sessionStorage.getItem('perflens-state'); return s === null ? undefined : JSON.parse(s); },
    setState: function (s) { sessionStorage.setItem('perflens-state', JSON.stringify(s)); return s; },
  };
};`;

/** A CSP violation as the page reported it. */
export interface CspViolation {
  violatedDirective: string;
  blockedURI: string;
  sample: string;
}

/** A rendered panel page and the means to drive it. */
export interface PanelPage {
  page: Page;
  origin: string;
  /** Sends a host message and waits until the page has rendered it. */
  send(message: HostToPanelMessage): Promise<void>;
  /** Messages the page posted to the host so far. */
  posted(): Promise<PanelToHostMessage[]>;
  /** CSP violations reported by the page so far. */
  violations(): Promise<CspViolation[]>;
  /** Uncaught page errors and console errors so far. */
  errors: string[];
  /** Switches theme the way VS Code does: variables on <html>, a class on <body>. */
  setTheme(theme: WebviewTheme): Promise<void>;
  /** How many times the page has finished a full render. */
  renderCount(): Promise<number>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

function serve(theme: WebviewTheme): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (url.pathname === '/') {
      // A fresh nonce per load, as the host makes one per render.
      const nonce = randomBytes(16).toString('base64');
      let html = renderPanelHtml({
        cspSource: origin,
        nonce,
        scriptUri: `${origin}/media/dist/panel.js`,
        styleUris: [`${origin}/media/dist/uPlot.min.css`, `${origin}/media/panel.css`],
      });
      html = html.replace('</head>', `  <link rel="stylesheet" href="${origin}/theme.css">\n</head>`);
      html = html.replace('<body>', `<body class="${theme.bodyClass}">`);
      html = html.replace('<script nonce=', `<script nonce="${nonce}" src="${origin}/stub.js"></script>\n  <script nonce=`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end(); // Chromium asks for it on its own; answering keeps the error list clean.
    } else if (url.pathname === '/stub.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(STUB);
    } else if (url.pathname === '/theme.css') {
      res.writeHead(200, { 'content-type': 'text/css' }).end(themeCss(theme));
    } else if (url.pathname.startsWith('/media/')) {
      const file = normalize(join(MEDIA, decodeURIComponent(url.pathname.slice('/media/'.length))));
      if (!file.startsWith(MEDIA + sep) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

/** Launches Chromium and opens the panel page in `theme` (default light). */
export async function openPanel(opts: { theme?: WebviewTheme; viewport?: { width: number; height: number } } = {}): Promise<PanelPage> {
  if (!existsSync(join(MEDIA, 'dist', 'panel.js'))) {
    throw new Error('media/dist/panel.js is missing: run `npm run build` before the panel tests.');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get update && apt-get install -y chromium).`);
  }
  const theme = opts.theme ?? themes.light;
  const { server, origin } = await serve(theme);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1000, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    // Registered before any page script runs, so no violation can slip by unrecorded.
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: unknown[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        w.__csp.push({ violatedDirective: e.violatedDirective, blockedURI: e.blockedURI, sample: e.sample });
      });
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as unknown as { __posted?: unknown[] }).__posted?.length);
    const renderCount = (): Promise<number> => page.evaluate(() => performance.getEntriesByName('perflens:render').length);
    const b = browser;
    return {
      page,
      origin,
      errors,
      renderCount,
      async send(message) {
        const before = await renderCount();
        await page.evaluate((m) => window.postMessage(m, '*'), message);
        if (message.type !== 'history') return;
        await page.waitForFunction((n) => performance.getEntriesByName('perflens:render').length > n, before);
      },
      posted: () => page.evaluate(() => (window as unknown as { __posted: PanelToHostMessage[] }).__posted),
      violations: () => page.evaluate(() => (window as unknown as { __csp: CspViolation[] }).__csp),
      async setTheme(t) {
        await page.evaluate((t) => {
          for (const [k, v] of Object.entries(t.vars)) document.documentElement.style.setProperty(k, v);
          document.body.className = t.bodyClass;
        }, t);
      },
      async close() {
        await b.close();
        await new Promise((r) => server.close(r));
      },
    };
  } catch (e) {
    await browser?.close();
    server.close();
    throw e;
  }
}

/** Counts canvas pixels of the chart: all painted ones, and those within `tolerance` of each colour given. */
export async function canvasPixels(page: Page, colors: string[] = [], tolerance = 8): Promise<{ painted: number; matches: number[]; total: number }> {
  return page.evaluate(
    ({ colors, tolerance }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('#chart canvas');
      if (!canvas) return { painted: 0, matches: colors.map(() => 0), total: 0 };
      const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const rgb = colors.map((c) => [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)]);
      const matches = colors.map(() => 0);
      let painted = 0;
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3]! === 0) continue;
        painted++;
        if (px[i + 3]! < 250) continue;
        rgb.forEach((c, k) => {
          if (Math.abs(px[i]! - c[0]!) <= tolerance && Math.abs(px[i + 1]! - c[1]!) <= tolerance && Math.abs(px[i + 2]! - c[2]!) <= tolerance) matches[k]!++;
        });
      }
      return { painted, matches, total: px.length / 4 };
    },
    { colors, tolerance },
  );
}

/** The `history` message the host sends for `view` (the picker lists just this function). */
export function historyMessage(view: import('../../server/src/protocol').HistoryView): HostToPanelMessage {
  const uri = `file:///workspace/${view.file}`;
  return {
    type: 'history',
    target: { uri, qualifiedName: view.qualifiedName },
    view,
    functions: [{ uri, file: view.file, qualifiedName: view.qualifiedName, versionCount: view.versions.length }],
  };
}

/** Clicks the chart where version `index` of `count` sits (the x scale spans -0.5 … count-0.5). */
export async function clickChartAt(page: Page, index: number, count: number): Promise<void> {
  await page.locator('#chart .u-over').scrollIntoViewIfNeeded();
  const box = await page.locator('#chart .u-over').boundingBox();
  if (!box) throw new Error('the chart has no plotting area to click');
  await page.mouse.click(box.x + ((index + 0.5) / count) * box.width, box.y + box.height / 2);
}
