/** Every toy of the toy panel, by name. */
import type { ToyName } from '../../shared/toyProtocol';
import { autoencoderToy } from './autoencoder';
import { diffusionToy } from './diffusion';
import { ganToy } from './gan';
import { gdToy } from './gd';
import { klfitToy } from './klfit';
import { mleToy } from './mle';
import type { ToyModel } from './model';
import { vaeToy } from './vae';

export const TOYS: Readonly<Record<ToyName, ToyModel>> = {
  gan: ganToy,
  vae: vaeToy,
  mle: mleToy,
  autoencoder: autoencoderToy,
  diffusion: diffusionToy,
  klfit: klfitToy,
  gd: gdToy,
};
