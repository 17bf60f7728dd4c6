/**
 * The math characters of Unicode plain text and their TeX, shared by the Unicode converter
 * (unicode.ts) and the mojibake repair (mojibake.ts), which accepts a repair only when it yields
 * one of these.
 */

/** Greek letters and their TeX names. */
export const GREEK: Readonly<Record<string, string>> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'varepsilon', ϵ: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta',
  ϑ: 'vartheta', ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', µ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi', ϖ: 'varpi', ρ: 'rho',
  ϱ: 'varrho', σ: 'sigma', ς: 'varsigma', τ: 'tau', υ: 'upsilon', φ: 'varphi', ϕ: 'phi', χ: 'chi', ψ: 'psi',
  ω: 'omega', Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Υ: 'Upsilon',
  Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
};

/** Math symbols (not letters) and their TeX; a value ending in a letter is a control word. */
export const SYMBOLS: Readonly<Record<string, string>> = {
  '−': '-', '–': '-', '∣': '\\mid', '∥': '\\|', '‖': '\\|', '∼': '\\sim', '~': '\\sim', '∇': '\\nabla', '∂': '\\partial',
  '∫': '\\int', '∬': '\\iint', '∮': '\\oint', '∑': '\\sum', '∏': '\\prod', '≤': '\\le', '≥': '\\ge', '≠': '\\ne',
  '≈': '\\approx', '≃': '\\simeq', '≅': '\\cong', '≡': '\\equiv', '≜': '\\triangleq', '≔': ':=', '≪': '\\ll',
  '≫': '\\gg', '∈': '\\in', '∉': '\\notin', '⊂': '\\subset', '⊆': '\\subseteq', '⊃': '\\supset', '⊇': '\\supseteq',
  '∪': '\\cup', '∩': '\\cap', '∀': '\\forall', '∃': '\\exists', '∞': '\\infty', '±': '\\pm', '∓': '\\mp',
  '×': '\\times', '÷': '\\div', '·': '\\cdot', '⋅': '\\cdot', '∘': '\\circ', '∝': '\\propto', '→': '\\to',
  '←': '\\leftarrow', '↦': '\\mapsto', '⇒': '\\Rightarrow', '⇔': '\\Leftrightarrow', '⟨': '\\langle',
  '⟩': '\\rangle', '…': '\\dots', '⋯': '\\cdots', '∅': '\\emptyset', '⊙': '\\odot', '⊗': '\\otimes',
  '⊕': '\\oplus', '⊤': '\\top', '⊥': '\\perp', '¬': '\\neg', '∧': '\\wedge', '∨': '\\vee', '⌈': '\\lceil',
  '⌉': '\\rceil', '⌊': '\\lfloor', '⌋': '\\rfloor', '½': '\\frac{1}{2}', '¼': '\\frac{1}{4}', '¾': '\\frac{3}{4}',
  'ℝ': '\\mathbb{R}', 'ℕ': '\\mathbb{N}', 'ℤ': '\\mathbb{Z}', 'ℚ': '\\mathbb{Q}', 'ℂ': '\\mathbb{C}',
  '𝔼': '\\mathbb{E}', 'ℒ': '\\mathcal{L}', '𝒩': '\\mathcal{N}', '𝒟': '\\mathcal{D}', '𝒳': '\\mathcal{X}',
  'ℓ': '\\ell', '′': "'", '″': "''", '√': '\\sqrt',
};

/** Unicode superscript characters and what they stand for. */
export const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9',
  '⁺': '+', '⁻': '-', '⁼': '=', '⁽': '(', '⁾': ')', 'ⁿ': 'n', 'ⁱ': 'i', 'ᵀ': 'T',
  // Modifier letters, which pages use for letter exponents (`θᵏ`, `e⁻ᶻ`).
  'ᵃ': 'a', 'ᵇ': 'b', 'ᶜ': 'c', 'ᵈ': 'd', 'ᵉ': 'e', 'ᶠ': 'f', 'ᵍ': 'g', 'ʰ': 'h', 'ʲ': 'j', 'ᵏ': 'k', 'ˡ': 'l',
  'ᵐ': 'm', 'ᵒ': 'o', 'ᵖ': 'p', 'ʳ': 'r', 'ˢ': 's', 'ᵗ': 't', 'ᵘ': 'u', 'ᵛ': 'v', 'ʷ': 'w', 'ˣ': 'x', 'ʸ': 'y',
  'ᶻ': 'z', 'ᴬ': 'A', 'ᴮ': 'B', 'ᴰ': 'D', 'ᴱ': 'E', 'ᴳ': 'G', 'ᴴ': 'H', 'ᴵ': 'I', 'ᴶ': 'J', 'ᴷ': 'K', 'ᴸ': 'L',
  'ᴹ': 'M', 'ᴺ': 'N', 'ᴼ': 'O', 'ᴾ': 'P', 'ᴿ': 'R', 'ᵁ': 'U', 'ⱽ': 'V', 'ᵂ': 'W', 'ᵅ': 'α', 'ᵝ': 'β', 'ᵞ': 'γ',
  'ᵟ': 'δ', 'ᵋ': 'ε', 'ᶿ': 'θ', 'ᶥ': 'ι', 'ᶲ': 'φ', 'ᵠ': 'φ', 'ᵡ': 'χ',
};

/** Unicode subscript characters and what they stand for. */
export const SUBSCRIPTS: Readonly<Record<string, string>> = {
  '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9',
  '₊': '+', '₋': '-', '₌': '=', '₍': '(', '₎': ')', 'ₐ': 'a', 'ₑ': 'e', 'ₒ': 'o', 'ₓ': 'x', 'ₜ': 't',
  'ᵢ': 'i', 'ⱼ': 'j', 'ₖ': 'k', 'ₙ': 'n', 'ₘ': 'm', 'ₚ': 'p', 'ₛ': 's', 'ₗ': 'l', 'ₕ': 'h', 'ᵣ': 'r', 'ᵤ': 'u',
  'ᵥ': 'v', 'ᵦ': 'β', 'ᵧ': 'γ', 'ᵨ': 'ρ', 'ᵩ': 'φ', 'ᵪ': 'χ',
};

/** Combining accents and the TeX accent each stands for (`θ̂` -> `\hat{\theta}`). */
export const ACCENTS: Readonly<Record<string, string>> = {
  '\u0302': 'hat', '\u0303': 'tilde', '\u0304': 'bar', '\u0305': 'overline', '\u0307': 'dot', '\u0308': 'ddot',
  '\u030C': 'check', '\u0306': 'breve', '\u0301': 'acute', '\u0300': 'grave', '\u20D7': 'vec', '\u20D1': 'vec',
};

/** True when the UTF-16 unit is a combining accent (U+0300-U+036F, U+20D0-U+20F0). */
export function isCombiningMark(c: number): boolean {
  return (c >= 0x300 && c <= 0x36f) || (c >= 0x20d0 && c <= 0x20f0);
}

/**
 * Characters that only math uses, so that one of them makes a run an operator-holding candidate.
 * Greek letters are NOT here: a lone `θ` in prose is a mention, not a formula.
 */
const MATH_OPERATOR_CHARS = '−∣∥‖∼∇∂∫∬∮∑∏≤≥≠≈≃≅≡≜≔≪≫∈∉⊂⊆⊃⊇∪∩∀∃∞±∓×÷·⋅∘∝→←↦⇒⇔⟨⟩⋯∅⊙⊗⊕⊤⊥√½¼¾'
  + '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀ₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₜᵢⱼₖₙₘₚₛₗ𝔼ℒ𝒩𝒟𝒳ℝ';

const MATH_OPERATOR_SET: ReadonlySet<number> = new Set([...MATH_OPERATOR_CHARS, ...Object.keys(SUPERSCRIPTS), ...Object.keys(SUBSCRIPTS),
  ...Object.keys(ACCENTS)].map((ch) => ch.codePointAt(0) ?? 0));

/** True when `ch` (one code point) is a math-only operator or symbol. */
export function isMathOperatorChar(ch: string): boolean {
  return ch.length > 0 && MATH_OPERATOR_SET.has(ch.codePointAt(0) ?? 0);
}

/** True when `ch` is a Greek letter. */
export function isGreekLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 0x391 && c <= 0x3a9) || (c >= 0x3b1 && c <= 0x3c9) || c === 0x3d1 || c === 0x3d5 || c === 0x3d6
    || c === 0x3f1 || c === 0x3f5 || c === 0xb5;
}

/** True when `ch` is a math character of any kind (an operator, a Greek letter, a sub- or superscript). */
export function isMathChar(ch: string): boolean {
  return isMathOperatorChar(ch) || isGreekLetter(ch) || ch in SYMBOLS;
}

