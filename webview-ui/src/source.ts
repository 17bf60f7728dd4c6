/**
 * "From your note": the formula of the note whose "Run demo ▸" link opened a training panel, shown
 * above the panel's own objective. Kept in the webview's state, so a window reload keeps it.
 */
import type { SourceFormula } from '../../src/shared/sourceFormula';
import { el } from './dom';
import { renderMath } from './math';
import { vscode } from './vscodeApi';

/** The section (hidden until there is a formula) and a handler for the host's `source` message. */
export function sourceView(): { readonly element: HTMLElement; handle(message: unknown): boolean } {
  const element = el('section', { class: 'source', id: 'source', hidden: '' });
  const show = (s: SourceFormula) => {
    element.hidden = false;
    element.textContent = '';
    const formula = el('div', { class: 'formula' });
    element.append(el('div', { class: 'source-title' }, s.name ? `From your note · ${s.name}` : 'From your note'), formula);
    renderMath(formula, s.tex);
  };
  const saved = (vscode.getState() as { source?: Partial<SourceFormula> } | undefined)?.source;
  if (saved && typeof saved.tex === 'string') show({ tex: saved.tex, name: String(saved.name ?? '') });
  return {
    element,
    handle(message) {
      const m = message as Partial<SourceFormula> & { type?: unknown };
      if (typeof m !== 'object' || m === null || m.type !== 'source' || typeof m.tex !== 'string' || typeof m.name !== 'string') return false;
      const s = { tex: m.tex, name: m.name };
      vscode.setState({ ...((vscode.getState() as object | undefined) ?? {}), source: s });
      show(s);
      return true;
    },
  };
}
