import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadSpeechEngine, setSpeechEngine, speakFormula, speechEngineReady } from '../../../src/host/render/texToSpeech';

const MATRIX = String.raw`\begin{pmatrix} a & b \\ c & d \end{pmatrix}`;

describe('the render worker\'s spoken reading: ours, with the speech rule engine as fallback', function () {
  this.timeout(20_000);

  it('reads a formula our tree covers itself, final at once, without loading the engine', () => {
    const sre = join(process.cwd(), 'node_modules/speech-rule-engine/lib');
    setSpeechEngine({ script: join(sre, 'sre.js'), rules: join(sre, 'mathmaps') });
    assert.deepEqual(speakFormula(String.raw`D_{KL}(q_\phi(z|x)\|p(z))`, {}, false), { text: 'the KL divergence of q phi of z given x from p of z', pending: false });
    assert.equal(speechEngineReady(), false);
  });

  it('gives our partial reading of a matrix at once, marked pending, and starts loading the engine', async () => {
    assert.deepEqual(speakFormula(MATRIX, {}, true), { text: 'a b. c d', pending: true });
    await new Promise((resolve) => setImmediate(resolve));
    await loadSpeechEngine();
    assert.equal(speechEngineReady(), true);
  });

  it('reads a matrix with the engine once it is loaded, final', () => {
    assert.deepEqual(speakFormula(MATRIX, {}, true), { text: 'the 2 by 2 matrix Row 1: a b Row 2: c d', pending: false });
  });

  it('reads a document macro through its expansion, as MathJax renders it', () => {
    // A name no book convention explains (`\pdata` is read as p_data by the parser itself).
    const said = speakFormula(String.raw`\datadensity(x)`, { datadensity: 'p_{\\text{data}}' }, false).text;
    assert.match(said, /p sub data/);
    assert.doesNotMatch(said, /datadensity|\\/);
  });

  it("reads a book's density macro as the density it names, without the engine", () => {
    assert.equal(speakFormula(String.raw`\pdata(x)`, {}, false).text, speakFormula(String.raw`p_{\text{data}}(x)`, {}, false).text);
  });

  it('keeps our reading where the engine would misread a conditional bar', () => {
    assert.doesNotMatch(speakFormula(String.raw`q_\phi(z|x)`, {}, false).text, /divides/);
  });
});
