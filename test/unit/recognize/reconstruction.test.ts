import { expectKind, expectRoles } from './cases';

describe('recognize: reconstruction loss', () => {
  expectKind('reconstruction', [
    String.raw`$\mathcal{L}_{\text{rec}} = \frac{1}{N}\sum_{i=1}^N \|x_i - d(e(x_i))\|_2^2$`,
    String.raw`$$\| \mathbf{x} - \hat{\mathbf{x}} \|^2$$`,
    String.raw`$\ell(x, \mathrm{dec}(\mathrm{enc}(x)))$`.replace(String.raw`\mathrm{dec}(\mathrm{enc}(x))`, 'g_\\theta(f_\\phi(x))'),
    String.raw`$-\log p_\theta(x \mid z = f_\phi(x))$`,
  ]);
  describe('Unicode text', () => {
    expectKind('reconstruction', ['L = ‖x − g(f(x))‖²']);
  });
  describe('near misses', () => {
    expectKind('none', [String.raw`$\hat x = g(f(x))$`, String.raw`$\|w\|_2^2$`, String.raw`$L = \sum_i (y_i - \hat y_i)^2$`]);
  });
  describe('roles', () => {
    expectRoles(String.raw`$\|x - g(f(x))\|^2$`, { encoder: 'f', decoder: 'g', data: 'x' });
  });
});
