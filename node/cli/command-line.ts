import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/**
 * One way every command-line tool reads its flags: `--help`/`-h` prints the usage and exits 0; an
 * unknown flag, a missing value or a stray argument prints ONE line naming the problem and exits 2
 * (the usual status for a usage error), so a typo never starts a half-configured server.
 */
export interface CommandLine<O extends ParseArgsOptionsConfig> {
  /** The command as the user types it, e.g. `npm run central --`. */
  name: string;
  /** The full usage text printed by --help. */
  usage: string;
  options: O;
  allowPositionals?: boolean;
}

export interface CommandLineIo {
  out(text: string): void;
  err(text: string): void;
  exit(code: number): never;
}

const processIo: CommandLineIo = {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  exit: (code) => process.exit(code),
};

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O & typeof HELP; allowPositionals: true; strict: true }>
>;

/** The first line of parseArgs' message, without its advice to use `--` (our tools take no such values). */
export function usageProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
}

export function parseCommandLine<O extends ParseArgsOptionsConfig>(
  cli: CommandLine<O>,
  argv: string[] = process.argv.slice(2),
  io: CommandLineIo = processIo,
): Parsed<O> {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...cli.options, ...HELP },
      allowPositionals: cli.allowPositionals ?? false,
      strict: true,
    }) as Parsed<O>;
  } catch (error) {
    return io.exit(usageFailure(cli, usageProblem(error), io));
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(cli.usage);
    return io.exit(0);
  }
  return parsed;
}

/** A flag that parsed but makes no sense (`--port abc`): the same one line and status 2. */
export function usageFailure(cli: { name: string }, problem: string, io: Pick<CommandLineIo, 'err'> = processIo): 2 {
  io.err(`${cli.name}: ${problem} (${cli.name} --help lists the options)`);
  return 2;
}

/** Thrown by `returningIo().exit`: lets a CLI's main(argv) return the status instead of exiting (tests call it in-process). */
export class CommandLineExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export const returningIo = (): CommandLineIo => ({
  ...processIo,
  exit: (code) => {
    throw new CommandLineExit(code);
  },
});
