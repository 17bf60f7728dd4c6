import * as vscode from 'vscode';
import { colorCustomizations } from './config/read';

/**
 * The hover's text colour, baked into formula images (an `<img>` does not inherit `currentColor`).
 * The API does not expose theme colours as values, so this follows the theme's kind, with the
 * user's own `workbench.colorCustomizations` for the hover or editor text taking precedence.
 */
export function hoverTextColor(): string {
  const custom = colorCustomizations();
  for (const key of ['editorHoverWidget.foreground', 'editor.foreground']) {
    const value = custom[key];
    if (typeof value === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(value)) return value;
  }
  switch (vscode.window.activeColorTheme.kind) {
    case vscode.ColorThemeKind.Light:
      return '#3b3b3b';
    case vscode.ColorThemeKind.HighContrastLight:
      return '#000000';
    case vscode.ColorThemeKind.HighContrast:
      return '#ffffff';
    default:
      return '#cccccc';
  }
}
