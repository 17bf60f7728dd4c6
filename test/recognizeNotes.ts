// The recognize-notes fixtures (test/fixtures/recognize-notes/): notes in every format with a
// manifest of hover points and the kind a careful reader gives each. The unit test, the in-host
// test and the Playwright test all read the manifest and the hover's first line through here, so
// the three count a point as right or wrong the same way.
import * as fs from 'fs';
import * as path from 'path';
import { FORMULA_KINDS, KINDS, type FormulaKind } from '../src/core/recognize';
import { escapeMarkdown, hoverTitle } from '../src/host/hoverMarkdown';

/** The folder of the notes, below the repository's root. */
export const NOTES_FOLDER = path.join('test', 'fixtures', 'recognize-notes');

/** How a note writes its math. */
export type NoteFormat = 'markdown' | 'latex' | 'notebook' | 'unicode';

/** One place to hover and the kind its formula is. */
export interface HoverPoint {
  readonly file: string;
  /** For a notebook: the 0-based index of the markdown cell. */
  readonly cell?: number;
  /** 1-based, as VS Code's Go to Line counts. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
  readonly kind: FormulaKind;
  /** The formula's text at that place (for messages and for checking the fixture). */
  readonly formula: string;
}

/** The manifest: each note's format and every hover point. */
export interface NotesManifest {
  readonly files: Readonly<Record<string, NoteFormat>>;
  readonly points: readonly HoverPoint[];
}

const FORMATS: readonly NoteFormat[] = ['markdown', 'latex', 'notebook', 'unicode'];

/** Reads and checks `manifest.json` in `folder`; throws with the reason when it is malformed. */
export function loadManifest(folder: string): NotesManifest {
  const raw = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as { files?: unknown; points?: unknown };
  const files = raw.files as Record<string, NoteFormat>;
  if (typeof files !== 'object' || files === null) throw new Error('manifest.json has no "files"');
  for (const [file, format] of Object.entries(files)) if (!FORMATS.includes(format)) throw new Error(`manifest.json: ${file} has unknown format ${String(format)}`);
  if (!Array.isArray(raw.points)) throw new Error('manifest.json has no "points"');
  const points = raw.points as HoverPoint[];
  for (const p of points) {
    const where = JSON.stringify(p);
    if (!(p.file in files)) throw new Error(`manifest.json: point in a file with no format: ${where}`);
    if (!Number.isInteger(p.line) || p.line < 1 || !Number.isInteger(p.column) || p.column < 1) throw new Error(`manifest.json: bad line or column: ${where}`);
    if (!FORMULA_KINDS.includes(p.kind)) throw new Error(`manifest.json: unknown kind: ${where}`);
    if (files[p.file] === 'notebook' && !Number.isInteger(p.cell)) throw new Error(`manifest.json: a notebook point needs its cell: ${where}`);
    if (typeof p.formula !== 'string' || p.formula === '') throw new Error(`manifest.json: no formula: ${where}`);
  }
  return { files, points };
}

/** The text of the document a point is in: the file, or the notebook's markdown cell. */
export function documentText(folder: string, point: Pick<HoverPoint, 'file' | 'cell'>): string {
  const raw = fs.readFileSync(path.join(folder, point.file), 'utf8');
  if (point.cell === undefined) return raw;
  const cell = (JSON.parse(raw) as { cells: { cell_type: string; source: string | string[] }[] }).cells[point.cell];
  if (!cell || cell.cell_type !== 'markdown') throw new Error(`${point.file} has no markdown cell ${point.cell}`);
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** The UTF-16 offset of a 1-based line and column in `text`. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) throw new Error(`the text has no line ${line}`);
    offset = next + 1;
  }
  return offset + column - 1;
}

/** Every way the hover may name each kind: its title, and its title worded as a guess. */
const NAMES: readonly { kind: FormulaKind; name: string }[] = FORMULA_KINDS.filter((k) => k !== 'none').flatMap((kind) => [
  { kind, name: hoverTitle({ kind, title: KINDS[kind].title, confidence: 1 }) },
  { kind, name: hoverTitle({ kind, title: KINDS[kind].title, confidence: 0 }) },
]);

/**
 * The kind a hover names in its first line, from its markdown (`**KL divergence**: ...`) or, with
 * `rendered`, from the text the workbench shows (`KL divergence: ...`). A hover that names no kind
 * (the formula image alone, or no hover at all) names `none`.
 */
export function kindNamed(hover: string, rendered = false): FormulaKind {
  const first = hover.trimStart().split('\n', 1)[0] ?? '';
  for (const { kind, name } of NAMES) {
    const shown = rendered ? `${name}:` : `**${escapeMarkdown(name)}**:`;
    if (first.startsWith(shown)) return kind;
  }
  return 'none';
}

/** What one hover point gave. */
export interface PointResult {
  readonly point: HoverPoint;
  readonly named: FormulaKind;
  /** The hover's first line, for the report. */
  readonly firstLine: string;
}

/** How many points named their labelled kind, and the report of every miss. */
export function tally(results: readonly PointResult[]): { right: number; total: number; share: number; misses: string[] } {
  const misses = results
    .filter((r) => r.named !== r.point.kind)
    .map((r) => `${r.point.file}${r.point.cell !== undefined ? `#cell${r.point.cell}` : ''}:${r.point.line}:${r.point.column} labelled ${r.point.kind}, hover named ${r.named} (${r.firstLine.slice(0, 80) || 'no hover'}): ${r.point.formula}`);
  const right = results.length - misses.length;
  return { right, total: results.length, share: results.length === 0 ? 0 : right / results.length, misses };
}

/** The share of points that must name their labelled kind (issue 10: at least 0.95). */
export const REQUIRED_SHARE = 0.95;
