import type { CliIO } from '../io';

/**
 * One toy training of `genmath train NAME ...`: each lives in its own file in this folder and is
 * listed in `src/cli/train.ts`. It parses its own flags (a bad one: CliError with exit code 2),
 * shows a progress bar on stderr only when `io.stderrIsTTY`, and with `--json` prints one final
 * JSON object on stdout.
 */
export interface TrainTask {
  readonly name: string;
  /** One line for `genmath --help`, e.g. `train vae [--dataset NAME] [--steps N] [--seed S] [--json]`. */
  readonly usage: string;
  /**
   * What `genmath train NAME --help` prints after the usage line: what the task does, its options
   * with their ranges, and what `--seed` does (a deterministic task says that it changes nothing).
   */
  readonly help: string;
  run(args: readonly string[], io: CliIO): Promise<number>;
}
