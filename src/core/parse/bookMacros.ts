/**
 * Reading the control words that books define in their preamble, when a formula is read
 * without that preamble. Textbooks and papers write `\vx` for a bold x, `\btheta` for a bold
 * θ, `\rvx` for the random variable x, `\mA` for a matrix, `\E` or `\EE` for an expectation and
 * `\cN` for a calligraphic N. Such a word is a symbol, never a reason to give up on a formula:
 * a known prefix followed by one letter or a Greek letter's name stands for that letter, and a
 * few spellings of the expectation, the normal distribution and the number sets stand for them.
 * A word that fits none of these stays an unknown macro, as before.
 */
import { GREEK_COMMANDS } from './symbols';

/** What an unknown control word reads as: a letter or Greek name, with the font it implies. */
export interface MacroReading {
  readonly name: string;
  /** `bb` for expectations and number sets, `cal` for calligraphic letters, undefined for bold and upright. */
  readonly font?: string;
  /** The subscript the word carries: `data` for `\pdata`, `theta` for `\ptheta`. */
  readonly sub?: string;
}

/**
 * What a density's macro names after its letter (`\pdata`, `\pmodel`, `\ptheta`, `\qphi`, `\pemp`): the data
 * distribution, the model or its parameter, written as that letter's subscript.
 */
const DENSITY_SUBSCRIPTS: ReadonlySet<string> = new Set(['data', 'model', 'theta', 'phi', 'psi', 'gen', 'real', 'emp', 'true', 'prior', 'post']);

/**
 * Prefixes that mark a bold vector, matrix, random variable or tensor (`\vx`, `\bx`, `\bfx`,
 * `\bmx`, `\rvx`, `\mA`, `\tA`, `\ervx`) followed by the letter they decorate. Longest first so
 * that `\rvx` is r-v + x, not r + vx.
 */
const BOLD_PREFIXES = ['ervec', 'erv', 'rvec', 'vect', 'rv', 'bm', 'bf', 'bs', 'mb', 'mat', 'vec', 'v', 'b', 'm', 't', 'e'];

/** Suffixes that mark the same after the letter (`\xvec`, `\thetavec`, `\xbf`, `\xbold`), longest first. */
const BOLD_SUFFIXES = ['vect', 'bold', 'vec', 'bf', 'bm'];

/** Prefixes of calligraphic and blackboard letters (`\cN`, `\calN`, `\mcN`, `\bbR`, `\sR`, `\gG`). */
const CAL_PREFIXES = ['mathcal', 'cal', 'mc', 'c', 'g', 's'];
const BB_PREFIXES = ['mathbb', 'bb', 'BB'];

/** Spellings of the expectation operator that books define. */
const EXPECTATIONS: ReadonlySet<string> = new Set(['E', 'EE', 'Ex', 'ex', 'Exp', 'Expect', 'expect', 'Expectation', 'expectation', 'bbE', 'mathbbE', 'Eb', 'EX', 'av', 'avg']);

/** Spellings of the normal distribution. */
const NORMALS: ReadonlySet<string> = new Set(['Normal', 'normal', 'Gaussian', 'gaussian', 'gauss', 'Gauss', 'NN', 'calN', 'cN', 'mcN', 'Norm']);

/** Letters or Greek names that a decorated symbol may carry. */
function letterOf(rest: string): string | undefined {
  if (rest.length === 1 && /[A-Za-z]/.test(rest)) return rest;
  return GREEK_COMMANDS.get(rest);
}

/**
 * What the unknown control word `name` (without its backslash) stands for, or undefined when
 * it fits no convention. Pure and cheap: called once per unknown word while parsing.
 */
export function readBookMacro(name: string): MacroReading | undefined {
  if (EXPECTATIONS.has(name)) return { name: 'E', font: 'bb' };
  if ((name[0] === 'p' || name[0] === 'q') && DENSITY_SUBSCRIPTS.has(name.slice(1))) return { name: name[0], sub: name.slice(1) };
  if (NORMALS.has(name)) return { name: 'N', font: 'cal' };
  if (name === 'R' || name === 'Real' || name === 'Reals' || name === 'reals' || name === 'RR') return { name: 'R', font: 'bb' };
  for (const p of BB_PREFIXES) {
    if (name.startsWith(p) && name.length === p.length + 1 && /[A-Z]/.test(name[p.length])) return { name: name.slice(p.length), font: 'bb' };
  }
  for (const p of CAL_PREFIXES) {
    if (name.startsWith(p) && name.length === p.length + 1 && /[A-Z]/.test(name[p.length])) return { name: name.slice(p.length), font: 'cal' };
  }
  // `\cd`, `\cf`: course notes' calligraphic data set and hypothesis space, in lower case.
  if (name.length === 2 && name[0] === 'c' && /[a-z]/.test(name[1])) return { name: name[1].toUpperCase(), font: 'cal' };
  for (const p of BOLD_PREFIXES) {
    if (!name.startsWith(p) || name.length === p.length) continue;
    const letter = letterOf(name.slice(p.length));
    if (letter) return { name: letter };
  }
  // The same decoration written after the letter: `\xvec`, `\zvec`, `\thetavec`, `\xbf`, `\xbold`.
  for (const s of BOLD_SUFFIXES) {
    if (!name.endsWith(s) || name.length === s.length) continue;
    const letter = letterOf(name.slice(0, -s.length));
    if (letter) return { name: letter };
  }
  return undefined;
}
