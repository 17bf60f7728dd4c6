// Builds every bundle of GenMath. Type checking is separate (`npm run typecheck`).
//   node esbuild.mjs               development build of the extension, webview and CLI
//   node esbuild.mjs --production  minified, no source maps (what the .vsix ships)
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --tests       also the unit tests, benchmarks and in-host tests, into out/
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync, mkdirSync, cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** Every .ts file below a folder, for the test and benchmark bundles. */
function tsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const nodeCommon = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

/**
 * MathJax's speech rule engine reaches its own dependencies through `eval("require")`, which a
 * bundle cannot follow and the .vsix (no node_modules) could not satisfy: this hands it the
 * bundled modules instead, and a stand-in for the command line it never runs in a worker.
 */
const speechRuleEngineRequire = {
  name: 'speech-rule-engine-require',
  setup(build) {
    build.onLoad({ filter: /speech-rule-engine[\\/]lib[\\/]sre\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('eval("require")')) throw new Error('speech-rule-engine no longer uses eval("require"): revisit esbuild.mjs');
      const shim = `var __sreRequire = Object.assign(function (name) {
  switch (name) {
    case '@xmldom/xmldom': return require('@xmldom/xmldom');
    case 'wicked-good-xpath': return require('wicked-good-xpath');
    case 'fs': return require('fs');
    case 'process': return require('process');
    case 'readline': return require('readline');
    case 'commander': return { program: null };
    default: throw new Error('speech-rule-engine asked for ' + name);
  }
}, { resolve: function () { throw new Error('bundled'); } });
`;
      return { contents: shim + source.replace('eval("require")', '__sreRequire'), loader: 'js' };
    });
  },
};

/** One esbuild configuration per bundle; each names its own entry points. */
const builds = [
  // The extension host: `vscode` comes from the host at run time.
  { ...nodeCommon, entryPoints: { extension: 'src/host/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // Workers run off the extension host's thread (MathJax rendering, explanations, training): one
  // bundle per thread's entry in src/worker/threads/.
  { ...nodeCommon, entryPoints: tsFiles('src/worker/threads').reduce((o, f) => ({ ...o, [f.replace(/^src\/worker\/threads\//, '').replace(/\.ts$/, '')]: f }), {}), outdir: 'dist/workers' },
  // MathJax's speech rule engine, apart from the render worker's bundle: only a formula our own reader
  // does not cover loads it, so the worker's start (and a window's first hover) never parses it.
  { ...nodeCommon, entryPoints: { speechRuleEngine: 'node_modules/speech-rule-engine/lib/sre.js' }, outdir: 'dist/workers', plugins: [speechRuleEngineRequire] },
  // The command line over the same core.
  { ...nodeCommon, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The panel's script, for the browser inside the webview.
  ...(existsSync('webview-ui/src/main.ts')
    ? [{ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { webview: 'webview-ui/src/main.ts' }, outdir: 'dist/webview', loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' } }]
    : []),
];

if (tests) {
  // Benchmarks against tfjs bundle it whole from its ES modules, as a tfjs user's bundler would:
  // that is how tfjs's own gradients (register_all_gradients, ES modules only) reach Node.
  const usesTfjs = (f) => readFileSync(f, 'utf8').includes("from '@tensorflow/");
  const entries = [...tsFiles('test/unit'), ...tsFiles('test/integration'), ...tsFiles('test/e2e'), ...tsFiles('bench').filter((f) => !usesTfjs(f))].filter((f) => !f.includes('/fixtures/'));
  const extra = ['test/index.ts', 'test/electron.ts'].filter(existsSync);
  builds.push({ ...nodeCommon, sourcemap: 'inline', entryPoints: [...entries, ...extra], outdir: 'out', outbase: '.', external: ['vscode', 'playwright-core', '@vscode/test-electron', 'mocha', '@tensorflow/*'] });
  const tfjsBenches = tsFiles('bench').filter(usesTfjs);
  if (tfjsBenches.length > 0) {
    builds.push({ ...nodeCommon, sourcemap: false, entryPoints: tfjsBenches, outdir: 'out', outbase: '.', mainFields: ['module', 'main'], external: ['@tensorflow/tfjs-backend-wasm/package.json'] });
  }
}

const buildsWithEntries = builds.filter((b) => Object.keys(b.entryPoints).length > 0);

// A production build is what the .vsix ships: it starts from an empty dist/, so nothing an earlier
// development build left there (source maps, a renamed worker) can be packaged with it.
if (production && !watch) rmSync('dist', { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all(buildsWithEntries.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] watching for changes');
} else {
  await Promise.all(buildsWithEntries.map((b) => esbuild.build(b)));
}

// The speech rule engine's English rules, read by the render worker when our own reading of a formula falls short.
if (existsSync('node_modules/speech-rule-engine/lib/mathmaps')) {
  mkdirSync('dist/workers/mathmaps', { recursive: true });
  for (const name of ['base.json', 'en.json']) cpSync(`node_modules/speech-rule-engine/lib/mathmaps/${name}`, `dist/workers/mathmaps/${name}`);
}

// KaTeX's stylesheet and fonts are served to the webview from the extension itself (no network).
if (existsSync('node_modules/katex/dist')) {
  mkdirSync('dist/webview/fonts', { recursive: true });
  cpSync('node_modules/katex/dist/katex.min.css', 'dist/webview/katex.min.css');
  // Webviews run in Chromium, which takes woff2: the older formats would only make the .vsix larger.
  cpSync('node_modules/katex/dist/fonts', 'dist/webview/fonts', { recursive: true, filter: (src) => !/\.(woff|ttf)$/.test(src) });
}
