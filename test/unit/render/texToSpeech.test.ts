import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadSpeechEngine, setSpeechRules, speakFormula, speechEngineReady } from '../../../src/host/render/texToSpeech';

const MATRIX = String.raw`\begin{pmatrix} a & b \\ c & d \end{pmatrix}`;

describe('the render worker\'s spoken reading: ours, with the speech rule engine as fallback', function () {
  this.timeout(20_000);

  it('reads a formula our tree covers itself, without loading the engine', () => {
    setSpeechRules(join(process.cwd(), 'node_modules/speech-rule-engine/lib/mathmaps'));
    assert.equal(speakFormula(String.raw`D_{KL}(q_\phi(z|x)\|p(z))`, {}, false), 'the KL divergence of q phi of z given x from p of z');
    assert.equal(speechEngineReady(), false);
  });

  it('gives our partial reading at once for a matrix, and starts loading the engine for the next one', async () => {
    assert.equal(speakFormula(MATRIX, {}, true), 'a b. c d');
    await loadSpeechEngine();
    assert.equal(speechEngineReady(), true);
  });

  it('reads a matrix with the engine once it is loaded', () => {
    assert.equal(speakFormula(MATRIX, {}, true), 'the 2 by 2 matrix Row 1: a b Row 2: c d');
  });

  it('reads a document macro through its expansion, as MathJax renders it', () => {
    const said = speakFormula(String.raw`\pdata(x)`, { pdata: 'p_{\\text{data}}' }, false);
    assert.match(said, /p sub data/);
    assert.doesNotMatch(said, /pdata|\\/);
  });

  it('keeps our reading where the engine would misread a conditional bar', () => {
    assert.doesNotMatch(speakFormula(String.raw`q_\phi(z|x)`, {}, false), /divides/);
  });
});
