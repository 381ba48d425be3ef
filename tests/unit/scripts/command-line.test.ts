import { describe, expect, it } from 'vitest';
import { CommandLineExit, parseCommandLine, type CommandLineIo, usageFailure } from '../../../node/cli/command-line';

function io() {
  const lines = { out: [] as string[], err: [] as string[] };
  const handle: CommandLineIo = {
    out: (t) => lines.out.push(t),
    err: (t) => lines.err.push(t),
    exit: (code) => {
      throw new CommandLineExit(code);
    },
  };
  return { lines, handle };
}

const CLI = {
  name: 'npm run thing --',
  usage: 'usage: npm run thing -- [--port N]',
  options: { port: { type: 'string', default: '80' }, verbose: { type: 'boolean' } },
} as const;

const exitOf = (fn: () => unknown): number => {
  try {
    fn();
  } catch (e) {
    if (e instanceof CommandLineExit) return e.code;
    throw e;
  }
  throw new Error('did not exit');
};

describe('parseCommandLine', () => {
  it('parses known flags with their defaults', () => {
    const { handle } = io();
    expect(parseCommandLine(CLI, ['--verbose'], handle).values).toMatchObject({ port: '80', verbose: true });
  });

  it('-h and --help print the usage on stdout and exit 0', () => {
    for (const flag of ['-h', '--help']) {
      const { lines, handle } = io();
      expect(exitOf(() => parseCommandLine(CLI, ['--port', '1', flag], handle))).toBe(0);
      expect(lines).toEqual({ out: [CLI.usage], err: [] });
    }
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--port'], "Option '--port <value>' argument missing"],
    [['stray'], "Unexpected argument 'stray'. This command does not take positional arguments"],
  ])('%j is one line on stderr and exit 2', (argv, problem) => {
    const { lines, handle } = io();
    expect(exitOf(() => parseCommandLine(CLI, argv, handle))).toBe(2);
    expect(lines.out).toEqual([]);
    expect(lines.err).toHaveLength(1);
    expect(lines.err[0]).toBe(`npm run thing --: ${problem} (npm run thing -- --help lists the options)`);
  });

  it('usageFailure words a value that parsed but makes no sense the same way', () => {
    const { lines, handle } = io();
    expect(usageFailure(CLI, '--port wants a number, got x', handle)).toBe(2);
    expect(lines.err).toEqual([
      'npm run thing --: --port wants a number, got x (npm run thing -- --help lists the options)',
    ]);
  });
});
