/**
 * Reading pasted text character by character: mojibake read as the character it stands for, math
 * alphanumeric letters taken apart into letter and style, and the letters and digits collected as
 * the slots that tell two copies of a formula apart (see letters.ts).
 */
import { isGreekLetter, SUBSCRIPTS, SUPERSCRIPTS } from '../chars';
import { styledLetter } from '../mathAlphanumeric';
import { mojibakeAt } from '../mojibake';
import type { LetterSlot } from './letters';

/** The letter or digit a character counts as when two copies are compared, or undefined for a symbol. */
export function letterOf(ch: string): string | undefined {
  const c = ch.charCodeAt(0);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return ch;
  if (c < 128) return undefined;
  if (isGreekLetter(ch) || ch === 'ℓ') return ch;
  const styled = styledLetter(ch);
  if (styled) return styled.letter;
  const script = SUPERSCRIPTS[ch] ?? SUBSCRIPTS[ch];
  if (script !== undefined && script.length === 1 && letterOf(script) !== undefined) return letterOf(script);
  return undefined;
}

/** A character of a reading that a lost byte left with several possible values. */
export interface AmbiguousChar {
  /** Offset in the reading's `text`. */
  readonly at: number;
  /** Its width there (the first reading's). */
  readonly width: number;
  readonly alternatives: readonly string[];
}

/** A stretch of pasted text, read. */
export interface ReadText {
  /** The text with mojibake repaired; a character with several readings holds its first. */
  readonly text: string;
  /** Its letters and digits in order; a slot with several letters is a lost byte not yet settled. */
  readonly slots: LetterSlot[];
  /** Where in `text` each ambiguous slot's character stands (by slot index), and what it may be. */
  readonly ambiguous: ReadonlyMap<number, AmbiguousChar>;
  /** True when a symbol (not a letter) has several readings, which letters cannot settle. */
  readonly unsettledSymbol: boolean;
}

/** Reads `source.slice(start, end)`; with `lossy`, a lone 4-byte letter that lost two bytes is read too. */
export function readText(source: string, start: number, end: number, lossy = false): ReadText {
  let text = '';
  const slots: LetterSlot[] = [];
  const ambiguous = new Map<number, AmbiguousChar>();
  let unsettledSymbol = false;
  for (let i = start; i < end; ) {
    const c = source.charCodeAt(i);
    if (c < 128) {
      text += source[i];
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) slots.push(source[i]);
      i++;
      continue;
    }
    const m = mojibakeAt(source, i, lossy);
    if (m && i + m.length <= end) {
      if (m.alternatives) {
        const letters = [...new Set(m.alternatives.map(letterOf).filter((l): l is string => l !== undefined))];
        if (letters.length === 0) unsettledSymbol = true;
        else if (letters.length === 1) slots.push(letters[0]);
        else {
          ambiguous.set(slots.length, { at: text.length, width: m.char.length, alternatives: m.alternatives });
          slots.push(letters);
        }
      } else {
        const l = letterOf(m.char);
        if (l !== undefined) slots.push(l);
      }
      text += m.char;
      i += m.length;
      continue;
    }
    const cp = source.codePointAt(i) ?? c;
    const ch = String.fromCodePoint(cp);
    const l = letterOf(ch);
    if (l !== undefined) slots.push(l);
    text += ch;
    i += ch.length;
  }
  return { text, slots, ambiguous, unsettledSymbol };
}

/**
 * The text of a reading with its ambiguous characters replaced by the letters a match chose:
 * the character of the same style whose plain letter is the one chosen.
 */
export function settle(read: ReadText, choices: ReadonlyMap<number, string>): string {
  if (read.ambiguous.size === 0) return read.text;
  let out = '';
  let copied = 0;
  const entries = [...read.ambiguous.entries()].sort((a, b) => a[1].at - b[1].at);
  for (const [slot, { at, width, alternatives }] of entries) {
    const letter = choices.get(slot);
    const pick = alternatives.find((ch) => letterOf(ch) === letter);
    if (pick === undefined) continue;
    out += read.text.slice(copied, at) + pick;
    copied = at + width;
  }
  return out + read.text.slice(copied);
}
