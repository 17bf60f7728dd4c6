import * as assert from 'node:assert/strict';
import { latestValue, legendValue, yAxisName } from '../../../webview-ui/src/plot/series';

describe('what a chart of curves says beside its plot', () => {
  it('shows the latest finite value of a curve when no step is hovered', () => {
    assert.equal(latestValue([1, 2, 3]), 3);
    assert.equal(latestValue([1, 2, null, NaN]), 2);
    assert.equal(latestValue([]), null);
    assert.equal(latestValue(undefined), null);
  });

  it('names the y axis from the chart title, or its only curve', () => {
    const line = (label: string) => ({ label, color: 'fake' as const, y: [] });
    assert.equal(yAxisName({ title: 'Reconstruction loss over steps', lines: [line('reconstruction loss')] }), 'Reconstruction loss');
    assert.equal(yAxisName({ title: 'log₁₀ f(θ_t) over steps', lines: [line('a'), line('b')] }), 'log₁₀ f(θ_t)');
    assert.equal(yAxisName({ title: 'The schedules’ ᾱ_t over t: the signal left at step t', lines: [line('a'), line('b')] }), 'The schedules’ ᾱ_t');
    assert.equal(yAxisName({ title: 'Quality', lines: [line('modes covered')] }), 'modes covered');
    // Too long to fit along the axis: the curves' labels instead, or nothing.
    assert.equal(yAxisName({ title: 'ELBO and the exact log p(x) over steps: the gap is KL', lines: [line('ELBO'), line('log p(x)')] }), 'ELBO, log p(x)');
    assert.equal(yAxisName({ title: 'Quality', lines: [line('modes covered'), line('high quality'), line('JSD / log 2')] }), '');
  });

  it('prints a step count whole and any other value to four significant digits', () => {
    assert.equal(legendValue(12345), '12345');
    assert.equal(legendValue(-1.79634), '-1.796');
    assert.equal(legendValue(6.6812e-5), '6.681 × 10⁻⁵');
    assert.equal(legendValue(null), '–');
  });
});
