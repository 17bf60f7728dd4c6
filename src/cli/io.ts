/** What a CLI command may touch, so tests can run commands with in-memory streams. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The whole of standard input, read on demand. */
  readonly readStdin: () => Promise<string>;
  /** True when standard error is a terminal (progress bars only then). */
  readonly stderrIsTTY: boolean;
  /**
   * Resolves once standard output has taken what was written so far. A command that streams
   * many lines waits on it now and then, so that its output never piles up in memory.
   */
  readonly drained?: () => Promise<void>;
}

/** An error meant for the person at the terminal: printed as one line, exit code 1 or 2. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** A CLI sub-command: `genmath NAME args...`. Returns the process exit code. */
export interface CliCommand {
  readonly name: string;
  /** One line for `genmath --help`. */
  readonly usage: string;
  /**
   * The text `--help` prints for these arguments, when it says more than the usage line
   * (`genmath train klfit --help` describes that task alone).
   */
  help?(args: readonly string[]): string;
  /**
   * True for a command that draws no random numbers: `main` accepts `--seed S` for it (so one
   * command line works for every command), checks that S is a whole number, and drops it.
   */
  readonly deterministic?: boolean;
  run(args: readonly string[], io: CliIO): Promise<number>;
}
