import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { setSpeechEngine, speakFormula, speechEngineReady } from '../../../src/host/render/texToSpeech';

const MATRIX = String.raw`\begin{pmatrix} a & b \\ c & d \end{pmatrix}`;

describe('the render worker\'s spoken reading: ours, with the speech rule engine as fallback', function () {
  this.timeout(20_000);

  it('reads a formula our tree covers itself, without loading the engine', async () => {
    const sre = join(process.cwd(), 'node_modules/speech-rule-engine/lib');
    setSpeechEngine({ script: join(sre, 'sre.js'), rules: join(sre, 'mathmaps') });
    assert.equal(await speakFormula(String.raw`D_{KL}(q_\phi(z|x)\|p(z))`, {}, false, 0), 'the KL divergence of q phi of z given x from p of z');
    assert.equal(speechEngineReady(), false);
  });

  it('keeps our partial reading for a matrix when the engine is not loaded within the wait', async () => {
    assert.equal(await speakFormula(MATRIX, {}, true, 0), 'a b. c d');
  });

  it('waits for the engine to load when a formula needs it, and reads a matrix with it', async () => {
    assert.equal(await speakFormula(MATRIX, {}, true, 10_000), 'the 2 by 2 matrix Row 1: a b Row 2: c d');
    assert.equal(speechEngineReady(), true);
  });

  it('reads a document macro through its expansion, as MathJax renders it', async () => {
    const said = await speakFormula(String.raw`\pdata(x)`, { pdata: 'p_{\\text{data}}' }, false, 0);
    assert.match(said, /p sub data/);
    assert.doesNotMatch(said, /pdata|\\/);
  });

  it('keeps our reading where the engine would misread a conditional bar', async () => {
    assert.doesNotMatch(await speakFormula(String.raw`q_\phi(z|x)`, {}, false, 0), /divides/);
  });
});
