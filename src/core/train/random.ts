/**
 * A seeded random generator, so the same seed gives the same run bit for bit in Node, a
 * worker and the CLI alike (`Math.random` cannot be seeded).
 */
export class Random {
  // The state and the spare normal live in typed arrays: a number field holding values beyond
  // the small-integer range can cost V8 a heap allocation per store, and a step draws hundreds.
  readonly #state = new Uint32Array(1);
  readonly #spare = new Float64Array(1);
  #hasSpare = false;

  /** Any integer seed; equal seeds give equal streams. */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    // Mixing the seed once keeps small neighbouring seeds (1, 2, 3...) from starting alike.
    this.#state[0] = (Math.imul(Math.trunc(seed) ^ 0x9e3779b9, 0x85ebca6b) ^ 0x27d4eb2f) >>> 0;
  }

  /** A uniform number in [0, 1) (mulberry32: 32 bits of state, fast, good enough for toys). */
  next(): number {
    const state = this.#state;
    let t = (state[0] = (state[0] + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A standard normal number (Box-Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return this.#spare[0];
    }
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const theta = 2 * Math.PI * this.next();
    this.#spare[0] = r * Math.sin(theta);
    this.#hasSpare = true;
    return r * Math.cos(theta);
  }

  /** Fills `out` with standard normal numbers. */
  fillNormal(out: Float64Array): Float64Array {
    // Both values of each pair written here, so the stream is normal()'s, without its spare
    // going through a field between calls.
    const n = out.length;
    let i = 0;
    if (n > 0 && this.#hasSpare) out[i++] = this.normal();
    for (; i + 2 <= n; i += 2) {
      const r = Math.sqrt(-2 * Math.log(1 - this.next()));
      const theta = 2 * Math.PI * this.next();
      out[i] = r * Math.cos(theta);
      out[i + 1] = r * Math.sin(theta);
    }
    if (i < n) out[i] = this.normal();
    return out;
  }
}
