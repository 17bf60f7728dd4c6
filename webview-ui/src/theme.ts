/** Colours from VS Code's `--vscode-*` variables, so light, dark and high-contrast themes all work. */

const probe = document.createElement('canvas').getContext('2d');

/** A theme colour by variable name, with a fallback for themes that do not define it. */
export function themeColor(variable: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(variable).trim();
  return value || fallback;
}

/** Any CSS colour as [r, g, b] (0-255), for image data. */
export function rgb(color: string): [number, number, number] {
  if (!probe) return [128, 128, 128];
  probe.fillStyle = '#808080';
  probe.fillStyle = color;
  const parsed = probe.fillStyle as string;
  if (parsed.startsWith('#')) return [1, 3, 5].map((i) => parseInt(parsed.slice(i, i + 2), 16)) as [number, number, number];
  const m = parsed.match(/\d+(\.\d+)?/g);
  return m ? [Number(m[0]), Number(m[1]), Number(m[2])] : [128, 128, 128];
}

/**
 * Calls `redraw` whenever the theme changes: VS Code marks it with a class on the body (and updates
 * the variables `palette` reads). Returns the observer, for a view that goes away to disconnect.
 */
export function onThemeChange(redraw: () => void): MutationObserver {
  const observer = new MutationObserver(redraw);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  return observer;
}

/** The palette plots use; read again when the theme changes (VS Code updates the variables). */
export function palette() {
  return {
    foreground: themeColor('--vscode-editor-foreground', '#cccccc'),
    muted: themeColor('--vscode-descriptionForeground', '#999999'),
    grid: themeColor('--vscode-editorWidget-border', '#444444'),
    real: themeColor('--vscode-charts-blue', '#3794ff'),
    fake: themeColor('--vscode-charts-orange', '#d18616'),
    high: themeColor('--vscode-charts-green', '#89d185'),
    low: themeColor('--vscode-charts-purple', '#b180d7'),
    lossD: themeColor('--vscode-charts-blue', '#3794ff'),
    lossG: themeColor('--vscode-charts-orange', '#d18616'),
    third: themeColor('--vscode-charts-red', '#f14c4c'),
    background: themeColor('--vscode-editor-background', '#1e1e1e'),
  };
}
