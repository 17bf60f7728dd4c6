/**
 * From a detected variant to its planned steps and toy instance, and the sentence that says which
 * variant the note writes (the opening step's reason).
 */
import type { Built } from './derivations/common';
import { m } from './derivations/common';
import { autoencoderSteps } from './derivations/autoencoder';
import { diffusionSteps } from './derivations/diffusion';
import { elboSteps } from './derivations/elbo';
import { klSteps } from './derivations/kl';
import { mleSteps } from './derivations/mle';
import { otherSteps } from './derivations/other';
import { updateSteps } from './derivations/update';
import type { Reading } from './read/reading';
import type { Variant } from './variants';

/** The planned steps of a variant, in the note's letters. */
export function buildVariant(v: Variant, r: Reading): Built {
  switch (v.family) {
    case 'elbo': return elboSteps(v.name, v.letters);
    case 'update': return updateSteps(v.name, v.letters, r.symbols);
    case 'mle': return mleSteps(v.name, v.letters, r.symbols);
    case 'kl': return klSteps(v.name, v.letters, r.symbols);
    case 'diffusion': return diffusionSteps(v.name, v.letters, r.symbols);
    case 'autoencoder': return autoencoderSteps(v.name, v.letters, r.symbols);
    case 'other': return otherSteps(v.name, v.letters, r.symbols);
  }
}

/** One sentence naming the variant, for the opening line. */
export function variantSentence(v: Variant): string {
  switch (v.family) {
    case 'elbo': {
      const L = v.letters;
      const what: Record<string, string> = {
        plain: 'an evidence lower bound (ELBO) on the log-likelihood',
        loss: 'the negative evidence lower bound, a loss to minimize',
        beta: `a β-weighted evidence lower bound (β-VAE): the KL term is weighted by ${L.beta ? m(L.beta) : 'β'}`,
        conditional: `a conditional evidence lower bound (conditional VAE): every density is conditioned on ${L.y ? m(L.y) : 'a label'}`,
        hierarchical: `a hierarchical evidence lower bound with two latents, ${m(L.z)} and ${L.z2 ? m(L.z2) : 'a second'}`,
        iwae: `an importance-weighted bound (IWAE) with ${L.K ? m(L.K) : 'K'} samples`,
      };
      const sign = v.name === 'beta' && L.sign === 'loss' ? ', written as a loss (minus the bound)' : '';
      return `The note writes ${what[v.name]}${sign}; the steps below derive it in the note's letters.`;
    }
    case 'update': {
      const what: Record<string, string> = {
        plain: 'a gradient-descent step', momentum: 'a gradient step with momentum', nesterov: "Nesterov's accelerated gradient (a look-ahead gradient)",
        adagrad: 'an AdaGrad step', rmsprop: 'an RMSProp step', adam: 'an Adam step', langevin: 'a step of Langevin dynamics, a sampler',
      };
      return `The note writes ${what[v.name]}; the steps below are checked against its own update lines.`;
    }
    case 'mle': {
      const what: Record<string, string> = {
        bernoulli: 'the log-likelihood of Bernoulli trials', binomial: 'a binomial likelihood', gaussian: 'the log-likelihood of a Gaussian sample',
        categorical: 'the log-likelihood of categorical counts', mixture: 'the log-likelihood of a mixture of Gaussians',
        nll: 'a negative log-likelihood loss', generic: 'the log-likelihood of an independent sample',
      };
      return `The note writes ${what[v.name]}; the steps below find its maximizer, each checked on a random sample.`;
    }
    case 'kl': {
      const what: Record<string, string> = {
        gaussian: 'a KL divergence between two Gaussians; the closed form below is in its own letters',
        forward: `a forward KL divergence: the first argument, ${m(v.letters.first)}, is the data (or target) and the second, ${m(v.letters.second)}, the model`,
        reverse: `a reverse KL divergence: the first argument, ${m(v.letters.first)}, is the model and the second, ${m(v.letters.second)}, the data (or target)`,
        undirected: 'a KL divergence; which argument is the data and which the model is not written, so no direction is claimed',
      };
      return `The note writes ${what[v.name]}.`;
    }
    case 'diffusion': {
      const what: Record<string, string> = {
        vlb: `the variational bound of a diffusion model: the forward process ${m(v.letters.q)} is fixed, only the reverse model ${m(v.letters.p)} is learned`,
        simple: 'the simplified diffusion loss: a network learns to predict the noise added to a data point',
        forward: 'the forward (noising) process of a diffusion model',
      };
      return `The note writes ${what[v.name]}.`;
    }
    case 'autoencoder': {
      const what: Record<string, string> = {
        deterministic: 'the reconstruction loss of a deterministic autoencoder: the encoder is a function, not a distribution',
        denoising: `the loss of a denoising autoencoder: the encoder sees a corrupted input${v.letters.corrupted ? ` ${m(v.letters.corrupted)}` : ''} and the loss compares with the clean one`,
        vq: 'the loss of a vector-quantized autoencoder (VQ-VAE): a reconstruction term, a codebook term and a commitment term',
      };
      return `The note writes ${what[v.name]}.`;
    }
    case 'other': {
      const what: Record<string, string> = {
        gan: 'the GAN value function (the original, saturating form)', 'gan-nonsaturating': 'the non-saturating GAN generator loss',
        'gan-leastsquares': 'a least-squares GAN objective', 'gan-wasserstein': 'the Wasserstein GAN objective (a critic, not a classifier)',
        'bayes-events': "Bayes' rule for events", 'bayes-densities': "Bayes' rule for densities", entropy: 'an entropy', 'cross-entropy': 'a cross-entropy',
        jsd: 'the Jensen-Shannon divergence', marginal: 'a marginal likelihood: the latent variable integrated out', bce: 'a binary cross-entropy reconstruction loss',
      };
      return `The note writes ${what[v.name]}.`;
    }
  }
}
