/**
 * Activation: how long the extension host bundle takes to load (module evaluation, in a fresh Node
 * process each time, with a stand-in for the `vscode` module), against loading the MathJax render
 * worker's bundle the same way: what activation would cost if MathJax were not loaded lazily.
 * Target: at most 50 ms.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { quantile, report } from './stats';

/** Loads a bundle in a fresh process and prints the milliseconds its require() took. */
function loadTime(bundle: string): number {
  const script = `
    const Module = require('node:module');
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
    require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: new Proxy({}, { get: () => function () {} }) };
    const t0 = performance.now();
    require(${JSON.stringify(path.resolve(bundle))});
    process.stdout.write(String(performance.now() - t0));
  `;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

const host: number[] = [];
const eager: number[] = [];
for (let i = 0; i < 7; i++) {
  host.push(loadTime('dist/extension.js'));
  eager.push(loadTime('dist/workers/mathjax.js'));
}
report('activation', quantile(host, 0.5), quantile(eager, 0.5), 'ms', 'host bundle load vs loading MathJax with it; target <= 50 ms');
