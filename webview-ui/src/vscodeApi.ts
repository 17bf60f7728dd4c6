/** The webview's handle on VS Code: messages to the host and state that survives a reload. */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called only once per webview. */
export const vscode: VsCodeApi = acquireVsCodeApi();
