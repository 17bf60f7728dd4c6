/**
 * The letters of a formula, as the test that two copies of it are the same formula.
 *
 * A page's visual copy and its linear text put the same letters and digits on the clipboard, but
 * not in the same order (the linear text writes `max_θ` as `θ` then `max`) and not with the same
 * symbols (either may lose `∑`, `∣` or `−`). So two copies match when they hold the same letters
 * and digits, counted as a multiset. A mojibake letter that lost a byte is a slot with several
 * possible letters; matching both copies settles it when only one choice makes them equal.
 */

/** One letter or digit of a copy: certain (one letter) or one of several (a lost byte). */
export type LetterSlot = string | readonly string[];

/** Greek variants that the two copies may write differently: `ϵ` and `ε`, `ϑ` and `θ`. */
const VARIANTS: Readonly<Record<string, string>> = { 'ϵ': 'ε', 'ϑ': 'θ', 'ϕ': 'φ', 'ϱ': 'ρ', 'ϖ': 'π', 'ς': 'σ', 'ϰ': 'κ' };

/** The key under which a letter is counted. */
export function letterKey(letter: string): string {
  return VARIANTS[letter] ?? letter;
}

/** How a linear text read so far compares with the visual copy's letters. */
export type MatchState =
  /** The linear text may still become equal: it holds no more unmatched letters than tolerated. */
  | { readonly state: 'partial' }
  /** It cannot match any more: too many letters the visual copy does not hold. */
  | { readonly state: 'failed' }
  /**
   * As many letters as the visual copy, all but a tolerated few the same; `visual` and `linear` give
   * the letter each ambiguous slot stands for (by slot index), `unsettled` is true when more than one
   * choice fits equally well.
   */
  | { readonly state: 'equal'; readonly visual: ReadonlyMap<number, string>; readonly linear: ReadonlyMap<number, string>; readonly unsettled: boolean };

/** Most combinations of ambiguous slots a match tries. */
const MAX_COMBINATIONS = 4096;

/**
 * How many letters of a copy of `n` letters may differ from the other copy: a page's two copies
 * are not always the same letter for letter (the seed article's visual copy of `p_{data}` reads
 * `𝑑𝑎𝑑𝑎`), so one letter in ten, and at least one, may.
 */
export function letterTolerance(n: number): number {
  return Math.max(1, Math.floor(n / 10));
}

/** Letters of `linear` that `visual` does not hold, counted (certain slots only). */
function unmatched(counts: ReadonlyMap<string, number>): number {
  let missing = 0;
  for (const n of counts.values()) if (n < 0) missing -= n;
  return missing;
}

/**
 * Compares the letters of a visual copy with those of a linear text read so far. Linear in the
 * number of slots when none is ambiguous; a few ambiguous slots are settled by trying their choices
 * and keeping those that leave the fewest letters unmatched.
 */
export function matchLetters(visual: readonly LetterSlot[], linear: readonly LetterSlot[]): MatchState {
  if (linear.length > visual.length) return { state: 'failed' };
  const tolerance = letterTolerance(visual.length);
  const counts = new Map<string, number>();
  const add = (letter: string, by: number): void => {
    const key = letterKey(letter);
    counts.set(key, (counts.get(key) ?? 0) + by);
  };
  const slots: { side: 'visual' | 'linear'; i: number; options: readonly string[] }[] = [];
  visual.forEach((slot, i) => (typeof slot === 'string' ? add(slot, 1) : slots.push({ side: 'visual', i, options: slot })));
  linear.forEach((slot, i) => (typeof slot === 'string' ? add(slot, -1) : slots.push({ side: 'linear', i, options: slot })));
  const complete = linear.length === visual.length;
  if (!complete) {
    // Still reading: an ambiguous visual slot may supply any of its letters, so only what is certain counts.
    const missing = unmatched(counts) - slots.filter((s) => s.side === 'visual').length;
    return missing > tolerance ? { state: 'failed' } : { state: 'partial' };
  }
  if (slots.reduce((n, s) => n * s.options.length, 1) > MAX_COMBINATIONS) {
    return unmatched(counts) > tolerance + slots.length ? { state: 'failed' } : { state: 'equal', visual: new Map(), linear: new Map(), unsettled: true };
  }
  let best = Infinity;
  let bestChoices: string[][] = [];
  const choice: string[] = [];
  const search = (k: number): void => {
    if (k === slots.length) {
      const missing = unmatched(counts);
      if (missing < best) { best = missing; bestChoices = [[...choice]]; }
      else if (missing === best) bestChoices.push([...choice]);
      return;
    }
    const { side, options } = slots[k];
    const seen = new Set<string>();
    for (const option of options) {
      if (seen.has(letterKey(option))) continue;
      seen.add(letterKey(option));
      add(option, side === 'visual' ? 1 : -1);
      choice.push(option);
      search(k + 1);
      choice.pop();
      add(option, side === 'visual' ? -1 : 1);
    }
  };
  search(0);
  if (best > tolerance) return { state: 'failed' };
  const visualChoice = new Map<number, string>();
  const linearChoice = new Map<number, string>();
  slots.forEach((s, k) => (s.side === 'visual' ? visualChoice : linearChoice).set(s.i, bestChoices[0][k]));
  // The TeX comes from the linear text, so only its choices must be settled; a visual slot whose
  // choice varies (two `π‘` that are `𝑁` and `𝑝`, one way or the other) is simply left unnamed.
  const settledAt = (k: number): boolean => bestChoices.every((c) => letterKey(c[k]) === letterKey(bestChoices[0][k]));
  slots.forEach((s, k) => {
    if (s.side === 'visual' && !settledAt(k)) visualChoice.delete(s.i);
  });
  const unsettled = slots.some((s, k) => s.side === 'linear' && !settledAt(k));
  return { state: 'equal', visual: visualChoice, linear: linearChoice, unsettled };
}
