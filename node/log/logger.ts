import path from 'node:path';
import pino, { type DestinationStream, type StreamEntry } from 'pino';
import pinoRoll from 'pino-roll';
import { LEVEL_RANK, levelOfLine, type LogLevel } from './level';
import { CENSORED, REDACT_PATHS, redactText } from './redact';

/**
 * The log of one process (station host, central, Electron main): JSON lines with an ISO time and a
 * level, in files under `<data>/logs/` that roll daily and at 10 MB (14 kept), and the same
 * message, plain, on the console. Every message and field passes the personal-data redaction.
 * The last warnings and errors are kept in memory for the station's "recent errors" view.
 */

export interface RecentLogLine {
  time: string;
  level: 'warn' | 'error' | 'fatal';
  message: string;
}

export interface HallLogger {
  /** The log directory, or null when this logger writes no files. */
  readonly dir: string | null;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  fatal(message: string, fields?: Record<string, unknown>): void;
  /** For the `log(line)` callbacks of the services: the level comes from the line's words. */
  readonly line: (line: string) => void;
  /** The most recent warnings and errors, newest last. */
  recent(limit?: number): RecentLogLine[];
  /** Writes out what is buffered (before a crash exit). */
  flushSync(): void;
  close(): Promise<void>;
}

export interface LoggerOptions {
  /** The program, in every line and in the file name: station, central, electron-main. */
  name: string;
  /** Directory for the rolled files; none → console (and memory) only. */
  dir?: string;
  level?: LogLevel;
  /** Echo messages on the console: info to stdout, warnings and errors to stderr (default true). */
  console?: boolean;
  /** How many warnings and errors recent() keeps (default 200). */
  keepRecent?: number;
  /** Roll at this size (pino-roll units, default '10m') and keep this many old files (default 14). */
  size?: string;
  keepFiles?: number;
}

export const LOG_DIR_NAME = 'logs';

/** `<data>/logs`: where a program whose data directory is `dataDir` writes its log. */
export const logDirOf = (dataDir: string): string => path.join(dataDir, LOG_DIR_NAME);

type RollStream = DestinationStream & { flushSync?(): void; end(): void; once(e: string, f: () => void): void };

export async function createLogger(options: LoggerOptions): Promise<HallLogger> {
  const level = options.level ?? 'info';
  const keepRecent = options.keepRecent ?? 200;
  const echo = options.console ?? true;
  const dir = options.dir ? path.resolve(options.dir) : null;

  let file: RollStream | null = null;
  if (dir) {
    file = (await pinoRoll({
      file: path.join(dir, options.name),
      extension: '.log',
      frequency: 'daily',
      dateFormat: 'yyyy-MM-dd',
      size: options.size ?? '10m',
      limit: { count: options.keepFiles ?? 14 },
      mkdir: true,
    })) as unknown as RollStream;
  }
  const streams: StreamEntry[] = file ? [{ stream: file, level }] : [];
  const base = pino(
    {
      level,
      base: { program: options.name, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: CENSORED },
    },
    pino.multistream(streams),
  );

  const recent: RecentLogLine[] = [];
  const write = (at: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (LEVEL_RANK[at] < LEVEL_RANK[level]) return;
    const text = redactText(message);
    const safeFields = fields ? (JSON.parse(redactText(JSON.stringify(fields))) as Record<string, unknown>) : undefined;
    if (safeFields) base[at](safeFields, text);
    else base[at](text);
    if (at === 'warn' || at === 'error' || at === 'fatal') {
      recent.push({ time: new Date().toISOString(), level: at, message: text });
      if (recent.length > keepRecent) recent.splice(0, recent.length - keepRecent);
    }
    if (echo) {
      if (LEVEL_RANK[at] >= LEVEL_RANK.warn) console.error(text);
      else console.log(text);
    }
  };

  let closed: Promise<void> | null = null;
  return {
    dir,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    fatal: (m, f) => write('fatal', m, f),
    line: (line) => write(levelOfLine(line), line),
    recent: (limit = 50) => recent.slice(-Math.max(0, Math.min(limit, keepRecent))),
    flushSync() {
      try {
        file?.flushSync?.();
      } catch {
        // Nothing is buffered (or the file is gone): nothing more can be saved.
      }
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        if (!file) return resolve();
        file.once('close', () => resolve());
        file.once('error', () => resolve());
        file.end();
      });
      return closed;
    },
  };
}

/** A logger that writes nowhere but keeps the recent list: the default of hosts started by tests. */
export function memoryLogger(): HallLogger {
  const recent: RecentLogLine[] = [];
  const keep = (level: RecentLogLine['level'], message: string) => {
    recent.push({ time: new Date().toISOString(), level, message: redactText(message) });
    if (recent.length > 200) recent.shift();
  };
  const noop = () => {};
  return {
    dir: null,
    debug: noop,
    info: noop,
    warn: (m) => keep('warn', m),
    error: (m) => keep('error', m),
    fatal: (m) => keep('fatal', m),
    line: (line) => {
      const level = levelOfLine(line);
      if (level !== 'info' && level !== 'debug') keep(level, line);
    },
    recent: (limit = 50) => recent.slice(-limit),
    flushSync: noop,
    close: async () => {},
  };
}
