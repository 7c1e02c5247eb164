// Reads the editor theme's colours (the --vscode-* CSS variables) for drawing on the chart's canvas,
// which cannot use CSS variables itself. Called again whenever VS Code switches theme.

/** Every colour the chart paints with, resolved to concrete CSS colour strings. */
export interface ChartPalette {
  foreground: string;
  grid: string;
  median: string;
  band: string;
  accept: string;
  review: string;
  reject: string;
  noVerdict: string;
  baseline: string;
  selected: string;
  alloc: string;
  cyclomatic: string;
  cognitive: string;
  font: string;
  labelFont: string;
  highContrast: boolean;
}

/** The value of the first of `names` that the theme defines (trimmed), or '' when none is. */
export function cssVar(...names: string[]): string {
  const style = getComputedStyle(document.documentElement);
  const bodyStyle = getComputedStyle(document.body);
  for (const n of names) {
    const v = (style.getPropertyValue(n) || bodyStyle.getPropertyValue(n)).trim();
    if (v) return v;
  }
  return '';
}

let scratch: CanvasRenderingContext2D | null = null;

/**
 * `color` with its opacity multiplied by `alpha`. The canvas parses any CSS colour for us and hands it
 * back as `#rrggbb` or `rgba(...)`, so theme values in any notation work.
 */
export function withAlpha(color: string, alpha: number): string {
  scratch ??= document.createElement('canvas').getContext('2d');
  if (!scratch || !color) return color;
  scratch.fillStyle = '#000000';
  scratch.fillStyle = color;
  const c = String(scratch.fillStyle);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (hex) return `rgba(${parseInt(hex[1]!, 16)}, ${parseInt(hex[2]!, 16)}, ${parseInt(hex[3]!, 16)}, ${alpha})`;
  const rgba = /^rgba?\(([^,]+),([^,]+),([^,)]+)(?:,([^)]+))?\)$/.exec(c);
  if (rgba) {
    const a = rgba[4] === undefined ? 1 : Number(rgba[4]);
    return `rgba(${rgba[1]!.trim()}, ${rgba[2]!.trim()}, ${rgba[3]!.trim()}, ${a * alpha})`;
  }
  return c;
}

/** True under a high-contrast theme (VS Code marks the body with one of these classes). */
export const isHighContrast = (): boolean =>
  document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');

/** The chart's colours from the current theme. */
export function readPalette(): ChartPalette {
  const foreground = cssVar('--vscode-editor-foreground', '--vscode-foreground');
  const median = cssVar('--vscode-charts-blue', '--vscode-textLink-foreground') || foreground;
  const family = cssVar('--vscode-font-family') || 'sans-serif';
  const size = parseFloat(cssVar('--vscode-font-size')) || 13;
  const highContrast = isHighContrast();
  return {
    foreground,
    grid: withAlpha(cssVar('--vscode-contrastBorder', '--vscode-editorWidget-border', '--vscode-panel-border') || foreground, highContrast ? 0.6 : 0.35),
    median,
    band: withAlpha(median, highContrast ? 0.35 : 0.2),
    accept: cssVar('--vscode-charts-green') || foreground,
    review: cssVar('--vscode-charts-yellow', '--vscode-charts-orange') || foreground,
    reject: cssVar('--vscode-charts-red', '--vscode-errorForeground') || foreground,
    noVerdict: cssVar('--vscode-descriptionForeground', '--vscode-charts-foreground') || foreground,
    baseline: cssVar('--vscode-charts-purple') || foreground,
    selected: cssVar('--vscode-focusBorder') || foreground,
    alloc: cssVar('--vscode-charts-orange') || median,
    cyclomatic: cssVar('--vscode-charts-purple') || median,
    cognitive: cssVar('--vscode-charts-orange') || foreground,
    font: `${Math.round(size * 0.92)}px ${family}`,
    labelFont: `${Math.round(size)}px ${family}`,
    highContrast,
  };
}
