/**
 * Mojibake: UTF-8 text that was read through a single-byte code page and pasted on, so that `θ`
 * (bytes CE B8) shows as `Î¸` (Windows-1252, Latin-1) or `ΞΈ` (Windows-1253, Greek) and `∑`
 * (E2 88 91) as `âˆ‘`. Each character of such a run is one byte of the original UTF-8; we map the
 * characters back to bytes through the code page and decode those bytes as UTF-8.
 *
 * A sequence is repaired only when it is a complete, valid UTF-8 sequence AND decodes to a math
 * character (a Greek letter, an operator, a sub/superscript): ordinary accented text (`café`,
 * `naïve`) is never touched, and a run that is not mojibake stays as it is.
 */
import { isMathChar } from './chars';

/** Code pages tried in order; Windows-1252 first because it is by far the most common mis-decoding. */
const CODE_PAGES = ['windows-1252', 'windows-1253'] as const;

/** For each code page, the character -> byte map of its upper half (0x80-0xFF). */
let reverseMaps: Map<number, number>[] | undefined;

function maps(): Map<number, number>[] {
  if (reverseMaps) return reverseMaps;
  reverseMaps = [];
  const high = new Uint8Array(128);
  for (let b = 0; b < 128; b++) high[b] = 0x80 + b;
  for (const page of CODE_PAGES) {
    const m = new Map<number, number>();
    let decoded = '';
    try {
      decoded = new TextDecoder(page).decode(high);
    } catch {
      // A Node built without full ICU lacks some code pages: that page is simply not tried.
    }
    if (decoded.length === 128) {
      for (let b = 0; b < 128; b++) {
        const c = decoded.charCodeAt(b);
        if (c !== 0xfffd) m.set(c, 0x80 + b);
      }
    }
    // Bytes a code page leaves undefined often arrive as the C1 control of the same value (Latin-1).
    for (let b = 0x80; b < 0xa0; b++) if (!m.has(b)) m.set(b, b);
    reverseMaps.push(m);
  }
  return reverseMaps;
}

/** Length of the UTF-8 sequence that starts with `lead`, or 0 when it cannot start one. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Reused for every sequence: `mojibakeAt` runs once per non-ASCII character of a candidate. */
const scratch = new Uint8Array(4);

/**
 * Decodes one UTF-8 sequence of `len` bytes (lead byte and continuation bytes already checked),
 * or undefined when it is overlong, a surrogate or beyond U+10FFFF. Done by hand because a
 * `TextDecoder` per character costs microseconds.
 */
function decodeUtf8(bytes: Uint8Array, len: number): string | undefined {
  let cp: number;
  if (len === 2) cp = ((bytes[0] & 0x1f) << 6) | (bytes[1] & 0x3f);
  else if (len === 3) cp = ((bytes[0] & 0x0f) << 12) | ((bytes[1] & 0x3f) << 6) | (bytes[2] & 0x3f);
  else cp = ((bytes[0] & 0x07) << 18) | ((bytes[1] & 0x3f) << 12) | ((bytes[2] & 0x3f) << 6) | (bytes[3] & 0x3f);
  const min = len === 2 ? 0x80 : len === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return String.fromCodePoint(cp);
}

/** A repaired character and how many UTF-16 units of mojibake it replaces. */
export interface MojibakeChar {
  readonly char: string;
  readonly length: number;
}

/**
 * Reads the mojibake sequence that starts at `i`, if there is one that decodes to a math
 * character; `undefined` otherwise. Constant time (at most four characters are looked at).
 */
export function mojibakeAt(text: string, i: number): MojibakeChar | undefined {
  const lead = text.charCodeAt(i);
  if (lead < 0x80) return undefined;
  for (const m of maps()) {
    const b0 = m.get(lead);
    if (b0 === undefined) continue;
    const len = sequenceLength(b0);
    if (len === 0 || i + len > text.length) continue;
    const bytes = scratch;
    bytes[0] = b0;
    let ok = true;
    for (let k = 1; k < len; k++) {
      const b = m.get(text.charCodeAt(i + k));
      if (b === undefined || b < 0x80 || b > 0xbf) { ok = false; break; }
      bytes[k] = b;
    }
    if (!ok) continue;
    const char = decodeUtf8(bytes, len);
    if (char === undefined) continue;
    if (isMathChar(char)) return { char, length: len };
  }
  return undefined;
}

/** Cheap test: could `text` hold mojibake at all (a character of a code page's upper half)? */
export function mayHoldMojibake(text: string): boolean {
  const m = maps();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && (m[0].has(c) || (m[1] && m[1].has(c)))) return true;
  }
  return false;
}

/**
 * Repairs mojibake: every sequence of characters that, mapped back to bytes through Windows-1252
 * or Windows-1253, is valid UTF-8 for a math character is replaced by that character
 * (`ΞΈ=ΞΈâˆ’Î·âˆ‡L(ΞΈ)` -> `θ=θ−η∇L(θ)`). Everything else is left as it is. Linear in the input.
 */
export function repairMojibake(text: string): string {
  if (!mayHoldMojibake(text)) return text;
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const hit = text.charCodeAt(i) >= 0xc0 || text.charCodeAt(i) >= 0x80 ? mojibakeAt(text, i) : undefined;
    if (hit) {
      out += text.slice(copied, i) + hit.char;
      i += hit.length;
      copied = i;
    } else {
      i++;
    }
  }
  return out + text.slice(copied);
}
