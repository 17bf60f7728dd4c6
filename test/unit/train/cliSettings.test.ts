import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flagOf } from '../../../src/cli/train/ganSettings';
import type { CliIO } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { parseTrainArgs } from '../../../src/cli/train';
import { DEFAULT_GAN_CONFIG } from '../../../src/core/train/gan';
import { ToyRunner } from '../../../src/worker/toyRunner';
import { ganToy } from '../../../src/worker/toys/gan';
import { experimentBlock, parseExperiment } from '../../../src/shared/experiment';
import { GAN_CONTROLS, GAN_SETTING_KEYS, ganSettingsOf } from '../../../src/shared/ganSettings';
import { isToyCommand, type ToyEvent, type ToyFrame } from '../../../src/shared/toyProtocol';
import { settingsProblem } from '../../../src/shared/toySettings';

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
  it('lists every panel setting in its help, under the panel\'s name, with the range its control gives', async () => {
    const out = (await run(['train', 'gan', '--help'])).out;
    for (const c of GAN_CONTROLS) {
      assert.ok(out.includes(flagOf(c.key)), c.key);
      if (c.kind === 'number') assert.ok(out.includes(`${flagOf(c.key).padEnd(24)} ${c.integer ? 'whole number' : 'number'} from ${c.min} to ${c.max}`), c.key);
      if (c.kind === 'select') assert.ok(out.includes(`${flagOf(c.key).padEnd(24)} ${c.options!.join('|')}`), c.key);
    }
    assert.match(out, /--config FILE/);
  });

  it('takes its limits from the controls: a control with another range changes what the CLI accepts', () => {
    // The same function checks the panel's messages (in the worker) and the flags: one table of limits.
    const dSteps = GAN_CONTROLS.find((c) => c.key === 'dSteps')!;
    assert.equal(settingsProblem(GAN_CONTROLS, { dSteps: dSteps.max! }), undefined);
    assert.match(settingsProblem(GAN_CONTROLS, { dSteps: dSteps.max! + 1 })!, new RegExp(`dSteps must be from ${dSteps.min} to ${dSteps.max}`));
    const narrowed = GAN_CONTROLS.map((c) => (c.key === 'dSteps' ? { ...c, max: 3 } : c));
    assert.match(settingsProblem(narrowed, { dSteps: 4 })!, /dSteps must be from 1 to 3, got 4/);
    assert.throws(() => parseTrainArgs(['--d-steps', String(dSteps.max! + 1)]), /dSteps must be from/);
    assert.equal(parseTrainArgs(['--d-steps', String(dSteps.max)]).config.dSteps, dSteps.max);
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

  it('reads back what the panel\'s "Copy experiment" writes, and runs the panel\'s experiment', async () => {
    const frames: ToyFrame[] = [];
    const runner = new ToyRunner('gan', ganToy, (e: ToyEvent) => void (e.type === 'frame' && frames.push(e.frame)));
    const changed = { loss: 'least-squares', learningRateG: 0.003, dSteps: 2, batchSize: 96, pack: 3, discriminatorHidden: '32,32', emaDecay: 0.95, seed: 11 };
    assert.ok(isToyCommand({ type: 'settings', settings: changed }));
    runner.handle({ type: 'settings', settings: changed });
    runner.handle({ type: 'step' });
    runner.dispose();
    const frame = frames[frames.length - 1];
    assert.equal(settingsProblem(GAN_CONTROLS, frame.settings), undefined);
    assert.deepEqual(Object.keys(frame.settings).sort(), [...GAN_SETTING_KEYS].sort(), 'every panel setting, and nothing else');
    const block = experimentBlock({ toy: 'gan', settings: frame.settings });
    const body = /^```genmath\n(.*)\n```\n$/s.exec(block)![1];
    assert.equal(typeof parseExperiment(body), 'object');
    const file = tempFile('copied.json', body);
    const config = parseTrainArgs(['--config', file, '--steps', '1']).config;
    for (const [key, value] of Object.entries(changed)) assert.deepEqual((config as Record<string, unknown>)[key], key === 'discriminatorHidden' ? [32, 32] : value, key);
    const r = await run(['train', 'gan', '--config', file, '--steps', '1', '--json']);
    assert.equal(r.code, 0, r.err);
  });

  it('does not let a copy message through that the panel could not send, and copies known settings only', () => {
    assert.equal(isToyCommand({ type: 'copyExperiment', as: 'clipboard' }), false);
    assert.equal(isToyCommand({ type: 'copyExperiment' }), false);
    assert.ok(isToyCommand({ type: 'copyExperiment', as: 'block' }));
    const copied = ganSettingsOf({ dataset: 'moons', beta1: 0.5, latentDim: 2, generatorHidden: [8] });
    assert.deepEqual(copied, { dataset: 'moons', generatorHidden: '8' });
    assert.equal(settingsProblem(GAN_CONTROLS, copied), undefined);
  });
});
