import { escapeBidi } from '../core/text/controls';
import { CliError, type CliCommand, type CliIO } from './io';
import { classifyCommand } from './classify';
import { evalCommand } from './eval';
import { explainCommand } from './explain';
import { scanCommand } from './scan';
import { trainCommand } from './train';

/** Every sub-command; each lives in its own file named after it. */
const commands: readonly CliCommand[] = [scanCommand, classifyCommand, explainCommand, evalCommand, trainCommand];

/** What `--help` adds for a command that draws no random numbers. */
export const DETERMINISTIC_NOTE = 'This command draws no random numbers: the same input gives the same output. --seed S is accepted, so that one command line works for every command, and changes nothing.';

/** `args` without `--seed S` (or `--seed=S`); a missing or non-whole S is a usage error. */
export function withoutSeed(args: readonly string[], usage: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a !== '--seed' && !a.startsWith('--seed=')) {
      out.push(a);
      continue;
    }
    const value = a === '--seed' ? args[++i] : a.slice('--seed='.length);
    if (value === undefined || !/^-?\d+$/.test(value)) throw new CliError(`--seed needs a whole number, got ${value === undefined ? 'nothing' : `'${value}'`} (usage: genmath ${usage.split('\n')[0].trim()})`, 2);
  }
  return out;
}

function help(): string {
  return ['usage: genmath COMMAND [ARGS...]', '', ...commands.map((c) => `  ${c.usage}`), ''].join('\n');
}

/**
 * `io` with every bidirectional control character written as a `\uXXXX` escape, on stdout and
 * stderr alike: formulas and file names are echoed in JSON and in messages, and a terminal must
 * show them in the order they are stored. In JSON the escape is the same character to any reader.
 */
function withoutBidi(io: CliIO): CliIO {
  return { ...io, stdout: (t) => io.stdout(escapeBidi(t)), stderr: (t) => io.stderr(escapeBidi(t)) };
}

/** Runs the command line; never throws, so no stack trace reaches the terminal. */
export async function main(argv: readonly string[], rawIo: CliIO): Promise<number> {
  const io = withoutBidi(rawIo);
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`genmath: unknown command '${name}' (try genmath --help)\n`);
    return 2;
  }
  // `genmath classify --help`, `genmath train gan --help`: every command answers it (design.md's contract).
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(command.help ? command.help(args) : `usage: genmath ${command.usage}\n${command.deterministic ? `\n${DETERMINISTIC_NOTE}\n` : ''}`);
    return 0;
  }
  try {
    return await command.run(command.deterministic ? withoutSeed(args, command.usage) : args, io);
  } catch (err) {
    const message = err instanceof CliError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
    io.stderr(`genmath ${name}: ${message.split('\n')[0]}\n`);
    return err instanceof CliError ? err.exitCode : 1;
  }
}

/** Standard input as one string. */
function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

if (require.main === module) {
  const io: CliIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin,
    stderrIsTTY: Boolean(process.stderr.isTTY),
    drained: () => (process.stdout.writableNeedDrain ? new Promise<void>((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
  };
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
