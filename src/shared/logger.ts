/**
 * Where GenMath says what went wrong without interrupting anyone: a render that gave up, a
 * setting that was refused, a worker that failed, a malformed message that was dropped. The
 * extension shows it in the "GenMath" output channel; tests pass a fake that records the lines.
 * Nothing in GenMath writes to `console`.
 */
export interface Logger {
  /** Something worth knowing when looking for a cause, not a failure. */
  info(message: string): void;
  /** Something was refused or given up on, and the person saw a fallback. */
  warn(message: string): void;
  /** Something failed that should not have (a worker crashed, a renderer did not start). */
  error(message: string): void;
}

/** A logger that drops everything: the default where no logger is given (benchmarks, the CLI). */
export const SILENT_LOGGER: Logger = Object.freeze({ info: () => undefined, warn: () => undefined, error: () => undefined });

/** The first `max` characters of a formula or message, on one line, for a log line that stays short. */
export function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
