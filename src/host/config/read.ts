/**
 * Every setting GenMath reads, read here and nowhere else: its own (`genmath.*`, through the table
 * in `./settings.ts`, clamped to package.json's ranges) and the few of VS Code's and other
 * extensions' it follows (the editor's font size, colour customizations, KaTeX and markdown math
 * macros). `test/unit/host/settings.test.ts` checks no other file calls `getConfiguration`.
 */
import * as vscode from 'vscode';
import { checkedSetting, type SettingKey, type SettingValue } from './settings';

export { SETTINGS, type SettingKey } from './settings';

/** A `genmath.*` setting for a document or folder (or the workspace when no scope is given). */
export function setting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): SettingValue<K> {
  return checkedSetting(key, vscode.workspace.getConfiguration('genmath', scope).get<unknown>(key));
}

/** Whether a configuration change touches a `genmath.*` setting (all of them when no key is given). */
export function affectsSetting(e: vscode.ConfigurationChangeEvent, key?: SettingKey): boolean {
  return e.affectsConfiguration(key ? `genmath.${key}` : 'genmath');
}

/** The settings of VS Code and other extensions GenMath follows, by their full names. */
export type ForeignSetting = 'editor.fontSize' | 'workbench.colorCustomizations' | 'katex.macros' | 'markdown.math.macros';

/** Whether a configuration change touches one of the settings GenMath follows. */
export function affectsForeign(e: vscode.ConfigurationChangeEvent, name: ForeignSetting): boolean {
  return e.affectsConfiguration(name);
}

/** The editor's font size in pixels, which a hover's formula image is scaled from. */
export function editorFontSize(scope?: vscode.ConfigurationScope): number {
  const size = vscode.workspace.getConfiguration('editor', scope).get<unknown>('fontSize');
  // VS Code's own bounds for the setting are 6..100; anything else is a hand-edited settings.json.
  return typeof size === 'number' && size >= 6 && size <= 100 ? size : 14;
}

/** The user's `workbench.colorCustomizations`, as written (the theme code picks the entries it reads). */
export function colorCustomizations(): Readonly<Record<string, unknown>> {
  const custom = vscode.workspace.getConfiguration('workbench').get<unknown>('colorCustomizations');
  return typeof custom === 'object' && custom !== null ? (custom as Record<string, unknown>) : {};
}

/** The macros of `katex.macros` and `markdown.math.macros` (VS Code's markdown preview), as written. */
export function foreignMacros(scope?: vscode.ConfigurationScope): { readonly katex: unknown; readonly markdownMath: unknown } {
  return {
    katex: vscode.workspace.getConfiguration('katex', scope).get<unknown>('macros'),
    markdownMath: vscode.workspace.getConfiguration('markdown.math', scope).get<unknown>('macros'),
  };
}
