/**
 * Numbers beyond a double's range, for the evaluator's arithmetic: `10^{-200}\cdot 10^{-200}` is
 * 1e-400, which a double rounds to 0, and `\sqrt{10^{400}}` passes through 1e400, which a double
 * calls Infinity. Silently, both give wrong answers (0 for a quotient that is 1).
 *
 * A {@link Wide} is m · 2^e with a double mantissa (0.5 ≤ |m| < 1) and an integer exponent, so
 * products, quotients, roots and integer powers keep a double's relative precision at any size.
 * Other real powers and exponentials go through log2 space, whose relative error is about
 * |log2 x| · 2^-53 (1e-13 at 1e-400); past 2^±13000 that would pass 1e-12, and they are refused.
 * Logarithms of wide numbers are exact to a double's precision.
 *
 * Each operation takes the plain double path first and leaves it only when the double result
 * overflowed, underflowed or went subnormal; a wide result that fits a normal double becomes one
 * again. Where no wide form exists (a sine of 1e400), and when a final value does not fit a
 * double, the caller gets a DomainError that says so, at the first place it happens.
 */
import { DomainError } from './distributions';

/** m · 2^e, 0.5 ≤ |m| < 1: a finite, non-zero number outside the range of normal doubles. */
export interface Wide {
  readonly kind: 'wide';
  readonly m: number;
  readonly e: number;
}

/** A real number: a double, or a wide one. */
export type Real = number | Wide;

/** The smallest positive normal double; below it a double loses precision, then becomes 0. */
export const MIN_NORMAL = 2.2250738585072014e-308;
/** Exponents past this (2^±2^50) are beyond anything a formula with written numbers can mean. */
const MAX_EXPONENT = 2 ** 50;
const LOG10_2 = Math.log10(2);

export function isWide(x: unknown): x is Wide {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'wide';
}

/** x · 2^n without overflow or underflow in between (2^n alone may not be a double). */
function ldexp(x: number, n: number): number {
  let r = x;
  let k = n;
  while (k > 1000) { r *= 2 ** 1000; k -= 1000; }
  while (k < -1000) { r *= 2 ** -1000; k += 1000; }
  return r * 2 ** k;
}

/** [m, e] with x = m · 2^e and 0.5 ≤ |m| < 1, for a finite non-zero double (subnormals too). */
function frexp(x: number): [number, number] {
  let e = Math.floor(Math.log2(Math.abs(x))) + 1;
  let m = ldexp(x, -e);
  // log2 rounds near powers of two: one step either way puts m back in [0.5, 1).
  if (Math.abs(m) >= 1) { m /= 2; e++; }
  if (Math.abs(m) < 0.5) { m *= 2; e--; }
  return [m, e];
}

/** The number m · 2^e: a double when it is a normal one, else a Wide (e beyond ±2^50 is refused). */
function make(m: number, e: number): Real {
  if (m === 0 || !Number.isFinite(m)) return m;
  const [m1, e1] = frexp(m);
  const exp = e + e1;
  // Normal doubles are 2^-1022 ≤ |x| < 2^1024, i.e. m · 2^exp with -1021 ≤ exp ≤ 1024.
  if (exp >= -1021 && exp <= 1024) return ldexp(m1, exp);
  if (Math.abs(exp) > MAX_EXPONENT) throw new DomainError(`the value is far beyond any number a formula can show (about 2^${exp.toExponential(2)})`);
  return { kind: 'wide', m: m1, e: exp };
}

function parts(x: Real): [number, number] {
  return isWide(x) ? [x.m, x.e] : frexp(x);
}

/** True when a double result of finite operands can stand: finite, and normal unless exactly 0 is right. */
function fine(r: number, zeroIsRight: boolean): boolean {
  return Number.isFinite(r) && (Math.abs(r) >= MIN_NORMAL || (r === 0 && zeroIsRight));
}

/** `1.0e-400`: a wide number for a message, with three significant digits. */
export function describeReal(x: Real): string {
  if (!isWide(x)) return String(Number(x.toPrecision(3)));
  const log10 = Math.log10(Math.abs(x.m)) + x.e * LOG10_2;
  let exponent = Math.floor(log10);
  let mantissa = 10 ** (log10 - exponent);
  if (Number(mantissa.toFixed(1)) >= 10) { mantissa /= 10; exponent++; }
  return `${x.m < 0 ? '-' : ''}${mantissa.toFixed(1)}e${exponent}`;
}

/**
 * `x` as a double, or a DomainError that says it does not fit one (`what` names the place:
 * 'the value', 'the argument of \sin'). NaN stays NaN: the caller reports it.
 */
export function toDouble(x: Real, what = 'the value'): number {
  if (!isWide(x)) return x;
  if (x.e > 0) throw new DomainError(`${what} is about ${describeReal(x)}, beyond the largest number a double holds (1.8e308)`);
  throw new DomainError(`${what} is about ${describeReal(x)}, closer to 0 than the smallest normal double (2.2e-308): it cannot be shown as a number, and 0 would be wrong`);
}

/** A double that a double operation made too large or too small to be right, as the same error. */
export function overflowError(what: string, result: number): DomainError {
  return new DomainError(Number.isFinite(result)
    ? `${what} underflows: it is closer to 0 than a double can hold, and 0 would be wrong`
    : `${what} overflows: it is beyond the largest number a double holds (1.8e308)`);
}

export function neg(a: Real): Real {
  return isWide(a) ? { kind: 'wide', m: -a.m, e: a.e } : -a;
}

export function abs(a: Real): Real {
  return isWide(a) ? { kind: 'wide', m: Math.abs(a.m), e: a.e } : Math.abs(a);
}

export function sign(a: Real): number {
  return Math.sign(isWide(a) ? a.m : a);
}

export function add(a: Real, b: Real): Real {
  if (!isWide(a) && !isWide(b)) {
    const r = a + b;
    // A sum of finite doubles is exact when it is subnormal, so only overflow leaves this path.
    if (Number.isFinite(r) || !Number.isFinite(a) || !Number.isFinite(b)) return r;
  }
  if (a === 0) return b;
  if (b === 0) return a;
  const [ma, ea] = parts(a);
  const [mb, eb] = parts(b);
  // Beyond 60 binary places apart, the smaller one is below the larger one's last bit.
  if (ea - eb > 60) return make(ma, ea);
  if (eb - ea > 60) return make(mb, eb);
  return ea >= eb ? make(ma + ldexp(mb, eb - ea), ea) : make(mb + ldexp(ma, ea - eb), eb);
}

export function sub(a: Real, b: Real): Real {
  return add(a, neg(b));
}

export function mul(a: Real, b: Real): Real {
  if (!isWide(a) && !isWide(b)) {
    const r = a * b;
    if (fine(r, a === 0 || b === 0) || !Number.isFinite(a) || !Number.isFinite(b) || Number.isNaN(r)) return r;
  }
  if (a === 0 || b === 0) return 0;
  const [ma, ea] = parts(a);
  const [mb, eb] = parts(b);
  return make(ma * mb, ea + eb);
}

/** a / b; the caller refuses b = 0 (a division by zero is its own message). */
export function div(a: Real, b: Real): Real {
  if (!isWide(a) && !isWide(b)) {
    const r = a / b;
    if (fine(r, a === 0) || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 || Number.isNaN(r)) return r;
  }
  if (a === 0) return 0;
  const [ma, ea] = parts(a);
  const [mb, eb] = parts(b);
  return make(ma / mb, ea - eb);
}

/**
 * |log2| past which log space is not exact enough: the result's relative error is about
 * |L| · ln 2 · 2^-53, which stays under 1e-12 up to here (numbers up to about 10^±3900).
 */
const MAX_LOG_SPACE = 13_000;

/** 2^L for a real L, as m · 2^e: the exact integer part goes into the exponent. */
function exp2(L: number, negative = false): Real {
  if (!Number.isFinite(L)) return L > 0 ? Infinity : 0;
  if (Math.abs(L) > MAX_LOG_SPACE) {
    throw new DomainError(`the value is about 2^${Math.round(L)}, too far beyond a double's range to compute precisely here`);
  }
  const e = Math.floor(L);
  return make((negative ? -1 : 1) * 2 ** (L - e), e);
}

/** log2 |a| for a non-zero real. */
function log2Abs(a: Real): number {
  const [m, e] = parts(a);
  return Math.log2(Math.abs(m)) + e;
}

/**
 * a^b. Integer exponents multiply by repeated squaring (a double's precision); others go through
 * log2 space. A negative base with a fractional exponent is NaN, as with doubles.
 */
export function pow(a: Real, b: Real): Real {
  if (!isWide(a) && !isWide(b)) {
    const r = a ** b;
    if (fine(r, a === 0) || !Number.isFinite(a) || !Number.isFinite(b) || Number.isNaN(r) || a === 0) return r;
  }
  if (a === 0) return toDouble(b) > 0 ? 0 : Infinity;
  if (isWide(b)) {
    // |b| beyond a double: only ±1 to such a power is a number a formula can show.
    if (!isWide(a) && Math.abs(a) === 1) return a === 1 || b.e > 60 ? 1 : NaN;
    throw new DomainError(`a power with the exponent ${describeReal(b)} is far beyond any number a formula can show`);
  }
  const negative = sign(a) < 0;
  if (negative && !Number.isInteger(b)) return NaN;
  const odd = negative && Math.abs(b) % 2 === 1;
  if (Number.isInteger(b) && Math.abs(b) <= 2 ** 31) {
    let result: Real = 1;
    let base: Real = abs(a);
    for (let k = Math.abs(b); k > 0; k = Math.floor(k / 2)) {
      if (k % 2 === 1) result = mul(result, base);
      if (k > 1) base = mul(base, base);
    }
    if (b < 0) result = div(1, result);
    return odd ? neg(result) : result;
  }
  // A power 1/n (a square or cube root written as a power) splits its exponent exactly.
  const n = 1 / b;
  if (!negative && Number.isInteger(n) && Math.abs(n) <= 1024) return n > 0 ? root(a, n) : div(1, root(a, -n));
  return exp2(b * log2Abs(a), odd);
}

/** The square root of a non-negative real; the caller refuses negatives. */
export function sqrt(a: Real): Real {
  if (!isWide(a)) return Math.sqrt(a);
  return a.e % 2 === 0 ? make(Math.sqrt(a.m), a.e / 2) : make(Math.sqrt(2 * a.m), (a.e - 1) / 2);
}

/**
 * The n-th root (n a positive integer) of a non-negative real: the exponent splits exactly
 * (m · 2^e = (m · 2^r) · 2^(qn)), so the root keeps a double's precision at any size.
 */
export function root(a: Real, n: number): Real {
  if (!isWide(a)) return a ** (1 / n);
  const q = Math.floor(a.e / n);
  return make((a.m * 2 ** (a.e - q * n)) ** (1 / n), q);
}

/** The natural log of a positive real: always a double (ln 1e-400 is -921.03...). */
export function ln(a: Real): number {
  if (!isWide(a)) return Math.log(a);
  return Math.log(a.m) + a.e * Math.LN2;
}

/** e^x, wide when it leaves the doubles (e^-800, e^1000). */
export function exp(x: Real): Real {
  if (isWide(x)) {
    if (x.m < 0) throw new DomainError(`e to the power ${describeReal(x)} is closer to 0 than any number a formula can show`);
    throw new DomainError(`e to the power ${describeReal(x)} is far beyond any number a formula can show`);
  }
  const r = Math.exp(x);
  if (fine(r, false) || !Number.isFinite(x)) return r;
  return exp2(x * Math.LOG2E);
}

/** sinh and cosh, wide where e^|x| is: for |x| > 20 the e^-|x| part is below a double's last bit. */
export function sinhCosh(name: 'sinh' | 'cosh', x: Real): Real {
  const v = toDouble(x, `the argument of \\${name}`);
  if (Math.abs(v) <= 20) return name === 'sinh' ? Math.sinh(v) : Math.cosh(v);
  const half = mul(exp(Math.abs(v)), 0.5);
  return name === 'sinh' && v < 0 ? neg(half) : half;
}
