/** LaTeX comments, for the passes that read a file's structure rather than its math. */

/**
 * The text with every `%` comment (an unescaped `%` to the end of its line) blanked to spaces, so
 * offsets into it are offsets into the text.
 */
export function blankComments(text: string): string {
  return text.replace(/(^|[^\\])((?:\\\\)*)%[^\n\r]*/g, (m, a: string, b: string) => a + b + ' '.repeat(m.length - a.length - b.length));
}
