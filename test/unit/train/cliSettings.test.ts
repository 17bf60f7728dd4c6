import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flagOf } from '../../../src/cli/train/ganSettings';
import type { CliIO } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { parseTrainArgs } from '../../../src/cli/train';
import { DEFAULT_GAN_CONFIG } from '../../../src/core/train/gan';
import { GanRunner } from '../../../src/host/training/ganRunner';
import { GAN_NUMBER_RANGES, ganSettingsJson, ganSettingsOf, ganSettingsRangeProblem, isGanCommand, isGanSettings, LIST_SETTINGS, NUMBER_SETTINGS, STRING_SETTINGS, type GanEvent, type GanFrame } from '../../../src/shared/ganProtocol';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), readStdin: async () => '', stderrIsTTY: false };
  const code = await main(args, io);
  return { code, out, err };
}

const TASKS = ['gan', 'vae', 'mle', 'autoencoder', 'diffusion', 'klfit', 'gd'];

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'genmath-cli-')), name);
  writeFileSync(file, text);
  return file;
}

/** The result of a run without its timing, which differs from run to run. */
function untimed(json: string): unknown {
  const result = JSON.parse(json) as Record<string, unknown>;
  delete result.seconds;
  delete result.cpuSeconds;
  delete result.stepsPerSecond;
  return result;
}

describe('genmath train: help and seeds on every task', () => {
  for (const task of TASKS) {
    it(`answers 'train ${task} --help' with that task's usage and what --seed does`, async () => {
      const r = await run(['train', task, '--help']);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, new RegExp(`^usage: genmath train ${task} .*--seed S`));
      // Only this task's usage line, not every task's.
      assert.equal(r.out.match(/usage: genmath train /g)?.length, 1);
      assert.match(r.out, /same numbers/);
    });
  }

  it('says of the deterministic tasks that the seed changes nothing, and of the others that it picks the draws', async () => {
    for (const task of ['klfit', 'gd']) assert.match((await run(['train', task, '-h'])).out, /draws no random numbers.*changes nothing/s, task);
    for (const task of ['vae', 'mle', 'autoencoder', 'diffusion']) assert.match((await run(['train', task, '--help'])).out, /picks the random draws/, task);
  });

  it('accepts --seed on the deterministic tasks, with the same result for any seed, and still rejects a seed that is not a number', async () => {
    for (const [task, steps] of [['klfit', '50'], ['gd', '20']]) {
      const a = await run(['train', task, '--steps', steps, '--seed', '1', '--json']);
      const b = await run(['train', task, '--steps', steps, '--seed', '987', '--json']);
      assert.equal(a.code, 0, a.err);
      assert.equal(a.out, b.out, task);
      const bad = await run(['train', task, '--seed', 'x']);
      assert.equal(bad.code, 2);
      assert.match(bad.err, new RegExp(`--seed needs a whole number.*usage: genmath train ${task}`));
    }
  });

  it('lists the tasks when --help follows train alone', async () => {
    const r = await run(['train', '--help']);
    assert.equal(r.code, 0);
    for (const task of TASKS) assert.match(r.out, new RegExp(`train ${task} `));
  });
});

describe('genmath train gan: the panel\'s settings', () => {
  it('lists every panel setting in its help, under the panel\'s name, with the panel\'s range', async () => {
    const out = (await run(['train', 'gan', '--help'])).out;
    for (const key of [...STRING_SETTINGS, ...LIST_SETTINGS]) assert.ok(out.includes(flagOf(key)), key);
    for (const key of NUMBER_SETTINGS) {
      const r = GAN_NUMBER_RANGES[key];
      assert.ok(out.includes(`${flagOf(key).padEnd(24)} ${r.integer ? 'whole number' : 'number'} from ${r.min} to ${r.max}`), key);
    }
    assert.match(out, /--config FILE/);
  });

  it('names each flag after the panel\'s key', () => {
    assert.equal(flagOf('learningRateG'), '--learning-rate-g');
    assert.equal(flagOf('dSteps'), '--d-steps');
    assert.equal(flagOf('generatorHidden'), '--generator-hidden');
  });

  it('passes every setting the panel has to the trainer', () => {
    const o = parseTrainArgs([
      '--dataset', 'moons', '--loss', 'least-squares', '--optimizer', 'momentum', '--learning-rate-g', '0.002', '--learning-rate-d=0.0005',
      '--d-steps', '3', '--batch-size', '96', '--generator-hidden', '32,16', '--discriminator-hidden', '48', '--pack', '3',
      '--gradient-penalty', '2.5', '--ema-decay', '0.9', '--seed', '42', '--steps', '7',
    ]);
    assert.deepEqual(o.config, {
      dataset: 'moons', loss: 'least-squares', optimizer: 'momentum', learningRateG: 0.002, learningRateD: 0.0005, dSteps: 3, batchSize: 96,
      generatorHidden: [32, 16], discriminatorHidden: [48], pack: 3, gradientPenalty: 2.5, emaDecay: 0.9, seed: 42, steps: 7,
    });
  });

  it('refuses what the panel refuses, naming the flag and the range, with exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--learning-rate-g', '2'], /--learning-rate-g: learningRateG must be from 0\.000001 to 1, got 2/],
      [['--d-steps', '11'], /dSteps must be from 1 to 10/],
      [['--pack', '1.5'], /pack must be a whole number/],
      [['--seed', '2000000'], /seed must be from 0 to 1000000/],
      [['--generator-hidden', '0,3'], /--generator-hidden: a setting has the wrong type or size/],
      [['--discriminator-hidden', '8,8,8,8,8'], /--discriminator-hidden/],
      [['--optimizer', 'rmsprop'], /unknown optimizer 'rmsprop'/],
      [['--ema-decay', 'high'], /--ema-decay needs a number/],
      [['--batch-size', '10', '--pack', '4'], /batchSize \(10\) must be a multiple of pack \(4\)/],
    ];
    for (const [args, message] of cases) {
      const r = await run(['train', 'gan', ...args, '--steps', '1']);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.err.trim().split('\n').length, 1);
      assert.match(r.err, message);
    }
  });

  it('reads --config, the panel\'s settings as JSON, and gives the same run as the same flags', async () => {
    const file = tempFile('gan.json', JSON.stringify({ dataset: 'grid25', loss: 'wgan-gp', learningRateD: 0.001, generatorHidden: [32, 32], batchSize: 64, seed: 5 }));
    const fromFile = await run(['train', 'gan', '--config', file, '--steps', '6', '--json']);
    const fromFlags = await run(['train', 'gan', '--dataset', 'grid25', '--loss', 'wgan-gp', '--learning-rate-d', '0.001', '--generator-hidden', '32,32', '--batch-size', '64', '--seed', '5', '--steps', '6', '--json']);
    assert.equal(fromFile.code, 0, fromFile.err);
    assert.deepEqual(untimed(fromFile.out), untimed(fromFlags.out));
    assert.equal((JSON.parse(fromFile.out) as { metrics: { modesTotal: number } }).metrics.modesTotal, 25);
  });

  it('lets a flag override the file', () => {
    const file = tempFile('gan.json', JSON.stringify({ seed: 5, loss: 'minimax' }));
    assert.deepEqual(parseTrainArgs(['--config', file, '--seed', '9']).config, { seed: 9, loss: 'minimax', steps: DEFAULT_GAN_CONFIG.steps });
  });

  it('refuses a config file that is missing, not JSON, not an object, or holds a key or value the panel would not send', async () => {
    const cases: [string, RegExp][] = [
      [join(tmpdir(), 'no-such-genmath-config.json'), /cannot read it \(ENOENT\)/],
      [tempFile('a.json', '{"seed": 1,'), /not JSON/],
      [tempFile('b.json', '[1, 2]'), /not a JSON object/],
      [tempFile('c.json', '{"beta1": 0.9}'), /unknown setting 'beta1'/],
      [tempFile('d.json', '{"seed": "one"}'), /wrong type or size/],
      [tempFile('e.json', '{"emaDecay": 1}'), /emaDecay must be from 0 to 0.9999, got 1/],
      [tempFile('f.json', '{"dataset": "cats"}'), /unknown dataset 'cats'/],
    ];
    for (const [file, message] of cases) {
      const r = await run(['train', 'gan', '--config', file]);
      assert.equal(r.code, 2, file);
      assert.equal(r.err.trim().split('\n').length, 1);
      assert.match(r.err, message);
      assert.equal(r.out, '');
    }
  });

  it('reads back what the panel\'s "Copy settings" writes, and runs the panel\'s experiment', async () => {
    const frames: GanFrame[] = [];
    const runner = new GanRunner((e: GanEvent) => void (e.type === 'frame' && frames.push(e.frame)));
    const changed = { loss: 'least-squares', learningRateG: 0.003, dSteps: 2, batchSize: 96, pack: 3, discriminatorHidden: [32, 32], emaDecay: 0.95, seed: 11 };
    assert.ok(isGanCommand({ type: 'settings', settings: changed }));
    runner.handle({ type: 'settings', settings: changed });
    runner.handle({ type: 'step' });
    runner.dispose();
    const frame = frames[frames.length - 1];
    const copied = ganSettingsOf(frame.config);
    assert.ok(isGanCommand({ type: 'copySettings', settings: copied }));
    assert.equal(ganSettingsRangeProblem(copied), undefined);
    assert.deepEqual(Object.keys(copied).sort(), [...STRING_SETTINGS, ...NUMBER_SETTINGS, ...LIST_SETTINGS].sort(), 'every panel setting, and nothing else');
    const file = tempFile('copied.json', ganSettingsJson(copied));
    const config = parseTrainArgs(['--config', file, '--steps', '1']).config;
    for (const [key, value] of Object.entries(changed)) assert.deepEqual((config as Record<string, unknown>)[key], value, key);
    const r = await run(['train', 'gan', '--config', file, '--steps', '1', '--json']);
    assert.equal(r.code, 0, r.err);
  });

  it('does not let a copy message through with settings the panel could not send', () => {
    assert.equal(isGanCommand({ type: 'copySettings', settings: { beta1: 0.9 } }), false);
    assert.equal(isGanCommand({ type: 'copySettings' }), false);
    assert.ok(isGanSettings(ganSettingsOf({ dataset: 'moons', beta1: 0.5, latentDim: 2, generatorHidden: [8] })));
  });
});
