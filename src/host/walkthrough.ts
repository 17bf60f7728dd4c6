import * as vscode from 'vscode';

/**
 * The context key that completes the walkthrough's "hover a formula" step (`onContext:` in
 * package.json): set by the first hover that asks for a formula's image.
 */
export const HOVERED_CONTEXT = 'genmath.walkthrough.hovered';

/**
 * A walkthrough step that completes on a context key. VS Code has no event for "a hover was
 * shown", so the extension sets the key itself, once per window: setting it again would cost a
 * round trip to the workbench on every hover for nothing.
 */
export class WalkthroughContext {
  #set = false;

  constructor(private readonly key: string) {}

  /** Marks the step done (the first call only). */
  done(): void {
    if (this.#set) return;
    this.#set = true;
    void vscode.commands.executeCommand('setContext', this.key, true);
  }
}
