import * as vscode from 'vscode';
import { nonce } from './nonce';

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The options every GenMath panel is created with: scripts on, resources only from the built webview and media/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/**
 * The panel's HTML: CSP `default-src 'none'`, the script allowed by nonce only, styles, fonts and
 * images only from the extension. Initial data goes in as an escaped `data-*` attribute, never as
 * inline script (house style 10).
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: string, initial: unknown): string {
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const n = nonce();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${n}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('katex.min.css')}">
<link rel="stylesheet" href="${asset('webview.css')}">
<title>GenMath</title>
</head>
<body data-view="${escapeAttribute(view)}" data-initial="${escapeAttribute(JSON.stringify(initial ?? null))}">
<main id="app" aria-live="polite"></main>
<script nonce="${n}" src="${asset('webview.js')}"></script>
</body>
</html>`;
}
