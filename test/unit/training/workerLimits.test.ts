/** Every worker thread has a heap limit: a request that slipped past the range checks ends one worker, with a message, not the editor. */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { WORKER_HEAP_MB } from '../../../src/host/limits';
import { TrainingSession } from '../../../src/host/panels/trainingSession';

describe('worker threads: heap limits', function () {
  this.timeout(60_000);
  let dir = '';
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'genmath-worker-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ends a training worker that grows past its heap limit and says the training stopped', async () => {
    // A worker that keeps every array it makes, as a batch of 10,000,000 would.
    const hog = path.join(dir, 'hog.js');
    writeFileSync(hog, 'const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random()));\n');
    const errors: string[] = [];
    const rssBefore = process.memoryUsage().rss;
    const session = new TrainingSession<{ type: 'ready' }, { type: 'error'; message: string }>(hog, (e) => errors.push(e.message), {}, (_v): _v is { type: 'error'; message: string } => false);
    const code = await session.exited;
    assert.notEqual(code, 0);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /the training stopped: .*memory/i);
    // The worker's heap is gone with it; the process never held much more than the limit.
    assert.ok(process.memoryUsage().rss - rssBefore < (WORKER_HEAP_MB.training + 512) * 2 ** 20);
  });
});
