/**
 * Mojibake: UTF-8 text that was read through a single-byte code page and pasted on, so that `θ`
 * (bytes CE B8) shows as `Î¸` (Windows-1252) or `ΞΈ` (Windows-1253) and `∑` (E2 88 91) as `âˆ‘`.
 * Each character of such a run is one byte of the original UTF-8; we map the characters back to
 * bytes and decode those bytes as UTF-8.
 *
 * Pages are not mis-decoded through one clean table. What browsers and editors do, and what the
 * pasted articles show, is Windows-1253 for the Greek, Windows-1252 for the bytes 1253 leaves
 * undefined (`œ` for 9C, `Ž` for 8E), ISO-8859-7's readings of A1, A2, A5 and B5 (`‘`, `’`, `₯`, `΅`),
 * and the bytes that no table defines (81, 8D, 8F, 90, 9D) dropped. So a character may stand for
 * more than one byte, and a 4-byte math letter such as `𝑥` (F0 9D 91 A5) arrives as `π‘₯`, its 9D
 * gone. A lost byte is put back by trying each byte that could have been lost; when that leaves
 * more than one math character (`π‘` alone is `𝑁`, `𝑍`, `𝑏`, `𝑐` or `𝑝`), the reading says so, and
 * whoever has more context (the linear text of a pasted formula) settles it.
 *
 * A sequence is repaired only when it decodes to a math character (a Greek letter, an operator, a
 * sub/superscript, a math alphanumeric letter, a combining accent): ordinary accented text (`café`,
 * `naïve`) is never touched, and a run that is not mojibake stays as it is.
 */
import { isGreekLetter, isMathChar, SUBSCRIPTS, SUPERSCRIPTS, SYMBOLS } from './chars';
import { isMathAlphanumericCode } from './mathAlphanumeric';

/** Windows-1253, bytes 80-FF (U+FFFD where it defines none). */
const WINDOWS_1253 = '€\uFFFD‚ƒ„…†‡\uFFFD‰\uFFFD‹\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD‘’“”•–—\uFFFD™\uFFFD›\uFFFD\uFFFD\uFFFD\uFFFD'
  + '\u00A0΅Ά£¤¥¦§¨©\uFFFD«¬\u00AD®―°±²³΄µ¶·ΈΉΊ»Ό½ΎΏΐΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡ\uFFFDΣΤΥΦΧΨΩΪΫάέήί'
  + 'ΰαβγδεζηθικλμνξοπρςστυφχψωϊϋόύώ\uFFFD';

/** ISO-8859-7, bytes A0-FF. */
const ISO_8859_7_HIGH = '\u00A0‘’£€₯¦§¨©ͺ«¬\u00AD\uFFFD―°±²³΄΅Ά·ΈΉΊ»Ό½ΎΏΐΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡ\uFFFDΣΤΥΦΧΨΩΪΫάέήί'
  + 'ΰαβγδεζηθικλμνξοπρςστυφχψωϊϋόύώ\uFFFD';

/** Windows-1252, bytes 80-9F (A0-FF are Latin-1, which every byte also reads as below). */
const WINDOWS_1252_LOW = '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ';

/** The bytes no table defines: a page drops them, so any of them may be missing from a sequence. */
export const DROPPED_BYTES: readonly number[] = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

/** For each character, the UTF-8 lead bytes (C2-F4) and the continuation bytes (80-BF) it may stand for. */
let byteMaps: { readonly lead: Map<number, number[]>; readonly cont: Map<number, number[]> } | undefined;

function maps(): { readonly lead: Map<number, number[]>; readonly cont: Map<number, number[]> } {
  if (byteMaps) return byteMaps;
  const lead = new Map<number, number[]>();
  const cont = new Map<number, number[]>();
  const add = (ch: string, byte: number): void => {
    const c = ch.charCodeAt(0);
    if (c === 0xfffd) return;
    const m = byte >= 0xc2 && byte <= 0xf4 ? lead : byte <= 0xbf ? cont : undefined;
    if (!m) return;
    const list = m.get(c);
    if (!list) m.set(c, [byte]);
    else if (!list.includes(byte)) list.push(byte);
  };
  for (let b = 0; b < 128; b++) add(WINDOWS_1253[b], 0x80 + b);
  for (let b = 0; b < 96; b++) add(ISO_8859_7_HIGH[b], 0xa0 + b);
  for (let b = 0; b < 32; b++) add(WINDOWS_1252_LOW[b], 0x80 + b);
  // Latin-1 (and so Windows-1252's upper half), and the C1 control a byte often arrives as.
  for (let b = 0x80; b <= 0xff; b++) add(String.fromCharCode(b), b);
  byteMaps = { lead, cont };
  return byteMaps;
}

/** The lead bytes a character may stand for. */
function leadBytes(code: number): number[] | undefined {
  return maps().lead.get(code);
}

/** The continuation bytes a character may stand for. */
function contBytes(code: number): number[] | undefined {
  return maps().cont.get(code);
}

/** Length of the UTF-8 sequence that starts with `lead`, or 0 when it cannot start one. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Decodes one UTF-8 sequence (lead byte and continuation bytes already checked), or undefined when
 * it is overlong, a surrogate or beyond U+10FFFF. Done by hand because a `TextDecoder` per
 * character costs microseconds.
 */
function decodeUtf8(bytes: readonly number[]): string | undefined {
  const len = bytes.length;
  let cp: number;
  if (len === 2) cp = ((bytes[0] & 0x1f) << 6) | (bytes[1] & 0x3f);
  else if (len === 3) cp = ((bytes[0] & 0x0f) << 12) | ((bytes[1] & 0x3f) << 6) | (bytes[2] & 0x3f);
  else cp = ((bytes[0] & 0x07) << 18) | ((bytes[1] & 0x3f) << 12) | ((bytes[2] & 0x3f) << 6) | (bytes[3] & 0x3f);
  const min = len === 2 ? 0x80 : len === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return String.fromCodePoint(cp);
}

/** True for what a repair may produce: a math character, a math alphanumeric letter or a combining accent. */
function isMathResult(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return isMathAlphanumericCode(cp) || (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x20d0 && cp <= 0x20f0) || isMathChar(ch);
}

/** A repaired character and how many UTF-16 units of mojibake it replaces. */
export interface MojibakeChar {
  /** The character the sequence stands for (the first reading when there are several). */
  readonly char: string;
  readonly length: number;
  /**
   * Every math character the sequence may stand for, `char` first, when a lost byte leaves more
   * than one; absent when the reading is certain.
   */
  readonly alternatives?: readonly string[];
}

/**
 * Reads the mojibake sequence that starts at `i`, if it decodes to a math character; `undefined`
 * otherwise. A sequence with one lost byte is read when at least two of its characters are left
 * (`π‘₯`, `βˆ`). With `lossy`, for text that another copy of the same formula can check (a token
 * of a visual copy, a line of a linear text), a 4-byte letter that kept only one continuation
 * byte (`π´`) and a 2-byte letter that kept none (`Ο` for `ρ`, with `Ο` itself as an alternative)
 * are read too. Constant time: at most four characters are looked at.
 */
export function mojibakeAt(text: string, i: number, lossy = false): MojibakeChar | undefined {
  const leads = leadBytes(text.charCodeAt(i));
  if (!leads) return undefined;
  for (const lead of leads) {
    const len = sequenceLength(lead);
    if (len === 0) continue;
    // The continuation characters that follow, each with the bytes 80-BF it may stand for.
    const conts: number[][] = [];
    for (let k = 1; k < len && i + k < text.length; k++) {
      const options = contBytes(text.charCodeAt(i + k));
      if (!options) break;
      conts.push(options);
    }
    // Without `lossy`, one byte may be lost when at least two characters are left; with it, a
    // 4-byte letter may keep one continuation byte, and a 2-byte letter none (its lead alone).
    const minVisible = lossy ? (len === 2 ? 0 : 1) : Math.max(1, len - 2);
    for (let visible = Math.min(conts.length, len - 1); visible >= minVisible; visible--) {
      let found = readings(lead, conts.slice(0, visible), len - 1 - visible);
      // A lead alone is read only as a Greek letter: anything else is too likely to be chance.
      if (visible === 0) found = found.filter((ch) => isGreekLetter(ch));
      // A lone lead that is a letter in its own right (`Ξ`, `Ο`) may be just that letter.
      const literal = visible === 0 && isGreekLetter(text[i]) && !found.includes(text[i]) ? [text[i]] : [];
      if (found.length > 0) {
        const all = [...found, ...literal];
        return all.length === 1 ? { char: all[0], length: 1 + visible } : { char: all[0], length: 1 + visible, alternatives: all };
      }
      // A longer reading that decodes to nothing is not mojibake; a shorter one is tried only when
      // the characters simply ran out (a byte lost), never to cut a sequence that reads as text.
      if (visible === conts.length && visible === len - 1) break;
    }
  }
  return undefined;
}

/**
 * The math characters that `lead`, the visible continuation bytes (each with its possible values)
 * and `lost` dropped bytes (anywhere among the continuations) may decode to, in a stable order.
 */
function readings(lead: number, visible: readonly number[][], lost: number): string[] {
  const out: string[] = [];
  const slots = visible.length + lost;
  const bytes: number[] = [lead];
  const fill = (slot: number, used: number, droppedLeft: number): void => {
    if (slot === slots) {
      const ch = decodeUtf8(bytes);
      if (ch !== undefined && isMathResult(ch) && !out.includes(ch)) out.push(ch);
      return;
    }
    if (used < visible.length) {
      for (const b of visible[used]) {
        bytes.push(b);
        fill(slot + 1, used + 1, droppedLeft);
        bytes.pop();
      }
    }
    if (droppedLeft > 0) {
      for (const b of DROPPED_BYTES) {
        bytes.push(b);
        fill(slot + 1, used, droppedLeft - 1);
        bytes.pop();
      }
    }
  };
  fill(0, 0, lost);
  // Several readings: keep those of the most common kind in math, so that an unlikely one (a
  // modifier letter `ᵒ` where a subscript `ᵢ` fits) does not make a reading ambiguous.
  if (out.length > 1) {
    const best = Math.min(...out.map(rarity));
    return out.filter((ch) => rarity(ch) === best);
  }
  return out;
}

/** Subscripts and superscripts that math writes often: indices, powers, transposes. */
const COMMON_SCRIPTS = new Set('₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₙₜₓ⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ⁿⁱᵀᵏ');

/**
 * How unusual a reading is in math: 0 for letters, common symbols and common scripts, 1 for other
 * math symbols, 2 for the other modifier letters and combining accents.
 */
function rarity(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (isMathAlphanumericCode(cp) || isGreekLetter(ch) || ch in SYMBOLS || COMMON_SCRIPTS.has(ch)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x20d0 && cp <= 0x20f0) || ch in SUPERSCRIPTS || ch in SUBSCRIPTS) return 2;
  return 1;
}

/** Cheap test: could `text` hold mojibake at all (a character that stands for a UTF-8 lead byte)? */
export function mayHoldMojibake(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && leadBytes(c)) return true;
  }
  return false;
}

/**
 * Repairs mojibake: every sequence of characters that, mapped back to bytes, is UTF-8 for a math
 * character is replaced by that character (`ΞΈ=ΞΈâˆ’Î·âˆ‡L(ΞΈ)` -> `θ=θ−η∇L(θ)`). Everything else
 * is left as it is. Where a lost byte leaves several readings, the first is taken: callers that
 * must not guess check `ambiguousMojibake` first. Linear in the input.
 */
export function repairMojibake(text: string): string {
  if (!mayHoldMojibake(text)) return text;
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const hit = text.charCodeAt(i) >= 0x80 ? mojibakeAt(text, i) : undefined;
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

/** True when some mojibake in `text` has more than one reading (a lost byte that nothing settles). */
export function ambiguousMojibake(text: string): boolean {
  if (!mayHoldMojibake(text)) return false;
  for (let i = 0; i < text.length; ) {
    const hit = text.charCodeAt(i) >= 0x80 ? mojibakeAt(text, i) : undefined;
    if (hit?.alternatives) return true;
    i += hit ? hit.length : 1;
  }
  return false;
}
