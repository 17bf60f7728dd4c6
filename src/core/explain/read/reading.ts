/**
 * A formula as the explainer reads it: the parser's tree, each line read into the expression
 * tree, the formula's symbols, and small questions variant detection asks of it.
 */
import { parseMath } from '../../parse/parser';
import type { ParsedFormula } from '../../parse/tree';
import { tex } from '../../recognize/query';
import type { Classification, FormulaCard } from '../../recognize/types';
import { formulaSymbols, symbolsOf } from '../check/symbols';
import type { Expr, Stmt } from '../expr/types';
import { nodes } from '../expr/walk';
import { readLine, type ReadLine } from './translate';

/** The formula, read. */
export interface Reading {
  readonly card: FormulaCard;
  /** The note's TeX (delimiters removed). */
  readonly tex: string;
  /** Each line of the formula read into a statement. */
  readonly lines: readonly ReadLine[];
  /** Every symbol the formula writes, canonical TeX. */
  readonly symbols: ReadonlySet<string>;
  /** Every node of every line. */
  readonly all: readonly Expr[];
}

/** Reads a card's formula. Never throws: an unreadable formula has no lines. */
export function readFormula(card: FormulaCard): Reading {
  let lines: ReadLine[] = [];
  try {
    lines = parseMath(card.tex).lines.map(readLine);
  } catch {
    lines = [];
  }
  const all = lines.flatMap((l) => l.stmt.parts.flatMap((p) => [...nodes(p)]));
  return { card, tex: card.tex, lines, symbols: formulaSymbols(card.tex), all };
}

/** The node type whose tag includes `T` (works for nodes that share a shape, such as sum and prod). */
export type NodeOf<T extends Expr['t']> = Expr extends infer U ? (U extends { t: infer K } ? (T extends K ? U : never) : never) : never;

/**
 * Reads an already parsed formula (recognition's parse, reused by the glossary) with the
 * classification it got. The TeX is rebuilt from the tree, which is enough for the few questions
 * detection asks of the source text.
 */
export function readParsed(parsed: ParsedFormula, c: Classification): Reading {
  const lines = parsed.lines.map(readLine);
  const all = lines.flatMap((l) => l.stmt.parts.flatMap((p) => [...nodes(p)]));
  const source = parsed.lines.map((l) => tex(l)).join(' \\\\ ');
  const card: FormulaCard = { ...c, title: '', glossary: [], tex: source };
  return { card, tex: source, lines, symbols: symbolsOf(parsed.lines), all };
}

/** Every node of a kind. */
export function every<T extends Expr['t']>(r: Reading | readonly Expr[], t: T): NodeOf<T>[] {
  const list = Array.isArray(r) ? (r as readonly Expr[]).flatMap((e) => [...nodes(e)]) : (r as Reading).all;
  return list.filter((e) => e.t === t) as NodeOf<T>[];
}

/** True when the formula writes the symbol (canonical TeX). */
export function has(r: Reading, name: string): boolean {
  return r.symbols.has(name);
}

/** The head of a density or function with its subscript, e.g. `q_{\phi}` -> `\phi`, or undefined. */
export function subscriptOf(head: string): string | undefined {
  const m = /^[^_]+_\{?(.+?)\}?$/.exec(head);
  return m ? m[1] : undefined;
}

/** The first line's statement, if the formula has one. */
export function firstStmt(r: Reading): Stmt | undefined {
  return r.lines[0]?.stmt;
}

/**
 * The name and definition when the formula defines something (`\mathcal{L} = ...`,
 * `L(\theta) = ...`, `\theta_{t+1} = ...`): its left side is a symbol, an indexed symbol or a
 * function of symbols, and its one relation is `=` or `:=`.
 */
export function definitionOf(r: Reading): { lhs: Expr; rhs: Expr } | undefined {
  if (r.lines.length !== 1) return undefined;
  const s = r.lines[0].stmt;
  if (s.parts.length !== 2 || !['=', ':=', 'def='].includes(s.rels[0])) return undefined;
  const lhs = s.parts[0];
  const ok = lhs.t === 'sym' || lhs.t === 'idx' || (lhs.t === 'call' && lhs.args.every((a) => a.t === 'sym'));
  return ok ? { lhs, rhs: s.parts[1] } : undefined;
}
