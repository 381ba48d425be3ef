export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export const LEVEL_RANK: Record<LogLevel, number> = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/*
 * The services report through a plain `log(line)` callback; the words of the line tell how bad it
 * is. Errors are failures of our own code; warnings are things refused, failed or unreachable.
 */
const ERROR_WORDS = /\b(internal error|startup failed|uncaught|crash(ed)?|did not start)\b/i;
const WARN_WORDS =
  /\b(fail(ed|s|ure)?|errors?|refused|denied|blocked|not reachable|unreachable|could not|cannot|ignored|gone|rejected|revoked|timed? ?out|moved .* aside|did not close)\b/i;

export function levelOfLine(line: string): LogLevel {
  if (ERROR_WORDS.test(line)) return 'error';
  if (WARN_WORDS.test(line)) return 'warn';
  return 'info';
}
