import type * as vscode from 'vscode';

/** Base for everything that owns disposables: whatever it registers is disposed with it. */
export abstract class Disposable implements vscode.Disposable {
  #disposed = false;
  readonly #disposables: vscode.Disposable[] = [];

  /** Keeps `d` until this object is disposed, and returns it. */
  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.#disposed) d.dispose();
    else this.#disposables.push(d);
    return d;
  }

  protected get isDisposed(): boolean {
    return this.#disposed;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const d of this.#disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch {
        // One failing disposal must not keep the others from running.
      }
    }
  }
}
