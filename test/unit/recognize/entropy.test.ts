import { expectKind } from './cases';

describe('recognize: the surprise averaged under its own density, the minus inside the brackets', () => {
  expectKind('entropy', [
    String.raw`$\mathbb{E}_{u \sim r}\left[-\log r(u)\right]$`,
    String.raw`$\mathrm{H}(U) = \mathbb{E}_{r}[-\ln r(u)]$`,
  ]);
  // One parameter's density scored under another's is a likelihood comparison, not the entropy.
  expectKind('none', [String.raw`$\mathbb{E}_{u \sim r(u \mid \lambda_0)}\left[-\log r(u \mid \lambda)\right] + c$`]);
});
