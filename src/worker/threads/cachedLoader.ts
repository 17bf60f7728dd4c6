/**
 * Starts another worker script (the MathJax renderer) from V8's code cache. Loading MathJax's 1.8 MB
 * bundle is most of a window's first hover: compiled with the cache V8 made in an earlier window,
 * the script and MathJax's start-up run in ~100 ms instead of ~140-190 ms (measured on this
 * machine; `npm run bench -- hover-first`).
 *
 * workerData: { script, cache }: the script's path and the cache file's. A missing, stale or
 * damaged cache is ignored (V8 checks it and says so), and a fresh one is written once the script
 * has started; never a reason not to start.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { CodeCacheReport, CodeCacheUse } from '../../host/render/renderMessages';

/** A while after start-up, so that writing the cache never delays the first formula. */
const WRITE_AFTER_MS = 1500;

const data = (workerData ?? {}) as { script?: unknown; cache?: unknown };
const script = typeof data.script === 'string' ? data.script : '';
const cacheFile = typeof data.cache === 'string' ? data.cache : undefined;

let cached: Buffer | undefined;
try {
  if (cacheFile) cached = readFileSync(cacheFile);
} catch {
  // No cache yet: this start makes one.
}
const compiled = new Script(wrap(readFileSync(script, 'utf8')), { filename: script, cachedData: cached });
const use: CodeCacheUse = cached === undefined ? 'absent' : compiled.cachedDataRejected ? 'rejected' : 'used';
// Tell the host before the script's own "ready", which follows as soon as it has run.
parentPort?.postMessage({ codeCache: use } satisfies CodeCacheReport);
const moduleObject = { exports: {} };
(compiled.runInThisContext() as (...args: unknown[]) => void)(moduleObject.exports, createRequire(script), moduleObject, script, path.dirname(script));

if (cacheFile && use !== 'used') {
  // Made after the script has run, the cache holds the functions its start-up compiled too.
  setTimeout(() => {
    const temp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
    mkdir(path.dirname(cacheFile), { recursive: true })
      .then(() => writeFile(temp, compiled.createCachedData()))
      // A rename is atomic: another window reading the cache never sees half a file.
      .then(() => rename(temp, cacheFile))
      .catch(() => undefined);
  }, WRITE_AFTER_MS).unref();
}
