/**
 * A formula's TeX as plain Unicode text, for places that cannot show rendered math: the glossary
 * line of a hover, a CodeLens, a status bar. It covers the symbols of notes on generative models
 * (Greek letters, script and blackboard letters, bars and hats, relations); anything else keeps
 * its TeX spelling, which is still readable.
 */

const COMMANDS: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', vartheta: 'ϑ',
  iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', upsilon: 'υ',
  phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π',
  Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω', nabla: '∇', partial: '∂', infty: '∞', sim: '∼', mid: '|', vert: '|', Vert: '‖',
  '|': '‖', parallel: '‖', cdot: '·', times: '×', leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', approx: '≈', in: '∈',
  leftarrow: '←', gets: '←', rightarrow: '→', to: '→', sum: '∑', prod: '∏', int: '∫', log: 'log', ln: 'ln', exp: 'exp',
  min: 'min', max: 'max', arg: 'arg', odot: '⊙', propto: '∝', ldots: '…', dots: '…', cdots: '⋯', ',': ' ', ';': ' ', '!': '', ' ': ' ',
  quad: ' ', qquad: '  ', left: '', right: '', big: '', Big: '', bigg: '', Bigg: '', langle: '⟨', rangle: '⟩',
};

const RELATIONS = new Set(['mid', 'vert', 'sim', 'leq', 'le', 'geq', 'ge', 'neq', 'approx', 'in', 'leftarrow', 'gets', 'rightarrow', 'to', 'propto', 'parallel']);
const SCRIPT: Readonly<Record<string, string>> = { L: 'ℒ', N: '𝒩', D: '𝒟', X: '𝒳', Z: '𝒵', E: 'ℰ', H: 'ℋ', F: 'ℱ', P: '𝒫', Q: '𝒬' };
const DOUBLE: Readonly<Record<string, string>> = { E: '𝔼', R: 'ℝ', P: 'ℙ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', KL: 'KL' };
/** Wrappers whose argument is shown as it is (fonts and text). */
const PLAIN_WRAPPERS = new Set(['mathrm', 'text', 'textrm', 'operatorname', 'mathbf', 'boldsymbol', 'bm', 'mathit', 'mathsf', 'texttt', 'textit', 'textbf']);

/** Converts TeX to readable Unicode text; never throws, linear in the input. */
export function texToText(tex: string): string {
  let out = '';
  let i = 0;
  const n = tex.length;
  /** The next argument: a braced group or one character/command. */
  const argument = (): string => {
    while (i < n && tex[i] === ' ') i++;
    if (tex[i] === '{') {
      let depth = 0;
      const start = i;
      for (; i < n; i++) {
        if (tex[i] === '{') depth++;
        else if (tex[i] === '}' && --depth === 0) {
          i++;
          return tex.slice(start + 1, i - 1);
        }
      }
      return tex.slice(start + 1);
    }
    if (tex[i] === '\\') {
      const m = /^\\([A-Za-z]+|.)/.exec(tex.slice(i, i + 40));
      i += m ? m[0].length : 1;
      return m ? m[0] : '';
    }
    return tex[i++] ?? '';
  };
  while (i < n) {
    const c = tex[i];
    if (c === '\\') {
      const m = /^\\([A-Za-z]+|.)/.exec(tex.slice(i, i + 40));
      const name = m ? m[1] : '';
      i += m ? m[0].length : 1;
      // TeX drops the spaces after a control word; a word-like one (\log) still needs one before a letter.
      if (/^[A-Za-z]+$/.test(name)) {
        while (tex[i] === ' ') i++;
        if (/^[a-z]+$/.test(COMMANDS[name] ?? '') && /[A-Za-z0-9\\]/.test(tex[i] ?? '')) {
          out += `${COMMANDS[name]} `;
          continue;
        }
      }
      if (name === 'mathcal' || name === 'mathscr') {
        const a = argument();
        out += SCRIPT[a] ?? a;
      } else if (name === 'mathbb') {
        const a = argument();
        out += DOUBLE[a] ?? a;
      } else if (PLAIN_WRAPPERS.has(name)) {
        out += texToText(argument());
      } else if (name === 'hat' || name === 'bar' || name === 'tilde' || name === 'overline' || name === 'widehat') {
        const a = texToText(argument());
        const mark = name === 'hat' || name === 'widehat' ? '\u0302' : name === 'tilde' ? '\u0303' : '\u0304';
        out += a.length === 1 ? a + mark : `${name}(${a})`;
      } else if (name === 'frac' || name === 'tfrac' || name === 'dfrac') {
        const a = texToText(argument());
        const b = texToText(argument());
        out += `${a.length > 1 ? `(${a})` : a}/${b.length > 1 ? `(${b})` : b}`;
      } else if (name === 'sqrt') {
        out += `√(${texToText(argument())})`;
      } else if (name in COMMANDS) {
        // A relation written with a space before it (`x \mid z`) keeps one after it too.
        out += COMMANDS[name] + (RELATIONS.has(name) && out.endsWith(' ') ? ' ' : '');
      } else {
        // Unknown: keep its spelling, and the space that separates it from what follows.
        out += /^[A-Za-z]+$/.test(name) && /[A-Za-z0-9]/.test(tex[i] ?? '') ? `\\${name} ` : `\\${name}`;
      }
    } else if (c === '{' || c === '}') {
      i++;
    } else if (c === '_' || c === '^') {
      i++;
      const a = texToText(argument());
      out += a.length <= 1 ? `${c}${a}` : `${c}{${a}}`;
    } else {
      out += c;
      i++;
    }
  }
  // Subscripts of one token read well as "q_φ"; the braces above keep longer ones unambiguous.
  return out.replace(/\s+/g, ' ').trim();
}
